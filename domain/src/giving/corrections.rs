//! Corrections by staff (issue 14): a cash or bank-transfer gift, or goods
//! recorded as received, that were recorded by mistake are reversed, and a
//! pledge to a center's program that should not stand (abusive, mistaken)
//! is cancelled by the center's owner or a platform admin, the donor told.
//!
//! Nothing is deleted: a reversed gift keeps its row and its receipt
//! number, its ledger transaction is reversed by an opposite one
//! (`ledger::reverse`), so every figure drops it; goods are reversed by a
//! movement of the opposite quantity naming the one it reverses. Each
//! correction needs a reason (at most [`REASON_CHARS`] characters), is
//! decided by the policy and audited in its own transaction. Money or goods
//! already spent or handed out cannot be reversed: the fund or stock would
//! fall below zero.

use crate::accounts::policy::{authorize_change_of, Action, Actor};
use crate::audit::{self, Change};
use crate::entities::codes::{InstallmentStatus, Movement, PaymentMethod, PledgeStatus};
use crate::entities::{donation, in_kind_movement, installment, pledge, program};
use crate::error::DomainError;
use crate::ledger;
use chrono::{DateTime, Utc};
use nikoo_types::outcome::Rule;
use nikoo_types::LocalizedText;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

/// The longest reason kept, in characters.
pub const REASON_CHARS: usize = 500;

/// `object` (looked up by id, `None` when there is no such one) with
/// the center of its program (`program_of`), for `authorize_change_of`.
pub(crate) async fn with_center<C: ConnectionTrait, T>(
    db: &C,
    object: Option<T>,
    program_of: impl Fn(&T) -> i32,
) -> Result<Option<(T, i32)>, DomainError> {
    let Some(object) = object else {
        return Ok(None);
    };
    Ok(program::Entity::find_by_id(program_of(&object))
        .one(db)
        .await?
        .map(|p| (object, p.center_id)))
}

/// The reason typed, trimmed: required, at most [`REASON_CHARS`].
fn reason_of(raw: &str) -> Result<String, DomainError> {
    Ok(nikoo_types::accounts::required_text(
        "reason",
        raw,
        REASON_CHARS,
    )?)
}

/// Reverses cash or bank-transfer gift `donation_id`, recorded by mistake:
/// its ledger transaction is reversed (every figure drops it), the gift is
/// marked reversed with `reason`, an installment it paid is due again,
/// and the change is audited, in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the gift's center (also for a gift that does not exist);
/// `Invalid(reason/required|too_long)`; `Invalid(gift/not_reversible)` for
/// a card gift (refund it instead); `Invalid(gift/already_reversed)`;
/// `Invalid(gift/exceeds_fund)` when its money was spent already; `Db`.
pub async fn reverse_gift(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    donation_id: i32,
    reason: &str,
) -> Result<donation::Model, DomainError> {
    let gift = donation::Entity::find_by_id(donation_id).one(db).await?;
    let gift = with_center(db, gift, |g| g.program_id).await?;
    let (actor, (gift, center_id)) =
        authorize_change_of(actor, gift, |(_, c)| *c, Action::CorrectGift)?;
    let reason = reason_of(reason)?;
    if gift.method == PaymentMethod::Card {
        return Err(DomainError::invalid("gift", Rule::NotReversible));
    }
    let txn = crate::db::begin_write(db).await?;
    let gift = crate::db::for_update(&txn, donation::Entity::find_by_id(gift.id))
        .one(&txn)
        .await?
        .ok_or(DomainError::Forbidden)?;
    if gift.reversed_at.is_some() {
        return Err(DomainError::invalid("gift", Rule::AlreadyReversed));
    }
    let balances = ledger::balances(&txn, Some(&[gift.program_id])).await?;
    let held = ledger::cash_held(&balances, gift.need_id, &gift.currency)
        .ok_or_else(|| DomainError::Unexpected(format!("fund of gift {}", gift.id)))?;
    if held < gift.amount_minor {
        return Err(DomainError::invalid("gift", Rule::ExceedsFund));
    }
    ledger::reverse(
        &txn,
        now,
        gift.ledger_transaction_id,
        format!("reversal:donation:{}", gift.id),
    )
    .await?;
    // The installment it paid is due again (the overdue job sees to it).
    installment::Entity::update_many()
        .col_expr(
            installment::Column::Status,
            Expr::value(InstallmentStatus::Due),
        )
        .col_expr(installment::Column::DonationId, Expr::value(None::<i32>))
        .col_expr(installment::Column::UpdatedAt, Expr::value(now))
        .filter(installment::Column::DonationId.eq(gift.id))
        .exec(&txn)
        .await?;
    let mut row: donation::ActiveModel = gift.clone().into();
    row.reversed_at = Set(Some(now));
    row.reversed_by = Set(Some(actor.user_id));
    row.reversal_reason = Set(Some(reason.clone()));
    let reversed = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "gift.reverse",
            object_type: "donation",
            object_id: gift.id.to_string(),
            before: Some(json!({
                "amount_minor": gift.amount_minor,
                "currency": gift.currency,
                "method": gift.method.to_value(),
                "receipt_number": gift.receipt_number,
            })),
            after: Some(json!({"reversed": true, "reason": reason})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(reversed)
}

/// Reverses goods recorded as received by mistake (movement
/// `movement_id`): a movement of the opposite quantity naming it, the
/// reason as its memo (shown to staff only), audited, in one transaction.
/// Its pledge, if any, expects the goods again.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the center (also for a movement that does not exist);
/// `Invalid(reason/…)`; `Invalid(movement/not_reversible)` for a delivery
/// or a reversal; `Invalid(movement/already_reversed)`;
/// `Invalid(movement/exceeds_stock)` when the goods were handed out already; `Db`.
pub async fn reverse_items(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    movement_id: i32,
    reason: &str,
) -> Result<in_kind_movement::Model, DomainError> {
    let m = in_kind_movement::Entity::find_by_id(movement_id)
        .one(db)
        .await?;
    let m = with_center(db, m, |m| m.program_id).await?;
    let (actor, (m, center_id)) = authorize_change_of(actor, m, |(_, c)| *c, Action::CorrectGift)?;
    let reason = reason_of(reason)?;
    if m.kind != Movement::Received || m.reverses_id.is_some() || m.quantity <= 0 {
        return Err(DomainError::invalid("movement", Rule::NotReversible));
    }
    let txn = crate::db::begin_write(db).await?;
    let reversed = in_kind_movement::Entity::find()
        .filter(in_kind_movement::Column::ReversesId.eq(m.id))
        .count(&txn)
        .await?;
    if reversed > 0 {
        return Err(DomainError::invalid("movement", Rule::AlreadyReversed));
    }
    if crate::giving::records::stock(&txn, m.need_id).await? < m.quantity {
        return Err(DomainError::invalid("movement", Rule::ExceedsStock));
    }
    let reversal = in_kind_movement::ActiveModel {
        key: Set(format!("reversal:movement:{}", m.id)),
        kind: Set(Movement::Received),
        program_id: Set(m.program_id),
        need_id: Set(m.need_id),
        quantity: Set(-m.quantity),
        donor_id: Set(m.donor_id),
        anonymous: Set(m.anonymous),
        pledge_id: Set(m.pledge_id),
        beneficiary_count: Set(None),
        memo_fa: Set(Some(reason.clone())),
        memo_en: Set(None),
        upload_id: Set(None),
        recorded_by: Set(Some(actor.user_id)),
        occurred_at: Set(now),
        created_at: Set(now),
        reverses_id: Set(Some(m.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "gift.items_reverse",
            object_type: "in_kind_movement",
            object_id: m.id.to_string(),
            before: Some(json!({"need_id": m.need_id, "quantity": m.quantity})),
            after: Some(json!({"reversal_id": reversal.id, "reason": reason})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(reversal)
}

/// Cancels pledge `pledge_id` to a program of the caller's center (its
/// owner) or of any center (a platform admin), with `reason`: its unpaid
/// installments are waived, it is audited, and its donor, when they gave
/// an email address, is told why, in their language.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner of the
/// program's center or a platform admin (also for a pledge that does not
/// exist); `Invalid(reason/…)`; `Invalid(pledge/not_allowed)` for a pledge
/// already fulfilled or cancelled; `Db`.
pub async fn cancel_pledge(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    pledge_id: i32,
    reason: &str,
) -> Result<(), DomainError> {
    let p = pledge::Entity::find_by_id(pledge_id).one(db).await?;
    let p = with_center(db, p, |p| p.program_id).await?;
    let (actor, (p, center_id)) = authorize_change_of(actor, p, |(_, c)| *c, Action::CancelPledge)?;
    let reason = reason_of(reason)?;
    let txn = crate::db::begin_write(db).await?;
    let p = crate::db::for_update(&txn, pledge::Entity::find_by_id(p.id))
        .one(&txn)
        .await?
        .filter(|p| matches!(p.status, PledgeStatus::Active | PledgeStatus::Paused))
        .ok_or_else(|| DomainError::invalid("pledge", Rule::NotAllowed))?;
    crate::giving::installments::waive_unpaid(&txn, now, p.id).await?;
    let program = program::Entity::find_by_id(p.program_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut row: pledge::ActiveModel = p.clone().into();
    row.status = Set(PledgeStatus::Cancelled);
    row.cancelled_by = Set(Some(actor.user_id));
    row.cancellation_reason = Set(Some(reason.clone()));
    row.cancelled_at = Set(Some(now));
    row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "pledge.cancel",
            object_type: "pledge",
            object_id: p.id.to_string(),
            before: Some(json!({"status": p.status.to_value()})),
            after: Some(json!({"status": PledgeStatus::Cancelled.to_value(), "reason": reason})),
        },
    )
    .await?;
    crate::giving::donors::email_donor(
        &txn,
        now,
        p.donor_id,
        &nikoo_types::mail::Message::PledgeCancelled {
            program: LocalizedText::new(Some(program.title_fa), program.title_en),
            reason,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
