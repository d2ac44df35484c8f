//! `outbox_emails`: every email Nikoo sends, written in the transaction that
//! causes it and delivered afterwards (SMTP when configured).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    /// The stored subject of an email written before templates (empty for
    /// one with a `template`).
    pub subject: String,
    /// Plain text, likewise.
    pub body: String,
    /// The email's template (`nikoo_types::mail::Message::template`).
    pub template: Option<String>,
    /// The recipient's language code (`fa`, `en`).
    pub locale: Option<String>,
    /// The [`nikoo_types::mail::Message`] as JSON.
    pub params: Option<String>,
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
