//! Counts of people shown to the public, with the small-cell rule of
//! ARCHITECTURE.md invariant 5 (CDC WONDER's): a count from 1 to 9 is shown as
//! "fewer than 10", and further cells are hidden ("suppressed") where a
//! hidden count could otherwise be recovered by subtracting published ones.

use crate::Locale;
use serde::{Deserialize, Serialize};

/// The smallest count shown as a number (CDC WONDER: 1–9 are suppressed).
pub const SMALLEST_SHOWN: u64 = 10;

/// A published count: its number, "fewer than 10", or hidden to protect
/// another hidden cell. Serialized as `{"exact": n}`, `"fewer_than_10"` or
/// `"suppressed"`; the hidden number is never in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicCount {
    Exact(u64),
    #[serde(rename = "fewer_than_10")]
    FewerThan10,
    Suppressed,
}

impl PublicCount {
    /// The primary rule alone: 1–9 become "fewer than 10"; 0 and 10 up are shown.
    pub fn primary(n: u64) -> PublicCount {
        if (1..SMALLEST_SHOWN).contains(&n) {
            PublicCount::FewerThan10
        } else {
            PublicCount::Exact(n)
        }
    }

    /// Whether the number is hidden.
    pub fn is_hidden(self) -> bool {
        !matches!(self, PublicCount::Exact(_))
    }

    /// As shown in the locale: `12`, «کمتر از ۱۰», «محرمانه».
    pub fn format(self, locale: Locale) -> String {
        let s = crate::i18n::site::strings(locale);
        match self {
            PublicCount::Exact(n) => crate::digits::format_integer(n as i64, locale),
            PublicCount::FewerThan10 => s.count_fewer_than_10.into(),
            PublicCount::Suppressed => s.count_suppressed.into(),
        }
    }
}

/// Households served and the people in them, as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    pub households: PublicCount,
    pub people: PublicCount,
}

impl Default for Served {
    fn default() -> Self {
        Served::NONE
    }
}

impl Served {
    /// Nobody.
    pub const NONE: Served = Served {
        households: PublicCount::Exact(0),
        people: PublicCount::Exact(0),
    };

    /// Whether nobody is linked: pages leave the line out rather than show
    /// a zero beside the households a delivery names.
    pub fn is_none(self) -> bool {
        self == Served::NONE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_nine_are_fewer_than_ten() {
        assert_eq!(PublicCount::primary(0), PublicCount::Exact(0));
        assert_eq!(PublicCount::primary(1), PublicCount::FewerThan10);
        assert_eq!(PublicCount::primary(9), PublicCount::FewerThan10);
        assert_eq!(PublicCount::primary(10), PublicCount::Exact(10));
        assert_eq!(PublicCount::FewerThan10.format(Locale::Fa), "کمتر از ۱۰");
        let json = serde_json::to_string(&PublicCount::FewerThan10).unwrap();
        assert_eq!(json, "\"fewer_than_10\"");
        assert_eq!(
            serde_json::to_string(&PublicCount::Exact(12)).unwrap(),
            "{\"exact\":12}"
        );
    }
}
