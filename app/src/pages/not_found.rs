//! The 404 page, in both languages (the locale may be unknown).

use crate::i18n::{EN, FA};
use leptos::prelude::*;
use leptos_meta::{Html, Title};

/// Answers 404, in Persian and English.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    crate::error::set_status(404);
    view! {
        <Html attr:lang="fa" attr:dir="rtl"/>
        <Title text="۴۰۴ · Not found"/>
        <main id="main" class="container error-page" data-status="404">
            <section lang="fa" dir="rtl">
                <h1>{FA.not_found_title}</h1>
                <p>{FA.not_found_text}</p>
                <p><a href="/fa/">{FA.back_home}</a></p>
            </section>
            <section lang="en" dir="ltr">
                <h2>{EN.not_found_title}</h2>
                <p>{EN.not_found_text}</p>
                <p><a href="/en/">{EN.back_home}</a></p>
            </section>
        </main>
    }
}
