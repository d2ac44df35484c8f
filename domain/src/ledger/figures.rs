//! The three figures of ARCHITECTURE.md invariant 3, per need and per program:
//! *pledged* (promised, not yet received), *received* and *delivered*.
//!
//! Money figures come from ledger balances; pledged from pledges and their
//! schedules; in-kind quantities from the append-only movement record.

use crate::calendar::display_date;
use crate::entities::codes::{GiftKind, Movement, PledgeStatus};
use crate::entities::{donation, in_kind_movement, need, pledge};
use crate::error::DomainError;
use crate::ledger::sum_bigint;
use crate::ledger::{self, Account};
use crate::pledge_schedule::promised_installments;
use chrono::NaiveDate;
use nikoo_types::transparency::{NeedFigures, NeedKind, Totals};
use nikoo_types::{Currency, LocalizedText, Money};
use sea_orm::ActiveEnum;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use std::collections::{BTreeMap, HashMap};

/// A need's figures in its own unit: minor units of its currency (money)
/// or units of its item (in-kind).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NeedNumbers {
    pub pledged: i64,
    pub received: i64,
    pub delivered: i64,
}

/// Figures of a set of programs.
#[derive(Debug, Default)]
pub struct Figures {
    /// By need id.
    pub needs: HashMap<i32, NeedNumbers>,
    /// By program id, then currency: money figures of the program's needs
    /// and of gifts to the program as a whole.
    pub programs: HashMap<i32, BTreeMap<Currency, Totals>>,
    /// By program id: (needs met, needs with a target).
    pub needs_met: HashMap<i32, (u32, u32)>,
}

impl Figures {
    /// A program's money totals, one per currency, sorted by code.
    pub fn program_totals(&self, program_id: i32) -> Vec<Totals> {
        self.programs
            .get(&program_id)
            .map(|m| m.values().copied().collect())
            .unwrap_or_default()
    }

    /// Totals summed over several programs, per currency.
    pub fn sum_totals<'a>(&self, program_ids: impl IntoIterator<Item = &'a i32>) -> Vec<Totals> {
        let mut sum: BTreeMap<Currency, Totals> = BTreeMap::new();
        for id in program_ids {
            for t in self.program_totals(*id) {
                let s = sum.entry(t.currency).or_insert(Totals::zero(t.currency));
                s.pledged += t.pledged;
                s.received += t.received;
                s.delivered += t.delivered;
                s.fees += t.fees;
            }
        }
        sum.into_values().collect()
    }

    /// (met, total) summed over several programs.
    pub fn sum_needs_met<'a>(&self, program_ids: impl IntoIterator<Item = &'a i32>) -> (u32, u32) {
        program_ids
            .into_iter()
            .filter_map(|id| self.needs_met.get(id))
            .fold((0, 0), |(m, t), (m2, t2)| (m + m2, t + t2))
    }
}

/// A need's target in its own unit: minor units (money) or a count (in-kind).
pub fn need_target(n: &need::Model) -> i64 {
    if n.kind == GiftKind::Money {
        n.target_minor
    } else {
        n.target_quantity
    }
    .unwrap_or(0)
}

/// Whether a need's received figure covers its target.
pub fn is_met(target: i64, received: i64) -> bool {
    target > 0 && received >= target
}

#[derive(Debug, FromQueryResult)]
struct KeySum {
    key: Option<i32>,
    amount: i64,
}

/// Quantity moved per need and direction.
#[derive(Debug, FromQueryResult)]
pub(crate) struct MovementSum {
    pub need_id: i32,
    pub kind: Movement,
    pub amount: i64,
}

/// Sums the in-kind movements of `select` by need and direction.
pub(crate) async fn movement_sums<C: ConnectionTrait>(
    db: &C,
    select: sea_orm::Select<in_kind_movement::Entity>,
) -> Result<Vec<MovementSum>, DomainError> {
    Ok(select
        .select_only()
        .column(in_kind_movement::Column::NeedId)
        .column(in_kind_movement::Column::Kind)
        .column_as(sum_bigint(in_kind_movement::Column::Quantity), "amount")
        .group_by(in_kind_movement::Column::NeedId)
        .group_by(in_kind_movement::Column::Kind)
        .into_model::<MovementSum>()
        .all(db)
        .await?)
}

/// `SUM(amount)` of the rows of `select`, by their (nullable) pledge column.
async fn sum_by_pledge<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    select: sea_orm::Select<E>,
    pledge: E::Column,
    amount: E::Column,
) -> Result<HashMap<i32, i64>, DomainError> {
    Ok(select
        .select_only()
        .column_as(pledge, "key")
        .column_as(sum_bigint(amount), "amount")
        .group_by(pledge)
        .into_model::<KeySum>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.key?, r.amount)))
        .collect())
}

/// Computes the figures of `program_ids` as of `today` (the 12-month pledge
/// horizon starts there).
///
/// # Errors
/// `Db`; `Unexpected` for a stored code that does not parse.
pub async fn compute<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    program_ids: &[i32],
) -> Result<Figures, DomainError> {
    let mut fig = Figures::default();
    if program_ids.is_empty() {
        return Ok(fig);
    }
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.is_in(program_ids.iter().copied()))
        .all(db)
        .await?;
    let currency = |code: &str| {
        Currency::from_code(code).ok_or_else(|| DomainError::Unexpected(format!("currency {code}")))
    };
    for n in &needs {
        fig.needs.insert(n.id, NeedNumbers::default());
        if let Some(c) = n.currency.as_deref().filter(|_| n.kind == GiftKind::Money) {
            let c = currency(c)?;
            fig.programs
                .entry(n.program_id)
                .or_default()
                .entry(c)
                .or_insert(Totals::zero(c));
        }
    }

    // Received and delivered money: ledger balances.
    for b in ledger::balances(db, Some(program_ids)).await? {
        let Some(program_id) = b.program_id else {
            continue;
        };
        let c = currency(&b.currency)?;
        let (received, delivered, fees) = match b.account {
            Account::Contributions => (-b.amount, 0, 0),
            Account::ProgramExpense => (0, b.amount, 0),
            Account::ProcessingFees => (0, 0, b.amount),
            Account::Cash => continue,
        };
        let t = fig
            .programs
            .entry(program_id)
            .or_default()
            .entry(c)
            .or_insert(Totals::zero(c));
        t.received += received;
        t.delivered += delivered;
        t.fees += fees;
        if let Some(n) = b.need_id.and_then(|id| fig.needs.get_mut(&id)) {
            n.received += received;
            n.delivered += delivered;
        }
    }

    // In-kind received and delivered: movements.
    let movements = movement_sums(
        db,
        in_kind_movement::Entity::find()
            .filter(in_kind_movement::Column::ProgramId.is_in(program_ids.iter().copied())),
    )
    .await?;
    for m in movements {
        if let Some(n) = fig.needs.get_mut(&m.need_id) {
            match m.kind {
                Movement::Received => n.received += m.amount,
                Movement::Delivered => n.delivered += m.amount,
            }
        }
    }

    // Pledged: what active pledges promise minus what they brought in.
    let pledges = pledge::Entity::find()
        .filter(pledge::Column::ProgramId.is_in(program_ids.iter().copied()))
        .filter(pledge::Column::Status.eq(PledgeStatus::Active))
        .all(db)
        .await?;
    let pledge_ids: Vec<i32> = pledges.iter().map(|p| p.id).collect();
    let paid = sum_by_pledge(
        db,
        donation::Entity::find()
            .filter(donation::Column::PledgeId.is_in(pledge_ids.iter().copied())),
        donation::Column::PledgeId,
        donation::Column::AmountMinor,
    )
    .await?;
    let handed = sum_by_pledge(
        db,
        in_kind_movement::Entity::find()
            .filter(in_kind_movement::Column::PledgeId.is_in(pledge_ids.iter().copied()))
            .filter(in_kind_movement::Column::Kind.eq(Movement::Received)),
        in_kind_movement::Column::PledgeId,
        in_kind_movement::Column::Quantity,
    )
    .await?;
    for p in &pledges {
        if p.kind == GiftKind::InKind {
            let outstanding =
                (p.quantity.unwrap_or(0) - handed.get(&p.id).copied().unwrap_or(0)).max(0);
            if let Some(n) = p.need_id.and_then(|id| fig.needs.get_mut(&id)) {
                n.pledged += outstanding;
            }
            continue;
        }
        let frequency = p.frequency;
        let count = p.installment_count.and_then(|n| u32::try_from(n).ok());
        let promised = i64::from(promised_installments(p.start_date, frequency, count, today))
            .saturating_mul(p.amount_minor.unwrap_or(0));
        let outstanding = (promised - paid.get(&p.id).copied().unwrap_or(0)).max(0);
        let c = currency(p.currency.as_deref().unwrap_or_default())?;
        fig.programs
            .entry(p.program_id)
            .or_default()
            .entry(c)
            .or_insert(Totals::zero(c))
            .pledged += outstanding;
        if let Some(n) = p.need_id.and_then(|id| fig.needs.get_mut(&id)) {
            n.pledged += outstanding;
        }
    }

    for n in &needs {
        let target = need_target(n);
        let numbers = fig.needs.get(&n.id).copied().unwrap_or_default();
        let entry = fig.needs_met.entry(n.program_id).or_insert((0, 0));
        if target > 0 {
            entry.1 += 1;
            if is_met(target, numbers.received) {
                entry.0 += 1;
            }
        }
    }
    Ok(fig)
}

/// A need's public figures and standing.
pub fn need_figures(n: &need::Model, fig: &Figures) -> NeedFigures {
    let numbers = fig.needs.get(&n.id).copied().unwrap_or_default();
    let money = n.kind == GiftKind::Money;
    let currency = n.currency.as_deref().and_then(Currency::from_code);
    let target = need_target(n);
    NeedFigures {
        id: n.id,
        kind: if money {
            NeedKind::Money
        } else {
            NeedKind::InKind
        },
        title: LocalizedText::new(Some(n.title_fa.clone()), n.title_en.clone()),
        currency: currency.filter(|_| money),
        unit: (!money).then(|| LocalizedText::new(n.unit_fa.clone(), n.unit_en.clone())),
        target,
        pledged: numbers.pledged,
        received: numbers.received,
        delivered: numbers.delivered,
        unit_value: n
            .unit_value_minor
            .zip(currency)
            .filter(|_| !money)
            .map(|(m, c)| Money::from_minor(m, c)),
        met: is_met(target, numbers.received),
        status: n.status.to_value(),
        open: n.status == crate::entities::codes::NeedStatus::Open,
        state: nikoo_types::workspace::need_state(&n.status.to_value(), target, numbers.received)
            .to_owned(),
        priority: nikoo_types::workspace::Priority::from_code(&n.priority).unwrap_or_default(),
        deadline: n.deadline.map(display_date),
        closed_reason: n.closed_reason.clone(),
        served: None,
    }
}
