//! Payment-provider fees in the ledger (ARCHITECTURE.md invariant 2: fees are
//! ledger transactions like donations and refunds).
//!
//! A provider reports a charge's fee only once the charge has settled
//! (Stripe: the balance transaction of the PaymentIntent's latest charge),
//! so fees are read after the fact: the payment job asks the provider for
//! each succeeded payment whose fee it has not read yet, and posts one `fee`
//! transaction — `processing_fees` debited, `cash` credited, on the gift's
//! designation — with the idempotency key `fee:{payment key}`. The fund
//! that received the gift bears its fee; *received* is unchanged (a fee is
//! money spent, not money refunded).
//!
//! A fee in another currency than the charge's (an account settling in a
//! currency other than the one the donor paid in) is recorded on the
//! payment but not posted: Nikoo has no exchange rate it could use without
//! floats, and sums never mix currencies (invariant 1). It is logged.

use crate::entities::codes::PaymentStatus;
use crate::entities::payment;
use crate::error::DomainError;
use crate::giving::payments::events::lock_payment;
use crate::giving::payments::provider::PaymentProvider;
use crate::ledger::{self, Account, NewTransaction, Posting, TransactionKind};
use chrono::{DateTime, Utc};
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, Money};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// How many payments one run asks about at most (the rest wait for the next run).
pub const FEES_PER_RUN: u64 = 200;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeeReport {
    /// Fees posted to the ledger.
    pub posted: u32,
    /// Charges the provider kept nothing of.
    pub none: u32,
    /// Fees in another currency than the charge's: recorded, not posted.
    pub other_currency: u32,
    /// Charges not settled yet, or the provider did not answer: asked again next run.
    pub pending: u32,
}

/// Reads and posts the fees of succeeded payments whose fee is not known
/// yet, oldest first, at most [`FEES_PER_RUN`].
///
/// # Errors
/// `Db`. Provider failures leave the payment for the next run.
pub async fn post_pending(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
) -> Result<FeeReport, DomainError> {
    let waiting = payment::Entity::find()
        .filter(payment::Column::Status.eq(PaymentStatus::Succeeded))
        .filter(payment::Column::Provider.eq(provider.name()))
        .filter(payment::Column::ProviderRef.is_not_null())
        .filter(payment::Column::FeeMinor.is_null())
        .order_by_asc(payment::Column::Id)
        .limit(FEES_PER_RUN)
        .all(db)
        .await?;
    let mut report = FeeReport::default();
    for p in waiting {
        let Some(provider_ref) = p.provider_ref.as_deref() else {
            continue;
        };
        let fee = match provider.charge_fee(provider_ref).await {
            Ok(Some(fee)) => fee,
            Ok(None) => {
                report.pending += 1;
                continue;
            }
            Err(e) => {
                tracing::warn!(error = %e, payment = p.id, "fee not read");
                report.pending += 1;
                continue;
            }
        };
        match record_fee(db, now, p.id, fee.minor, &fee.currency).await? {
            Recorded::Posted => report.posted += 1,
            Recorded::Nothing => report.none += 1,
            Recorded::OtherCurrency => report.other_currency += 1,
        }
    }
    Ok(report)
}

/// What recording one fee did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Posted,
    /// Zero, or already recorded by another runner.
    Nothing,
    OtherCurrency,
}

/// Records the fee `minor` (in `currency`, as the provider settled it) of
/// payment `payment_id` and posts it to the ledger, once: a payment whose
/// fee is already recorded is left as it is.
///
/// # Errors
/// `NotFound`; `Invalid` (`fee`/`negative`) for a negative fee; `Db`.
pub async fn record_fee(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    payment_id: i32,
    minor: i64,
    currency: &str,
) -> Result<Recorded, DomainError> {
    if minor < 0 {
        return Err(DomainError::invalid("fee", Rule::Negative));
    }
    let txn = crate::db::begin_write(db).await?;
    let p = lock_payment(&txn, payment_id).await?;
    if p.fee_minor.is_some() {
        return Ok(Recorded::Nothing);
    }
    let code = currency.trim().to_ascii_uppercase();
    let same_currency = code == p.currency;
    let outcome = if minor == 0 {
        Recorded::Nothing
    } else if !same_currency {
        tracing::warn!(
            payment = p.id,
            fee_minor = minor,
            fee_currency = %code,
            charge_currency = %p.currency,
            "fee settled in another currency: recorded, not posted to the ledger"
        );
        Recorded::OtherCurrency
    } else {
        let c = Currency::from_code(&p.currency)
            .ok_or_else(|| DomainError::Unexpected(format!("currency {}", p.currency)))?;
        let posting = |account, sign: i64| Posting {
            account,
            program_id: Some(p.program_id),
            need_id: p.need_id,
            money: Money::from_minor(sign * minor, c),
        };
        ledger::post(
            &txn,
            now,
            NewTransaction {
                idempotency_key: format!("fee:{}", p.key),
                kind: TransactionKind::Fee,
                occurred_at: now,
                memo_fa: None,
                memo_en: None,
                reverses_id: None,
                postings: vec![
                    posting(Account::ProcessingFees, 1),
                    posting(Account::Cash, -1),
                ],
            },
        )
        .await?;
        Recorded::Posted
    };
    let mut row: payment::ActiveModel = p.into();
    row.fee_minor = Set(Some(minor));
    row.fee_currency = Set(Some(code));
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(outcome)
}
