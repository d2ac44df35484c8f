//! `in_kind_movements`: the append-only record of goods handed to a center
//! (`received`) or from it to beneficiaries (`delivered`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "in_kind_movements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Unique external/idempotency reference.
    pub key: String,
    /// `received` or `delivered`.
    pub kind: super::codes::Movement,
    pub program_id: i32,
    pub need_id: i32,
    /// Units of the need's item: positive, except in a reversal, which
    /// is minus the quantity of the movement it reverses.
    pub quantity: i64,
    pub donor_id: Option<i32>,
    pub anonymous: bool,
    pub pledge_id: Option<i32>,
    /// Delivered: how many beneficiaries received goods.
    pub beneficiary_count: Option<i32>,
    pub memo_fa: Option<String>,
    pub memo_en: Option<String>,
    /// A receipt or photo of the handover (`uploads`).
    pub upload_id: Option<i32>,
    /// The staff account that recorded it.
    pub recorded_by: Option<i32>,
    /// UTC.
    pub occurred_at: DateTimeUtc,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// The movement this one reverses (goods recorded as received by
    /// mistake): same kind, opposite quantity, the reason as its memo.
    pub reverses_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
