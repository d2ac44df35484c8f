//! Server functions of in-kind pledges: the pledge page's options and
//! making a pledge (signed-in accounts, for themselves or a center they
//! own or manage), and recording goods received against a pledge (staff
//! of the receiving center).

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::giving::item_pledges::ItemPledgeOptions;
#[cfg(feature = "ssr")]
use {
    super::signed_in_user,
    crate::api::{actor, failed, form_anonymity, form_id, form_locale, go, notice_at, state},
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// The in-kind pledge page of program `slug` (signed-in accounts).
#[server(prefix = "/_sfn", endpoint = "item_pledge_options")]
pub async fn get_item_pledge_options(slug: String) -> Result<ItemPledgeOptions, AppError> {
    let s = state()?;
    signed_in_user(&s).await?;
    let a = actor(&s).await?;
    nikoo_domain::giving::item_pledges::options(&s.db, s.clock.now(), a.as_ref(), &slug)
        .await
        .map_err(failed)
}

/// Pledges `quantity` of need `need`'s item by `due_date` (ISO), for
/// oneself or (`pledge_as`, a center id) for a center.
#[server(prefix = "/_sfn", endpoint = "pledge_items")]
pub async fn pledge_items(
    lang: String,
    program: String,
    need: i32,
    quantity: String,
    due_date: String,
    anonymity: String,
    pledge_as: Option<String>,
) -> Result<(), AppError> {
    let s = state()?;
    let user = signed_in_user(&s).await?;
    let a = actor(&s)
        .await?
        .ok_or_else(|| failed(AppError::Unauthenticated))?;
    let locale = form_locale(&lang);
    let anonymity = form_anonymity(&anonymity)?;
    let pledge_as = form_id(pledge_as.as_deref(), "pledge_as")?;
    let form = nikoo_types::giving::item_pledges::ItemPledgeForm {
        lang: locale,
        program,
        need,
        quantity,
        due_date,
        anonymity,
        pledge_as,
    };
    nikoo_domain::giving::item_pledges::pledge(&s.db, s.clock.now(), &user, &a, &form)
        .await
        .map_err(failed)?;
    go(&notice_at(routes::my_giving(locale), Notice::PledgedItems));
    Ok(())
}

/// Records `quantity` of in-kind pledge `pledge_id` as received (staff of
/// the receiving center).
#[server(prefix = "/_sfn", endpoint = "receive_pledged_items")]
pub async fn receive_pledged_items(
    lang: String,
    center_id: i32,
    pledge_id: i32,
    quantity: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let locale = form_locale(&lang);
    nikoo_domain::giving::item_pledges::receive(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        pledge_id,
        &quantity,
    )
    .await
    .map_err(failed)?;
    go(&notice_at(
        routes::center_gifts(locale, center_id),
        Notice::ItemsReceived,
    ));
    Ok(())
}

/// Records goods the center received outside any pledge (staff of the center).
#[server(prefix = "/_sfn", endpoint = "record_items_gift")]
pub async fn record_items_gift(
    lang: String,
    center_id: i32,
    need: i32,
    quantity: String,
    donor_name: String,
    anonymous: Option<String>,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let locale = form_locale(&lang);
    let form = nikoo_domain::giving::center_gifts::ItemsGift {
        center_id,
        need_id: need,
        quantity,
        donor_name,
        anonymous: anonymous.is_some(),
    };
    nikoo_domain::giving::center_gifts::record_items(&s.db, s.clock.now(), a.as_ref(), &form)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::center_gifts(locale, center_id),
        Notice::ItemsReceived,
    ));
    Ok(())
}
