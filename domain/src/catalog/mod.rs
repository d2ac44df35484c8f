//! The catalog: centers, programs and needs as records — creating them
//! (the demo, center registration and the workspace use these), their
//! slugs and search text, the places a center works in, and the one rule of
//! what the public may see.
//!
//! Public means: the center is `verified` and the program `active`,
//! `paused` or `completed`. That rule lives here, in [`visible_programs`],
//! and nowhere else.
//!
//! May use: `entities`, `calendar`, `search`, `error`. Used by every
//! feature that reads or changes programs.

pub mod places;

use crate::accounts::policy::{authorize_change_of, Action, Actor};
use crate::entities::codes::{CenterStatus, GiftKind, NeedStatus, ProgramStatus};
use crate::entities::{center, county, need, program};
use crate::error::DomainError;
use crate::search::search_document;
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::outcome::Rule;
use nikoo_types::{Category, Locale, LocalizedText, Money, Quantity};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select, Set,
};

/// Program statuses shown to the public: a paused program stays visible
/// (its figures and its donors' record) but takes no gifts; only an
/// active one does.
pub const PUBLIC_PROGRAM_STATUSES: [ProgramStatus; 3] = [
    ProgramStatus::Active,
    ProgramStatus::Paused,
    ProgramStatus::Completed,
];

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
/// `Invalid` for a bad slug, a missing Persian name or an unknown county; `Db`.
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
        .ok_or(DomainError::invalid("name_fa", Rule::Required))?;
    county::Entity::find_by_id(c.county_code.clone())
        .one(db)
        .await?
        .ok_or(DomainError::invalid("county", Rule::UnknownCode))?;
    let tz = if c.time_zone.is_empty() {
        "Asia/Tehran".to_owned()
    } else {
        c.time_zone
    };
    if tz.parse::<chrono_tz::Tz>().is_err() {
        return Err(DomainError::invalid("time_zone", Rule::Unknown));
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

/// Center `center_id` when a platform admin has verified it: only a
/// verified center may invite staff, import files or pledge as a center
/// (a registration anyone can make stays pending, and reaches no one).
///
/// # Errors
/// [`DomainError::NotFound`]; `Invalid` (`center`/`not_allowed`) for a
/// pending or suspended center.
pub async fn verified_center<C: ConnectionTrait>(
    db: &C,
    center_id: i32,
) -> Result<center::Model, DomainError> {
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if c.status == CenterStatus::Verified {
        Ok(c)
    } else {
        Err(DomainError::invalid("center", Rule::NotAllowed))
    }
}

/// Slugs are 1–80 lowercase ASCII letters, digits and single hyphens.
///
/// # Errors
/// `Invalid` (`slug`/`malformed`).
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
        Err(DomainError::invalid("slug", Rule::Malformed))
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
/// `Invalid` for a bad slug, missing Persian title, unknown center or
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
        .ok_or(DomainError::invalid("title_fa", Rule::Required))?;
    let center = center::Entity::find_by_id(p.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::invalid("center", Rule::Unknown))?;
    let county = county::Entity::find_by_id(p.county_code.clone())
        .one(db)
        .await?
        .ok_or(DomainError::invalid("county", Rule::UnknownCode))?;
    if p.end_date.is_some_and(|end| end < p.start_date) {
        return Err(DomainError::invalid("end_date", Rule::BeforeStart));
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
/// `Invalid` for a missing Persian title or a zero target; `Db`.
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
        .ok_or(DomainError::invalid("title_fa", Rule::Required))?;
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
                return Err(DomainError::invalid("target", Rule::NotPositive));
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
                return Err(DomainError::invalid("target_quantity", Rule::NotPositive));
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

/// The program `program_id` of center `center_id`, or `NotFound` (also
/// when it belongs to another center).
pub async fn program_in<C: ConnectionTrait>(
    db: &C,
    center_id: i32,
    program_id: i32,
) -> Result<Option<program::Model>, DomainError> {
    Ok(program::Entity::find_by_id(program_id)
        .one(db)
        .await?
        .filter(|p| p.center_id == center_id))
}

/// The program `program_id` of `center_id` for a change `action` decides
/// (managing it, its cover, an update): refused like one the caller may
/// not change when it is not there or is another center's; an archived
/// one cannot change.
///
/// # Errors
/// `Unauthenticated`; `Forbidden`; `Invalid(change/archived)`; `Db`.
pub async fn program_for_change<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    program_id: i32,
    action: fn(i32) -> Action,
) -> Result<(&'a Actor, program::Model), DomainError> {
    let p = program_in(db, center_id, program_id).await?;
    let (actor, p) = authorize_change_of(actor, p, |p| p.center_id, action)?;
    if p.status == ProgramStatus::Archived {
        return Err(DomainError::invalid("change", Rule::Archived));
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
pub async fn need_for_change<'a, C: ConnectionTrait>(
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
        return Err(DomainError::invalid("change", Rule::Archived));
    }
    Ok((actor, n, p))
}
