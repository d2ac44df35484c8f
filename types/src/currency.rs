//! ISO 4217 currencies that Nikoo accepts, with their minor-unit exponents.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One currency Nikoo accepts.
///
/// The exponent is the number of decimal places of the minor unit
/// (ISO 4217 "minor unit" column), except for IRR: ISO gives the rial 2,
/// but no fraction of a rial circulates, so Nikoo gives it 0 and stores
/// whole rials (ARCHITECTURE.md, "Languages").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: &'static str,
    exponent: u8,
}

/// The supported currencies: `(code, exponent, Persian name, English symbol)`.
/// An empty symbol means the code is written after the amount in English.
const TABLE: &[(&str, u8, &str, &str)] = &[
    ("IRR", 0, "ریال", ""),
    ("EUR", 2, "یورو", "€"),
    ("USD", 2, "دلار", "$"),
    ("GBP", 2, "پوند", "£"),
    ("CHF", 2, "فرانک سوئیس", ""),
    ("CAD", 2, "دلار کانادا", ""),
    ("AUD", 2, "دلار استرالیا", ""),
    ("SEK", 2, "کرون سوئد", ""),
    ("TRY", 2, "لیر ترکیه", ""),
    ("AED", 2, "درهم امارات", ""),
    ("JPY", 0, "ین", ""),
    ("KWD", 3, "دینار کویت", ""),
];

impl Currency {
    /// Iranian rial, exponent 0 in Nikoo.
    pub const IRR: Currency = Currency {
        code: "IRR",
        exponent: 0,
    };
    /// Euro, exponent 2.
    pub const EUR: Currency = Currency {
        code: "EUR",
        exponent: 2,
    };

    /// Looks up an ISO 4217 alphabetic code (upper or lower case).
    pub fn from_code(code: &str) -> Option<Currency> {
        let upper = code.trim().to_ascii_uppercase();
        TABLE
            .iter()
            .find(|(c, ..)| *c == upper)
            .map(|(c, e, ..)| Currency {
                code: c,
                exponent: *e,
            })
    }

    /// The ISO 4217 alphabetic code, e.g. `"EUR"`.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// Decimal places of the minor unit (EUR 2, IRR 0 in Nikoo, KWD 3).
    pub fn exponent(self) -> u8 {
        self.exponent
    }

    fn row(self) -> &'static (&'static str, u8, &'static str, &'static str) {
        TABLE
            .iter()
            .find(|(c, ..)| *c == self.code)
            .expect("currency comes from TABLE")
    }

    /// The Persian name, e.g. «یورو».
    pub fn name_fa(self) -> &'static str {
        self.row().2
    }

    /// The English prefix symbol (`€`), or `None` when the code is written after the amount.
    pub fn symbol_en(self) -> Option<&'static str> {
        Some(self.row().3).filter(|s| !s.is_empty())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::from_code(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unsupported currency {s}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_exponents() {
        assert_eq!(Currency::from_code("eur"), Some(Currency::EUR));
        assert_eq!(Currency::from_code("IRR").map(Currency::exponent), Some(0));
        assert_eq!(Currency::from_code("KWD").map(Currency::exponent), Some(3));
        assert_eq!(Currency::from_code("XXX"), None);
        let json = serde_json::to_string(&Currency::EUR).unwrap();
        assert_eq!(json, "\"EUR\"");
        assert!(serde_json::from_str::<Currency>("\"ZZZ\"").is_err());
    }
}
