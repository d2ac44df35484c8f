//! `GET /healthz`: 200 when the database answers and the public overview
//! (the home page's figures, which every visitor's first page needs) can
//! be built; 503 when either fails, saying which.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use nikoo_app::state::AppState;

/// The health route.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(crate::routes::listed("", "/healthz"), get(healthz))
        .with_state(state)
}

async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if let Err(e) = state.db.ping().await {
        tracing::warn!(error = %e, "health check: database does not answer");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
    }
    match nikoo_domain::transparency::overview(&state.db, state.clock.now()).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = ?e, "health check: the public overview fails");
            (StatusCode::SERVICE_UNAVAILABLE, "public overview failing")
        }
    }
}
