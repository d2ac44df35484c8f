//! Installment dates of recurring pledges and what a pledge still promises.
//!
//! Dates are Gregorian months in the center's time zone; the start date is
//! installment 1. Each date is computed from the start (not from the previous
//! date), and a start on the 29th–31st falls on the month's last day when the
//! month is shorter: 2025-01-31 monthly → 01-31, 02-28, 03-31, 04-30, …

use chrono::{Months, NaiveDate};

pub use crate::entities::codes::Frequency;

impl Frequency {
    fn months(self) -> u32 {
        match self {
            Frequency::Once => 0,
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Yearly => 12,
        }
    }
}

/// The due date of installment `n` (1-based), or `None` past chrono's range.
pub fn installment_date(start: NaiveDate, frequency: Frequency, n: u32) -> Option<NaiveDate> {
    let step = frequency.months().checked_mul(n.checked_sub(1)?)?;
    // chrono clamps to the month's last day when the day does not exist.
    start.checked_add_months(Months::new(step))
}

/// Due dates of installments 1.. up to `count` installments (all of them
/// for a fixed count) and not after `until`. A one-time pledge has one.
pub fn installment_dates(
    start: NaiveDate,
    frequency: Frequency,
    count: Option<u32>,
    until: NaiveDate,
) -> Vec<NaiveDate> {
    let limit = match frequency {
        Frequency::Once => 1,
        _ => count.unwrap_or(u32::MAX),
    };
    (1..=limit)
        .map_while(|n| installment_date(start, frequency, n))
        .take_while(|d| *d <= until)
        .collect()
}

/// How many installments a pledge promises in all, with `today` and the
/// 12-month horizon of ARCHITECTURE.md invariant 3: a fixed count is promised
/// whole; an open-ended pledge promises those due up to `today + 12 months`.
pub fn promised_installments(
    start: NaiveDate,
    frequency: Frequency,
    count: Option<u32>,
    today: NaiveDate,
) -> u32 {
    match (frequency, count) {
        (Frequency::Once, _) => 1,
        (_, Some(n)) => n,
        (_, None) => {
            let horizon = today.checked_add_months(Months::new(12)).unwrap_or(today);
            u32::try_from(installment_dates(start, frequency, None, horizon).len())
                .unwrap_or(u32::MAX)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_end_anchor_clamps_per_month() {
        let dates = installment_dates(d(2025, 1, 31), Frequency::Monthly, Some(12), d(2100, 1, 1));
        assert_eq!(dates.len(), 12);
        assert_eq!(
            &dates[..4],
            &[
                d(2025, 1, 31),
                d(2025, 2, 28),
                d(2025, 3, 31),
                d(2025, 4, 30)
            ]
        );
        assert_eq!(dates[11], d(2025, 12, 31));
        let leap = installment_dates(d(2024, 1, 31), Frequency::Monthly, Some(2), d(2100, 1, 1));
        assert_eq!(leap, vec![d(2024, 1, 31), d(2024, 2, 29)]);
    }

    #[test]
    fn quarterly_yearly_and_once() {
        let q = installment_dates(
            d(2025, 11, 30),
            Frequency::Quarterly,
            Some(3),
            d(2100, 1, 1),
        );
        assert_eq!(q, vec![d(2025, 11, 30), d(2026, 2, 28), d(2026, 5, 30)]);
        let y = installment_dates(d(2024, 2, 29), Frequency::Yearly, Some(2), d(2100, 1, 1));
        assert_eq!(y, vec![d(2024, 2, 29), d(2025, 2, 28)]);
        assert_eq!(
            installment_dates(d(2025, 5, 5), Frequency::Once, None, d(2100, 1, 1)).len(),
            1
        );
    }

    #[test]
    fn open_ended_pledges_promise_the_next_twelve_months() {
        // Started 3 months ago, monthly: 09-01 … 12-01 (4 dates) + 12 ahead = 16 up to the horizon.
        let n = promised_installments(d(2025, 9, 1), Frequency::Monthly, None, d(2025, 12, 1));
        assert_eq!(n, 16);
        assert_eq!(
            promised_installments(d(2025, 9, 1), Frequency::Monthly, Some(6), d(2025, 12, 1)),
            6
        );
        assert_eq!(
            promised_installments(d(2025, 9, 1), Frequency::Yearly, None, d(2025, 12, 1)),
            2
        );
    }
}
