//! Throttling of sign-ins, password-reset requests, sign-ups and
//! invitations, per account or email address, client IP or center, on the injectable clock (tests move time; nothing sleeps).
//!
//! Rules (OWASP Authentication Cheat Sheet, "Login Throttling"): within a
//! sliding window, at most `limit` counted attempts per subject; the next
//! is refused until the oldest counted attempt leaves the window. Refused
//! attempts are not counted, so an attacker cannot keep the owner out
//! forever: once the back-off passes, the right password works again.

use crate::entities::{auth_attempt, codes::AuthAction};
use crate::DomainError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
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

/// Sign-ups per client address: 30 an hour. A household or office signs
/// up a few people, but Iran's mobile networks put many subscribers
/// behind one carrier-grade NAT address, so the bound is loose; mail
/// bombing is bounded per address by [`SIGNUP_PER_EMAIL`].
pub const SIGNUP_PER_IP: Rule = Rule {
    action: AuthAction::SignUp,
    failures_only: false,
    limit: 30,
    window_secs: 3600,
};
/// Sign-ups per email address, known or not: 3 an hour, so no one can
/// flood an address with "you already have an account" emails.
pub const SIGNUP_PER_EMAIL: Rule = Rule {
    action: AuthAction::SignUp,
    failures_only: false,
    limit: 3,
    window_secs: 3600,
};
/// Invitations sent by one center: 20 an hour.
pub const INVITE_PER_CENTER: Rule = Rule {
    action: AuthAction::Invitation,
    failures_only: false,
    limit: 20,
    window_secs: 3600,
};
/// Invitations to one email address, from any center: 3 a day.
pub const INVITE_PER_RECIPIENT: Rule = Rule {
    action: AuthAction::Invitation,
    failures_only: false,
    limit: 3,
    window_secs: 86_400,
};

/// The subject key of an account or any email address (normalized, known or not).
pub fn account_subject(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

/// The subject key of a client address: an IPv4 address as it is, an
/// IPv6 address by its /64 prefix (one subscriber's network: RFC 6177
/// and RIPE-690 assign each site at least a /64, so one client can use
/// any address within it); anything else as given.
pub fn ip_subject(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("ip:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(v4) => format!("ip:{v4}"),
        Err(_) => format!("ip:{ip}"),
    }
}

/// The subject key of a center.
pub fn center_subject(center_id: i32) -> String {
    format!("center:{center_id}")
}

/// An attempt counted under its rules, until [`settle`] says how it went.
#[derive(Debug)]
#[must_use = "an attempt counts as a failure until it is settled"]
pub struct Attempt {
    ids: Vec<i32>,
}

/// Takes one attempt under each `(rule, subject)`, or refuses it.
///
/// Check and record are one step, so parallel attempts cannot all pass:
/// the attempt is recorded first (as a failure until [`settle`]d), then
/// every rule counts what is recorded in its window, this attempt
/// included. Over a limit, the attempt's rows are deleted (a refused
/// attempt is not counted) and it is refused. Each attempt counts
/// itself after its own rows are committed, so of any number of parallel
/// attempts at most `limit` see a count within the limit (under a burst
/// a few more may be refused than strictly needed, never fewer).
///
/// `db` must not be inside a transaction: the rows must be visible to
/// parallel attempts before this one counts.
///
/// # Errors
/// [`DomainError::Throttled`] with the seconds until the first rule that
/// refused frees up; [`DomainError::Db`].
pub async fn take(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    rules: &[(Rule, &str)],
) -> Result<Attempt, DomainError> {
    let mut ids = Vec::with_capacity(rules.len());
    let mut recorded: Vec<(AuthAction, &str)> = Vec::new();
    for (rule, subject) in rules {
        if recorded.contains(&(rule.action, subject)) {
            continue;
        }
        recorded.push((rule.action, subject));
        let row = auth_attempt::ActiveModel {
            action: Set(rule.action),
            subject: Set((*subject).to_owned()),
            succeeded: Set(false),
            occurred_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.push(row.id);
    }
    for (rule, subject) in rules {
        if let Some(retry_after_secs) = refusal(db, now, *rule, subject, &ids).await? {
            auth_attempt::Entity::delete_many()
                .filter(auth_attempt::Column::Id.is_in(ids.iter().copied()))
                .exec(db)
                .await?;
            return Err(DomainError::Throttled { retry_after_secs });
        }
    }
    Ok(Attempt { ids })
}

/// Records how `attempt` went: a success no longer counts under rules
/// that count failures only.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn settle<C: ConnectionTrait>(
    db: &C,
    attempt: Attempt,
    succeeded: bool,
) -> Result<(), DomainError> {
    if succeeded {
        auth_attempt::Entity::update_many()
            .col_expr(auth_attempt::Column::Succeeded, Expr::value(true))
            .filter(auth_attempt::Column::Id.is_in(attempt.ids))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// `Some(seconds to wait)` when `subject` is over `rule`'s limit with the
/// attempt `own` counted.
async fn refusal(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    rule: Rule,
    subject: &str,
    own: &[i32],
) -> Result<Option<i64>, DomainError> {
    let since = now - Duration::seconds(rule.window_secs);
    let mut q = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Subject.eq(subject))
        .filter(auth_attempt::Column::Action.eq(rule.action))
        .filter(auth_attempt::Column::OccurredAt.gt(since));
    if rule.failures_only {
        q = q.filter(auth_attempt::Column::Succeeded.eq(false));
    }
    if q.clone().count(db).await? <= rule.limit {
        return Ok(None);
    }
    // The window frees up when the oldest of the last `limit` other
    // attempts leaves it.
    let others = q
        .filter(auth_attempt::Column::Id.is_not_in(own.iter().copied()))
        .order_by_desc(auth_attempt::Column::OccurredAt)
        .all(db)
        .await?;
    let freeing = others
        .get(
            usize::try_from(rule.limit)
                .unwrap_or(usize::MAX)
                .saturating_sub(1),
        )
        .map_or(now, |a| a.occurred_at);
    Ok(Some(
        (freeing + Duration::seconds(rule.window_secs) - now)
            .num_seconds()
            .max(1),
    ))
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

#[cfg(test)]
mod tests {
    use super::ip_subject;

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_and_ipv4_by_address() {
        assert_eq!(
            ip_subject("2001:db8:1:2:aaaa::1"),
            ip_subject("2001:db8:1:2:ffff:1:2:3")
        );
        assert_ne!(ip_subject("2001:db8:1:2::1"), ip_subject("2001:db8:1:3::1"));
        assert_eq!(ip_subject("::ffff:203.0.113.7"), "ip:203.0.113.7");
        assert_ne!(ip_subject("203.0.113.7"), ip_subject("203.0.113.8"));
        assert_eq!(ip_subject("unknown"), "ip:unknown");
    }
}
