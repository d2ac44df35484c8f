//! Imports of offline donations and beneficiaries from CSV and XLSX files
//! (issue 5): the file is read (`csv`, `calamine`), its columns mapped to
//! Nikoo's fields (guessed from the headers in Persian or English, then as
//! staff choose), every row checked in a dry run that lists each row's
//! errors, then imported all or nothing in one transaction.
//!
//! Each row has a stable key: a hash of the kind, the center, the row's
//! mapped values and how many identical rows came before it in the file,
//! so importing the same file again creates nothing twice (donations are
//! keyed `import:{key}`, beneficiaries carry it as `import_key`), and two
//! identical rows (two equal gifts on one day) stay two.
//!
//! Progress: an import reports rows done to an [`ImportProgress`] as it
//! goes (the page and `nikoo import` read it); the rows themselves commit
//! together at the end.

use crate::center_gifts::named_giver;
use crate::entities::codes::{GiftKind, PaymentMethod};
use crate::entities::{center, county, need, program};
use crate::error::DomainError;
use crate::giving::{self, NewDonation};
use crate::personal_data::DataKeys;
use crate::policy::{authorize, Action, Actor};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use nikoo_types::beneficiaries::BeneficiaryForm;
use nikoo_types::imports::{ImportKind, RowError};
use nikoo_types::normalize::normalize_for_search;
use nikoo_types::{Category, Currency, Locale, Money};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The largest file accepted, in bytes (10 MiB: some 100,000 rows of CSV).
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// The most rows one file may have.
pub const MAX_ROWS: usize = 100_000;
/// The most row errors a dry run lists (the count is always exact).
pub const LISTED_ERRORS: usize = 200;

/// A file read into a header and rows of text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Each row's line, 1-based, as a spreadsheet shows it (blank rows
    /// dropped from `rows` still count).
    pub lines: Vec<usize>,
}

/// The most columns a sheet may have (a file has a dozen at most).
pub const MAX_COLUMNS: usize = 64;
/// The most text a sheet may hold once unpacked, in bytes (an XLSX is a
/// zip: its cells may be far larger than the file).
const MAX_SHEET_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// A sheet's rows with their lines, as read.
type Lines = Vec<(usize, Vec<String>)>;

/// Reads a CSV (UTF-8, with or without a byte-order mark; comma,
/// semicolon or tab separated) or an XLSX file (its first sheet), by its
/// name's extension. Empty rows are dropped.
///
/// # Errors
/// `Invalid` on field `file`: `required`, `too_large` (also a sheet that
/// unpacks to more than 64 MiB of text), `wrong_type` (not CSV or XLSX, or
/// not readable as one), `no_rows`, `too_many_rows`, `too_many_columns`.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet, DomainError> {
    let bad = |code| DomainError::field("file", code);
    if bytes.is_empty() {
        return Err(bad("required"));
    }
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(bad("too_large"));
    }
    let lower = file_name.to_ascii_lowercase();
    let mut table = if lower.ends_with(".xlsx") {
        read_xlsx(bytes).map_err(bad)?
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        read_csv(bytes).ok_or_else(|| bad("wrong_type"))?
    } else {
        return Err(bad("wrong_type"));
    };
    table.retain(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    if table.len() < 2 {
        return Err(bad("no_rows"));
    }
    if table.len() - 1 > MAX_ROWS {
        return Err(bad("too_many_rows"));
    }
    if table.iter().any(|(_, r)| r.len() > MAX_COLUMNS) {
        return Err(bad("too_many_columns"));
    }
    let (_, header) = table.remove(0);
    let (lines, rows) = table.into_iter().unzip();
    Ok(Sheet {
        headers: header.into_iter().map(|h| h.trim().to_owned()).collect(),
        rows,
        lines,
    })
}

fn read_csv(bytes: &[u8]) -> Option<Lines> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.ok().map(|r| {
                let line = r.position().map_or(0, |p| p.line());
                let line = usize::try_from(line).unwrap_or(usize::MAX);
                (line, r.iter().map(str::to_owned).collect())
            })
        })
        .collect()
}

/// The first sheet's cells, read one by one (calamine's `worksheet_range`
/// would allocate the whole rectangle a single far cell spans, so a tiny
/// file naming cell `XFD1048576` would take the server down). Rows past
/// [`MAX_ROWS`], columns past [`MAX_COLUMNS`] and text past
/// [`MAX_SHEET_TEXT_BYTES`] stop the reading with the file's error code.
fn read_xlsx(bytes: &[u8]) -> Result<Lines, &'static str> {
    use calamine::{Data, DataType, Reader, Xlsx};
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|_| "wrong_type")?;
    let name = book.sheet_names().first().cloned().ok_or("wrong_type")?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| "wrong_type")?;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    let mut text_bytes = 0usize;
    while let Some(cell) = cells.next_cell().map_err(|_| "wrong_type")? {
        let (row, column) = cell.get_position();
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        let value = Data::from(cell.get_value().clone());
        let text = match &value {
            Data::Empty => continue,
            Data::String(s) => s.clone(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Int(i) => i.to_string(),
            Data::DateTime(_) | Data::DateTimeIso(_) => value
                .as_date()
                .map(|d| d.to_string())
                .unwrap_or_else(|| value.to_string()),
            other => other.to_string(),
        };
        if text.trim().is_empty() {
            continue;
        }
        if column >= MAX_COLUMNS {
            return Err("too_many_columns");
        }
        if !rows.contains_key(&row) && rows.len() > MAX_ROWS {
            return Err("too_many_rows");
        }
        text_bytes += text.len();
        if text_bytes > MAX_SHEET_TEXT_BYTES {
            return Err("too_large");
        }
        let cells_of_row = rows.entry(row).or_default();
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, String::new());
        }
        cells_of_row[column] = text;
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            (
                usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1),
                cells,
            )
        })
        .collect())
}

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

fn row_error(line: usize, field: &str, code: &str) -> RowError {
    RowError {
        row: line,
        field: field.to_owned(),
        code: code.to_owned(),
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
    let e = |f: &str, c: &str| row_error(r.line, f, c);
    let program = d
        .program(&r.values["program"])
        .ok_or_else(|| e("program", "unknown"))?;
    let need = match r.values["need"].as_str() {
        "" => None,
        t => Some(d.need(program.id, t).ok_or_else(|| e("need", "unknown"))?),
    };
    let currency = match need {
        Some(n) => n.currency.as_deref().and_then(Currency::from_code),
        None => crate::payments::gifts::program_currency_of(
            d.needs.iter().filter(|n| n.program_id == program.id),
        ),
    }
    .ok_or_else(|| e("program", "no_currency"))?;
    if let Some(c) = Some(r.values["currency"].trim()).filter(|c| !c.is_empty()) {
        if Currency::from_code(c) != Some(currency) {
            return Err(e("currency", "differs_from_need"));
        }
    }
    let amount = Money::parse_input(&r.values["amount"], currency, lang)
        .ok()
        .filter(|m| m.minor() > 0)
        .ok_or_else(|| e("amount", "invalid"))?;
    let day =
        crate::calendar::parse_date_input(&r.values["date"]).ok_or_else(|| e("date", "invalid"))?;
    if day > today {
        return Err(e("date", "in_future"));
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
        _ => return Err(e("method", "unknown_code")),
    };
    let donor_name = Some(r.values["donor_name"].trim().to_owned()).filter(|n| !n.is_empty());
    if donor_name.as_ref().is_some_and(|n| n.chars().count() > 80) {
        return Err(e("donor_name", "too_long"));
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
#[allow(clippy::too_many_arguments)]
pub async fn run(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    kind: ImportKind,
    sheet: &Sheet,
    mapping: &HashMap<String, usize>,
    lang: Locale,
    commit: bool,
    progress: (&ImportProgress, i32),
) -> Result<Outcome, DomainError> {
    let action = match kind {
        ImportKind::Donations => Action::RecordGift(center_id),
        ImportKind::Beneficiaries => Action::ManageBeneficiaries(center_id),
    };
    let actor = authorize(actor, action)?;
    for required in kind.required_fields() {
        if !mapping.contains_key(*required) {
            return Err(DomainError::field("mapping", "missing_required"));
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
                match crate::beneficiaries::check_form(db, keys, &c, today, &form, Some(&r.key))
                    .await
                {
                    Ok(Some(id_hash)) if !seen_ids.insert(id_hash.clone()) => {
                        refuse(row_error(r.line, "national_id", "duplicate"), &mut outcome);
                    }
                    Ok(_) => people.push((r.line, r.key.clone(), form)),
                    Err(DomainError::Invalid(f)) => {
                        refuse(row_error(r.line, &f.field, &f.code), &mut outcome)
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
            giving::record_donation(
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
            match crate::beneficiaries::create_in(
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
                    refuse(row_error(line, &f.field, &f.code), &mut outcome);
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

// ------------------------------------------------------------------ jobs

use crate::entities::import_job;
use nikoo_types::imports::{ImportJob, ImportsPage};
use sea_orm::{ActiveModelTrait, QueryOrder, Set};

/// The action an import of `kind` at `center_id` needs.
fn import_action(kind: ImportKind, center_id: i32) -> Action {
    match kind {
        ImportKind::Donations => Action::RecordGift(center_id),
        ImportKind::Beneficiaries => Action::ManageBeneficiaries(center_id),
    }
}

fn kind_of(job: &import_job::Model) -> Result<ImportKind, DomainError> {
    ImportKind::from_code(&job.kind)
        .ok_or_else(|| DomainError::Unexpected(format!("import kind {}", job.kind)))
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

/// The job's file, opened (files are sealed at rest: they may hold
/// beneficiaries' personal details until imported).
fn file_of(keys: &DataKeys, j: &import_job::Model) -> Result<Vec<u8>, DomainError> {
    if j.file_bytes.is_empty() {
        return Err(DomainError::field("mapping", "not_ready"));
    }
    keys.open_file(j.center_id, &j.file_bytes)
        .map_err(|e| DomainError::Unexpected(format!("import {}: {e}", j.id)))
}

/// Stores an uploaded file as a new import of `kind` (its headers read,
/// its mapping guessed), the file sealed with `keys`.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` (donations: staff of the center;
/// beneficiaries: owners and managers); `Invalid(file/…)` as [`read_sheet`]; `Db`.
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    kind: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<import_job::Model, DomainError> {
    let kind = ImportKind::from_code(kind);
    // An unknown kind is refused after the least right an import needs.
    let actor = authorize(
        actor,
        import_action(kind.unwrap_or(ImportKind::Donations), center_id),
    )?;
    let kind = kind.ok_or_else(|| DomainError::field("kind", "unknown_code"))?;
    let sheet = read_sheet(file_name, bytes)?;
    let mapping = guess_mapping(kind, &sheet.headers);
    let txn = crate::db::begin_write(db).await?;
    let job = import_job::ActiveModel {
        center_id: Set(center_id),
        kind: Set(kind.code().to_owned()),
        file_name: Set(short_name(file_name)),
        file_bytes: Set(keys
            .seal_file(center_id, bytes)
            .map_err(DomainError::Unexpected)?),
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
    j: &import_job::Model,
    center_name: nikoo_types::LocalizedText,
    progress: &ImportProgress,
) -> Result<ImportJob, DomainError> {
    let kind = kind_of(j)?;
    let headers: Vec<String> = serde_json::from_str(&j.headers_json).unwrap_or_default();
    let mapping: HashMap<String, usize> = serde_json::from_str(&j.mapping_json).unwrap_or_default();
    let count = |n: i32| usize::try_from(n).unwrap_or(0);
    Ok(ImportJob {
        id: j.id,
        center_id: j.center_id,
        center_name,
        kind,
        file_name: j.file_name.clone(),
        status: match (j.status.as_str(), progress.get(j.id)) {
            ("checked", Some(_)) => "importing".to_owned(),
            (s, _) => s.to_owned(),
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
        .all(db)
        .await?;
    Ok(ImportsPage {
        center_id,
        center_name: center_name(&c),
        jobs: jobs
            .iter()
            .map(|j| view(j, center_name(&c), progress))
            .collect::<Result<_, _>>()?,
        can_import_beneficiaries: crate::policy::allows(
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
    let (_, j) = job_for(db, actor, center_id, job_id)
        .await
        .map_err(|e| match e {
            DomainError::Forbidden => DomainError::NotFound,
            other => other,
        })?;
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
#[allow(clippy::too_many_arguments)]
pub async fn check(
    db: &DatabaseConnection,
    keys: &DataKeys,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    job_id: i32,
    mapping: HashMap<String, usize>,
    lang: Locale,
    progress: &ImportProgress,
) -> Result<Outcome, DomainError> {
    let (_, j) = job_for(db, actor, center_id, job_id).await?;
    if matches!(j.status.as_str(), "importing" | "imported") {
        return Err(DomainError::field("mapping", "not_ready"));
    }
    let kind = kind_of(&j)?;
    let sheet = read_sheet(&j.file_name, &file_of(keys, &j)?)?;
    if mapping.values().any(|c| *c >= sheet.headers.len())
        || mapping.keys().any(|f| !kind.fields().contains(&f.as_str()))
    {
        return Err(DomainError::field("mapping", "unknown_code"));
    }
    let outcome = run(
        db,
        keys,
        now,
        actor,
        center_id,
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
        return Err(DomainError::field("mapping", "not_ready"));
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
        let sheet = read_sheet(&j.file_name, &file_of(keys, &j)?)?;
        let mapping: HashMap<String, usize> =
            serde_json::from_str(&j.mapping_json).unwrap_or_default();
        run(
            db,
            keys,
            now,
            actor,
            j.center_id,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn code(e: DomainError) -> String {
        match e {
            DomainError::Invalid(f) => format!("{}.{}", f.field, f.code),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn rows_keep_the_line_a_spreadsheet_shows() {
        let csv = "date,amount\n2025-11-20,100\n\n,\n2025-11-21,abc\n";
        let sheet = read_sheet("gifts.csv", csv.as_bytes()).unwrap();
        assert_eq!(sheet.headers, ["date", "amount"]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.lines, [2, 5], "blank lines still count");
    }

    #[test]
    fn a_far_cell_is_refused_without_reading_the_rectangle() {
        // Cells at A1…B3 and one at XFD1048576: calamine's range would be
        // 16,384 × 1,048,576 cells; the cell reader sees three rows.
        let far = include_bytes!("../../server/tests/fixtures/far-cell.xlsx");
        let e = read_sheet("far.xlsx", far).map(|_| ()).unwrap_err();
        assert_eq!(code(e), "file.too_many_columns");
        let wide = format!("{}\n{}\n", vec!["h"; 65].join(","), vec!["1"; 65].join(","));
        let e = read_sheet("wide.csv", wide.as_bytes())
            .map(|_| ())
            .unwrap_err();
        assert_eq!(code(e), "file.too_many_columns");
    }
}
