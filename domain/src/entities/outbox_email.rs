//! `outbox_emails`: every email Nikoo sends, written in the transaction that
//! causes it and delivered afterwards (SMTP when configured).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// UTC; `None` while undelivered.
    pub sent_at: Option<DateTimeUtc>,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// UTC: a sender is sending it until then (`outbox::claim`); no other may.
    pub claimed_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
