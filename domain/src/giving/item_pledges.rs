//! In-kind pledges: a signed-in donor, or a center through its owner or
//! manager, promises a quantity of an in-kind need's item by a date; the
//! receiving center's staff record the goods as they arrive (an append-only
//! `received` movement against the pledge), and the pledge is fulfilled
//! once all of it came. Pledged and received figures follow from the
//! pledge and the movements (`figures`).

use crate::accounts::policy::{authorize, authorize_change_of, Action, Actor};
use crate::audit::{self, Change};
use crate::calendar::{display_date, local_date, time_zone};
use crate::entities::codes::{GiftKind, Movement, NeedStatus, PledgeStatus, ProgramStatus};
use crate::entities::{center, in_kind_movement, need, pledge, program, user};
use crate::error::DomainError;
use crate::giving::pledge_list::{PledgeRows, Viewer};
use crate::giving::records::{NewMovement, NewPledge, Promise};
use chrono::{DateTime, Days, NaiveDate, Utc};
use nikoo_types::giving::item_pledges::{
    ItemNeed, ItemPledge, ItemPledgeForm, ItemPledgeOptions, PledgeAs,
};
use nikoo_types::giving::Anonymity;
use nikoo_types::outcome::Rule;
use nikoo_types::{LocalizedText, Quantity};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// How far ahead a delivery may be promised: one year (a pledge further
/// out is not a plan a center can count on).
pub const LATEST_DUE_DAYS: u64 = 365;

fn text(fa: String, en: Option<String>) -> LocalizedText {
    LocalizedText::new(Some(fa), en)
}

fn unit(n: &need::Model) -> LocalizedText {
    LocalizedText::new(n.unit_fa.clone(), n.unit_en.clone())
}

/// The public, active program `slug` and its center.
async fn open_program<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> Result<(program::Model, center::Model), DomainError> {
    let program = crate::catalog::visible_programs()
        .filter(program::Column::Slug.eq(slug.trim()))
        .one(db)
        .await?
        .filter(|p| p.status == ProgramStatus::Active)
        .ok_or(DomainError::NotFound)?;
    let c = center::Entity::find_by_id(program.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((program, c))
}

/// The centers `actor` may pledge for: where they are owner or manager,
/// other than `receiving`.
///
/// # Errors
/// `Db`.
pub(crate) async fn pledge_as<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    receiving: i32,
) -> Result<Vec<PledgeAs>, DomainError> {
    let Some(actor) = actor else {
        return Ok(vec![]);
    };
    let ids: Vec<i32> = actor
        .roles
        .keys()
        .copied()
        .filter(|id| {
            *id != receiving && crate::accounts::policy::allows(actor, Action::PledgeForCenter(*id))
        })
        .collect();
    Ok(center::Entity::find()
        .filter(center::Column::Id.is_in(ids))
        .order_by_asc(center::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| PledgeAs {
            center_id: c.id,
            name: text(c.name_fa, c.name_en),
        })
        .collect())
}

/// The center a pledge is made for (`pledge_as`), checked: the actor is
/// its owner or manager, it is verified, and it is not the receiving
/// center.
///
/// # Errors
/// `Forbidden`; `Invalid` (`center`/`not_allowed`) for a center not
/// verified; `Db`.
pub(crate) async fn pledging_center<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    pledge_as: Option<i32>,
    receiving: i32,
) -> Result<Option<i32>, DomainError> {
    match pledge_as {
        Some(id) if id != receiving => {
            authorize(Some(actor), Action::PledgeForCenter(id))?;
            crate::catalog::verified_center(db, id).await?;
            Ok(Some(id))
        }
        Some(_) => Err(DomainError::Forbidden),
        None => Ok(None),
    }
}

/// The in-kind pledge page of program `slug`.
///
/// # Errors
/// `NotFound` for a program that is not public and active; `Db`.
pub async fn options<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<ItemPledgeOptions, DomainError> {
    let (program, c) = open_program(db, slug).await?;
    let today = local_date(now, time_zone(&c.time_zone));
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.eq(program.id))
        .filter(need::Column::Kind.eq(GiftKind::InKind))
        .filter(need::Column::Status.eq(NeedStatus::Open))
        .order_by_asc(need::Column::Position)
        .all(db)
        .await?;
    let figures = crate::ledger::figures::compute(db, today, &[program.id]).await?;
    Ok(ItemPledgeOptions {
        program_slug: program.slug,
        program_title: text(program.title_fa, program.title_en),
        center_name: text(c.name_fa, c.name_en),
        needs: needs
            .iter()
            .map(|n| {
                let f = figures.needs.get(&n.id).copied().unwrap_or_default();
                ItemNeed {
                    id: n.id,
                    title: text(n.title_fa.clone(), n.title_en.clone()),
                    unit: unit(n),
                    still_needed: (n.target_quantity.unwrap_or(0) - f.received - f.pledged).max(0),
                }
            })
            .collect(),
        pledge_as: pledge_as(db, actor, c.id).await?,
        earliest: today.to_string(),
        latest: (today + Days::new(LATEST_DUE_DAYS)).to_string(),
    })
}

/// Records an in-kind pledge from the signed-in account (`user`, whose
/// policy view is `actor`), for itself or for a center it owns or manages.
///
/// # Errors
/// `NotFound` for a program that is not public and active;
/// `Invalid(need/not_open_items)`, `Invalid(quantity/…)`,
/// `Invalid(due_date/invalid|out_of_range)`; `Forbidden` for a center the
/// account may not pledge for (or the receiving center itself); `Db`.
pub async fn pledge(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    user: &user::Model,
    actor: &Actor,
    form: &ItemPledgeForm,
) -> Result<pledge::Model, DomainError> {
    let (program, c) = open_program(db, &form.program).await?;
    let need = need::Entity::find_by_id(form.need)
        .one(db)
        .await?
        .filter(|n| {
            n.program_id == program.id && n.kind == GiftKind::InKind && n.status == NeedStatus::Open
        })
        .ok_or_else(|| DomainError::invalid("need", Rule::NotOpenItems))?;
    let quantity = Quantity::parse(&form.quantity)
        .ok()
        .filter(|q| q.get() > 0)
        .ok_or_else(|| DomainError::invalid("quantity", Rule::NotPositive))?;
    let today = local_date(now, time_zone(&c.time_zone));
    let due = NaiveDate::parse_from_str(
        &nikoo_types::digits::to_ascii_digits(form.due_date.trim()),
        "%Y-%m-%d",
    )
    .map_err(|_| DomainError::invalid("due_date", Rule::Invalid))?;
    if due < today || due > today + Days::new(LATEST_DUE_DAYS) {
        return Err(DomainError::invalid("due_date", Rule::OutOfRange));
    }
    let for_center = pledging_center(db, actor, form.pledge_as, c.id).await?;
    let txn = crate::db::begin_write(db).await?;
    let donor = crate::giving::donors::account_donor(&txn, now, user).await?;
    let p = crate::giving::records::record_pledge(
        &txn,
        now,
        NewPledge {
            key: format!("item-pledge:{}", crate::secrets::new_token()),
            donor_id: Some(donor.id),
            anonymous: form.anonymity != Anonymity::Public,
            hidden_from_center: form.anonymity == Anonymity::HiddenFromCenter,
            pledging_center_id: for_center,
            program_id: program.id,
            need_id: Some(need.id),
            promise: Promise::InKind { quantity, due },
            start_date: today,
        },
    )
    .await?;
    if let Some(center_id) = for_center {
        audit::record(
            &txn,
            now,
            Change {
                actor_user_id: Some(actor.user_id),
                center_id: Some(center_id),
                action: "pledge.items",
                object_type: "pledge",
                object_id: p.id.to_string(),
                before: None,
                after: Some(json!({
                    "program_id": program.id,
                    "need_id": need.id,
                    "quantity": quantity.get(),
                    "due_date": due.to_string(),
                })),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(p)
}

/// The in-kind pledges in `rows`, with what arrived against each.
async fn listed<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    rows: Vec<pledge::Model>,
    viewer: Viewer,
) -> Result<Vec<ItemPledge>, DomainError> {
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let mut received: HashMap<i32, i64> = HashMap::new();
    for m in in_kind_movement::Entity::find()
        .filter(in_kind_movement::Column::PledgeId.is_in(ids))
        .filter(in_kind_movement::Column::Kind.eq(Movement::Received))
        .all(db)
        .await?
    {
        if let Some(p) = m.pledge_id {
            // Each receipt is checked against the promise (at most
            // `quantity::MAX_QUANTITY`); saturating keeps a display sane.
            let sum = received.entry(p).or_default();
            *sum = sum.saturating_add(m.quantity);
        }
    }
    use crate::db::rows_by;
    let programs = rows_by::<program::Entity, _>(
        db,
        program::Column::Id,
        rows.iter().map(|p| p.program_id),
        |p| p.id,
    )
    .await?;
    let listed: Vec<&pledge::Model> = rows.iter().collect();
    let program_centers: Vec<i32> = programs.values().map(|p| p.center_id).collect();
    let related = PledgeRows::load(db, &listed, program_centers).await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let (Some(program), Some(n), Some(quantity), Some(due)) = (
            programs.get(&p.program_id),
            p.need_id.and_then(|id| related.needs.get(&id)),
            p.quantity,
            p.due_date,
        ) else {
            continue;
        };
        let tz = related
            .centers
            .get(&program.center_id)
            .map_or(crate::calendar::DEFAULT_TIME_ZONE, |c| {
                time_zone(&c.time_zone)
            });
        let got = received.get(&p.id).copied().unwrap_or(0);
        let by = related.shown_pledger(&p, viewer);
        out.push(ItemPledge {
            id: p.id,
            program_slug: program.slug.clone(),
            program_title: text(program.title_fa.clone(), program.title_en.clone()),
            need_title: text(n.title_fa.clone(), n.title_en.clone()),
            unit: unit(n),
            quantity,
            received: got,
            due: display_date(due),
            late: p.status == PledgeStatus::Active && got < quantity && due < local_date(now, tz),
            status: p.status.to_value(),
            can_cancel: p.status == PledgeStatus::Active,
            by,
            by_center: p.pledging_center_id.is_some(),
        });
    }
    Ok(out)
}

/// The in-kind pledges the signed-in account made (for itself or its centers).
///
/// # Errors
/// `Db`.
pub async fn of_donor<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user: &user::Model,
) -> Result<Vec<ItemPledge>, DomainError> {
    let Some(donor_id) = user.donor_id else {
        return Ok(vec![]);
    };
    let rows = pledge::Entity::find()
        .filter(pledge::Column::DonorId.eq(donor_id))
        .filter(pledge::Column::Kind.eq(GiftKind::InKind))
        .order_by_desc(pledge::Column::Id)
        .all(db)
        .await?;
    listed(db, now, rows, Viewer::Pledger).await
}

/// The in-kind pledges still open at center `center_id`, soonest due first
/// (the caller has checked the center's gifts may be read).
///
/// # Errors
/// `Db`.
pub async fn open_at_center<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    center_id: i32,
) -> Result<Vec<ItemPledge>, DomainError> {
    let programs: Vec<i32> = program::Entity::find()
        .filter(program::Column::CenterId.eq(center_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let rows = pledge::Entity::find()
        .filter(pledge::Column::ProgramId.is_in(programs))
        .filter(pledge::Column::Kind.eq(GiftKind::InKind))
        .filter(pledge::Column::Status.eq(PledgeStatus::Active))
        .order_by_asc(pledge::Column::DueDate)
        .order_by_asc(pledge::Column::Id)
        .all(db)
        .await?;
    listed(db, now, rows, Viewer::Center).await
}

/// Records `quantity` (typed, whole units) of in-kind pledge `pledge_id`
/// as received by its center, audited; the pledge is fulfilled once all
/// of it arrived. More than what is left is refused.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller may record gifts at
/// the pledge's center (also for a pledge that does not exist);
/// `Invalid(pledge/not_allowed)` for a pledge no longer open;
/// `Invalid(quantity/not_positive|exceeds_pledge)`; `Db`.
pub async fn receive(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    pledge_id: i32,
    quantity: &str,
) -> Result<(), DomainError> {
    let p = pledge::Entity::find_by_id(pledge_id)
        .one(db)
        .await?
        .filter(|p| p.kind == GiftKind::InKind);
    let center_of = match &p {
        Some(p) => program::Entity::find_by_id(p.program_id)
            .one(db)
            .await?
            .map(|pr| pr.center_id),
        None => None,
    };
    let (actor, (p, center_id)) =
        authorize_change_of(actor, p.zip(center_of), |(_, c)| *c, Action::RecordGift)?;
    if p.status != PledgeStatus::Active {
        return Err(DomainError::invalid("pledge", Rule::NotAllowed));
    }
    let quantity = Quantity::parse(quantity)
        .ok()
        .filter(|q| q.get() > 0)
        .ok_or_else(|| DomainError::invalid("quantity", Rule::NotPositive))?;
    let (Some(need_id), Some(promised)) = (p.need_id, p.quantity) else {
        return Err(DomainError::invalid("pledge", Rule::NotAllowed));
    };
    let txn = crate::db::begin_write(db).await?;
    // The pledge locked: two staff recording at once add up, never past it.
    let p = crate::db::for_update(&txn, pledge::Entity::find_by_id(p.id))
        .one(&txn)
        .await?
        .filter(|p| p.status == PledgeStatus::Active)
        .ok_or_else(|| DomainError::invalid("pledge", Rule::NotAllowed))?;
    let before: i64 = in_kind_movement::Entity::find()
        .filter(in_kind_movement::Column::PledgeId.eq(p.id))
        .filter(in_kind_movement::Column::Kind.eq(Movement::Received))
        .all(&txn)
        .await?
        .iter()
        .fold(0i64, |sum, m| sum.saturating_add(m.quantity));
    // Saturated, it is beyond any promise and refused below.
    let after = before.saturating_add(quantity.get());
    if after > promised {
        return Err(DomainError::invalid("quantity", Rule::ExceedsPledge));
    }
    let m = crate::giving::records::record_movement(
        &txn,
        now,
        NewMovement {
            key: format!("pledge-items:{}:{after}", p.id),
            movement: Movement::Received,
            program_id: p.program_id,
            need_id,
            quantity,
            donor_id: p.donor_id,
            anonymous: p.anonymous,
            pledge_id: Some(p.id),
            beneficiary_count: None,
            upload_id: None,
            recorded_by: None,
            memo_fa: None,
            memo_en: None,
            occurred_at: now,
        },
    )
    .await?;
    if after == promised {
        let mut row: pledge::ActiveModel = p.clone().into();
        row.status = Set(PledgeStatus::Fulfilled);
        row.update(&txn).await?;
    }
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "pledge.items_received",
            object_type: "pledge",
            object_id: p.id.to_string(),
            before: Some(json!({"received": before})),
            after: Some(json!({"received": after, "of": promised, "movement_id": m.id})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
