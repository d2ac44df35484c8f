//! A donor's yearly giving statement: every gift the donor's record gave
//! that was received in one year of the Solar Hijri or the Gregorian
//! calendar (Iran's tax year is the Solar Hijri year; donors abroad file
//! by the Gregorian one), each with the receiving center's receipt number,
//! what was refunded of it, and the sums per currency.
//!
//! A gift's day is its receiving center's day (its time zone), as on the
//! receipt.

use crate::calendar::{display_instant, time_zone};
use crate::entities::{center, donation, need, payment, program, user};
use crate::error::DomainError;
use nikoo_types::giving::{GivingStatement, StatementLine, StatementTotal};
use nikoo_types::{Calendar, Currency, LocalizedText, Money};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn text(fa: String, en: Option<String>) -> LocalizedText {
    LocalizedText::new(Some(fa), en)
}

/// The signed-in donor's statement for `year` of `calendar`. A year
/// without gifts gives an empty statement (still with the other years).
///
/// # Errors
/// `Db`; `Unexpected` for a stored currency code Nikoo does not know.
pub async fn statement<C: ConnectionTrait>(
    db: &C,
    user: &user::Model,
    year: i32,
    calendar: Calendar,
) -> Result<GivingStatement, DomainError> {
    let gifts = match user.donor_id {
        Some(id) => {
            donation::Entity::find()
                .filter(donation::Column::DonorId.eq(id))
                .filter(donation::Column::ReversedAt.is_null())
                .order_by_asc(donation::Column::ReceivedAt)
                .order_by_asc(donation::Column::Id)
                .all(db)
                .await?
        }
        None => vec![],
    };
    use crate::db::rows_by;
    let programs = rows_by::<program::Entity, _>(
        db,
        program::Column::Id,
        gifts.iter().map(|g| g.program_id),
        |p| p.id,
    )
    .await?;
    let centers = rows_by::<center::Entity, _>(
        db,
        center::Column::Id,
        programs.values().map(|p| p.center_id),
        |c| c.id,
    )
    .await?;
    let needs = rows_by::<need::Entity, _>(
        db,
        need::Column::Id,
        gifts.iter().filter_map(|g| g.need_id),
        |n| n.id,
    )
    .await?;
    let refunded: HashMap<i32, i64> = payment::Entity::find()
        .filter(payment::Column::DonationId.is_in(gifts.iter().map(|g| g.id)))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.donation_id?, p.refund_posted_minor)))
        .collect();

    let mut years = BTreeSet::new();
    let mut lines = Vec::new();
    let mut sums: BTreeMap<&'static str, (Currency, i64, i64)> = BTreeMap::new();
    for g in &gifts {
        let program = programs.get(&g.program_id);
        let center = program.and_then(|p| centers.get(&p.center_id));
        let tz = center.map_or(crate::calendar::DEFAULT_TIME_ZONE, |c| {
            time_zone(&c.time_zone)
        });
        let date = display_instant(g.received_at, tz);
        years.insert(date.year_in(calendar));
        if date.year_in(calendar) != year {
            continue;
        }
        let currency = Currency::from_code(&g.currency)
            .ok_or_else(|| DomainError::Unexpected(format!("currency {}", g.currency)))?;
        let back = refunded.get(&g.id).copied().unwrap_or(0);
        let sum = sums.entry(currency.code()).or_insert((currency, 0, 0));
        // Each gift is at most `money::MAX_MINOR`, but thousands could
        // pass 64 bits: the statement then fails rather than wrap.
        let beyond = || DomainError::Unexpected("a statement's sum beyond 64 bits".into());
        sum.1 = sum.1.checked_add(g.amount_minor).ok_or_else(beyond)?;
        sum.2 = sum.2.checked_add(back).ok_or_else(beyond)?;
        lines.push(StatementLine {
            donation_id: g.id,
            date,
            center_name: center
                .map(|c| text(c.name_fa.clone(), c.name_en.clone()))
                .unwrap_or_default(),
            receipt_number: g.receipt_number,
            program_title: program
                .map(|p| text(p.title_fa.clone(), p.title_en.clone()))
                .unwrap_or_default(),
            need_title: g
                .need_id
                .and_then(|n| needs.get(&n))
                .map(|n| text(n.title_fa.clone(), n.title_en.clone())),
            method: g.method.to_value(),
            amount: Money::from_minor(g.amount_minor, currency),
            refunded: Money::from_minor(back, currency),
        });
    }
    let donor_name = match user.donor_id {
        Some(id) => crate::entities::donor::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|d| d.display_name),
        None => None,
    }
    .unwrap_or_else(|| user.display_name.clone());
    Ok(GivingStatement {
        donor_name,
        year,
        calendar,
        lines,
        totals: sums
            .into_values()
            .map(|(c, given, back)| StatementTotal {
                given: Money::from_minor(given, c),
                refunded: Money::from_minor(back, c),
                net: Money::from_minor(given - back, c),
            })
            .collect(),
        years: years.into_iter().rev().collect(),
    })
}
