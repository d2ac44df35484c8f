//! Applying what a provider reports about a payment: exactly once per
//! event, only forward, refunds in any order (ARCHITECTURE.md invariants 2 and 4).
//!
//! The same [`apply_update`] runs for the answer of a charge call and for
//! the provider's webhook events, so the two can arrive in any order and in
//! any number: a success records the donation once (its key is the
//! payment's), a refund total is kept as the largest one reported, and what
//! is posted to the ledger follows it.

use crate::entities::codes::{PaymentMethod, PaymentStatus};
use crate::entities::{donation, payment, payment_event, payment_refund};
use crate::error::DomainError;
use crate::giving::records::{self, NewDonation};
use chrono::{DateTime, Utc};
use nikoo_types::{Currency, Money};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

/// What a provider reports about one payment, in Nikoo's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentUpdate {
    Succeeded,
    Processing,
    RequiresAction,
    /// Declined or errored, with the provider's code.
    Failed {
        code: Option<String>,
    },
    /// Refunded in all so far (cumulative, as Stripe's `amount_refunded`),
    /// minor units; `requested_by` is the staff member who asked in Nikoo.
    Refunded {
        total_minor: i64,
        requested_by: Option<i32>,
    },
}

impl PaymentUpdate {
    fn status(&self) -> Option<PaymentStatus> {
        match self {
            PaymentUpdate::Succeeded => Some(PaymentStatus::Succeeded),
            PaymentUpdate::Processing => Some(PaymentStatus::Processing),
            PaymentUpdate::RequiresAction => Some(PaymentStatus::RequiresAction),
            PaymentUpdate::Failed { .. } => Some(PaymentStatus::Failed),
            PaymentUpdate::Refunded { .. } => None,
        }
    }
}

/// A verified provider event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderEvent {
    /// The provider's event id (`evt_…`): applied once.
    pub event_ref: String,
    /// e.g. `payment_intent.succeeded`.
    pub event_type: String,
    /// The payment's key from the provider object's metadata, when Nikoo set it.
    pub payment_key: Option<String>,
    /// The provider's payment id (`pi_…`).
    pub payment_ref: Option<String>,
    /// `None` for event types Nikoo does not act on.
    pub update: Option<PaymentUpdate>,
}

/// What applying an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// First delivery: its effect (if any) is committed.
    Applied,
    /// Seen before: nothing changed.
    Duplicate,
    /// First delivery of an event about no payment of Nikoo's, or of a type
    /// Nikoo ignores: recorded, nothing else changed.
    Ignored,
}

/// Applies `event` from `provider` once: its id is inserted first, in the
/// same transaction as its effect, so concurrent deliveries collide on the
/// unique index at once and later ones find it.
///
/// # Errors
/// `Db` (the caller answers 500 and the provider delivers again).
pub async fn apply_event(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    provider: &str,
    event: &ProviderEvent,
) -> Result<Applied, DomainError> {
    let seen = || {
        payment_event::Entity::find()
            .filter(payment_event::Column::Provider.eq(provider))
            .filter(payment_event::Column::EventRef.eq(&event.event_ref))
            .one(db)
    };
    if seen().await?.is_some() {
        return Ok(Applied::Duplicate);
    }
    let txn = crate::db::begin_write(db).await?;
    let inserted = payment_event::ActiveModel {
        provider: Set(provider.to_owned()),
        event_ref: Set(event.event_ref.clone()),
        event_type: Set(event.event_type.clone()),
        received_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    if let Err(e) = inserted {
        drop(txn);
        // A concurrent delivery committed it first.
        return if seen().await?.is_some() {
            Ok(Applied::Duplicate)
        } else {
            Err(e.into())
        };
    }
    let found = match &event.update {
        None => None,
        Some(_) => find_locked(&txn, provider, event).await?,
    };
    let applied = match (found, &event.update) {
        (Some(p), Some(update)) => {
            apply_update(&txn, now, p, update).await?;
            Applied::Applied
        }
        _ => Applied::Ignored,
    };
    txn.commit().await?;
    Ok(applied)
}

/// The event's payment, by the key Nikoo put in the metadata (known before
/// the provider answered the charge call), else by the provider's id;
/// locked for update on PostgreSQL (SQLite's write lock is already held).
async fn find_locked<C: ConnectionTrait>(
    db: &C,
    provider: &str,
    event: &ProviderEvent,
) -> Result<Option<payment::Model>, DomainError> {
    let lock = |q: sea_orm::Select<payment::Entity>| crate::db::for_update(db, q);
    if let Some(key) = &event.payment_key {
        let q = payment::Entity::find()
            .filter(payment::Column::Key.eq(key))
            .filter(payment::Column::Provider.eq(provider));
        if let Some(p) = lock(q).one(db).await? {
            return Ok(Some(p));
        }
    }
    if let Some(r) = &event.payment_ref {
        let q = payment::Entity::find()
            .filter(payment::Column::ProviderRef.eq(r))
            .filter(payment::Column::Provider.eq(provider));
        return Ok(lock(q).one(db).await?);
    }
    Ok(None)
}

/// The payment with `id`, locked for update on PostgreSQL.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn lock_payment<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<payment::Model, DomainError> {
    crate::db::for_update(db, payment::Entity::find_by_id(id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Applies one update to a payment (inside the caller's write transaction):
/// a status only moves forward (`PaymentStatus::may_become`); the first
/// success records the donation; refunds are kept as the largest total
/// reported and posted to the ledger once the payment has succeeded.
///
/// # Errors
/// `Db`; `Unexpected` for a stored currency Nikoo does not know.
pub async fn apply_update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: payment::Model,
    update: &PaymentUpdate,
) -> Result<payment::Model, DomainError> {
    let mut row: payment::ActiveModel = p.clone().into();
    let mut status = p.status;
    let mut refunded = p.refunded_minor;
    let mut requested_by = None;
    match (update, update.status()) {
        (
            PaymentUpdate::Refunded {
                total_minor,
                requested_by: by,
            },
            _,
        ) => {
            requested_by = *by;
            refunded = refunded.max((*total_minor).clamp(0, p.amount_minor));
            row.refunded_minor = Set(refunded);
        }
        (_, Some(next)) if p.status.may_become(next) => {
            status = next;
            row.status = Set(next);
            if let PaymentUpdate::Failed { code } = update {
                row.failure_code = Set(code.clone());
            }
        }
        _ => {}
    }
    let mut donation_id = p.donation_id;
    if status == PaymentStatus::Succeeded && donation_id.is_none() {
        let gift = record_gift(db, now, &p).await?;
        donation_id = Some(gift.id);
        row.donation_id = Set(donation_id);
        crate::giving::installments::mark_paid(db, now, &p).await?;
    }
    if let Some(gift_id) = donation_id {
        if refunded > p.refund_posted_minor {
            let gift = donation::Entity::find_by_id(gift_id)
                .one(db)
                .await?
                .ok_or_else(|| DomainError::Unexpected(format!("donation {gift_id}")))?;
            let delta = refunded - p.refund_posted_minor;
            let ltx = records::record_refund(
                db,
                now,
                &gift,
                p.refund_posted_minor,
                delta,
                format!("refund:{}:{refunded}", p.key),
            )
            .await?;
            payment_refund::ActiveModel {
                payment_id: Set(p.id),
                amount_minor: Set(delta),
                ledger_transaction_id: Set(ltx.id),
                requested_by: Set(requested_by),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            row.refund_posted_minor = Set(refunded);
        }
    }
    row.updated_at = Set(now);
    Ok(row.update(db).await?)
}

/// The donation of a succeeded payment, keyed by the payment so it exists once.
async fn record_gift<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: &payment::Model,
) -> Result<donation::Model, DomainError> {
    let currency = Currency::from_code(&p.currency)
        .ok_or_else(|| DomainError::Unexpected(format!("currency {}", p.currency)))?;
    records::record_donation(
        db,
        now,
        NewDonation {
            key: format!("payment:{}", p.key),
            donor_id: p.donor_id,
            anonymous: p.anonymous,
            hidden_from_center: p.hidden_from_center,
            pledging_center_id: p.pledging_center_id,
            program_id: p.program_id,
            need_id: p.need_id,
            pledge_id: p.pledge_id,
            method: PaymentMethod::Card,
            amount: Money::from_minor(p.amount_minor, currency),
            received_at: now,
        },
    )
    .await
}
