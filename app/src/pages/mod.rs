//! One module per page.

pub mod center;
pub mod home;
pub mod layout;
pub mod not_found;
pub mod program;
pub mod programs;

use crate::error::{set_status, AppError};
use crate::i18n::{href, strings};
use leptos::prelude::*;
use nikoo_types::Locale;

/// The error view of a page whose data failed; also sets the status.
#[component]
///
/// `nested`: the page already has its `<h1>`, so the error's heading is an `<h2>`.
pub fn ErrorView(error: AppError, locale: Locale, #[prop(optional)] nested: bool) -> impl IntoView {
    set_status(error.status());
    let s = strings(locale);
    let title = match error {
        AppError::NotFound => s.not_found_title,
        AppError::BadRequest(_) => s.bad_request_title,
        _ => s.internal_error,
    };
    view! {
        <leptos_meta::Title text=title/>
        <section class="error-page" data-status=error.status()>
            {if nested {
                view! { <h2>{title}</h2> }.into_any()
            } else {
                view! { <h1>{title}</h1> }.into_any()
            }}
            <p role="alert">{error.message(locale)}</p>
            <p>
                <a href=href(locale, "/")>{s.back_home}</a>
            </p>
        </section>
    }
}
