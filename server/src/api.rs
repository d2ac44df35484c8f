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
use nikoo_types::query::{ProgramQuery, QueryError, RawProgramQuery};
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

/// An API error response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: String,
    message: String,
}

impl ApiError {
    fn not_found() -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found".into(),
            message: "No such resource.".into(),
        }
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: format!("invalid_{}", e.param),
            message: e.message(Locale::En),
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::NotFound => ApiError::not_found(),
            DomainError::Validation { field, code } => QueryError::new(field, code).into(),
            other => {
                tracing::error!(error = ?other, "API request failed");
                ApiError {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    code: "internal".into(),
                    message: "Something went wrong on the server.".into(),
                }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": {"code": self.code, "message": self.message}})),
        )
            .into_response()
    }
}

async fn programs(
    State(state): State<AppState>,
    query: Result<Query<RawProgramQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Query(raw) = query.map_err(|_| QueryError::new("query", "malformed"))?;
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
