//! The double-entry ledger (ARCHITECTURE.md invariant 2).
//!
//! Every money movement is one transaction whose entries sum to zero per
//! currency. Entries are signed minor units, debit positive. Rows are
//! never updated or deleted (the schema's triggers refuse it); a
//! correction is a reversing transaction.
//!
//! Accounts, per program fund and designation (program, optional need):
//! - `cash`: money the program holds (asset);
//! - `contributions`: gifts received (revenue, credit): *received* of a
//!   need is minus its balance;
//! - `program_expense`: money spent (expense, debit): *delivered* of a
//!   money need is its balance;
//! - `processing_fees`: payment provider fees (expense).

use crate::entities::{ledger_entry, ledger_transaction};
use crate::error::DomainError;
use chrono::{DateTime, Utc};
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, Money};
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, Set,
};
use std::collections::BTreeMap;

pub use crate::entities::codes::{Account, TransactionKind};

pub mod figures;

/// One line of a transaction: `money` (signed, debit positive) on `account`
/// of a program's fund, designated to a need or to the program as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub account: Account,
    pub program_id: Option<i32>,
    pub need_id: Option<i32>,
    pub money: Money,
}

/// A transaction to post.
#[derive(Debug, Clone)]
pub struct NewTransaction {
    /// Unique key: posting the same key twice is refused with `Conflict`.
    pub idempotency_key: String,
    pub kind: TransactionKind,
    /// When the movement happened, UTC.
    pub occurred_at: DateTime<Utc>,
    pub memo_fa: Option<String>,
    pub memo_en: Option<String>,
    pub reverses_id: Option<i32>,
    pub postings: Vec<Posting>,
}

/// Checks that postings are non-empty, non-zero and sum to zero per currency.
///
/// # Errors
/// `Invalid` naming the broken rule.
pub fn check_balanced(postings: &[Posting]) -> Result<(), DomainError> {
    if postings.len() < 2 {
        return Err(DomainError::invalid("postings", Rule::TooFewEntries));
    }
    let mut sums: BTreeMap<Currency, Money> = BTreeMap::new();
    for p in postings {
        if p.money.minor() == 0 {
            return Err(DomainError::invalid("postings", Rule::ZeroEntry));
        }
        let cur = p.money.currency();
        let sum = sums.entry(cur).or_insert(Money::zero(cur));
        *sum = sum
            .checked_add(p.money)
            .map_err(|_| DomainError::invalid("postings", Rule::Overflow))?;
    }
    if sums.values().any(|m| m.minor() != 0) {
        return Err(DomainError::invalid("postings", Rule::Unbalanced));
    }
    Ok(())
}

/// Posts a balanced transaction. Run it inside the caller's database
/// transaction so the ledger and the record that caused it commit together.
///
/// # Errors
/// `Invalid` when unbalanced; `Conflict` when the idempotency key was used; `Db`.
#[tracing::instrument(skip(db, tx), fields(key = %tx.idempotency_key))]
pub async fn post<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    tx: NewTransaction,
) -> Result<ledger_transaction::Model, DomainError> {
    check_balanced(&tx.postings)?;
    let exists = ledger_transaction::Entity::find()
        .filter(ledger_transaction::Column::IdempotencyKey.eq(&tx.idempotency_key))
        .one(db)
        .await?;
    if exists.is_some() {
        return Err(DomainError::Conflict(format!(
            "ledger key {} already posted",
            tx.idempotency_key
        )));
    }
    let header = ledger_transaction::ActiveModel {
        idempotency_key: Set(tx.idempotency_key),
        kind: Set(tx.kind),
        occurred_at: Set(tx.occurred_at),
        reverses_id: Set(tx.reverses_id),
        memo_fa: Set(tx.memo_fa),
        memo_en: Set(tx.memo_en),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let entries = tx.postings.iter().map(|p| ledger_entry::ActiveModel {
        transaction_id: Set(header.id),
        account: Set(p.account),
        program_id: Set(p.program_id),
        need_id: Set(p.need_id),
        currency: Set(p.money.currency().code().to_owned()),
        amount_minor: Set(p.money.minor()),
        ..Default::default()
    });
    ledger_entry::Entity::insert_many(entries).exec(db).await?;
    Ok(header)
}

/// Posts the reversal of transaction `id`: the same entries with opposite signs.
///
/// # Errors
/// `NotFound` for an unknown transaction; `Conflict` when it was already
/// reversed or is itself a reversal; as [`post`].
pub async fn reverse<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    id: i32,
    idempotency_key: String,
) -> Result<ledger_transaction::Model, DomainError> {
    let original = ledger_transaction::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let already = ledger_transaction::Entity::find()
        .filter(ledger_transaction::Column::ReversesId.eq(id))
        .one(db)
        .await?;
    if already.is_some() || original.reverses_id.is_some() {
        return Err(DomainError::Conflict(format!(
            "ledger transaction {id} is already reversed or is a reversal"
        )));
    }
    let entries = ledger_entry::Entity::find()
        .filter(ledger_entry::Column::TransactionId.eq(id))
        .all(db)
        .await?;
    let postings = entries
        .iter()
        .map(|e| {
            let currency = Currency::from_code(&e.currency)
                .ok_or_else(|| DomainError::Unexpected(format!("currency {}", e.currency)))?;
            Ok(Posting {
                account: e.account,
                program_id: e.program_id,
                need_id: e.need_id,
                money: Money::from_minor(-e.amount_minor, currency),
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    post(
        db,
        now,
        NewTransaction {
            idempotency_key,
            kind: TransactionKind::Reversal,
            occurred_at: now,
            memo_fa: original.memo_fa,
            memo_en: original.memo_en,
            reverses_id: Some(id),
            postings,
        },
    )
    .await
}

/// The divisor of a split sum.
const SPLIT: i64 = 1_000_000_000;

/// Selects `SUM(col)` as two sums that no database can overflow: of
/// `col / 10^9` (as `{name}_high`) and of `col % 10^9` (as `{name}_low`),
/// each cast to BIGINT (PostgreSQL sums BIGINT to NUMERIC). Both backends
/// divide towards zero and give a remainder the dividend's sign, so
/// `high × 10^9 + low` is the exact sum ([`joined`]). A plain `SUM` of
/// 64-bit amounts fails the whole query once its total passes 9.2×10^18
/// (one mistaken gift could do it); these would need a billion rows.
pub(crate) fn split_sum<E: EntityTrait>(
    select: sea_orm::Select<E>,
    col: E::Column,
    name: &str,
) -> sea_orm::Select<E> {
    let bigint = |e: sea_orm::sea_query::SimpleExpr| -> sea_orm::sea_query::SimpleExpr {
        Func::cast_as(Func::sum(e), Alias::new("BIGINT")).into()
    };
    select
        .column_as(bigint(Expr::col(col).div(SPLIT)), format!("{name}_high"))
        .column_as(bigint(Expr::col(col).modulo(SPLIT)), format!("{name}_low"))
}

/// The exact sum of a [`split_sum`], when it fits in 64 bits.
pub(crate) fn joined(high: i64, low: i64) -> Option<i64> {
    i64::try_from(i128::from(high) * i128::from(SPLIT) + i128::from(low)).ok()
}

/// The cash one designation of a program holds in `currency` (minor
/// units), from that program's `balances`: `need_id` `None` is the money
/// given to the program as a whole. `None` when the sum passes 64 bits.
pub fn cash_held(balances: &[Balance], need_id: Option<i32>, currency: &str) -> Option<i64> {
    balances
        .iter()
        .filter(|b| b.account == Account::Cash && b.need_id == need_id && b.currency == currency)
        .try_fold(0i64, |sum, b| sum.checked_add(b.amount?))
}

/// The summed balance of one account for one designation and currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    pub program_id: Option<i32>,
    pub need_id: Option<i32>,
    pub account: Account,
    pub currency: String,
    /// Signed minor units, debit positive; `None` when the sum is beyond
    /// 64 bits (only amounts recorded before amounts were bounded can
    /// make it so: a figure built on it cannot be shown).
    pub amount: Option<i64>,
}

#[derive(Debug, FromQueryResult)]
struct BalanceRow {
    program_id: Option<i32>,
    need_id: Option<i32>,
    account: Account,
    currency: String,
    amount_high: i64,
    amount_low: i64,
}

/// Balances grouped by (program, need, account, currency), for the given
/// programs, or for all when `program_ids` is `None`.
///
/// # Errors
/// `Db`.
pub async fn balances<C: ConnectionTrait>(
    db: &C,
    program_ids: Option<&[i32]>,
) -> Result<Vec<Balance>, DomainError> {
    let mut q = split_sum(
        ledger_entry::Entity::find()
            .select_only()
            .column(ledger_entry::Column::ProgramId)
            .column(ledger_entry::Column::NeedId)
            .column(ledger_entry::Column::Account)
            .column(ledger_entry::Column::Currency),
        ledger_entry::Column::AmountMinor,
        "amount",
    )
    .group_by(ledger_entry::Column::ProgramId)
    .group_by(ledger_entry::Column::NeedId)
    .group_by(ledger_entry::Column::Account)
    .group_by(ledger_entry::Column::Currency);
    if let Some(ids) = program_ids {
        q = q.filter(ledger_entry::Column::ProgramId.is_in(ids.iter().copied()));
    }
    Ok(q.into_model::<BalanceRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| Balance {
            program_id: r.program_id,
            need_id: r.need_id,
            account: r.account,
            currency: r.currency,
            amount: joined(r.amount_high, r.amount_low),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(account: Account, minor: i64, currency: Currency) -> Posting {
        Posting {
            account,
            program_id: Some(1),
            need_id: None,
            money: Money::from_minor(minor, currency),
        }
    }

    #[test]
    fn split_sums_join_exactly_or_not_at_all() {
        // i64::MAX = 9_223_372_036 × 10^9 + 854_775_807.
        assert_eq!(joined(9_223_372_036, 854_775_807), Some(i64::MAX));
        assert_eq!(joined(9_223_372_036, 854_775_808), None);
        assert_eq!(joined(-5, -3), Some(-5_000_000_003));
        // Two gifts of i64::MAX: each splits, the sum of the parts is exact.
        assert_eq!(joined(2 * 9_223_372_036, 2 * 854_775_807), None);
        assert_eq!(
            joined(9_223_372_036 - 9_223_372_036, 854_775_807 - 854_775_807),
            Some(0),
            "a reversal cancels it"
        );
    }

    #[test]
    fn transactions_must_sum_to_zero_per_currency() {
        assert!(check_balanced(&[
            p(Account::Cash, 100, Currency::EUR),
            p(Account::Contributions, -100, Currency::EUR)
        ])
        .is_ok());
        let unbalanced = check_balanced(&[
            p(Account::Cash, 100, Currency::EUR),
            p(Account::Contributions, -99, Currency::EUR),
        ]);
        assert!(matches!(
            unbalanced,
            Err(DomainError::Invalid(f)) if f.code == Rule::Unbalanced
        ));
        // Zero overall but not per currency: refused.
        let mixed = check_balanced(&[
            p(Account::Cash, 100, Currency::EUR),
            p(Account::Contributions, -100, Currency::IRR),
        ]);
        assert!(matches!(
            mixed,
            Err(DomainError::Invalid(f)) if f.code == Rule::Unbalanced
        ));
        assert!(check_balanced(&[
            p(Account::Cash, 0, Currency::EUR),
            p(Account::Cash, 0, Currency::EUR)
        ])
        .is_err());
        assert!(check_balanced(&[p(Account::Cash, 1, Currency::EUR)]).is_err());
    }
}
