//! The strings of the donor's own pages beyond the pledge list: receipts'
//! numbers and dates in both calendars, the yearly statement, changing a
//! pledge's amount and the card it is charged to; Persian and English.

use nikoo_types::{Calendar, Locale};

/// Donor-page strings of one language.
#[derive(Debug)]
pub struct DonorStrings {
    pub receipt_number: &'static str,
    /// Label of a date in each calendar: Solar Hijri, Gregorian.
    pub date_in: [&'static str; 2],
    /// Name of each calendar: Solar Hijri, Gregorian.
    pub calendar_name: [&'static str; 2],
    pub statement_title: &'static str,
    pub statement_link: &'static str,
    pub statement_intro: &'static str,
    pub statement_donor: &'static str,
    pub statement_year: &'static str,
    pub statement_other_years: &'static str,
    pub statement_in_other_calendar: &'static str,
    pub no_gifts_in_year: &'static str,
    pub col_center: &'static str,
    pub col_receipt: &'static str,
    pub totals: &'static str,
    pub col_currency: &'static str,
    pub given: &'static str,
    pub refunded: &'static str,
    pub net: &'static str,
    pub change_amount: &'static str,
    pub new_amount: &'static str,
    pub change_amount_button: &'static str,
    pub change_amount_note: &'static str,
    pub update_card: &'static str,
    pub update_card_intro: &'static str,
    pub update_card_button: &'static str,
    pub saving: &'static str,
    pub card_updated: &'static str,
    pub notice_amount_changed: &'static str,
}

impl DonorStrings {
    /// The label of a date written in `calendar`.
    pub fn date_in(&self, calendar: Calendar) -> &'static str {
        match calendar {
            Calendar::Persian => self.date_in[0],
            Calendar::Gregorian => self.date_in[1],
        }
    }

    /// The name of `calendar`.
    pub fn calendar_name(&self, calendar: Calendar) -> &'static str {
        match calendar {
            Calendar::Persian => self.calendar_name[0],
            Calendar::Gregorian => self.calendar_name[1],
        }
    }
}

pub const FA: DonorStrings = DonorStrings {
    receipt_number: "شماره رسید",
    date_in: ["تاریخ خورشیدی", "تاریخ میلادی"],
    calendar_name: ["خورشیدی", "میلادی"],
    statement_title: "گزارش سالانه کمک‌ها",
    statement_link: "گزارش سالانه",
    statement_intro: "کمک‌هایی که مرکزها در این سال دریافت کرده‌اند، با شماره رسید هر مرکز. بازپرداخت‌ها کسر شده‌اند.",
    statement_donor: "به نام",
    statement_year: "سال",
    statement_other_years: "سال‌های دیگر",
    statement_in_other_calendar: "همین گزارش به سال",
    no_gifts_in_year: "در این سال کمکی از شما دریافت نشده است.",
    col_center: "مرکز",
    col_receipt: "شماره رسید",
    totals: "جمع",
    col_currency: "واحد پول",
    given: "کمک",
    refunded: "بازپرداخت",
    net: "خالص",
    change_amount: "تغییر مبلغ",
    new_amount: "مبلغ تازه هر قسط",
    change_amount_button: "ثبت مبلغ تازه",
    change_amount_note: "از قسط بعدی؛ قسط‌هایی که سررسیده‌اند همان مبلغ قبلی را دارند.",
    update_card: "کارت تازه",
    update_card_intro: "کارت تازه برای همه تعهدهای کارتی شما به کار می‌رود و قسط‌های معوق دوباره با آن پرداخت می‌شوند.",
    update_card_button: "ذخیره کارت تازه",
    saving: "در حال ذخیره…",
    card_updated: "کارت تازه ذخیره شد.",
    notice_amount_changed: "مبلغ تعهد تغییر کرد.",
};

pub const EN: DonorStrings = DonorStrings {
    receipt_number: "Receipt no.",
    date_in: ["Solar Hijri date", "Gregorian date"],
    calendar_name: ["Solar Hijri", "Gregorian"],
    statement_title: "Yearly giving statement",
    statement_link: "Yearly statement",
    statement_intro: "Gifts the centers received in this year, with each center's receipt number. Refunds are deducted.",
    statement_donor: "Donor",
    statement_year: "Year",
    statement_other_years: "Other years",
    statement_in_other_calendar: "This statement by the year of the calendar:",
    no_gifts_in_year: "No gift of yours was received in this year.",
    col_center: "Center",
    col_receipt: "Receipt no.",
    totals: "Totals",
    col_currency: "Currency",
    given: "Given",
    refunded: "Refunded",
    net: "Net",
    change_amount: "Change amount",
    new_amount: "New amount of each installment",
    change_amount_button: "Save new amount",
    change_amount_note: "From the next installment on; installments already due keep their amount.",
    update_card: "New card",
    update_card_intro: "The new card is used for all your card pledges, and overdue installments are charged to it again.",
    update_card_button: "Save new card",
    saving: "Saving…",
    card_updated: "Your new card is saved.",
    notice_amount_changed: "The pledge's amount is changed.",
};

/// The strings of `locale`.
pub fn strings(locale: Locale) -> &'static DonorStrings {
    match locale {
        Locale::Fa => &FA,
        Locale::En => &EN,
    }
}
