//! Money: an integer count of minor units and an ISO 4217 currency.
//!
//! No floats anywhere (ARCHITECTURE.md invariant 1). Amounts are parsed from what
//! people type in ASCII, Persian or Arabic-Indic digits, and formatted exactly.

use crate::digits::{digit_value, group_thousands, minus_sign, PERSIAN_DECIMAL_SEPARATOR};
use crate::{Currency, Locale};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Rials in one toman. In Persian, IRR is entered and shown in toman
/// («تومان»), the unit people use day to day (ARCHITECTURE.md, "Languages").
pub const RIALS_PER_TOMAN: i64 = 10;

/// The largest amount Nikoo accepts for any one gift, pledge, target or
/// spending, in minor units of any currency: 10^15 (a thousand trillion
/// rials, some 900 million US dollars at 2025's market rate; ten trillion
/// euros). Sums of 9,000 such amounts still fit the ledger's 64-bit
/// integers, so no figure can overflow by way of a few typed amounts.
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// An amount of money: `minor` units (cents, whole rials…) of `currency`.
///
/// Fields are private: build one with [`Money::from_minor`] or parse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

/// Why an amount was refused. [`MoneyError::message`] gives the translated text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing was entered.
    #[error("amount is empty")]
    Empty,
    /// A character that is neither a digit nor a separator (e.g. `e` in `1e3`).
    #[error("amount contains an invalid character")]
    InvalidCharacter,
    /// A leading minus: gifts, targets and spending are never negative.
    #[error("amount is negative")]
    Negative,
    /// More decimals than the currency's minor unit has (e.g. `12.345` EUR).
    #[error("amount has more than {max} decimal places")]
    TooManyDecimals {
        /// The most decimals allowed in the unit the amount was entered in.
        max: u8,
    },
    /// Thousands separators not in groups of three, or two decimal separators.
    #[error("amount is not a well-formed number")]
    Malformed,
    /// The amount is beyond [`MAX_MINOR`] (or does not fit in 64 bits).
    #[error("amount is too large")]
    Overflow,
    /// Adding or comparing amounts in different currencies.
    #[error("currencies differ: {0} and {1}")]
    CurrencyMismatch(Currency, Currency),
}

impl MoneyError {
    /// The input rule this breaks.
    pub fn rule(&self) -> crate::outcome::Rule {
        use crate::outcome::Rule;
        match self {
            MoneyError::Empty => Rule::Required,
            MoneyError::Negative => Rule::Negative,
            MoneyError::Malformed => Rule::Malformed,
            MoneyError::Overflow => Rule::Overflow,
            MoneyError::InvalidCharacter
            | MoneyError::TooManyDecimals { .. }
            | MoneyError::CurrencyMismatch(..) => Rule::Invalid,
        }
    }

    /// The error in words for the user, in their language (an amount's
    /// text of its rule).
    pub fn message(&self, locale: Locale) -> String {
        self.rule().message("", "amount", locale)
    }
}

impl Money {
    /// An amount of `minor` units of `currency` (may be negative: ledger entries are signed).
    pub const fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Zero of a currency.
    pub const fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// The integer count of minor units.
    pub fn minor(self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(self) -> Currency {
        self.currency
    }

    /// Parses a non-negative amount written in the currency's major unit
    /// ("8.20" EUR → 820 minor units; "۱۲٬۵۰۰" IRR → 12500).
    ///
    /// Accepts ASCII, Persian and Arabic-Indic digits; `.` or `٫` as the
    /// decimal separator; `,`, `٬`, `،`, spaces and thin spaces between
    /// groups of three digits.
    ///
    /// # Errors
    /// [`MoneyError`] for an empty, negative, malformed or out-of-range amount,
    /// or one with more decimals than the currency's exponent.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, MoneyError> {
        let minor = parse_scaled(input, currency.exponent())?;
        Money::bounded(minor, currency)
    }

    /// `minor` units of `currency` when within [`MAX_MINOR`] either way.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] beyond it.
    pub fn bounded(minor: i64, currency: Currency) -> Result<Money, MoneyError> {
        if minor.unsigned_abs() > MAX_MINOR.unsigned_abs() {
            return Err(MoneyError::Overflow);
        }
        Ok(Money { minor, currency })
    }

    /// Parses an amount as a person types it in the given locale: like
    /// [`Money::parse`], except that IRR in Persian is entered in toman
    /// (whole toman, `12500` toman → 125000 rials).
    ///
    /// # Errors
    /// As [`Money::parse`].
    pub fn parse_input(
        input: &str,
        currency: Currency,
        locale: Locale,
    ) -> Result<Money, MoneyError> {
        if shows_toman(currency, locale) {
            let toman = parse_scaled(input, 0)?;
            let minor = toman
                .checked_mul(RIALS_PER_TOMAN)
                .ok_or(MoneyError::Overflow)?;
            Money::bounded(minor, currency)
        } else {
            Money::parse(input, currency)
        }
    }

    /// Adds two amounts of the same currency.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] or [`MoneyError::Overflow`].
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(self.currency, other.currency));
        }
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money {
            minor,
            currency: self.currency,
        })
    }

    /// The amount's number in the unit shown to the user (toman for IRR in
    /// Persian), grouped and in the locale's digits, without the currency.
    pub fn format_number(self, locale: Locale) -> String {
        let (value, exponent) = if shows_toman(self.currency, locale) {
            (self.minor, 1u8)
        } else {
            (self.minor, self.currency.exponent())
        };
        let sign = if value < 0 { minus_sign(locale) } else { "" };
        let abs = value.unsigned_abs();
        let scale = 10u64.pow(u32::from(exponent));
        let whole = group_thousands(&(abs / scale).to_string(), locale);
        let frac = abs % scale;
        let is_toman = shows_toman(self.currency, locale);
        if exponent == 0 || (is_toman && frac == 0) {
            return format!("{sign}{whole}");
        }
        let frac = format!("{frac:0width$}", width = usize::from(exponent));
        let frac = crate::digits::localize_digits(&frac, locale);
        let point = match locale {
            Locale::En => '.',
            Locale::Fa => PERSIAN_DECIMAL_SEPARATOR,
        };
        format!("{sign}{whole}{point}{frac}")
    }

    /// The amount with its currency, as shown in the locale:
    /// `€8.20`, `12,500 IRR`, «۸٫۲۰ یورو», «۱٬۲۵۰ تومان».
    pub fn format(self, locale: Locale) -> String {
        let number = self.format_number(locale);
        match locale {
            Locale::Fa if shows_toman(self.currency, locale) => format!("{number} تومان"),
            Locale::Fa => format!("{number} {}", self.currency.name_fa()),
            Locale::En => match self.currency.symbol_en() {
                Some(sym) if self.minor < 0 => {
                    format!("-{sym}{}", number.trim_start_matches('-'))
                }
                Some(sym) => format!("{sym}{number}"),
                None => format!("{number} {}", self.currency.code()),
            },
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(Locale::En))
    }
}

/// The unit an amount input of `currency` is typed in, as its label says:
/// «تومان» for IRR in Persian, else the currency's Persian name or its code.
pub fn unit_label(currency: Currency, locale: Locale) -> &'static str {
    match locale {
        Locale::Fa if shows_toman(currency, locale) => "تومان",
        Locale::Fa => currency.name_fa(),
        Locale::En => currency.code(),
    }
}

/// IRR is shown and entered in toman in Persian.
fn shows_toman(currency: Currency, locale: Locale) -> bool {
    locale == Locale::Fa && currency == Currency::IRR
}

fn is_group_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{066C}' | '\u{060C}' | ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\''
    )
}

fn is_decimal_separator(c: char) -> bool {
    matches!(c, '.' | '\u{066B}')
}

/// Parses a non-negative decimal number into an integer scaled by 10^exponent.
pub(crate) fn parse_scaled(input: &str, exponent: u8) -> Result<i64, MoneyError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    if s.starts_with(['-', '\u{2212}']) {
        return Err(MoneyError::Negative);
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    let (int_part, frac_part) = match s.find(is_decimal_separator) {
        Some(i) => {
            let sep_len = s[i..].chars().next().map_or(1, char::len_utf8);
            (&s[..i], Some(&s[i + sep_len..]))
        }
        None => (s, None),
    };
    // Integer part: digits, optionally grouped by three.
    let mut groups: Vec<String> = vec![String::new()];
    for c in int_part.chars() {
        if let Some(d) = digit_value(c) {
            groups
                .last_mut()
                .expect("never empty")
                .push(char::from(b'0' + d));
        } else if is_group_separator(c) {
            groups.push(String::new());
        } else if is_decimal_separator(c) {
            return Err(MoneyError::Malformed);
        } else {
            return Err(MoneyError::InvalidCharacter);
        }
    }
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(MoneyError::Malformed);
    }
    let int_digits: String = groups.concat();
    let mut frac_digits = String::new();
    if let Some(frac) = frac_part {
        for c in frac.chars() {
            match digit_value(c) {
                Some(d) => frac_digits.push(char::from(b'0' + d)),
                None if is_decimal_separator(c) || is_group_separator(c) => {
                    return Err(MoneyError::Malformed)
                }
                None => return Err(MoneyError::InvalidCharacter),
            }
        }
        if frac_digits.is_empty() {
            return Err(MoneyError::Malformed);
        }
    }
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(MoneyError::Malformed);
    }
    let trimmed_frac = frac_digits.trim_end_matches('0');
    if trimmed_frac.len() > usize::from(exponent) {
        return Err(MoneyError::TooManyDecimals { max: exponent });
    }
    let mut value: i64 = 0;
    for c in int_digits.chars() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(c as u8 - b'0')))
            .ok_or(MoneyError::Overflow)?;
    }
    for i in 0..usize::from(exponent) {
        let d = trimmed_frac
            .as_bytes()
            .get(i)
            .map_or(0, |b| i64::from(b - b'0'));
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d))
            .ok_or(MoneyError::Overflow)?;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(s: &str) -> Result<i64, MoneyError> {
        Money::parse(s, Currency::EUR).map(Money::minor)
    }

    #[test]
    fn parses_the_issue_examples() {
        assert_eq!(eur("8.20"), Ok(820));
        assert_eq!(
            Money::parse("۱۲٬۵۰۰", Currency::IRR).map(Money::minor),
            Ok(12500)
        );
        assert_eq!(eur("1e3"), Err(MoneyError::InvalidCharacter));
        assert_eq!(eur("-5"), Err(MoneyError::Negative));
        assert_eq!(eur(""), Err(MoneyError::Empty));
        assert_eq!(eur("   "), Err(MoneyError::Empty));
        assert_eq!(eur("12.345"), Err(MoneyError::TooManyDecimals { max: 2 }));
    }

    #[test]
    fn parses_scripts_and_separators() {
        assert_eq!(eur("۸٫۲"), Ok(820));
        assert_eq!(eur("٨٫٢٠"), Ok(820));
        assert_eq!(eur("1,234.50"), Ok(123450));
        assert_eq!(eur("1 234"), Ok(123400));
        assert_eq!(eur(".5"), Ok(50));
        assert_eq!(
            eur("12.340"),
            Ok(1234),
            "trailing zeros are not extra precision"
        );
        assert_eq!(eur("1,5"), Err(MoneyError::Malformed));
        assert_eq!(eur("1.2.3"), Err(MoneyError::Malformed));
        assert_eq!(eur("12."), Err(MoneyError::Malformed));
        assert_eq!(eur("abc"), Err(MoneyError::InvalidCharacter));
        assert_eq!(
            Money::parse("1.5", Currency::IRR),
            Err(MoneyError::TooManyDecimals { max: 0 })
        );
        assert_eq!(
            Money::parse("99999999999999999999", Currency::IRR),
            Err(MoneyError::Overflow)
        );
        // The report's gift: i64::MAX rials, and one toman past the bound.
        assert_eq!(
            Money::parse("9223372036854775807", Currency::IRR),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::parse_input("100000000000001", Currency::IRR, Locale::Fa),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::parse("1000000000000000", Currency::IRR).map(Money::minor),
            Ok(MAX_MINOR)
        );
        assert_eq!(
            Money::parse("10000000000000.01", Currency::EUR),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::bounded(-MAX_MINOR - 1, Currency::EUR),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::parse("0.001", Currency::from_code("KWD").unwrap()).map(Money::minor),
            Ok(1)
        );
    }

    #[test]
    fn irr_is_entered_in_toman_in_persian() {
        let m = Money::parse_input("۱۲٬۵۰۰", Currency::IRR, Locale::Fa).unwrap();
        assert_eq!(m.minor(), 125_000);
        let m = Money::parse_input("12500", Currency::IRR, Locale::En).unwrap();
        assert_eq!(m.minor(), 12_500);
        let m = Money::parse_input("8.20", Currency::EUR, Locale::Fa).unwrap();
        assert_eq!(m.minor(), 820);
    }

    #[test]
    fn formats_exactly_per_locale() {
        let irr = Money::from_minor(125_000, Currency::IRR);
        assert_eq!(irr.format(Locale::En), "125,000 IRR");
        assert_eq!(irr.format(Locale::Fa), "۱۲٬۵۰۰ تومان");
        let odd = Money::from_minor(125_005, Currency::IRR);
        assert_eq!(
            odd.format(Locale::Fa),
            "۱۲٬۵۰۰٫۵ تومان",
            "a rial remainder is not rounded away"
        );
        let e = Money::from_minor(820, Currency::EUR);
        assert_eq!(e.format(Locale::En), "€8.20");
        assert_eq!(e.format(Locale::Fa), "۸٫۲۰ یورو");
        assert_eq!(
            Money::from_minor(5, Currency::EUR).format(Locale::En),
            "€0.05"
        );
        assert_eq!(
            Money::from_minor(-5, Currency::EUR).format(Locale::En),
            "-€0.05"
        );
        let chf = Money::from_minor(123_456_789, Currency::from_code("CHF").unwrap());
        assert_eq!(chf.format(Locale::En), "1,234,567.89 CHF");
    }

    #[test]
    fn parse_and_format_round_trip() {
        for minor in [0, 1, 9, 10, 99, 100, 12_345, 1_000_000_007] {
            for cur in [Currency::EUR, Currency::IRR] {
                for loc in Locale::ALL {
                    let m = Money::from_minor(minor, cur);
                    if cur == Currency::IRR && loc == Locale::Fa && minor % 10 != 0 {
                        continue; // toman input takes whole toman
                    }
                    let back = Money::parse_input(&m.format_number(loc), cur, loc);
                    assert_eq!(back, Ok(m), "{minor} {cur} {loc:?}");
                }
            }
        }
    }

    #[test]
    fn sums_never_mix_currencies() {
        let a = Money::from_minor(1, Currency::EUR);
        let b = Money::from_minor(1, Currency::IRR);
        assert_eq!(
            a.checked_add(b),
            Err(MoneyError::CurrencyMismatch(Currency::EUR, Currency::IRR))
        );
        assert_eq!(a.checked_add(a).map(Money::minor), Ok(2));
        assert_eq!(
            Money::from_minor(i64::MAX, Currency::EUR).checked_add(a),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn errors_are_translated() {
        for e in [
            MoneyError::Empty,
            MoneyError::Negative,
            MoneyError::TooManyDecimals { max: 2 },
        ] {
            assert_ne!(e.message(Locale::Fa), e.message(Locale::En));
            assert!(!e.message(Locale::Fa).is_empty());
        }
    }
}
