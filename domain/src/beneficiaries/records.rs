//! Beneficiaries (مددجو) as a center's staff keep them (issue 5, ARCHITECTURE.md
//! invariant 5): private to the center; codes and household sizes for all
//! its staff, personal details for its owners and managers only, every
//! read of those audited (who read whose record, when), every change
//! audited by the fields it changed, never their values.
//!
//! Personal details are sealed at rest (`crate::beneficiaries::personal_data`); the
//! national id and phone are also kept as keyed hashes, so a center finds
//! its own duplicates without decrypting. A national id already on the
//! center's records is refused; a shared phone (one family) is allowed,
//! and the duplicate search shows it.

use crate::accounts::policy::{allows, authorize, authorize_change_of, Action, Actor};
use crate::audit::{self, Change};
use crate::beneficiaries::personal_data::{DataKeys, PersonalDetails};
use crate::calendar::{display_date, local_date, parse_date_input, time_zone};
use crate::catalog::places::{counties_of, county_of_center, place};
use crate::entities::codes::{NeedStatus, ProgramStatus};
use crate::entities::{
    beneficiary, beneficiary_counter, center, county, need, need_beneficiary, program,
};
use crate::error::DomainError;
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::accounts::{optional_text, required_text};
use nikoo_types::beneficiaries::{
    parse_mobile, parse_national_id, BeneficiariesPage, BeneficiaryForm, BeneficiaryRecord,
    BeneficiaryRow, DuplicateMatch, LinkedNeed, PrivateDetails,
};
use nikoo_types::outcome::Rule;
use nikoo_types::{Category, LocalizedText};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// The most people one household record may name.
pub const MAX_HOUSEHOLD: i32 = 30;
/// The longest consent scope, address or notes, in characters.
const LONG_TEXT_CHARS: usize = 1000;

fn text(fa: &str, en: Option<&str>) -> LocalizedText {
    LocalizedText::new(Some(fa.to_owned()), en.map(str::to_owned))
}

/// The open needs of the center's programs that are not archived, to link to.
async fn open_needs<C: ConnectionTrait>(
    db: &C,
    center_id: i32,
) -> Result<Vec<LinkedNeed>, DomainError> {
    let programs: HashMap<i32, program::Model> = program::Entity::find()
        .filter(program::Column::CenterId.eq(center_id))
        .filter(program::Column::Status.ne(ProgramStatus::Archived))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(need::Entity::find()
        .filter(need::Column::ProgramId.is_in(programs.keys().copied()))
        .filter(need::Column::Status.eq(NeedStatus::Open))
        .order_by_asc(need::Column::ProgramId)
        .order_by_asc(need::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|n| LinkedNeed {
            need_id: n.id,
            program_id: n.program_id,
            title: text(&n.title_fa, n.title_en.as_deref()),
        })
        .collect())
}

fn categories_of(b: &beneficiary::Model) -> Vec<Category> {
    b.categories
        .split(',')
        .filter_map(Category::from_code)
        .collect()
}

/// The rows of `list`, with their counties and linked needs.
async fn rows<C: ConnectionTrait>(
    db: &C,
    list: Vec<beneficiary::Model>,
) -> Result<Vec<BeneficiaryRow>, DomainError> {
    let ids: Vec<i32> = list.iter().map(|b| b.id).collect();
    let links = need_beneficiary::Entity::find()
        .filter(need_beneficiary::Column::BeneficiaryId.is_in(ids))
        .all(db)
        .await?;
    let needs = crate::db::rows_by::<need::Entity, _>(
        db,
        need::Column::Id,
        links.iter().map(|l| l.need_id),
        |n| n.id,
    )
    .await?;
    let counties: HashMap<String, county::Model> = county::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code.clone(), c))
        .collect();
    Ok(list
        .into_iter()
        .map(|b| BeneficiaryRow {
            id: b.id,
            code: b.code.clone(),
            household_size: b.household_size,
            county: counties
                .get(&b.county_code)
                .map(|c| text(&c.name_fa, Some(&c.name_en)))
                .unwrap_or_default(),
            categories: categories_of(&b),
            status: b.status.clone(),
            needs: links
                .iter()
                .filter(|l| l.beneficiary_id == b.id)
                .filter_map(|l| needs.get(&l.need_id))
                .map(|n| LinkedNeed {
                    need_id: n.id,
                    program_id: n.program_id,
                    title: text(&n.title_fa, n.title_en.as_deref()),
                })
                .collect(),
        })
        .collect())
}

/// Page `page` (1-based; 0 reads as 1) of a center's beneficiaries
/// (codes, sizes, counties, linked needs), by code, for its staff;
/// nothing personal.
///
/// # Errors
/// `Unauthenticated`; `NotFound` unless the caller is staff of the center; `Db`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    page: u32,
) -> Result<BeneficiariesPage, DomainError> {
    let actor = authorize(actor, Action::ReadBeneficiaries(center_id))?;
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let page = page.max(1);
    let per_page = u64::from(BeneficiariesPage::PER_PAGE);
    let of_center = beneficiary::Entity::find().filter(beneficiary::Column::CenterId.eq(center_id));
    let total = of_center.clone().count(db).await?;
    let list = of_center
        .order_by_asc(beneficiary::Column::Id)
        .offset(u64::from(page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok(BeneficiariesPage {
        center_id,
        center_name: text(&c.name_fa, c.name_en.as_deref()),
        rows: rows(db, list).await?,
        page,
        total,
        can_manage: allows(actor, Action::ManageBeneficiaries(center_id)),
        counties: counties_of(db, &c).await?.iter().map(place).collect(),
        needs: open_needs(db, center_id).await?,
        today: display_date(local_date(now, time_zone(&c.time_zone))),
    })
}

/// The beneficiary `id` of center `center_id` for `action`, refused like
/// another center's when it is not there.
async fn beneficiary_for<'a, C: ConnectionTrait>(
    db: &C,
    actor: Option<&'a Actor>,
    center_id: i32,
    id: i32,
    action: fn(i32) -> Action,
) -> Result<(&'a Actor, beneficiary::Model), DomainError> {
    let b = beneficiary::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|b| b.center_id == center_id);
    if action(0).is_change() {
        return authorize_change_of(actor, b, |b| b.center_id, action);
    }
    let actor = authorize(actor, action(center_id))?;
    Ok((actor, b.ok_or(DomainError::NotFound)?))
}

/// One beneficiary's record with its personal details, for the center's
/// owners and managers. The read itself is audited (who read whose
/// record, when; no values).
///
/// # Errors
/// `Unauthenticated`; `NotFound` unless the caller is an owner or manager
/// of the center, or for no such record; `Unexpected` when the details do
/// not open with the data key; `Db`.
pub async fn record(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    id: i32,
) -> Result<BeneficiaryRecord, DomainError> {
    let (actor, b) =
        beneficiary_for(db, actor, center_id, id, Action::ReadBeneficiaryDetails).await?;
    let details = keys
        .open(
            b.center_id,
            &b.code,
            &b.details_nonce,
            &b.details_ciphertext,
        )
        .map_err(|e| DomainError::Unexpected(format!("beneficiary {}: {e}", b.id)))?;
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "beneficiary.read",
            object_type: "beneficiary",
            object_id: b.id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    let consent_on = b.consent_on;
    let consent_scope = b.consent_scope.clone();
    let county_code = b.county_code.clone();
    let row = rows(db, vec![b])
        .await?
        .pop()
        .ok_or(DomainError::NotFound)?;
    Ok(BeneficiaryRecord {
        center_id,
        row,
        consent_on: consent_on.map(display_date),
        consent_scope,
        details: PrivateDetails {
            name: details.name,
            national_id: details.national_id,
            phone: details.phone,
            address: details.address,
            notes: details.notes,
        },
        county_code,
        needs: open_needs(db, center_id).await?,
        counties: counties_of(db, &c).await?.iter().map(place).collect(),
    })
}

/// A beneficiary form, parsed.
struct Parsed {
    household_size: i32,
    county: String,
    categories: String,
    consent_on: NaiveDate,
    consent_scope: String,
    details: PersonalDetails,
}

async fn parse<C: ConnectionTrait>(
    db: &C,
    c: &center::Model,
    today: NaiveDate,
    f: &BeneficiaryForm,
) -> Result<Parsed, DomainError> {
    let household_size = nikoo_types::digits::to_ascii_digits(f.household_size.trim())
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=MAX_HOUSEHOLD).contains(n))
        .ok_or_else(|| DomainError::invalid("household_size", Rule::OutOfRange))?;
    let county = county_of_center(db, c, &f.county).await?.code;
    let mut categories = Vec::new();
    for code in &f.categories {
        let cat = Category::from_code(code.trim())
            .ok_or_else(|| DomainError::invalid("categories", Rule::UnknownCode))?;
        if !categories.contains(&cat) {
            categories.push(cat);
        }
    }
    if f.consent_on.trim().is_empty() {
        return Err(DomainError::invalid("consent_on", Rule::Required));
    }
    let consent_on = parse_date_input(&f.consent_on)
        .ok_or_else(|| DomainError::invalid("consent_on", Rule::Invalid))?;
    if consent_on > today {
        return Err(DomainError::invalid("consent_on", Rule::InFuture));
    }
    let consent_scope = required_text("consent_scope", &f.consent_scope, LONG_TEXT_CHARS)?;
    let national_id = match f.national_id.trim() {
        "" => String::new(),
        raw => parse_national_id(raw)
            .ok_or_else(|| DomainError::invalid("national_id", Rule::Invalid))?,
    };
    let phone = match f.phone.trim() {
        "" => String::new(),
        raw => parse_mobile(raw).ok_or_else(|| DomainError::invalid("phone", Rule::Invalid))?,
    };
    let details = PersonalDetails {
        name: required_text("name", &f.name, 120)?,
        national_id,
        phone,
        address: optional_text("address", &f.address, LONG_TEXT_CHARS)?.unwrap_or_default(),
        notes: optional_text("notes", &f.notes, LONG_TEXT_CHARS)?.unwrap_or_default(),
    };
    Ok(Parsed {
        household_size,
        county,
        categories: categories
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(","),
        consent_on,
        consent_scope,
        details,
    })
}

/// Checks a beneficiary form as [`create`] would, without recording it: the
/// rules of its fields, and a national id already on the center's records
/// (under another import key than `import_key`). Answers the keyed hash of
/// its national id, if it has one (an import checks its own rows for
/// repeats with it).
///
/// # Errors
/// As [`create`] for the form's fields.
pub async fn check_form<C: ConnectionTrait>(
    db: &C,
    keys: &DataKeys,
    c: &center::Model,
    today: NaiveDate,
    form: &BeneficiaryForm,
    import_key: Option<&str>,
) -> Result<Option<String>, DomainError> {
    let p = parse(db, c, today, form).await?;
    let (national_id_hash, _) = hashes(keys, c.id, &p.details);
    if let Some(hash) = &national_id_hash {
        let mut q = beneficiary::Entity::find()
            .filter(beneficiary::Column::CenterId.eq(c.id))
            .filter(beneficiary::Column::NationalIdHash.eq(hash.as_str()));
        if let Some(k) = import_key {
            q = q.filter(
                beneficiary::Column::ImportKey
                    .ne(k)
                    .or(beneficiary::Column::ImportKey.is_null()),
            );
        }
        if q.one(db).await?.is_some() {
            return Err(DomainError::invalid("national_id", Rule::Duplicate));
        }
    }
    Ok(national_id_hash)
}

/// The keyed hashes of what duplicates are found by (`None` when empty).
fn hashes(
    keys: &DataKeys,
    center_id: i32,
    d: &PersonalDetails,
) -> (Option<String>, Option<String>) {
    let h = |what, v: &str| (!v.is_empty()).then(|| keys.lookup_hash(center_id, what, v));
    (h("national_id", &d.national_id), h("phone", &d.phone))
}

/// Takes the center's next beneficiary code, `{PREFIX}-{NNNN}` (the
/// prefix: the first three letters of the center's county code), on the
/// caller's transaction (as receipt numbers are taken).
async fn next_code<C: ConnectionTrait>(db: &C, c: &center::Model) -> Result<String, DomainError> {
    beneficiary_counter::Entity::insert(beneficiary_counter::ActiveModel {
        center_id: Set(c.id),
        last_number: Set(1),
    })
    .on_conflict(
        OnConflict::column(beneficiary_counter::Column::CenterId)
            .value(
                beneficiary_counter::Column::LastNumber,
                Expr::col((
                    beneficiary_counter::Entity,
                    beneficiary_counter::Column::LastNumber,
                ))
                .add(1),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let n = beneficiary_counter::Entity::find_by_id(c.id)
        .one(db)
        .await?
        .map(|c| c.last_number)
        .ok_or_else(|| DomainError::Unexpected(format!("beneficiary counter of {}", c.id)))?;
    let prefix: String = c
        .county_code
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    Ok(format!("{prefix}-{n:04}"))
}

/// A national id already on the center's records (other than `except`).
async fn national_id_taken<C: ConnectionTrait>(
    db: &C,
    center_id: i32,
    hash: Option<&str>,
    except: Option<i32>,
) -> Result<bool, DomainError> {
    let Some(hash) = hash else {
        return Ok(false);
    };
    let mut q = beneficiary::Entity::find()
        .filter(beneficiary::Column::CenterId.eq(center_id))
        .filter(beneficiary::Column::NationalIdHash.eq(hash));
    if let Some(id) = except {
        q = q.filter(beneficiary::Column::Id.ne(id));
    }
    Ok(q.one(db).await?.is_some())
}

/// Creates a beneficiary of center `center_id` (its next code), its
/// details sealed, audited by the fields given (no values), in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the center; `Invalid` naming the field (`household_size`
/// `out_of_range`, `county`/`categories` `unknown_code`, `consent_on`
/// `required`/`invalid`/`in_future`, `consent_scope`/`name` `required`,
/// `national_id`/`phone` `invalid`, `national_id` `duplicate`); `Db`.
pub async fn create(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    form: &BeneficiaryForm,
) -> Result<beneficiary::Model, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let b = create_in(&txn, keys, now, actor, center_id, form, None).await?;
    txn.commit().await?;
    Ok(b)
}

/// As [`create`], on the caller's transaction (an import's). `import_key`
/// (the import row's stable key) makes it idempotent: a record with that
/// key at the center is returned as it is.
///
/// # Errors
/// As [`create`].
pub async fn create_in<C: ConnectionTrait>(
    txn: &C,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    form: &BeneficiaryForm,
    import_key: Option<&str>,
) -> Result<beneficiary::Model, DomainError> {
    let actor = authorize(actor, Action::ManageBeneficiaries(center_id))?;
    if let Some(k) = import_key {
        if let Some(existing) = beneficiary::Entity::find()
            .filter(beneficiary::Column::CenterId.eq(center_id))
            .filter(beneficiary::Column::ImportKey.eq(k))
            .one(txn)
            .await?
        {
            return Ok(existing);
        }
    }
    let c = center::Entity::find_by_id(center_id)
        .one(txn)
        .await?
        .ok_or(DomainError::Forbidden)?;
    let today = local_date(now, time_zone(&c.time_zone));
    let p = parse(txn, &c, today, form).await?;
    let (national_id_hash, phone_hash) = hashes(keys, center_id, &p.details);
    if national_id_taken(txn, center_id, national_id_hash.as_deref(), None).await? {
        return Err(DomainError::invalid("national_id", Rule::Duplicate));
    }
    let code = next_code(txn, &c).await?;
    let (nonce, sealed) = keys
        .seal(center_id, &code, &p.details)
        .map_err(DomainError::Unexpected)?;
    let given: Vec<&str> = PersonalDetails::default().changed_fields(&p.details);
    let b = beneficiary::ActiveModel {
        center_id: Set(center_id),
        code: Set(code),
        household_size: Set(p.household_size),
        county_code: Set(p.county),
        categories: Set(p.categories),
        consent_on: Set(Some(p.consent_on)),
        consent_scope: Set(p.consent_scope),
        details_nonce: Set(nonce),
        details_ciphertext: Set(sealed),
        national_id_hash: Set(national_id_hash),
        phone_hash: Set(phone_hash),
        status: Set("active".into()),
        import_key: Set(import_key.map(str::to_owned)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "beneficiary.create",
            object_type: "beneficiary",
            object_id: b.id.to_string(),
            before: None,
            after: Some(json!({
                "code": b.code,
                "household_size": b.household_size,
                "county": b.county_code,
                "categories": b.categories,
                "consent_on": p.consent_on.to_string(),
                "personal_fields_given": given,
            })),
        },
    )
    .await?;
    Ok(b)
}

/// Changes a beneficiary's record; the audit names the personal fields
/// that changed, never their values.
///
/// # Errors
/// As [`create`]; `Forbidden` for another center's record.
pub async fn update(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    id: i32,
    form: &BeneficiaryForm,
) -> Result<beneficiary::Model, DomainError> {
    let (actor, before) =
        beneficiary_for(db, actor, center_id, id, Action::ManageBeneficiaries).await?;
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::Forbidden)?;
    let today = local_date(now, time_zone(&c.time_zone));
    let p = parse(db, &c, today, form).await?;
    let old = keys
        .open(
            center_id,
            &before.code,
            &before.details_nonce,
            &before.details_ciphertext,
        )
        .map_err(DomainError::Unexpected)?;
    let changed = old.changed_fields(&p.details);
    let (national_id_hash, phone_hash) = hashes(keys, center_id, &p.details);
    let txn = crate::db::begin_write(db).await?;
    if national_id_taken(&txn, center_id, national_id_hash.as_deref(), Some(id)).await? {
        return Err(DomainError::invalid("national_id", Rule::Duplicate));
    }
    let (nonce, sealed) = keys
        .seal(center_id, &before.code, &p.details)
        .map_err(DomainError::Unexpected)?;
    let mut row: beneficiary::ActiveModel = before.clone().into();
    row.household_size = Set(p.household_size);
    row.county_code = Set(p.county);
    row.categories = Set(p.categories);
    row.consent_on = Set(Some(p.consent_on));
    row.consent_scope = Set(p.consent_scope);
    row.details_nonce = Set(nonce);
    row.details_ciphertext = Set(sealed);
    row.national_id_hash = Set(national_id_hash);
    row.phone_hash = Set(phone_hash);
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "beneficiary.update",
            object_type: "beneficiary",
            object_id: after.id.to_string(),
            before: Some(json!({
                "household_size": before.household_size,
                "county": before.county_code,
                "categories": before.categories,
                "consent_on": before.consent_on.map(|d| d.to_string()),
            })),
            after: Some(json!({
                "household_size": after.household_size,
                "county": after.county_code,
                "categories": after.categories,
                "consent_on": after.consent_on.map(|d| d.to_string()),
                "personal_fields_changed": changed,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The center's records with this national id or phone (either may be
/// empty), by code only. The search is audited without what was searched for.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the center; `Invalid(national_id|phone/invalid)`; `Db`.
pub async fn find_duplicates(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    national_id: &str,
    phone: &str,
) -> Result<Vec<DuplicateMatch>, DomainError> {
    let actor = authorize(actor, Action::ManageBeneficiaries(center_id))?;
    let national_id = match national_id.trim() {
        "" => None,
        raw => Some(
            parse_national_id(raw)
                .ok_or_else(|| DomainError::invalid("national_id", Rule::Invalid))?,
        ),
    };
    let phone = match phone.trim() {
        "" => None,
        raw => Some(parse_mobile(raw).ok_or_else(|| DomainError::invalid("phone", Rule::Invalid))?),
    };
    let mut found = Vec::new();
    for (what, value, column) in [
        (
            "national_id",
            national_id,
            beneficiary::Column::NationalIdHash,
        ),
        ("phone", phone, beneficiary::Column::PhoneHash),
    ] {
        let Some(v) = value else { continue };
        let hash = keys.lookup_hash(center_id, what, &v);
        for b in beneficiary::Entity::find()
            .filter(beneficiary::Column::CenterId.eq(center_id))
            .filter(column.eq(hash))
            .order_by_asc(beneficiary::Column::Id)
            .all(db)
            .await?
        {
            found.push(DuplicateMatch {
                id: b.id,
                code: b.code,
                matched: what.to_owned(),
            });
        }
    }
    let txn = crate::db::begin_write(db).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "beneficiary.search",
            object_type: "center",
            object_id: center_id.to_string(),
            before: None,
            after: Some(json!({"matches": found.len()})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(found)
}

/// Links a beneficiary to one of the center's needs (`linked`), or
/// unlinks it; audited by ids.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the center (also for a record or need that is not the center's);
/// `Invalid(need/not_linked)` when unlinking what is not linked; `Db`.
pub async fn link(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    beneficiary_id: i32,
    need_id: i32,
    linked: bool,
) -> Result<(), DomainError> {
    let (actor, b) = beneficiary_for(
        db,
        actor,
        center_id,
        beneficiary_id,
        Action::ManageBeneficiaries,
    )
    .await?;
    let n = need::Entity::find_by_id(need_id).one(db).await?;
    let in_center = match &n {
        Some(n) => program::Entity::find_by_id(n.program_id)
            .one(db)
            .await?
            .is_some_and(|p| p.center_id == center_id),
        None => false,
    };
    if !in_center {
        return Err(DomainError::Forbidden);
    }
    let txn = crate::db::begin_write(db).await?;
    let existing = need_beneficiary::Entity::find()
        .filter(need_beneficiary::Column::NeedId.eq(need_id))
        .filter(need_beneficiary::Column::BeneficiaryId.eq(b.id))
        .one(&txn)
        .await?;
    match (linked, existing) {
        (true, Some(_)) => return Ok(()),
        (true, None) => {
            need_beneficiary::ActiveModel {
                need_id: Set(need_id),
                beneficiary_id: Set(b.id),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        (false, Some(l)) => {
            need_beneficiary::Entity::delete_by_id(l.id)
                .exec(&txn)
                .await?;
        }
        (false, None) => return Err(DomainError::invalid("need", Rule::NotLinked)),
    }
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: if linked { "need.link" } else { "need.unlink" },
            object_type: "beneficiary",
            object_id: b.id.to_string(),
            before: None,
            after: Some(json!({"need_id": need_id})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
