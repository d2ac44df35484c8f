//! Server functions, one module per feature (as in `domain/`, `types/`,
//! `pages/` and `i18n/`): thin adapters that read the state, call one
//! domain service and map its error to its outcome (ARCHITECTURE.md,
//! "Layers"). The helpers they share are here.

pub mod accounts;
pub mod beneficiaries;
pub mod giving;
pub mod imports;
pub mod staff;
pub mod transparency;
pub mod workspace;

#[cfg(feature = "ssr")]
use crate::error::AppError;
#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// Sets the HTTP status of a failing server function call to the error's
/// ([`crate::error::set_call_status`]), and passes it on.
#[cfg(feature = "ssr")]
pub(crate) fn failed(e: impl Into<AppError>) -> AppError {
    let e = e.into();
    crate::error::set_call_status(e.status());
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

/// The address a request comes from, as the server resolved it (the
/// peer, or the address a trusted reverse proxy forwarded: the server's
/// `client_address` module and README "Settings", `NIKOO_TRUSTED_PROXIES`).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The client's IP address: the [`ClientAddress`] the server put on the
/// request, else the connection's peer, else `unknown` (server only).
#[cfg(feature = "ssr")]
pub(crate) async fn client_ip() -> String {
    use axum_login::axum::extract::ConnectInfo;
    use axum_login::axum::Extension;
    if let Ok(Extension(ClientAddress(ip))) =
        leptos_axum::extract::<Extension<ClientAddress>>().await
    {
        return ip.to_string();
    }
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
/// JavaScript, a client-side navigation with it (server only). Only a
/// local path (`routes::local_path`) is followed; anything else (which no
/// route builds) goes home, logged, rather than off the site or into a
/// header it would break.
#[cfg(feature = "ssr")]
pub(crate) fn go(path: &str) {
    match nikoo_types::routes::local_path(path) {
        Some(path) => leptos_axum::redirect(path),
        None => {
            tracing::error!(path, "refused a redirect that is not a local path");
            leptos_axum::redirect("/");
        }
    }
}

/// `path` with `?notice={code}`: where a succeeded form sends the browser.
#[cfg(feature = "ssr")]
pub(crate) fn notice_at(path: String, notice: nikoo_types::notices::Notice) -> String {
    nikoo_types::routes::with_query(&path, "notice", notice.code())
}
