//! From a read sheet to checked rows: the columns guessed from Persian or
//! English headers, each row's fields and stable key, a donation row or a
//! beneficiary row checked as its form would be, and [`run`]: every row
//! checked (a dry run), or checked and recorded all in one transaction.

use crate::accounts::policy::{authorize, Action, Actor};
use crate::beneficiaries::personal_data::DataKeys;
use crate::entities::codes::{GiftKind, PaymentMethod};
use crate::entities::{center, county, need, program};
use crate::error::DomainError;
use crate::giving::donors::named_giver;
use crate::giving::records::{self, NewDonation};
use crate::imports::sheets::{Sheet, LISTED_ERRORS};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use nikoo_types::beneficiaries::BeneficiaryForm;
use nikoo_types::imports::{ImportKind, RowError};
use nikoo_types::normalize::normalize_for_search;
use nikoo_types::outcome::Rule;
use nikoo_types::{Category, Currency, Locale, Money};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Header words (normalized) that name each field, in Persian and English.
fn synonyms(field: &str) -> &'static [&'static str] {
    match field {
        "date" => &["date", "received on", "day", "تاریخ", "تاریخ دریافت"],
        "amount" => &["amount", "sum", "مبلغ", "مقدار", "مبلغ کمک"],
        "currency" => &["currency", "ارز", "واحد پول"],
        "program" => &["program", "طرح", "برنامه"],
        "need" => &["need", "نیاز"],
        "method" => &[
            "method",
            "payment method",
            "روش",
            "روش پرداخت",
            "نحوه پرداخت",
        ],
        "donor_name" => &[
            "donor",
            "donor name",
            "giver",
            "نیکوکار",
            "نام نیکوکار",
            "خیر",
            "نام خیر",
        ],
        "anonymous" => &["anonymous", "ناشناس"],
        "reference" => &["reference", "ref", "receipt", "شماره", "شماره رسید", "مرجع"],
        "household_size" => &[
            "household size",
            "household",
            "members",
            "تعداد اعضا",
            "بعد خانوار",
            "اعضای خانوار",
        ],
        "county" => &["county", "شهرستان"],
        "categories" => &[
            "categories",
            "needs",
            "category",
            "زمینه نیاز",
            "نیازها",
            "موضوع",
        ],
        "consent_on" => &[
            "consent date",
            "consent on",
            "consent",
            "تاریخ رضایت",
            "رضایت",
        ],
        "consent_scope" => &["consent scope", "scope", "دامنه رضایت", "موضوع رضایت"],
        "name" => &["name", "full name", "نام", "نام و نام خانوادگی"],
        "national_id" => &[
            "national id",
            "national code",
            "کد ملی",
            "کدملی",
            "شماره ملی",
        ],
        "phone" => &[
            "phone",
            "mobile",
            "تلفن",
            "تلفن همراه",
            "موبایل",
            "شماره همراه",
        ],
        "address" => &["address", "نشانی", "آدرس"],
        "notes" => &["notes", "note", "یادداشت", "توضیحات"],
        _ => &[],
    }
}

/// The column each field is guessed to be in, from the headers: `field → column index`.
pub fn guess_mapping(kind: ImportKind, headers: &[String]) -> HashMap<String, usize> {
    let normalized: Vec<String> = headers
        .iter()
        .map(|h| normalize_for_search(&h.replace(['_', '-'], " ")))
        .collect();
    let mut mapping = HashMap::new();
    for field in kind.fields() {
        let words: Vec<String> = std::iter::once((*field).replace('_', " "))
            .chain(synonyms(field).iter().map(|w| (*w).to_owned()))
            .map(|w| normalize_for_search(&w))
            .collect();
        if let Some(i) = normalized
            .iter()
            .position(|h| words.iter().any(|w| w == h))
            .filter(|i| !mapping.values().any(|v| v == i))
        {
            mapping.insert((*field).to_owned(), i);
        }
    }
    mapping
}

/// One row's values by field, with its stable key.
#[derive(Clone)]
struct MappedRow {
    /// 1-based, counting the header as row 1 (as a spreadsheet shows it).
    line: usize,
    values: HashMap<&'static str, String>,
    key: String,
}

/// The rows of `sheet` with the fields of `mapping`, each with its key.
fn mapped(
    kind: ImportKind,
    center_id: i32,
    sheet: &Sheet,
    mapping: &HashMap<String, usize>,
) -> Vec<MappedRow> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    sheet
        .rows
        .iter()
        .zip(&sheet.lines)
        .map(|(row, &line)| {
            let values: HashMap<&'static str, String> = kind
                .fields()
                .iter()
                .map(|f| {
                    let v = mapping
                        .get(*f)
                        .and_then(|c| row.get(*c))
                        .map(|v| v.trim().to_owned())
                        .unwrap_or_default();
                    (*f, v)
                })
                .collect();
            let canonical = kind
                .fields()
                .iter()
                .map(|f| normalize_for_search(&nikoo_types::digits::to_ascii_digits(&values[f])))
                .collect::<Vec<_>>()
                .join("\u{1f}");
            let n = seen.entry(canonical.clone()).or_insert(0);
            *n += 1;
            let key = hex::encode(Sha256::digest(format!(
                "{}\u{1e}{center_id}\u{1e}{canonical}\u{1e}{n}",
                kind.code()
            )));
            MappedRow { line, values, key }
        })
        .collect()
}

/// What a checked donation row will record.
struct DonationRow {
    program_id: i32,
    need_id: Option<i32>,
    amount: Money,
    method: PaymentMethod,
    donor_name: Option<String>,
    anonymous: bool,
    received_at: DateTime<Utc>,
}

/// The center's programs and their needs, found by slug or title (any
/// language, normalized), for donation rows.
struct Designations {
    programs: Vec<program::Model>,
    needs: Vec<need::Model>,
}

impl Designations {
    async fn load<C: ConnectionTrait>(db: &C, center_id: i32) -> Result<Designations, DomainError> {
        let programs = program::Entity::find()
            .filter(program::Column::CenterId.eq(center_id))
            .all(db)
            .await?;
        let needs = need::Entity::find()
            .filter(need::Column::ProgramId.is_in(programs.iter().map(|p| p.id)))
            .filter(need::Column::Kind.eq(GiftKind::Money))
            .all(db)
            .await?;
        Ok(Designations { programs, needs })
    }

    fn program(&self, text: &str) -> Option<&program::Model> {
        let n = normalize_for_search(text);
        self.programs.iter().find(|p| {
            p.slug == text.trim()
                || normalize_for_search(&p.title_fa) == n
                || p.title_en
                    .as_deref()
                    .is_some_and(|t| normalize_for_search(t) == n)
        })
    }

    fn need(&self, program_id: i32, text: &str) -> Option<&need::Model> {
        let n = normalize_for_search(text);
        self.needs
            .iter()
            .filter(|x| x.program_id == program_id)
            .find(|x| {
                x.key == text.trim()
                    || normalize_for_search(&x.title_fa) == n
                    || x.title_en
                        .as_deref()
                        .is_some_and(|t| normalize_for_search(t) == n)
            })
    }
}

fn row_error(line: usize, field: &str, code: Rule) -> RowError {
    RowError {
        row: line,
        field: field.to_owned(),
        code,
    }
}

fn yes(v: &str) -> bool {
    matches!(
        normalize_for_search(v).as_str(),
        "yes" | "y" | "true" | "1" | "بله" | "آری" | "بلی"
    )
}

/// Checks one donation row.
fn check_donation(
    r: &MappedRow,
    d: &Designations,
    tz: chrono_tz::Tz,
    today: NaiveDate,
    lang: Locale,
) -> Result<DonationRow, RowError> {
    let e = |f: &str, c: Rule| row_error(r.line, f, c);
    let program = d
        .program(&r.values["program"])
        .ok_or_else(|| e("program", Rule::Unknown))?;
    let need = match r.values["need"].as_str() {
        "" => None,
        t => Some(
            d.need(program.id, t)
                .ok_or_else(|| e("need", Rule::Unknown))?,
        ),
    };
    let currency = match need {
        Some(n) => n.currency.as_deref().and_then(Currency::from_code),
        None => crate::giving::amounts::program_currency_of(
            d.needs.iter().filter(|n| n.program_id == program.id),
        ),
    }
    .ok_or_else(|| e("program", Rule::NoCurrency))?;
    if let Some(c) = Some(r.values["currency"].trim()).filter(|c| !c.is_empty()) {
        if Currency::from_code(c) != Some(currency) {
            return Err(e("currency", Rule::DiffersFromNeed));
        }
    }
    let amount = Money::parse_input(&r.values["amount"], currency, lang)
        .ok()
        .filter(|m| m.minor() > 0)
        .ok_or_else(|| e("amount", Rule::Invalid))?;
    let day = crate::calendar::parse_date_input(&r.values["date"])
        .ok_or_else(|| e("date", Rule::Invalid))?;
    if day > today {
        return Err(e("date", Rule::InFuture));
    }
    let method = match normalize_for_search(&r.values["method"]).as_str() {
        "" | "cash" | "نقد" | "نقدی" => PaymentMethod::Cash,
        "bank transfer"
        | "bank_transfer"
        | "transfer"
        | "bank"
        | "واریز"
        | "واریز بانکی"
        | "کارت به کارت"
        | "حواله" => PaymentMethod::BankTransfer,
        _ => return Err(e("method", Rule::UnknownCode)),
    };
    let donor_name = Some(r.values["donor_name"].trim().to_owned()).filter(|n| !n.is_empty());
    if donor_name.as_ref().is_some_and(|n| n.chars().count() > 80) {
        return Err(e("donor_name", Rule::TooLong));
    }
    let local = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    Ok(DonationRow {
        program_id: program.id,
        need_id: need.map(|n| n.id),
        amount,
        method,
        anonymous: yes(&r.values["anonymous"]) || donor_name.is_none(),
        donor_name,
        received_at: tz
            .from_local_datetime(&local)
            .earliest()
            .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc)),
    })
}

/// A beneficiary row as the beneficiary form.
fn beneficiary_form(r: &MappedRow, counties: &[county::Model]) -> BeneficiaryForm {
    let v = |f: &str| r.values.get(f).cloned().unwrap_or_default();
    let county_text = normalize_for_search(&v("county"));
    let county = counties
        .iter()
        .find(|c| {
            c.code == v("county").trim()
                || normalize_for_search(&c.name_fa) == county_text
                || normalize_for_search(&c.name_en) == county_text
        })
        .map_or_else(|| v("county"), |c| c.code.clone());
    let categories = v("categories")
        .split([',', ';', '،', '|', '؛'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| {
            let n = normalize_for_search(c);
            Category::ALL
                .iter()
                .find(|k| {
                    k.code() == c
                        || normalize_for_search(k.label(Locale::Fa)) == n
                        || normalize_for_search(k.label(Locale::En)) == n
                })
                .map_or_else(|| c.to_owned(), |k| k.code().to_owned())
        })
        .collect();
    BeneficiaryForm {
        household_size: v("household_size"),
        county,
        categories,
        consent_on: v("consent_on"),
        consent_scope: v("consent_scope"),
        name: v("name"),
        national_id: v("national_id"),
        phone: v("phone"),
        address: v("address"),
        notes: v("notes"),
    }
}

/// Who imports, into which center, when: the first arguments of every
/// import call.
#[derive(Clone, Copy)]
pub struct Importer<'a> {
    pub db: &'a DatabaseConnection,
    /// Seal and open the file and beneficiaries' details.
    pub keys: &'a DataKeys,
    pub now: DateTime<Utc>,
    /// The caller (the policy decides).
    pub actor: Option<&'a Actor>,
    pub center_id: i32,
}

/// What a dry run or an import found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub rows: usize,
    /// Rows with errors (all of them counted; the first [`LISTED_ERRORS`] listed).
    pub error_rows: usize,
    pub errors: Vec<RowError>,
    /// Rows recorded now.
    pub created: usize,
    /// Rows already imported before (same key): nothing recorded.
    pub already: usize,
}

/// Checks every row (`commit` false), or checks and records them all in one
/// transaction (`commit` true: nothing is recorded when any row is
/// refused). Progress goes to `progress` under `job_id`.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller may record gifts
/// (donations: any staff of the center) or manage beneficiaries (owners and
/// managers); `Invalid(mapping/…)` when a required field has no column; `Db`.
pub async fn run(
    importer: Importer<'_>,
    kind: ImportKind,
    sheet: &Sheet,
    mapping: &HashMap<String, usize>,
    lang: Locale,
    commit: bool,
    progress: (&ImportProgress, i32),
) -> Result<Outcome, DomainError> {
    let Importer {
        db,
        keys,
        now,
        actor,
        center_id,
    } = importer;
    let action = match kind {
        ImportKind::Donations => Action::RecordGift(center_id),
        ImportKind::Beneficiaries => Action::ManageBeneficiaries(center_id),
    };
    let actor = authorize(actor, action)?;
    for required in kind.required_fields() {
        if !mapping.contains_key(*required) {
            return Err(DomainError::invalid("mapping", Rule::MissingRequired));
        }
    }
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::Forbidden)?;
    let tz = crate::calendar::time_zone(&c.time_zone);
    let today = crate::calendar::local_date(now, tz);
    let rows = mapped(kind, center_id, sheet, mapping);
    let total = rows.len() as u64;
    let (progress, job_id) = progress;
    progress.set(job_id, 0, total);
    let mut outcome = Outcome {
        rows: rows.len(),
        ..Outcome::default()
    };
    let refuse = |err: RowError, o: &mut Outcome| {
        o.error_rows += 1;
        if o.errors.len() < LISTED_ERRORS {
            o.errors.push(err);
        }
    };
    // Check everything first, in memory.
    let designations = Designations::load(db, center_id).await?;
    let counties = county::Entity::find().all(db).await?;
    let mut donations = Vec::new();
    let mut people = Vec::new();
    let mut seen_ids = std::collections::HashSet::new();
    for r in &rows {
        match kind {
            ImportKind::Donations => match check_donation(r, &designations, tz, today, lang) {
                Ok(d) => donations.push((r.key.clone(), d)),
                Err(e) => refuse(e, &mut outcome),
            },
            ImportKind::Beneficiaries => {
                let form = beneficiary_form(r, &counties);
                match crate::beneficiaries::records::check_form(
                    db,
                    keys,
                    &c,
                    today,
                    &form,
                    Some(&r.key),
                )
                .await
                {
                    Ok(Some(id_hash)) if !seen_ids.insert(id_hash.clone()) => {
                        refuse(
                            row_error(r.line, "national_id", Rule::Duplicate),
                            &mut outcome,
                        );
                    }
                    Ok(_) => people.push((r.line, r.key.clone(), form)),
                    Err(DomainError::Invalid(f)) => {
                        refuse(row_error(r.line, &f.field, f.code), &mut outcome)
                    }
                    Err(other) => return Err(other),
                }
            }
        }
    }
    if !commit || outcome.error_rows > 0 {
        progress.clear(job_id);
        return Ok(outcome);
    }
    let txn = crate::db::begin_write(db).await?;
    let mut done = 0u64;
    for (key, d) in donations {
        let exists = crate::entities::donation::Entity::find()
            .filter(crate::entities::donation::Column::Key.eq(format!("import:{key}")))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            outcome.already += 1;
        } else {
            let donor_id =
                named_giver(&txn, now, &format!("import:{key}"), d.donor_name.as_deref()).await?;
            records::record_donation(
                &txn,
                now,
                NewDonation {
                    key: format!("import:{key}"),
                    donor_id,
                    anonymous: d.anonymous,
                    hidden_from_center: false,
                    pledging_center_id: None,
                    program_id: d.program_id,
                    need_id: d.need_id,
                    pledge_id: None,
                    method: d.method,
                    amount: d.amount,
                    received_at: d.received_at,
                },
            )
            .await?;
            outcome.created += 1;
        }
        done += 1;
        if done.is_multiple_of(100) {
            progress.set(job_id, done, total);
        }
    }
    for (line, key, form) in people {
        let existing = crate::entities::beneficiary::Entity::find()
            .filter(crate::entities::beneficiary::Column::CenterId.eq(center_id))
            .filter(crate::entities::beneficiary::Column::ImportKey.eq(&key))
            .one(&txn)
            .await?
            .is_some();
        if existing {
            outcome.already += 1;
        } else {
            match crate::beneficiaries::records::create_in(
                &txn,
                keys,
                now,
                Some(actor),
                center_id,
                &form,
                Some(&key),
            )
            .await
            {
                Ok(_) => outcome.created += 1,
                // A duplicate within the file (or of a record made since the
                // dry run): nothing is recorded.
                Err(DomainError::Invalid(f)) => {
                    refuse(row_error(line, &f.field, f.code), &mut outcome);
                    progress.clear(job_id);
                    return Ok(Outcome {
                        created: 0,
                        already: 0,
                        ..outcome
                    });
                }
                Err(other) => return Err(other),
            }
        }
        done += 1;
        if done.is_multiple_of(100) {
            progress.set(job_id, done, total);
        }
    }
    crate::audit::record(
        &txn,
        now,
        crate::audit::Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "import.commit",
            object_type: "import",
            object_id: job_id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "kind": kind.code(),
                "rows": outcome.rows,
                "created": outcome.created,
                "already": outcome.already,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    progress.clear(job_id);
    Ok(outcome)
}

/// Rows done of each running import, by job id: what its page shows.
#[derive(Debug, Clone, Default)]
pub struct ImportProgress(Arc<Mutex<HashMap<i32, (u64, u64)>>>);

impl ImportProgress {
    /// Records that `done` of `total` rows of job `id` are done.
    pub fn set(&self, id: i32, done: u64, total: u64) {
        if let Ok(mut m) = self.0.lock() {
            m.insert(id, (done, total));
        }
    }

    /// (done, total) of job `id`, while it runs.
    pub fn get(&self, id: i32) -> Option<(u64, u64)> {
        self.0.lock().ok().and_then(|m| m.get(&id).copied())
    }

    /// Forgets job `id` (it has ended).
    pub fn clear(&self, id: i32) {
        if let Ok(mut m) = self.0.lock() {
            m.remove(&id);
        }
    }
}
