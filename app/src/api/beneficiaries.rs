//! Server functions of a center's beneficiaries: the list (codes, for all
//! its staff), one record with personal details (owners and managers; each
//! read audited), creating and changing records, the duplicate search, and
//! linking records to needs. The domain's policy decides each call.

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::beneficiaries::{BeneficiariesPage, BeneficiaryRecord};
#[cfg(feature = "ssr")]
use {
    super::{actor, failed, form_locale, go, notice_at, state},
    nikoo_domain::beneficiaries::records,
    nikoo_types::beneficiaries::BeneficiaryForm,
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// The center's beneficiaries, by code.
#[server(prefix = "/_sfn", endpoint = "beneficiaries")]
pub async fn get_beneficiaries(
    center_id: i32,
    page: Option<u32>,
) -> Result<BeneficiariesPage, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    records::page(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        page.unwrap_or(1),
    )
    .await
    .map_err(failed)
}

/// One beneficiary's record with personal details (audited).
#[server(prefix = "/_sfn", endpoint = "beneficiary")]
pub async fn get_beneficiary(
    center_id: i32,
    beneficiary_id: i32,
) -> Result<BeneficiaryRecord, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    records::record(
        &s.db,
        &s.data_keys,
        s.clock.now(),
        a.as_ref(),
        center_id,
        beneficiary_id,
    )
    .await
    .map_err(failed)
}

/// Creates (no `beneficiary_id`) or changes a beneficiary's record.
#[server(prefix = "/_sfn", endpoint = "save_beneficiary")]
pub async fn save_beneficiary(
    lang: String,
    center_id: i32,
    #[server(default)] beneficiary_id: Option<i32>,
    #[server(flatten)] post: nikoo_types::beneficiaries::BeneficiaryPost,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let form = BeneficiaryForm::from(post);
    let now = s.clock.now();
    let lang = form_locale(&lang);
    let b = match beneficiary_id {
        None => records::create(&s.db, &s.data_keys, now, a.as_ref(), center_id, &form).await,
        Some(id) => {
            records::update(&s.db, &s.data_keys, now, a.as_ref(), center_id, id, &form).await
        }
    }
    .map_err(failed)?;
    let notice = if beneficiary_id.is_some() {
        Notice::BeneficiarySaved
    } else {
        Notice::BeneficiaryCreated
    };
    go(&notice_at(
        routes::beneficiary(lang, center_id, b.id),
        notice,
    ));
    Ok(())
}

/// Looks for the center's records with this national id or phone; the
/// page shows the codes found (`?found=CODE:what,…`), never what was searched.
#[server(prefix = "/_sfn", endpoint = "find_beneficiaries")]
pub async fn find_beneficiaries(
    lang: String,
    center_id: i32,
    #[server(default)] national_id: String,
    #[server(default)] phone: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let found = records::find_duplicates(
        &s.db,
        &s.data_keys,
        s.clock.now(),
        a.as_ref(),
        center_id,
        &national_id,
        &phone,
    )
    .await
    .map_err(failed)?;
    let list = found
        .iter()
        .map(|m| format!("{}:{}:{}", m.id, m.code, m.matched))
        .collect::<Vec<_>>()
        .join(",");
    go(&format!(
        "{}?searched=1&found={list}#search",
        routes::beneficiaries(form_locale(&lang), center_id)
    ));
    Ok(())
}

/// Links a beneficiary to one of the center's needs, or (`unlink` set) unlinks it.
#[server(prefix = "/_sfn", endpoint = "link_beneficiary")]
pub async fn link_beneficiary(
    lang: String,
    center_id: i32,
    beneficiary_id: i32,
    need_id: i32,
    #[server(default)] unlink: Option<String>,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    records::link(
        &s.db,
        s.clock.now(),
        a.as_ref(),
        center_id,
        beneficiary_id,
        need_id,
        unlink.is_none(),
    )
    .await
    .map_err(failed)?;
    let notice = if unlink.is_some() {
        Notice::Unlinked
    } else {
        Notice::Linked
    };
    go(&notice_at(
        routes::beneficiary(form_locale(&lang), center_id, beneficiary_id),
        notice,
    ));
    Ok(())
}
