//! The catalog's shared vocabulary: where programs are ([`Place`]), a
//! need's [`Priority`] and the state its figures put it in ([`need_state`]).

use crate::{Locale, LocalizedText};
use serde::{Deserialize, Serialize};

/// A province or county: `{"code", "name": {"fa", "en"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub code: String,
    pub name: LocalizedText,
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

impl Priority {
    /// Its name in `locale` (`i18n/*/workspace.ftl`).
    pub fn label(self, locale: Locale) -> &'static str {
        let s = crate::i18n::workspace::strings(locale);
        match self {
            Priority::High => s.priority_high,
            Priority::Normal => s.priority_normal,
            Priority::Low => s.priority_low,
        }
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
