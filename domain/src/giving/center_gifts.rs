//! A center's gifts, for its staff: the list (with the names the center may
//! see), cash and bank-transfer gifts recorded by staff, and refunds of card
//! gifts through the payment provider. Every change is decided by the
//! policy and audited in its own transaction.

use crate::accounts::policy::{authorize, authorize_change_of, Action, Actor};
use crate::audit::{self, Change};
use crate::entities::codes::{GiftKind, PaymentMethod, PaymentStatus};
use crate::entities::{center, donation, donor, need, payment, program};
use crate::error::DomainError;
use crate::giving::amounts::{designation_currency, parse_amount, program_currency};
use crate::giving::donors::named_giver;
use crate::giving::payments::events::{apply_update, lock_payment, PaymentUpdate};
use crate::giving::payments::provider::PaymentProvider;
use crate::giving::records::{self, NewDonation};
use chrono::{DateTime, Utc};
use nikoo_types::giving::{CenterGift, CenterGiftsPage, GiftNeed, GiftProgram, GiftsQuery};
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, Locale, LocalizedText, Money};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde_json::json;
use std::collections::HashMap;

/// How many goods received and pledges the page lists, newest first.
pub const LISTED_GIFTS: u64 = 200;

fn text(fa: String, en: Option<String>) -> LocalizedText {
    LocalizedText::new(Some(fa), en)
}

/// The gifts page of `center_id`.
///
/// # Errors
/// `Unauthenticated`; `NotFound` when the caller may not see it; `Db`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    query: &GiftsQuery,
) -> Result<CenterGiftsPage, DomainError> {
    let actor = authorize(actor, Action::ReadCenterGifts(center_id))?;
    let center = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let tz = crate::calendar::time_zone(&center.time_zone);
    let programs = program::Entity::find()
        .filter(program::Column::CenterId.eq(center_id))
        .order_by_asc(program::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = programs.iter().map(|p| p.id).collect();
    let (needs, item_needs): (Vec<need::Model>, Vec<need::Model>) = need::Entity::find()
        .filter(need::Column::ProgramId.is_in(ids.clone()))
        .order_by_asc(need::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .partition(|n| n.kind == GiftKind::Money);
    let need_rows: HashMap<i32, need::Model> =
        item_needs.iter().map(|n| (n.id, n.clone())).collect();
    let need_titles: HashMap<i32, LocalizedText> = needs
        .iter()
        .map(|n| (n.id, text(n.title_fa.clone(), n.title_en.clone())))
        .collect();
    let program_titles: HashMap<i32, LocalizedText> = programs
        .iter()
        .map(|p| (p.id, text(p.title_fa.clone(), p.title_en.clone())))
        .collect();
    let mut gift_programs = Vec::new();
    for p in &programs {
        gift_programs.push(GiftProgram {
            id: p.id,
            title: text(p.title_fa.clone(), p.title_en.clone()),
            currency: program_currency(db, p.id)
                .await?
                .map(|c| c.code().to_owned()),
            needs: needs
                .iter()
                .filter(|n| n.program_id == p.id)
                .filter_map(|n| {
                    Some(GiftNeed {
                        id: n.id,
                        title: text(n.title_fa.clone(), n.title_en.clone()),
                        currency: n.currency.clone()?,
                        card_ok: false,
                    })
                })
                .collect(),
            item_needs: item_needs
                .iter()
                .filter(|n| n.program_id == p.id)
                .map(|n| nikoo_types::giving::item_pledges::ItemNeed {
                    id: n.id,
                    title: text(n.title_fa.clone(), n.title_en.clone()),
                    unit: LocalizedText::new(n.unit_fa.clone(), n.unit_en.clone()),
                    still_needed: 0,
                })
                .collect(),
        });
    }
    let matching = searched(
        donation::Entity::find().filter(donation::Column::ProgramId.is_in(ids)),
        &query.q,
    );
    let gifts_total = matching.clone().count(db).await?;
    let gifts = matching
        .order_by_desc(donation::Column::ReceivedAt)
        .order_by_desc(donation::Column::Id)
        .offset(query.offset())
        .limit(u64::from(GiftsQuery::PER_PAGE))
        .all(db)
        .await?;
    let donor_ids: Vec<i32> = gifts.iter().filter_map(|g| g.donor_id).collect();
    let names: HashMap<i32, String> = donor::Entity::find()
        .filter(donor::Column::Id.is_in(donor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.display_name))
        .collect();
    let gift_ids: Vec<i32> = gifts.iter().map(|g| g.id).collect();
    let payments: HashMap<i32, payment::Model> = payment::Entity::find()
        .filter(payment::Column::DonationId.is_in(gift_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.donation_id?, p)))
        .collect();
    let mut listed = Vec::with_capacity(gifts.len());
    for g in gifts {
        let currency = Currency::from_code(&g.currency)
            .ok_or_else(|| DomainError::Unexpected(format!("currency {}", g.currency)))?;
        let refunded = payments.get(&g.id).map_or(0, |p| p.refund_posted_minor);
        listed.push(CenterGift {
            id: g.id,
            date: crate::calendar::display_instant(g.received_at, tz),
            giver: if g.hidden_from_center {
                None
            } else {
                g.donor_id.and_then(|d| names.get(&d).cloned())
            },
            anonymous: g.anonymous,
            amount: Money::from_minor(g.amount_minor, currency),
            refunded: Money::from_minor(refunded, currency),
            method: g.method.to_value(),
            program_title: program_titles
                .get(&g.program_id)
                .cloned()
                .unwrap_or_default(),
            need_title: g.need_id.and_then(|n| need_titles.get(&n).cloned()),
            refundable: payments
                .get(&g.id)
                .is_some_and(|p| p.provider_ref.is_some() && p.refunded_minor < p.amount_minor),
            receipt_number: g.receipt_number,
            reversible: g.method != PaymentMethod::Card && g.reversed_at.is_none(),
            reversal_reason: g
                .reversed_at
                .map(|_| g.reversal_reason.clone().unwrap_or_default()),
        });
    }
    Ok(CenterGiftsPage {
        center_id,
        center_name: text(center.name_fa, center.name_en),
        programs: gift_programs,
        gifts: listed,
        gifts_query: query.clone(),
        gifts_total,
        can_refund: crate::accounts::policy::allows(actor, Action::RefundGift(center_id)),
        item_pledges: crate::giving::item_pledges::open_at_center(db, now, center_id).await?,
        installments_due: crate::giving::offline_pledges::due_at_center(db, now, center_id).await?,
        can_correct: crate::accounts::policy::allows(actor, Action::CorrectGift(center_id)),
        received_items: received_items(db, &program_titles, &need_rows, tz).await?,
        pledges: running_pledges(db, &program_titles, tz).await?,
        can_cancel_pledges: crate::accounts::policy::allows(actor, Action::CancelPledge(center_id)),
    })
}

/// `gifts` narrowed to those `q` names: a receipt number (in any digits),
/// or part of a giver's name the center may see (not a gift hidden from
/// it), in any letter case (the name's Persian letter variants and
/// joiners are compared as typed). Empty `q`: all.
fn searched(gifts: Select<donation::Entity>, q: &str) -> Select<donation::Entity> {
    use sea_orm::sea_query::{Expr, LikeExpr, Query};
    let q = q.trim();
    if q.is_empty() {
        return gifts;
    }
    let named = Query::select()
        .column(donor::Column::Id)
        .from(donor::Entity)
        // Lower-cased, as the pattern is (PostgreSQL's LIKE heeds case).
        .and_where(
            Expr::expr(sea_orm::sea_query::Func::lower(Expr::col(
                donor::Column::DisplayName,
            )))
            .like(LikeExpr::new(crate::search::like_pattern(q)).escape('\\')),
        )
        .to_owned();
    let by_name = donation::Column::DonorId
        .in_subquery(named)
        .and(donation::Column::HiddenFromCenter.eq(false));
    match nikoo_types::digits::to_ascii_digits(q).parse::<i32>() {
        Ok(number) => gifts.filter(by_name.or(donation::Column::ReceiptNumber.eq(number))),
        Err(_) => gifts.filter(by_name),
    }
}

/// The goods received at the programs of `programs` (id → title), newest
/// first, [`LISTED_GIFTS`] at most, each with its reversal's reason.
async fn received_items<C: ConnectionTrait>(
    db: &C,
    programs: &HashMap<i32, LocalizedText>,
    needs: &HashMap<i32, need::Model>,
    tz: chrono_tz::Tz,
) -> Result<Vec<nikoo_types::giving::ReceivedItems>, DomainError> {
    use crate::entities::codes::Movement;
    use crate::entities::in_kind_movement;
    let rows = in_kind_movement::Entity::find()
        .filter(in_kind_movement::Column::ProgramId.is_in(programs.keys().copied()))
        .filter(in_kind_movement::Column::Kind.eq(Movement::Received))
        .filter(in_kind_movement::Column::ReversesId.is_null())
        .order_by_desc(in_kind_movement::Column::OccurredAt)
        .order_by_desc(in_kind_movement::Column::Id)
        .limit(LISTED_GIFTS)
        .all(db)
        .await?;
    let reversals: HashMap<i32, String> = in_kind_movement::Entity::find()
        .filter(in_kind_movement::Column::ReversesId.is_in(rows.iter().map(|m| m.id)))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.reverses_id?, r.memo_fa.unwrap_or_default())))
        .collect();
    let names: HashMap<i32, String> = donor::Entity::find()
        .filter(donor::Column::Id.is_in(rows.iter().filter_map(|m| m.donor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let need = needs.get(&m.need_id);
            nikoo_types::giving::ReceivedItems {
                movement_id: m.id,
                date: crate::calendar::display_instant(m.occurred_at, tz),
                quantity: m.quantity,
                unit: need
                    .map(|n| LocalizedText::new(n.unit_fa.clone(), n.unit_en.clone()))
                    .unwrap_or_default(),
                need_title: need
                    .map(|n| text(n.title_fa.clone(), n.title_en.clone()))
                    .unwrap_or_default(),
                program_title: programs.get(&m.program_id).cloned().unwrap_or_default(),
                giver: m.donor_id.and_then(|d| names.get(&d).cloned()),
                reversal_reason: reversals.get(&m.id).cloned(),
            }
        })
        .collect())
}

/// The running (active or paused) pledges to the programs of `programs`,
/// newest first, [`LISTED_GIFTS`] at most, named as the center may see.
async fn running_pledges<C: ConnectionTrait>(
    db: &C,
    programs: &HashMap<i32, LocalizedText>,
    tz: chrono_tz::Tz,
) -> Result<Vec<nikoo_types::giving::CenterPledge>, DomainError> {
    use crate::entities::codes::PledgeStatus;
    use crate::entities::pledge;
    use crate::giving::pledge_list::{PledgeRows, Viewer};
    let rows = pledge::Entity::find()
        .filter(pledge::Column::ProgramId.is_in(programs.keys().copied()))
        .filter(pledge::Column::Status.is_in([PledgeStatus::Active, PledgeStatus::Paused]))
        .order_by_desc(pledge::Column::Id)
        .limit(LISTED_GIFTS)
        .all(db)
        .await?;
    let listed: Vec<&pledge::Model> = rows.iter().collect();
    let related = PledgeRows::load(db, &listed, vec![]).await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in &rows {
        let need = p.need_id.and_then(|n| related.needs.get(&n));
        let amount = match (
            p.amount_minor,
            p.currency.as_deref().and_then(Currency::from_code),
        ) {
            (Some(minor), Some(currency)) => Some(Money::from_minor(minor, currency)),
            _ => None,
        };
        out.push(nikoo_types::giving::CenterPledge {
            id: p.id,
            by: related.shown_pledger(p, Viewer::Center),
            by_center: p.pledging_center_id.is_some(),
            program_title: programs.get(&p.program_id).cloned().unwrap_or_default(),
            need_title: need.map(|n| text(n.title_fa.clone(), n.title_en.clone())),
            amount,
            frequency: p.frequency.to_value(),
            quantity: p.quantity.map(|q| {
                let unit = need
                    .map(|n| LocalizedText::new(n.unit_fa.clone(), n.unit_en.clone()))
                    .unwrap_or_default();
                (q, unit)
            }),
            status: p.status.to_value(),
            made: crate::calendar::display_instant(p.created_at, tz),
        });
    }
    Ok(out)
}

/// A cash or bank-transfer gift to record, as the staff form sends it.
#[derive(Debug, Clone)]
pub struct OfflineGift {
    pub lang: Locale,
    pub center_id: i32,
    /// `p{program id}` (the program as a whole) or `n{need id}`.
    pub designation: String,
    /// `cash` or `bank_transfer`.
    pub method: String,
    /// In the designation's currency, as typed (IRR in toman in Persian).
    pub amount: String,
    /// Optional; without it the gift is anonymous.
    pub donor_name: String,
    /// Hidden from the public (the center keeps the name).
    pub anonymous: bool,
    /// The day the center received it, as typed (either calendar, see
    /// `calendar::parse_date_input`), today or before; empty: now.
    pub received_on: String,
}

/// The program and need a designation code names, checked to belong to `center_id`.
async fn designation<C: ConnectionTrait>(
    db: &C,
    center_id: i32,
    code: &str,
) -> Result<(program::Model, Option<need::Model>), DomainError> {
    let bad = || DomainError::invalid("designation", Rule::UnknownCode);
    let id: i32 = code.get(1..).and_then(|n| n.parse().ok()).ok_or_else(bad)?;
    let (program_id, need) = match code.chars().next() {
        Some('p') => (id, None),
        Some('n') => {
            let n = need::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|n| n.kind == GiftKind::Money)
                .ok_or_else(bad)?;
            (n.program_id, Some(n))
        }
        _ => return Err(bad()),
    };
    let program = program::Entity::find_by_id(program_id)
        .one(db)
        .await?
        .filter(|p| p.center_id == center_id)
        .ok_or_else(bad)?;
    Ok((program, need))
}

/// Records a cash or bank-transfer gift the center received, with its
/// ledger transaction and audit record in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is staff of the center;
/// `Invalid` for a designation outside the center (`designation`), a
/// method other than cash or bank transfer (`method`), a bad amount
/// (`amount`), a too long name (`donor_name`) or a day that is not one
/// or is still to come (`received_on`: `invalid`, `in_future`); `Db`.
pub async fn record_offline(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    form: &OfflineGift,
) -> Result<donation::Model, DomainError> {
    let actor = authorize(actor, Action::RecordGift(form.center_id))?;
    let method = match form.method.as_str() {
        "cash" => PaymentMethod::Cash,
        "bank_transfer" => PaymentMethod::BankTransfer,
        _ => return Err(DomainError::invalid("method", Rule::UnknownCode)),
    };
    let (program, need) = designation(db, form.center_id, &form.designation).await?;
    let currency = designation_currency(db, program.id, need.as_ref()).await?;
    let center = center::Entity::find_by_id(form.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let tz = crate::calendar::time_zone(&center.time_zone);
    let received_at = || -> Result<DateTime<Utc>, DomainError> {
        if form.received_on.trim().is_empty() {
            return Ok(now);
        }
        let today = crate::calendar::local_date(now, tz);
        let day = crate::calendar::past_day("received_on", &form.received_on, today)?;
        Ok(if day == today {
            now
        } else {
            crate::calendar::noon(day, tz)
        })
    };
    // Every field is checked, so every refused one is shown at once.
    let mut checks = crate::Checks::default();
    let amount = checks.check(parse_amount(&form.amount, currency, form.lang));
    let name = checks.check(
        nikoo_types::accounts::optional_text("donor_name", &form.donor_name, 80)
            .map_err(DomainError::from),
    );
    let received_at = checks.check(received_at());
    let (Some(amount), Some(name), Some(received_at)) = (amount, name, received_at) else {
        checks.finish()?;
        return Err(DomainError::Unexpected(
            "a gift check failed unrecorded".into(),
        ));
    };
    checks.finish()?;
    let key = crate::secrets::new_token();
    let txn = crate::db::begin_write(db).await?;
    let donor_id = named_giver(&txn, now, &key, name.as_deref()).await?;
    let gift = records::record_donation(
        &txn,
        now,
        NewDonation {
            key: format!("offline:{key}"),
            donor_id,
            anonymous: form.anonymous,
            hidden_from_center: false,
            pledging_center_id: None,
            program_id: program.id,
            need_id: need.as_ref().map(|n| n.id),
            pledge_id: None,
            method,
            amount,
            received_at,
        },
    )
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(form.center_id),
            action: "gift.record",
            object_type: "donation",
            object_id: gift.id.to_string(),
            before: None,
            after: Some(json!({
                "method": method.to_value(),
                "amount_minor": amount.minor(),
                "currency": currency.code(),
                "program_id": program.id,
                "need_id": gift.need_id,
                "donor": name,
                "anonymous": form.anonymous,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(gift)
}

/// Refunds `amount` (typed in the gift's currency) of card gift
/// `donation_id` through the provider, then posts it to the ledger and the
/// audit log. The provider call's idempotency key names the refunded total
/// it leads to, so a retried click refunds once.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the gift's center (also for a gift that does not exist);
/// `Invalid(gift/not_refundable)` for a gift not paid by card;
/// `Invalid(amount/…)` for a bad amount or one above what is left
/// (`exceeds_gift`); `Invalid(card/unavailable)` when the provider fails; `Db`.
pub async fn refund(
    db: &DatabaseConnection,
    provider: Option<&dyn PaymentProvider>,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    donation_id: i32,
    amount: &str,
    lang: Locale,
) -> Result<(), DomainError> {
    let gift = donation::Entity::find_by_id(donation_id).one(db).await?;
    let owned = crate::giving::corrections::with_center(db, gift, |g| g.program_id).await?;
    let (actor, (gift, center_id)) =
        authorize_change_of(actor, owned, |(_, c)| *c, Action::RefundGift)?;
    let not_refundable = || DomainError::invalid("gift", Rule::NotRefundable);
    let p = payment::Entity::find()
        .filter(payment::Column::DonationId.eq(gift.id))
        .one(db)
        .await?
        .filter(|p| p.status == PaymentStatus::Succeeded)
        .ok_or_else(not_refundable)?;
    let provider_ref = p.provider_ref.clone().ok_or_else(not_refundable)?;
    let provider = provider.ok_or_else(|| DomainError::invalid("card", Rule::Unavailable))?;
    let currency = Currency::from_code(&p.currency)
        .ok_or_else(|| DomainError::Unexpected(format!("currency {}", p.currency)))?;
    let amount = parse_amount(amount, currency, lang)?;
    let total = p.refunded_minor + amount.minor();
    if total > p.amount_minor {
        return Err(DomainError::invalid("amount", Rule::ExceedsGift));
    }
    provider
        .refund(&provider_ref, amount, &format!("refund:{}:{total}", p.key))
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, payment = p.id, "refund failed at the provider");
            DomainError::invalid("card", Rule::Unavailable)
        })?;
    let txn = crate::db::begin_write(db).await?;
    let locked = lock_payment(&txn, p.id).await?;
    let before = locked.refunded_minor;
    let after = apply_update(
        &txn,
        now,
        locked,
        &PaymentUpdate::Refunded {
            total_minor: total,
            requested_by: Some(actor.user_id),
        },
    )
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "gift.refund",
            object_type: "donation",
            object_id: gift.id.to_string(),
            before: Some(json!({"refunded_minor": before, "currency": p.currency})),
            after: Some(json!({"refunded_minor": after.refunded_minor, "currency": p.currency})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Goods a center received outside any pledge, as the staff form sends it.
#[derive(Debug, Clone)]
pub struct ItemsGift {
    pub center_id: i32,
    /// An in-kind need of one of the center's programs.
    pub need_id: i32,
    /// Whole units of the need's item, typed in any digits.
    pub quantity: String,
    /// Optional; without it the gift is anonymous.
    pub donor_name: String,
    /// Hidden from the public (the center keeps the name).
    pub anonymous: bool,
}

/// Records goods the center received (an append-only `received`
/// movement on the need), with its audit record, in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is staff of the center;
/// `Invalid` for a need that is not an in-kind need of the center
/// (`need`/`unknown_code`), a bad quantity (`quantity`/`not_positive`) or a
/// too long name (`donor_name`); `Db`.
pub async fn record_items(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    form: &ItemsGift,
) -> Result<(), DomainError> {
    let actor = authorize(actor, Action::RecordGift(form.center_id))?;
    let bad_need = || DomainError::invalid("need", Rule::UnknownCode);
    let n = need::Entity::find_by_id(form.need_id)
        .one(db)
        .await?
        .filter(|n| n.kind == GiftKind::InKind)
        .ok_or_else(bad_need)?;
    program::Entity::find_by_id(n.program_id)
        .one(db)
        .await?
        .filter(|p| p.center_id == form.center_id)
        .ok_or_else(bad_need)?;
    let quantity = nikoo_types::Quantity::parse(&form.quantity)
        .ok()
        .filter(|q| q.get() > 0)
        .ok_or_else(|| DomainError::invalid("quantity", Rule::NotPositive))?;
    let name = nikoo_types::accounts::optional_text("donor_name", &form.donor_name, 80)?;
    let key = crate::secrets::new_token();
    let txn = crate::db::begin_write(db).await?;
    let donor_id = named_giver(&txn, now, &key, name.as_deref()).await?;
    let m = records::record_movement(
        &txn,
        now,
        records::NewMovement {
            key: format!("items:{key}"),
            movement: crate::entities::codes::Movement::Received,
            program_id: n.program_id,
            need_id: n.id,
            quantity,
            donor_id,
            anonymous: form.anonymous || donor_id.is_none(),
            pledge_id: None,
            beneficiary_count: None,
            upload_id: None,
            recorded_by: None,
            memo_fa: None,
            memo_en: None,
            occurred_at: now,
        },
    )
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(form.center_id),
            action: "gift.items",
            object_type: "in_kind_movement",
            object_id: m.id.to_string(),
            before: None,
            after: Some(json!({
                "need_id": n.id,
                "quantity": quantity.get(),
                "donor": name,
                "anonymous": form.anonymous,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
