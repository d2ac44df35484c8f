//! The boundary error of server functions: a translatable code, never the
//! database's message (ARCHITECTURE.md, habit 5).

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use nikoo_types::outcome::{FieldError, Outcome, OutcomeKind, Rule};
use nikoo_types::Locale;
use serde::{Deserialize, Serialize};

/// Why a server function failed, as the page needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No such (public) object: the page answers 404.
    #[error("not found")]
    NotFound,
    /// An input (a form field or a query parameter) breaks a rule: shown
    /// next to its field, or as the page's error (400).
    #[error("invalid {}: {}", .0.field, .0.code)]
    Invalid(FieldError),
    /// Several inputs of one form break rules: each shown next to its
    /// field at once (400; the first is the outcome's).
    #[error("invalid inputs")]
    Fields(Vec<FieldError>),
    /// The caller must sign in (401; pages redirect to the login page).
    #[error("sign-in required")]
    Unauthenticated,
    /// The caller may not make this change (403).
    #[error("forbidden")]
    Forbidden,
    /// The change conflicts with what is recorded (409).
    #[error("conflict")]
    Conflict,
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

    /// A request whose arguments do not decode (a missing, extra or
    /// malformed field, a body that is not a form) is a refused input:
    /// 400, with no decoder's message. Other failures of the mechanism
    /// stay as they are (500 on the server; in the browser, a network error).
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => {
                let e = AppError::Invalid(FieldError::new("request", Rule::Malformed));
                set_call_status(e.status());
                e
            }
            other => AppError::ServerFn(other),
        }
    }
}

impl From<Outcome> for AppError {
    fn from(o: Outcome) -> Self {
        match (o.kind, Rule::from_code(&o.code)) {
            (OutcomeKind::NotFound, _) => AppError::NotFound,
            (OutcomeKind::Invalid, Some(rule)) => AppError::Invalid(FieldError::new(
                o.field.as_deref().unwrap_or_default(),
                rule,
            )),
            (OutcomeKind::Unauthenticated, _) => AppError::Unauthenticated,
            (OutcomeKind::Forbidden, _) => AppError::Forbidden,
            (OutcomeKind::Conflict, _) => AppError::Conflict,
            (OutcomeKind::Throttled, _) => AppError::Throttled(o.retry_after_secs.unwrap_or(60)),
            (OutcomeKind::Invalid | OutcomeKind::Internal, _) => AppError::Internal,
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(e)
    }
}

impl AppError {
    /// The field error for the input named `field`, if this is one.
    pub fn field_error(&self, field: &str) -> Option<&FieldError> {
        match self {
            AppError::Invalid(f) if f.field == field => Some(f),
            AppError::Fields(fs) => fs.iter().find(|f| f.field == field),
            _ => None,
        }
    }

    /// This error as the one vocabulary of outcomes.
    pub fn outcome(&self) -> Outcome {
        let (kind, code, field, retry_after_secs) = match self {
            AppError::NotFound => (OutcomeKind::NotFound, "not_found".to_owned(), None, None),
            AppError::Invalid(f) => (
                OutcomeKind::Invalid,
                f.code.code().to_owned(),
                Some(f.field.clone()),
                None,
            ),
            AppError::Fields(fs) => match fs.first() {
                Some(f) => (
                    OutcomeKind::Invalid,
                    f.code.code().to_owned(),
                    Some(f.field.clone()),
                    None,
                ),
                None => (OutcomeKind::Internal, "internal".to_owned(), None, None),
            },
            AppError::Unauthenticated => (
                OutcomeKind::Unauthenticated,
                "unauthenticated".to_owned(),
                None,
                None,
            ),
            AppError::Forbidden => (OutcomeKind::Forbidden, "forbidden".to_owned(), None, None),
            AppError::Conflict => (OutcomeKind::Conflict, "conflict".to_owned(), None, None),
            AppError::Throttled(secs) => (
                OutcomeKind::Throttled,
                "throttled".to_owned(),
                None,
                Some(*secs),
            ),
            AppError::Internal | AppError::ServerFn(_) => {
                (OutcomeKind::Internal, "internal".to_owned(), None, None)
            }
        };
        Outcome {
            kind,
            code,
            field,
            retry_after_secs,
        }
    }

    /// The HTTP status the page answers with.
    pub fn status(&self) -> u16 {
        self.outcome().status()
    }

    /// The error in words for the user.
    pub fn message(&self, locale: Locale) -> String {
        self.outcome().message(locale)
    }
}

#[cfg(feature = "ssr")]
impl From<nikoo_domain::DomainError> for AppError {
    fn from(e: nikoo_domain::DomainError) -> Self {
        if let nikoo_domain::DomainError::Fields(fields) = e {
            return AppError::Fields(fields);
        }
        let outcome = e.outcome();
        if outcome.kind == OutcomeKind::Internal {
            tracing::error!(error = ?e, "server function failed");
        }
        outcome.into()
    }
}

/// Sets the status of a failing server-function call (404, 400, 500…)
/// instead of server_fn's blanket 500, unless the call is a form posted
/// without JavaScript (it asks for `text/html`): server_fn answers that
/// with a 302 back to the form's page, the error in the URL, and a 4xx
/// would leave the browser on a blank answer. No-op in the browser.
pub fn set_call_status(status: u16) {
    #[cfg(feature = "ssr")]
    {
        let plain_form = leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
        if !plain_form {
            set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
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
