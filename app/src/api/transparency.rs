//! Server functions of the public transparency pages: the platform
//! overview, the program list and its filters, a program, a center.

#[cfg(feature = "ssr")]
use super::{failed, state};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use nikoo_types::query::ProgramQuery;
use nikoo_types::query::RawProgramQuery;
use nikoo_types::transparency::{
    CenterDetail, FilterOptions, PlatformOverview, ProgramDetail, ProgramPage,
};

/// Platform totals and featured programs.
#[server(prefix = "/_sfn", endpoint = "overview")]
pub async fn get_overview() -> Result<PlatformOverview, AppError> {
    let s = state()?;
    nikoo_domain::transparency::overview(&s.db, s.clock.now())
        .await
        .map_err(failed)
}

/// A page of programs; `raw` is the query string as received.
// JSON, because the URL-encoded form cannot carry a struct of optional fields.
#[server(prefix = "/_sfn", endpoint = "programs", input = leptos::server_fn::codec::Json)]
pub async fn list_programs(raw: RawProgramQuery) -> Result<ProgramPage, AppError> {
    let query = ProgramQuery::parse(&raw).map_err(|e| failed(AppError::Invalid(e)))?;
    let s = state()?;
    nikoo_domain::transparency::list_programs(&s.db, s.clock.now(), &query)
        .await
        .map_err(failed)
}

/// The choices of the program filter.
#[server(prefix = "/_sfn", endpoint = "filters")]
pub async fn get_filter_options() -> Result<FilterOptions, AppError> {
    let s = state()?;
    nikoo_domain::transparency::filter_options(&s.db)
        .await
        .map_err(failed)
}

/// One program by slug.
#[server(prefix = "/_sfn", endpoint = "program")]
pub async fn get_program(slug: String) -> Result<ProgramDetail, AppError> {
    let s = state()?;
    nikoo_domain::transparency::program_detail(&s.db, s.clock.now(), &slug)
        .await
        .map_err(failed)
}

/// One center by slug.
#[server(prefix = "/_sfn", endpoint = "center")]
pub async fn get_center(slug: String) -> Result<CenterDetail, AppError> {
    let s = state()?;
    nikoo_domain::transparency::center_detail(&s.db, s.clock.now(), &slug)
        .await
        .map_err(failed)
}
