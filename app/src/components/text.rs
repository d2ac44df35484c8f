//! Showing bilingual text with the right language marks.

use leptos::prelude::*;
use nikoo_types::{Locale, LocalizedText};

/// A `<span>` with the text in the page's locale; when only the other
/// language exists, the span carries that language's `lang` and `dir`.
#[component]
pub fn Localized(text: LocalizedText, locale: Locale) -> impl IntoView {
    let fallback = text.fallback_locale(locale);
    let value = text.get(locale).to_owned();
    view! {
        <span lang=fallback.map(Locale::code) dir=fallback.map(Locale::dir)>{value}</span>
    }
}
