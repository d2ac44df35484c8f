//! `payment_events`: every provider event applied, unique by (provider,
//! event id) and inserted first in the transaction that applies it, so a
//! second delivery collides at once and has no effect (ARCHITECTURE.md invariant 4).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub provider: String,
    /// The provider's event id (`evt_…`).
    pub event_ref: String,
    /// The provider's event type, e.g. `payment_intent.succeeded`.
    pub event_type: String,
    /// UTC.
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
