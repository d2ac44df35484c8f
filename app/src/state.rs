//! What server functions read from the request's context.

use nikoo_domain::clock::SharedClock;
use nikoo_domain::sea_orm::DatabaseConnection;

/// Shared application state, provided to every server function and page
/// render by the server.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The connection pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
    /// The clock all domain code reads.
    pub clock: SharedClock,
}
