//! Accounts, center staff and the audit log as the pages see them, and the
//! input rules both the browser and the server apply to account forms.

use crate::date::DisplayDate;
pub use crate::outcome::FieldError;
use crate::outcome::Rule;
use crate::{Locale, LocalizedText};
use serde::{Deserialize, Serialize};

pub use crate::limits::{
    DISPLAY_NAME_MAX_CHARS, EMAIL_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};

/// Trims and lower-cases an email address and checks its shape
/// (one `@`, a non-empty local part, a dotted domain, no spaces).
///
/// # Errors
/// `required` when empty, `too_long` beyond [`EMAIL_MAX_CHARS`], `invalid_email` otherwise.
pub fn parse_email(field: &str, raw: &str) -> Result<String, FieldError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(FieldError::new(field, Rule::Required));
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(FieldError::new(field, Rule::TooLong));
    }
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(email)
    } else {
        Err(FieldError::new(field, Rule::InvalidEmail))
    }
}

/// Checks a new password's length: [`PASSWORD_MIN_CHARS`]..=[`PASSWORD_MAX_CHARS`]
/// Unicode scalar values, any characters (spaces included, nothing trimmed).
///
/// # Errors
/// `too_short` or `too_long` for `field`.
pub fn check_new_password(field: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        Err(FieldError::new(field, Rule::TooShort))
    } else if n > PASSWORD_MAX_CHARS {
        Err(FieldError::new(field, Rule::TooLong))
    } else {
        Ok(())
    }
}

/// Trims a required one-line text of at most `max` characters.
///
/// # Errors
/// `required` or `too_long` for `field`.
pub fn required_text(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        Err(FieldError::new(field, Rule::Required))
    } else if t.chars().count() > max {
        Err(FieldError::new(field, Rule::TooLong))
    } else {
        Ok(t.to_owned())
    }
}

/// Trims an optional text of at most `max` characters; blank is `None`.
///
/// # Errors
/// `too_long` for `field`.
pub fn optional_text(field: &str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        Ok(None)
    } else if t.chars().count() > max {
        Err(FieldError::new(field, Rule::TooLong))
    } else {
        Ok(Some(t.to_owned()))
    }
}

/// A center staff role as the pages show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Owner,
    Manager,
    Coordinator,
}

impl StaffRole {
    /// Every role, most authority first.
    pub const ALL: [StaffRole; 3] = [StaffRole::Owner, StaffRole::Manager, StaffRole::Coordinator];

    /// The stored and submitted code.
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Owner => "owner",
            StaffRole::Manager => "manager",
            StaffRole::Coordinator => "coordinator",
        }
    }

    /// The role named `code`.
    pub fn from_code(code: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role's name in the locale.
    pub fn label(self, locale: Locale) -> &'static str {
        let s = crate::i18n::accounts::strings(locale);
        match self {
            StaffRole::Owner => s.role_owner,
            StaffRole::Manager => s.role_manager,
            StaffRole::Coordinator => s.role_coordinator,
        }
    }
}

/// A center's standing as the pages show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CenterStanding {
    Pending,
    Verified,
    Suspended,
}

impl CenterStanding {
    /// The standing's name in the locale.
    pub fn label(self, locale: Locale) -> &'static str {
        let s = crate::i18n::accounts::strings(locale);
        match self {
            CenterStanding::Pending => s.standing_pending,
            CenterStanding::Verified => s.standing_verified,
            CenterStanding::Suspended => s.standing_suspended,
        }
    }

    /// The code used in URLs and CSS.
    pub fn code(self) -> &'static str {
        match self {
            CenterStanding::Pending => "pending",
            CenterStanding::Verified => "verified",
            CenterStanding::Suspended => "suspended",
        }
    }
}

/// The signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    /// `fa` or `en`.
    pub locale: String,
    pub volunteer: bool,
    /// Email me the updates of the programs I give to.
    #[serde(default)]
    pub wants_updates: bool,
    pub platform_admin: bool,
    /// Whether the account works for at least one center.
    pub staff: bool,
}

/// A center as its staff and the admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCenter {
    pub id: i32,
    pub slug: String,
    pub name: LocalizedText,
    pub county: LocalizedText,
    pub province: LocalizedText,
    pub standing: CenterStanding,
    /// The viewer's role there; `None` for an admin who is not a member.
    pub my_role: Option<StaffRole>,
    pub registered: DisplayDate,
}

/// A member of a center's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i32,
    pub display_name: String,
    pub email: String,
    pub role: StaffRole,
    pub since: DisplayDate,
}

/// An invitation not yet accepted, revoked or expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i32,
    pub email: String,
    pub role: StaffRole,
    pub expires: DisplayDate,
}

/// A center's staff page: who works there, who is invited, and what the
/// viewer may do (decided by the domain's policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterStaffPage {
    pub center: StaffCenter,
    pub members: Vec<Member>,
    pub invitations: Vec<PendingInvitation>,
    /// The roles the viewer may invite; empty when they may not invite.
    pub can_invite: Vec<StaffRole>,
    pub can_remove_members: bool,
    pub can_read_audit: bool,
}

/// An invitation as its emailed link shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub center_name: LocalizedText,
    pub role: StaffRole,
    pub email: String,
    /// `false` when expired, revoked or already accepted.
    pub usable: bool,
}

/// A province and its counties, for the center registration form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub province: crate::transparency::Place,
    pub counties: Vec<crate::transparency::Place>,
}

/// One audit record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i32,
    /// RFC 3339, UTC.
    pub occurred_at: String,
    pub date: DisplayDate,
    pub actor: Option<String>,
    pub center: Option<LocalizedText>,
    /// A dotted code, e.g. `center.verify`.
    pub action: String,
    pub object: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Hour and minute, `HH:MM` in ASCII digits, in the center's time zone
    /// (Asia/Tehran for records of no center); `date` is in the same zone.
    #[serde(default)]
    pub time: String,
    /// The amount the change was about (`amount_minor` and `currency` of
    /// the record's after, else before, state), if any.
    #[serde(default)]
    pub amount: Option<crate::Money>,
}

/// A page of an audit log, newest first: `page` (1-based) of the records,
/// [`AuditPage::PER_PAGE`] each, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub page: u32,
    pub total: u64,
}

impl AuditPage {
    /// Records per page.
    pub const PER_PAGE: u32 = 50;
}

/// The center registration form, as posted; texts in Persian and/or English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CenterRegistration {
    pub name_fa: String,
    pub name_en: String,
    pub province: String,
    pub county: String,
    pub address_fa: String,
    pub address_en: String,
    pub description_fa: String,
    pub description_en: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_shaped() {
        assert_eq!(
            parse_email("email", "  Sara@Example.ORG ").unwrap(),
            "sara@example.org"
        );
        for bad in [
            "",
            "sara",
            "sara@",
            "@example.org",
            "sara@example",
            "sa ra@example.org",
            "a@b@c.org",
            "a@.org",
        ] {
            assert!(parse_email("email", bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_email("email", " ").unwrap_err().code, "required");
    }

    #[test]
    fn passwords_count_characters_not_bytes() {
        assert_eq!(
            check_new_password("password", "گذرواژه").unwrap_err().code,
            "too_short"
        );
        assert!(
            check_new_password("password", "گذرواژهٔ").is_ok(),
            "8 Persian letters"
        );
        assert!(check_new_password("password", &"x".repeat(128)).is_ok());
        assert_eq!(
            check_new_password("password", &"x".repeat(129))
                .unwrap_err()
                .code,
            "too_long"
        );
        assert!(
            check_new_password("password", "        ").is_ok(),
            "spaces are characters"
        );
    }

    #[test]
    fn every_field_error_has_words_in_both_languages() {
        for code in [
            "required",
            "too_short",
            "invalid_email",
            "invalid_credentials",
            "sole_owner",
        ] {
            let e = FieldError::new("password", Rule::from_code(code).unwrap_or(Rule::Invalid));
            assert_ne!(e.message(Locale::Fa), e.message(Locale::En));
            assert!(!e.message(Locale::Fa).is_empty());
        }
    }
}
