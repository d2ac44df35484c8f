//! Recurring money pledges paid to the center by bank transfer or cash, by
//! a signed-in donor or by a center through its owner or manager (the way
//! rials are given: the card gateway cannot charge IRR). Their schedule is
//! a card pledge's (`pledge_schedule`, `installments`): installment 1 falls
//! due on the day of the pledge, the job adds the later ones but never
//! charges them, and the receiving center's staff record each one's gift
//! when the money arrives, which marks it paid. One not recorded by the
//! end of its grace period becomes overdue, and the donor is emailed once
//! ([`run_due`], the `offline-installments` job; it needs no payment
//! provider, so it runs in every deployment).

use crate::accounts::policy::{authorize_change_of, Action, Actor};
use crate::audit::{self, Change};
use crate::calendar::{display_date, local_date, time_zone};
use crate::entities::codes::{InstallmentStatus, PaymentMethod, PledgeStatus};
use crate::entities::{center, installment, pledge, program, user};
use crate::error::DomainError;
use crate::giving::pledge_list::{PledgeRows, Viewer};
use crate::giving::records::{NewDonation, NewPledge, Promise};
use chrono::{DateTime, Utc};
use nikoo_types::giving::{Anonymity, CardPledgeForm, DueInstallment};
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, LocalizedText, Money};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde_json::json;

/// Records a pledge to be paid to the center, for the signed-in account
/// or (`pledge_as`) for a center it owns or manages; installment 1 is due
/// at once. The form is the card pledge's (designation, amount,
/// frequency, count, anonymity).
///
/// # Errors
/// `Invalid` with the field at fault; `Forbidden` for a center the account
/// may not pledge for (or the receiving one); `Db`.
pub async fn pledge(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    user: &user::Model,
    actor: &Actor,
    form: &CardPledgeForm,
    pledge_as: Option<i32>,
) -> Result<pledge::Model, DomainError> {
    let (gift, frequency, count) = crate::giving::pledges::check(db, form).await?;
    let receiving = gift.program.center_id;
    let for_center =
        crate::giving::item_pledges::pledging_center(db, actor, pledge_as, receiving).await?;
    let c = center::Entity::find_by_id(receiving)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let today = local_date(now, time_zone(&c.time_zone));
    let txn = crate::db::begin_write(db).await?;
    let donor = crate::giving::donors::account_donor(&txn, now, user).await?;
    let p = crate::giving::records::record_pledge(
        &txn,
        now,
        NewPledge {
            key: format!("offline-pledge:{}", crate::secrets::new_token()),
            donor_id: Some(donor.id),
            anonymous: form.anonymity != Anonymity::Public,
            hidden_from_center: form.anonymity == Anonymity::HiddenFromCenter,
            pledging_center_id: for_center,
            program_id: gift.program.id,
            need_id: gift.need.as_ref().map(|n| n.id),
            promise: Promise::Money {
                amount: gift.amount,
                frequency,
                installments: count,
            },
            start_date: today,
        },
    )
    .await?;
    crate::giving::installments::add_missing(&txn, now, &p, today, InstallmentStatus::Due).await?;
    if let Some(center_id) = for_center {
        audit::record(
            &txn,
            now,
            Change {
                actor_user_id: Some(actor.user_id),
                center_id: Some(center_id),
                action: "pledge.money",
                object_type: "pledge",
                object_id: p.id.to_string(),
                before: None,
                after: Some(json!({
                    "program_id": gift.program.id,
                    "need_id": p.need_id,
                    "amount_minor": gift.amount.minor(),
                    "currency": gift.amount.currency().code(),
                    "frequency": frequency.to_value(),
                    "installments": count,
                })),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(p)
}

/// What one run of [`run_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OfflineReport {
    /// Installments that fell due and were added.
    pub fell_due: u32,
    /// Installments that passed their grace period unrecorded and became overdue.
    pub overdue: u32,
}

/// The offline-installments job: adds the installments of pledges paid to
/// the center that fell due by `now` (dates in each center's time zone),
/// then marks overdue every one still unrecorded `grace_days` days after
/// its due date, emailing its donor once (the status changes with one
/// conditional update, so two runs never email twice). Overdue ones stay
/// on the center's list of installments to record.
///
/// # Errors
/// `Db`.
pub async fn run_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    grace_days: u32,
) -> Result<OfflineReport, DomainError> {
    use sea_orm::sea_query::{Expr, Query};
    let mut report = OfflineReport {
        fell_due: crate::giving::installments::add_fallen_due(
            db,
            now,
            crate::giving::installments::Paid::ToCenter,
        )
        .await?,
        ..OfflineReport::default()
    };
    let grace = chrono::Duration::days(i64::from(grace_days));
    // A coarse bound in UTC (time zones are within a day of it); each
    // installment is then checked in its own center's zone.
    let latest_due = now.date_naive() - grace + chrono::Duration::days(1);
    let candidates = installment::Entity::find()
        .filter(installment::Column::Status.eq(InstallmentStatus::Due))
        .filter(installment::Column::DueDate.lt(latest_due))
        .filter(
            installment::Column::PledgeId.in_subquery(
                Query::select()
                    .column(pledge::Column::Id)
                    .from(pledge::Entity)
                    .and_where(pledge::Column::SavedCardId.is_null())
                    .and_where(pledge::Column::Status.eq(PledgeStatus::Active))
                    .to_owned(),
            ),
        )
        .order_by_asc(installment::Column::Id)
        .all(db)
        .await?;
    for i in candidates {
        let Some(p) = pledge::Entity::find_by_id(i.pledge_id).one(db).await? else {
            continue;
        };
        let today = local_date(now, crate::giving::installments::pledge_zone(db, &p).await?);
        if i.due_date + grace >= today {
            continue;
        }
        let txn = crate::db::begin_write(db).await?;
        let changed = installment::Entity::update_many()
            .col_expr(
                installment::Column::Status,
                Expr::value(InstallmentStatus::Overdue),
            )
            .col_expr(installment::Column::UpdatedAt, Expr::value(now))
            .filter(installment::Column::Id.eq(i.id))
            .filter(installment::Column::Status.eq(InstallmentStatus::Due))
            .exec(&txn)
            .await?;
        if changed.rows_affected == 1 {
            report.overdue += 1;
            crate::giving::donors::email_donor(
                &txn,
                now,
                p.donor_id,
                &nikoo_types::mail::Message::InstallmentUnpaid {
                    number: i.number,
                    due: display_date(i.due_date),
                },
            )
            .await?;
        }
        txn.commit().await?;
    }
    Ok(report)
}

/// The installments due and not recorded of pledges paid to center
/// `center_id`, oldest first (the caller has checked the center's gifts
/// may be read).
///
/// # Errors
/// `Db`.
pub async fn due_at_center<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    center_id: i32,
) -> Result<Vec<DueInstallment>, DomainError> {
    use crate::db::rows_by;
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let today = local_date(now, time_zone(&c.time_zone));
    let programs =
        rows_by::<program::Entity, _>(db, program::Column::CenterId, [center_id], |p| p.id).await?;
    let pledges = pledge::Entity::find()
        .filter(pledge::Column::ProgramId.is_in(programs.keys().copied()))
        .filter(pledge::Column::SavedCardId.is_null())
        .filter(pledge::Column::Status.eq(PledgeStatus::Active))
        .all(db)
        .await?;
    let due = installment::Entity::find()
        .filter(installment::Column::PledgeId.is_in(pledges.iter().map(|p| p.id)))
        .filter(
            installment::Column::Status.is_in([InstallmentStatus::Due, InstallmentStatus::Overdue]),
        )
        .order_by_asc(installment::Column::DueDate)
        .order_by_asc(installment::Column::Id)
        .all(db)
        .await?;
    let listed: Vec<&pledge::Model> = pledges.iter().collect();
    let related = PledgeRows::load(db, &listed, vec![]).await?;
    let by_id: std::collections::HashMap<i32, &pledge::Model> =
        pledges.iter().map(|p| (p.id, p)).collect();
    let mut out = Vec::with_capacity(due.len());
    for i in due {
        let Some(p) = by_id.get(&i.pledge_id) else {
            continue;
        };
        let currency = Currency::from_code(&i.currency)
            .ok_or_else(|| DomainError::Unexpected(format!("currency {}", i.currency)))?;
        out.push(DueInstallment {
            installment_id: i.id,
            number: i.number,
            due: display_date(i.due_date),
            late: i.due_date < today,
            amount: Money::from_minor(i.amount_minor, currency),
            by: related.shown_pledger(p, Viewer::Center),
            by_center: p.pledging_center_id.is_some(),
            program_title: programs
                .get(&p.program_id)
                .map(|pr| LocalizedText::new(Some(pr.title_fa.clone()), pr.title_en.clone()))
                .unwrap_or_default(),
            need_title: p
                .need_id
                .and_then(|n| related.needs.get(&n))
                .map(|n| LocalizedText::new(Some(n.title_fa.clone()), n.title_en.clone())),
        });
    }
    Ok(out)
}

/// Records the gift of installment `installment_id` (its own amount, by
/// `method`: `cash` or `bank_transfer`) as received by its center: the
/// donation and its ledger transaction, the installment paid, an audit
/// record, in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller may record gifts at the
/// installment's center (also for one that does not exist or belongs to a
/// card pledge); `Invalid(method/unknown_code)`;
/// `Invalid(pledge/not_allowed)` for an installment already settled; `Db`.
pub async fn record_installment(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    installment_id: i32,
    method: &str,
) -> Result<(), DomainError> {
    let found = match installment::Entity::find_by_id(installment_id)
        .one(db)
        .await?
    {
        Some(i) => pledge::Entity::find_by_id(i.pledge_id)
            .one(db)
            .await?
            .filter(|p| p.saved_card_id.is_none())
            .map(|p| (i, p)),
        None => None,
    };
    let center_of = match &found {
        Some((_, p)) => program::Entity::find_by_id(p.program_id)
            .one(db)
            .await?
            .map(|pr| pr.center_id),
        None => None,
    };
    let (actor, ((i, p), center_id)) =
        authorize_change_of(actor, found.zip(center_of), |(_, c)| *c, Action::RecordGift)?;
    let method = match method {
        "cash" => PaymentMethod::Cash,
        "bank_transfer" => PaymentMethod::BankTransfer,
        _ => return Err(DomainError::invalid("method", Rule::UnknownCode)),
    };
    if !matches!(
        i.status,
        InstallmentStatus::Due | InstallmentStatus::Overdue
    ) {
        return Err(DomainError::invalid("pledge", Rule::NotAllowed));
    }
    let currency = Currency::from_code(&i.currency)
        .ok_or_else(|| DomainError::Unexpected(format!("currency {}", i.currency)))?;
    let txn = crate::db::begin_write(db).await?;
    // Read again, locked: a second click, or a colleague's, finds it paid.
    let i = crate::db::for_update(&txn, installment::Entity::find_by_id(i.id))
        .one(&txn)
        .await?
        .filter(|i| {
            matches!(
                i.status,
                InstallmentStatus::Due | InstallmentStatus::Overdue
            )
        })
        .ok_or_else(|| DomainError::invalid("pledge", Rule::NotAllowed))?;
    let gift = crate::giving::records::record_donation(
        &txn,
        now,
        NewDonation {
            key: format!("installment:{}", i.id),
            donor_id: p.donor_id,
            anonymous: p.anonymous,
            hidden_from_center: p.hidden_from_center,
            pledging_center_id: p.pledging_center_id,
            program_id: p.program_id,
            need_id: p.need_id,
            pledge_id: Some(p.id),
            method,
            amount: Money::from_minor(i.amount_minor, currency),
            received_at: now,
        },
    )
    .await?;
    let mut row: installment::ActiveModel = i.clone().into();
    row.status = Set(InstallmentStatus::Paid);
    row.donation_id = Set(Some(gift.id));
    row.next_attempt_at = Set(None);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "installment.record",
            object_type: "installment",
            object_id: i.id.to_string(),
            before: Some(json!({"status": i.status.to_value()})),
            after: Some(json!({
                "status": "paid",
                "donation_id": gift.id,
                "method": method.to_value(),
                "amount_minor": i.amount_minor,
                "currency": i.currency,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
