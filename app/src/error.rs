//! The boundary error of server functions: a translatable code, never the
//! database's message (STYLE.md, habit 5).

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
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
    /// The HTTP status the page answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest(_) => 400,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }

    /// The error in words for the user.
    pub fn message(&self, locale: Locale) -> String {
        let s = crate::i18n::strings(locale);
        match self {
            AppError::NotFound => s.not_found_text.to_owned(),
            AppError::BadRequest(q) => q.message(locale),
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
