//! Spending (هزینه‌کرد) and deliveries, as a center's staff record them
//! (issue 5): money disbursed from a program's fund against one of its
//! money needs, with a receipt; goods handed to beneficiaries against an
//! in-kind need, with a receipt or photo; a program's cover image. And the
//! lines the program page shows for them.
//!
//! Money keeps its designation (ARCHITECTURE.md invariant 2): a disbursement
//! draws on what was given to its need, then on what was given to the
//! program as a whole (`records::record_disbursement`); more is refused.
//! A delivery is an append-only `delivered` movement, never more than the
//! center holds of the item. Each is one transaction with its upload and
//! its audit record: bad input or a failing store changes nothing.

use crate::accounts::policy::{Action, Actor};
use crate::audit::{self, Change};
use crate::calendar::{display_date, local_date, time_zone};
use crate::entities::codes::{GiftKind, Movement, PayeeType, UploadKind};
use crate::entities::{center, disbursement, in_kind_movement, need, program, upload};
use crate::error::DomainError;
use crate::giving::amounts::parse_money_field;
use crate::giving::records::{self, NewDisbursement, NewMovement};
use crate::uploads::{
    check_file, store_file, store_optional, url_of, CheckedFile, UploadStore, UploadedFile,
};
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::accounts::{optional_text, required_text};
use nikoo_types::counts::PublicCount;
use nikoo_types::outcome::Rule;
use nikoo_types::transparency::SpendingLine;
use nikoo_types::{Currency, Locale, Money, Quantity};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

/// The longest description of a spending, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 400;
/// The most households one delivery may name.
pub const MAX_HOUSEHOLDS: i32 = 100_000;

/// A need of a program of `center_id`, with its program and center, for a
/// change `action` decides (`programs::need_for_change`).
async fn need_for<'a>(
    db: &DatabaseConnection,
    actor: Option<&'a Actor>,
    center_id: i32,
    need_id: i32,
    action: fn(i32) -> Action,
) -> Result<(&'a Actor, need::Model, program::Model, center::Model), DomainError> {
    let (actor, n, p) =
        crate::catalog::need_for_change(db, actor, center_id, need_id, action).await?;
    let c = center::Entity::find_by_id(p.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((actor, n, p, c))
}

use crate::calendar::{noon, past_day};

/// A disbursement form, as posted.
#[derive(Debug, Clone)]
pub struct DisbursementForm {
    pub lang: Locale,
    pub center_id: i32,
    pub need_id: i32,
    /// In the need's currency, as typed (IRR in toman in Persian).
    pub amount: String,
    /// The day paid, either calendar.
    pub paid_on: String,
    /// A [`PayeeType`] code.
    pub payee_type: String,
    pub description: String,
    /// Show the receipt on the public page.
    pub receipt_public: bool,
}

/// Records money spent on a money need: the ledger transaction (drawing on
/// the need's money, then the program's), its row, its receipt and its
/// audit record, in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the need's center (also for a need that is not there); `Invalid`
/// naming the field: `need`/`not_a_money_need`, `amount` (`invalid`,
/// `not_positive`, `exceeds_fund`), `paid_on` (`invalid`, `in_future`),
/// `payee_type`/`unknown_code`, `description` (`required`, `too_long`),
/// `file` (see [`check_file`]), `change`/`archived`; `Db`.
pub async fn record_disbursement(
    db: &DatabaseConnection,
    store: &UploadStore,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    form: &DisbursementForm,
    receipt: Option<&UploadedFile>,
) -> Result<disbursement::Model, DomainError> {
    let (actor, n, p, c) = need_for(
        db,
        actor,
        form.center_id,
        form.need_id,
        Action::RecordSpending,
    )
    .await?;
    if n.kind != GiftKind::Money {
        return Err(DomainError::invalid("need", Rule::NotAMoneyNeed));
    }
    let currency = n
        .currency
        .as_deref()
        .and_then(Currency::from_code)
        .ok_or_else(|| DomainError::Unexpected(format!("need {} has no currency", n.id)))?;
    let amount = parse_money_field("amount", &form.amount, currency, form.lang)?;
    let tz = time_zone(&c.time_zone);
    let paid_on = past_day("paid_on", &form.paid_on, local_date(now, tz))?;
    let payee = PayeeType::try_from_value(&form.payee_type.trim().to_owned())
        .map_err(|_| DomainError::invalid("payee_type", Rule::UnknownCode))?;
    let description = required_text("description", &form.description, DESCRIPTION_MAX_CHARS)?;
    let checked = receipt
        .map(|f| check_file(UploadKind::Receipt, f))
        .transpose()?;
    let key = crate::secrets::new_token();
    let txn = crate::db::begin_write(db).await?;
    // One disbursement of a program at a time (PostgreSQL: the program's
    // row lock; SQLite's writers are serial), so two cannot both spend
    // the same money.
    crate::db::for_update(&txn, program::Entity::find_by_id(p.id))
        .one(&txn)
        .await?;
    let (row, upload) = post_disbursement(
        &txn,
        now,
        Spent {
            key,
            program_id: p.id,
            need_id: n.id,
            amount,
            paid_on,
            occurred_at: noon(paid_on, tz),
            payee,
            description,
            recorded_by: Some(actor.user_id),
        },
        checked.map(|file| Receipt {
            store,
            center_id: c.id,
            file,
            public: form.receipt_public,
        }),
    )
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(c.id),
            action: "disbursement.record",
            object_type: "disbursement",
            object_id: row.id.to_string(),
            before: None,
            after: Some(json!({
                "program_id": p.id,
                "need_id": n.id,
                "amount_minor": amount.minor(),
                "currency": row.currency,
                "paid_on": row.paid_on.to_string(),
                "payee_type": row.payee_type.to_value(),
                "description": row.description,
                "receipt_upload_id": row.receipt_upload_id,
                "receipt_public": upload.as_ref().map(|u| u.public),
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Money spent on a money need, checked: what [`post_disbursement`] writes.
#[derive(Debug, Clone)]
pub struct Spent {
    /// Unique per disbursement; a second post with the same key returns
    /// the first row and changes nothing.
    pub key: String,
    pub program_id: i32,
    pub need_id: i32,
    /// Positive, in the need's currency.
    pub amount: Money,
    /// The day paid, at the center.
    pub paid_on: NaiveDate,
    /// The instant the ledger dates it (UTC).
    pub occurred_at: DateTime<Utc>,
    pub payee: PayeeType,
    pub description: String,
    /// `None` for the demo's spending.
    pub recorded_by: Option<i32>,
}

/// A disbursement's receipt, checked, to store with it.
pub struct Receipt<'a> {
    pub store: &'a UploadStore,
    pub center_id: i32,
    pub file: CheckedFile,
    /// Shown on the public page.
    pub public: bool,
}

/// Posts a disbursement on the caller's transaction: its ledger
/// transaction (`records::record_disbursement`: the need's money first,
/// then the program's), its receipt (stored only once the ledger took the
/// money) and the append-only row the program page lists. The one way
/// spending is written (the form and the demo data).
///
/// # Errors
/// `Invalid` (`amount`/`exceeds_fund`, …) from the ledger; `Db`;
/// `Unexpected` when the store fails.
pub async fn post_disbursement<C: ConnectionTrait + TransactionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    s: Spent,
    receipt: Option<Receipt<'_>>,
) -> Result<(disbursement::Model, Option<upload::Model>), DomainError> {
    if let Some(row) = disbursement::Entity::find()
        .filter(disbursement::Column::Key.eq(&s.key))
        .one(txn)
        .await?
    {
        return Ok((row, None));
    }
    let ltx = records::record_disbursement(
        txn,
        now,
        NewDisbursement {
            key: s.key.clone(),
            program_id: s.program_id,
            need_id: s.need_id,
            amount: s.amount,
            memo_fa: Some(s.description.clone()),
            memo_en: None,
            occurred_at: s.occurred_at,
        },
    )
    .await?;
    let upload = match receipt {
        Some(r) => Some(
            store_file(
                txn,
                r.store,
                now,
                r.center_id,
                s.recorded_by,
                r.file,
                r.public,
            )
            .await?,
        ),
        None => None,
    };
    let row = disbursement::ActiveModel {
        key: Set(s.key),
        program_id: Set(s.program_id),
        need_id: Set(s.need_id),
        ledger_transaction_id: Set(ltx),
        amount_minor: Set(s.amount.minor()),
        currency: Set(s.amount.currency().code().to_owned()),
        paid_on: Set(s.paid_on),
        payee_type: Set(s.payee),
        description: Set(s.description),
        receipt_upload_id: Set(upload.as_ref().map(|u| u.id)),
        recorded_by: Set(s.recorded_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok((row, upload))
}

/// A delivery form, as posted.
#[derive(Debug, Clone)]
pub struct DeliveryForm {
    pub center_id: i32,
    pub need_id: i32,
    /// Whole units of the need's item, any digits.
    pub quantity: String,
    /// The day handed over, either calendar.
    pub delivered_on: String,
    /// Households that received it; empty when not counted.
    pub households: String,
    pub description: String,
    /// Show the receipt or photo on the public page.
    pub file_public: bool,
}

/// Records goods handed to beneficiaries: an append-only `delivered`
/// movement (never more than the center holds of the item), its receipt or
/// photo (metadata removed) and its audit record, in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is staff of the need's
/// center; `Invalid` naming the field: `need`/`not_an_in_kind_need`,
/// `quantity` (`not_positive`, `exceeds_stock`), `delivered_on`
/// (`invalid`, `in_future`), `households`/`out_of_range`, `description`
/// `too_long`, `file`; `Db`.
pub async fn record_delivery(
    db: &DatabaseConnection,
    store: &UploadStore,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    form: &DeliveryForm,
    file: Option<&UploadedFile>,
) -> Result<in_kind_movement::Model, DomainError> {
    let (actor, n, p, c) = need_for(
        db,
        actor,
        form.center_id,
        form.need_id,
        Action::RecordDelivery,
    )
    .await?;
    if n.kind != GiftKind::InKind {
        return Err(DomainError::invalid("need", Rule::NotAnInKindNeed));
    }
    let quantity = Quantity::parse(&form.quantity)
        .ok()
        .filter(|q| q.get() > 0)
        .ok_or_else(|| DomainError::invalid("quantity", Rule::NotPositive))?;
    let tz = time_zone(&c.time_zone);
    let day = past_day("delivered_on", &form.delivered_on, local_date(now, tz))?;
    let households = match form.households.trim() {
        "" => None,
        raw => Some(
            nikoo_types::digits::to_ascii_digits(raw)
                .parse::<i32>()
                .ok()
                .filter(|h| (0..=MAX_HOUSEHOLDS).contains(h))
                .ok_or_else(|| DomainError::invalid("households", Rule::OutOfRange))?,
        ),
    };
    let description = optional_text("description", &form.description, DESCRIPTION_MAX_CHARS)?;
    let checked = file
        .map(|f| check_file(UploadKind::Receipt, f))
        .transpose()?;
    let txn = crate::db::begin_write(db).await?;
    // One delivery of a program at a time, like disbursements: two cannot
    // both hand out the last of the stock.
    crate::db::for_update(&txn, program::Entity::find_by_id(p.id))
        .one(&txn)
        .await?;
    let upload = store_optional(
        &txn,
        store,
        now,
        c.id,
        Some(actor.user_id),
        checked,
        form.file_public,
    )
    .await?;
    let m = records::record_movement(
        &txn,
        now,
        NewMovement {
            key: format!("delivery:{}", crate::secrets::new_token()),
            movement: Movement::Delivered,
            program_id: p.id,
            need_id: n.id,
            quantity,
            donor_id: None,
            anonymous: true,
            pledge_id: None,
            beneficiary_count: households,
            memo_fa: description.clone(),
            memo_en: None,
            upload_id: upload.as_ref().map(|u| u.id),
            recorded_by: Some(actor.user_id),
            occurred_at: noon(day, tz),
        },
    )
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(c.id),
            action: "delivery.record",
            object_type: "in_kind_movement",
            object_id: m.id.to_string(),
            before: None,
            after: Some(json!({
                "need_id": n.id,
                "quantity": quantity.get(),
                "delivered_on": day.to_string(),
                "households": households,
                "description": description,
                "upload_id": m.upload_id,
                "file_public": upload.as_ref().map(|u| u.public),
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// Sets a program's cover image (public; its metadata removed).
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the program's center; `Invalid(file/…)`, `Invalid(change/archived)`; `Db`.
pub async fn set_cover(
    db: &DatabaseConnection,
    store: &UploadStore,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    program_id: i32,
    file: Option<&UploadedFile>,
) -> Result<upload::Model, DomainError> {
    let (actor, p) = crate::catalog::program_for_change(
        db,
        actor,
        center_id,
        program_id,
        Action::ManagePrograms,
    )
    .await?;
    let file = file.ok_or_else(|| DomainError::invalid("file", Rule::Required))?;
    let checked = check_file(UploadKind::Cover, file)?;
    let txn = crate::db::begin_write(db).await?;
    let u = store_file(
        &txn,
        store,
        now,
        center_id,
        Some(actor.user_id),
        checked,
        true,
    )
    .await?;
    let before = p.cover_upload_id;
    let mut row: program::ActiveModel = p.into();
    row.cover_upload_id = Set(Some(u.id));
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "program.cover",
            object_type: "program",
            object_id: after.id.to_string(),
            before: Some(json!({"cover_upload_id": before})),
            after: Some(json!({"cover_upload_id": u.id})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(u)
}

/// The spending lines of program `program_id`, newest first: its
/// disbursements and deliveries. `staff` shows every receipt (the
/// center's own view); otherwise only those made public, and households
/// by the small-cell rule.
///
/// # Errors
/// `Db`; `Unexpected` for a stored currency Nikoo does not know.
pub async fn lines<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    tz: chrono_tz::Tz,
    staff: bool,
) -> Result<Vec<SpendingLine>, DomainError> {
    let paid = disbursement::Entity::find()
        .filter(disbursement::Column::ProgramId.eq(program_id))
        .order_by_desc(disbursement::Column::PaidOn)
        .order_by_desc(disbursement::Column::Id)
        .all(db)
        .await?;
    let delivered = in_kind_movement::Entity::find()
        .filter(in_kind_movement::Column::ProgramId.eq(program_id))
        .filter(in_kind_movement::Column::Kind.eq(Movement::Delivered))
        .order_by_desc(in_kind_movement::Column::OccurredAt)
        .order_by_desc(in_kind_movement::Column::Id)
        .all(db)
        .await?;
    let uploads: HashMap<i32, upload::Model> = crate::db::rows_by::<upload::Entity, _>(
        db,
        upload::Column::Id,
        paid.iter()
            .filter_map(|d| d.receipt_upload_id)
            .chain(delivered.iter().filter_map(|m| m.upload_id)),
        |u| u.id,
    )
    .await?;
    let receipt = |id: Option<i32>| {
        let u = id.and_then(|i| uploads.get(&i));
        let shown = u.filter(|u| staff || u.public);
        (
            shown.map(|u| url_of(&u.key)),
            shown.map(|u| u.content_type.clone()),
            u.is_some() && shown.is_none(),
        )
    };
    let mut out: Vec<(NaiveDate, SpendingLine)> = Vec::new();
    for d in paid {
        let currency = Currency::from_code(&d.currency)
            .ok_or_else(|| DomainError::Unexpected(format!("currency {}", d.currency)))?;
        let (url, kind, private) = receipt(d.receipt_upload_id);
        out.push((
            d.paid_on,
            SpendingLine {
                need_id: d.need_id,
                date: display_date(d.paid_on),
                amount: Some(nikoo_types::Money::from_minor(d.amount_minor, currency)),
                quantity: None,
                payee_type: Some(d.payee_type.to_value()),
                description: d.description,
                receipt: url,
                receipt_type: kind,
                receipt_private: private,
                households: None,
            },
        ));
    }
    for m in delivered {
        let day = local_date(m.occurred_at, tz);
        let (url, kind, private) = receipt(m.upload_id);
        let households = m
            .beneficiary_count
            .and_then(|h| u64::try_from(h).ok())
            .map(|h| {
                if staff {
                    PublicCount::Exact(h)
                } else {
                    PublicCount::primary(h)
                }
            });
        out.push((
            day,
            SpendingLine {
                need_id: m.need_id,
                date: display_date(day),
                amount: None,
                quantity: Some(m.quantity),
                payee_type: None,
                description: m.memo_fa.unwrap_or_default(),
                receipt: url,
                receipt_type: kind,
                receipt_private: private,
                households,
            },
        ));
    }
    out.sort_by_key(|l| std::cmp::Reverse(l.0));
    Ok(out.into_iter().map(|(_, l)| l).collect())
}

/// The path of program `p`'s cover image, if it has one.
///
/// # Errors
/// `Db`.
pub async fn cover_of<C: ConnectionTrait>(
    db: &C,
    p: &program::Model,
) -> Result<Option<String>, DomainError> {
    Ok(covers_of(db, std::slice::from_ref(p)).await?.remove(&p.id))
}

/// The paths of the cover images of `programs` that have a public one, by
/// program id, read in one query.
///
/// # Errors
/// `Db`.
pub async fn covers_of<C: ConnectionTrait>(
    db: &C,
    programs: &[program::Model],
) -> Result<HashMap<i32, String>, DomainError> {
    let wanted: HashMap<i32, i32> = programs
        .iter()
        .filter_map(|p| p.cover_upload_id.map(|u| (u, p.id)))
        .collect();
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(upload::Entity::find()
        .filter(upload::Column::Id.is_in(wanted.keys().copied()))
        .filter(upload::Column::Public.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| Some((*wanted.get(&u.id)?, url_of(&u.key))))
        .collect())
}
