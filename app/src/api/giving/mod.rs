//! Server functions of giving: the gift page's options, the three steps of
//! a one-time card gift (start, charge, refresh after the donor
//! authenticated), a gift's receipt; and, for a center's staff, its gifts,
//! recording cash and bank-transfer gifts, and refunding card gifts.
//! Amounts and currencies are set by the server from the need or program;
//! anyone, signed in or not, may give.

pub mod item_pledges;
pub mod offline_pledges;

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::giving::{
    CardGiftForm, CardGiftStarted, CardPledgeForm, CardPledgeStarted, CenterGiftsPage, GiftOptions,
    GiftReceipt, GiftState, GivingStatement, MyGiving,
};
#[cfg(feature = "ssr")]
use {
    super::{actor, auth_session, failed, form_locale, go, notice_at, state},
    nikoo_domain::giving::payments::card_gifts,
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// The card provider, or the translated "card payments unavailable" error.
#[cfg(feature = "ssr")]
fn provider(
    s: &crate::state::AppState,
) -> Result<std::sync::Arc<dyn nikoo_domain::giving::payments::PaymentProvider>, AppError> {
    s.payments.clone().ok_or_else(|| {
        failed(AppError::Invalid(nikoo_types::outcome::FieldError::new(
            "card",
            nikoo_types::outcome::Rule::Unavailable,
        )))
    })
}

/// The gift page of program `slug`.
#[server(prefix = "/_sfn", endpoint = "gift_options")]
pub async fn get_gift_options(slug: String) -> Result<GiftOptions, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    card_gifts::gift_options(&s.db, s.payments.as_deref(), &slug, a.as_ref())
        .await
        .map_err(failed)
}

/// Step 1: records the gift and starts saving the card.
#[server(prefix = "/_sfn", endpoint = "start_card_gift", input = leptos::server_fn::codec::Json)]
pub async fn start_card_gift(form: CardGiftForm) -> Result<CardGiftStarted, AppError> {
    let s = state()?;
    let provider = provider(&s)?;
    let user = match auth_session().await?.user {
        Some(u) => nikoo_domain::accounts::users::find(&s.db, u.id)
            .await
            .map_err(failed)?,
        None => None,
    };
    card_gifts::start_card_gift(
        &s.db,
        provider.as_ref(),
        s.clock.now(),
        user.as_ref(),
        &form,
    )
    .await
    .map_err(failed)
}

/// Step 2: charges the card the browser saved (`setup_ref`, Stripe's `seti_…`).
#[server(prefix = "/_sfn", endpoint = "charge_card_gift")]
pub async fn charge_card_gift(
    payment_key: String,
    setup_ref: String,
) -> Result<GiftState, AppError> {
    let s = state()?;
    let provider = provider(&s)?;
    card_gifts::charge_card_gift(
        &s.db,
        provider.as_ref(),
        s.clock.now(),
        &payment_key,
        &setup_ref,
    )
    .await
    .map_err(failed)
}

/// Step 3 (only when the bank asked the donor to authenticate): reads the charge again.
#[server(prefix = "/_sfn", endpoint = "refresh_card_gift")]
pub async fn refresh_card_gift(payment_key: String) -> Result<GiftState, AppError> {
    let s = state()?;
    let provider = provider(&s)?;
    card_gifts::refresh_card_gift(&s.db, provider.as_ref(), s.clock.now(), &payment_key)
        .await
        .map_err(failed)
}

/// The receipt of a card gift, by its payment key (held by the giver's browser).
#[server(prefix = "/_sfn", endpoint = "gift_receipt")]
pub async fn get_gift_receipt(payment_key: String) -> Result<GiftReceipt, AppError> {
    let s = state()?;
    nikoo_domain::giving::receipts::of_card_gift(&s.db, &payment_key)
        .await
        .map_err(failed)
}

/// The receipt of any donation, by id: the receiving center's staff and the
/// donor of record may see it.
#[server(prefix = "/_sfn", endpoint = "donation_receipt")]
pub async fn get_donation_receipt(donation_id: i32) -> Result<GiftReceipt, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    nikoo_domain::giving::receipts::of_donation(&s.db, a.as_ref(), donation_id)
        .await
        .map_err(failed)
}

/// A center's gifts page (its staff and platform admins).
#[server(prefix = "/_sfn", endpoint = "center_gifts")]
pub async fn get_center_gifts(
    center_id: i32,
    q: Option<String>,
    page: Option<String>,
) -> Result<CenterGiftsPage, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let query = nikoo_types::giving::GiftsQuery::new(q, page);
    nikoo_domain::giving::center_gifts::page(&s.db, s.clock.now(), a.as_ref(), center_id, &query)
        .await
        .map_err(failed)
}

/// Records a cash or bank-transfer gift (staff of the center).
#[server(prefix = "/_sfn", endpoint = "record_offline_gift")]
pub async fn record_offline_gift(
    lang: String,
    center_id: i32,
    #[server(flatten)] gift: nikoo_types::giving::OfflineGiftPost,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let locale = form_locale(&lang);
    let form = nikoo_domain::giving::center_gifts::OfflineGift {
        lang: locale,
        center_id,
        designation: gift.designation,
        method: gift.method,
        amount: gift.amount,
        donor_name: gift.donor_name,
        anonymous: gift.anonymous.is_some(),
        received_on: gift.received_on,
    };
    nikoo_domain::giving::center_gifts::record_offline(&s.db, s.clock.now(), a.as_ref(), &form)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::center_gifts(locale, center_id),
        Notice::GiftRecorded,
    ));
    Ok(())
}

/// Refunds part or all of a card gift through the provider (owners and managers).
#[server(prefix = "/_sfn", endpoint = "refund_gift")]
pub async fn refund_gift(
    lang: String,
    center_id: i32,
    donation_id: i32,
    amount: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let locale = form_locale(&lang);
    nikoo_domain::giving::center_gifts::refund(
        &s.db,
        s.payments.as_deref(),
        s.clock.now(),
        a.as_ref(),
        donation_id,
        &amount,
        locale,
    )
    .await
    .map_err(failed)?;
    go(&notice_at(
        routes::center_gifts(locale, center_id),
        Notice::GiftRefunded,
    ));
    Ok(())
}

/// What a correction form names: a gift, goods received, or a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    /// Reverse cash or bank-transfer gift (a donation id).
    Gift,
    /// Reverse goods received (a movement id).
    Items,
    /// Cancel a running pledge (a pledge id).
    Pledge,
}

/// Corrects a record of the center's gifts page, with a reason: reverses
/// a cash or bank-transfer gift or goods received by mistake (owners and
/// managers), or cancels a pledge (owners and platform admins; its donor
/// is emailed the reason).
#[server(prefix = "/_sfn", endpoint = "correct_gift")]
pub async fn correct_gift(
    lang: String,
    center_id: i32,
    what: Correction,
    id: i32,
    reason: String,
) -> Result<(), AppError> {
    use nikoo_domain::giving::corrections;
    let s = state()?;
    let a = actor(&s).await?;
    let locale = form_locale(&lang);
    let (now, a) = (s.clock.now(), a.as_ref());
    let notice = match what {
        Correction::Gift => {
            corrections::reverse_gift(&s.db, now, a, id, &reason)
                .await
                .map_err(failed)?;
            Notice::GiftReversed
        }
        Correction::Items => {
            corrections::reverse_items(&s.db, now, a, id, &reason)
                .await
                .map_err(failed)?;
            Notice::ItemsReversed
        }
        Correction::Pledge => {
            corrections::cancel_pledge(&s.db, now, a, id, &reason)
                .await
                .map_err(failed)?;
            Notice::PledgeCancelled
        }
    };
    go(&notice_at(routes::center_gifts(locale, center_id), notice));
    Ok(())
}

/// The signed-in account, or `Unauthenticated` (server only).
#[cfg(feature = "ssr")]
pub(crate) async fn signed_in_user(
    s: &crate::state::AppState,
) -> Result<nikoo_domain::entities::user::Model, AppError> {
    let id = auth_session()
        .await?
        .user
        .map(|u| u.id)
        .ok_or_else(|| failed(AppError::Unauthenticated))?;
    nikoo_domain::accounts::users::find(&s.db, id)
        .await
        .map_err(failed)?
        .ok_or_else(|| failed(AppError::Unauthenticated))
}

/// Pledge step 1 (signed-in donors): checks the form, starts saving a card.
#[server(prefix = "/_sfn", endpoint = "start_card_pledge", input = leptos::server_fn::codec::Json)]
pub async fn start_card_pledge(form: CardPledgeForm) -> Result<CardPledgeStarted, AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let provider = provider(&s)?;
    nikoo_domain::giving::pledges::start_card_pledge(
        &s.db,
        provider.as_ref(),
        s.clock.now(),
        &user,
        &form,
    )
    .await
    .map_err(failed)
}

/// Pledge step 2, after the browser saved the card (`setup_ref`): records the pledge.
#[server(prefix = "/_sfn", endpoint = "confirm_card_pledge", input = leptos::server_fn::codec::Json)]
pub async fn confirm_card_pledge(form: CardPledgeForm, setup_ref: String) -> Result<i32, AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let provider = provider(&s)?;
    nikoo_domain::giving::pledges::confirm_card_pledge(
        &s.db,
        provider.as_ref(),
        s.clock.now(),
        &user,
        &form,
        &setup_ref,
    )
    .await
    .map_err(failed)
}

/// The signed-in donor's pledges and card payments.
#[server(prefix = "/_sfn", endpoint = "my_giving")]
pub async fn get_my_giving() -> Result<MyGiving, AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    nikoo_domain::giving::my_giving::my_giving(&s.db, s.payments.as_deref(), s.clock.now(), &user)
        .await
        .map_err(failed)
}

/// The signed-in donor's statement of gifts received in `year` of
/// `calendar` (`persian` or `gregorian`).
#[server(prefix = "/_sfn", endpoint = "giving_statement")]
pub async fn get_giving_statement(
    year: i32,
    calendar: String,
) -> Result<GivingStatement, AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let calendar = nikoo_types::Calendar::from_code(&calendar).ok_or_else(|| {
        failed(AppError::Invalid(nikoo_types::outcome::FieldError::new(
            "calendar",
            nikoo_types::outcome::Rule::UnknownCode,
        )))
    })?;
    nikoo_domain::giving::statements::statement(&s.db, &user, year, calendar)
        .await
        .map_err(failed)
}

/// Pauses, resumes or cancels one of the signed-in donor's pledges
/// (`change`: `pause`, `resume`, `cancel`).
#[server(prefix = "/_sfn", endpoint = "change_pledge")]
pub async fn change_pledge(lang: String, pledge_id: i32, change: String) -> Result<(), AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let locale = form_locale(&lang);
    let what =
        nikoo_domain::giving::pledges::PledgeChange::from_code(&change).ok_or_else(|| {
            failed(AppError::Invalid(nikoo_types::outcome::FieldError::new(
                "change",
                nikoo_types::outcome::Rule::UnknownCode,
            )))
        })?;
    nikoo_domain::giving::pledges::change_pledge(&s.db, s.clock.now(), &user, pledge_id, what)
        .await
        .map_err(failed)?;
    let notice = Notice::from_code(&format!("pledge_{change}")).unwrap_or(Notice::PledgeCancel);
    go(&notice_at(routes::my_giving(locale), notice));
    Ok(())
}

/// Changes the amount of each future installment of one of the signed-in
/// donor's pledges (typed in the pledge's currency).
#[server(prefix = "/_sfn", endpoint = "change_pledge_amount")]
pub async fn change_pledge_amount(
    lang: String,
    pledge_id: i32,
    amount: String,
) -> Result<(), AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let locale = form_locale(&lang);
    nikoo_domain::giving::pledges::change_amount(&s.db, &user, pledge_id, &amount, locale)
        .await
        .map_err(failed)?;
    go(&notice_at(routes::my_giving(locale), Notice::PledgeAmount));
    Ok(())
}

/// New card step 1 (a donor with running card pledges): starts saving a card.
#[server(prefix = "/_sfn", endpoint = "start_card_update")]
pub async fn start_card_update() -> Result<CardPledgeStarted, AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let provider = provider(&s)?;
    nikoo_domain::giving::donor_cards::start_card_update(&s.db, provider.as_ref(), &user)
        .await
        .map_err(failed)
}

/// New card step 2, after the browser saved it (`setup_ref`): the donor's
/// card pledges move to it and their failed installments are tried again.
#[server(prefix = "/_sfn", endpoint = "confirm_card_update")]
pub async fn confirm_card_update(setup_ref: String) -> Result<(), AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let provider = provider(&s)?;
    nikoo_domain::giving::donor_cards::confirm_card_update(
        &s.db,
        provider.as_ref(),
        s.clock.now(),
        &user,
        &setup_ref,
    )
    .await
    .map_err(failed)?;
    Ok(())
}
