//! Program categories (ARCHITECTURE.md, "Vocabulary").

use crate::Locale;
use serde::{Deserialize, Serialize};

/// What a program does. Codes are snake_case English, as in the public API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Jobs, job coaches, micro-enterprise.
    EmploymentLivelihood,
    /// Vocational and skills training.
    SkillsTraining,
    /// Health care and treatment costs.
    Health,
    /// Schooling, school supplies, tutoring.
    Education,
    /// Housing repair and heating.
    HousingHeating,
    /// Food baskets and essentials.
    FoodEssentials,
    /// Sponsoring a family or an orphan.
    FamilySponsorship,
    /// Emergency relief after disasters.
    EmergencyRelief,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 8] = [
        Category::EmploymentLivelihood,
        Category::SkillsTraining,
        Category::Health,
        Category::Education,
        Category::HousingHeating,
        Category::FoodEssentials,
        Category::FamilySponsorship,
        Category::EmergencyRelief,
    ];

    /// The snake_case code used in URLs, the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Category::EmploymentLivelihood => "employment_livelihood",
            Category::SkillsTraining => "skills_training",
            Category::Health => "health",
            Category::Education => "education",
            Category::HousingHeating => "housing_heating",
            Category::FoodEssentials => "food_essentials",
            Category::FamilySponsorship => "family_sponsorship",
            Category::EmergencyRelief => "emergency_relief",
        }
    }

    /// Parses a code; unknown codes are `None`.
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The category's name in the locale (`i18n/*/site.ftl`).
    pub fn label(self, locale: Locale) -> &'static str {
        let s = crate::i18n::site::strings(locale);
        match self {
            Category::EmploymentLivelihood => s.category_employment_livelihood,
            Category::SkillsTraining => s.category_skills_training,
            Category::Health => s.category_health,
            Category::Education => s.category_education,
            Category::HousingHeating => s.category_housing_heating,
            Category::FoodEssentials => s.category_food_essentials,
            Category::FamilySponsorship => s.category_family_sponsorship,
            Category::EmergencyRelief => s.category_emergency_relief,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.code())
            );
        }
        assert_eq!(Category::from_code("sports"), None);
    }
}
