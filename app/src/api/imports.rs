//! Server functions of imports: a center's imports, one import, its dry
//! run with a column mapping, and starting it. The upload itself is a
//! multipart form (`nikoo_server::files`). The domain's policy decides
//! each call (donations: staff; beneficiaries: owners and managers).

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::imports::{ImportJob, ImportsPage};
#[cfg(feature = "ssr")]
use {
    super::{actor, failed, form_locale, go, notice_at, state},
    nikoo_domain::imports,
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// A center's imports.
#[server(prefix = "/_sfn", endpoint = "imports")]
pub async fn get_imports(center_id: i32) -> Result<ImportsPage, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    imports::page(&s.db, a.as_ref(), center_id, &s.imports)
        .await
        .map_err(failed)
}

/// One import.
#[server(prefix = "/_sfn", endpoint = "import")]
pub async fn get_import(center_id: i32, job_id: i32) -> Result<ImportJob, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    imports::job(&s.db, a.as_ref(), center_id, job_id, &s.imports)
        .await
        .map_err(failed)
}

/// Saves the column of each field (`map_{field}`: a column number, or
/// empty for none) and runs the dry run.
#[server(prefix = "/_sfn", endpoint = "check_import")]
#[allow(clippy::too_many_arguments)]
pub async fn check_import(
    lang: String,
    center_id: i32,
    job_id: i32,
    #[server(default)] map_date: String,
    #[server(default)] map_amount: String,
    #[server(default)] map_currency: String,
    #[server(default)] map_program: String,
    #[server(default)] map_need: String,
    #[server(default)] map_method: String,
    #[server(default)] map_donor_name: String,
    #[server(default)] map_anonymous: String,
    #[server(default)] map_reference: String,
    #[server(default)] map_household_size: String,
    #[server(default)] map_county: String,
    #[server(default)] map_categories: String,
    #[server(default)] map_consent_on: String,
    #[server(default)] map_consent_scope: String,
    #[server(default)] map_name: String,
    #[server(default)] map_national_id: String,
    #[server(default)] map_phone: String,
    #[server(default)] map_address: String,
    #[server(default)] map_notes: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let chosen = [
        ("date", map_date),
        ("amount", map_amount),
        ("currency", map_currency),
        ("program", map_program),
        ("need", map_need),
        ("method", map_method),
        ("donor_name", map_donor_name),
        ("anonymous", map_anonymous),
        ("reference", map_reference),
        ("household_size", map_household_size),
        ("county", map_county),
        ("categories", map_categories),
        ("consent_on", map_consent_on),
        ("consent_scope", map_consent_scope),
        ("name", map_name),
        ("national_id", map_national_id),
        ("phone", map_phone),
        ("address", map_address),
        ("notes", map_notes),
    ];
    // The form has a select for each field of the job's kind; the
    // domain refuses a field of the other kind.
    let mut mapping = std::collections::HashMap::new();
    for (field, column) in chosen {
        if column.trim().is_empty() {
            continue;
        }
        let c: usize = column.trim().parse().map_err(|_| {
            failed(AppError::Invalid(nikoo_types::outcome::FieldError::new(
                "mapping",
                nikoo_types::outcome::Rule::UnknownCode,
            )))
        })?;
        mapping.insert(field.to_owned(), c);
    }
    imports::check(
        &s.db,
        &s.data_keys,
        s.clock.now(),
        a.as_ref(),
        center_id,
        job_id,
        mapping,
        form_locale(&lang),
        &s.imports,
    )
    .await
    .map_err(failed)?;
    go(&notice_at(
        routes::import_job(form_locale(&lang), center_id, job_id),
        Notice::ImportChecked,
    ));
    Ok(())
}

/// Starts importing a job whose dry run passed.
#[server(prefix = "/_sfn", endpoint = "commit_import")]
pub async fn commit_import(lang: String, center_id: i32, job_id: i32) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s)
        .await?
        .ok_or_else(|| failed(AppError::Unauthenticated))?;
    imports::start_commit(
        s.db.clone(),
        s.data_keys.clone(),
        s.clock.now(),
        a,
        center_id,
        job_id,
        s.imports.clone(),
    )
    .await
    .map_err(failed)?;
    go(&notice_at(
        routes::import_job(form_locale(&lang), center_id, job_id),
        Notice::ImportStarted,
    ));
    Ok(())
}
