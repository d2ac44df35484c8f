//! `donors`: people who give (نیکوکار); may be guests with no account.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "donors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// External reference (demo file, imports), unique when present.
    pub key: Option<String>,
    pub display_name: String,
    pub email: Option<String>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
