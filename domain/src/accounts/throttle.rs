//! Throttling of sign-in and password-reset attempts, per account and per
//! client IP, on the injectable clock (tests move time; nothing sleeps).
//!
//! Rules (OWASP Authentication Cheat Sheet, "Login Throttling"): within a
//! sliding window, at most `limit` counted attempts per subject; the next
//! is refused until the oldest counted attempt leaves the window. Refused
//! attempts are not counted, so an attacker cannot keep the owner out
//! forever: once the back-off passes, the right password works again.

use crate::entities::{auth_attempt, codes::AuthAction};
use crate::DomainError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// A throttling rule: at most `limit` counted attempts per `window_secs`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub action: AuthAction,
    /// Whether only failed attempts count (sign-in) or every attempt (reset requests).
    pub failures_only: bool,
    pub limit: u64,
    pub window_secs: i64,
}

/// Failed sign-ins per account: 10 a minute.
pub const LOGIN_PER_ACCOUNT: Rule = Rule {
    action: AuthAction::Login,
    failures_only: true,
    limit: 10,
    window_secs: 60,
};
/// Failed sign-ins per IP address: 30 a minute (several people behind one NAT).
pub const LOGIN_PER_IP: Rule = Rule {
    action: AuthAction::Login,
    failures_only: true,
    limit: 30,
    window_secs: 60,
};
/// Password-reset requests per account: 3 an hour.
pub const RESET_PER_ACCOUNT: Rule = Rule {
    action: AuthAction::PasswordReset,
    failures_only: false,
    limit: 3,
    window_secs: 3600,
};
/// Password-reset requests per IP address: 10 an hour.
pub const RESET_PER_IP: Rule = Rule {
    action: AuthAction::PasswordReset,
    failures_only: false,
    limit: 10,
    window_secs: 3600,
};

/// The subject key of an account (by its normalized email, known or not).
pub fn account_subject(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

/// The subject key of a client address.
pub fn ip_subject(ip: &str) -> String {
    format!("ip:{ip}")
}

/// Refuses with [`DomainError::Throttled`] when `subject` used up `rule`.
///
/// # Errors
/// [`DomainError::Throttled`], [`DomainError::Db`].
pub async fn check<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    rule: Rule,
    subject: &str,
) -> Result<(), DomainError> {
    let since = now - Duration::seconds(rule.window_secs);
    let mut q = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Subject.eq(subject))
        .filter(auth_attempt::Column::Action.eq(rule.action))
        .filter(auth_attempt::Column::OccurredAt.gt(since));
    if rule.failures_only {
        q = q.filter(auth_attempt::Column::Succeeded.eq(false));
    }
    let counted = q.clone().count(db).await?;
    if counted < rule.limit {
        return Ok(());
    }
    // The window frees up when the oldest of the last `limit` attempts leaves it.
    let attempts = q
        .order_by_desc(auth_attempt::Column::OccurredAt)
        .all(db)
        .await?;
    let freeing = attempts
        .get(usize::try_from(rule.limit).unwrap_or(usize::MAX) - 1)
        .map_or(now, |a| a.occurred_at);
    let retry = (freeing + Duration::seconds(rule.window_secs) - now)
        .num_seconds()
        .max(1);
    Err(DomainError::Throttled {
        retry_after_secs: retry,
    })
}

/// Records an attempt by each of `subjects`.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn record<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    action: AuthAction,
    subjects: &[&str],
    succeeded: bool,
) -> Result<(), DomainError> {
    for subject in subjects {
        auth_attempt::ActiveModel {
            action: Set(action),
            subject: Set((*subject).to_owned()),
            succeeded: Set(succeeded),
            occurred_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Deletes attempts older than a day (no rule looks further back).
///
/// # Errors
/// [`DomainError::Db`].
pub async fn prune<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DomainError> {
    Ok(auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::OccurredAt.lt(now - Duration::days(1)))
        .exec(db)
        .await?
        .rows_affected)
}
