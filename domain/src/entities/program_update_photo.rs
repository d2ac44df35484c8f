//! `program_update_photos`: the photos of an update (public uploads).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "program_update_photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub update_id: i32,
    pub upload_id: i32,
    /// Order within the update.
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
