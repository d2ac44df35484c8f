//! The domain layer's one error type.

use sea_orm::DbErr;

/// Why a domain service refused or failed.
///
/// Boundaries map these to HTTP statuses and translated messages; the
/// database's own message is logged, never shown.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The object does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The request conflicts with existing data (e.g. a taken slug).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The input is invalid; `field` names the input, `code` the rule broken.
    #[error("invalid {field}: {code}")]
    Validation {
        /// The input parameter or form field at fault.
        field: &'static str,
        /// A stable, translatable code (e.g. `unknown_category`).
        code: &'static str,
    },
    /// A form input breaks a rule (translated by its code on the page).
    #[error("invalid input {}: {}", .0.field, .0.code)]
    Invalid(nikoo_types::account::FieldError),
    /// The caller may not do this (a refused mutation: 403).
    #[error("forbidden")]
    Forbidden,
    /// The caller must sign in first.
    #[error("sign-in required")]
    Unauthenticated,
    /// Too many attempts; try again after `retry_after_secs` seconds.
    #[error("throttled for {retry_after_secs} s")]
    Throttled {
        /// Seconds until the next attempt is accepted.
        retry_after_secs: i64,
    },
    /// The database failed.
    #[error("database error")]
    Db(#[from] DbErr),
    /// A broken invariant or an unexpected state; a bug.
    #[error("unexpected: {0}")]
    Unexpected(String),
}

impl From<nikoo_types::account::FieldError> for DomainError {
    fn from(e: nikoo_types::account::FieldError) -> Self {
        DomainError::Invalid(e)
    }
}

impl DomainError {
    /// A form input error for `field` with the rule `code`.
    pub fn field(field: &str, code: &str) -> DomainError {
        DomainError::Invalid(nikoo_types::account::FieldError::new(field, code))
    }

    /// A validation error for `field` with the rule `code`.
    pub fn invalid(field: &'static str, code: &'static str) -> DomainError {
        DomainError::Validation { field, code }
    }
}
