//! `auth_attempts`: sign-in and password-reset attempts, per subject
//! (`account:{email}` or `ip:{address}`), for throttling.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action: super::codes::AuthAction,
    pub subject: String,
    pub succeeded: bool,
    /// UTC.
    pub occurred_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
