//! `donations`: money actually received (card, cash, bank transfer).
//! Each one has exactly one ledger transaction, whose entries are the
//! source of every money figure.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "donations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Unique external/idempotency reference.
    pub key: String,
    pub donor_id: Option<i32>,
    pub anonymous: bool,
    /// The giver's name is hidden from the receiving center as well.
    pub hidden_from_center: bool,
    /// The center that gave or pledged (its owner or manager acted for it).
    pub pledging_center_id: Option<i32>,
    pub program_id: i32,
    /// The designation: the need the gift is restricted to, or the program when `None`.
    pub need_id: Option<i32>,
    /// The pledge this pays an installment of.
    pub pledge_id: Option<i32>,
    /// `card`, `cash` or `bank_transfer`.
    pub method: super::codes::PaymentMethod,
    /// Minor units.
    pub amount_minor: i64,
    pub currency: String,
    /// UTC.
    pub received_at: DateTimeUtc,
    pub ledger_transaction_id: i32,
    /// The receiving center (the program's), kept here so that receipt
    /// numbers can be unique per center.
    pub center_id: Option<i32>,
    /// The receipt's number: 1, 2, 3, … per receiving center, in the order
    /// the center received its donations (`giving::next_receipt_number`).
    pub receipt_number: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// When staff reversed the gift as recorded by mistake (UTC); its
    /// ledger transaction is reversed and it counts nowhere.
    pub reversed_at: Option<DateTimeUtc>,
    /// The staff account that reversed it.
    pub reversed_by: Option<i32>,
    /// Why, as staff typed it.
    pub reversal_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
