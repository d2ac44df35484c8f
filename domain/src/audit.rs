//! The audit log: every staff or admin change writes who, when, what, and
//! the object before and after, on the same connection (transaction) as
//! the change itself, so both commit or neither does.

use crate::calendar::{display_instant, DEFAULT_TIME_ZONE};
use crate::entities::{audit_record, center, user};
use crate::DomainError;
use chrono::{DateTime, Utc};
use nikoo_types::accounts::AuditEntry;
use nikoo_types::LocalizedText;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// The account that made it; `None` for an operator at the command line.
    pub actor_user_id: Option<i32>,
    /// The center it belongs to, if any.
    pub center_id: Option<i32>,
    /// A dotted code, e.g. `member.invite`.
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Writes `change` on `db` (pass the change's transaction).
///
/// # Errors
/// [`DomainError::Db`].
pub async fn record<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    change: Change<'_>,
) -> Result<(), DomainError> {
    audit_record::ActiveModel {
        actor_user_id: Set(change.actor_user_id),
        center_id: Set(change.center_id),
        action: Set(change.action.to_owned()),
        object_type: Set(change.object_type.to_owned()),
        object_id: Set(change.object_id),
        before_json: Set(change.before.map(|v| v.to_string())),
        after_json: Set(change.after.map(|v| v.to_string())),
        occurred_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// `limit` records from the `offset`-th newest, newest first; only
/// `center_id`'s when given. The caller has already been authorized.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn list<C: ConnectionTrait>(
    db: &C,
    center_id: Option<i32>,
    offset: u64,
    limit: u64,
) -> Result<Vec<AuditEntry>, DomainError> {
    let records = of_center(center_id)
        .order_by_desc(audit_record::Column::OccurredAt)
        .order_by_desc(audit_record::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    let user_ids: Vec<i32> = records.iter().filter_map(|r| r.actor_user_id).collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let center_ids: Vec<i32> = records.iter().filter_map(|r| r.center_id).collect();
    let centers: HashMap<i32, (LocalizedText, chrono_tz::Tz)> = center::Entity::find()
        .filter(center::Column::Id.is_in(center_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let tz = crate::calendar::time_zone(&c.time_zone);
            (c.id, (LocalizedText::new(Some(c.name_fa), c.name_en), tz))
        })
        .collect();
    Ok(records
        .into_iter()
        .map(|r| {
            let center = r.center_id.and_then(|c| centers.get(&c).cloned());
            let tz = center.as_ref().map_or(DEFAULT_TIME_ZONE, |(_, tz)| *tz);
            let amount = [&r.after_json, &r.before_json]
                .into_iter()
                .find_map(|j| amount_in(j.as_deref()?));
            AuditEntry {
                id: r.id,
                occurred_at: r.occurred_at.to_rfc3339(),
                date: display_instant(r.occurred_at, tz),
                time: r.occurred_at.with_timezone(&tz).format("%H:%M").to_string(),
                actor: r.actor_user_id.and_then(|u| names.get(&u).cloned()),
                center: center.map(|(name, _)| name),
                action: r.action,
                object: format!("{} {}", r.object_type, r.object_id),
                before: r.before_json,
                after: r.after_json,
                amount,
            }
        })
        .collect())
}

/// How many records [`list`] pages through for `center_id`.
///
/// # Errors
/// [`DomainError::Db`].
pub async fn count<C: ConnectionTrait>(db: &C, center_id: Option<i32>) -> Result<u64, DomainError> {
    use sea_orm::PaginatorTrait;
    Ok(of_center(center_id).count(db).await?)
}

/// Every record, or only `center_id`'s.
fn of_center(center_id: Option<i32>) -> sea_orm::Select<audit_record::Entity> {
    let q = audit_record::Entity::find();
    match center_id {
        Some(c) => q.filter(audit_record::Column::CenterId.eq(c)),
        None => q,
    }
}

/// The amount a record's JSON state names: its `amount_minor` in its
/// `currency`, if it has both.
fn amount_in(json: &str) -> Option<nikoo_types::Money> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    let minor = v.get("amount_minor")?.as_i64()?;
    let currency = nikoo_types::Currency::from_code(v.get("currency")?.as_str()?)?;
    Some(nikoo_types::Money::from_minor(minor, currency))
}
