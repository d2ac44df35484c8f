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
pub async fn check_import(
    lang: String,
    center_id: i32,
    job_id: i32,
    #[server(flatten)] columns: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    // `map_{field}` of every field of the form; other names are ignored.
    let chosen = columns
        .iter()
        .filter_map(|(name, column)| Some((name.strip_prefix("map_")?, column)));
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
        nikoo_domain::imports::Importer {
            db: &s.db,
            keys: &s.data_keys,
            now: s.clock.now(),
            actor: a.as_ref(),
            center_id,
        },
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
