//! The boundary error of server functions: a translatable code, never the
//! database's message (STYLE.md, habit 5).

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use nikoo_types::account::FieldError;
use nikoo_types::query::QueryError;
use nikoo_types::Locale;
use serde::{Deserialize, Serialize};

/// Why a server function failed, as the page needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No such (public) object: the page answers 404.
    #[error("not found")]
    NotFound,
    /// A bad query parameter: the page answers 400.
    #[error("bad request: {0}")]
    BadRequest(QueryError),
    /// A form input breaks a rule: shown next to its field (400).
    #[error("invalid {}: {}", .0.field, .0.code)]
    Invalid(FieldError),
    /// The caller must sign in (401; pages redirect to the login page).
    #[error("sign-in required")]
    Unauthenticated,
    /// The caller may not make this change (403).
    #[error("forbidden")]
    Forbidden,
    /// Too many attempts; try again after this many seconds (429).
    #[error("too many attempts")]
    Throttled(i64),
    /// Something failed on the server; the cause is logged there.
    #[error("internal error")]
    Internal,
    /// The server function call itself failed (network, decoding).
    #[error("server function error: {0}")]
    ServerFn(ServerFnErrorErr),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

impl AppError {
    /// The field error for the input named `field`, if this is one.
    pub fn field_error(&self, field: &str) -> Option<&FieldError> {
        match self {
            AppError::Invalid(f) if f.field == field => Some(f),
            _ => None,
        }
    }

    /// The HTTP status the page answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest(_) | AppError::Invalid(_) => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Throttled(_) => 429,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }

    /// The error in words for the user.
    pub fn message(&self, locale: Locale) -> String {
        let s = crate::i18n::strings(locale);
        let a = crate::i18n::account::strings(locale);
        match self {
            AppError::NotFound => s.not_found_text.to_owned(),
            AppError::BadRequest(q) => q.message(locale),
            AppError::Invalid(f) => f.message(locale),
            AppError::Unauthenticated => a.sign_in_required.to_owned(),
            AppError::Forbidden => a.forbidden_text.to_owned(),
            AppError::Throttled(secs) => {
                let minutes = nikoo_types::digits::localize_digits(
                    &((secs + 59) / 60).max(1).to_string(),
                    locale,
                );
                a.throttled_text.replace("{minutes}", &minutes)
            }
            AppError::Internal | AppError::ServerFn(_) => s.internal_error.to_owned(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<nikoo_domain::DomainError> for AppError {
    fn from(e: nikoo_domain::DomainError) -> Self {
        use nikoo_domain::DomainError as D;
        match e {
            D::NotFound => AppError::NotFound,
            D::Validation { field, code } => AppError::BadRequest(QueryError::new(field, code)),
            D::Invalid(f) => AppError::Invalid(f),
            D::Unauthenticated => AppError::Unauthenticated,
            D::Forbidden => AppError::Forbidden,
            D::Throttled { retry_after_secs } => AppError::Throttled(retry_after_secs),
            other => {
                tracing::error!(error = ?other, "server function failed");
                AppError::Internal
            }
        }
    }
}

/// Sets the response status on the server (no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            opts.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}
