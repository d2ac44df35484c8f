//! Turning UTC instants into the days people see: in the center's time
//! zone (default Asia/Tehran), in both the Gregorian and the Solar Hijri
//! calendar (ARCHITECTURE.md invariant 7). The Solar Hijri conversion is ICU4X's.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use nikoo_types::DisplayDate;

/// The time zone a center uses when none is set.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Asia::Tehran;

/// Parses an IANA zone name, falling back to [`DEFAULT_TIME_ZONE`].
pub fn time_zone(name: &str) -> Tz {
    name.parse().unwrap_or(DEFAULT_TIME_ZONE)
}

/// The calendar day of `at` in zone `tz`.
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// A Gregorian date in both calendars.
pub fn display_date(date: NaiveDate) -> DisplayDate {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let jalali = u8::try_from(m)
        .ok()
        .zip(u8::try_from(d).ok())
        .and_then(|(m, d)| icu_calendar::Date::try_new_iso(y, m, d).ok())
        .map(|iso| {
            let p = iso.to_calendar(icu_calendar::cal::Persian);
            [
                p.year().extended_year(),
                i32::from(p.month().ordinal),
                i32::from(p.day_of_month().0),
            ]
        })
        .unwrap_or([0, 0, 0]);
    DisplayDate {
        gregorian: [y, m as i32, d as i32],
        jalali,
    }
}

/// The day of `at` in `tz`, in both calendars.
pub fn display_instant(at: DateTime<Utc>, tz: Tz) -> DisplayDate {
    display_date(local_date(at, tz))
}

/// Years below this are read as Solar Hijri, the rest as Gregorian: the
/// two calendars' years in use (14xx and 20xx) are far apart.
const FIRST_GREGORIAN_YEAR: i32 = 1700;

/// A date typed as `year-month-day` (or with `/`), in any digits (ASCII,
/// Persian, Arabic-Indic), in either calendar: a year below 1700 is Solar
/// Hijri (`۱۴۰۴/۰۹/۱۲`), otherwise Gregorian (`2025-12-03`). `None` when
/// it is not a real day.
pub fn parse_date_input(raw: &str) -> Option<NaiveDate> {
    let ascii = nikoo_types::digits::to_ascii_digits(raw.trim());
    let parts: Vec<&str> = ascii.split(['-', '/']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (y, m, d): (i32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if y >= FIRST_GREGORIAN_YEAR {
        return NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d));
    }
    let persian = icu_calendar::Date::try_new_persian(y, m, d).ok()?;
    let iso = persian.to_calendar(icu_calendar::Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// A day that has come (at the center): `raw` typed as
/// [`parse_date_input`] reads it, today or before.
///
/// # Errors
/// `Invalid` for `field`: `invalid` when it is not a day, `in_future`
/// after `today`.
pub fn past_day(
    field: &str,
    raw: &str,
    today: NaiveDate,
) -> Result<NaiveDate, crate::error::DomainError> {
    use crate::error::DomainError;
    use nikoo_types::outcome::Rule;
    let day = parse_date_input(raw).ok_or_else(|| DomainError::invalid(field, Rule::Invalid))?;
    if day > today {
        return Err(DomainError::invalid(field, Rule::InFuture));
    }
    Ok(day)
}

/// Noon of `day` in zone `tz`, as UTC: the instant a record of a past day
/// (a disbursement, a gift received that day) carries.
pub fn noon(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    use chrono::TimeZone;
    let local = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&local)
        .earliest()
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}

/// Today in Asia/Tehran: the day public figures are computed for
/// (pledged counts the installments due from it on).
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    local_date(now, DEFAULT_TIME_ZONE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nikoo_types::Locale;

    #[test]
    fn dates_are_typed_in_either_calendar_and_any_digits() {
        let seed = NaiveDate::from_ymd_opt(2025, 12, 3);
        assert_eq!(parse_date_input("2025-12-03"), seed);
        assert_eq!(parse_date_input(" ۱۴۰۴/۰۹/۱۲ "), seed);
        assert_eq!(parse_date_input("١٤٠٤-٩-١٢"), seed);
        assert_eq!(
            parse_date_input("1404/01/01"),
            NaiveDate::from_ymd_opt(2025, 3, 21)
        );
        for bad in [
            "",
            "2025-02-30",
            "1404/13/01",
            "1404/12/31",
            "2025-12",
            "x-y-z",
            "2025-12-03-1",
        ] {
            assert_eq!(parse_date_input(bad), None, "{bad}");
        }
    }

    #[test]
    fn seed_day_in_jalali() {
        let d = display_date(NaiveDate::from_ymd_opt(2025, 12, 3).unwrap());
        assert_eq!(d.jalali, [1404, 9, 12]);
        assert_eq!(d.format(Locale::Fa), "۱۲ آذر ۱۴۰۴");
        assert_eq!(d.format(Locale::En), "3 December 2025");
    }

    #[test]
    fn nowruz_and_leap_years() {
        assert_eq!(
            display_date(NaiveDate::from_ymd_opt(2025, 3, 21).unwrap()).jalali,
            [1404, 1, 1]
        );
        assert_eq!(
            display_date(NaiveDate::from_ymd_opt(2025, 3, 20).unwrap()).jalali,
            [1403, 12, 30]
        );
    }

    #[test]
    fn days_follow_the_center_time_zone() {
        // 21:00 UTC on 2 December is already 3 December in Tehran (UTC+3:30).
        let at = DateTime::parse_from_rfc3339("2025-12-02T21:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            local_date(at, DEFAULT_TIME_ZONE),
            NaiveDate::from_ymd_opt(2025, 12, 3).unwrap()
        );
        assert_eq!(
            local_date(at, time_zone("UTC")),
            NaiveDate::from_ymd_opt(2025, 12, 2).unwrap()
        );
        assert_eq!(time_zone("Not/AZone"), DEFAULT_TIME_ZONE);
    }
}
