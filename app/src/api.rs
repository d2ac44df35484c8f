//! Server functions: thin adapters that read the state, call one domain
//! service and map its error (STYLE.md, habit 2).

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::public::{
    CenterDetail, FilterOptions, PlatformOverview, ProgramDetail, ProgramPage,
};
#[cfg(feature = "ssr")]
use nikoo_types::query::ProgramQuery;
use nikoo_types::query::RawProgramQuery;

/// Sets the HTTP status of a failing server function call to the error's
/// (404, 400, 500) instead of server_fn's blanket 500, and passes it on.
#[cfg(feature = "ssr")]
fn failed(e: impl Into<AppError>) -> AppError {
    let e = e.into();
    crate::error::set_status(e.status());
    e
}

#[cfg(feature = "ssr")]
fn state() -> Result<crate::state::AppState, AppError> {
    use_context::<crate::state::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        failed(AppError::Internal)
    })
}

/// Platform totals and featured programs.
#[server(prefix = "/_sfn", endpoint = "overview")]
pub async fn get_overview() -> Result<PlatformOverview, AppError> {
    let s = state()?;
    nikoo_domain::catalog::overview(&s.db, s.clock.now())
        .await
        .map_err(failed)
}

/// A page of programs; `raw` is the query string as received.
// JSON, because the URL-encoded form cannot carry a struct of optional fields.
#[server(prefix = "/_sfn", endpoint = "programs", input = leptos::server_fn::codec::Json)]
pub async fn list_programs(raw: RawProgramQuery) -> Result<ProgramPage, AppError> {
    let query = ProgramQuery::parse(&raw).map_err(|e| failed(AppError::BadRequest(e)))?;
    let s = state()?;
    nikoo_domain::catalog::list_programs(&s.db, s.clock.now(), &query)
        .await
        .map_err(failed)
}

/// The choices of the program filter.
#[server(prefix = "/_sfn", endpoint = "filters")]
pub async fn get_filter_options() -> Result<FilterOptions, AppError> {
    let s = state()?;
    nikoo_domain::catalog::filter_options(&s.db)
        .await
        .map_err(failed)
}

/// One program by slug.
#[server(prefix = "/_sfn", endpoint = "program")]
pub async fn get_program(slug: String) -> Result<ProgramDetail, AppError> {
    let s = state()?;
    nikoo_domain::catalog::program_detail(&s.db, s.clock.now(), &slug)
        .await
        .map_err(failed)
}

/// One center by slug.
#[server(prefix = "/_sfn", endpoint = "center")]
pub async fn get_center(slug: String) -> Result<CenterDetail, AppError> {
    let s = state()?;
    nikoo_domain::catalog::center_detail(&s.db, s.clock.now(), &slug)
        .await
        .map_err(failed)
}
