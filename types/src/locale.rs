//! The two languages Nikoo speaks.

use serde::{Deserialize, Serialize};

/// A user-interface language. `fa` (Persian) is the default and is written right to left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Persian: right to left, Persian digits, Solar Hijri dates, IRR shown in toman.
    #[default]
    Fa,
    /// English: left to right, ASCII digits, Gregorian dates.
    En,
}

impl Locale {
    /// Every locale, the default first.
    pub const ALL: [Locale; 2] = [Locale::Fa, Locale::En];

    /// The BCP 47 code used in URLs, the `lang` attribute and the `nikoo_lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fa => "fa",
            Locale::En => "en",
        }
    }

    /// Text direction for the `dir` attribute.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::Fa => "rtl",
            Locale::En => "ltr",
        }
    }

    /// Parses an exact code (`fa`, `en`); anything else is `None`.
    pub fn from_code(code: &str) -> Option<Locale> {
        match code {
            "fa" => Some(Locale::Fa),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Parses a language tag such as `fa-IR` or `EN-us` by its primary subtag.
    pub fn from_language_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Locale::from_code(&primary)
    }

    /// The other locale, for the language switch.
    pub fn other(self) -> Locale {
        match self {
            Locale::Fa => Locale::En,
            Locale::En => Locale::Fa,
        }
    }

    /// The language's own name, as shown on the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fa => "فارسی",
            Locale::En => "English",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_code(l.code()), Some(l));
        }
        assert_eq!(Locale::from_code("de"), None);
        assert_eq!(Locale::from_code("FA"), None);
        assert_eq!(Locale::from_language_tag("fa-IR"), Some(Locale::Fa));
        assert_eq!(Locale::from_language_tag("EN-us"), Some(Locale::En));
        assert_eq!(Locale::Fa.dir(), "rtl");
        assert_eq!(Locale::En.dir(), "ltr");
    }
}
