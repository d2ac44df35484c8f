//! The domain layer's one error type, and the one outcome each error has
//! at every boundary ([`DomainError::outcome`]).

use nikoo_types::outcome::{FieldError, Outcome, OutcomeKind, Rule};
use sea_orm::DbErr;

/// Why a domain service refused or failed.
///
/// Boundaries (server functions, the public API, the file routes, the
/// command line) turn it into its [`Outcome`] with
/// [`DomainError::outcome`] and nothing else; the database's own message
/// is logged, never shown.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The object does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The request conflicts with existing data (e.g. a taken slug).
    #[error("conflict: {0}")]
    Conflict(String),
    /// An input breaks a rule: the input's name and the rule's code
    /// (translated by the page, the API and the command line alike).
    #[error("invalid input {}: {}", .0.field, .0.code)]
    Invalid(FieldError),
    /// Several inputs of one form break rules, each shown beside its
    /// input at once (issue 16); the first is the outcome's. Never empty
    /// (built by [`Checks::finish`]).
    #[error("invalid inputs: {0:?}")]
    Fields(Vec<FieldError>),
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

/// A form's checks, run one after another so that every refused field is
/// reported at once: [`Checks::check`] each field's result, then
/// [`Checks::finish`].
#[derive(Debug, Default)]
pub struct Checks {
    fields: Vec<FieldError>,
    other: Option<DomainError>,
}

impl Checks {
    /// The value of a check that passed; a refused field is recorded (any
    /// other error too, and it wins).
    pub fn check<T>(&mut self, result: Result<T, DomainError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(DomainError::Invalid(f)) => {
                self.fields.push(f);
                None
            }
            Err(DomainError::Fields(fs)) => {
                self.fields.extend(fs);
                None
            }
            Err(e) => {
                self.other.get_or_insert(e);
                None
            }
        }
    }

    /// Whether a field was refused (or something failed) so far.
    pub fn failed(&self) -> bool {
        !self.fields.is_empty() || self.other.is_some()
    }

    /// `Ok` when every check passed; else the first non-input error, or
    /// the refused field (`Invalid`), or all of them (`Fields`).
    ///
    /// # Errors
    /// As above.
    pub fn finish(self) -> Result<(), DomainError> {
        if let Some(e) = self.other {
            return Err(e);
        }
        let mut fields = self.fields;
        match fields.len() {
            0 => Ok(()),
            1 => Err(DomainError::Invalid(fields.remove(0))),
            _ => Err(DomainError::Fields(fields)),
        }
    }
}

impl From<FieldError> for DomainError {
    fn from(e: FieldError) -> Self {
        DomainError::Invalid(e)
    }
}

impl DomainError {
    /// The input `field` breaks `rule`.
    pub fn invalid(field: &str, rule: Rule) -> DomainError {
        DomainError::Invalid(FieldError::new(field, rule))
    }

    /// How this error ends at any boundary: its kind (so its HTTP status),
    /// its code and, for a refused input, its field. A database or
    /// unexpected error is `internal`, its cause for the log only.
    pub fn outcome(&self) -> Outcome {
        let (kind, code, field, retry_after_secs) = match self {
            DomainError::NotFound => (OutcomeKind::NotFound, "not_found", None, None),
            DomainError::Conflict(_) => (OutcomeKind::Conflict, "conflict", None, None),
            DomainError::Invalid(f) => (
                OutcomeKind::Invalid,
                f.code.code(),
                Some(f.field.clone()),
                None,
            ),
            DomainError::Fields(fields) => match fields.first() {
                Some(f) => (
                    OutcomeKind::Invalid,
                    f.code.code(),
                    Some(f.field.clone()),
                    None,
                ),
                None => (OutcomeKind::Internal, "internal", None, None),
            },
            DomainError::Forbidden => (OutcomeKind::Forbidden, "forbidden", None, None),
            DomainError::Unauthenticated => {
                (OutcomeKind::Unauthenticated, "unauthenticated", None, None)
            }
            DomainError::Throttled { retry_after_secs } => (
                OutcomeKind::Throttled,
                "throttled",
                None,
                Some(*retry_after_secs),
            ),
            DomainError::Db(_) | DomainError::Unexpected(_) => {
                (OutcomeKind::Internal, "internal", None, None)
            }
        };
        Outcome {
            kind,
            code: code.to_owned(),
            field,
            retry_after_secs,
        }
    }
}
