//! `form_keys`: the idempotency key of each form the server accepted
//! (`crate::form_keys`), kept two days.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_keys")]
pub struct Model {
    /// 32 lowercase hex digits (128 random bits).
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// UTC: when the form was accepted.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
