//! The center workspace's wire types: a center's programs and needs as its
//! staff run them (drafts included), the forms that change them, and the
//! translated messages of their rules.

pub use crate::catalog::{need_state, Priority};
use crate::transparency::{NeedFigures, Place, Totals};
use crate::{Category, DisplayDate, LocalizedText};
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
    /// Its button label in `locale` (`i18n/*/workspace.ftl`).
    pub fn label(self, locale: crate::Locale) -> &'static str {
        crate::i18n::workspace::strings(locale)
            .lookup(&format!("change_{}", self.code()))
            .unwrap_or_default()
    }

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

/// A program's editable fields, as the form shows and posts them (dates
/// ISO `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
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
#[serde(default)]
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
    /// Shown on the public pages now (its stage is public and its center verified).
    pub public: bool,
    pub fields: ProgramFields,
    pub needs: Vec<WorkspaceNeed>,
    pub can_manage: bool,
    /// The stage changes that apply now.
    pub changes: Vec<StatusChange>,
    pub counties: Vec<Place>,
    /// Currencies a money need may be in (ISO codes).
    pub currencies: Vec<String>,
    /// Its disbursements and deliveries, every receipt shown (the staff's view).
    pub spending: Vec<crate::transparency::SpendingLine>,
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
    pub spending: Vec<crate::transparency::SpendingLine>,
    /// Today at the center (the forms' default day).
    pub today: DisplayDate,
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
}
