//! The card job (`card-installments`): charges the due installments of
//! recurring card pledges off-session, retries a failed one after 1, 3 and
//! 7 days, then marks it overdue and emails the donor a link to their
//! giving page, where they update the card.
//!
//! Each attempt is its own payment with an unguessable key (receipts are
//! found by it), charged with the idempotency key derived from it: a run
//! that times out and the next run, which retries the same unanswered
//! attempt, make one charge. Success is applied by
//! `payments::events::apply_update`, as for the webhook, and marks the
//! installment paid.

use crate::entities::codes::{InstallmentStatus, PaymentStatus};
use crate::entities::{installment, payment, pledge, saved_card};
use crate::error::DomainError;
use crate::giving::installments::{add_fallen_due, Paid};
use crate::giving::payments::events::{apply_update, lock_payment, PaymentUpdate};
use crate::giving::payments::provider::{
    ChargeRequest, ChargeStatus, PaymentProvider, ProviderError,
};
use chrono::{DateTime, Duration, Utc};
use nikoo_types::{Currency, Money};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// Days after each failed attempt before the next (then overdue): 1, 3, 7,
/// Stripe's own Smart Retries default spacing for failed recurring charges.
pub const RETRY_AFTER_DAYS: [i64; 3] = [1, 3, 7];

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Installments that fell due and were added.
    pub fell_due: u32,
    pub paid: u32,
    /// Failed attempts that will be retried.
    pub retrying: u32,
    /// Installments whose last retry failed.
    pub overdue: u32,
    /// Attempts left for a later run (the provider was unreachable or is processing).
    pub pending: u32,
}

/// The card job: adds the installments of active card pledges that fell
/// due by `now` (each pledge's dates in its center's time zone), then
/// charges every installment whose attempt time has come. Pledges paid to
/// the center are `offline_pledges::run_due`'s.
///
/// # Errors
/// `Db`. Provider failures are recorded on the installments, not returned.
pub async fn run_due(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
) -> Result<RunReport, DomainError> {
    let mut report = RunReport {
        fell_due: add_fallen_due(db, now, Paid::ByCard).await?,
        ..RunReport::default()
    };
    // Only card installments have an attempt time.
    let due = installment::Entity::find()
        .filter(
            installment::Column::Status
                .is_in([InstallmentStatus::Due, InstallmentStatus::Retrying]),
        )
        .filter(installment::Column::NextAttemptAt.lte(now))
        .order_by_asc(installment::Column::DueDate)
        .order_by_asc(installment::Column::Id)
        .all(db)
        .await?;
    for i in due {
        match charge(db, provider, now, i).await? {
            InstallmentStatus::Paid => report.paid += 1,
            InstallmentStatus::Retrying => report.retrying += 1,
            InstallmentStatus::Overdue => report.overdue += 1,
            InstallmentStatus::Due | InstallmentStatus::Waived => report.pending += 1,
        }
    }
    Ok(report)
}

/// One attempt at installment `i`; answers its status afterwards.
async fn charge(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    i: installment::Model,
) -> Result<InstallmentStatus, DomainError> {
    let p = pledge::Entity::find_by_id(i.pledge_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let card = match p.saved_card_id {
        Some(id) => saved_card::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|c| c.removed_at.is_none()),
        None => None,
    };
    let currency = Currency::from_code(&i.currency)
        .ok_or_else(|| DomainError::Unexpected(format!("currency {}", i.currency)))?;
    let Some(card) = card else {
        return failed(db, now, &p, i, "no_card").await;
    };
    // The attempt's payment: the one an earlier run left unanswered (same
    // key, so the provider charges once), else a new one with a new key.
    let unanswered = match i.payment_id {
        Some(id) => payment::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|pay| pay.status == PaymentStatus::Created),
        None => None,
    };
    let pay = match unanswered {
        Some(existing) => existing,
        None => {
            let key = crate::secrets::new_token();
            payment::ActiveModel {
                key: Set(key),
                provider: Set(provider.name().to_owned()),
                customer_ref: Set(Some(card.customer_ref.clone())),
                payment_method_ref: Set(Some(card.payment_method_ref.clone())),
                donor_id: Set(p.donor_id),
                anonymous: Set(p.anonymous),
                hidden_from_center: Set(p.hidden_from_center),
                pledging_center_id: Set(p.pledging_center_id),
                program_id: Set(p.program_id),
                need_id: Set(p.need_id),
                pledge_id: Set(Some(p.id)),
                installment_number: Set(Some(i.number)),
                amount_minor: Set(i.amount_minor),
                currency: Set(i.currency.clone()),
                status: Set(PaymentStatus::Created),
                refunded_minor: Set(0),
                refund_posted_minor: Set(0),
                keep_card: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    let mut row: installment::ActiveModel = i.clone().into();
    row.payment_id = Set(Some(pay.id));
    row.updated_at = Set(now);
    let i = row.update(db).await?;
    let request = ChargeRequest {
        customer_ref: card.customer_ref.clone(),
        payment_method_ref: card.payment_method_ref.clone(),
        amount: Money::from_minor(i.amount_minor, currency),
        off_session: true,
        idempotency_key: format!("payment:{}:charge", pay.key),
        payment_key: pay.key.clone(),
    };
    let update = match provider.charge(&request).await {
        Ok(o) => {
            let txn = crate::db::begin_write(db).await?;
            let locked = lock_payment(&txn, pay.id).await?;
            let mut with_ref: payment::ActiveModel = locked.into();
            with_ref.provider_ref = Set(Some(o.provider_ref.clone()));
            let locked = with_ref.update(&txn).await?;
            let update = match o.status {
                ChargeStatus::Succeeded => PaymentUpdate::Succeeded,
                ChargeStatus::Processing => PaymentUpdate::Processing,
                // Off-session, authentication means the donor must come back: a failure here.
                ChargeStatus::RequiresAction { .. } => PaymentUpdate::Failed {
                    code: Some("authentication_required".into()),
                },
                ChargeStatus::Failed { code } => PaymentUpdate::Failed { code: Some(code) },
            };
            apply_update(&txn, now, locked, &update).await?;
            txn.commit().await?;
            update
        }
        Err(ProviderError::Declined { code }) => {
            let txn = crate::db::begin_write(db).await?;
            let locked = lock_payment(&txn, pay.id).await?;
            let update = PaymentUpdate::Failed { code: Some(code) };
            apply_update(&txn, now, locked, &update).await?;
            txn.commit().await?;
            update
        }
        Err(e) => {
            // Unreachable or timed out: the same attempt (same key) next run.
            tracing::warn!(error = %e, installment = i.id, "installment charge not answered");
            return Ok(InstallmentStatus::Due);
        }
    };
    match update {
        PaymentUpdate::Succeeded => Ok(InstallmentStatus::Paid),
        PaymentUpdate::Failed { code } => {
            failed(db, now, &p, i, code.as_deref().unwrap_or("card_declined")).await
        }
        // Processing: the webhook settles it.
        _ => {
            let mut row: installment::ActiveModel = i.into();
            row.next_attempt_at = Set(None);
            row.update(db).await?;
            Ok(InstallmentStatus::Due)
        }
    }
}

/// Records a failed attempt: a retry after the next delay of
/// [`RETRY_AFTER_DAYS`], or, after the last, overdue with an email to the donor.
async fn failed(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    p: &pledge::Model,
    i: installment::Model,
    code: &str,
) -> Result<InstallmentStatus, DomainError> {
    let attempts = i.attempts + 1;
    let retry = usize::try_from(attempts - 1)
        .ok()
        .and_then(|n| RETRY_AFTER_DAYS.get(n));
    let status = if retry.is_some() {
        InstallmentStatus::Retrying
    } else {
        InstallmentStatus::Overdue
    };
    let txn = crate::db::begin_write(db).await?;
    let mut row: installment::ActiveModel = i.clone().into();
    row.attempts = Set(attempts);
    row.status = Set(status);
    row.failure_code = Set(Some(code.to_owned()));
    row.next_attempt_at = Set(retry.map(|d| now + Duration::days(*d)));
    row.updated_at = Set(now);
    row.update(&txn).await?;
    if status == InstallmentStatus::Overdue {
        crate::giving::donors::email_donor(
            &txn,
            now,
            p.donor_id,
            &nikoo_types::mail::Message::InstallmentOverdue { number: i.number },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(status)
}
