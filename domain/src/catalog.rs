//! Centers, programs and needs: creating them, and the public read models
//! of the pages and the API (lists, program page, center page, home).
//!
//! Public means: the center is `verified` and the program `active`,
//! `paused` or `completed`. That rule lives here, in [`visible_programs`], and nowhere else.

use crate::calendar::{display_date, display_instant, time_zone};
use crate::entities::codes::{CenterStatus, GiftKind, NeedStatus, ProgramStatus};
use crate::entities::{center, county, donation, donor, need, program, province};
use crate::error::DomainError;
use crate::figures::{self, Figures};
use crate::search::{like_pattern, search_document};
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::public::{
    CenterDetail, CenterRef, FilterOptions, NeedFigures, NeedKind, Place, PlatformOverview,
    ProgramDetail, ProgramPage, ProgramSummary, RecentGift,
};
use nikoo_types::query::ProgramQuery;
use nikoo_types::{Category, Currency, Locale, LocalizedText, Money, Quantity};
use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};
use std::collections::HashMap;

/// Program statuses shown to the public: a paused program stays visible
/// (its figures and its donors' record) but takes no gifts; only an
/// active one does.
pub const PUBLIC_PROGRAM_STATUSES: [ProgramStatus; 3] = [
    ProgramStatus::Active,
    ProgramStatus::Paused,
    ProgramStatus::Completed,
];
/// How many gifts a program page lists.
pub const RECENT_GIFTS: u64 = 10;

// ---------------------------------------------------------------- writes

/// A center to create.
#[derive(Debug, Clone)]
pub struct NewCenter {
    pub slug: String,
    pub county_code: String,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub address: LocalizedText,
    /// IANA zone name; empty means Asia/Tehran.
    pub time_zone: String,
    pub status: CenterStatus,
}

/// Creates a center, or returns the one with the same slug unchanged.
///
/// # Errors
/// `Validation` for a bad slug, a missing Persian name or an unknown county; `Db`.
pub async fn create_center<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    c: NewCenter,
) -> Result<center::Model, DomainError> {
    if let Some(existing) = center::Entity::find()
        .filter(center::Column::Slug.eq(&c.slug))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    check_slug(&c.slug)?;
    let name_fa = c
        .name
        .fa
        .clone()
        .ok_or(DomainError::invalid("name_fa", "required"))?;
    county::Entity::find_by_id(c.county_code.clone())
        .one(db)
        .await?
        .ok_or(DomainError::invalid("county", "unknown_code"))?;
    let tz = if c.time_zone.is_empty() {
        "Asia/Tehran".to_owned()
    } else {
        c.time_zone
    };
    if tz.parse::<chrono_tz::Tz>().is_err() {
        return Err(DomainError::invalid("time_zone", "unknown"));
    }
    Ok(center::ActiveModel {
        slug: Set(c.slug),
        county_code: Set(c.county_code),
        name_fa: Set(name_fa),
        name_en: Set(c.name.en),
        description_fa: Set(c.description.fa),
        description_en: Set(c.description.en),
        address_fa: Set(c.address.fa),
        address_en: Set(c.address.en),
        time_zone: Set(tz),
        status: Set(c.status),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Slugs are 1–80 lowercase ASCII letters, digits and single hyphens.
///
/// # Errors
/// `Validation` (`slug`/`malformed`).
pub fn check_slug(slug: &str) -> Result<(), DomainError> {
    let ok = !slug.is_empty()
        && slug.len() <= 80
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid("slug", "malformed"))
    }
}

/// A program to create.
#[derive(Debug, Clone)]
pub struct NewProgram {
    pub slug: String,
    pub center_id: i32,
    pub county_code: String,
    pub category: Category,
    pub status: ProgramStatus,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub featured: bool,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub description: LocalizedText,
}

/// Creates a program, or returns the one with the same slug unchanged.
///
/// # Errors
/// `Validation` for a bad slug, missing Persian title, unknown center or
/// county, or an end before the start; `Db`.
pub async fn create_program<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: NewProgram,
) -> Result<program::Model, DomainError> {
    if let Some(existing) = program::Entity::find()
        .filter(program::Column::Slug.eq(&p.slug))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    check_slug(&p.slug)?;
    let title_fa = p
        .title
        .fa
        .clone()
        .ok_or(DomainError::invalid("title_fa", "required"))?;
    let center = center::Entity::find_by_id(p.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::invalid("center", "unknown"))?;
    let county = county::Entity::find_by_id(p.county_code.clone())
        .one(db)
        .await?
        .ok_or(DomainError::invalid("county", "unknown_code"))?;
    if p.end_date.is_some_and(|end| end < p.start_date) {
        return Err(DomainError::invalid("end_date", "before_start"));
    }
    let search_text = program_search_text(
        &p.title,
        &p.summary,
        &p.description,
        p.category,
        &center,
        &county,
    );
    Ok(program::ActiveModel {
        slug: Set(p.slug),
        center_id: Set(center.id),
        county_code: Set(county.code),
        category: Set(p.category.code().to_owned()),
        status: Set(p.status),
        start_date: Set(p.start_date),
        end_date: Set(p.end_date),
        featured: Set(p.featured),
        title_fa: Set(title_fa),
        title_en: Set(p.title.en.clone()),
        summary_fa: Set(p.summary.fa),
        summary_en: Set(p.summary.en),
        description_fa: Set(p.description.fa),
        description_en: Set(p.description.en),
        search_text: Set(search_text),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The search document of a program: its titles, summaries and
/// descriptions, its center's and county's names and its category's labels
/// in both languages, normalized ([`search_document`]).
pub(crate) fn program_search_text(
    title: &LocalizedText,
    summary: &LocalizedText,
    description: &LocalizedText,
    category: Category,
    center: &center::Model,
    county: &county::Model,
) -> String {
    let t = |x: &Option<String>| x.clone().unwrap_or_default();
    search_document([
        t(&title.fa).as_str(),
        t(&title.en).as_str(),
        t(&summary.fa).as_str(),
        t(&summary.en).as_str(),
        t(&description.fa).as_str(),
        t(&description.en).as_str(),
        center.name_fa.as_str(),
        center.name_en.as_deref().unwrap_or_default(),
        county.name_fa.as_str(),
        county.name_en.as_str(),
        category.label(Locale::Fa),
        category.label(Locale::En),
    ])
}

/// What a need asks for.
#[derive(Debug, Clone)]
pub enum NeedTarget {
    /// A sum of money.
    Money(Money),
    /// A quantity of an item, with its unit and an optional estimated unit value.
    InKind {
        unit: LocalizedText,
        quantity: Quantity,
        unit_value: Option<Money>,
    },
}

/// Creates a need of a program, or returns the one with the same key unchanged.
///
/// # Errors
/// `Validation` for a missing Persian title or a zero target; `Db`.
pub async fn create_need<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    program_id: i32,
    key: &str,
    title: LocalizedText,
    target: NeedTarget,
    position: i32,
) -> Result<need::Model, DomainError> {
    if let Some(existing) = need::Entity::find()
        .filter(need::Column::ProgramId.eq(program_id))
        .filter(need::Column::Key.eq(key))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    let title_fa = title
        .fa
        .clone()
        .ok_or(DomainError::invalid("title_fa", "required"))?;
    let mut row = need::ActiveModel {
        program_id: Set(program_id),
        key: Set(key.to_owned()),
        title_fa: Set(title_fa),
        title_en: Set(title.en),
        position: Set(position),
        status: Set(NeedStatus::Open),
        priority: Set(nikoo_types::workspace::Priority::Normal.code().to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    match target {
        NeedTarget::Money(m) => {
            if m.minor() <= 0 {
                return Err(DomainError::invalid("target", "not_positive"));
            }
            row.kind = Set(GiftKind::Money);
            row.currency = Set(Some(m.currency().code().to_owned()));
            row.target_minor = Set(Some(m.minor()));
        }
        NeedTarget::InKind {
            unit,
            quantity,
            unit_value,
        } => {
            if quantity.get() <= 0 {
                return Err(DomainError::invalid("target_quantity", "not_positive"));
            }
            row.kind = Set(GiftKind::InKind);
            row.unit_fa = Set(unit.fa);
            row.unit_en = Set(unit.en);
            row.target_quantity = Set(Some(quantity.get()));
            row.currency = Set(unit_value.map(|m| m.currency().code().to_owned()));
            row.unit_value_minor = Set(unit_value.map(Money::minor));
        }
    }
    Ok(row.insert(db).await?)
}

// ----------------------------------------------------------------- reads

/// Programs the public may see: of verified centers, active or completed.
pub fn visible_programs() -> Select<program::Entity> {
    program::Entity::find()
        .filter(program::Column::Status.is_in(PUBLIC_PROGRAM_STATUSES))
        .filter(
            program::Column::CenterId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(center::Column::Id)
                    .from(center::Entity)
                    .and_where(center::Column::Status.eq(CenterStatus::Verified))
                    .to_owned(),
            ),
        )
}

/// Reference data and centers, loaded once per request to name places.
struct Names {
    provinces: HashMap<String, province::Model>,
    counties: HashMap<String, county::Model>,
    centers: HashMap<i32, center::Model>,
}

impl Names {
    async fn load<C: ConnectionTrait>(db: &C) -> Result<Names, DomainError> {
        Ok(Names {
            provinces: province::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.code.clone(), p))
                .collect(),
            counties: county::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|c| (c.code.clone(), c))
                .collect(),
            centers: center::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|c| (c.id, c))
                .collect(),
        })
    }

    fn county(&self, code: &str) -> Place {
        self.counties.get(code).map_or_else(
            || Place {
                code: code.to_owned(),
                name: LocalizedText::default(),
            },
            |c| Place {
                code: c.code.clone(),
                name: LocalizedText::new(Some(c.name_fa.clone()), Some(c.name_en.clone())),
            },
        )
    }

    fn province_of(&self, county_code: &str) -> Place {
        let code = self
            .counties
            .get(county_code)
            .map(|c| c.province_code.clone())
            .unwrap_or_default();
        self.provinces.get(&code).map_or_else(
            || Place {
                code: code.clone(),
                name: LocalizedText::default(),
            },
            |p| Place {
                code: p.code.clone(),
                name: LocalizedText::new(Some(p.name_fa.clone()), Some(p.name_en.clone())),
            },
        )
    }

    fn center_ref(&self, id: i32) -> CenterRef {
        self.centers.get(&id).map_or_else(
            || CenterRef {
                slug: String::new(),
                name: LocalizedText::default(),
            },
            |c| CenterRef {
                slug: c.slug.clone(),
                name: center_name(c),
            },
        )
    }
}

fn center_name(c: &center::Model) -> LocalizedText {
    LocalizedText::new(Some(c.name_fa.clone()), c.name_en.clone())
}

fn summary(
    p: &program::Model,
    names: &Names,
    fig: &Figures,
    served: &crate::people_served::ServedCounts,
) -> ProgramSummary {
    let (needs_met, needs_total) = fig.needs_met.get(&p.id).copied().unwrap_or((0, 0));
    ProgramSummary {
        slug: p.slug.clone(),
        title: LocalizedText::new(Some(p.title_fa.clone()), p.title_en.clone()),
        summary: LocalizedText::new(p.summary_fa.clone(), p.summary_en.clone()),
        category: Category::from_code(&p.category).unwrap_or(Category::FamilySponsorship),
        status: p.status.to_value(),
        featured: p.featured,
        center: names.center_ref(p.center_id),
        province: names.province_of(&p.county_code),
        county: names.county(&p.county_code),
        start_date: display_date(p.start_date),
        end_date: p.end_date.map(display_date),
        totals: fig.program_totals(p.id),
        needs_met,
        needs_total,
        served: served.program(p.id),
    }
}

async fn summaries<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    programs: &[program::Model],
    names: &Names,
) -> Result<Vec<ProgramSummary>, DomainError> {
    let ids: Vec<i32> = programs.iter().map(|p| p.id).collect();
    let fig = figures::compute(db, today, &ids).await?;
    let served = crate::people_served::compute(db).await?;
    Ok(programs
        .iter()
        .map(|p| summary(p, names, &fig, &served))
        .collect())
}

/// The day figures are computed for: today in Asia/Tehran.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    crate::calendar::local_date(now, crate::calendar::DEFAULT_TIME_ZONE)
}

/// A page of public programs matching `query`, best first (featured, then
/// newest). A page past the end is empty.
///
/// # Errors
/// `Validation` (`province`/`county`/`center`, `unknown_code`) for a code that
/// does not exist or is not public; `Db`.
#[tracing::instrument(skip(db))]
pub async fn list_programs<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    query: &ProgramQuery,
) -> Result<ProgramPage, DomainError> {
    let names = Names::load(db).await?;
    let mut select = visible_programs();
    if let Some(c) = query.category {
        select = select.filter(program::Column::Category.eq(c.code()));
    }
    if let Some(p) = &query.province {
        if !names.provinces.contains_key(p) {
            return Err(DomainError::invalid("province", "unknown_code"));
        }
        let counties: Vec<String> = names
            .counties
            .values()
            .filter(|c| &c.province_code == p)
            .map(|c| c.code.clone())
            .collect();
        select = select.filter(program::Column::CountyCode.is_in(counties));
    }
    if let Some(c) = &query.county {
        if !names.counties.contains_key(c) {
            return Err(DomainError::invalid("county", "unknown_code"));
        }
        select = select.filter(program::Column::CountyCode.eq(c.as_str()));
    }
    if let Some(slug) = &query.center {
        let center = names
            .centers
            .values()
            .find(|c| &c.slug == slug && c.status == CenterStatus::Verified)
            .ok_or(DomainError::invalid("center", "unknown_code"))?;
        select = select.filter(program::Column::CenterId.eq(center.id));
    }
    if let Some(q) = &query.q {
        select = select.filter(
            Expr::col(program::Column::SearchText)
                .like(LikeExpr::new(like_pattern(q)).escape('\\')),
        );
    }
    let total = select.clone().count(db).await?;
    let offset = u64::from(query.page - 1) * u64::from(query.per_page);
    let items = select
        .order_by_desc(program::Column::Featured)
        .order_by_desc(program::Column::StartDate)
        .order_by_desc(program::Column::Id)
        .offset(offset)
        .limit(u64::from(query.per_page))
        .all(db)
        .await?;
    Ok(ProgramPage {
        items: summaries(db, today(now), &items, &names).await?,
        page: query.page,
        per_page: query.per_page,
        total,
    })
}

/// One public program with its needs and recent gifts.
///
/// # Errors
/// `NotFound` for an unknown or non-public slug; `Db`.
#[tracing::instrument(skip(db))]
pub async fn program_detail<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    slug: &str,
) -> Result<ProgramDetail, DomainError> {
    // A malformed slug (a NUL byte, say) names nothing: 404, not a database error.
    check_slug(slug).map_err(|_| DomainError::NotFound)?;
    let p = visible_programs()
        .filter(program::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let names = Names::load(db).await?;
    let fig = figures::compute(db, today(now), &[p.id]).await?;
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.eq(p.id))
        .order_by_asc(need::Column::Position)
        .order_by_asc(need::Column::Id)
        .all(db)
        .await?;
    let need_titles: HashMap<i32, LocalizedText> = needs
        .iter()
        .map(|n| {
            (
                n.id,
                LocalizedText::new(Some(n.title_fa.clone()), n.title_en.clone()),
            )
        })
        .collect();
    let served = crate::people_served::compute(db).await?;
    let need_views = needs
        .iter()
        .map(|n| NeedFigures {
            served: Some(served.need(n.id)),
            ..need_figures(n, &fig)
        })
        .collect();
    let tz = time_zone(
        names
            .centers
            .get(&p.center_id)
            .map_or("", |c| c.time_zone.as_str()),
    );
    let gifts = donation::Entity::find()
        .filter(donation::Column::ProgramId.eq(p.id))
        .order_by_desc(donation::Column::ReceivedAt)
        .order_by_desc(donation::Column::Id)
        .limit(RECENT_GIFTS)
        .all(db)
        .await?;
    let donor_ids: Vec<i32> = gifts
        .iter()
        .filter(|g| !g.anonymous)
        .filter_map(|g| g.donor_id)
        .collect();
    let donors: HashMap<i32, String> = donor::Entity::find()
        .filter(donor::Column::Id.is_in(donor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.display_name))
        .collect();
    let recent_gifts = gifts
        .iter()
        .filter_map(|g| {
            let currency = Currency::from_code(&g.currency)?;
            Some(RecentGift {
                // An anonymous gift's donor is never looked up, so never sent.
                donor: if g.anonymous {
                    None
                } else {
                    g.donor_id.and_then(|id| donors.get(&id).cloned())
                },
                amount: Money::from_minor(g.amount_minor, currency),
                need: g.need_id.and_then(|id| need_titles.get(&id).cloned()),
                received_on: display_instant(g.received_at, tz),
            })
        })
        .collect();
    Ok(ProgramDetail {
        program: summary(&p, &names, &fig, &served),
        description: LocalizedText::new(p.description_fa.clone(), p.description_en.clone()),
        description_html: LocalizedText::new(
            p.description_fa
                .as_deref()
                .map(crate::markdown::to_safe_html),
            p.description_en
                .as_deref()
                .map(crate::markdown::to_safe_html),
        ),
        needs: need_views,
        recent_gifts,
        recent_pledges: crate::pledge_list::recent(db, p.id, &needs, tz).await?,
        spending: crate::spending::lines(db, p.id, tz, false).await?,
        cover: crate::spending::cover_of(db, &p).await?,
        updates: crate::updates::of_program(db, p.id, tz).await?,
    })
}

/// A need's public figures and standing.
pub(crate) fn need_figures(n: &need::Model, fig: &Figures) -> NeedFigures {
    let numbers = fig.needs.get(&n.id).copied().unwrap_or_default();
    let money = n.kind == GiftKind::Money;
    let currency = n.currency.as_deref().and_then(Currency::from_code);
    let target = figures::need_target(n);
    NeedFigures {
        id: n.id,
        kind: if money {
            NeedKind::Money
        } else {
            NeedKind::InKind
        },
        title: LocalizedText::new(Some(n.title_fa.clone()), n.title_en.clone()),
        currency: currency.filter(|_| money),
        unit: (!money).then(|| LocalizedText::new(n.unit_fa.clone(), n.unit_en.clone())),
        target,
        pledged: numbers.pledged,
        received: numbers.received,
        delivered: numbers.delivered,
        unit_value: n
            .unit_value_minor
            .zip(currency)
            .filter(|_| !money)
            .map(|(m, c)| Money::from_minor(m, c)),
        met: figures::is_met(target, numbers.received),
        status: n.status.to_value(),
        state: nikoo_types::workspace::need_state(&n.status.to_value(), target, numbers.received)
            .to_owned(),
        priority: nikoo_types::workspace::Priority::from_code(&n.priority).unwrap_or_default(),
        deadline: n.deadline.map(display_date),
        closed_reason: n.closed_reason.clone(),
        served: None,
    }
}

/// A verified center with its public programs and totals.
///
/// # Errors
/// `NotFound` for an unknown or non-public slug; `Db`.
#[tracing::instrument(skip(db))]
pub async fn center_detail<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    slug: &str,
) -> Result<CenterDetail, DomainError> {
    check_slug(slug).map_err(|_| DomainError::NotFound)?;
    let c = center::Entity::find()
        .filter(center::Column::Slug.eq(slug))
        .filter(center::Column::Status.eq(CenterStatus::Verified))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let names = Names::load(db).await?;
    let programs = visible_programs()
        .filter(program::Column::CenterId.eq(c.id))
        .order_by_desc(program::Column::Featured)
        .order_by_desc(program::Column::StartDate)
        .order_by_desc(program::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = programs.iter().map(|p| p.id).collect();
    let fig = figures::compute(db, today(now), &ids).await?;
    let (needs_met, needs_total) = fig.sum_needs_met(&ids);
    let served = crate::people_served::compute(db).await?;
    Ok(CenterDetail {
        slug: c.slug.clone(),
        name: center_name(&c),
        description: LocalizedText::new(c.description_fa.clone(), c.description_en.clone()),
        address: LocalizedText::new(c.address_fa.clone(), c.address_en.clone()),
        province: names.province_of(&c.county_code),
        county: names.county(&c.county_code),
        totals: fig.sum_totals(&ids),
        needs_met,
        needs_total,
        served: served.center(c.id),
        programs: programs
            .iter()
            .map(|p| summary(p, &names, &fig, &served))
            .collect(),
    })
}

/// How many featured programs the home page shows.
pub const FEATURED_ON_HOME: u64 = 6;

/// Platform totals and featured programs for the home page.
///
/// # Errors
/// `Db`.
#[tracing::instrument(skip(db))]
pub async fn overview<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<PlatformOverview, DomainError> {
    let names = Names::load(db).await?;
    let all = visible_programs().all(db).await?;
    let ids: Vec<i32> = all.iter().map(|p| p.id).collect();
    let fig = figures::compute(db, today(now), &ids).await?;
    let (needs_met, needs_total) = fig.sum_needs_met(&ids);
    let served = crate::people_served::compute(db).await?;
    let mut featured: Vec<&program::Model> = all
        .iter()
        .filter(|p| p.featured && p.status == ProgramStatus::Active)
        .collect();
    featured.sort_by(|a, b| b.start_date.cmp(&a.start_date).then(b.id.cmp(&a.id)));
    featured.truncate(FEATURED_ON_HOME as usize);
    let centers = names
        .centers
        .values()
        .filter(|c| c.status == CenterStatus::Verified)
        .count() as u64;
    Ok(PlatformOverview {
        totals: fig.sum_totals(&ids),
        needs_met,
        needs_total,
        programs: ids.len() as u64,
        centers,
        served: served.platform(),
        featured: featured
            .into_iter()
            .map(|p| summary(p, &names, &fig, &served))
            .collect(),
    })
}

/// Provinces, counties and verified centers for the filter form (counties
/// and centers only where a public program is).
///
/// # Errors
/// `Db`.
pub async fn filter_options<C: ConnectionTrait>(db: &C) -> Result<FilterOptions, DomainError> {
    let names = Names::load(db).await?;
    let mut provinces: Vec<&province::Model> = names.provinces.values().collect();
    provinces.sort_by_key(|p| p.position);
    let programs = visible_programs().all(db).await?;
    let mut counties: Vec<Place> = names
        .counties
        .values()
        .filter(|c| programs.iter().any(|p| p.county_code == c.code))
        .map(|c| names.county(&c.code))
        .collect();
    counties.sort_by(|a, b| a.code.cmp(&b.code));
    let mut centers: Vec<CenterRef> = names
        .centers
        .values()
        .filter(|c| {
            c.status == CenterStatus::Verified && programs.iter().any(|p| p.center_id == c.id)
        })
        .map(|c| CenterRef {
            slug: c.slug.clone(),
            name: center_name(c),
        })
        .collect();
    centers.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(FilterOptions {
        provinces: provinces
            .into_iter()
            .map(|p| Place {
                code: p.code.clone(),
                name: LocalizedText::new(Some(p.name_fa.clone()), Some(p.name_en.clone())),
            })
            .collect(),
        counties,
        centers,
    })
}
