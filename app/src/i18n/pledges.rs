//! The strings of pledges beyond the card form: a program's public list
//! of pledges, pledges paid to the center (bank transfer or cash) and the
//! installments of those the center's staff record; Persian and English.

use nikoo_types::Locale;

/// Pledge-list strings of one language.
#[derive(Debug)]
pub struct PledgeListStrings {
    pub title: &'static str,
    pub none_yet: &'static str,
    pub col_by: &'static str,
    pub col_pledge: &'static str,
    pub col_for: &'static str,
    pub col_since: &'static str,
    pub center: &'static str,
    pub offline_title: &'static str,
    pub offline_intro: &'static str,
    pub offline_button: &'static str,
    pub due_title: &'static str,
    pub no_due: &'static str,
    pub col_number: &'static str,
    pub col_due: &'static str,
    pub col_amount: &'static str,
    pub col_record: &'static str,
    pub record_button: &'static str,
    pub paid_to_center: &'static str,
}

pub const FA: PledgeListStrings = PledgeListStrings {
    title: "تعهدها",
    none_yet: "هنوز تعهدی برای این برنامه ثبت نشده است.",
    col_by: "تعهد از",
    col_pledge: "تعهد",
    col_for: "برای",
    col_since: "از تاریخ",
    center: "مرکز",
    offline_title: "تعهد پرداخت مستقیم به مرکز",
    offline_intro: "هر قسط را با واریز بانکی یا نقدی به خود مرکز بدهید؛ کارکنان مرکز رسیدنش را ثبت می‌کنند و در صفحهٔ کمک‌های شما دیده می‌شود. برای ریال همین راه هست.",
    offline_button: "ثبت تعهد",
    due_title: "قسط‌های سررسیدهٔ تعهدها",
    no_due: "قسط سررسیده‌ای در انتظار ثبت نیست.",
    col_number: "قسط",
    col_due: "سررسید",
    col_amount: "مبلغ",
    col_record: "ثبت دریافت",
    record_button: "ثبت دریافت",
    paid_to_center: "پرداخت مستقیم به مرکز",
};

pub const EN: PledgeListStrings = PledgeListStrings {
    title: "Pledges",
    none_yet: "No pledges to this program yet.",
    col_by: "Pledged by",
    col_pledge: "Pledge",
    col_for: "For",
    col_since: "Since",
    center: "center",
    offline_title: "Pledge to pay the center directly",
    offline_intro: "Give each installment by bank transfer or in cash to the center itself; its staff record it when it arrives, and you see it on your giving page. This is the way for rials.",
    offline_button: "Pledge",
    due_title: "Pledge installments due",
    no_due: "No installment is waiting to be recorded.",
    col_number: "Installment",
    col_due: "Due",
    col_amount: "Amount",
    col_record: "Record received",
    record_button: "Record received",
    paid_to_center: "paid to the center",
};

/// The strings of `locale`.
pub fn strings(locale: Locale) -> &'static PledgeListStrings {
    match locale {
        Locale::Fa => &FA,
        Locale::En => &EN,
    }
}
