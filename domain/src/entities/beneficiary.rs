//! `beneficiaries` (مددجو): a household or person a center serves, private
//! to that center. Its personal details are sealed (`crate::beneficiaries::personal_data`):
//! this row holds only the ciphertext and keyed hashes, never plaintext.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "beneficiaries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub center_id: i32,
    /// Pseudonymous, unique per center: `ZAN-0042`.
    pub code: String,
    /// People in the household (1 for a person on their own).
    pub household_size: i32,
    pub county_code: String,
    /// Category codes of its needs, comma-separated.
    pub categories: String,
    /// The day the household consented to being recorded.
    pub consent_on: Option<Date>,
    /// What it consented to.
    pub consent_scope: String,
    /// XChaCha20-Poly1305 nonce (24 bytes).
    pub details_nonce: Vec<u8>,
    /// The sealed personal details.
    pub details_ciphertext: Vec<u8>,
    /// HMAC of the center and the normalized national id, hex; for duplicates.
    pub national_id_hash: Option<String>,
    /// HMAC of the center and the normalized phone, hex.
    pub phone_hash: Option<String>,
    /// `active` or `archived`.
    pub status: String,
    /// The stable key of the import row it came from, if any.
    pub import_key: Option<String>,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// UTC.
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
