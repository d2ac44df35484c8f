//! What the command line (`nikoo …`) says when a domain service refuses:
//! the error's one outcome (`DomainError::outcome`), in English, with its
//! exit code.

use nikoo_domain::DomainError;
use nikoo_types::outcome::OutcomeKind;
use nikoo_types::Locale;

/// The exit code and the line to print for `e`: `field: message` for a
/// refused input, the outcome's words otherwise. `None` for a server
/// failure, which the command reports as an error with its cause.
pub fn refusal(e: &DomainError) -> Option<(i32, String)> {
    let outcome = e.outcome();
    if outcome.kind == OutcomeKind::Internal {
        return None;
    }
    let text = outcome.message(Locale::En);
    let line = match &outcome.field {
        Some(field) => format!("{field}: {text}"),
        None => text,
    };
    Some((outcome.kind.exit_code(), line))
}
