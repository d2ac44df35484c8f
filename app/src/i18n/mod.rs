//! Every user-facing text comes from `nikoo_types::i18n` (compiled from the
//! workspace's `i18n/{fa,en}/**/*.ftl`); re-exported here with the page's
//! locale and in-locale links, which need Leptos.

pub use nikoo_types::i18n::site::{strings, Strings};
pub use nikoo_types::i18n::{accounts, beneficiaries, giving, imports, rules, site, workspace};

use leptos::prelude::*;
use nikoo_types::Locale;

/// The page's locale, provided by the locale layout.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The words of a `?notice=` code, if it is one.
pub fn notice(code: &str, locale: Locale) -> Option<&'static str> {
    nikoo_types::notices::Notice::from_code(code).map(|n| n.text(locale))
}
