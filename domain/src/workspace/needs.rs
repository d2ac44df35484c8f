//! Needs as staff run them: money (a target and currency) or in-kind
//! (unit, quantity, estimated unit value), with a priority and a
//! deadline; edited, closed with a public reason, reopened.

use super::programs::{parse_date_field, parse_title, program_to_change};
use super::NEED_CURRENCIES;
use crate::accounts::policy::{Action, Actor};
use crate::audit::{self, Change};
use crate::catalog::need_for_change;
use crate::entities::codes::{GiftKind, NeedStatus};
use crate::entities::need;
use crate::error::DomainError;
use crate::giving::amounts::parse_money_field;
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::accounts::optional_text;
use nikoo_types::outcome::Rule;
use nikoo_types::workspace::{NeedFields, Priority, REASON_MAX_CHARS};
use nikoo_types::{Currency, Locale, LocalizedText, Money, Quantity};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde_json::json;

/// What a need form asks for, parsed.
enum ParsedTarget {
    Money(Money),
    InKind {
        unit: LocalizedText,
        quantity: Quantity,
        unit_value: Option<Money>,
    },
}

/// A need form, parsed.
struct ParsedNeed {
    title: LocalizedText,
    target: ParsedTarget,
    priority: Priority,
    deadline: Option<NaiveDate>,
}

/// Parses a need form. `fixed` is the need being edited: its kind and
/// currency stay, whatever the form says.
fn parse_need(
    f: &NeedFields,
    locale: Locale,
    fixed: Option<&need::Model>,
) -> Result<ParsedNeed, DomainError> {
    let title = parse_title(&f.title_fa, &f.title_en)?;
    let kind = match fixed {
        Some(n) => n.kind,
        None => GiftKind::try_from_value(&f.kind.trim().to_owned())
            .map_err(|_| DomainError::invalid("kind", Rule::UnknownCode))?,
    };
    let currency_code = match fixed {
        Some(n) => n.currency.clone().unwrap_or_default(),
        None => f.currency.trim().to_owned(),
    };
    let currency = || {
        Some(currency_code.as_str())
            .filter(|c| NEED_CURRENCIES.contains(c) || fixed.is_some())
            .and_then(Currency::from_code)
            .ok_or_else(|| DomainError::invalid("currency", Rule::UnknownCode))
    };
    let target = match kind {
        GiftKind::Money => ParsedTarget::Money(parse_money_field(
            "target_amount",
            &f.target_amount,
            currency()?,
            locale,
        )?),
        GiftKind::InKind => {
            let unit = LocalizedText::new(
                optional_text("unit_fa", &f.unit_fa, 40)?,
                optional_text("unit_en", &f.unit_en, 40)?,
            );
            if unit.fa.is_none() && unit.en.is_none() {
                return Err(DomainError::invalid("unit_fa", Rule::UnitRequired));
            }
            let quantity = Quantity::parse(&f.target_quantity)
                .ok()
                .filter(|q| q.get() > 0)
                .ok_or_else(|| DomainError::invalid("target_quantity", Rule::NotPositive))?;
            let unit_value = if f.unit_value.trim().is_empty() {
                None
            } else {
                Some(parse_money_field(
                    "unit_value",
                    &f.unit_value,
                    currency()?,
                    locale,
                )?)
            };
            ParsedTarget::InKind {
                unit,
                quantity,
                unit_value,
            }
        }
    };
    let priority = if f.priority.trim().is_empty() {
        Priority::Normal
    } else {
        Priority::from_code(f.priority.trim())
            .ok_or_else(|| DomainError::invalid("priority", Rule::UnknownCode))?
    };
    Ok(ParsedNeed {
        title,
        target,
        priority,
        deadline: parse_date_field("deadline", &f.deadline)?,
    })
}

/// Sets a need row's fields from a parsed form.
fn apply_need(row: &mut need::ActiveModel, n: ParsedNeed) {
    row.title_fa = Set(n.title.fa.unwrap_or_default());
    row.title_en = Set(n.title.en);
    row.priority = Set(n.priority.code().to_owned());
    row.deadline = Set(n.deadline);
    match n.target {
        ParsedTarget::Money(m) => {
            row.kind = Set(GiftKind::Money);
            row.currency = Set(Some(m.currency().code().to_owned()));
            row.target_minor = Set(Some(m.minor()));
        }
        ParsedTarget::InKind {
            unit,
            quantity,
            unit_value,
        } => {
            row.kind = Set(GiftKind::InKind);
            row.unit_fa = Set(unit.fa);
            row.unit_en = Set(unit.en);
            row.target_quantity = Set(Some(quantity.get()));
            row.currency = Set(unit_value.map(|m| m.currency().code().to_owned()));
            row.unit_value_minor = Set(unit_value.map(Money::minor));
        }
    }
}

/// What the audit log keeps of a need.
fn need_snapshot(n: &need::Model) -> serde_json::Value {
    json!({
        "program_id": n.program_id,
        "kind": n.kind.to_value(),
        "title_fa": n.title_fa,
        "title_en": n.title_en,
        "currency": n.currency,
        "target_minor": n.target_minor,
        "unit_fa": n.unit_fa,
        "unit_en": n.unit_en,
        "target_quantity": n.target_quantity,
        "unit_value_minor": n.unit_value_minor,
        "priority": n.priority,
        "deadline": n.deadline.map(|d| d.to_string()),
        "status": n.status.to_value(),
        "closed_reason": n.closed_reason,
    })
}

/// Adds a need to program `program_id`, last in its list.
///
/// # Errors
/// As [`update_program`]; `Invalid` naming the field at fault (`kind` or
/// `currency` `unknown_code`, `target_amount`/`unit_value` `invalid` or
/// `not_positive`, `target_quantity` `not_positive`, `unit_fa`
/// `unit_required`, `deadline` `invalid`, `priority` `unknown_code`).
pub async fn add_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    program_id: i32,
    fields: &NeedFields,
    locale: Locale,
) -> Result<need::Model, DomainError> {
    let (actor, p) = program_to_change(db, actor, center_id, program_id).await?;
    let parsed = parse_need(fields, locale, None)?;
    let txn = crate::db::begin_write(db).await?;
    let last = need::Entity::find()
        .filter(need::Column::ProgramId.eq(p.id))
        .order_by_desc(need::Column::Position)
        .one(&txn)
        .await?
        .map_or(0, |n| n.position);
    let mut row = need::ActiveModel {
        program_id: Set(p.id),
        key: Set(format!("n-{}", &crate::secrets::new_token()[..12])),
        position: Set(last + 1),
        status: Set(NeedStatus::Open),
        unit_fa: Set(None),
        unit_en: Set(None),
        target_minor: Set(None),
        target_quantity: Set(None),
        unit_value_minor: Set(None),
        closed_reason: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    apply_need(&mut row, parsed);
    let n = row.insert(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "need.create",
            object_type: "need",
            object_id: n.id.to_string(),
            before: None,
            after: Some(need_snapshot(&n)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(n)
}

/// The need `need_id` of a program of `center_id` for a change by `actor`,
/// with its program (refused like another center's when it is not there).
async fn need_to_change<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    need_id: i32,
) -> Result<(&'a Actor, need::Model), DomainError> {
    let (actor, n, _) =
        need_for_change(db, actor, center_id, need_id, Action::ManagePrograms).await?;
    Ok((actor, n))
}

/// Records a change of a need with its audit record, in one transaction.
async fn save_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    center_id: i32,
    action: &str,
    before: need::Model,
    row: need::ActiveModel,
) -> Result<need::Model, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action,
            object_type: "need",
            object_id: after.id.to_string(),
            before: Some(need_snapshot(&before)),
            after: Some(need_snapshot(&after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Edits a need's titles, target, unit, priority and deadline (its kind
/// and currency stay: gifts were given in them).
///
/// # Errors
/// As [`add_need`].
pub async fn update_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    need_id: i32,
    fields: &NeedFields,
    locale: Locale,
) -> Result<need::Model, DomainError> {
    let (actor, before) = need_to_change(db, actor, center_id, need_id).await?;
    let parsed = parse_need(fields, locale, Some(&before))?;
    let mut row: need::ActiveModel = before.clone().into();
    apply_need(&mut row, parsed);
    save_need(db, now, actor, center_id, "need.update", before, row).await
}

/// Closes an open need with a reason (shown publicly with it).
///
/// # Errors
/// As [`update_need`]; `Invalid(reason/required|too_long)`,
/// `Invalid(reason/already_closed)`.
pub async fn close_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    need_id: i32,
    reason: &str,
) -> Result<need::Model, DomainError> {
    let (actor, before) = need_to_change(db, actor, center_id, need_id).await?;
    if before.status == NeedStatus::Closed {
        return Err(DomainError::invalid("reason", Rule::AlreadyClosed));
    }
    let reason = nikoo_types::accounts::required_text("reason", reason, REASON_MAX_CHARS)?;
    let mut row: need::ActiveModel = before.clone().into();
    row.status = Set(NeedStatus::Closed);
    row.closed_reason = Set(Some(reason));
    save_need(db, now, actor, center_id, "need.close", before, row).await
}

/// Opens a closed need again.
///
/// # Errors
/// As [`update_need`]; `Invalid(reason/not_closed)` for an open one.
pub async fn reopen_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    need_id: i32,
) -> Result<need::Model, DomainError> {
    let (actor, before) = need_to_change(db, actor, center_id, need_id).await?;
    if before.status != NeedStatus::Closed {
        return Err(DomainError::invalid("reason", Rule::NotClosed));
    }
    let mut row: need::ActiveModel = before.clone().into();
    row.status = Set(NeedStatus::Open);
    row.closed_reason = Set(None);
    save_need(db, now, actor, center_id, "need.reopen", before, row).await
}
