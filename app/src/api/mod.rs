//! Server functions: thin adapters that read the state, call one domain
//! service and map its error (STYLE.md, habit 2). Public reads here;
//! accounts in [`account`], centers and staff in [`staff`].

pub mod account;
pub mod beneficiaries;
pub mod giving;
pub mod imports;
pub mod items;
pub mod pledges;
pub mod programs;
pub mod staff;

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use nikoo_types::query::ProgramQuery;
use nikoo_types::query::RawProgramQuery;
use nikoo_types::transparency::{
    CenterDetail, FilterOptions, PlatformOverview, ProgramDetail, ProgramPage,
};

/// Sets the HTTP status of a failing server function call to the error's
/// (404, 400, 500) instead of server_fn's blanket 500, and passes it on.
#[cfg(feature = "ssr")]
pub(crate) fn failed(e: impl Into<AppError>) -> AppError {
    let e = e.into();
    // A form posted without JavaScript is redirected back to its page with
    // the error in the URL (server_fn's form redirect): keep that 302.
    let plain_form = use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    });
    if !plain_form {
        crate::error::set_status(e.status());
    }
    e
}

/// A form's anonymity choice, or the translated `unknown_code` error.
#[cfg(feature = "ssr")]
pub(crate) fn form_anonymity(code: &str) -> Result<nikoo_types::giving::Anonymity, AppError> {
    nikoo_types::giving::Anonymity::from_code(code).ok_or_else(|| unknown_choice("anonymity"))
}

/// An optional id a form sends (empty: none), or the translated
/// `unknown_code` error of `field`.
#[cfg(feature = "ssr")]
pub(crate) fn form_id(value: Option<&str>, field: &str) -> Result<Option<i32>, AppError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(n) => n.parse().map(Some).map_err(|_| unknown_choice(field)),
    }
}

#[cfg(feature = "ssr")]
fn unknown_choice(field: &str) -> AppError {
    failed(AppError::Invalid(nikoo_types::outcome::FieldError::new(
        field,
        nikoo_types::outcome::Rule::UnknownCode,
    )))
}

#[cfg(feature = "ssr")]
pub(crate) fn state() -> Result<crate::state::AppState, AppError> {
    use_context::<crate::state::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        failed(AppError::Internal)
    })
}

/// Platform totals and featured programs.
#[server(prefix = "/_sfn", endpoint = "overview")]
pub async fn get_overview() -> Result<PlatformOverview, AppError> {
    let s = state()?;
    nikoo_domain::transparency::overview(&s.db, s.clock.now())
        .await
        .map_err(failed)
}

/// A page of programs; `raw` is the query string as received.
// JSON, because the URL-encoded form cannot carry a struct of optional fields.
#[server(prefix = "/_sfn", endpoint = "programs", input = leptos::server_fn::codec::Json)]
pub async fn list_programs(raw: RawProgramQuery) -> Result<ProgramPage, AppError> {
    let query = ProgramQuery::parse(&raw).map_err(|e| failed(AppError::Invalid(e)))?;
    let s = state()?;
    nikoo_domain::transparency::list_programs(&s.db, s.clock.now(), &query)
        .await
        .map_err(failed)
}

/// The choices of the program filter.
#[server(prefix = "/_sfn", endpoint = "filters")]
pub async fn get_filter_options() -> Result<FilterOptions, AppError> {
    let s = state()?;
    nikoo_domain::transparency::filter_options(&s.db)
        .await
        .map_err(failed)
}

/// One program by slug.
#[server(prefix = "/_sfn", endpoint = "program")]
pub async fn get_program(slug: String) -> Result<ProgramDetail, AppError> {
    let s = state()?;
    nikoo_domain::transparency::program_detail(&s.db, s.clock.now(), &slug)
        .await
        .map_err(failed)
}

/// One center by slug.
#[server(prefix = "/_sfn", endpoint = "center")]
pub async fn get_center(slug: String) -> Result<CenterDetail, AppError> {
    let s = state()?;
    nikoo_domain::transparency::center_detail(&s.db, s.clock.now(), &slug)
        .await
        .map_err(failed)
}

/// The request's session (server only).
#[cfg(feature = "ssr")]
pub(crate) async fn auth_session() -> Result<crate::auth::AuthSession, AppError> {
    leptos_axum::extract::<crate::auth::AuthSession>()
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "no session layer");
            failed(AppError::Internal)
        })
}

/// The signed-in caller as the policy sees them, or `None` (server only).
#[cfg(feature = "ssr")]
pub(crate) async fn actor(
    s: &crate::state::AppState,
) -> Result<Option<nikoo_domain::accounts::policy::Actor>, AppError> {
    let session = auth_session().await?;
    match session.user {
        Some(u) => nikoo_domain::accounts::policy::Actor::load(&s.db, u.id)
            .await
            .map_err(failed),
        None => Ok(None),
    }
}

/// The client's IP address, or `unknown` (server only).
#[cfg(feature = "ssr")]
pub(crate) async fn client_ip() -> String {
    use axum_login::axum::extract::ConnectInfo;
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map_or_else(|_| "unknown".to_owned(), |c| c.0.ip().to_string())
}

/// The locale named by a form's hidden `lang` field (Persian by default).
#[cfg(feature = "ssr")]
pub(crate) fn form_locale(code: &str) -> nikoo_types::Locale {
    nikoo_types::Locale::from_code(code).unwrap_or_default()
}

/// Sends the browser to `path` after a successful form post: a 302 without
/// JavaScript, a client-side navigation with it (server only).
#[cfg(feature = "ssr")]
pub(crate) fn go(path: &str) {
    leptos_axum::redirect(path);
}

/// `path` with `?notice={code}`: where a succeeded form sends the browser.
#[cfg(feature = "ssr")]
pub(crate) fn notice_at(path: String, notice: nikoo_types::notices::Notice) -> String {
    nikoo_types::routes::with_query(&path, "notice", notice.code())
}
