//! Public read models: what the pages, their server functions and the
//! public JSON API (`/api/v1/…`) send. Plain data, built by the domain
//! crate from the ledger, pledges and in-kind records; nothing private
//! (no beneficiary data, no anonymous donor's name) ever goes in here.

pub use crate::catalog::Place;
use crate::date::DisplayDate;
use crate::{Category, Currency, LocalizedText, Money};
use serde::{Deserialize, Serialize};

/// A link to a center: `{"slug", "name"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterRef {
    pub slug: String,
    pub name: LocalizedText,
}

/// Money figures in one currency, integer minor units (ARCHITECTURE.md invariant 3):
/// `pledged` promised and not yet received; `received` succeeded payments
/// minus refunds; `delivered` spent; `fees` kept by payment providers;
/// `target` the sum of the targets of the money needs in this currency
/// (0 when none has one). `received`, `delivered` and `fees` are ledger
/// balances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub currency: Currency,
    pub pledged: i64,
    pub received: i64,
    pub delivered: i64,
    #[serde(default)]
    pub fees: i64,
    #[serde(default)]
    pub target: i64,
}

impl Totals {
    /// Zero totals in a currency.
    pub fn zero(currency: Currency) -> Totals {
        Totals {
            currency,
            pledged: 0,
            received: 0,
            delivered: 0,
            fees: 0,
            target: 0,
        }
    }

    /// `received` as a share of `target`, 0..=100 ([`percent`]).
    pub fn received_percent(&self) -> u8 {
        percent(self.received, self.target)
    }

    /// `pledged + received` as a share of `target`, 0..=100.
    pub fn committed_percent(&self) -> u8 {
        percent(self.received.saturating_add(self.pledged), self.target)
    }
}

/// Programs list item and the head of a program page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramSummary {
    pub slug: String,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub category: Category,
    /// `active` or `completed`.
    pub status: String,
    /// Active: its give and pledge links work.
    pub takes_gifts: bool,
    /// Completed: shown as done.
    pub completed: bool,
    pub featured: bool,
    pub center: CenterRef,
    pub province: Place,
    pub county: Place,
    pub start_date: DisplayDate,
    pub end_date: Option<DisplayDate>,
    /// One entry per currency, sorted by currency code.
    pub totals: Vec<Totals>,
    /// Needs whose received figure covers their target.
    pub needs_met: u32,
    pub needs_total: u32,
    /// Households its needs serve, each once, and the people in them
    /// (the small-cell rule applied).
    #[serde(default)]
    pub served: crate::counts::Served,
    /// The path of the cover photo the center uploaded, if any (cards
    /// without one show their category's illustration).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cover: Option<String>,
}

/// A page of programs: `{"items", "page", "per_page", "total"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramPage {
    pub items: Vec<ProgramSummary>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    /// Matching programs over all pages.
    pub total: u64,
}

/// `money` or `in_kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedKind {
    Money,
    InKind,
}

/// One need with its three figures. For a money need, `target`, `pledged`,
/// `received` and `delivered` are minor units of `currency`; for an in-kind
/// need they are counts of `unit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedFigures {
    pub id: i32,
    pub kind: NeedKind,
    pub title: LocalizedText,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub currency: Option<Currency>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<LocalizedText>,
    pub target: i64,
    pub pledged: i64,
    pub received: i64,
    pub delivered: i64,
    /// In-kind: estimated value of one unit.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit_value: Option<Money>,
    /// Received covers the target.
    pub met: bool,
    /// `open` or `closed`.
    pub status: String,
    /// Open: gifts and pledges may be made to it (when its program takes them).
    pub open: bool,
    /// `open`, `partly_met`, `met` or `closed` ([`crate::catalog::need_state`]).
    #[serde(default)]
    pub state: String,
    /// `high`, `normal` or `low`.
    #[serde(default)]
    pub priority: crate::catalog::Priority,
    /// The day it should be met by.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub deadline: Option<DisplayDate>,
    /// Why the center closed it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub closed_reason: Option<String>,
    /// Public pages: households it serves and the people in them (the
    /// small-cell rule applied).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub served: Option<crate::counts::Served>,
}

impl NeedFigures {
    /// `received` as a share of `target`, in whole percent, 0..=100 (for the progress bar).
    pub fn received_percent(&self) -> u8 {
        percent(self.received, self.target)
    }

    /// `pledged + received` as a share of `target`, 0..=100.
    pub fn committed_percent(&self) -> u8 {
        percent(self.received.saturating_add(self.pledged), self.target)
    }
}

/// `part / whole` in whole percent, rounded down, clamped to 0..=100.
pub fn percent(part: i64, whole: i64) -> u8 {
    if whole <= 0 {
        return if part > 0 { 100 } else { 0 };
    }
    let p = i128::from(part.max(0)) * 100 / i128::from(whole);
    u8::try_from(p.clamp(0, 100)).unwrap_or(100)
}

/// A gift in a program's recent list. `donor` is `None` when the gift is
/// anonymous: the name is never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentGift {
    pub donor: Option<String>,
    pub amount: Money,
    pub need: Option<LocalizedText>,
    pub received_on: DisplayDate,
}

/// An active pledge in a program's list. `by` is a center's name or a
/// donor's display name, `None` when the pledge is anonymous: the name is
/// never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentPledge {
    pub by: Option<LocalizedText>,
    /// Pledged by a center (its name is in `by` unless anonymous).
    pub by_center: bool,
    /// Money: each installment.
    pub amount: Option<Money>,
    /// Money: `once`, `monthly`, `quarterly` or `yearly`.
    pub frequency: String,
    /// In-kind: units of the need's item.
    pub quantity: Option<i64>,
    pub unit: Option<LocalizedText>,
    pub need: Option<LocalizedText>,
    /// The day it was made, in the center's time zone.
    pub since: DisplayDate,
}

/// One spending of a program, on its page: money disbursed against a need
/// (`amount`, `payee_type`) or goods delivered to beneficiaries
/// (`quantity`, `households`), with its receipt when the center made it public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendingLine {
    pub need_id: i32,
    /// The day, in the center's time zone.
    pub date: DisplayDate,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub amount: Option<Money>,
    /// Units of the need's item.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quantity: Option<i64>,
    /// `supplier`, `beneficiary`, `service_provider` or `other`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub payee_type: Option<String>,
    pub description: String,
    /// The receipt's or photo's path (`/uploads/{key}`), when shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub receipt: Option<String>,
    /// Its type (`image/jpeg`, `image/png`, `application/pdf`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub receipt_type: Option<String>,
    /// Whether a receipt exists that is not shown (private).
    #[serde(default)]
    pub receipt_private: bool,
    /// Deliveries: households served, with the small-cell rule.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub households: Option<crate::counts::PublicCount>,
}

/// An update a center posted to a program, as the program page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicUpdate {
    pub id: i32,
    /// The day posted, in the center's time zone.
    pub date: DisplayDate,
    pub title: LocalizedText,
    /// The text as sanitized HTML.
    pub body_html: LocalizedText,
    /// Its photos' paths (`/uploads/{key}`).
    pub photos: Vec<String>,
}

/// A program page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramDetail {
    #[serde(flatten)]
    pub program: ProgramSummary,
    /// Markdown, as the center wrote it.
    pub description: LocalizedText,
    /// The description as sanitized HTML (safe to put in a page).
    pub description_html: LocalizedText,
    pub needs: Vec<NeedFigures>,
    pub recent_gifts: Vec<RecentGift>,
    /// Active pledges, newest first.
    pub recent_pledges: Vec<RecentPledge>,
    /// Money disbursed and goods delivered, newest first.
    #[serde(default)]
    pub spending: Vec<SpendingLine>,
    /// The cover image's path, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cover: Option<String>,
    /// Updates the center posted, newest first.
    #[serde(default)]
    pub updates: Vec<PublicUpdate>,
}

/// A center page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterDetail {
    pub slug: String,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub address: LocalizedText,
    pub province: Place,
    pub county: Place,
    pub totals: Vec<Totals>,
    pub needs_met: u32,
    pub needs_total: u32,
    /// Households its public programs serve, each once (small-cell rule applied).
    #[serde(default)]
    pub served: crate::counts::Served,
    pub programs: Vec<ProgramSummary>,
}

/// The home page's platform figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformOverview {
    pub totals: Vec<Totals>,
    pub needs_met: u32,
    pub needs_total: u32,
    pub programs: u64,
    pub centers: u64,
    /// Households served on the platform, each once (small-cell rule applied).
    #[serde(default)]
    pub served: crate::counts::Served,
    pub featured: Vec<ProgramSummary>,
}

/// The choices of the program filter form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOptions {
    pub provinces: Vec<Place>,
    pub counties: Vec<Place>,
    pub centers: Vec<CenterRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_clamped_and_exact() {
        assert_eq!(percent(0, 100), 0);
        assert_eq!(percent(50, 100), 50);
        assert_eq!(percent(999, 1000), 99);
        assert_eq!(percent(250, 100), 100);
        assert_eq!(percent(i64::MAX, 3), 100);
        assert_eq!(percent(5, 0), 100);
        assert_eq!(percent(0, 0), 0);
    }
}
