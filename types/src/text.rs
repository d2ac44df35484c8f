//! Text given in Persian and/or English.

use crate::Locale;
use serde::{Deserialize, Serialize};

/// A text in both languages; either may be missing. Serialized as
/// `{"fa": …, "en": …}` with `null` for a missing language (the public API's convention).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LocalizedText {
    /// Persian.
    pub fa: Option<String>,
    /// English.
    pub en: Option<String>,
}

impl LocalizedText {
    /// A text from its two versions; empty strings count as missing.
    pub fn new(fa: Option<String>, en: Option<String>) -> LocalizedText {
        let keep = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        LocalizedText {
            fa: keep(fa),
            en: keep(en),
        }
    }

    /// The text in `locale`, else in the other language, else "".
    pub fn get(&self, locale: Locale) -> &str {
        let (first, second) = match locale {
            Locale::Fa => (&self.fa, &self.en),
            Locale::En => (&self.en, &self.fa),
        };
        first.as_deref().or(second.as_deref()).unwrap_or_default()
    }

    /// Whether the text shown for `locale` is written in the other language
    /// (so the page can mark it with its own `lang` and `dir`).
    pub fn fallback_locale(&self, locale: Locale) -> Option<Locale> {
        let has = |l: Locale| match l {
            Locale::Fa => self.fa.is_some(),
            Locale::En => self.en.is_some(),
        };
        if !has(locale) && has(locale.other()) {
            Some(locale.other())
        } else {
            None
        }
    }
}

/// Whether `c` is a Unicode bidirectional formatting character: the marks
/// (U+061C ALM, U+200E LRM, U+200F RLM), the embeddings and overrides
/// (U+202A–U+202E) and the isolates (U+2066–U+2069) (Unicode Standard
/// Annex #9, "Explicit Directional Formatting Characters"). An override
/// makes `invoice{U+202E}fdp.exe` read as `invoiceexe.pdf`; no file name or
/// address needs one.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_other_language() {
        let t = LocalizedText::new(Some("طرح".into()), Some(" ".into()));
        assert_eq!(t.get(Locale::En), "طرح");
        assert_eq!(t.fallback_locale(Locale::En), Some(Locale::Fa));
        assert_eq!(t.fallback_locale(Locale::Fa), None);
        assert_eq!(LocalizedText::default().get(Locale::Fa), "");
    }
}
