//! Accounts, center staff and the audit log as the pages see them, and the
//! input rules both the browser and the server apply to account forms.

use crate::date::DisplayDate;
use crate::{Locale, LocalizedText};
use serde::{Deserialize, Serialize};

/// Shortest password accepted, in Unicode scalar values (NIST SP 800-63B §5.1.1.2: at least 8).
pub const PASSWORD_MIN_CHARS: usize = 8;
/// Longest password accepted, in Unicode scalar values (bounds the hashing work).
pub const PASSWORD_MAX_CHARS: usize = 128;
/// Longest display name, in Unicode scalar values.
pub const DISPLAY_NAME_MAX_CHARS: usize = 80;
/// Longest email address (RFC 5321 §4.5.3.1.3 path limit minus the brackets).
pub const EMAIL_MAX_CHARS: usize = 254;

/// A form input that breaks a rule: `field` is the input's `name`, `code` the
/// rule (`required`, `too_short`, `too_long`, `invalid_email`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

impl FieldError {
    /// A new error for `field`.
    pub fn new(field: &str, code: &str) -> FieldError {
        FieldError {
            field: field.into(),
            code: code.into(),
        }
    }

    /// The error in words, in the locale.
    pub fn message(&self, locale: Locale) -> String {
        use crate::digits::localize_digits;
        let n = |v: usize| localize_digits(&v.to_string(), locale);
        let fa = locale == Locale::Fa;
        let (pw_min, pw_max) = (n(PASSWORD_MIN_CHARS), n(PASSWORD_MAX_CHARS));
        if let Some(m) = crate::workspace::message(&self.field, &self.code, locale)
            .or_else(|| crate::beneficiaries::message(&self.field, &self.code, locale))
            .or_else(|| crate::imports::message(&self.field, &self.code, locale))
        {
            return m;
        }
        match (self.code.as_str(), self.field.as_str()) {
            ("required", _) if fa => "این بخش را پر کنید.".into(),
            ("required", _) => "Please fill in this field.".into(),
            ("too_short", "password" | "new_password") if fa => {
                format!("گذرواژه باید دست‌کم {pw_min} نویسه باشد.")
            }
            ("too_short", "password" | "new_password") => {
                format!("The password must have at least {pw_min} characters.")
            }
            ("too_long", "password" | "new_password") if fa => {
                format!("گذرواژه حداکثر {pw_max} نویسه می‌تواند باشد.")
            }
            ("too_long", "password" | "new_password") => {
                format!("The password can have at most {pw_max} characters.")
            }
            ("too_long", _) if fa => "این متن بیش از اندازه بلند است.".into(),
            ("too_long", _) => "This text is too long.".into(),
            ("invalid_email", _) if fa => "این نشانی ایمیل درست نیست.".into(),
            ("invalid_email", _) => "This is not a valid email address.".into(),
            ("invalid_credentials", _) if fa => "ایمیل یا گذرواژه نادرست است.".into(),
            ("invalid_credentials", _) => "The email or password is incorrect.".into(),
            ("wrong_password", _) if fa => "گذرواژهٔ کنونی نادرست است.".into(),
            ("wrong_password", _) => "The current password is incorrect.".into(),
            ("email_not_verified", _) if fa => {
                "ایمیل شما هنوز تأیید نشده است. پیوندی را که برایتان فرستادیم باز کنید.".into()
            }
            ("email_not_verified", _) => {
                "Your email is not verified yet. Open the link we emailed you.".into()
            }
            ("invalid_token", _) if fa => {
                "این پیوند نامعتبر است، منقضی شده یا پیش‌تر به کار رفته است.".into()
            }
            ("invalid_token", _) => "This link is invalid, has expired or was already used.".into(),
            ("other_account", _) if fa => {
                "این دعوت‌نامه برای نشانی ایمیل دیگری است. با همان حساب وارد شوید.".into()
            }
            ("other_account", _) => {
                "This invitation is for another email address. Log in with that account.".into()
            }
            ("unknown_code", _) if fa => "این گزینه شناخته‌شده نیست.".into(),
            ("unknown_code", _) => "This choice is not known.".into(),
            ("county_not_in_province", _) if fa => "این شهرستان در استان انتخاب‌شده نیست.".into(),
            ("county_not_in_province", _) => "This county is not in the chosen province.".into(),
            ("name_required", _) if fa => "نام مرکز را دست‌کم به یک زبان بنویسید.".into(),
            ("name_required", _) => "Give the center's name in at least one language.".into(),
            ("sole_owner", _) if fa => {
                "شما تنها مالک یک مرکز هستید. پیش از حذف حساب، مالک دیگری تعیین کنید.".into()
            }
            ("sole_owner", _) => {
                "You are the only owner of a center. Make someone else an owner first.".into()
            }
            ("last_owner", _) if fa => "هر مرکز دست‌کم یک مالک لازم دارد.".into(),
            ("last_owner", _) => "A center needs at least one owner.".into(),
            ("already_member", _) if fa => "این فرد هم‌اکنون عضو این مرکز است.".into(),
            ("already_member", _) => "This person is already a member of this center.".into(),
            ("role_not_allowed", _) if fa => "شما نمی‌توانید این نقش را واگذار کنید.".into(),
            ("role_not_allowed", _) => "You cannot give this role.".into(),
            ("not_allowed", "pledge") if fa => {
                "این تعهد در وضعیتی نیست که این کار را بپذیرد.".into()
            }
            ("not_allowed", "pledge") => "This pledge cannot be changed that way now.".into(),
            ("out_of_range", "installments") if fa => "تعداد قسط‌ها باید بین ۱ و ۲۴۰ باشد.".into(),
            ("out_of_range", "installments") => {
                "The number of installments must be between 1 and 240.".into()
            }
            ("not_refundable", _) if fa => {
                "این کمک با کارت پرداخت نشده و از اینجا بازپرداخت نمی‌شود.".into()
            }
            ("not_refundable", _) => {
                "This gift was not paid by card and cannot be refunded here.".into()
            }
            ("exceeds_gift", _) if fa => "این مبلغ از باقی‌ماندهٔ کمک بیشتر است.".into(),
            ("exceeds_gift", _) => "This is more than what is left of the gift.".into(),
            ("unknown", "program") if fa => "این طرح اکنون کمک نمی‌پذیرد.".into(),
            ("unknown", "program") => "This program is not taking gifts now.".into(),
            ("not_open", "need") if fa => "این نیاز اکنون کمک نقدی نمی‌پذیرد.".into(),
            ("not_open", "need") => "This need is not taking money gifts now.".into(),
            ("not_open_items", "need") if fa => "این نیاز اکنون تعهد کالا نمی‌پذیرد.".into(),
            ("not_open_items", "need") => "This need is not taking pledges of items now.".into(),
            ("not_positive", "quantity") if fa => {
                "تعداد را با رقم بنویسید؛ عددی درست و بیش از صفر.".into()
            }
            ("not_positive", "quantity") => {
                "Write the quantity in figures, a whole number above zero.".into()
            }
            ("exceeds_pledge", _) if fa => "این تعداد از باقی‌ماندهٔ تعهد بیشتر است.".into(),
            ("exceeds_pledge", _) => "This is more than what is left of the pledge.".into(),
            ("invalid", "due_date") if fa => "تاریخ را به شکل سال-ماه-روز بنویسید.".into(),
            ("invalid", "due_date") => "Write the date as year-month-day.".into(),
            ("out_of_range", "due_date") if fa => {
                "تاریخ رساندن باید از امروز تا یک سال دیگر باشد.".into()
            }
            ("out_of_range", "due_date") => {
                "The delivery date must be from today up to a year ahead.".into()
            }
            ("no_currency", _) if fa => "این طرح نیاز نقدی ندارد.".into(),
            ("no_currency", _) => "This program has no money need to give to.".into(),
            ("invalid" | "not_positive", "amount") if fa => {
                "مبلغ را با رقم بنویسید، بیش از صفر.".into()
            }
            ("invalid" | "not_positive", "amount") => {
                "Write the amount in figures, more than zero.".into()
            }
            ("currency_unsupported", _) if fa => {
                "پرداخت با کارت برای این ارز ممکن نیست (درگاه کارت ریال نمی‌پذیرد). \
                 کمک نقدی یا واریز بانکی را مرکز ثبت می‌کند."
                    .into()
            }
            ("currency_unsupported", _) => {
                "Card payments cannot be taken in this currency (the card gateway does not \
                 charge rials). The center records cash gifts and bank transfers."
                    .into()
            }
            ("declined", "card") if fa => {
                "بانک این کارت را نپذیرفت. چیزی از حساب شما برداشته نشد؛ کارت دیگری را امتحان کنید."
                    .into()
            }
            ("declined", "card") => {
                "Your bank declined this card. Nothing was taken; try another card.".into()
            }
            ("unavailable", "card") if fa => {
                "درگاه پرداخت پاسخ نداد. دوباره امتحان کنید؛ دو بار برداشت نمی‌شود.".into()
            }
            ("unavailable", "card") => {
                "The payment service did not answer. Try again; you will not be charged twice."
                    .into()
            }
            ("no_card_pledges", _) if fa => {
                "شما تعهد کارتی فعالی ندارید که کارتش را عوض کنید.".into()
            }
            ("no_card_pledges", _) => {
                "You have no running card pledge whose card could be changed.".into()
            }
            (_, _) if fa => "این مقدار پذیرفته نیست.".into(),
            (_, _) => "This value is not accepted.".into(),
        }
    }
}

/// Trims and lower-cases an email address and checks its shape
/// (one `@`, a non-empty local part, a dotted domain, no spaces).
///
/// # Errors
/// `required` when empty, `too_long` beyond [`EMAIL_MAX_CHARS`], `invalid_email` otherwise.
pub fn parse_email(field: &str, raw: &str) -> Result<String, FieldError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(FieldError::new(field, "too_long"));
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
        Err(FieldError::new(field, "invalid_email"))
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
        Err(FieldError::new(field, "too_short"))
    } else if n > PASSWORD_MAX_CHARS {
        Err(FieldError::new(field, "too_long"))
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
        Err(FieldError::new(field, "required"))
    } else if t.chars().count() > max {
        Err(FieldError::new(field, "too_long"))
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
        Err(FieldError::new(field, "too_long"))
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
        match (self, locale) {
            (StaffRole::Owner, Locale::Fa) => "مالک",
            (StaffRole::Owner, Locale::En) => "Owner",
            (StaffRole::Manager, Locale::Fa) => "مدیر",
            (StaffRole::Manager, Locale::En) => "Manager",
            (StaffRole::Coordinator, Locale::Fa) => "هماهنگ‌کننده",
            (StaffRole::Coordinator, Locale::En) => "Coordinator",
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
        match (self, locale) {
            (CenterStanding::Pending, Locale::Fa) => "در انتظار تأیید",
            (CenterStanding::Pending, Locale::En) => "Awaiting verification",
            (CenterStanding::Verified, Locale::Fa) => "تأییدشده",
            (CenterStanding::Verified, Locale::En) => "Verified",
            (CenterStanding::Suspended, Locale::Fa) => "تعلیق‌شده",
            (CenterStanding::Suspended, Locale::En) => "Suspended",
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
    pub province: crate::public::Place,
    pub counties: Vec<crate::public::Place>,
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
            let e = FieldError::new("password", code);
            assert_ne!(e.message(Locale::Fa), e.message(Locale::En));
            assert!(!e.message(Locale::Fa).is_empty());
        }
    }
}
