//! `provinces`: Iran's 31 provinces (reference data).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "provinces")]
pub struct Model {
    /// ASCII slug, e.g. `zanjan`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    /// Display order.
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
