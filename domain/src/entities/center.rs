//! `centers`: charity centers (مرکز نیکوکاری).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "centers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// URL slug, unique.
    pub slug: String,
    pub county_code: String,
    pub name_fa: String,
    pub name_en: Option<String>,
    pub description_fa: Option<String>,
    pub description_en: Option<String>,
    pub address_fa: Option<String>,
    pub address_en: Option<String>,
    /// IANA zone for showing times, default `Asia/Tehran`.
    pub time_zone: String,
    /// `pending`, `verified` or `suspended`; only `verified` is public.
    pub status: super::codes::CenterStatus,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
