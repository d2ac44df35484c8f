//! Beneficiaries (مددجو) as a center's staff see them (issue 5). These
//! types carry private data to the staff pages only; none of them is part
//! of a public read model (`crate::public` holds counts, never these).
//!
//! Also the checks of the personal fields both sides run: Iran's national
//! id (کد ملی: ten digits, the last a check digit) and mobile numbers.

use crate::digits::to_ascii_digits;
use crate::{Category, DisplayDate, LocalizedText};
use serde::{Deserialize, Serialize};

/// A beneficiary in the center's list: the pseudonymous code and what is
/// not personal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeneficiaryRow {
    pub id: i32,
    /// e.g. `ZAN-0042`: the center's prefix and a number.
    pub code: String,
    pub household_size: i32,
    pub county: LocalizedText,
    pub categories: Vec<Category>,
    /// `active` or `archived`.
    pub status: String,
    /// The needs it is linked to.
    pub needs: Vec<LinkedNeed>,
}

/// A need a beneficiary is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedNeed {
    pub need_id: i32,
    pub program_id: i32,
    pub title: LocalizedText,
}

/// A center's beneficiaries page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeneficiariesPage {
    pub center_id: i32,
    pub center_name: LocalizedText,
    /// Page `page` (1-based) of the center's beneficiaries, by code,
    /// [`BeneficiariesPage::PER_PAGE`] each.
    pub rows: Vec<BeneficiaryRow>,
    #[serde(default)]
    pub page: u32,
    /// How many beneficiaries the center has, over all pages.
    #[serde(default)]
    pub total: u64,
    /// Whether the caller may see personal details and change records
    /// (owners and managers).
    pub can_manage: bool,
    /// The counties of the center's province.
    pub counties: Vec<crate::transparency::Place>,
    /// The center's open needs, to link beneficiaries to.
    pub needs: Vec<LinkedNeed>,
    /// Today at the center (the consent date's default).
    pub today: DisplayDate,
}

impl BeneficiariesPage {
    /// Rows per page.
    pub const PER_PAGE: u32 = 50;
}

/// Personal details, decrypted for the center's owners and managers.
/// Private: sent only by the audited staff read, never in a public response.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PrivateDetails {
    pub name: String,
    pub national_id: String,
    pub phone: String,
    pub address: String,
    pub notes: String,
}

impl std::fmt::Debug for PrivateDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateDetails([redacted])")
    }
}

/// One beneficiary's record for the center's owners and managers: the
/// row, its consent and its personal details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeneficiaryRecord {
    pub center_id: i32,
    pub row: BeneficiaryRow,
    pub consent_on: Option<DisplayDate>,
    /// What the household agreed Nikoo may hold and how it may be used.
    pub consent_scope: String,
    pub details: PrivateDetails,
    pub county_code: String,
    /// The center's open needs, to link to.
    pub needs: Vec<LinkedNeed>,
    pub counties: Vec<crate::transparency::Place>,
}

/// A match of the duplicate search: the code only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub id: i32,
    pub code: String,
    /// `national_id` or `phone`: what matched.
    pub matched: String,
}

/// A beneficiary form, as posted.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BeneficiaryForm {
    pub household_size: String,
    pub county: String,
    /// Category codes.
    pub categories: Vec<String>,
    pub consent_on: String,
    pub consent_scope: String,
    pub name: String,
    pub national_id: String,
    pub phone: String,
    pub address: String,
    pub notes: String,
}

impl std::fmt::Debug for BeneficiaryForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BeneficiaryForm")
            .field("household_size", &self.household_size)
            .field("county", &self.county)
            .field("categories", &self.categories)
            .finish_non_exhaustive()
    }
}

/// The beneficiary form as the page posts it: its texts, and a checkbox
/// per area of need (`cat_{code}`, present when ticked).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BeneficiaryPost {
    pub household_size: String,
    pub county: String,
    pub consent_on: String,
    pub consent_scope: String,
    pub name: String,
    pub national_id: String,
    pub phone: String,
    pub address: String,
    pub notes: String,
    pub cat_employment_livelihood: Option<String>,
    pub cat_skills_training: Option<String>,
    pub cat_health: Option<String>,
    pub cat_education: Option<String>,
    pub cat_housing_heating: Option<String>,
    pub cat_food_essentials: Option<String>,
    pub cat_family_sponsorship: Option<String>,
    pub cat_emergency_relief: Option<String>,
}

impl std::fmt::Debug for BeneficiaryPost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BeneficiaryPost")
            .field("household_size", &self.household_size)
            .field("county", &self.county)
            .finish_non_exhaustive()
    }
}

impl From<BeneficiaryPost> for BeneficiaryForm {
    fn from(p: BeneficiaryPost) -> BeneficiaryForm {
        let ticked = [
            ("employment_livelihood", &p.cat_employment_livelihood),
            ("skills_training", &p.cat_skills_training),
            ("health", &p.cat_health),
            ("education", &p.cat_education),
            ("housing_heating", &p.cat_housing_heating),
            ("food_essentials", &p.cat_food_essentials),
            ("family_sponsorship", &p.cat_family_sponsorship),
            ("emergency_relief", &p.cat_emergency_relief),
        ]
        .into_iter()
        .filter(|(_, on)| on.is_some())
        .map(|(code, _)| code.to_owned())
        .collect();
        BeneficiaryForm {
            household_size: p.household_size,
            county: p.county,
            categories: ticked,
            consent_on: p.consent_on,
            consent_scope: p.consent_scope,
            name: p.name,
            national_id: p.national_id,
            phone: p.phone,
            address: p.address,
            notes: p.notes,
        }
    }
}

/// An Iranian national id: ten digits (any script; spaces and dashes
/// dropped) whose last is the check digit of the first nine (the sum of
/// digit × (10 − position) mod 11: below 2 it is the check digit itself,
/// otherwise 11 minus it), not ten equal digits. `None` when it is not one.
pub fn parse_national_id(raw: &str) -> Option<String> {
    let digits: String = to_ascii_digits(raw)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{200c}'))
        .collect();
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    if d.iter().all(|x| *x == d[0]) {
        return None;
    }
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, x)| x * (10 - i as u32))
        .sum();
    let r = sum % 11;
    let check = if r < 2 { r } else { 11 - r };
    (d[9] == check).then_some(digits)
}

/// An Iranian mobile number as `09xxxxxxxxx` (from `+98 9…`, `0098 9…`,
/// `9…`, in any digits, with spaces or dashes). `None` when it is not one.
pub fn parse_mobile(raw: &str) -> Option<String> {
    let mut digits: String = to_ascii_digits(raw)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{200c}'))
        .collect();
    if let Some(rest) = digits.strip_prefix('+') {
        digits = rest.to_owned();
    }
    let national = if let Some(rest) = digits.strip_prefix("0098") {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix("98").filter(|r| r.len() == 10) {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_owned()
    } else {
        digits
    };
    (national.len() == 10
        && national.starts_with('9')
        && national.bytes().all(|b| b.is_ascii_digit()))
    .then(|| format!("0{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_ids_carry_their_check_digit() {
        // Made by the rule: 001234567 → check 9; 123456789 → 1; 008765432 → 6.
        assert_eq!(
            parse_national_id("0012345679").as_deref(),
            Some("0012345679")
        );
        assert_eq!(
            parse_national_id("۰۰۱-۲۳۴۵۶۷-۹").as_deref(),
            Some("0012345679")
        );
        assert_eq!(
            parse_national_id("1234567891").as_deref(),
            Some("1234567891")
        );
        assert_eq!(
            parse_national_id("٠٠٨٧٦٥٤٣٢٦").as_deref(),
            Some("0087654326")
        );
        assert_eq!(parse_national_id("0012345675"), None, "wrong check digit");
        assert_eq!(parse_national_id("1111111111"), None, "all equal");
        assert_eq!(parse_national_id("123"), None);
    }

    #[test]
    fn mobiles_are_written_one_way() {
        for raw in [
            "09121234567",
            "+98 912 123 4567",
            "00989121234567",
            "۰۹۱۲-۱۲۳-۴۵۶۷",
            "9121234567",
        ] {
            assert_eq!(parse_mobile(raw).as_deref(), Some("09121234567"), "{raw}");
        }
        for bad in ["02112345678", "0912123456", "+1 202 555 0100", "abc"] {
            assert_eq!(parse_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn private_details_never_debug_print() {
        let d = PrivateDetails {
            name: "مریم".into(),
            national_id: "0012345679".into(),
            ..PrivateDetails::default()
        };
        let shown = format!("{d:?}");
        assert!(!shown.contains("مریم") && !shown.contains("0012345679"));
    }
}
