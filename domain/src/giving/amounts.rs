//! Amounts as people type them in forms and files, and the currency a gift
//! takes: its need's, or for a gift to a program, its first open money
//! need's (ARCHITECTURE.md invariant 1: integer minor units, one currency).

use crate::entities::codes::{GiftKind, NeedStatus};
use crate::entities::need;
use crate::error::DomainError;
use nikoo_types::outcome::Rule;
use nikoo_types::{Currency, Locale, Money};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The currency a gift to `program` (without a need) is taken in: that of
/// its first open money need, by position.
///
/// # Errors
/// `Db`.
pub async fn program_currency<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
) -> Result<Option<Currency>, DomainError> {
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.eq(program_id))
        .all(db)
        .await?;
    Ok(program_currency_of(&needs))
}

/// The rule of [`program_currency`] over a program's needs already read:
/// the currency of its first open money need by position.
pub fn program_currency_of<'a>(
    needs: impl IntoIterator<Item = &'a need::Model>,
) -> Option<Currency> {
    needs
        .into_iter()
        .filter(|n| n.kind == GiftKind::Money && n.status == NeedStatus::Open)
        .min_by_key(|n| (n.position, n.id))
        .and_then(|n| n.currency.as_deref().and_then(Currency::from_code))
}

/// The currency of a gift designated to `need`, or without one to
/// program `program_id` (see [`program_currency`]).
///
/// # Errors
/// `Invalid(amount/no_currency)` when there is none; `Db`.
pub async fn designation_currency<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    need: Option<&need::Model>,
) -> Result<Currency, DomainError> {
    match need {
        Some(n) => n.currency.as_deref().and_then(Currency::from_code),
        None => program_currency(db, program_id).await?,
    }
    .ok_or_else(|| DomainError::invalid("amount", Rule::NoCurrency))
}

/// A positive amount as a person typed it in `currency` (toman for IRR in
/// Persian; Persian, Arabic-Indic or ASCII digits).
///
/// # Errors
/// `Invalid(amount/invalid)` or `Invalid(amount/not_positive)`.
pub fn parse_amount(input: &str, currency: Currency, lang: Locale) -> Result<Money, DomainError> {
    parse_money_field("amount", input, currency, lang)
}

/// As [`parse_amount`], for the form field `field`.
///
/// # Errors
/// `Invalid(field/invalid)` or `Invalid(field/not_positive)`.
pub fn parse_money_field(
    field: &str,
    input: &str,
    currency: Currency,
    lang: Locale,
) -> Result<Money, DomainError> {
    let amount = Money::parse_input(input, currency, lang)
        .map_err(|_| DomainError::invalid(field, Rule::Invalid))?;
    if amount.minor() <= 0 {
        return Err(DomainError::invalid(field, Rule::NotPositive));
    }
    Ok(amount)
}
