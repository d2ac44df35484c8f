//! Every user-facing text, in Persian and English, compiled from the
//! workspace's `i18n/{fa,en}/**/*.ftl` files by `types/build.rs`: one
//! module per file, each a `Strings` struct with one field per message, a
//! `FA` and an `EN` value, `strings(locale)` and `lookup(name)`. A message
//! missing in either language fails the build. Placeholders are
//! `{name}`, replaced by the code that shows the text.
//!
//! Translators edit the `.ftl` files (Fluent syntax: `name = text`, a
//! variable as `{ $name }`); nothing here needs changing for a text.

pub mod accounts;
pub mod beneficiaries;
pub mod emails;
pub mod giving;
pub mod imports;
pub mod notices;
pub mod rules;
pub mod site;
pub mod workspace;
