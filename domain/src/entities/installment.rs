//! `installments`: each installment of a recurring money pledge that its
//! schedule made due, with its charge attempts. Created by the installment
//! job on or after the due date; one per (pledge, number).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "installments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pledge_id: i32,
    /// 1-based; installment 1 falls on the pledge's start date.
    pub number: i32,
    /// In the center's time zone.
    pub due_date: Date,
    /// The pledge's amount when it fell due; minor units.
    pub amount_minor: i64,
    pub currency: String,
    pub status: super::codes::InstallmentStatus,
    /// Charge attempts so far.
    pub attempts: i32,
    /// UTC; when the job tries (again); `None` once settled or waiting for the provider.
    pub next_attempt_at: Option<DateTimeUtc>,
    /// The payment of the latest attempt.
    pub payment_id: Option<i32>,
    pub failure_code: Option<String>,
    /// The gift staff recorded for it (pledges paid to the center by bank
    /// transfer or cash).
    pub donation_id: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// UTC.
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
