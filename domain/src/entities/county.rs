//! `counties` (شهرستان): reference data, at least Zanjan's eight.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "counties")]
pub struct Model {
    /// ASCII slug, e.g. `tarom`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub province_code: String,
    pub name_fa: String,
    pub name_en: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
