//! `program_updates` (گزارش): a report a center posted to a program's donors.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "program_updates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub program_id: i32,
    /// May be empty when only the English title is given.
    pub title_fa: String,
    pub title_en: Option<String>,
    /// Markdown.
    pub body_fa: Option<String>,
    pub body_en: Option<String>,
    pub author_id: Option<i32>,
    /// How many donors it was emailed to.
    pub emailed: i32,
    /// UTC.
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
