//! Quantities of in-kind items (blankets, sewing machines, litres of fuel…).

use crate::digits::format_integer;
use crate::Locale;
use crate::MoneyError;
use serde::{Deserialize, Serialize};

/// The largest quantity Nikoo accepts for any one need, pledge, receipt or
/// delivery: 10^9 units (a billion blankets or litres). Times an estimated
/// unit value within `money::MAX_MINOR` it still fits in 128 bits, and
/// sums of millions of such quantities fit in 64.
pub const MAX_QUANTITY: i64 = 1_000_000_000;

/// A non-negative whole number of units of an in-kind need's item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct Quantity(i64);

/// Why a quantity was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// Nothing was entered.
    #[error("quantity is empty")]
    Empty,
    /// Not a whole number of digits (decimals, signs, letters).
    #[error("quantity must be a whole number")]
    NotWhole,
    /// Below zero.
    #[error("quantity is negative")]
    Negative,
    /// Does not fit in 64 bits.
    #[error("quantity is too large")]
    Overflow,
}

impl QuantityError {
    /// The input rule this breaks.
    pub fn rule(&self) -> crate::outcome::Rule {
        use crate::outcome::Rule;
        match self {
            QuantityError::Empty => Rule::Required,
            QuantityError::NotWhole => Rule::NotPositive,
            QuantityError::Negative => Rule::Negative,
            QuantityError::Overflow => Rule::Overflow,
        }
    }

    /// The error in words for the user, in their language (a quantity's
    /// text of its rule).
    pub fn message(&self, locale: Locale) -> String {
        self.rule().message("", "quantity", locale)
    }
}

impl Quantity {
    /// A quantity from a count already known to be valid (e.g. read from the database).
    ///
    /// # Errors
    /// [`QuantityError::Negative`] below zero.
    pub fn new(n: i64) -> Result<Quantity, QuantityError> {
        if n < 0 {
            Err(QuantityError::Negative)
        } else {
            Ok(Quantity(n))
        }
    }

    /// The count.
    pub fn get(self) -> i64 {
        self.0
    }

    /// Parses a whole number in ASCII, Persian or Arabic-Indic digits, with
    /// optional thousands separators.
    ///
    /// # Errors
    /// [`QuantityError`] for empty, negative, fractional or non-numeric input.
    pub fn parse(input: &str) -> Result<Quantity, QuantityError> {
        // The same number grammar as money with no decimals: thousands
        // separators only between groups of three digits.
        crate::money::parse_scaled(input, 0)
            .and_then(|n| {
                if n > MAX_QUANTITY {
                    Err(MoneyError::Overflow)
                } else {
                    Ok(n)
                }
            })
            .map(Quantity)
            .map_err(|e| match e {
                MoneyError::Empty => QuantityError::Empty,
                MoneyError::Negative => QuantityError::Negative,
                MoneyError::Overflow => QuantityError::Overflow,
                _ => QuantityError::NotWhole,
            })
    }

    /// Formats the count for the locale: `1,200` / «۱٬۲۰۰».
    pub fn format(self, locale: Locale) -> String {
        format_integer(self.0, locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_bounded() {
        assert_eq!(
            Quantity::parse("1000000000").map(Quantity::get),
            Ok(MAX_QUANTITY)
        );
        assert_eq!(Quantity::parse("1000000001"), Err(QuantityError::Overflow));
        assert_eq!(
            Quantity::parse("9223372036854775807"),
            Err(QuantityError::Overflow)
        );
    }

    #[test]
    fn parses_whole_numbers_in_any_script() {
        assert_eq!(Quantity::parse("۱۲۰").map(Quantity::get), Ok(120));
        assert_eq!(Quantity::parse("1,200").map(Quantity::get), Ok(1200));
        assert_eq!(Quantity::parse("١٥").map(Quantity::get), Ok(15));
        assert_eq!(Quantity::parse(""), Err(QuantityError::Empty));
        assert_eq!(Quantity::parse("-3"), Err(QuantityError::Negative));
        assert_eq!(Quantity::parse("2.5"), Err(QuantityError::NotWhole));
        assert_eq!(Quantity::parse("1e3"), Err(QuantityError::NotWhole));
        assert_eq!(
            Quantity::parse("1,5"),
            Err(QuantityError::NotWhole),
            "separators only between groups of three"
        );
        assert_eq!(Quantity::parse("1,2,3"), Err(QuantityError::NotWhole));
        assert_eq!(Quantity::new(-1), Err(QuantityError::Negative));
        assert_eq!(Quantity::new(7).unwrap().format(Locale::Fa), "۷");
    }
}
