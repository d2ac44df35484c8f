//! The workspace pages' reads: a center's programs (drafts included), one
//! program with its needs, spending and the changes its stage allows, and
//! one need, each with the ledger's figures.

use super::{center_of, text, NEED_CURRENCIES};
use crate::accounts::policy::{allows, authorize, Action, Actor};
use crate::calendar::{display_date, local_date, time_zone};
use crate::catalog::places::{counties_of, place};
use crate::catalog::program_in;
use crate::entities::codes::ProgramStatus;
use crate::entities::{county, need, program};
use crate::error::DomainError;
use crate::ledger::figures::need_figures;
use crate::ledger::figures::{self, Figures};
use chrono::{DateTime, Utc};
use nikoo_types::transparency::Place;
use nikoo_types::workspace::{
    CenterPrograms, NeedFields, NeedWorkspace, ProgramFields, ProgramWorkspace, StatusChange,
    WorkspaceNeed, WorkspaceProgram,
};
use nikoo_types::{Category, Currency, Locale, LocalizedText, Money};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

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
    let fig = figures::compute(db, crate::calendar::today(now), &ids).await?;
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
    let fig = figures::compute(db, crate::calendar::today(now), &[p.id]).await?;
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
        public: c.status == crate::entities::codes::CenterStatus::Verified
            && crate::catalog::PUBLIC_PROGRAM_STATUSES.contains(&p.status),
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
    let fig = figures::compute(db, crate::calendar::today(now), &[p.id]).await?;
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
