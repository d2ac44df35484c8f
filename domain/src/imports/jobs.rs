//! Import jobs, as a center's staff run them from the imports pages or
//! `nikoo import`: a file uploaded (sealed at rest), its columns mapped,
//! a dry run, then the import taken once and run, with its progress.

use crate::accounts::policy::{authorize, Action, Actor};
use crate::beneficiaries::personal_data::DataKeys;
use crate::entities::center;
use crate::entities::import_job;
use crate::error::DomainError;
use crate::imports::rows::{guess_mapping, run, ImportProgress, Importer, Outcome};
use crate::imports::sheets::{off_runtime, read_sheet, Sheet};
use chrono::{DateTime, Utc};
use nikoo_types::imports::ImportKind;
use nikoo_types::imports::{ImportJob, ImportStatus, ImportsPage};
use nikoo_types::outcome::Rule;
use nikoo_types::Locale;
use sea_orm::{ActiveModelTrait, QueryOrder, Set};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The action an import of `kind` at `center_id` needs.
fn import_action(kind: ImportKind, center_id: i32) -> Action {
    match kind {
        ImportKind::Donations => Action::RecordGift(center_id),
        ImportKind::Beneficiaries => Action::ManageBeneficiaries(center_id),
    }
}

fn kind_of(job: &import_job::Model) -> Result<ImportKind, DomainError> {
    kind_named(&job.kind)
}

fn kind_named(code: &str) -> Result<ImportKind, DomainError> {
    ImportKind::from_code(code)
        .ok_or_else(|| DomainError::Unexpected(format!("import kind {code}")))
}

/// An import as its pages show it: every column but the file (up to
/// 10 MiB sealed), which the list and the progress page, refreshed every
/// few seconds while an import runs, do not need.
#[derive(Debug, Clone, sea_orm::DerivePartialModel, sea_orm::FromQueryResult)]
#[sea_orm(entity = "import_job::Entity")]
struct JobSummary {
    id: i32,
    center_id: i32,
    kind: String,
    file_name: String,
    headers_json: String,
    mapping_json: String,
    status: String,
    rows: i32,
    error_rows: i32,
    errors_json: String,
    created: i32,
    already: i32,
    created_at: DateTime<Utc>,
}

/// The job `job_id` of `center_id`, for a caller allowed to import its kind.
async fn job_for<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    job_id: i32,
) -> Result<(&'a Actor, import_job::Model), DomainError> {
    let job = import_job::Entity::find_by_id(job_id)
        .one(db)
        .await?
        .filter(|j| j.center_id == center_id);
    let action = match &job {
        Some(j) => import_action(kind_of(j)?, center_id),
        None => Action::RecordGift(0),
    };
    let actor = authorize(actor, action)?;
    Ok((actor, job.ok_or(DomainError::Forbidden)?))
}

/// The longest file name kept, in characters; a longer one keeps its
/// extension (which says how the file is read).
const FILE_NAME_CHARS: usize = 120;

/// `name` cut to [`FILE_NAME_CHARS`], its extension kept.
fn short_name(name: &str) -> String {
    if name.chars().count() <= FILE_NAME_CHARS {
        return name.to_owned();
    }
    let ext = name.rfind('.').map_or("", |i| &name[i..]);
    let ext = if ext.chars().count() <= 8 { ext } else { "" };
    let stem: String = name
        .chars()
        .take(FILE_NAME_CHARS - ext.chars().count() - 1)
        .collect();
    format!("{stem}…{ext}")
}

/// The job's rows as its upload read them, opened (they are sealed at
/// rest: they may hold beneficiaries' personal details until imported).
/// A file is read once, at upload; a job stored before then holds the
/// file itself, which is read again.
async fn sheet_of(keys: &DataKeys, j: &import_job::Model) -> Result<Sheet, DomainError> {
    if j.file_bytes.is_empty() {
        return Err(DomainError::invalid("mapping", Rule::NotReady));
    }
    let (keys, id, center_id) = (keys.clone(), j.id, j.center_id);
    let (sealed, name) = (j.file_bytes.clone(), j.file_name.clone());
    off_runtime(move || {
        let opened = keys
            .open_file(center_id, &sealed)
            .map_err(|e| DomainError::Unexpected(format!("import {id}: {e}")))?;
        match serde_json::from_slice::<Sheet>(&opened) {
            Ok(sheet) => Ok(sheet),
            Err(_) => read_sheet(&name, &opened),
        }
    })
    .await
}

/// Stores an uploaded file as a new import of `kind` (its headers read,
/// its mapping guessed), the file sealed with `keys`.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` (donations: staff of the center;
/// beneficiaries: owners and managers); `Invalid(file/…)` as [`crate::imports::sheets::read_sheet`]; `Db`.
pub async fn upload(
    importer: Importer<'_>,
    kind: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<import_job::Model, DomainError> {
    let Importer {
        db,
        keys,
        now,
        actor,
        center_id,
    } = importer;
    let kind = ImportKind::from_code(kind);
    // An unknown kind is refused after the least right an import needs.
    let actor = authorize(
        actor,
        import_action(kind.unwrap_or(ImportKind::Donations), center_id),
    )?;
    let kind = kind.ok_or_else(|| DomainError::invalid("kind", Rule::UnknownCode))?;
    crate::catalog::verified_center(db, center_id).await?;
    // Read, and sealed as read, off the async runtime (seconds for a large file).
    let (sheet, sealed) = {
        let (keys, name, bytes) = (keys.clone(), file_name.to_owned(), bytes.to_vec());
        off_runtime(move || {
            let sheet = read_sheet(&name, &bytes)?;
            let rows_json = serde_json::to_vec(&sheet)
                .map_err(|e| DomainError::Unexpected(format!("import rows: {e}")))?;
            let sealed = keys
                .seal_file(center_id, &rows_json)
                .map_err(DomainError::Unexpected)?;
            Ok((sheet, sealed))
        })
        .await?
    };
    let mapping = guess_mapping(kind, &sheet.headers);
    let txn = crate::db::begin_write(db).await?;
    let job = import_job::ActiveModel {
        center_id: Set(center_id),
        kind: Set(kind.code().to_owned()),
        file_name: Set(short_name(file_name)),
        file_bytes: Set(sealed),
        checked_lang: Set(Locale::Fa.code().to_owned()),
        headers_json: Set(serde_json::to_string(&sheet.headers).unwrap_or_default()),
        mapping_json: Set(serde_json::to_string(&mapping).unwrap_or_default()),
        status: Set("uploaded".into()),
        rows: Set(i32::try_from(sheet.rows.len()).unwrap_or(i32::MAX)),
        error_rows: Set(0),
        errors_json: Set("[]".into()),
        created: Set(0),
        already: Set(0),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::record(
        &txn,
        now,
        crate::audit::Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "import.upload",
            object_type: "import",
            object_id: job.id.to_string(),
            before: None,
            after: Some(
                serde_json::json!({"kind": kind.code(), "rows": job.rows, "file": job.file_name}),
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(job)
}

fn view(
    j: &JobSummary,
    center_name: nikoo_types::LocalizedText,
    progress: &ImportProgress,
) -> Result<ImportJob, DomainError> {
    let kind = kind_named(&j.kind)?;
    let headers: Vec<String> = serde_json::from_str(&j.headers_json).unwrap_or_default();
    let mapping: HashMap<String, usize> = serde_json::from_str(&j.mapping_json).unwrap_or_default();
    let count = |n: i32| usize::try_from(n).unwrap_or(0);
    Ok(ImportJob {
        id: j.id,
        center_id: j.center_id,
        center_name,
        kind,
        file_name: j.file_name.clone(),
        status: match (ImportStatus::from_code(&j.status), progress.get(j.id)) {
            (ImportStatus::Checked, Some(_)) => ImportStatus::Importing,
            (s, _) => s,
        },
        headers,
        mapping: kind
            .fields()
            .iter()
            .map(|f| ((*f).to_owned(), mapping.get(*f).copied()))
            .collect(),
        rows: count(j.rows),
        error_rows: count(j.error_rows),
        errors: serde_json::from_str(&j.errors_json).unwrap_or_default(),
        created: count(j.created),
        already: count(j.already),
        done: progress.get(j.id).map(|(d, _)| d),
        uploaded_on: crate::calendar::display_instant(
            j.created_at,
            crate::calendar::DEFAULT_TIME_ZONE,
        ),
    })
}

fn center_name(c: &center::Model) -> nikoo_types::LocalizedText {
    nikoo_types::LocalizedText::new(Some(c.name_fa.clone()), c.name_en.clone())
}

/// A center's imports, newest first, for its staff.
///
/// # Errors
/// `Unauthenticated`; `NotFound` unless the caller is staff of the center; `Db`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    center_id: i32,
    progress: &ImportProgress,
) -> Result<ImportsPage, DomainError> {
    let actor = authorize(actor, Action::ReadImports(center_id))?;
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let jobs = import_job::Entity::find()
        .filter(import_job::Column::CenterId.eq(center_id))
        .order_by_desc(import_job::Column::Id)
        .into_partial_model::<JobSummary>()
        .all(db)
        .await?;
    Ok(ImportsPage {
        center_id,
        center_name: center_name(&c),
        jobs: jobs
            .iter()
            .map(|j| view(j, center_name(&c), progress))
            .collect::<Result<_, _>>()?,
        can_import_beneficiaries: crate::accounts::policy::allows(
            actor,
            Action::ManageBeneficiaries(center_id),
        ),
    })
}

/// One import, for the staff who may import its kind.
///
/// # Errors
/// `Unauthenticated`; `NotFound` for no such import or one the caller may not see; `Db`.
pub async fn job<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    center_id: i32,
    job_id: i32,
    progress: &ImportProgress,
) -> Result<ImportJob, DomainError> {
    let j = import_job::Entity::find_by_id(job_id)
        .into_partial_model::<JobSummary>()
        .one(db)
        .await?
        .filter(|j| j.center_id == center_id);
    let action = match &j {
        Some(j) => import_action(kind_named(&j.kind)?, center_id),
        None => Action::RecordGift(center_id),
    };
    // Another center's import, or one of a kind the caller may not
    // import, is as if it did not exist.
    authorize(actor, action).map_err(|e| match e {
        DomainError::Forbidden => DomainError::NotFound,
        other => other,
    })?;
    let j = j.ok_or(DomainError::NotFound)?;
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    view(&j, center_name(&c), progress)
}

/// Saves a job's column mapping (`field → column`, columns from 0) and
/// runs the dry run over every row, recording its result.
///
/// # Errors
/// As [`run`]; `Forbidden` for another center's job; `Invalid(mapping/unknown_code)`
/// for a column the file does not have.
pub async fn check(
    importer: Importer<'_>,
    job_id: i32,
    mapping: HashMap<String, usize>,
    lang: Locale,
    progress: &ImportProgress,
) -> Result<Outcome, DomainError> {
    let Importer {
        db,
        keys,
        actor,
        center_id,
        ..
    } = importer;
    let (_, j) = job_for(db, actor, center_id, job_id).await?;
    if matches!(j.status.as_str(), "importing" | "imported") {
        return Err(DomainError::invalid("mapping", Rule::NotReady));
    }
    let kind = kind_of(&j)?;
    let sheet = sheet_of(keys, &j).await?;
    if mapping.values().any(|c| *c >= sheet.headers.len())
        || mapping.keys().any(|f| !kind.fields().contains(&f.as_str()))
    {
        return Err(DomainError::invalid("mapping", Rule::UnknownCode));
    }
    let outcome = run(
        importer,
        kind,
        &sheet,
        &mapping,
        lang,
        false,
        (progress, job_id),
    )
    .await?;
    let mut row: import_job::ActiveModel = j.into();
    row.mapping_json = Set(serde_json::to_string(&mapping).unwrap_or_default());
    row.checked_lang = Set(lang.code().to_owned());
    row.status = Set(if outcome.error_rows == 0 {
        "checked"
    } else {
        "refused"
    }
    .into());
    row.error_rows = Set(i32::try_from(outcome.error_rows).unwrap_or(i32::MAX));
    row.errors_json = Set(serde_json::to_string(&outcome.errors).unwrap_or_default());
    row.update(db).await?;
    Ok(outcome)
}

/// Takes a checked job for importing: one conditional update, so of two
/// clicks (or two instances) only one imports it.
///
/// # Errors
/// `Forbidden` as [`job_for`]; `Invalid(mapping/not_ready)` unless its
/// last dry run passed and no import of it has started; `Db`.
async fn claim(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    center_id: i32,
    job_id: i32,
) -> Result<import_job::Model, DomainError> {
    use sea_orm::sea_query::Expr;
    let (_, j) = job_for(db, actor, center_id, job_id).await?;
    let taken = import_job::Entity::update_many()
        .col_expr(import_job::Column::Status, Expr::value("importing"))
        .filter(import_job::Column::Id.eq(j.id))
        .filter(import_job::Column::Status.eq("checked"))
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        return Err(DomainError::invalid("mapping", Rule::NotReady));
    }
    Ok(j)
}

/// Imports a job [`claim`] took, all rows in one transaction: on any
/// refusal (a record made since the dry run) nothing is recorded and the
/// job is refused again with the row's error. Amounts are read as its dry
/// run read them (its page's language: IRR in toman in Persian), whatever
/// page the import was started from. Once imported, the file is deleted.
async fn import_claimed(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    j: import_job::Model,
    progress: &ImportProgress,
) -> Result<Outcome, DomainError> {
    let lang = Locale::from_code(&j.checked_lang).unwrap_or(Locale::Fa);
    let result = async {
        let kind = kind_of(&j)?;
        let sheet = sheet_of(keys, &j).await?;
        let mapping: HashMap<String, usize> =
            serde_json::from_str(&j.mapping_json).unwrap_or_default();
        run(
            Importer {
                db,
                keys,
                now,
                actor,
                center_id: j.center_id,
            },
            kind,
            &sheet,
            &mapping,
            lang,
            true,
            (progress, j.id),
        )
        .await
    }
    .await;
    let mut row: import_job::ActiveModel = j.into();
    match &result {
        Ok(o) if o.error_rows == 0 => {
            row.status = Set("imported".into());
            row.created = Set(i32::try_from(o.created).unwrap_or(i32::MAX));
            row.already = Set(i32::try_from(o.already).unwrap_or(i32::MAX));
            row.file_bytes = Set(Vec::new());
        }
        Ok(o) => {
            row.status = Set("refused".into());
            row.error_rows = Set(i32::try_from(o.error_rows).unwrap_or(i32::MAX));
            row.errors_json = Set(serde_json::to_string(&o.errors).unwrap_or_default());
        }
        Err(_) => row.status = Set("failed".into()),
    }
    row.finished_at = Set(Some(now));
    row.update(db).await?;
    result
}

/// Imports a checked job now (the command line; tests), as
/// [`import_claimed`] describes.
///
/// # Errors
/// As [`claim`] and [`run`].
pub async fn commit(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    job_id: i32,
    progress: &ImportProgress,
) -> Result<Outcome, DomainError> {
    let j = claim(db, actor, center_id, job_id).await?;
    import_claimed(db, keys, now, actor, j, progress).await
}

/// Takes a checked job and imports it in the background, returning at
/// once; the job's page follows its progress and shows its outcome.
///
/// # Errors
/// As [`claim`], before anything starts.
pub async fn start_commit(
    db: DatabaseConnection,
    keys: DataKeys,
    now: DateTime<Utc>,
    actor: Actor,
    center_id: i32,
    job_id: i32,
    progress: ImportProgress,
) -> Result<(), DomainError> {
    let j = claim(&db, Some(&actor), center_id, job_id).await?;
    progress.set(job_id, 0, u64::try_from(j.rows).unwrap_or(0));
    tokio::spawn(async move {
        if let Err(e) = import_claimed(&db, &keys, now, Some(&actor), j, &progress).await {
            progress.clear(job_id);
            tracing::error!(error = ?e, job = job_id, "import failed");
        }
    });
    Ok(())
}
