//! The center workspace's wire types: a center's programs and needs as its
//! staff run them (drafts included), the forms that change them, and the
//! translated messages of their rules.

use crate::public::{NeedFigures, Place, Totals};
use crate::{Category, DisplayDate, Locale, LocalizedText};
use serde::{Deserialize, Serialize};

/// The longest program or need title, in characters.
pub const TITLE_MAX_CHARS: usize = 160;
/// The longest program summary, in characters.
pub const SUMMARY_MAX_CHARS: usize = 400;
/// The longest program description (Markdown), in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 20_000;
/// The longest reason for closing a need, in characters.
pub const REASON_MAX_CHARS: usize = 400;

/// A program's stage as staff see it: `draft`, `active`, `paused`,
/// `completed` or `archived`; and the changes it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    /// Draft → active: the program goes public (once its center is verified).
    Publish,
    /// Active → paused: public, but takes no gifts.
    Pause,
    /// Paused → active.
    Resume,
    /// Active or paused → completed: public, takes no gifts.
    Complete,
    /// Any but archived → archived: off the public pages; its records stay.
    Archive,
}

impl StatusChange {
    /// Every change, in the order the page offers them.
    pub const ALL: [StatusChange; 5] = [
        StatusChange::Publish,
        StatusChange::Pause,
        StatusChange::Resume,
        StatusChange::Complete,
        StatusChange::Archive,
    ];

    /// The form's code.
    pub fn code(self) -> &'static str {
        match self {
            StatusChange::Publish => "publish",
            StatusChange::Pause => "pause",
            StatusChange::Resume => "resume",
            StatusChange::Complete => "complete",
            StatusChange::Archive => "archive",
        }
    }

    /// Parses a form's code.
    pub fn from_code(code: &str) -> Option<StatusChange> {
        StatusChange::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The stage a program in `status` moves to, or `None` when this
    /// change does not apply to it.
    pub fn from_status(self, status: &str) -> Option<&'static str> {
        match (self, status) {
            (StatusChange::Publish, "draft") => Some("active"),
            (StatusChange::Pause, "active") => Some("paused"),
            (StatusChange::Resume, "paused") => Some("active"),
            (StatusChange::Complete, "active" | "paused") => Some("completed"),
            (StatusChange::Archive, "draft" | "active" | "paused" | "completed") => {
                Some("archived")
            }
            _ => None,
        }
    }
}

/// A need's priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    #[default]
    Normal,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Normal, Priority::Low];

    pub fn code(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    pub fn from_code(code: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Where a need stands, from its figures and whether staff closed it:
/// `open` (nothing received yet), `partly_met`, `met` (received covers the
/// target) or `closed`.
pub fn need_state(status: &str, target: i64, received: i64) -> &'static str {
    if status == "closed" {
        "closed"
    } else if target > 0 && received >= target {
        "met"
    } else if received > 0 {
        "partly_met"
    } else {
        "open"
    }
}

/// A program's editable fields, as the form shows and posts them (dates
/// ISO `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgramFields {
    pub title_fa: String,
    pub title_en: String,
    pub summary_fa: String,
    pub summary_en: String,
    /// Markdown.
    pub description_fa: String,
    pub description_en: String,
    /// A [`Category`] code.
    pub category: String,
    /// A county code of the center's province.
    pub county: String,
    pub start_date: String,
    /// Empty: open-ended.
    pub end_date: String,
}

/// A program in the workspace list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceProgram {
    pub id: i32,
    pub slug: String,
    pub title: LocalizedText,
    /// `draft`, `active`, `paused`, `completed` or `archived`.
    pub status: String,
    pub category: Category,
    pub county: Place,
    pub start_date: DisplayDate,
    pub end_date: Option<DisplayDate>,
    /// One per currency (ledger figures, as on the public page).
    pub totals: Vec<Totals>,
    pub needs_met: u32,
    pub needs_total: u32,
}

/// A center's programs, for its staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterPrograms {
    pub center_id: i32,
    pub center_name: LocalizedText,
    /// Whether the center is verified (its published programs are public).
    pub verified: bool,
    /// Newest first.
    pub programs: Vec<WorkspaceProgram>,
    /// Whether the caller may create and edit programs (owner, manager).
    pub can_manage: bool,
    /// The counties a program of this center may be in.
    pub counties: Vec<Place>,
    /// Today at the center, the new program's default start (shown with
    /// [`DisplayDate::input`](crate::date::DisplayDate::input)).
    pub today: DisplayDate,
}

/// A need's editable fields, as the form shows and posts them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NeedFields {
    /// `money` or `in_kind` (fixed once created).
    pub kind: String,
    pub title_fa: String,
    pub title_en: String,
    /// Money: the target, in the currency's unit as typed (IRR in toman in Persian).
    pub target_amount: String,
    /// Money: ISO 4217 code (fixed once created).
    pub currency: String,
    /// In-kind: the item's unit, e.g. «بسته» / `pack`.
    pub unit_fa: String,
    pub unit_en: String,
    /// In-kind: whole units.
    pub target_quantity: String,
    /// In-kind, optional: the estimated value of one unit, in `currency`.
    pub unit_value: String,
    /// A [`Priority`] code.
    pub priority: String,
    /// ISO, or empty.
    pub deadline: String,
}

/// A need in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceNeed {
    pub figures: NeedFigures,
    /// [`need_state`].
    pub state: String,
    pub priority: Priority,
    pub deadline: Option<DisplayDate>,
    pub closed_reason: Option<String>,
    /// The form's current values.
    pub fields: NeedFields,
}

/// One program in the workspace: its fields, stage, needs and what the
/// caller may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramWorkspace {
    pub center_id: i32,
    pub center_name: LocalizedText,
    pub verified: bool,
    pub program: WorkspaceProgram,
    pub fields: ProgramFields,
    pub needs: Vec<WorkspaceNeed>,
    pub can_manage: bool,
    /// The stage changes that apply now.
    pub changes: Vec<StatusChange>,
    pub counties: Vec<Place>,
    /// Currencies a money need may be in (ISO codes).
    pub currencies: Vec<String>,
    /// Its disbursements and deliveries, every receipt shown (the staff's view).
    pub spending: Vec<crate::public::SpendingLine>,
    /// The cover image's path, if any.
    pub cover: Option<String>,
}

/// One need of a program in the workspace, for its own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedWorkspace {
    pub center_id: i32,
    pub center_name: LocalizedText,
    pub program: WorkspaceProgram,
    pub need: WorkspaceNeed,
    pub can_manage: bool,
    /// Whether the caller may record money spent on it (owner, manager).
    pub can_spend: bool,
    /// Whether the caller may record goods delivered (any staff).
    pub can_deliver: bool,
    /// Its disbursements or deliveries, every receipt shown.
    pub spending: Vec<crate::public::SpendingLine>,
    /// Today at the center (the forms' default day).
    pub today: DisplayDate,
}

/// The translated message of a workspace rule, or `None` when `code` on
/// `field` is not one of them (the general messages apply).
pub fn message(field: &str, code: &str, locale: Locale) -> Option<String> {
    let fa = locale == Locale::Fa;
    let text = match (code, field) {
        ("title_required", _) if fa => "عنوان را دست‌کم به یک زبان بنویسید.",
        ("title_required", _) => "Give the title in at least one language.",
        ("before_start", _) if fa => "تاریخ پایان نمی‌تواند پیش از تاریخ آغاز باشد.",
        ("before_start", _) => "The end date cannot be before the start date.",
        ("invalid", "start_date" | "end_date" | "deadline") if fa => {
            "تاریخ را به شکل سال/ماه/روز بنویسید، خورشیدی (۱۴۰۴/۰۹/۱۲) یا میلادی (2025-12-03)."
        }
        ("invalid", "start_date" | "end_date" | "deadline") => {
            "Write the date as year-month-day, Solar Hijri (1404/09/12) or Gregorian (2025-12-03)."
        }
        ("not_allowed", "change") if fa => "این طرح در مرحله‌ای نیست که این تغییر را بپذیرد.",
        ("not_allowed", "change") => "This program is not at a stage that allows this change.",
        ("needs_a_need", _) if fa => "پیش از انتشار، دست‌کم یک نیاز باز به طرح بیفزایید.",
        ("needs_a_need", _) => "Add at least one open need before publishing.",
        ("not_positive" | "invalid", "target_amount" | "unit_value") if fa => {
            "مبلغ را با رقم بنویسید، بیش از صفر."
        }
        ("not_positive" | "invalid", "target_amount" | "unit_value") => {
            "Write the amount in figures, more than zero."
        }
        ("not_positive", "target_quantity") if fa => {
            "تعداد را با رقم بنویسید؛ عددی درست و بیش از صفر."
        }
        ("not_positive", "target_quantity") => {
            "Write the quantity in figures, a whole number above zero."
        }
        ("unit_required", _) if fa => "واحد کالا را دست‌کم به یک زبان بنویسید (مثلاً بسته).",
        ("unit_required", _) => "Give the item's unit in at least one language (e.g. pack).",
        ("already_closed", _) if fa => "این نیاز پیش‌تر بسته شده است.",
        ("already_closed", _) => "This need is already closed.",
        ("not_closed", _) if fa => "این نیاز باز است.",
        ("not_closed", _) => "This need is open.",
        ("archived", _) if fa => "این طرح بایگانی شده و تغییر نمی‌کند.",
        ("archived", _) => "This program is archived and cannot be changed.",
        ("exceeds_fund", _) if fa => {
            "این مبلغ از موجودی صندوق برای این نیاز بیشتر است (کمک‌های همین نیاز و کمک‌های کلی طرح)."
        }
        ("exceeds_fund", _) => {
            "This is more than the fund holds for this need (gifts to it and to the program as a whole)."
        }
        ("exceeds_stock", _) if fa => "این تعداد از موجودی این کالا در مرکز بیشتر است.",
        ("exceeds_stock", _) => "This is more of the item than the center holds.",
        ("in_future", _) if fa => "این تاریخ هنوز نرسیده است.",
        ("in_future", _) => "This day has not come yet.",
        ("invalid", "paid_on" | "delivered_on") if fa => {
            "تاریخ را به شکل سال/ماه/روز بنویسید، خورشیدی (۱۴۰۴/۰۹/۱۲) یا میلادی (2025-12-03)."
        }
        ("invalid", "paid_on" | "delivered_on") => {
            "Write the date as year-month-day, Solar Hijri (1404/09/12) or Gregorian (2025-12-03)."
        }
        ("out_of_range", "households") if fa => "شمار خانوارها را با عددی درست از ۰ تا ۱۰۰٬۰۰۰ بنویسید.",
        ("out_of_range", "households") => "Write the number of households as a whole number from 0 to 100,000.",
        ("required", "file") if fa => "فایلی انتخاب نشده یا فایل خالی است.",
        ("required", "file") => "No file was chosen, or it is empty.",
        ("too_large", "file") if fa => "این فایل بزرگ‌تر از ۵ مگابایت است.",
        ("too_large", "file") => "This file is larger than 5 MB.",
        ("bad_name", "file") if fa => "نام فایل پذیرفته نیست؛ فقط نام خود فایل، بدون پوشه.",
        ("bad_name", "file") => "The file's name is not accepted: a plain name, without folders.",
        ("wrong_type", "file") if fa => "این نوع فایل پذیرفته نیست. JPEG، PNG یا (برای رسید) PDF بفرستید.",
        ("wrong_type", "file") => "This kind of file is not accepted. Send a JPEG, a PNG or (for receipts) a PDF.",
        ("not_a_money_need", _) if fa => "این نیاز نقدی نیست.",
        ("not_a_money_need", _) => "This is not a money need.",
        ("too_many", "file") if fa => "بیش از ۶ عکس فرستاده شده است.",
        ("too_many", "file") => "More than 6 photos were sent.",
        ("not_an_in_kind_need", _) if fa => "این نیاز کالایی نیست.",
        ("not_an_in_kind_need", _) => "This is not an in-kind need.",
        _ => return None,
    };
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_changes_follow_the_program_lifecycle() {
        use StatusChange::*;
        assert_eq!(Publish.from_status("draft"), Some("active"));
        assert_eq!(Publish.from_status("active"), None);
        assert_eq!(Pause.from_status("active"), Some("paused"));
        assert_eq!(Resume.from_status("paused"), Some("active"));
        assert_eq!(Resume.from_status("active"), None);
        assert_eq!(Complete.from_status("paused"), Some("completed"));
        assert_eq!(Complete.from_status("draft"), None);
        assert_eq!(Archive.from_status("completed"), Some("archived"));
        assert_eq!(Archive.from_status("archived"), None);
        for c in StatusChange::ALL {
            assert_eq!(StatusChange::from_code(c.code()), Some(c));
        }
        assert_eq!(StatusChange::from_code("delete"), None);
    }

    #[test]
    fn a_needs_state_follows_its_figures() {
        assert_eq!(need_state("open", 100, 0), "open");
        assert_eq!(need_state("open", 100, 1), "partly_met");
        assert_eq!(need_state("open", 100, 100), "met");
        assert_eq!(need_state("closed", 100, 100), "closed");
        assert_eq!(need_state("open", 0, 0), "open");
    }

    #[test]
    fn rules_have_messages_in_both_languages() {
        for (field, code) in [
            ("title_fa", "title_required"),
            ("end_date", "before_start"),
            ("deadline", "invalid"),
            ("change", "not_allowed"),
            ("target_quantity", "not_positive"),
        ] {
            let fa = message(field, code, Locale::Fa).unwrap();
            let en = message(field, code, Locale::En).unwrap();
            assert_ne!(fa, en);
        }
        assert_eq!(message("x", "nope", Locale::En), None);
    }
}
