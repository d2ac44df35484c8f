//! `needs`: itemized requirements of a program (نیاز), money or in-kind.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "needs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub program_id: i32,
    /// Stable key within the program (from imports and the demo file).
    pub key: String,
    /// `money` or `in_kind`.
    pub kind: super::codes::GiftKind,
    pub title_fa: String,
    pub title_en: Option<String>,
    /// ISO 4217: the target's currency (money), or the unit value's (in-kind).
    pub currency: Option<String>,
    /// Money needs: the target in minor units.
    pub target_minor: Option<i64>,
    pub unit_fa: Option<String>,
    pub unit_en: Option<String>,
    /// In-kind needs: how many units are needed.
    pub target_quantity: Option<i64>,
    /// In-kind needs: estimated value of one unit, minor units of `currency`.
    pub unit_value_minor: Option<i64>,
    /// Display order within the program.
    pub position: i32,
    /// `open` or `closed` (closed by staff); met/partly met follow the figures.
    pub status: super::codes::NeedStatus,
    /// `high`, `normal` or `low` ([`nikoo_types::workspace::Priority`]).
    pub priority: String,
    /// The day it should be met by, if any (the center's calendar day).
    pub deadline: Option<Date>,
    /// Why staff closed it (shown publicly with the need).
    pub closed_reason: Option<String>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
