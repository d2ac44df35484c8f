//! Server functions of giving: the gift page's options, and the three
//! steps of a one-time card gift (start, charge, refresh after the donor
//! authenticated), and a gift's receipt. Amounts and currencies are set by
//! the server from the need or program; anyone, signed in or not, may give.

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::giving::{CardGiftForm, CardGiftStarted, GiftOptions, GiftReceipt, GiftState};
#[cfg(feature = "ssr")]
use {
    super::{auth_session, failed, state},
    nikoo_domain::payments::gifts,
};

/// The card provider, or the translated "card payments unavailable" error.
#[cfg(feature = "ssr")]
fn provider(
    s: &crate::state::AppState,
) -> Result<std::sync::Arc<dyn nikoo_domain::payments::PaymentProvider>, AppError> {
    s.payments.clone().ok_or_else(|| {
        failed(AppError::Invalid(nikoo_types::account::FieldError::new(
            "card",
            "unavailable",
        )))
    })
}

/// The gift page of program `slug`.
#[server(prefix = "/_sfn", endpoint = "gift_options")]
pub async fn get_gift_options(slug: String) -> Result<GiftOptions, AppError> {
    let s = state()?;
    let signed_in = auth_session().await?.user.is_some();
    gifts::gift_options(&s.db, s.payments.as_deref(), &slug, signed_in)
        .await
        .map_err(failed)
}

/// Step 1: records the gift and starts saving the card.
#[server(prefix = "/_sfn", endpoint = "start_card_gift", input = leptos::server_fn::codec::Json)]
pub async fn start_card_gift(form: CardGiftForm) -> Result<CardGiftStarted, AppError> {
    let s = state()?;
    let provider = provider(&s)?;
    let user = match auth_session().await?.user {
        Some(u) => nikoo_domain::accounts::find(&s.db, u.id)
            .await
            .map_err(failed)?,
        None => None,
    };
    gifts::start_card_gift(
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
    gifts::charge_card_gift(
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
    gifts::refresh_card_gift(&s.db, provider.as_ref(), s.clock.now(), &payment_key)
        .await
        .map_err(failed)
}

/// The receipt of a card gift, by its payment key (held by the giver's browser).
#[server(prefix = "/_sfn", endpoint = "gift_receipt")]
pub async fn get_gift_receipt(payment_key: String) -> Result<GiftReceipt, AppError> {
    let s = state()?;
    gifts::receipt(&s.db, &payment_key).await.map_err(failed)
}
