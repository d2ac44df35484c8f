//! Form pieces shared by the account and staff pages: labelled fields with
//! their translated errors, the form-level error, and the notice a
//! successful form leads to. Forms are `ActionForm`s: they post without
//! JavaScript too, and the error comes back in the URL (`__err`).

use crate::error::AppError;
use crate::i18n::notice;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use nikoo_types::Locale;

/// The last error of a form's action, if its last call failed.
pub type FormError = Signal<Option<AppError>>;

/// The error of `action`'s last call.
pub fn action_error<S>(action: ServerAction<S>) -> FormError
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The translated message of `error` when it is a field error for `name`.
pub fn field_message(
    error: FormError,
    name: &'static str,
    locale: Locale,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    field_message_in(error, "", name, locale)
}

/// As [`field_message`], with the rule texts of `context` first (e.g.
/// `import_`: an import file's own words for `wrong_type`).
pub fn field_message_in(
    error: FormError,
    context: &'static str,
    name: &'static str,
    locale: Locale,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        error.get().and_then(|e| {
            e.field_error(name)
                .map(|f| f.code.message(context, &f.field, locale))
        })
    }
}

/// The value of the page's query parameter `name` (empty when absent).
pub fn query_value(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get(name).unwrap_or_default())
}

/// The page's query string: private pages read their data again when it
/// changes (a successful form leads to `?notice=…`).
pub fn query_key() -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let location = leptos_router::hooks::use_location();
    move || location.search.get()
}

/// The error a plain `multipart/form-data` form's route sent back in the
/// page's `?error={field}.{code}` (see `nikoo_server::files`).
pub fn route_error() -> FormError {
    let query = use_query_map();
    Signal::derive(move || {
        query.with(|q| q.get("error")).and_then(|e| {
            let (field, code) = e.split_once('.')?;
            let rule = nikoo_types::outcome::Rule::from_code(code)?;
            Some(AppError::Invalid(nikoo_types::outcome::FieldError::new(
                field, rule,
            )))
        })
    })
}

/// The hidden inputs every form posts: `lang`, so the server answers in
/// the page's language, and `form_key`, a fresh idempotency key per
/// rendered form, so the form sent twice is done once
/// (`nikoo_domain::form_keys`, `nikoo_server::form_keys`). Forms are
/// rendered on the server only (never inside an island).
#[component]
pub fn LangInput(locale: Locale) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let key = nikoo_domain::form_keys::new_key();
    #[cfg(not(feature = "ssr"))]
    let key = String::new();
    view! {
        <input type="hidden" name="lang" value=locale.code()/>
        <input type="hidden" name="form_key" value=key/>
    }
}

/// A file form's `action` with a fresh idempotency key in its query
/// (`form_key`): a file form's body is not read before its route runs, so
/// its key travels in the address (`nikoo_server::form_keys`).
pub fn keyed(action: String) -> String {
    #[cfg(feature = "ssr")]
    let action =
        nikoo_types::routes::with_query(&action, "form_key", &nikoo_domain::form_keys::new_key());
    action
}

/// What the page's refused form held for field `name`, when the server
/// handed the page one (`nikoo_types::refused`, kept by
/// `nikoo_server::form_keys`): a refused form comes back as it was typed.
pub fn refused_value(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|p| {
            p.extensions
                .get::<nikoo_types::refused::RefusedForm>()
                .and_then(|f| f.value(name).map(str::to_owned))
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

/// Whether the page shows a refused form's values (files are not kept:
/// file fields say so).
pub fn has_refused_form() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_some_and(|p| {
            p.extensions
                .get::<nikoo_types::refused::RefusedForm>()
                .is_some()
        })
    }
    #[cfg(not(feature = "ssr"))]
    false
}

/// An input's id: `id` when given (a form repeating another's inputs on
/// one page), else `f-{name}`.
fn input_id(name: &str, id: String) -> String {
    if id.is_empty() {
        format!("f-{name}")
    } else {
        id
    }
}

/// A labelled input. Its error (a field error for `name`) is shown under it,
/// tied to it by `aria-describedby`, and marks it `aria-invalid`.
#[component]
pub fn Field(
    name: &'static str,
    label: &'static str,
    error: FormError,
    locale: Locale,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] dir: &'static str,
    #[prop(optional)] inputmode: &'static str,
    /// The input's id, when `f-{name}` would repeat one on the page.
    #[prop(optional, into)]
    id: String,
) -> impl IntoView {
    let id = input_id(name, id);
    let value = refused_value(name).unwrap_or(value);
    let err_id = format!("{id}-error");
    let message = field_message(error, name, locale);
    let invalid = move || message().is_some().then_some("true");
    let described = {
        let err_id = err_id.clone();
        move || message().is_some().then(|| err_id.clone())
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                required=required
                value=value
                dir=(!dir.is_empty()).then_some(dir)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-invalid=invalid
                aria-describedby=described
            />
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <p class="field-error" id=err_id role="alert">{message}</p>
        </div>
    }
}

/// A labelled multi-line input with its field error.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    error: FormError,
    locale: Locale,
    #[prop(optional)] dir: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: &'static str,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] id: String,
) -> impl IntoView {
    let id = input_id(name, id);
    let value = refused_value(name).unwrap_or(value);
    let message = field_message(error, name, locale);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea id=id name=name rows=rows dir=(!dir.is_empty()).then_some(dir) aria-invalid=move || message().is_some().then_some("true")>{crate::raw_text_child(value)}</textarea>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <p class="field-error" role="alert">{message}</p>
        </div>
    }
}

/// A labelled `<select>` of `(value, label)` options with its field error;
/// `selected` is the chosen value, `placeholder` an empty first option.
#[component]
pub fn Select(
    name: &'static str,
    label: &'static str,
    error: FormError,
    locale: Locale,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional, into)] id: String,
) -> impl IntoView {
    let id = input_id(name, id);
    let selected = refused_value(name).unwrap_or(selected);
    let message = field_message(error, name, locale);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=move || message().is_some().then_some("true")>
                {(!placeholder.is_empty()).then(|| view! { <option value="">{placeholder}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" role="alert">{message}</p>
        </div>
    }
}

/// The form's error that no field shows (`fields` lists the form's inputs).
#[component]
pub fn FormAlert(
    error: FormError,
    locale: Locale,
    fields: &'static [&'static str],
) -> impl IntoView {
    let message = move || {
        error.get().and_then(|e| {
            let shown = fields.iter().any(|f| e.field_error(f).is_some());
            (!shown).then(|| e.message(locale))
        })
    };
    view! {
        {move || message().map(|m| view! { <p class="form-alert" role="alert">{m}</p> })}
    }
}

/// The notice named by the page's `?notice=` (after a successful form).
#[component]
pub fn Notice(locale: Locale) -> impl IntoView {
    let query = use_query_map();
    let text = move || query.with(|q| q.get("notice").and_then(|c| notice(&c, locale)));
    view! {
        {move || text().map(|t| view! { <p class="notice" role="status">{t}</p> })}
    }
}

/// A submit button, disabled while its form is being sent.
#[component]
pub fn Submit(
    label: &'static str,
    pending: Signal<bool>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <button type="submit" class=if class.is_empty() { "button" } else { class } disabled=move || pending.get()>
            {label}
        </button>
    }
}
