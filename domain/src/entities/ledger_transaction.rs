//! `ledger_transactions`: one per money movement; append-only.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_transactions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Unique: a second post with the same key is refused.
    pub idempotency_key: String,
    /// `donation`, `refund`, `fee`, `disbursement` or `reversal`.
    pub kind: super::codes::TransactionKind,
    /// UTC.
    pub occurred_at: DateTimeUtc,
    /// The transaction this one reverses.
    pub reverses_id: Option<i32>,
    pub memo_fa: Option<String>,
    pub memo_en: Option<String>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
