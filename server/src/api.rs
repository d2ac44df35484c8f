//! The public read API, `/api/v1/…`: JSON, public data only, the same
//! read models the pages show. Errors are `{"error": {"code", "message"}}`
//! with the HTTP status.

use crate::routes::listed;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use nikoo_app::state::AppState;
use nikoo_domain::{transparency, DomainError};
use nikoo_types::outcome::{FieldError, Outcome, OutcomeKind, Rule};
use nikoo_types::query::{ProgramQuery, RawProgramQuery};
use nikoo_types::Locale;
use serde_json::json;

/// The API's routes, to nest under `/api/v1`.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(listed("/api/v1", "/programs"), get(programs))
        .route(listed("/api/v1", "/programs/{slug}"), get(program))
        .route(listed("/api/v1", "/centers/{slug}"), get(center))
        .fallback(|| async { ApiError::not_found() })
        .with_state(state)
}

/// An API error response: `{"error": {"code", "message"}}` (and, for a
/// refused input, `field` and `rule`) with the outcome's HTTP status.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: String,
    field: Option<String>,
    rule: Option<String>,
    message: String,
}

impl ApiError {
    fn not_found() -> ApiError {
        Outcome::from_kind(OutcomeKind::NotFound).into()
    }
}

impl From<Outcome> for ApiError {
    /// The one outcome, as the API words it: a refused input's code is
    /// `invalid_{field}` (with the rule beside it), any other the
    /// outcome's code; messages in English.
    fn from(o: Outcome) -> Self {
        let (code, rule) = match (&o.kind, &o.field) {
            (OutcomeKind::Invalid, Some(field)) => {
                (format!("invalid_{field}"), Some(o.code.clone()))
            }
            _ => (o.code.clone(), None),
        };
        ApiError {
            status: StatusCode::from_u16(o.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            message: match o.kind {
                OutcomeKind::NotFound => "No such resource.".into(),
                _ => o.message(Locale::En),
            },
            field: o.field,
            rule,
            code,
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        Outcome::from(e).into()
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        let outcome = e.outcome();
        if outcome.kind == OutcomeKind::Internal {
            tracing::error!(error = ?e, "API request failed");
        }
        outcome.into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": {
                "code": self.code,
                "field": self.field,
                "rule": self.rule,
                "message": self.message,
            }})),
        )
            .into_response()
    }
}

async fn programs(
    State(state): State<AppState>,
    query: Result<Query<RawProgramQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Query(raw) = query.map_err(|_| FieldError::new("query", Rule::Malformed))?;
    let q = ProgramQuery::parse(&raw)?;
    Ok(Json(
        transparency::list_programs(&state.db, state.clock.now(), &q).await?,
    ))
}

async fn program(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(
        transparency::program_detail(&state.db, state.clock.now(), &slug).await?,
    ))
}

async fn center(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(
        transparency::center_detail(&state.db, state.clock.now(), &slug).await?,
    ))
}
