//! One module per page.

pub mod accounts;
pub mod beneficiaries;
pub mod giving;
pub mod imports;
pub mod layout;
pub mod not_found;
pub mod staff;
pub mod transparency;
pub mod workspace;

use crate::error::{set_status, AppError};
use crate::i18n::strings;
use leptos::prelude::*;
use nikoo_types::routes;
use nikoo_types::Locale;

/// The error view of a page whose data failed; also sets the status.
#[component]
///
/// `nested`: the page already has its `<h1>`, so the error's heading is an `<h2>`.
/// An anonymous visitor is sent to the login page instead, with `next`
/// set to where they were going.
pub fn ErrorView(error: AppError, locale: Locale, #[prop(optional)] nested: bool) -> impl IntoView {
    if error == AppError::Unauthenticated {
        let location = leptos_router::hooks::use_location();
        let search = location.search.get_untracked();
        let query = search.trim_start_matches('?');
        let here = if query.is_empty() {
            location.pathname.get_untracked()
        } else {
            format!("{}?{query}", location.pathname.get_untracked())
        };
        let path = format!(
            "{}?next={}",
            routes::login(locale, None),
            nikoo_types::query::percent_encode(&here)
        );
        return view! { <leptos_router::components::Redirect path/> }.into_any();
    }
    set_status(error.status());
    let s = strings(locale);
    let title = match error {
        AppError::NotFound => s.not_found_title,
        AppError::Invalid(_) => s.bad_request_title,
        AppError::Forbidden => s.forbidden_title,
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
                <a href=routes::home(locale)>{s.back_home}</a>
            </p>
        </section>
    }
    .into_any()
}
