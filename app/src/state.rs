//! What server functions read from the request's context.

use nikoo_domain::clock::SharedClock;
use nikoo_domain::sea_orm::DatabaseConnection;
use nikoo_domain::secrets::PasswordHasher;

/// Shared application state, provided to every server function and page
/// render by the server.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The connection pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
    /// The clock all domain code reads.
    pub clock: SharedClock,
    /// Hashes passwords off the async runtime, a few at a time.
    pub hasher: PasswordHasher,
    /// The site's public address, e.g. `https://nikoo.example`, for emailed links.
    pub public_url: String,
    /// The card payment provider; `None` when card giving is unavailable
    /// (no Stripe keys): offline gifts still work.
    pub payments: nikoo_domain::giving::payments::SharedProvider,
    /// Where uploaded receipts and photos are kept.
    pub uploads: nikoo_domain::uploads::UploadStore,
    /// Seal and open beneficiaries' personal details.
    pub data_keys: nikoo_domain::beneficiaries::personal_data::DataKeys,
    /// Rows done of the imports this instance runs.
    pub imports: nikoo_domain::imports::ImportProgress,
}
