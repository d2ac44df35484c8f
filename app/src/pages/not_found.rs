//! The 404 page, in both languages: the path's language first when the
//! first segment names one, else Persian.

use crate::i18n::strings;
use leptos::prelude::*;
use leptos_meta::{Html, Title};
use leptos_router::hooks::use_location;
use nikoo_types::Locale;

/// Answers 404, in Persian and English.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    crate::error::set_status(404);
    let path = use_location().pathname.get_untracked();
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .and_then(Locale::from_code)
        .unwrap_or_default();
    let s = strings(first);
    let section = |l: Locale| {
        let t = strings(l);
        let home = format!("/{}/", l.code());
        view! {
            <section lang=l.code() dir=l.dir()>
                <h2>{t.not_found_title}</h2>
                <p>{t.not_found_text}</p>
                <p><a href=home>{t.back_home}</a></p>
            </section>
        }
    };
    view! {
        <Html attr:lang=first.code() attr:dir=first.dir()/>
        <Title text=format!("{} · {}", s.not_found_page_title, s.site_name)/>
        <main id="main" class="container error-page" data-status="404">
            <h1>{s.site_name}</h1>
            {section(first)}
            {section(first.other())}
        </main>
    }
}
