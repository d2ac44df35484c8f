//! Program categories (DESIGN.md, "Vocabulary").

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

    /// The category's name in the locale.
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Category::EmploymentLivelihood, Locale::En) => "Employment & livelihood",
            (Category::EmploymentLivelihood, Locale::Fa) => "اشتغال و معیشت",
            (Category::SkillsTraining, Locale::En) => "Skills training",
            (Category::SkillsTraining, Locale::Fa) => "مهارت‌آموزی",
            (Category::Health, Locale::En) => "Health",
            (Category::Health, Locale::Fa) => "سلامت",
            (Category::Education, Locale::En) => "Education",
            (Category::Education, Locale::Fa) => "آموزش",
            (Category::HousingHeating, Locale::En) => "Housing & heating",
            (Category::HousingHeating, Locale::Fa) => "مسکن و گرمایش",
            (Category::FoodEssentials, Locale::En) => "Food & essentials",
            (Category::FoodEssentials, Locale::Fa) => "غذا و اقلام ضروری",
            (Category::FamilySponsorship, Locale::En) => "Family sponsorship",
            (Category::FamilySponsorship, Locale::Fa) => "حمایت از خانواده",
            (Category::EmergencyRelief, Locale::En) => "Emergency relief",
            (Category::EmergencyRelief, Locale::Fa) => "امداد اضطراری",
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
