//! The three figures of ARCHITECTURE.md invariant 3, per need and per program:
//! *pledged* (promised, not yet received), *received* and *delivered*.
//!
//! Money figures come from ledger balances; pledged from pledges and their
//! schedules; in-kind quantities from the append-only movement record.

use crate::calendar::display_date;
use crate::entities::codes::{GiftKind, Movement, PledgeStatus};
use crate::entities::{donation, in_kind_movement, need, pledge};
use crate::error::DomainError;
use crate::ledger::{self, Account};
use crate::ledger::{joined, split_sum};
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
///
/// Every sum is checked: a program whose figures do not fit in 64 bits
/// (only amounts recorded before amounts were bounded can do that) is
/// listed in `unreadable`, its figures left out of every total, and its
/// own page fails; the rest of the site is unaffected.
#[derive(Debug, Default)]
pub struct Figures {
    /// By need id.
    pub needs: HashMap<i32, NeedNumbers>,
    /// By program id, then currency: money figures of the program's needs
    /// and of gifts to the program as a whole.
    pub programs: HashMap<i32, BTreeMap<Currency, Totals>>,
    /// By program id: (needs met, needs with a target).
    pub needs_met: HashMap<i32, (u32, u32)>,
    /// Programs whose figures could not be summed (see above).
    pub unreadable: std::collections::BTreeSet<i32>,
}

/// `a + b`, or `None` past 64 bits.
fn add(a: &mut i64, b: i64) -> Option<()> {
    *a = a.checked_add(b)?;
    Some(())
}

impl Figures {
    /// A program's money totals, one per currency, sorted by code.
    pub fn program_totals(&self, program_id: i32) -> Vec<Totals> {
        self.programs
            .get(&program_id)
            .map(|m| m.values().copied().collect())
            .unwrap_or_default()
    }

    /// Whether program `program_id`'s figures could be summed.
    ///
    /// # Errors
    /// `Unexpected` for an unreadable program (its page fails, alone).
    pub fn readable(&self, program_id: i32) -> Result<(), DomainError> {
        if self.unreadable.contains(&program_id) {
            return Err(DomainError::Unexpected(format!(
                "program {program_id}: figures beyond 64 bits"
            )));
        }
        Ok(())
    }

    /// Totals summed over several programs, per currency, unreadable
    /// programs left out. A sum past 64 bits stops at the largest value
    /// (logged): it is a platform total, never one program's figure.
    pub fn sum_totals<'a>(&self, program_ids: impl IntoIterator<Item = &'a i32>) -> Vec<Totals> {
        let mut sum: BTreeMap<Currency, [i128; 5]> = BTreeMap::new();
        for id in program_ids {
            if self.unreadable.contains(id) {
                continue;
            }
            for t in self.program_totals(*id) {
                let s = sum.entry(t.currency).or_default();
                for (s, v) in
                    s.iter_mut()
                        .zip([t.pledged, t.received, t.delivered, t.fees, t.target])
                {
                    *s += i128::from(v);
                }
            }
        }
        let fit = |v: i128| {
            i64::try_from(v).unwrap_or_else(|_| {
                tracing::error!(total = %v, "a summed figure is beyond 64 bits");
                if v < 0 {
                    i64::MIN
                } else {
                    i64::MAX
                }
            })
        };
        sum.into_iter()
            .map(
                |(currency, [pledged, received, delivered, fees, target])| Totals {
                    pledged: fit(pledged),
                    received: fit(received),
                    delivered: fit(delivered),
                    fees: fit(fees),
                    target: fit(target),
                    ..Totals::zero(currency)
                },
            )
            .collect()
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
    amount_high: i64,
    amount_low: i64,
}

#[derive(Debug, FromQueryResult)]
struct MovementRow {
    need_id: i32,
    kind: Movement,
    amount_high: i64,
    amount_low: i64,
}

/// Quantity moved per need and direction; `amount` is `None` beyond 64 bits.
#[derive(Debug)]
pub(crate) struct MovementSum {
    pub need_id: i32,
    pub kind: Movement,
    pub amount: Option<i64>,
}

/// Sums the in-kind movements of `select` by need and direction.
pub(crate) async fn movement_sums<C: ConnectionTrait>(
    db: &C,
    select: sea_orm::Select<in_kind_movement::Entity>,
) -> Result<Vec<MovementSum>, DomainError> {
    Ok(split_sum(
        select
            .select_only()
            .column(in_kind_movement::Column::NeedId)
            .column(in_kind_movement::Column::Kind),
        in_kind_movement::Column::Quantity,
        "amount",
    )
    .group_by(in_kind_movement::Column::NeedId)
    .group_by(in_kind_movement::Column::Kind)
    .into_model::<MovementRow>()
    .all(db)
    .await?
    .into_iter()
    .map(|r| MovementSum {
        need_id: r.need_id,
        kind: r.kind,
        amount: joined(r.amount_high, r.amount_low),
    })
    .collect())
}

/// `SUM(amount)` of the rows of `select`, by their (nullable) pledge
/// column; `None` beyond 64 bits.
async fn sum_by_pledge<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    select: sea_orm::Select<E>,
    pledge: E::Column,
    amount: E::Column,
) -> Result<HashMap<i32, Option<i64>>, DomainError> {
    Ok(split_sum(
        select.select_only().column_as(pledge, "key"),
        amount,
        "amount",
    )
    .group_by(pledge)
    .into_model::<KeySum>()
    .all(db)
    .await?
    .into_iter()
    .filter_map(|r| Some((r.key?, joined(r.amount_high, r.amount_low))))
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
            let t = fig
                .programs
                .entry(n.program_id)
                .or_default()
                .entry(c)
                .or_insert(Totals::zero(c));
            if add(&mut t.target, need_target(n).max(0)).is_none() {
                fig.unreadable.insert(n.program_id);
            }
        }
    }

    let program_of: HashMap<i32, i32> = needs.iter().map(|n| (n.id, n.program_id)).collect();

    // Received and delivered money: ledger balances.
    for b in ledger::balances(db, Some(program_ids)).await? {
        let Some(program_id) = b.program_id else {
            continue;
        };
        let c = currency(&b.currency)?;
        let added = (|| {
            let amount = b.amount?;
            let (received, delivered, fees) = match b.account {
                Account::Contributions => (amount.checked_neg()?, 0, 0),
                Account::ProgramExpense => (0, amount, 0),
                Account::ProcessingFees => (0, 0, amount),
                Account::Cash => return Some(()),
            };
            let t = fig
                .programs
                .entry(program_id)
                .or_default()
                .entry(c)
                .or_insert(Totals::zero(c));
            add(&mut t.received, received)?;
            add(&mut t.delivered, delivered)?;
            add(&mut t.fees, fees)?;
            if let Some(n) = b.need_id.and_then(|id| fig.needs.get_mut(&id)) {
                add(&mut n.received, received)?;
                add(&mut n.delivered, delivered)?;
            }
            Some(())
        })();
        if added.is_none() {
            fig.unreadable.insert(program_id);
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
        let added = (|| {
            if let Some(n) = fig.needs.get_mut(&m.need_id) {
                match m.kind {
                    Movement::Received => add(&mut n.received, m.amount?)?,
                    Movement::Delivered => add(&mut n.delivered, m.amount?)?,
                }
            }
            Some(())
        })();
        if let (None, Some(p)) = (added, program_of.get(&m.need_id)) {
            fig.unreadable.insert(*p);
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
            .filter(donation::Column::PledgeId.is_in(pledge_ids.iter().copied()))
            .filter(donation::Column::ReversedAt.is_null()),
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
        let c = match p.kind {
            GiftKind::InKind => None,
            GiftKind::Money => Some(currency(p.currency.as_deref().unwrap_or_default())?),
        };
        let added = (|| {
            let brought =
                |sums: &HashMap<i32, Option<i64>>| sums.get(&p.id).copied().unwrap_or(Some(0));
            let outstanding = match c {
                None => p
                    .quantity
                    .unwrap_or(0)
                    .checked_sub(brought(&handed)?)?
                    .max(0),
                Some(_) => {
                    let count = p.installment_count.and_then(|n| u32::try_from(n).ok());
                    let installments =
                        promised_installments(p.start_date, p.frequency, count, today);
                    i64::from(installments)
                        .checked_mul(p.amount_minor.unwrap_or(0))?
                        .checked_sub(brought(&paid)?)?
                        .max(0)
                }
            };
            if let Some(c) = c {
                let t = fig
                    .programs
                    .entry(p.program_id)
                    .or_default()
                    .entry(c)
                    .or_insert(Totals::zero(c));
                add(&mut t.pledged, outstanding)?;
            }
            if let Some(n) = p.need_id.and_then(|id| fig.needs.get_mut(&id)) {
                add(&mut n.pledged, outstanding)?;
            }
            Some(())
        })();
        if added.is_none() {
            fig.unreadable.insert(p.program_id);
        }
    }

    // An unreadable program shows no figure at all, rather than a partial one.
    for program_id in &fig.unreadable {
        tracing::error!(
            program_id,
            "figures beyond 64 bits: the program's page fails"
        );
        fig.programs.remove(program_id);
    }
    for n in needs
        .iter()
        .filter(|n| fig.unreadable.contains(&n.program_id))
    {
        fig.needs.insert(n.id, NeedNumbers::default());
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
