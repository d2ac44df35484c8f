//! The texts of receipts (numbers and dates in both calendars), the
//! yearly statement, and changes to a pledge's amount and card.

include!(concat!(env!("OUT_DIR"), "/i18n/giving__receipts.rs"));

impl Strings {
    /// The label of a date written in `calendar`.
    pub fn date_in(&self, calendar: crate::Calendar) -> &'static str {
        match calendar {
            crate::Calendar::Persian => self.date_in_persian,
            crate::Calendar::Gregorian => self.date_in_gregorian,
        }
    }

    /// The name of `calendar`.
    pub fn calendar_name(&self, calendar: crate::Calendar) -> &'static str {
        match calendar {
            crate::Calendar::Persian => self.calendar_persian,
            crate::Calendar::Gregorian => self.calendar_gregorian,
        }
    }
}
