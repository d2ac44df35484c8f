//! The demo: Zanjan province after the seed report, loaded from
//! `data/demo/zanjan.json` through the same services the product uses.
//! Idempotent: every record has a key, and loading again adds nothing.

use crate::catalog::{self, NeedTarget, NewCenter, NewProgram};
use crate::entities::codes::{CenterStatus, PayeeType, ProgramStatus};
use crate::error::DomainError;
use crate::giving::records::{
    self, Movement, NewDonation, NewMovement, NewPledge, PaymentMethod, Promise,
};
use crate::pledge_schedule::Frequency;
use crate::spending;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use nikoo_types::{Category, Currency, LocalizedText, Money, Quantity};
use sea_orm::{DatabaseConnection, EntityTrait, TransactionTrait};
use serde::Deserialize;
use std::collections::HashMap;

/// The demo file shipped in the repository.
pub const ZANJAN_JSON: &str = include_str!("../../data/demo/zanjan.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    /// The province the file describes; every center's county must be in it.
    province: String,
    /// The day the file's dates were written for; absolute dates (program
    /// starts and ends) move forward with the load date, like `days_ago`.
    as_of: NaiveDate,
    centers: Vec<DemoCenter>,
    programs: Vec<DemoProgram>,
    donors: Vec<DemoDonor>,
    gifts: Vec<DemoGift>,
    deliveries: Vec<DemoDelivery>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCenter {
    slug: String,
    county: String,
    name: LocalizedText,
    description: LocalizedText,
    address: LocalizedText,
    time_zone: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoProgram {
    slug: String,
    center: String,
    county: String,
    category: Category,
    status: ProgramStatus,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
    featured: bool,
    title: LocalizedText,
    summary: LocalizedText,
    description: LocalizedText,
    needs: Vec<DemoNeed>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum DemoNeed {
    Money {
        key: String,
        title: LocalizedText,
        currency: Currency,
        target: i64,
    },
    InKind {
        key: String,
        title: LocalizedText,
        unit: LocalizedText,
        target_quantity: i64,
        unit_value: Option<i64>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDonor {
    key: String,
    name: String,
    email: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum DemoGift {
    Donation {
        key: String,
        donor: Option<String>,
        anonymous: bool,
        program: String,
        need: Option<String>,
        method: PaymentMethod,
        amount: i64,
        currency: Currency,
        days_ago: i64,
        pledge: Option<String>,
    },
    Pledge {
        key: String,
        donor: Option<String>,
        anonymous: bool,
        program: String,
        need: Option<String>,
        amount: i64,
        currency: Currency,
        frequency: Frequency,
        installments: Option<u32>,
        start_days_ago: i64,
    },
    InKindPledge {
        key: String,
        donor: Option<String>,
        anonymous: bool,
        program: String,
        need: String,
        quantity: i64,
        due_in_days: i64,
        start_days_ago: i64,
    },
    InKindReceived {
        key: String,
        donor: Option<String>,
        anonymous: bool,
        program: String,
        need: String,
        quantity: i64,
        days_ago: i64,
    },
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum DemoDelivery {
    Disbursement {
        key: String,
        program: String,
        need: String,
        amount: i64,
        currency: Currency,
        days_ago: i64,
        description: LocalizedText,
    },
    InKindDelivered {
        key: String,
        program: String,
        need: String,
        quantity: i64,
        beneficiaries: i32,
        days_ago: i64,
        description: LocalizedText,
    },
}

/// What a load did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub centers: usize,
    pub programs: usize,
    pub needs: usize,
    pub donors: usize,
    pub gifts: usize,
    pub deliveries: usize,
}

fn bad(what: &str) -> DomainError {
    DomainError::Unexpected(format!("demo data: {what}"))
}

/// Keys of the demo's records, resolved to database ids.
#[derive(Default)]
struct Ids {
    programs: HashMap<String, i32>,
    needs: HashMap<(String, String), i32>,
    donors: HashMap<String, i32>,
    pledges: HashMap<String, i32>,
}

impl Ids {
    fn program(&self, slug: &str) -> Result<i32, DomainError> {
        self.programs
            .get(slug)
            .copied()
            .ok_or_else(|| bad(&format!("unknown program {slug}")))
    }
    fn need(&self, program: &str, key: &str) -> Result<i32, DomainError> {
        self.needs
            .get(&(program.to_owned(), key.to_owned()))
            .copied()
            .ok_or_else(|| bad(&format!("unknown need {program}/{key}")))
    }
    fn opt_need(&self, program: &str, key: Option<&str>) -> Result<Option<i32>, DomainError> {
        key.map(|k| self.need(program, k)).transpose()
    }
    fn donor(&self, key: Option<&str>) -> Result<Option<i32>, DomainError> {
        key.map(|k| {
            self.donors
                .get(k)
                .copied()
                .ok_or_else(|| bad(&format!("unknown donor {k}")))
        })
        .transpose()
    }
}

/// Loads the demo (the shipped file unless `json` is given), with dates
/// counted back from `now`. Records already present are left as they are.
/// All or nothing: the load is one database transaction, so a file with a
/// bad record changes nothing.
///
/// # Errors
/// `Unexpected` for a malformed file; any service's error.
#[tracing::instrument(skip(conn, json))]
pub async fn load(
    conn: &DatabaseConnection,
    now: DateTime<Utc>,
    json: Option<&str>,
) -> Result<SeedReport, DomainError> {
    let file: DemoFile =
        serde_json::from_str(json.unwrap_or(ZANJAN_JSON)).map_err(|e| bad(&e.to_string()))?;
    let txn = conn.begin().await?;
    let db = &txn;
    let mut ids = Ids::default();
    let day = |days_ago: i64| now - Duration::days(days_ago);
    let date = |days_ago: i64| crate::calendar::today(now) - Duration::days(days_ago);
    let shift = crate::calendar::today(now) - file.as_of;

    let mut centers: HashMap<String, i32> = HashMap::new();
    for c in &file.centers {
        let county = crate::entities::county::Entity::find_by_id(c.county.clone())
            .one(db)
            .await?;
        if county.is_none_or(|k| k.province_code != file.province) {
            return Err(bad(&format!(
                "center {}: county {} is not in {}",
                c.slug, c.county, file.province
            )));
        }
        let row = catalog::create_center(
            db,
            now,
            NewCenter {
                slug: c.slug.clone(),
                county_code: c.county.clone(),
                name: c.name.clone(),
                description: c.description.clone(),
                address: c.address.clone(),
                time_zone: c.time_zone.clone(),
                status: CenterStatus::Verified,
            },
        )
        .await?;
        centers.insert(c.slug.clone(), row.id);
    }
    for p in &file.programs {
        let center_id = *centers
            .get(&p.center)
            .ok_or_else(|| bad(&format!("unknown center {}", p.center)))?;
        let row = catalog::create_program(
            db,
            now,
            NewProgram {
                slug: p.slug.clone(),
                center_id,
                county_code: p.county.clone(),
                category: p.category,
                status: p.status,
                start_date: p.start_date + shift,
                end_date: p.end_date.map(|d| d + shift),
                featured: p.featured,
                title: p.title.clone(),
                summary: p.summary.clone(),
                description: p.description.clone(),
            },
        )
        .await?;
        ids.programs.insert(p.slug.clone(), row.id);
        for (i, n) in p.needs.iter().enumerate() {
            let position = i32::try_from(i).unwrap_or(i32::MAX);
            let (key, title, target) = match n {
                DemoNeed::Money {
                    key,
                    title,
                    currency,
                    target,
                } => (
                    key,
                    title,
                    NeedTarget::Money(Money::from_minor(*target, *currency)),
                ),
                DemoNeed::InKind {
                    key,
                    title,
                    unit,
                    target_quantity,
                    unit_value,
                } => (
                    key,
                    title,
                    NeedTarget::InKind {
                        unit: unit.clone(),
                        quantity: Quantity::new(*target_quantity)
                            .map_err(|e| bad(&e.to_string()))?,
                        unit_value: unit_value.map(|v| Money::from_minor(v, Currency::IRR)),
                    },
                ),
            };
            let need =
                catalog::create_need(db, now, row.id, key, title.clone(), target, position).await?;
            ids.needs.insert((p.slug.clone(), key.clone()), need.id);
        }
    }
    for d in &file.donors {
        let row = crate::giving::donors::upsert_donor(db, now, &d.key, &d.name, d.email.as_deref())
            .await?;
        ids.donors.insert(d.key.clone(), row.id);
    }
    // Pledges first, so installment payments can name them.
    for g in &file.gifts {
        match g {
            DemoGift::Pledge {
                key,
                donor,
                anonymous,
                program,
                need,
                amount,
                currency,
                frequency,
                installments,
                start_days_ago,
            } => {
                let frequency = *frequency;
                let row = records::record_pledge(
                    db,
                    now,
                    NewPledge {
                        key: key.clone(),
                        donor_id: ids.donor(donor.as_deref())?,
                        anonymous: *anonymous,
                        hidden_from_center: false,
                        pledging_center_id: None,
                        program_id: ids.program(program)?,
                        need_id: ids.opt_need(program, need.as_deref())?,
                        promise: Promise::Money {
                            amount: Money::from_minor(*amount, *currency),
                            frequency,
                            installments: *installments,
                        },
                        start_date: date(*start_days_ago),
                    },
                )
                .await?;
                ids.pledges.insert(key.clone(), row.id);
            }
            DemoGift::InKindPledge {
                key,
                donor,
                anonymous,
                program,
                need,
                quantity,
                due_in_days,
                start_days_ago,
            } => {
                let row = records::record_pledge(
                    db,
                    now,
                    NewPledge {
                        key: key.clone(),
                        donor_id: ids.donor(donor.as_deref())?,
                        anonymous: *anonymous,
                        hidden_from_center: false,
                        pledging_center_id: None,
                        program_id: ids.program(program)?,
                        need_id: Some(ids.need(program, need)?),
                        promise: Promise::InKind {
                            quantity: Quantity::new(*quantity).map_err(|e| bad(&e.to_string()))?,
                            due: crate::calendar::today(now) + Duration::days(*due_in_days),
                        },
                        start_date: date(*start_days_ago),
                    },
                )
                .await?;
                ids.pledges.insert(key.clone(), row.id);
            }
            _ => {}
        }
    }
    for g in &file.gifts {
        match g {
            DemoGift::Donation {
                key,
                donor,
                anonymous,
                program,
                need,
                method,
                amount,
                currency,
                days_ago,
                pledge,
            } => {
                records::record_donation(
                    db,
                    now,
                    NewDonation {
                        key: key.clone(),
                        donor_id: ids.donor(donor.as_deref())?,
                        anonymous: *anonymous,
                        hidden_from_center: false,
                        pledging_center_id: None,
                        program_id: ids.program(program)?,
                        need_id: ids.opt_need(program, need.as_deref())?,
                        pledge_id: pledge
                            .as_deref()
                            .map(|k| {
                                ids.pledges
                                    .get(k)
                                    .copied()
                                    .ok_or_else(|| bad(&format!("unknown pledge {k}")))
                            })
                            .transpose()?,
                        method: *method,
                        amount: Money::from_minor(*amount, *currency),
                        received_at: day(*days_ago),
                    },
                )
                .await?;
            }
            DemoGift::InKindReceived {
                key,
                donor,
                anonymous,
                program,
                need,
                quantity,
                days_ago,
            } => {
                records::record_movement(
                    db,
                    now,
                    NewMovement {
                        key: key.clone(),
                        movement: Movement::Received,
                        program_id: ids.program(program)?,
                        need_id: ids.need(program, need)?,
                        quantity: Quantity::new(*quantity).map_err(|e| bad(&e.to_string()))?,
                        donor_id: ids.donor(donor.as_deref())?,
                        anonymous: *anonymous,
                        pledge_id: None,
                        beneficiary_count: None,
                        upload_id: None,
                        recorded_by: None,
                        memo_fa: None,
                        memo_en: None,
                        occurred_at: day(*days_ago),
                    },
                )
                .await?;
            }
            _ => {}
        }
    }
    // Spending in date order (oldest first). Every gift is loaded before any
    // spending, so the fund checks see all gifts, not only earlier ones.
    let mut deliveries: Vec<&DemoDelivery> = file.deliveries.iter().collect();
    deliveries.sort_by_key(|d| match d {
        DemoDelivery::Disbursement { days_ago, .. }
        | DemoDelivery::InKindDelivered { days_ago, .. } => -days_ago,
    });
    for d in deliveries {
        match d {
            DemoDelivery::Disbursement {
                key,
                program,
                need,
                amount,
                currency,
                days_ago,
                description,
            } => {
                spending::post_disbursement(
                    db,
                    now,
                    spending::Spent {
                        key: key.clone(),
                        program_id: ids.program(program)?,
                        need_id: ids.need(program, need)?,
                        amount: Money::from_minor(*amount, *currency),
                        paid_on: date(*days_ago),
                        occurred_at: day(*days_ago),
                        payee: PayeeType::Supplier,
                        description: description.fa.clone().unwrap_or_default(),
                        recorded_by: None,
                    },
                    None,
                )
                .await?;
            }
            DemoDelivery::InKindDelivered {
                key,
                program,
                need,
                quantity,
                beneficiaries,
                days_ago,
                description,
            } => {
                records::record_movement(
                    db,
                    now,
                    NewMovement {
                        key: key.clone(),
                        movement: Movement::Delivered,
                        program_id: ids.program(program)?,
                        need_id: ids.need(program, need)?,
                        quantity: Quantity::new(*quantity).map_err(|e| bad(&e.to_string()))?,
                        donor_id: None,
                        anonymous: true,
                        pledge_id: None,
                        beneficiary_count: Some(*beneficiaries),
                        upload_id: None,
                        recorded_by: None,
                        memo_fa: description.fa.clone(),
                        memo_en: description.en.clone(),
                        occurred_at: day(*days_ago),
                    },
                )
                .await?;
            }
        }
    }
    txn.commit().await?;
    Ok(SeedReport {
        centers: file.centers.len(),
        programs: file.programs.len(),
        needs: file.programs.iter().map(|p| p.needs.len()).sum(),
        donors: file.donors.len(),
        gifts: file.gifts.len(),
        deliveries: file.deliveries.len(),
    })
}

/// Loads the shipped demo only into a database without centers; `None`
/// when it already has some (the demo never mixes into real data).
///
/// # Errors
/// As [`load`].
pub async fn load_into_empty(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<SeedReport>, DomainError> {
    use sea_orm::PaginatorTrait;
    if crate::entities::center::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    load(db, now, None).await.map(Some)
}

/// Row counts of the demo's tables, to check that loading twice adds nothing.
///
/// # Errors
/// `Db`.
pub async fn counts(db: &DatabaseConnection) -> Result<Vec<(&'static str, u64)>, DomainError> {
    use crate::entities::*;
    use sea_orm::PaginatorTrait;
    Ok(vec![
        ("centers", center::Entity::find().count(db).await?),
        ("programs", program::Entity::find().count(db).await?),
        ("needs", need::Entity::find().count(db).await?),
        ("donors", donor::Entity::find().count(db).await?),
        ("pledges", pledge::Entity::find().count(db).await?),
        ("donations", donation::Entity::find().count(db).await?),
        (
            "ledger_transactions",
            ledger_transaction::Entity::find().count(db).await?,
        ),
        (
            "ledger_entries",
            ledger_entry::Entity::find().count(db).await?,
        ),
        (
            "in_kind_movements",
            in_kind_movement::Entity::find().count(db).await?,
        ),
        (
            "disbursements",
            disbursement::Entity::find().count(db).await?,
        ),
    ])
}
