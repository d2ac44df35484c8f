//! Recurring card pledges made by signed-in donors, and what a donor may
//! change of their own pledges (pause, resume, cancel, the amount). Their
//! page is `my_giving`.
//!
//! 1. [`start_card_pledge`] checks the form and starts a card setup owned
//!    by the donor (`donor:{id}`).
//! 2. The browser's provider script saves the card.
//! 3. [`confirm_card_pledge`] checks the form again, reads the saved card
//!    from the provider (accepted only if it was set up for this donor),
//!    and records the card and the pledge together. The installment job
//!    (`installments`) charges each installment when it falls due.

use crate::calendar::{local_date, time_zone};
use crate::entities::codes::{Frequency, PledgeStatus};
use crate::entities::{center, pledge, saved_card, user};
use crate::error::DomainError;
use crate::giving::donors::account_donor;
use crate::giving::payments::card_gifts::{card_error, check_gift, CheckedGift};
use crate::giving::payments::provider::PaymentProvider;
use crate::giving::records::{NewPledge, Promise};
use chrono::{DateTime, Utc};
use nikoo_types::giving::{CardPledgeForm, CardPledgeStarted, FREQUENCIES};
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, Money};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// The most installments a fixed-count pledge may have (20 years monthly).
pub const MAX_INSTALLMENTS: u32 = 240;

/// A checked pledge form: the gift checks, plus frequency and count.
///
/// # Errors
/// `Invalid` with the field at fault; `Db`.
pub(crate) async fn check(
    db: &DatabaseConnection,
    form: &CardPledgeForm,
) -> Result<(CheckedGift, Frequency, Option<u32>), DomainError> {
    let gift = check_gift(db, &form.program, form.need, &form.amount, form.lang).await?;
    let frequency = match form.frequency.as_str() {
        "monthly" => Frequency::Monthly,
        "quarterly" => Frequency::Quarterly,
        "yearly" => Frequency::Yearly,
        _ => return Err(DomainError::invalid("frequency", Rule::UnknownCode)),
    };
    debug_assert!(FREQUENCIES.contains(&form.frequency.as_str()));
    let digits = nikoo_types::digits::to_ascii_digits(form.installments.trim());
    let count = if digits.is_empty() {
        None
    } else {
        match digits.parse::<u32>() {
            Ok(n) if (1..=MAX_INSTALLMENTS).contains(&n) => Some(n),
            _ => return Err(DomainError::invalid("installments", Rule::OutOfRange)),
        }
    };
    Ok((gift, frequency, count))
}

/// Step 1: checks the form and starts saving a card for the donor.
///
/// # Errors
/// `Invalid` for a bad form or a currency the provider cannot charge;
/// `Invalid(card/unavailable)`; `Db`.
pub async fn start_card_pledge(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    user: &user::Model,
    form: &CardPledgeForm,
) -> Result<CardPledgeStarted, DomainError> {
    let (gift, ..) = check(db, form).await?;
    if !provider.charges(gift.amount.currency()) {
        return Err(DomainError::invalid("amount", Rule::CurrencyUnsupported));
    }
    let donor = account_donor(db, now, user).await?;
    set_up_donor_card(db, provider, &donor, "pledge-setup").await
}

/// Starts saving a card owned by `donor` (`donor:{id}`), on the provider
/// customer of their latest saved card when they have one; `purpose`
/// prefixes the idempotency key.
///
/// # Errors
/// `Invalid(card/…)` when the provider fails; `Db`.
pub(crate) async fn set_up_donor_card(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    donor: &crate::entities::donor::Model,
    purpose: &str,
) -> Result<CardPledgeStarted, DomainError> {
    let customer = saved_card::Entity::find()
        .filter(saved_card::Column::DonorId.eq(donor.id))
        .order_by_desc(saved_card::Column::Id)
        .one(db)
        .await?
        .map(|c| c.customer_ref);
    let setup = provider
        .set_up_card(
            customer.as_deref(),
            donor.email.as_deref(),
            &format!("donor:{}", donor.id),
            &format!("{purpose}:{}", crate::secrets::new_token()),
        )
        .await
        .map_err(card_error)?;
    Ok(CardPledgeStarted {
        client_secret: setup.client_secret,
    })
}

/// Step 3: records the saved card and the pledge; answers the pledge's id.
///
/// # Errors
/// As [`start_card_pledge`]; `Forbidden` for a card set up for someone else.
pub async fn confirm_card_pledge(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    user: &user::Model,
    form: &CardPledgeForm,
    setup_ref: &str,
) -> Result<i32, DomainError> {
    let (gift, frequency, count) = check(db, form).await?;
    let donor = account_donor(db, now, user).await?;
    let card = provider
        .card_of_setup(setup_ref)
        .await
        .map_err(card_error)?;
    if card.owner.as_deref() != Some(format!("donor:{}", donor.id).as_str()) {
        return Err(DomainError::Forbidden);
    }
    let customer = card.customer_ref.clone().ok_or(DomainError::Forbidden)?;
    let center = center::Entity::find_by_id(gift.program.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let today = local_date(now, time_zone(&center.time_zone));
    let txn = crate::db::begin_write(db).await?;
    let saved = saved_card::ActiveModel {
        donor_id: Set(donor.id),
        provider: Set(provider.name().to_owned()),
        customer_ref: Set(customer),
        payment_method_ref: Set(card.payment_method_ref.clone()),
        brand: Set(card.brand.clone()),
        last4: Set(card.last4.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let anonymity = form.anonymity;
    let p = crate::giving::records::record_pledge(
        &txn,
        now,
        NewPledge {
            key: format!("card-pledge:{}", crate::secrets::new_token()),
            donor_id: Some(donor.id),
            anonymous: anonymity != nikoo_types::giving::Anonymity::Public,
            hidden_from_center: anonymity == nikoo_types::giving::Anonymity::HiddenFromCenter,
            pledging_center_id: None,
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
    let mut row: pledge::ActiveModel = p.into();
    row.saved_card_id = Set(Some(saved.id));
    let p = row.update(&txn).await?;
    txn.commit().await?;
    Ok(p.id)
}

/// What a donor may do to their own pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PledgeChange {
    /// Active → paused: no installment falls due while paused.
    Pause,
    /// Paused → active: the installments that fell due meanwhile are
    /// waived. Also cancelled → active, when the donor cancelled it less
    /// than [`UNDO_HOURS`] ago ([`may_undo_cancel`]).
    Resume,
    /// Active or paused → cancelled (undone only as above).
    Cancel,
}

/// How long a donor may take back their own cancellation: 24 hours, so a
/// pledge cancelled by mistake is not lost, while the center can count
/// on a cancellation after a day.
pub const UNDO_HOURS: i64 = 24;

/// Whether the donor may resume pledge `p`, which they cancelled
/// themselves (not the center) less than [`UNDO_HOURS`] before `now`.
pub fn may_undo_cancel(p: &pledge::Model, now: DateTime<Utc>) -> bool {
    p.status == PledgeStatus::Cancelled
        && p.cancelled_by.is_none()
        && p.cancelled_at
            .is_some_and(|at| now - at < chrono::Duration::hours(UNDO_HOURS))
}

impl PledgeChange {
    /// The form value (`pause`, `resume`, `cancel`).
    pub fn from_code(code: &str) -> Option<PledgeChange> {
        match code {
            "pause" => Some(PledgeChange::Pause),
            "resume" => Some(PledgeChange::Resume),
            "cancel" => Some(PledgeChange::Cancel),
            _ => None,
        }
    }
}

/// Pauses, resumes or cancels the signed-in donor's pledge `pledge_id`.
/// Installments not yet charged are waived when it pauses or ends.
///
/// # Errors
/// `Forbidden` for a pledge that is not the donor's (or does not exist);
/// `Invalid(pledge/not_allowed)` for a change its status does not allow; `Db`.
pub async fn change_pledge(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    user: &user::Model,
    pledge_id: i32,
    change: PledgeChange,
) -> Result<(), DomainError> {
    let p = pledge::Entity::find_by_id(pledge_id)
        .one(db)
        .await?
        .filter(|p| p.donor_id.is_some() && p.donor_id == user.donor_id)
        .ok_or(DomainError::Forbidden)?;
    let next = match (change, p.status) {
        (PledgeChange::Pause, PledgeStatus::Active) => PledgeStatus::Paused,
        (PledgeChange::Resume, PledgeStatus::Paused) => PledgeStatus::Active,
        (PledgeChange::Resume, PledgeStatus::Cancelled) if may_undo_cancel(&p, now) => {
            PledgeStatus::Active
        }
        (PledgeChange::Cancel, PledgeStatus::Active | PledgeStatus::Paused) => {
            PledgeStatus::Cancelled
        }
        _ => return Err(DomainError::invalid("pledge", Rule::NotAllowed)),
    };
    let txn = crate::db::begin_write(db).await?;
    if next != PledgeStatus::Active {
        crate::giving::installments::waive_unpaid(&txn, now, p.id).await?;
    } else {
        let tz = crate::giving::installments::pledge_zone(&txn, &p).await?;
        crate::giving::installments::waive_missed(&txn, now, &p, local_date(now, tz)).await?;
    }
    let mut row: pledge::ActiveModel = p.into();
    row.status = Set(next);
    row.cancelled_at = Set((next == PledgeStatus::Cancelled).then_some(now));
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Changes the amount of each future installment of the signed-in donor's
/// money pledge `pledge_id` (active or paused) to `amount`, typed in the
/// pledge's currency. Installments already due keep the amount they fell
/// due with.
///
/// # Errors
/// `Forbidden` for a pledge that is not the donor's (or does not exist);
/// `Invalid(pledge/not_allowed)` for an ended or in-kind pledge;
/// `Invalid(amount/…)` for a bad amount; `Db`.
pub async fn change_amount(
    db: &DatabaseConnection,
    user: &user::Model,
    pledge_id: i32,
    amount: &str,
    lang: nikoo_types::Locale,
) -> Result<Money, DomainError> {
    let p = pledge::Entity::find_by_id(pledge_id)
        .one(db)
        .await?
        .filter(|p| p.donor_id.is_some() && p.donor_id == user.donor_id)
        .ok_or(DomainError::Forbidden)?;
    let running = matches!(p.status, PledgeStatus::Active | PledgeStatus::Paused);
    let currency = p.currency.as_deref().and_then(Currency::from_code);
    let (true, Some(currency)) = (running, currency) else {
        return Err(DomainError::invalid("pledge", Rule::NotAllowed));
    };
    let amount = crate::giving::amounts::parse_amount(amount, currency, lang)?;
    let mut row: pledge::ActiveModel = p.into();
    row.amount_minor = Set(Some(amount.minor()));
    row.update(db).await?;
    Ok(amount)
}
