//! `pledges`: promises to give (تعهد), one-time or recurring, money or in-kind.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pledges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Unique external/idempotency reference.
    pub key: String,
    pub donor_id: Option<i32>,
    /// Hidden from the public when true.
    pub anonymous: bool,
    /// The giver's name is hidden from the receiving center as well.
    pub hidden_from_center: bool,
    /// The center that gave or pledged (its owner or manager acted for it).
    pub pledging_center_id: Option<i32>,
    pub program_id: i32,
    pub need_id: Option<i32>,
    /// `money` or `in_kind`.
    pub kind: super::codes::GiftKind,
    /// Money: amount of each installment, minor units.
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    /// In-kind: quantity promised.
    pub quantity: Option<i64>,
    /// `once`, `monthly`, `quarterly` or `yearly`.
    pub frequency: super::codes::Frequency,
    /// Number of installments; `None` is open-ended (recurring only).
    pub installment_count: Option<i32>,
    /// Date of installment 1, in the center's time zone.
    pub start_date: Date,
    /// In-kind: promised delivery date.
    pub due_date: Option<Date>,
    /// `active`, `paused`, `fulfilled` or `cancelled`.
    pub status: super::codes::PledgeStatus,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// The saved card a recurring card pledge is charged to.
    pub saved_card_id: Option<i32>,
    /// The account that cancelled the pledge for the receiving center or
    /// the platform (`None` when the donor cancelled it or it runs).
    pub cancelled_by: Option<i32>,
    /// Why they cancelled it, as they typed it (the donor is told).
    pub cancellation_reason: Option<String>,
    /// UTC: when it was cancelled (empty for pledges cancelled before
    /// this was recorded).
    pub cancelled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
