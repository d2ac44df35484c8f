//! Calendar dates as shown to people: Solar Hijri (Jalali) in Persian,
//! Gregorian in English (DESIGN.md invariant 7).
//!
//! The conversion to the Solar Hijri calendar is done on the server with
//! ICU4X (`nikoo_domain::calendar`); this type only carries both forms and
//! writes them, so the WebAssembly client renders the same text without ICU data.

use crate::digits::localize_digits;
use crate::Locale;
use serde::{Deserialize, Serialize};

/// A day in both calendars: `gregorian` and `jalali` are `[year, month, day]`,
/// months 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayDate {
    /// Proleptic Gregorian (ISO 8601) year, month, day.
    pub gregorian: [i32; 3],
    /// Solar Hijri year, month, day.
    pub jalali: [i32; 3],
}

/// Solar Hijri month names, Farvardin first.
pub const JALALI_MONTHS_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Gregorian month names in English.
pub const GREGORIAN_MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl DisplayDate {
    /// The date as written in the locale: «۱۲ آذر ۱۴۰۴» / `3 December 2025`.
    pub fn format(&self, locale: Locale) -> String {
        match locale {
            Locale::Fa => {
                let [y, m, d] = self.jalali;
                let month = JALALI_MONTHS_FA
                    .get((m - 1) as usize)
                    .copied()
                    .unwrap_or("?");
                localize_digits(&format!("{d} {month} {y}"), Locale::Fa)
            }
            Locale::En => {
                let [y, m, d] = self.gregorian;
                let month = GREGORIAN_MONTHS_EN
                    .get((m - 1) as usize)
                    .copied()
                    .unwrap_or("?");
                format!("{d} {month} {y}")
            }
        }
    }

    /// ISO 8601 `YYYY-MM-DD` of the Gregorian date, for `<time datetime>`.
    pub fn iso(&self) -> String {
        let [y, m, d] = self.gregorian;
        format!("{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_both_calendars() {
        let d = DisplayDate {
            gregorian: [2025, 12, 3],
            jalali: [1404, 9, 12],
        };
        assert_eq!(d.format(Locale::Fa), "۱۲ آذر ۱۴۰۴");
        assert_eq!(d.format(Locale::En), "3 December 2025");
        assert_eq!(d.iso(), "2025-12-03");
    }
}
