//! Programs as staff run them: created in Persian and/or English, edited,
//! and moved through their stages (publish, pause, resume, complete,
//! archive). Every form is parsed whole before anything is written.

use super::center_of;
use crate::accounts::policy::{authorize, Action, Actor};
use crate::audit::{self, Change};
use crate::calendar::parse_date_input;
use crate::catalog::places::county_of_center;
use crate::catalog::program_for_change;
use crate::catalog::{check_slug, program_search_text};
use crate::entities::codes::{NeedStatus, ProgramStatus};
use crate::entities::{center, county, need, program};
use crate::error::DomainError;
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::accounts::optional_text;
use nikoo_types::outcome::Rule;
use nikoo_types::workspace::{
    ProgramFields, StatusChange, DESCRIPTION_MAX_CHARS, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS,
};
use nikoo_types::{Category, LocalizedText};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QuerySelect, Set,
};
use serde_json::json;

/// A program form, parsed.
struct ParsedProgram {
    title: LocalizedText,
    summary: LocalizedText,
    description: LocalizedText,
    category: Category,
    county: county::Model,
    start: NaiveDate,
    end: Option<NaiveDate>,
}

/// A title in Persian and/or English: at least one.
pub(super) fn parse_title(fa: &str, en: &str) -> Result<LocalizedText, DomainError> {
    let title = LocalizedText::new(
        optional_text("title_fa", fa, TITLE_MAX_CHARS)?,
        optional_text("title_en", en, TITLE_MAX_CHARS)?,
    );
    if title.fa.is_none() && title.en.is_none() {
        return Err(DomainError::invalid("title_fa", Rule::TitleRequired));
    }
    Ok(title)
}

/// A date field in either calendar; empty is `None`.
pub(super) fn parse_date_field(field: &str, raw: &str) -> Result<Option<NaiveDate>, DomainError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    parse_date_input(raw)
        .map(Some)
        .ok_or_else(|| DomainError::invalid(field, Rule::Invalid))
}

async fn parse_program<C: ConnectionTrait>(
    db: &C,
    c: &center::Model,
    f: &ProgramFields,
) -> Result<ParsedProgram, DomainError> {
    // Every field is checked, so every refused one is shown at once.
    let mut checks = crate::Checks::default();
    let title = checks.check(parse_title(&f.title_fa, &f.title_en));
    let summary_fa = checks.check(
        optional_text("summary_fa", &f.summary_fa, SUMMARY_MAX_CHARS).map_err(DomainError::from),
    );
    let summary_en = checks.check(
        optional_text("summary_en", &f.summary_en, SUMMARY_MAX_CHARS).map_err(DomainError::from),
    );
    let description_fa = checks.check(
        optional_text("description_fa", &f.description_fa, DESCRIPTION_MAX_CHARS)
            .map_err(DomainError::from),
    );
    let description_en = checks.check(
        optional_text("description_en", &f.description_en, DESCRIPTION_MAX_CHARS)
            .map_err(DomainError::from),
    );
    let category = checks.check(
        Category::from_code(f.category.trim())
            .ok_or_else(|| DomainError::invalid("category", Rule::UnknownCode)),
    );
    let county = checks.check(county_of_center(db, c, &f.county).await);
    let start = checks.check(
        parse_date_field("start_date", &f.start_date)
            .and_then(|d| d.ok_or_else(|| DomainError::invalid("start_date", Rule::Required))),
    );
    let end = checks.check(parse_date_field("end_date", &f.end_date));
    if let (Some(start), Some(Some(end))) = (start, end) {
        if end < start {
            checks.check::<()>(Err(DomainError::invalid("end_date", Rule::BeforeStart)));
        }
    }
    let (
        Some(title),
        Some(summary_fa),
        Some(summary_en),
        Some(description_fa),
        Some(description_en),
        Some(category),
        Some(county),
        Some(start),
        Some(end),
    ) = (
        title,
        summary_fa,
        summary_en,
        description_fa,
        description_en,
        category,
        county,
        start,
        end,
    )
    else {
        checks.finish()?;
        return Err(DomainError::Unexpected(
            "a program check failed unrecorded".into(),
        ));
    };
    checks.finish()?;
    Ok(ParsedProgram {
        title,
        summary: LocalizedText::new(summary_fa, summary_en),
        description: LocalizedText::new(description_fa, description_en),
        category,
        county,
        start,
        end,
    })
}

/// The longest slug base taken from a title.
const SLUG_BASE_CHARS: usize = 60;

/// A free slug for a program titled `title`: its English title in
/// lowercase ASCII words joined by hyphens (or `program` without one),
/// then `-2`, `-3`, … while taken.
async fn free_slug<C: ConnectionTrait>(
    db: &C,
    title: &LocalizedText,
) -> Result<String, DomainError> {
    let words: Vec<String> = title
        .en
        .as_deref()
        .unwrap_or_default()
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut base = String::new();
    for w in words {
        if base.len() + w.len() + 1 > SLUG_BASE_CHARS {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&w);
    }
    if base.is_empty() {
        base = "program".into();
    }
    let taken: std::collections::HashSet<String> = program::Entity::find()
        .select_only()
        .column(program::Column::Slug)
        .filter(program::Column::Slug.starts_with(&base))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let slug = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|s| !taken.contains(s))
        .unwrap_or(base);
    check_slug(&slug)?;
    Ok(slug)
}

/// What the audit log keeps of a program.
fn program_snapshot(p: &program::Model) -> serde_json::Value {
    json!({
        "slug": p.slug,
        "status": p.status.to_value(),
        "title_fa": p.title_fa,
        "title_en": p.title_en,
        "summary_fa": p.summary_fa,
        "summary_en": p.summary_en,
        "description_fa": p.description_fa,
        "description_en": p.description_en,
        "category": p.category,
        "county": p.county_code,
        "start_date": p.start_date.to_string(),
        "end_date": p.end_date.map(|d| d.to_string()),
    })
}

/// Creates a draft program of center `center_id`.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the center; `Invalid` naming the field at fault (`title_fa`
/// `title_required`, `category`/`county` `unknown_code`, `start_date`
/// `required`/`invalid`, `end_date` `before_start`, `…` `too_long`); `Db`.
pub async fn create_program(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    fields: &ProgramFields,
) -> Result<program::Model, DomainError> {
    let actor = authorize(actor, Action::ManagePrograms(center_id))?;
    let c = center_of(db, center_id).await?;
    let f = parse_program(db, &c, fields).await?;
    let txn = crate::db::begin_write(db).await?;
    let slug = free_slug(&txn, &f.title).await?;
    let search_text = program_search_text(
        &f.title,
        &f.summary,
        &f.description,
        f.category,
        &c,
        &f.county,
    );
    let p = program::ActiveModel {
        slug: Set(slug),
        center_id: Set(c.id),
        county_code: Set(f.county.code.clone()),
        category: Set(f.category.code().to_owned()),
        status: Set(ProgramStatus::Draft),
        start_date: Set(f.start),
        end_date: Set(f.end),
        featured: Set(false),
        title_fa: Set(f.title.fa.clone().unwrap_or_default()),
        title_en: Set(f.title.en.clone()),
        summary_fa: Set(f.summary.fa),
        summary_en: Set(f.summary.en),
        description_fa: Set(f.description.fa),
        description_en: Set(f.description.en),
        search_text: Set(search_text),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "program.create",
            object_type: "program",
            object_id: p.id.to_string(),
            before: None,
            after: Some(program_snapshot(&p)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(p)
}

/// The program `program_id` of `center_id` for a change by `actor`: a
/// program that does not exist or is another center's is refused like one
/// the caller may not change; an archived one cannot change.
pub(super) async fn program_to_change<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    program_id: i32,
) -> Result<(&'a Actor, program::Model), DomainError> {
    program_for_change(db, actor, center_id, program_id, Action::ManagePrograms).await
}

/// Edits a program's texts, category, county and dates (its slug stays,
/// so links to it keep working).
///
/// # Errors
/// As [`create_program`]; `Forbidden` for another center's program;
/// `Invalid(change/archived)` for an archived one.
pub async fn update_program(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    program_id: i32,
    fields: &ProgramFields,
) -> Result<program::Model, DomainError> {
    let (actor, before) = program_to_change(db, actor, center_id, program_id).await?;
    let c = center_of(db, center_id).await?;
    let f = parse_program(db, &c, fields).await?;
    let search_text = program_search_text(
        &f.title,
        &f.summary,
        &f.description,
        f.category,
        &c,
        &f.county,
    );
    let txn = crate::db::begin_write(db).await?;
    let mut row: program::ActiveModel = before.clone().into();
    row.title_fa = Set(f.title.fa.clone().unwrap_or_default());
    row.title_en = Set(f.title.en.clone());
    row.summary_fa = Set(f.summary.fa);
    row.summary_en = Set(f.summary.en);
    row.description_fa = Set(f.description.fa);
    row.description_en = Set(f.description.en);
    row.category = Set(f.category.code().to_owned());
    row.county_code = Set(f.county.code.clone());
    row.start_date = Set(f.start);
    row.end_date = Set(f.end);
    row.search_text = Set(search_text);
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "program.update",
            object_type: "program",
            object_id: after.id.to_string(),
            before: Some(program_snapshot(&before)),
            after: Some(program_snapshot(&after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves a program to its next stage: `change` is a [`StatusChange`] code.
/// Publishing needs at least one open need.
///
/// # Errors
/// `Invalid(change/unknown_code)`, `Invalid(change/not_allowed)` for a
/// change its stage does not allow, `Invalid(change/needs_a_need)`; as
/// [`update_program`].
pub async fn change_status(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    program_id: i32,
    change: &str,
) -> Result<program::Model, DomainError> {
    let (actor, before) = program_to_change(db, actor, center_id, program_id).await?;
    let change = StatusChange::from_code(change)
        .ok_or_else(|| DomainError::invalid("change", Rule::UnknownCode))?;
    let next = change
        .from_status(&before.status.to_value())
        .and_then(|s| ProgramStatus::try_from_value(&s.to_owned()).ok())
        .ok_or_else(|| DomainError::invalid("change", Rule::NotAllowed))?;
    if change == StatusChange::Publish {
        let open = need::Entity::find()
            .filter(need::Column::ProgramId.eq(before.id))
            .filter(need::Column::Status.eq(NeedStatus::Open))
            .one(db)
            .await?;
        if open.is_none() {
            return Err(DomainError::invalid("change", Rule::NeedsANeed));
        }
    }
    let txn = crate::db::begin_write(db).await?;
    let mut row: program::ActiveModel = before.clone().into();
    row.status = Set(next);
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "program.status",
            object_type: "program",
            object_id: after.id.to_string(),
            before: Some(json!({"status": before.status.to_value()})),
            after: Some(json!({"status": after.status.to_value()})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
