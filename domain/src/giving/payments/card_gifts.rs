//! One-time card gifts: the server sets the amount and designation, the
//! browser only completes the provider's card form.
//!
//! 1. [`start_card_gift`] checks the form, records the payment (`created`)
//!    and asks the provider for a card setup; the browser gets its client secret.
//! 2. The browser's provider script saves the card (Stripe's `confirmCardSetup`).
//! 3. [`charge_card_gift`] reads the saved card from the provider (never
//!    from the browser) and charges it on-session, once (idempotency key
//!    `payment:{key}:charge`); success records the donation through
//!    [`super::events::apply_update`], as the webhook would.
//! 4. When the bank asks the donor to authenticate, the browser does so
//!    (Stripe's `confirmCardPayment`) and [`refresh_card_gift`] reads the result.

use super::events::{apply_update, lock_payment, PaymentUpdate};
use super::provider::{ChargeOutcome, ChargeRequest, ChargeStatus, PaymentProvider, ProviderError};
use crate::entities::codes::{GiftKind, NeedStatus, PaymentStatus};
use crate::entities::{center, donor, need, payment, program, saved_card, user};
use crate::error::DomainError;
use crate::giving::amounts::{designation_currency, parse_amount};
use crate::giving::donors::account_donor;
use chrono::{DateTime, Utc};
use nikoo_types::giving::{
    Anonymity, CardGiftForm, CardGiftStarted, CardKeys, GiftNeed, GiftOptions, GiftState,
};
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, Locale, LocalizedText, Money};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

/// A checked gift: the public program, its open money need (if any), the
/// currency and the amount in it.
#[derive(Debug, Clone)]
pub struct CheckedGift {
    pub program: program::Model,
    pub need: Option<need::Model>,
    pub amount: Money,
}

/// Checks a gift form's designation and amount (the rules shared by card
/// and, later, other methods).
///
/// # Errors
/// `Invalid` with the field at fault (`program`/`unknown`,
/// `need`/`not_open`, `amount`/…, `currency`/`none`); `Db`.
pub async fn check_gift<C: ConnectionTrait>(
    db: &C,
    program_slug: &str,
    need_id: Option<i32>,
    amount: &str,
    lang: Locale,
) -> Result<CheckedGift, DomainError> {
    let program = crate::catalog::visible_programs()
        .filter(program::Column::Slug.eq(program_slug.trim()))
        .one(db)
        .await?
        .filter(|p| p.status == crate::entities::codes::ProgramStatus::Active)
        .ok_or_else(|| DomainError::invalid("program", Rule::Unknown))?;
    let need = match need_id {
        None => None,
        Some(id) => Some(
            need::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|n| {
                    n.program_id == program.id
                        && n.kind == GiftKind::Money
                        && n.status == NeedStatus::Open
                })
                .ok_or_else(|| DomainError::invalid("need", Rule::NotOpen))?,
        ),
    };
    let currency = designation_currency(db, program.id, need.as_ref()).await?;
    let amount = parse_amount(amount, currency, lang)?;
    Ok(CheckedGift {
        program,
        need,
        amount,
    })
}

/// The donor record of a signed-in user, or of a guest's email (one per address).
async fn giver<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user: Option<&user::Model>,
    form: &CardGiftForm,
) -> Result<donor::Model, DomainError> {
    if let Some(u) = user {
        return account_donor(db, now, u).await;
    }
    let email = nikoo_types::accounts::parse_email("email", &form.email)?;
    let name = nikoo_types::accounts::optional_text("display_name", &form.display_name, 80)?;
    let d = crate::giving::donors::upsert_donor(
        db,
        now,
        &format!("guest:{email}"),
        name.as_deref().unwrap_or("—"),
        Some(&email),
    )
    .await?;
    if !form.updates {
        return Ok(d);
    }
    let mut row: donor::ActiveModel = d.into();
    row.wants_updates = Set(true);
    row.locale = Set(Some(form.lang.code().to_owned()));
    Ok(row.update(db).await?)
}

/// Starts a one-time card gift: checks the form, records the payment and
/// asks the provider for a card setup.
///
/// # Errors
/// `Invalid` for a bad form or a currency the provider cannot charge
/// (`amount`/`currency_unsupported`); `Invalid(card/unavailable)` when the
/// provider cannot be reached; `Db`.
pub async fn start_card_gift(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    user: Option<&user::Model>,
    form: &CardGiftForm,
) -> Result<CardGiftStarted, DomainError> {
    let gift = check_gift(db, &form.program, form.need, &form.amount, form.lang).await?;
    if !provider.charges(gift.amount.currency()) {
        return Err(DomainError::invalid("amount", Rule::CurrencyUnsupported));
    }
    let txn = crate::db::begin_write(db).await?;
    let donor = giver(&txn, now, user, form).await?;
    let anonymity = form.anonymity;
    let key = crate::secrets::new_token();
    let row = payment::ActiveModel {
        key: Set(key.clone()),
        provider: Set(provider.name().to_owned()),
        donor_id: Set(Some(donor.id)),
        anonymous: Set(anonymity != Anonymity::Public),
        hidden_from_center: Set(anonymity == Anonymity::HiddenFromCenter),
        program_id: Set(gift.program.id),
        need_id: Set(gift.need.as_ref().map(|n| n.id)),
        amount_minor: Set(gift.amount.minor()),
        currency: Set(gift.amount.currency().code().to_owned()),
        status: Set(PaymentStatus::Created),
        refunded_minor: Set(0),
        refund_posted_minor: Set(0),
        keep_card: Set(user.is_some() && form.keep_card),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    let setup = provider
        .set_up_card(
            None,
            donor.email.as_deref(),
            &format!("payment:{key}"),
            &format!("payment:{key}:setup"),
        )
        .await
        .map_err(card_error)?;
    let mut row: payment::ActiveModel = row.into();
    row.customer_ref = Set(Some(setup.customer_ref));
    row.update(db).await?;
    let keys = provider.browser_keys();
    Ok(CardGiftStarted {
        payment_key: key,
        client_secret: setup.client_secret,
        publishable_key: keys.publishable_key,
    })
}

/// A provider failure as the donor's form error.
pub(crate) fn card_error(e: ProviderError) -> DomainError {
    tracing::warn!(error = %e, "card provider call failed");
    match e {
        ProviderError::Declined { .. } => DomainError::invalid("card", Rule::Declined),
        ProviderError::Unavailable(_) | ProviderError::Refused(_) => {
            DomainError::invalid("card", Rule::Unavailable)
        }
    }
}

/// The payment with `key` (an unguessable token the donor's browser holds).
pub(crate) async fn by_key<C: ConnectionTrait>(
    db: &C,
    key: &str,
) -> Result<payment::Model, DomainError> {
    payment::Entity::find()
        .filter(payment::Column::Key.eq(key))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Charges the card the browser saved for payment `key`, on-session.
///
/// # Errors
/// `NotFound` for an unknown key; `Invalid(card/declined)` when the card was
/// declined (the payment is `failed` and nothing is received);
/// `Invalid(card/unavailable)`; `Db`.
pub async fn charge_card_gift(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    key: &str,
    setup_ref: &str,
) -> Result<GiftState, DomainError> {
    let p = by_key(db, key).await?;
    if p.status != PaymentStatus::Created {
        return Ok(state_of(p, None));
    }
    let customer = p.customer_ref.clone().ok_or(DomainError::NotFound)?;
    let card = match provider.card_of_setup(setup_ref).await {
        Ok(card) => card,
        Err(e) => {
            if let ProviderError::Declined { code } = &e {
                record(
                    db,
                    now,
                    p.id,
                    &PaymentUpdate::Failed {
                        code: Some(code.clone()),
                    },
                )
                .await?;
            }
            return Err(card_error(e));
        }
    };
    // Only the card saved for this very gift, on its customer.
    if card.owner.as_deref() != Some(format!("payment:{key}").as_str())
        || card.customer_ref.as_deref() != Some(customer.as_str())
    {
        return Err(DomainError::Forbidden);
    }
    let currency = Currency::from_code(&p.currency)
        .ok_or_else(|| DomainError::Unexpected(format!("currency {}", p.currency)))?;
    let mut row: payment::ActiveModel = p.clone().into();
    row.payment_method_ref = Set(Some(card.payment_method_ref.clone()));
    row.update(db).await?;
    let request = ChargeRequest {
        customer_ref: customer.clone(),
        payment_method_ref: card.payment_method_ref.clone(),
        amount: Money::from_minor(p.amount_minor, currency),
        off_session: false,
        idempotency_key: format!("payment:{key}:charge"),
        payment_key: p.key.clone(),
    };
    let outcome = provider.charge(&request).await;
    let (p, client_secret) = settle(db, now, p.id, outcome).await?;
    if p.status == PaymentStatus::Succeeded {
        keep_or_detach(db, provider, now, &p, &customer, &card).await;
    }
    Ok(state_of(p, client_secret))
}

/// Reads the charge's status again after the donor authenticated.
///
/// # Errors
/// As [`charge_card_gift`].
pub async fn refresh_card_gift(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    key: &str,
) -> Result<GiftState, DomainError> {
    let p = by_key(db, key).await?;
    let Some(provider_ref) = p.provider_ref.clone() else {
        return Ok(state_of(p, None));
    };
    if p.status == PaymentStatus::Succeeded {
        return Ok(state_of(p, None));
    }
    let outcome = provider.charge_status(&provider_ref).await;
    let (p, client_secret) = settle(db, now, p.id, outcome).await?;
    Ok(state_of(p, client_secret))
}

/// Stores a charge call's outcome on the payment (the same rules as the
/// webhook's), then answers the donor: declined is a form error; the
/// client secret comes back when the donor must authenticate.
async fn settle(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    id: i32,
    outcome: Result<ChargeOutcome, ProviderError>,
) -> Result<(payment::Model, Option<String>), DomainError> {
    let mut client_secret = None;
    let (provider_ref, update) = match outcome {
        Ok(o) => (
            Some(o.provider_ref),
            match o.status {
                ChargeStatus::Succeeded => PaymentUpdate::Succeeded,
                ChargeStatus::Processing => PaymentUpdate::Processing,
                ChargeStatus::RequiresAction { client_secret: s } => {
                    client_secret = Some(s);
                    PaymentUpdate::RequiresAction
                }
                ChargeStatus::Failed { code } => PaymentUpdate::Failed { code: Some(code) },
            },
        ),
        Err(ProviderError::Declined { code }) => (None, PaymentUpdate::Failed { code: Some(code) }),
        Err(e) => return Err(card_error(e)),
    };
    let txn = crate::db::begin_write(db).await?;
    let p = lock_payment(&txn, id).await?;
    let p = if let (Some(r), None) = (&provider_ref, &p.provider_ref) {
        let mut row: payment::ActiveModel = p.into();
        row.provider_ref = Set(Some(r.clone()));
        row.update(&txn).await?
    } else {
        p
    };
    let p = apply_update(&txn, now, p, &update).await?;
    txn.commit().await?;
    if p.status == PaymentStatus::Failed {
        return Err(DomainError::invalid("card", Rule::Declined));
    }
    Ok((p, client_secret))
}

/// Records one update on payment `id` in its own write transaction.
async fn record(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    id: i32,
    update: &PaymentUpdate,
) -> Result<payment::Model, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let p = lock_payment(&txn, id).await?;
    let p = apply_update(&txn, now, p, update).await?;
    txn.commit().await?;
    Ok(p)
}

/// After a one-time gift the card is saved on the donor's account when
/// they asked for it, else detached at the provider (best effort: a failure
/// is logged, the gift stands).
async fn keep_or_detach(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    p: &payment::Model,
    customer: &str,
    card: &super::provider::SavedCard,
) {
    let kept = match (p.keep_card, p.donor_id) {
        (true, Some(donor_id)) => saved_card::ActiveModel {
            donor_id: Set(donor_id),
            provider: Set(p.provider.clone()),
            customer_ref: Set(customer.to_owned()),
            payment_method_ref: Set(card.payment_method_ref.clone()),
            brand: Set(card.brand.clone()),
            last4: Set(card.last4.clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .map(|_| true)
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "saving the card failed");
            false
        }),
        _ => false,
    };
    if !kept {
        if let Err(e) = provider.detach_card(&card.payment_method_ref).await {
            tracing::warn!(error = %e, payment = p.id, "detaching the card failed");
        }
    }
}

/// What the donor's browser is told about a payment; `client_secret` when
/// the donor must authenticate.
fn state_of(p: payment::Model, client_secret: Option<String>) -> GiftState {
    match p.status {
        PaymentStatus::Succeeded => GiftState::Succeeded { payment_key: p.key },
        PaymentStatus::Failed => GiftState::Failed,
        PaymentStatus::RequiresAction => match client_secret {
            Some(client_secret) => GiftState::RequiresAction { client_secret },
            None => GiftState::Processing { payment_key: p.key },
        },
        PaymentStatus::Created | PaymentStatus::Processing => {
            GiftState::Processing { payment_key: p.key }
        }
    }
}

/// The gift page of public, active program `slug`: its open money needs,
/// the currencies the card provider charges, and the browser keys.
///
/// # Errors
/// `NotFound` for a program that is not public and active; `Db`.
pub async fn gift_options<C: ConnectionTrait>(
    db: &C,
    provider: Option<&dyn PaymentProvider>,
    slug: &str,
    actor: Option<&crate::accounts::policy::Actor>,
) -> Result<GiftOptions, DomainError> {
    let program = crate::catalog::visible_programs()
        .filter(program::Column::Slug.eq(slug))
        .filter(program::Column::Status.eq(crate::entities::codes::ProgramStatus::Active))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let center = center::Entity::find_by_id(program.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let card_ok = |code: &str| {
        provider.is_some_and(|p| Currency::from_code(code).is_some_and(|c| p.charges(c)))
    };
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.eq(program.id))
        .filter(need::Column::Kind.eq(GiftKind::Money))
        .filter(need::Column::Status.eq(NeedStatus::Open))
        .order_by_asc(need::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|n| {
            let currency = n.currency.clone()?;
            Some(GiftNeed {
                id: n.id,
                title: LocalizedText::new(Some(n.title_fa), n.title_en),
                card_ok: card_ok(&currency),
                currency,
            })
        })
        .collect::<Vec<_>>();
    let program_currency = needs.first().map(|n| n.currency.clone());
    Ok(GiftOptions {
        program_slug: program.slug,
        program_title: LocalizedText::new(Some(program.title_fa), program.title_en),
        center_name: LocalizedText::new(Some(center.name_fa), center.name_en),
        program_card_ok: program_currency.as_deref().is_some_and(card_ok),
        program_currency,
        needs,
        card: provider.map(card_keys),
        signed_in: actor.is_some(),
        pledge_as: crate::giving::item_pledges::pledge_as(db, actor, center.id).await?,
    })
}

/// What the browser loads to collect a card with `provider`'s script.
pub fn card_keys(provider: &dyn PaymentProvider) -> CardKeys {
    let keys = provider.browser_keys();
    CardKeys {
        publishable_key: keys.publishable_key,
        script_url: keys.script_url,
    }
}
