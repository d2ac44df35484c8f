//! Showing bilingual text with the right language marks.

use leptos::prelude::*;
use nikoo_types::{Locale, LocalizedText};

/// A `<span>` with the text in the page's locale; when only the other
/// language exists, the span carries that language's `lang` and `dir`
/// and is followed by a note naming the language ("(in Persian)"), so a
/// reader knows why it is not in theirs.
#[component]
pub fn Localized(text: LocalizedText, locale: Locale) -> impl IntoView {
    let fallback = text.fallback_locale(locale);
    let value = text.get(locale).to_owned();
    view! {
        <span lang=fallback.map(Locale::code) dir=fallback.map(Locale::dir)>{value}</span>
        {fallback.map(|other| view! { " " <small class="lang-note">{in_language(other, locale)}</small> })}
    }
}

/// "(in Persian)" / "(به انگلیسی)": the note after a text shown in
/// `other` on a `locale` page.
pub fn in_language(other: Locale, locale: Locale) -> &'static str {
    let s = crate::i18n::strings(locale);
    match other {
        Locale::Fa => s.in_persian,
        Locale::En => s.in_english,
    }
}

/// A `<div>` with sanitized HTML in the page's locale (the server cleaned
/// it: `nikoo_domain::markdown`), marked with the other language's `lang`
/// and `dir` when only that one exists. Nothing when there is none.
#[component]
pub fn LocalizedHtml(html: LocalizedText, locale: Locale, class: &'static str) -> impl IntoView {
    let fallback = html.fallback_locale(locale);
    let value = html.get(locale).to_owned();
    (!value.is_empty()).then(|| {
        view! {
            <div class=class lang=fallback.map(Locale::code) dir=fallback.map(Locale::dir) inner_html=value></div>
        }
    })
}

/// Both languages of a text, each labelled and isolated in its own
/// direction (`<bdi>`), a missing one shown as "—": where a reviewer must
/// see everything a name says, not only the page's language (the admin's
/// verification queue).
#[component]
pub fn BothLanguages(text: LocalizedText, locale: Locale) -> impl IntoView {
    let a = crate::i18n::accounts::strings(locale);
    let line = |label: &'static str, value: Option<String>, lang: Locale| {
        view! {
            <span class="both-languages">
                {label}": "
                <bdi lang=lang.code() dir=lang.dir()>{value.unwrap_or_else(|| "—".to_owned())}</bdi>
            </span>
        }
    };
    view! {
        {line(a.name_fa, text.fa, Locale::Fa)}
        <br/>
        {line(a.name_en, text.en, Locale::En)}
    }
}
