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
    /// A guest who asked for the updates of the programs they give to.
    pub wants_updates: bool,
    /// The language to write to a guest in (`fa` or `en`).
    pub locale: Option<String>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
