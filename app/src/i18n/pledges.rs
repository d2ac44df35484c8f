//! The strings of a program's public list of pledges, Persian and English.

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
}

pub const FA: PledgeListStrings = PledgeListStrings {
    title: "تعهدها",
    none_yet: "هنوز تعهدی برای این برنامه ثبت نشده است.",
    col_by: "تعهد از",
    col_pledge: "تعهد",
    col_for: "برای",
    col_since: "از تاریخ",
    center: "مرکز",
};

pub const EN: PledgeListStrings = PledgeListStrings {
    title: "Pledges",
    none_yet: "No pledges to this program yet.",
    col_by: "Pledged by",
    col_pledge: "Pledge",
    col_for: "For",
    col_since: "Since",
    center: "center",
};

/// The strings of `locale`.
pub fn strings(locale: Locale) -> &'static PledgeListStrings {
    match locale {
        Locale::Fa => &FA,
        Locale::En => &EN,
    }
}
