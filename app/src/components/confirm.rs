//! Destructive actions behind a second step (issue 16): the first button
//! only opens what will happen and the form that does it. A `<details>`
//! disclosure, so the step works the same without JavaScript; nothing is
//! sent on the first click.

use crate::components::form::FormError;
use crate::components::icon::{Icon, IconName};
use leptos::prelude::*;

/// A destructive action: a danger-styled button (`label`) that opens the
/// `warning` and `children`, the form whose own danger button does it.
/// `error`: the form's error; while there is one the step stays open, so
/// a refusal (a wrong password) is seen where it was typed.
#[component]
pub fn Confirm(
    label: &'static str,
    warning: &'static str,
    #[prop(optional)] error: Option<FormError>,
    children: Children,
) -> impl IntoView {
    let open = move || error.is_some_and(|e| e.with(Option::is_some));
    view! {
        <details class="confirm" open=open>
            <summary class="button danger">{label}</summary>
            <div class="confirm-panel">
                <p class="confirm-warning">
                    <Icon name=IconName::AlertTriangle/>
                    " " {warning}
                </p>
                {children()}
            </div>
        </details>
    }
}
