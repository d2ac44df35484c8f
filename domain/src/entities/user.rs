//! `users`: accounts of donors, volunteers, center staff and platform admins.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lower-cased, unique; `deleted-{id}@invalid` once the account is deleted.
    pub email: String,
    /// UTC; `None` until the emailed link is used. Sign-in needs it.
    pub email_verified_at: Option<DateTimeUtc>,
    /// argon2id PHC string; empty once the account is deleted.
    pub password_hash: String,
    pub display_name: String,
    /// `fa` or `en`: the language of emails and the default of pages.
    pub locale: String,
    /// Opted in as a volunteer on the account page.
    pub volunteer: bool,
    /// Email me the updates of the programs I give to.
    pub wants_updates: bool,
    pub platform_admin: bool,
    /// The donor record the account gives as (issue 4).
    pub donor_id: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// UTC; set when the account was deleted and its personal data erased.
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
