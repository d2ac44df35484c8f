//! `beneficiary_counters`: the last beneficiary number each center gave.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "beneficiary_counters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub center_id: i32,
    /// The number in the center's latest code; the next is one more.
    pub last_number: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
