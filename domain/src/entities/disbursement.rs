//! `disbursements` (هزینه‌کرد): money spent from a program's fund against
//! one of its money needs. The money is the ledger transaction
//! `ledger_transaction_id`; this row says what it paid for. Append-only.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "disbursements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Unique; the ledger transaction's key is `disbursement:{key}`.
    pub key: String,
    pub program_id: i32,
    pub need_id: i32,
    pub ledger_transaction_id: i32,
    /// Minor units of `currency`, positive.
    pub amount_minor: i64,
    pub currency: String,
    /// The day it was paid (the center's calendar day).
    pub paid_on: Date,
    pub payee_type: super::codes::PayeeType,
    /// What it paid for, as staff wrote it (shown publicly).
    pub description: String,
    pub receipt_upload_id: Option<i32>,
    pub recorded_by: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
