//! Transparency: the public read models of the pages and the API — the
//! home page's platform overview, the program list with its filters, a
//! program's page (needs with pledged, received and delivered, spending,
//! updates, pledges, recent gifts) and a center's page. Money figures come
//! from the ledger (`ledger::figures`), people served from
//! `beneficiaries::people_served` (suppressed).
//!
//! May use: `catalog` (the visibility rule), `ledger`, `giving` (the
//! pledge list), `spending`, `updates`, `beneficiaries`. Nothing uses it
//! but the boundaries (server functions, the API) and the demo's checks.

use crate::calendar::{display_date, display_instant, time_zone};
use crate::catalog::{check_slug, visible_programs};
use crate::entities::codes::{CenterStatus, ProgramStatus};
use crate::entities::{center, county, donation, donor, need, program, province};
use crate::error::DomainError;
use crate::ledger::figures::need_figures;
use crate::ledger::figures::{self, Figures};
use crate::search::like_pattern;
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::outcome::Rule;
use nikoo_types::query::ProgramQuery;
use nikoo_types::transparency::{
    CenterDetail, CenterRef, FilterOptions, NeedFigures, Place, PlatformOverview, ProgramDetail,
    ProgramPage, ProgramSummary, RecentGift,
};
use nikoo_types::{Category, Currency, LocalizedText, Money};
use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// How many gifts a program page lists.
pub const RECENT_GIFTS: u64 = 10;

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
    served: &crate::beneficiaries::people_served::ServedCounts,
    covers: &HashMap<i32, String>,
) -> ProgramSummary {
    let (needs_met, needs_total) = fig.needs_met.get(&p.id).copied().unwrap_or((0, 0));
    ProgramSummary {
        slug: p.slug.clone(),
        title: LocalizedText::new(Some(p.title_fa.clone()), p.title_en.clone()),
        summary: LocalizedText::new(p.summary_fa.clone(), p.summary_en.clone()),
        category: Category::from_code(&p.category).unwrap_or(Category::FamilySponsorship),
        status: p.status.to_value(),
        takes_gifts: p.status == ProgramStatus::Active,
        completed: p.status == ProgramStatus::Completed,
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
        cover: covers.get(&p.id).cloned(),
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
    let served = crate::beneficiaries::people_served::compute(db).await?;
    let covers = crate::spending::covers_of(db, programs).await?;
    Ok(programs
        .iter()
        .map(|p| summary(p, names, &fig, &served, &covers))
        .collect())
}

/// A page of public programs matching `query`, best first (featured, then
/// newest). A page past the end is empty.
///
/// # Errors
/// `Invalid` (`province`/`county`/`center`, `unknown_code`) for a code that
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
            return Err(DomainError::invalid("province", Rule::UnknownCode));
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
            return Err(DomainError::invalid("county", Rule::UnknownCode));
        }
        select = select.filter(program::Column::CountyCode.eq(c.as_str()));
    }
    if let Some(slug) = &query.center {
        let center = names
            .centers
            .values()
            .find(|c| &c.slug == slug && c.status == CenterStatus::Verified)
            .ok_or(DomainError::invalid("center", Rule::UnknownCode))?;
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
        items: summaries(db, crate::calendar::today(now), &items, &names).await?,
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
    let fig = figures::compute(db, crate::calendar::today(now), &[p.id]).await?;
    fig.readable(p.id)?;
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
    let served = crate::beneficiaries::people_served::compute(db).await?;
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
        .filter(donation::Column::ReversedAt.is_null())
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
    let covers = crate::spending::covers_of(db, std::slice::from_ref(&p)).await?;
    Ok(ProgramDetail {
        program: summary(&p, &names, &fig, &served, &covers),
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
        recent_pledges: crate::giving::pledge_list::recent(db, p.id, &needs, tz).await?,
        spending: crate::spending::lines(db, p.id, tz, false).await?,
        cover: covers.get(&p.id).cloned(),
        updates: crate::updates::of_program(db, p.id, tz).await?,
    })
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
    let fig = figures::compute(db, crate::calendar::today(now), &ids).await?;
    let (needs_met, needs_total) = fig.sum_needs_met(&ids);
    let served = crate::beneficiaries::people_served::compute(db).await?;
    let covers = crate::spending::covers_of(db, &programs).await?;
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
            .map(|p| summary(p, &names, &fig, &served, &covers))
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
    let fig = figures::compute(db, crate::calendar::today(now), &ids).await?;
    let (needs_met, needs_total) = fig.sum_needs_met(&ids);
    let served = crate::beneficiaries::people_served::compute(db).await?;
    let mut featured: Vec<&program::Model> = all
        .iter()
        .filter(|p| p.featured && p.status == ProgramStatus::Active)
        .collect();
    featured.sort_by(|a, b| b.start_date.cmp(&a.start_date).then(b.id.cmp(&a.id)));
    featured.truncate(FEATURED_ON_HOME as usize);
    let featured: Vec<program::Model> = featured.into_iter().cloned().collect();
    let covers = crate::spending::covers_of(db, &featured).await?;
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
            .iter()
            .map(|p| summary(p, &names, &fig, &served, &covers))
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
