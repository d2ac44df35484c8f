//! Server functions of pledges paid to the center (bank transfer or cash):
//! making one (signed-in accounts, for themselves or a center they own or
//! manage) and recording an installment's gift (staff of the receiving
//! center).

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::signed_in_user,
    crate::api::{actor, failed, form_anonymity, form_id, form_locale, go, notice_at, state},
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// Pledges `amount` each `frequency` (`installments` of them, or
/// open-ended when empty) to program `program` or its need `need`, paid to
/// the center; for oneself or (`pledge_as`, a center id) for a center.
#[server(prefix = "/_sfn", endpoint = "pledge_offline")]
pub async fn pledge_offline(
    lang: String,
    #[server(flatten)] post: nikoo_types::giving::PledgePost,
) -> Result<(), AppError> {
    let nikoo_types::giving::PledgePost {
        program,
        need,
        amount,
        frequency,
        installments,
        anonymity,
        pledge_as,
    } = post;
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let a = actor(&s)
        .await?
        .ok_or_else(|| failed(AppError::Unauthenticated))?;
    let locale = form_locale(&lang);
    let anonymity = form_anonymity(&anonymity)?;
    let form = nikoo_types::giving::CardPledgeForm {
        lang: locale,
        program,
        need: form_id(need.as_deref(), "need")?,
        amount,
        frequency,
        installments,
        anonymity,
    };
    nikoo_domain::giving::offline_pledges::pledge(
        &s.db,
        s.clock.now(),
        &user,
        &a,
        &form,
        form_id(pledge_as.as_deref(), "pledge_as")?,
    )
    .await
    .map_err(failed)?;
    go(&notice_at(routes::my_giving(locale), Notice::Pledged));
    Ok(())
}

/// Records the gift of a due installment (`method`: `cash` or
/// `bank_transfer`) as received (staff of the receiving center).
#[server(prefix = "/_sfn", endpoint = "record_installment")]
pub async fn record_installment(
    lang: String,
    center_id: i32,
    installment_id: i32,
    method: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let locale = form_locale(&lang);
    nikoo_domain::giving::offline_pledges::record_installment(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        installment_id,
        &method,
    )
    .await
    .map_err(failed)?;
    go(&notice_at(
        routes::center_gifts(locale, center_id),
        Notice::GiftRecorded,
    ));
    Ok(())
}
