//! `programs`: a center's funded activities (طرح).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// URL slug, unique.
    pub slug: String,
    pub center_id: i32,
    pub county_code: String,
    /// A [`nikoo_types::Category`] code.
    pub category: String,
    /// `draft`, `active`, `paused`, `completed` or `archived`; `active`, `paused` and `completed` are public; only `active` takes gifts.
    pub status: super::codes::ProgramStatus,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub featured: bool,
    pub title_fa: String,
    pub title_en: Option<String>,
    pub summary_fa: Option<String>,
    pub summary_en: Option<String>,
    pub description_fa: Option<String>,
    pub description_en: Option<String>,
    /// Titles, summaries, descriptions, center and county names and category
    /// labels in both languages, normalized by
    /// [`nikoo_types::normalize::normalize_for_search`].
    pub search_text: String,
    /// Its cover image (`uploads`, public).
    pub cover_upload_id: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
