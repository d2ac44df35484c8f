//! The email outbox: an email is a row written in the same transaction as
//! the change that causes it (a sign-up, an invitation), so it is sent if
//! and only if the change commits. A row keeps the email's
//! [`Message`] (template and parameters) and language, not its text: the
//! server renders it when it sends it (`server/src/mail.rs`). Delivery
//! (SMTP, the server's `outbox` job) reads the pending rows and claims
//! each before sending it.

use crate::entities::outbox_email;
use crate::DomainError;
use chrono::{DateTime, Utc};
use nikoo_types::mail::Message;
use nikoo_types::Locale;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Writes `message` to `to` in `locale` to the outbox (rendered when it
/// is sent).
///
/// # Errors
/// [`DomainError::Db`]; `Unexpected` if the message does not serialize.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    to: &str,
    locale: Locale,
    message: &Message,
) -> Result<outbox_email::Model, DomainError> {
    let params =
        serde_json::to_string(message).map_err(|e| DomainError::Unexpected(e.to_string()))?;
    Ok(outbox_email::ActiveModel {
        to_address: Set(to.to_owned()),
        subject: Set(String::new()),
        body: Set(String::new()),
        template: Set(Some(message.template().to_owned())),
        locale: Set(Some(locale.code().to_owned())),
        params: Set(Some(params)),
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

/// How long a sender's claim on an email lasts: past it (the sender died
/// mid-send), another sender may try the email again.
pub const CLAIM_MINUTES: i64 = 5;

/// Emails not yet sent and not being sent at `now`, oldest first,
/// skipping those that failed `max_attempts` times.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn pending<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    max_attempts: i32,
    limit: u64,
) -> Result<Vec<outbox_email::Model>, DomainError> {
    Ok(outbox_email::Entity::find()
        .filter(outbox_email::Column::SentAt.is_null())
        .filter(outbox_email::Column::Attempts.lt(max_attempts))
        .filter(unclaimed(now))
        .order_by_asc(outbox_email::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Emails no sender is sending at `now`.
fn unclaimed(now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(outbox_email::Column::ClaimedUntil.is_null())
        .add(outbox_email::Column::ClaimedUntil.lt(now))
}

/// Claims `email` for one delivery attempt at `now`: counts the attempt
/// and marks it as being sent for [`CLAIM_MINUTES`], if it is not sent
/// and no other sender holds a claim on it (one conditional `UPDATE`).
/// Answers whether this sender may send it. With the outbox job's lease
/// this keeps each email to one sender even if a lease is lost mid-run.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    email: &outbox_email::Model,
    now: DateTime<Utc>,
    max_attempts: i32,
) -> Result<Option<Claim>, DomainError> {
    use chrono::SubsecRound;
    use sea_orm::sea_query::Expr;
    // Microseconds, as PostgreSQL keeps them: `record_attempt` compares it.
    let until = (now + chrono::Duration::minutes(CLAIM_MINUTES)).trunc_subsecs(6);
    let claimed = outbox_email::Entity::update_many()
        .col_expr(
            outbox_email::Column::Attempts,
            Expr::col(outbox_email::Column::Attempts).add(1),
        )
        .col_expr(outbox_email::Column::ClaimedUntil, Expr::value(until))
        .filter(outbox_email::Column::Id.eq(email.id))
        .filter(outbox_email::Column::SentAt.is_null())
        .filter(outbox_email::Column::Attempts.lt(max_attempts))
        .filter(unclaimed(now))
        .exec(db)
        .await?;
    Ok((claimed.rows_affected == 1).then_some(Claim {
        id: email.id,
        until,
    }))
}

/// A sender's claim on one email ([`claim`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The email.
    pub id: i32,
    /// UTC: the claim's end.
    pub until: DateTime<Utc>,
}

/// Records how a claimed attempt ended: sent at `now`, or failed with
/// `error`; nothing when the claim has passed to another sender.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn record_attempt<C: ConnectionTrait>(
    db: &C,
    claim: Claim,
    now: DateTime<Utc>,
    error: Option<String>,
) -> Result<(), DomainError> {
    use sea_orm::sea_query::Expr;
    let update = outbox_email::Entity::update_many()
        .col_expr(
            outbox_email::Column::ClaimedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .filter(outbox_email::Column::Id.eq(claim.id))
        .filter(outbox_email::Column::ClaimedUntil.eq(claim.until));
    match error {
        None => update.col_expr(outbox_email::Column::SentAt, Expr::value(now)),
        Some(e) => update.col_expr(outbox_email::Column::LastError, Expr::value(e)),
    }
    .exec(db)
    .await?;
    Ok(())
}
