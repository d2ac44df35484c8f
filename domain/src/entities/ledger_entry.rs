//! `ledger_entries`: signed amounts (debit positive) of a transaction;
//! they sum to zero per currency; append-only.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub transaction_id: i32,
    /// A [`crate::ledger::Account`] code.
    pub account: super::codes::Account,
    /// The program whose fund the entry belongs to.
    pub program_id: Option<i32>,
    /// The need the money is designated to, if any.
    pub need_id: Option<i32>,
    pub currency: String,
    /// Minor units, debit positive, credit negative.
    pub amount_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
