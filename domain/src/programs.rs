//! A center's programs and needs as its staff run them (issue 5): the
//! workspace reads (drafts included, with the ledger's figures), creating
//! and editing programs in Persian and/or English, their stages (publish,
//! pause, resume, complete, archive), and needs (money or in-kind, with a
//! priority and a deadline; closed with a reason, reopened).
//!
//! Every change is decided by the policy on the object's own center and
//! writes its audit record in the change's transaction (DESIGN.md
//! invariants 6 and 8). Every form is parsed whole before anything is
//! written, so bad input changes nothing (invariant 9).

use crate::audit::{self, Change};
use crate::calendar::{display_date, local_date, parse_date_input, time_zone};
use crate::catalog::{check_slug, need_figures, program_search_text};
use crate::entities::codes::{GiftKind, NeedStatus, ProgramStatus};
use crate::entities::{center, county, need, program};
use crate::error::DomainError;
use crate::figures::{self, Figures};
use crate::payments::gifts::parse_money_field;
use crate::places::{counties_of, county_of_center, place};
use crate::policy::{allows, authorize, authorize_change_of, Action, Actor};
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::account::optional_text;
use nikoo_types::public::Place;
use nikoo_types::workspace::{
    CenterPrograms, NeedFields, NeedWorkspace, Priority, ProgramFields, ProgramWorkspace,
    StatusChange, WorkspaceNeed, WorkspaceProgram, DESCRIPTION_MAX_CHARS, REASON_MAX_CHARS,
    SUMMARY_MAX_CHARS, TITLE_MAX_CHARS,
};
use nikoo_types::{Category, Currency, Locale, LocalizedText, Money, Quantity};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;

/// Currencies a money need may be asked in: the rial first (the centers'
/// own), then those donors abroad give in.
pub const NEED_CURRENCIES: [&str; 5] = ["IRR", "EUR", "USD", "GBP", "CAD"];

fn text(fa: &str, en: Option<&str>) -> LocalizedText {
    LocalizedText::new(Some(fa.to_owned()), en.map(str::to_owned))
}

/// A center, or `NotFound`.
async fn center_of<C: ConnectionTrait>(db: &C, id: i32) -> Result<center::Model, DomainError> {
    center::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

fn workspace_program(
    p: &program::Model,
    counties: &[county::Model],
    fig: &Figures,
) -> WorkspaceProgram {
    let (needs_met, needs_total) = fig.needs_met.get(&p.id).copied().unwrap_or((0, 0));
    WorkspaceProgram {
        id: p.id,
        slug: p.slug.clone(),
        title: text(&p.title_fa, p.title_en.as_deref()),
        status: p.status.to_value(),
        category: Category::from_code(&p.category).unwrap_or(Category::FamilySponsorship),
        county: counties
            .iter()
            .find(|c| c.code == p.county_code)
            .map_or_else(
                || Place {
                    code: p.county_code.clone(),
                    name: LocalizedText::default(),
                },
                place,
            ),
        start_date: display_date(p.start_date),
        end_date: p.end_date.map(display_date),
        totals: fig.program_totals(p.id),
        needs_met,
        needs_total,
    }
}

/// A center's programs, newest first, for its staff.
///
/// # Errors
/// `Unauthenticated`; `NotFound` when the caller may not see them; `Db`.
pub async fn center_programs<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
) -> Result<CenterPrograms, DomainError> {
    let actor = authorize(actor, Action::ReadCenterPrograms(center_id))?;
    let c = center_of(db, center_id).await?;
    let programs = program::Entity::find()
        .filter(program::Column::CenterId.eq(center_id))
        .order_by_desc(program::Column::CreatedAt)
        .order_by_desc(program::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = programs.iter().map(|p| p.id).collect();
    let fig = figures::compute(db, crate::catalog::today(now), &ids).await?;
    let counties = counties_of(db, &c).await?;
    Ok(CenterPrograms {
        center_id,
        center_name: text(&c.name_fa, c.name_en.as_deref()),
        verified: c.status == crate::entities::codes::CenterStatus::Verified,
        programs: programs
            .iter()
            .map(|p| workspace_program(p, &counties, &fig))
            .collect(),
        can_manage: allows(actor, Action::ManagePrograms(center_id)),
        counties: counties.iter().map(place).collect(),
        today: display_date(local_date(now, time_zone(&c.time_zone))),
    })
}

/// The program `program_id` of center `center_id`, or `NotFound` (also
/// when it belongs to another center).
async fn program_in<C: ConnectionTrait>(
    db: &C,
    center_id: i32,
    program_id: i32,
) -> Result<Option<program::Model>, DomainError> {
    Ok(program::Entity::find_by_id(program_id)
        .one(db)
        .await?
        .filter(|p| p.center_id == center_id))
}

/// A program's form values, dates as the date fields show them in `locale`.
fn program_fields(p: &program::Model, locale: Locale) -> ProgramFields {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    ProgramFields {
        title_fa: p.title_fa.clone(),
        title_en: s(&p.title_en),
        summary_fa: s(&p.summary_fa),
        summary_en: s(&p.summary_en),
        description_fa: s(&p.description_fa),
        description_en: s(&p.description_en),
        category: p.category.clone(),
        county: p.county_code.clone(),
        start_date: display_date(p.start_date).input(locale),
        end_date: p
            .end_date
            .map(|d| display_date(d).input(locale))
            .unwrap_or_default(),
    }
}

/// A need's form values, amounts as typed in `locale` (toman for IRR in Persian).
fn need_fields(n: &need::Model, locale: Locale) -> NeedFields {
    let currency = n.currency.as_deref().and_then(Currency::from_code);
    let amount = |minor: Option<i64>| {
        minor
            .zip(currency)
            .map(|(m, c)| Money::from_minor(m, c).format_number(locale))
            .unwrap_or_default()
    };
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    NeedFields {
        kind: n.kind.to_value(),
        title_fa: n.title_fa.clone(),
        title_en: s(&n.title_en),
        target_amount: amount(n.target_minor),
        currency: s(&n.currency),
        unit_fa: s(&n.unit_fa),
        unit_en: s(&n.unit_en),
        target_quantity: n.target_quantity.map(|q| q.to_string()).unwrap_or_default(),
        unit_value: amount(n.unit_value_minor),
        priority: n.priority.clone(),
        deadline: n
            .deadline
            .map(|d| display_date(d).input(locale))
            .unwrap_or_default(),
    }
}

/// The stage changes a program in `status` allows.
fn changes_for(status: ProgramStatus) -> Vec<StatusChange> {
    let code = status.to_value();
    StatusChange::ALL
        .into_iter()
        .filter(|c| c.from_status(&code).is_some())
        .collect()
}

/// One program of the center with its needs, for its staff.
///
/// # Errors
/// `Unauthenticated`; `NotFound` when the caller may not see it or it is
/// not the center's; `Db`.
pub async fn workspace<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    program_id: i32,
    locale: Locale,
) -> Result<ProgramWorkspace, DomainError> {
    let actor = authorize(actor, Action::ReadCenterPrograms(center_id))?;
    let c = center_of(db, center_id).await?;
    let p = program_in(db, center_id, program_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let fig = figures::compute(db, crate::catalog::today(now), &[p.id]).await?;
    let counties = counties_of(db, &c).await?;
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.eq(p.id))
        .order_by_asc(need::Column::Position)
        .order_by_asc(need::Column::Id)
        .all(db)
        .await?;
    Ok(ProgramWorkspace {
        center_id,
        center_name: text(&c.name_fa, c.name_en.as_deref()),
        verified: c.status == crate::entities::codes::CenterStatus::Verified,
        program: workspace_program(&p, &counties, &fig),
        fields: program_fields(&p, locale),
        needs: needs
            .iter()
            .map(|n| workspace_need(n, &fig, locale))
            .collect(),
        can_manage: allows(actor, Action::ManagePrograms(center_id)),
        changes: changes_for(p.status),
        counties: counties.iter().map(place).collect(),
        currencies: NEED_CURRENCIES.iter().map(|c| (*c).to_owned()).collect(),
        spending: crate::spending::lines(db, p.id, time_zone(&c.time_zone), true).await?,
        cover: crate::spending::cover_of(db, &p).await?,
    })
}

fn workspace_need(n: &need::Model, fig: &Figures, locale: Locale) -> WorkspaceNeed {
    let figures = need_figures(n, fig);
    WorkspaceNeed {
        state: figures.state.clone(),
        priority: figures.priority,
        deadline: figures.deadline,
        closed_reason: figures.closed_reason.clone(),
        figures,
        fields: need_fields(n, locale),
    }
}

/// One need of a program of the center, for its own page.
///
/// # Errors
/// `Unauthenticated`; `NotFound` when the caller may not see it or it is
/// not the center's; `Db`.
pub async fn need_workspace<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    need_id: i32,
    locale: Locale,
) -> Result<NeedWorkspace, DomainError> {
    let actor = authorize(actor, Action::ReadCenterPrograms(center_id))?;
    let c = center_of(db, center_id).await?;
    let n = need::Entity::find_by_id(need_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let p = program_in(db, center_id, n.program_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let fig = figures::compute(db, crate::catalog::today(now), &[p.id]).await?;
    let counties = counties_of(db, &c).await?;
    let tz = time_zone(&c.time_zone);
    let spending = crate::spending::lines(db, p.id, tz, true)
        .await?
        .into_iter()
        .filter(|l| l.need_id == n.id)
        .collect();
    Ok(NeedWorkspace {
        center_id,
        center_name: text(&c.name_fa, c.name_en.as_deref()),
        program: workspace_program(&p, &counties, &fig),
        need: workspace_need(&n, &fig, locale),
        can_manage: allows(actor, Action::ManagePrograms(center_id)),
        can_spend: allows(actor, Action::RecordSpending(center_id)),
        can_deliver: allows(actor, Action::RecordDelivery(center_id)),
        spending,
        today: display_date(local_date(now, tz)),
    })
}

// ---------------------------------------------------------------- programs

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
fn parse_title(fa: &str, en: &str) -> Result<LocalizedText, DomainError> {
    let title = LocalizedText::new(
        optional_text("title_fa", fa, TITLE_MAX_CHARS)?,
        optional_text("title_en", en, TITLE_MAX_CHARS)?,
    );
    if title.fa.is_none() && title.en.is_none() {
        return Err(DomainError::field("title_fa", "title_required"));
    }
    Ok(title)
}

/// A date field in either calendar; empty is `None`.
fn parse_date_field(field: &str, raw: &str) -> Result<Option<NaiveDate>, DomainError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    parse_date_input(raw)
        .map(Some)
        .ok_or_else(|| DomainError::field(field, "invalid"))
}

async fn parse_program<C: ConnectionTrait>(
    db: &C,
    c: &center::Model,
    f: &ProgramFields,
) -> Result<ParsedProgram, DomainError> {
    let title = parse_title(&f.title_fa, &f.title_en)?;
    let summary = LocalizedText::new(
        optional_text("summary_fa", &f.summary_fa, SUMMARY_MAX_CHARS)?,
        optional_text("summary_en", &f.summary_en, SUMMARY_MAX_CHARS)?,
    );
    let description = LocalizedText::new(
        optional_text("description_fa", &f.description_fa, DESCRIPTION_MAX_CHARS)?,
        optional_text("description_en", &f.description_en, DESCRIPTION_MAX_CHARS)?,
    );
    let category = Category::from_code(f.category.trim())
        .ok_or_else(|| DomainError::field("category", "unknown_code"))?;
    let county = county_of_center(db, c, &f.county).await?;
    let start = parse_date_field("start_date", &f.start_date)?
        .ok_or_else(|| DomainError::field("start_date", "required"))?;
    let end = parse_date_field("end_date", &f.end_date)?;
    if end.is_some_and(|e| e < start) {
        return Err(DomainError::field("end_date", "before_start"));
    }
    Ok(ParsedProgram {
        title,
        summary,
        description,
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
async fn program_to_change<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    program_id: i32,
) -> Result<(&'a Actor, program::Model), DomainError> {
    program_for_change(db, actor, center_id, program_id, Action::ManagePrograms).await
}

/// The program `program_id` of `center_id` for a change `action` decides
/// (managing it, its cover, an update): refused like one the caller may
/// not change when it is not there or is another center's; an archived
/// one cannot change.
///
/// # Errors
/// `Unauthenticated`; `Forbidden`; `Invalid(change/archived)`; `Db`.
pub(crate) async fn program_for_change<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    program_id: i32,
    action: fn(i32) -> Action,
) -> Result<(&'a Actor, program::Model), DomainError> {
    let p = program_in(db, center_id, program_id).await?;
    let (actor, p) = authorize_change_of(actor, p, |p| p.center_id, action)?;
    if p.status == ProgramStatus::Archived {
        return Err(DomainError::field("change", "archived"));
    }
    Ok((actor, p))
}

/// The need `need_id` of a program of `center_id`, with its program, for a
/// change `action` decides (editing it, spending on it, delivering to it):
/// refused like another center's when it is not there; an archived
/// program's needs take nothing.
///
/// # Errors
/// `Unauthenticated`; `Forbidden`; `Invalid(change/archived)`; `Db`.
pub(crate) async fn need_for_change<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    need_id: i32,
    action: fn(i32) -> Action,
) -> Result<(&'a Actor, need::Model, program::Model), DomainError> {
    let n = need::Entity::find_by_id(need_id).one(db).await?;
    let p = match &n {
        Some(n) => program_in(db, center_id, n.program_id).await?,
        None => None,
    };
    let (actor, (n, p)) = authorize_change_of(actor, n.zip(p), |(_, p)| p.center_id, action)?;
    if p.status == ProgramStatus::Archived {
        return Err(DomainError::field("change", "archived"));
    }
    Ok((actor, n, p))
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
        .ok_or_else(|| DomainError::field("change", "unknown_code"))?;
    let next = change
        .from_status(&before.status.to_value())
        .and_then(|s| ProgramStatus::try_from_value(&s.to_owned()).ok())
        .ok_or_else(|| DomainError::field("change", "not_allowed"))?;
    if change == StatusChange::Publish {
        let open = need::Entity::find()
            .filter(need::Column::ProgramId.eq(before.id))
            .filter(need::Column::Status.eq(NeedStatus::Open))
            .one(db)
            .await?;
        if open.is_none() {
            return Err(DomainError::field("change", "needs_a_need"));
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

// ------------------------------------------------------------------- needs

/// What a need form asks for, parsed.
enum ParsedTarget {
    Money(Money),
    InKind {
        unit: LocalizedText,
        quantity: Quantity,
        unit_value: Option<Money>,
    },
}

/// A need form, parsed.
struct ParsedNeed {
    title: LocalizedText,
    target: ParsedTarget,
    priority: Priority,
    deadline: Option<NaiveDate>,
}

/// Parses a need form. `fixed` is the need being edited: its kind and
/// currency stay, whatever the form says.
fn parse_need(
    f: &NeedFields,
    locale: Locale,
    fixed: Option<&need::Model>,
) -> Result<ParsedNeed, DomainError> {
    let title = parse_title(&f.title_fa, &f.title_en)?;
    let kind = match fixed {
        Some(n) => n.kind,
        None => GiftKind::try_from_value(&f.kind.trim().to_owned())
            .map_err(|_| DomainError::field("kind", "unknown_code"))?,
    };
    let currency_code = match fixed {
        Some(n) => n.currency.clone().unwrap_or_default(),
        None => f.currency.trim().to_owned(),
    };
    let currency = || {
        Some(currency_code.as_str())
            .filter(|c| NEED_CURRENCIES.contains(c) || fixed.is_some())
            .and_then(Currency::from_code)
            .ok_or_else(|| DomainError::field("currency", "unknown_code"))
    };
    let target = match kind {
        GiftKind::Money => ParsedTarget::Money(parse_money_field(
            "target_amount",
            &f.target_amount,
            currency()?,
            locale,
        )?),
        GiftKind::InKind => {
            let unit = LocalizedText::new(
                optional_text("unit_fa", &f.unit_fa, 40)?,
                optional_text("unit_en", &f.unit_en, 40)?,
            );
            if unit.fa.is_none() && unit.en.is_none() {
                return Err(DomainError::field("unit_fa", "unit_required"));
            }
            let quantity = Quantity::parse(&f.target_quantity)
                .ok()
                .filter(|q| q.get() > 0)
                .ok_or_else(|| DomainError::field("target_quantity", "not_positive"))?;
            let unit_value = if f.unit_value.trim().is_empty() {
                None
            } else {
                Some(parse_money_field(
                    "unit_value",
                    &f.unit_value,
                    currency()?,
                    locale,
                )?)
            };
            ParsedTarget::InKind {
                unit,
                quantity,
                unit_value,
            }
        }
    };
    let priority = if f.priority.trim().is_empty() {
        Priority::Normal
    } else {
        Priority::from_code(f.priority.trim())
            .ok_or_else(|| DomainError::field("priority", "unknown_code"))?
    };
    Ok(ParsedNeed {
        title,
        target,
        priority,
        deadline: parse_date_field("deadline", &f.deadline)?,
    })
}

/// Sets a need row's fields from a parsed form.
fn apply_need(row: &mut need::ActiveModel, n: ParsedNeed) {
    row.title_fa = Set(n.title.fa.unwrap_or_default());
    row.title_en = Set(n.title.en);
    row.priority = Set(n.priority.code().to_owned());
    row.deadline = Set(n.deadline);
    match n.target {
        ParsedTarget::Money(m) => {
            row.kind = Set(GiftKind::Money);
            row.currency = Set(Some(m.currency().code().to_owned()));
            row.target_minor = Set(Some(m.minor()));
        }
        ParsedTarget::InKind {
            unit,
            quantity,
            unit_value,
        } => {
            row.kind = Set(GiftKind::InKind);
            row.unit_fa = Set(unit.fa);
            row.unit_en = Set(unit.en);
            row.target_quantity = Set(Some(quantity.get()));
            row.currency = Set(unit_value.map(|m| m.currency().code().to_owned()));
            row.unit_value_minor = Set(unit_value.map(Money::minor));
        }
    }
}

/// What the audit log keeps of a need.
fn need_snapshot(n: &need::Model) -> serde_json::Value {
    json!({
        "program_id": n.program_id,
        "kind": n.kind.to_value(),
        "title_fa": n.title_fa,
        "title_en": n.title_en,
        "currency": n.currency,
        "target_minor": n.target_minor,
        "unit_fa": n.unit_fa,
        "unit_en": n.unit_en,
        "target_quantity": n.target_quantity,
        "unit_value_minor": n.unit_value_minor,
        "priority": n.priority,
        "deadline": n.deadline.map(|d| d.to_string()),
        "status": n.status.to_value(),
        "closed_reason": n.closed_reason,
    })
}

/// Adds a need to program `program_id`, last in its list.
///
/// # Errors
/// As [`update_program`]; `Invalid` naming the field at fault (`kind` or
/// `currency` `unknown_code`, `target_amount`/`unit_value` `invalid` or
/// `not_positive`, `target_quantity` `not_positive`, `unit_fa`
/// `unit_required`, `deadline` `invalid`, `priority` `unknown_code`).
pub async fn add_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    program_id: i32,
    fields: &NeedFields,
    locale: Locale,
) -> Result<need::Model, DomainError> {
    let (actor, p) = program_to_change(db, actor, center_id, program_id).await?;
    let parsed = parse_need(fields, locale, None)?;
    let txn = crate::db::begin_write(db).await?;
    let last = need::Entity::find()
        .filter(need::Column::ProgramId.eq(p.id))
        .order_by_desc(need::Column::Position)
        .one(&txn)
        .await?
        .map_or(0, |n| n.position);
    let mut row = need::ActiveModel {
        program_id: Set(p.id),
        key: Set(format!("n-{}", &crate::secrets::new_token()[..12])),
        position: Set(last + 1),
        status: Set(NeedStatus::Open),
        unit_fa: Set(None),
        unit_en: Set(None),
        target_minor: Set(None),
        target_quantity: Set(None),
        unit_value_minor: Set(None),
        closed_reason: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    apply_need(&mut row, parsed);
    let n = row.insert(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "need.create",
            object_type: "need",
            object_id: n.id.to_string(),
            before: None,
            after: Some(need_snapshot(&n)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(n)
}

/// The need `need_id` of a program of `center_id` for a change by `actor`,
/// with its program (refused like another center's when it is not there).
async fn need_to_change<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    need_id: i32,
) -> Result<(&'a Actor, need::Model), DomainError> {
    let (actor, n, _) =
        need_for_change(db, actor, center_id, need_id, Action::ManagePrograms).await?;
    Ok((actor, n))
}

/// Records a change of a need with its audit record, in one transaction.
async fn save_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    center_id: i32,
    action: &str,
    before: need::Model,
    row: need::ActiveModel,
) -> Result<need::Model, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action,
            object_type: "need",
            object_id: after.id.to_string(),
            before: Some(need_snapshot(&before)),
            after: Some(need_snapshot(&after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Edits a need's titles, target, unit, priority and deadline (its kind
/// and currency stay: gifts were given in them).
///
/// # Errors
/// As [`add_need`].
pub async fn update_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    need_id: i32,
    fields: &NeedFields,
    locale: Locale,
) -> Result<need::Model, DomainError> {
    let (actor, before) = need_to_change(db, actor, center_id, need_id).await?;
    let parsed = parse_need(fields, locale, Some(&before))?;
    let mut row: need::ActiveModel = before.clone().into();
    apply_need(&mut row, parsed);
    save_need(db, now, actor, center_id, "need.update", before, row).await
}

/// Closes an open need with a reason (shown publicly with it).
///
/// # Errors
/// As [`update_need`]; `Invalid(reason/required|too_long)`,
/// `Invalid(reason/already_closed)`.
pub async fn close_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    need_id: i32,
    reason: &str,
) -> Result<need::Model, DomainError> {
    let (actor, before) = need_to_change(db, actor, center_id, need_id).await?;
    if before.status == NeedStatus::Closed {
        return Err(DomainError::field("reason", "already_closed"));
    }
    let reason = nikoo_types::account::required_text("reason", reason, REASON_MAX_CHARS)?;
    let mut row: need::ActiveModel = before.clone().into();
    row.status = Set(NeedStatus::Closed);
    row.closed_reason = Set(Some(reason));
    save_need(db, now, actor, center_id, "need.close", before, row).await
}

/// Opens a closed need again.
///
/// # Errors
/// As [`update_need`]; `Invalid(reason/not_closed)` for an open one.
pub async fn reopen_need(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    need_id: i32,
) -> Result<need::Model, DomainError> {
    let (actor, before) = need_to_change(db, actor, center_id, need_id).await?;
    if before.status != NeedStatus::Closed {
        return Err(DomainError::field("reason", "not_closed"));
    }
    let mut row: need::ActiveModel = before.clone().into();
    row.status = Set(NeedStatus::Open);
    row.closed_reason = Set(None);
    save_need(db, now, actor, center_id, "need.reopen", before, row).await
}
