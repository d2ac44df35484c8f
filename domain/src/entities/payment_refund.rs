//! `payment_refunds`: each refund of a card payment posted to the ledger
//! (one reversing-direction transaction each), whoever started it: staff in
//! Nikoo or someone in the provider's dashboard.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_refunds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub payment_id: i32,
    /// Positive, minor units of the payment's currency.
    pub amount_minor: i64,
    pub ledger_transaction_id: i32,
    /// The staff member who asked for it in Nikoo; `None` when it came from the provider.
    pub requested_by: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
