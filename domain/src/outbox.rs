//! The email outbox: an email is a row written in the same transaction as
//! the change that causes it (a sign-up, an invitation), so it is sent if
//! and only if the change commits. Delivery (SMTP) reads the pending rows.

use crate::entities::outbox_email;
use crate::DomainError;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// An email to send: plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Writes `email` to the outbox.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    email: Email,
) -> Result<outbox_email::Model, DomainError> {
    Ok(outbox_email::ActiveModel {
        to_address: Set(email.to),
        subject: Set(email.subject),
        body: Set(email.body),
        created_at: Set(now),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The newest emails, newest first; only those to `to` when given.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn list<C: ConnectionTrait>(
    db: &C,
    to: Option<&str>,
    limit: u64,
) -> Result<Vec<outbox_email::Model>, DomainError> {
    let mut q = outbox_email::Entity::find();
    if let Some(to) = to {
        q = q.filter(outbox_email::Column::ToAddress.eq(to.trim().to_lowercase()));
    }
    Ok(q.order_by_desc(outbox_email::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Emails not yet sent, oldest first, skipping those that failed `max_attempts` times.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn pending<C: ConnectionTrait>(
    db: &C,
    max_attempts: i32,
    limit: u64,
) -> Result<Vec<outbox_email::Model>, DomainError> {
    Ok(outbox_email::Entity::find()
        .filter(outbox_email::Column::SentAt.is_null())
        .filter(outbox_email::Column::Attempts.lt(max_attempts))
        .order_by_asc(outbox_email::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Records a delivery attempt: sent at `now`, or failed with `error`.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn record_attempt<C: ConnectionTrait>(
    db: &C,
    email: outbox_email::Model,
    now: DateTime<Utc>,
    error: Option<String>,
) -> Result<(), DomainError> {
    let attempts = email.attempts + 1;
    let mut row: outbox_email::ActiveModel = email.into();
    row.attempts = Set(attempts);
    match error {
        None => row.sent_at = Set(Some(now)),
        Some(e) => row.last_error = Set(Some(e)),
    }
    row.update(db).await?;
    Ok(())
}
