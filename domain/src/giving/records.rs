//! Recording gifts and spending: donors, pledges, donations, in-kind
//! movements and disbursements. Every money movement goes through the
//! ledger in the same database transaction as the record that caused it.
//! Every call is idempotent by its `key`: recording the same key again
//! returns the existing record and changes nothing.

use crate::entities::{donation, in_kind_movement, need, pledge, program};
use crate::error::DomainError;
use crate::ledger::{self, Account, NewTransaction, Posting, TransactionKind};
use chrono::{DateTime, NaiveDate, Utc};
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, Money, Quantity};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use crate::entities::codes::{GiftKind, PledgeStatus};
pub use crate::entities::codes::{Movement, PaymentMethod};

/// The program and (optional) need a gift or spending is designated to,
/// checked to belong together.
async fn designation<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    need_id: Option<i32>,
) -> Result<(program::Model, Option<need::Model>), DomainError> {
    let program = program::Entity::find_by_id(program_id)
        .one(db)
        .await?
        .ok_or(DomainError::invalid("program", Rule::Unknown))?;
    let need = match need_id {
        None => None,
        Some(id) => {
            let n = need::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(DomainError::invalid("need", Rule::Unknown))?;
            if n.program_id != program.id {
                return Err(DomainError::invalid("need", Rule::NotInProgram));
            }
            Some(n)
        }
    };
    Ok((program, need))
}

/// A money need's currency must be the gift's.
fn check_money_need(need: Option<&need::Model>, currency: Currency) -> Result<(), DomainError> {
    if let Some(n) = need {
        if n.kind != GiftKind::Money {
            return Err(DomainError::invalid("need", Rule::NotAMoneyNeed));
        }
        if n.currency.as_deref() != Some(currency.code()) {
            return Err(DomainError::invalid("currency", Rule::DiffersFromNeed));
        }
    }
    Ok(())
}

/// A donation to record.
#[derive(Debug, Clone)]
pub struct NewDonation {
    pub key: String,
    pub donor_id: Option<i32>,
    pub anonymous: bool,
    /// Hidden from the receiving center as well (implies `anonymous`).
    pub hidden_from_center: bool,
    /// The center giving, when its owner or manager gives for it.
    pub pledging_center_id: Option<i32>,
    pub program_id: i32,
    pub need_id: Option<i32>,
    pub pledge_id: Option<i32>,
    pub method: PaymentMethod,
    /// Positive.
    pub amount: Money,
    /// UTC.
    pub received_at: DateTime<Utc>,
}

/// Records money received: a donation row and its ledger transaction
/// (cash debit, contributions credit, both designated to the need or program).
///
/// # Errors
/// `Invalid` for a non-positive amount, a need outside the program, an
/// in-kind need, a currency other than the need's, or a pledge that is not
/// a money pledge to the same designation and currency; `Db`.
#[tracing::instrument(skip(db, d), fields(key = %d.key))]
pub async fn record_donation<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    d: NewDonation,
) -> Result<donation::Model, DomainError> {
    if let Some(existing) = donation::Entity::find()
        .filter(donation::Column::Key.eq(&d.key))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    if d.amount.minor() <= 0 {
        return Err(DomainError::invalid("amount", Rule::NotPositive));
    }
    let txn = db.begin().await?;
    let (program, need) = designation(&txn, d.program_id, d.need_id).await?;
    check_money_need(need.as_ref(), d.amount.currency())?;
    if let Some(pledge_id) = d.pledge_id {
        let p = pledge::Entity::find_by_id(pledge_id).one(&txn).await?;
        let pays_it = p.is_some_and(|p| {
            p.kind == GiftKind::Money
                && p.program_id == program.id
                && p.need_id == d.need_id
                && p.currency.as_deref() == Some(d.amount.currency().code())
        });
        if !pays_it {
            return Err(DomainError::invalid("pledge", Rule::DoesNotMatchGift));
        }
    }
    let posting = |account, money| Posting {
        account,
        program_id: Some(program.id),
        need_id: d.need_id,
        money,
    };
    let ltx = ledger::post(
        &txn,
        now,
        NewTransaction {
            idempotency_key: format!("donation:{}", d.key),
            kind: TransactionKind::Donation,
            occurred_at: d.received_at,
            memo_fa: None,
            memo_en: None,
            reverses_id: None,
            postings: vec![
                posting(Account::Cash, d.amount),
                posting(
                    Account::Contributions,
                    Money::from_minor(-d.amount.minor(), d.amount.currency()),
                ),
            ],
        },
    )
    .await?;
    let row = donation::ActiveModel {
        key: Set(d.key),
        donor_id: Set(d.donor_id),
        anonymous: Set(d.anonymous || d.hidden_from_center || d.donor_id.is_none()),
        hidden_from_center: Set(d.hidden_from_center),
        pledging_center_id: Set(d.pledging_center_id),
        program_id: Set(program.id),
        need_id: Set(d.need_id),
        pledge_id: Set(d.pledge_id),
        method: Set(d.method),
        amount_minor: Set(d.amount.minor()),
        currency: Set(d.amount.currency().code().to_owned()),
        received_at: Set(d.received_at),
        ledger_transaction_id: Set(ltx.id),
        center_id: Set(Some(program.center_id)),
        receipt_number: Set(Some(next_receipt_number(&txn, program.center_id).await?)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Takes the next receipt number of `center_id` (1 for its first
/// donation), on the caller's transaction: one upsert bumps the center's
/// counter (PostgreSQL holds the row's lock until the transaction ends;
/// SQLite's write transactions are already serial), then reads it back. A
/// rolled-back donation gives its number back with it, so numbers have no gaps.
///
/// # Errors
/// `Db`.
pub async fn next_receipt_number<C: ConnectionTrait>(
    db: &C,
    center_id: i32,
) -> Result<i32, DomainError> {
    use crate::entities::receipt_counter;
    use sea_orm::sea_query::{Expr, OnConflict};
    receipt_counter::Entity::insert(receipt_counter::ActiveModel {
        center_id: Set(center_id),
        last_number: Set(1),
    })
    .on_conflict(
        OnConflict::column(receipt_counter::Column::CenterId)
            .value(
                receipt_counter::Column::LastNumber,
                Expr::col((receipt_counter::Entity, receipt_counter::Column::LastNumber)).add(1),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    receipt_counter::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .map(|c| c.last_number)
        .ok_or_else(|| DomainError::Unexpected(format!("receipt counter of center {center_id}")))
}

/// Posts a refund of `amount` of `gift`: contributions debited, cash
/// credited, on the gift's designation, so *received* falls by `amount`
/// everywhere. `key` makes it idempotent (a second post is `Conflict`).
///
/// # Errors
/// `Invalid` (`amount`/`not_positive`, `amount`/`exceeds_gift`) when it
/// would leave the gift below zero; `Db`.
pub async fn record_refund<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    gift: &donation::Model,
    already_refunded_minor: i64,
    amount_minor: i64,
    key: String,
) -> Result<crate::entities::ledger_transaction::Model, DomainError> {
    if amount_minor <= 0 {
        return Err(DomainError::invalid("amount", Rule::NotPositive));
    }
    // Saturated, the sum is beyond any gift and refused.
    if already_refunded_minor.saturating_add(amount_minor) > gift.amount_minor {
        return Err(DomainError::invalid("amount", Rule::ExceedsGift));
    }
    let currency = Currency::from_code(&gift.currency)
        .ok_or_else(|| DomainError::Unexpected(format!("currency {}", gift.currency)))?;
    let posting = |account, minor| Posting {
        account,
        program_id: Some(gift.program_id),
        need_id: gift.need_id,
        money: Money::from_minor(minor, currency),
    };
    ledger::post(
        db,
        now,
        NewTransaction {
            idempotency_key: key,
            kind: TransactionKind::Refund,
            occurred_at: now,
            memo_fa: None,
            memo_en: None,
            reverses_id: None,
            postings: vec![
                posting(Account::Contributions, amount_minor),
                posting(Account::Cash, -amount_minor),
            ],
        },
    )
    .await
}

/// What a pledge promises.
#[derive(Debug, Clone, Copy)]
pub enum Promise {
    /// `amount` per installment.
    Money {
        amount: Money,
        frequency: crate::pledge_schedule::Frequency,
        installments: Option<u32>,
    },
    /// `quantity` of an in-kind need's item by `due`.
    InKind { quantity: Quantity, due: NaiveDate },
}

/// A pledge to record.
#[derive(Debug, Clone)]
pub struct NewPledge {
    pub key: String,
    pub donor_id: Option<i32>,
    pub anonymous: bool,
    /// Hidden from the receiving center as well (implies `anonymous`).
    pub hidden_from_center: bool,
    /// The center giving, when its owner or manager gives for it.
    pub pledging_center_id: Option<i32>,
    pub program_id: i32,
    pub need_id: Option<i32>,
    pub promise: Promise,
    /// Date of installment 1 (center's time zone).
    pub start_date: NaiveDate,
}

/// Records a pledge.
///
/// # Errors
/// `Invalid` for a zero promise, a need outside the program or of the
/// wrong kind, a one-time pledge with an installment count, or zero installments; `Db`.
pub async fn record_pledge<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: NewPledge,
) -> Result<pledge::Model, DomainError> {
    if let Some(existing) = pledge::Entity::find()
        .filter(pledge::Column::Key.eq(&p.key))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    let (program, need) = designation(db, p.program_id, p.need_id).await?;
    let mut row = pledge::ActiveModel {
        key: Set(p.key),
        donor_id: Set(p.donor_id),
        anonymous: Set(p.anonymous || p.hidden_from_center || p.donor_id.is_none()),
        hidden_from_center: Set(p.hidden_from_center),
        pledging_center_id: Set(p.pledging_center_id),
        program_id: Set(program.id),
        need_id: Set(p.need_id),
        start_date: Set(p.start_date),
        status: Set(PledgeStatus::Active),
        created_at: Set(now),
        ..Default::default()
    };
    match p.promise {
        Promise::Money {
            amount,
            frequency,
            installments,
        } => {
            if amount.minor() <= 0 {
                return Err(DomainError::invalid("amount", Rule::NotPositive));
            }
            check_money_need(need.as_ref(), amount.currency())?;
            if installments == Some(0)
                || (frequency == crate::pledge_schedule::Frequency::Once
                    && installments.is_some_and(|n| n != 1))
            {
                return Err(DomainError::invalid("installments", Rule::OutOfRange));
            }
            row.kind = Set(GiftKind::Money);
            row.amount_minor = Set(Some(amount.minor()));
            row.currency = Set(Some(amount.currency().code().to_owned()));
            row.frequency = Set(frequency);
            row.installment_count = Set(installments.map(|n| i32::try_from(n).unwrap_or(i32::MAX)));
        }
        Promise::InKind { quantity, due } => {
            if need.as_ref().is_none_or(|n| n.kind != GiftKind::InKind) {
                return Err(DomainError::invalid("need", Rule::NotAnInKindNeed));
            }
            if quantity.get() <= 0 {
                return Err(DomainError::invalid("quantity", Rule::NotPositive));
            }
            row.kind = Set(GiftKind::InKind);
            row.quantity = Set(Some(quantity.get()));
            row.frequency = Set(crate::pledge_schedule::Frequency::Once);
            row.due_date = Set(Some(due));
        }
    }
    Ok(row.insert(db).await?)
}

/// An in-kind movement to record.
#[derive(Debug, Clone)]
pub struct NewMovement {
    pub key: String,
    pub movement: Movement,
    pub program_id: i32,
    pub need_id: i32,
    pub quantity: Quantity,
    pub donor_id: Option<i32>,
    pub anonymous: bool,
    pub pledge_id: Option<i32>,
    pub beneficiary_count: Option<i32>,
    pub memo_fa: Option<String>,
    pub memo_en: Option<String>,
    /// A receipt or photo of the handover.
    pub upload_id: Option<i32>,
    /// The staff account recording it.
    pub recorded_by: Option<i32>,
    /// UTC.
    pub occurred_at: DateTime<Utc>,
}

/// Records goods received or delivered. A delivery larger than what the
/// center holds of the item (received minus delivered) is refused.
///
/// # Errors
/// `Invalid` (`quantity`/`exceeds_stock`, `need`/`not_an_in_kind_need`); `Db`.
pub async fn record_movement<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    m: NewMovement,
) -> Result<in_kind_movement::Model, DomainError> {
    if let Some(existing) = in_kind_movement::Entity::find()
        .filter(in_kind_movement::Column::Key.eq(&m.key))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    if m.quantity.get() <= 0 {
        return Err(DomainError::invalid("quantity", Rule::NotPositive));
    }
    let txn = db.begin().await?;
    let (program, need) = designation(&txn, m.program_id, Some(m.need_id)).await?;
    if need.as_ref().is_none_or(|n| n.kind != GiftKind::InKind) {
        return Err(DomainError::invalid("need", Rule::NotAnInKindNeed));
    }
    if let Some(pledge_id) = m.pledge_id {
        let p = pledge::Entity::find_by_id(pledge_id).one(&txn).await?;
        let hands_it =
            p.is_some_and(|p| p.kind == GiftKind::InKind && p.need_id == Some(m.need_id));
        if m.movement != Movement::Received || !hands_it {
            return Err(DomainError::invalid("pledge", Rule::DoesNotMatchGift));
        }
    }
    if m.movement == Movement::Delivered && m.quantity.get() > stock(&txn, m.need_id).await? {
        return Err(DomainError::invalid("quantity", Rule::ExceedsStock));
    }
    let row = in_kind_movement::ActiveModel {
        key: Set(m.key),
        kind: Set(m.movement),
        program_id: Set(program.id),
        need_id: Set(m.need_id),
        quantity: Set(m.quantity.get()),
        donor_id: Set(m.donor_id),
        anonymous: Set(m.anonymous || m.donor_id.is_none()),
        pledge_id: Set(m.pledge_id),
        beneficiary_count: Set(m.beneficiary_count),
        memo_fa: Set(m.memo_fa),
        memo_en: Set(m.memo_en),
        upload_id: Set(m.upload_id),
        recorded_by: Set(m.recorded_by),
        occurred_at: Set(m.occurred_at),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Money spent on a need.
#[derive(Debug, Clone)]
pub struct NewDisbursement {
    pub key: String,
    pub program_id: i32,
    pub need_id: i32,
    /// Positive.
    pub amount: Money,
    pub memo_fa: Option<String>,
    pub memo_en: Option<String>,
    /// UTC.
    pub occurred_at: DateTime<Utc>,
}

/// Records money spent on a money need. Money keeps its designation
/// (ARCHITECTURE.md invariant 2): the spending draws first on what was given to
/// the need, then on what was given to the program as a whole; more than
/// both hold is refused.
///
/// # Errors
/// `Invalid` (`amount`/`exceeds_fund`, `need`/`not_a_money_need`, …); `Db`.
pub async fn record_disbursement<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    s: NewDisbursement,
) -> Result<i32, DomainError> {
    let key = format!("disbursement:{}", s.key);
    if let Some(existing) = crate::entities::ledger_transaction::Entity::find()
        .filter(crate::entities::ledger_transaction::Column::IdempotencyKey.eq(&key))
        .one(db)
        .await?
    {
        return Ok(existing.id);
    }
    if s.amount.minor() <= 0 {
        return Err(DomainError::invalid("amount", Rule::NotPositive));
    }
    let txn = db.begin().await?;
    let (program, need) = designation(&txn, s.program_id, Some(s.need_id)).await?;
    check_money_need(need.as_ref(), s.amount.currency())?;
    let balances = ledger::balances(&txn, Some(&[program.id])).await?;
    let fund = |need_id: Option<i32>| {
        ledger::cash_held(&balances, need_id, s.amount.currency().code())
            .ok_or_else(|| beyond_64_bits("fund", program.id))
    };
    let (need_fund, program_fund) = (fund(Some(s.need_id))?, fund(None)?);
    let amount = s.amount.minor();
    if amount > need_fund.max(0) + program_fund.max(0) {
        return Err(DomainError::invalid("amount", Rule::ExceedsFund));
    }
    let from_need = amount.min(need_fund.max(0));
    let from_program = amount - from_need;
    let money = |minor| Money::from_minor(minor, s.amount.currency());
    let mut postings = vec![Posting {
        account: Account::ProgramExpense,
        program_id: Some(program.id),
        need_id: Some(s.need_id),
        money: s.amount,
    }];
    for (need_id, part) in [(Some(s.need_id), from_need), (None, from_program)] {
        if part > 0 {
            postings.push(Posting {
                account: Account::Cash,
                program_id: Some(program.id),
                need_id,
                money: money(-part),
            });
        }
    }
    let ltx = ledger::post(
        &txn,
        now,
        NewTransaction {
            idempotency_key: key,
            kind: TransactionKind::Disbursement,
            occurred_at: s.occurred_at,
            memo_fa: s.memo_fa,
            memo_en: s.memo_en,
            reverses_id: None,
            postings,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ltx.id)
}

/// What the center holds of in-kind need `need_id`'s item: received
/// (reversals included) minus delivered, in units.
///
/// # Errors
/// `Db`; `Unexpected` for a sum beyond 64 bits.
pub(crate) async fn stock<C: ConnectionTrait>(db: &C, need_id: i32) -> Result<i64, DomainError> {
    let sums = crate::ledger::figures::movement_sums(
        db,
        in_kind_movement::Entity::find().filter(in_kind_movement::Column::NeedId.eq(need_id)),
    )
    .await?;
    sums.iter()
        .try_fold(0i64, |stock, s| match s.kind {
            Movement::Received => stock.checked_add(s.amount?),
            Movement::Delivered => stock.checked_sub(s.amount?),
        })
        .ok_or_else(|| beyond_64_bits("stock", need_id))
}

/// The error of a sum that does not fit in 64 bits (only amounts recorded
/// before amounts were bounded can make one): the change is refused and
/// logged, nothing is written.
fn beyond_64_bits(what: &str, id: i32) -> DomainError {
    DomainError::Unexpected(format!("{what} of {id}: a sum beyond 64 bits"))
}
