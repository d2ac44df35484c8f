//! In-kind pledges (تعهد کالایی): a quantity of an in-kind need's item
//! promised by a date, by a donor or by a center for its owner or manager;
//! the receiving center's staff record what arrives against it.

use crate::{DisplayDate, Locale, LocalizedText};
use serde::{Deserialize, Serialize};

/// An in-kind need one can pledge items to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemNeed {
    pub id: i32,
    pub title: LocalizedText,
    /// The item's unit, e.g. «بسته» / `pack`.
    pub unit: LocalizedText,
    /// Target less received and pledged, never below zero.
    pub still_needed: i64,
}

/// A center the signed-in account may pledge for (as its owner or manager).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeAs {
    pub center_id: i32,
    pub name: LocalizedText,
}

/// The in-kind pledge page of one program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPledgeOptions {
    pub program_slug: String,
    pub program_title: LocalizedText,
    pub center_name: LocalizedText,
    /// Its open in-kind needs.
    pub needs: Vec<ItemNeed>,
    /// Centers the account may pledge for, other than the receiving one.
    pub pledge_as: Vec<PledgeAs>,
    /// The earliest promised date accepted (today at the center), ISO `YYYY-MM-DD`.
    pub earliest: String,
    /// The latest promised date accepted, ISO.
    pub latest: String,
}

/// The in-kind pledge form, as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPledgeForm {
    pub lang: Locale,
    /// The program's slug.
    pub program: String,
    pub need: i32,
    /// Whole units, in any digits.
    pub quantity: String,
    /// The promised delivery date, ISO `YYYY-MM-DD` (any digits).
    pub due_date: String,
    /// `public`, `anonymous` or `hidden_from_center`.
    pub anonymity: crate::giving::Anonymity,
    /// Pledge for this center instead of oneself.
    pub pledge_as: Option<i32>,
}

/// An in-kind pledge on the donor's page or the receiving center's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPledge {
    pub id: i32,
    pub program_slug: String,
    pub program_title: LocalizedText,
    pub need_title: LocalizedText,
    pub unit: LocalizedText,
    pub quantity: i64,
    /// Received against it so far.
    pub received: i64,
    /// The promised date, in the receiving center's calendar day.
    pub due: DisplayDate,
    /// Past its promised date and not all received.
    pub late: bool,
    /// `active`, `fulfilled` or `cancelled`.
    pub status: String,
    /// Active: its pledger may cancel it.
    pub can_cancel: bool,
    /// Who pledged, as the viewer may see it: a center's name, or the
    /// donor's display name; `None` for anonymous.
    pub by: Option<LocalizedText>,
    /// Pledged by a center (its name is in `by`).
    pub by_center: bool,
}
