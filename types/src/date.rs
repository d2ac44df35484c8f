//! Calendar dates as shown to people: Solar Hijri (Jalali) in Persian,
//! Gregorian in English (ARCHITECTURE.md invariant 7).
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

/// Solar Hijri month names as English writes them.
pub const JALALI_MONTHS_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];

/// Gregorian month names as Persian writes them (Academy of Persian
/// Language and Literature spellings).
pub const GREGORIAN_MONTHS_FA: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// A calendar a date can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Calendar {
    /// Solar Hijri (Jalali), Iran's civil calendar.
    Persian,
    Gregorian,
}

impl Calendar {
    /// The calendar a locale writes dates in: Solar Hijri in Persian,
    /// Gregorian in English.
    pub fn of(locale: Locale) -> Calendar {
        match locale {
            Locale::Fa => Calendar::Persian,
            Locale::En => Calendar::Gregorian,
        }
    }

    /// The other one.
    pub fn other(self) -> Calendar {
        match self {
            Calendar::Persian => Calendar::Gregorian,
            Calendar::Gregorian => Calendar::Persian,
        }
    }

    /// The code in URLs: `persian` or `gregorian`.
    pub fn code(self) -> &'static str {
        match self {
            Calendar::Persian => "persian",
            Calendar::Gregorian => "gregorian",
        }
    }

    /// Reads [`Calendar::code`].
    pub fn from_code(code: &str) -> Option<Calendar> {
        match code {
            "persian" => Some(Calendar::Persian),
            "gregorian" => Some(Calendar::Gregorian),
            _ => None,
        }
    }
}

impl DisplayDate {
    /// The date as written in the locale: «۱۲ آذر ۱۴۰۴» / `3 December 2025`.
    pub fn format(&self, locale: Locale) -> String {
        self.format_in(Calendar::of(locale), locale)
    }

    /// The date in `calendar`, written in `locale`'s words and digits:
    /// «۳ دسامبر ۲۰۲۵» / `12 Azar 1404`.
    pub fn format_in(&self, calendar: Calendar, locale: Locale) -> String {
        let ([y, m, d], names) = match (calendar, locale) {
            (Calendar::Persian, Locale::Fa) => (self.jalali, &JALALI_MONTHS_FA),
            (Calendar::Persian, Locale::En) => (self.jalali, &JALALI_MONTHS_EN),
            (Calendar::Gregorian, Locale::Fa) => (self.gregorian, &GREGORIAN_MONTHS_FA),
            (Calendar::Gregorian, Locale::En) => (self.gregorian, &GREGORIAN_MONTHS_EN),
        };
        let month = usize::try_from(m - 1)
            .ok()
            .and_then(|i| names.get(i))
            .copied()
            .unwrap_or("?");
        localize_digits(&format!("{d} {month} {y}"), locale)
    }

    /// The year in `calendar`.
    pub fn year_in(&self, calendar: Calendar) -> i32 {
        match calendar {
            Calendar::Persian => self.jalali[0],
            Calendar::Gregorian => self.gregorian[0],
        }
    }

    /// The date as a form's date field shows it: Solar Hijri `۱۴۰۴/۰۹/۱۲`
    /// in Persian digits in Persian, ISO `2025-12-03` in English. The
    /// forms read either back (`calendar::parse_date_input` in the domain).
    pub fn input(&self, locale: Locale) -> String {
        match locale {
            Locale::Fa => {
                let [y, m, d] = self.jalali;
                localize_digits(&format!("{y:04}/{m:02}/{d:02}"), locale)
            }
            Locale::En => self.iso(),
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
    fn date_fields_show_the_locale_calendar() {
        let d = DisplayDate {
            gregorian: [2025, 12, 3],
            jalali: [1404, 9, 12],
        };
        assert_eq!(d.input(Locale::Fa), "۱۴۰۴/۰۹/۱۲");
        assert_eq!(d.input(Locale::En), "2025-12-03");
    }

    #[test]
    fn writes_both_calendars() {
        let d = DisplayDate {
            gregorian: [2025, 12, 3],
            jalali: [1404, 9, 12],
        };
        assert_eq!(d.format(Locale::Fa), "۱۲ آذر ۱۴۰۴");
        assert_eq!(d.format(Locale::En), "3 December 2025");
        assert_eq!(d.iso(), "2025-12-03");
        assert_eq!(
            d.format_in(Calendar::Gregorian, Locale::Fa),
            "۳ دسامبر ۲۰۲۵"
        );
        assert_eq!(d.format_in(Calendar::Persian, Locale::En), "12 Azar 1404");
        assert_eq!(d.year_in(Calendar::Persian), 1404);
        assert_eq!(d.year_in(Calendar::Gregorian), 2025);
    }
}
