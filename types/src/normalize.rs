//! Persian-aware normalization for search.
//!
//! ARCHITECTURE.md ("Languages"): search treats the Arabic and Persian forms of
//! ی/ي and ک/ك as equal and ignores zero-width non-joiners and diacritics,
//! so «میکند» (as the seed text writes it) and «می‌کند» find each other.

use crate::digits::digit_value;

/// Folds text to the form that search compares: Arabic yeh/kaf to Persian,
/// ZWNJ/ZWJ, tatweel and diacritics (harakat, U+064B–U+065F, U+0670) dropped,
/// hamza-carrying alefs to plain alef, teh marbuta and heh-with-yeh to heh,
/// all digits to ASCII, letters lower-cased, runs of whitespace to one space,
/// control characters (NUL included, which PostgreSQL refuses in text) dropped.
pub fn normalize_for_search(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut last_space = true;
    for c in input.chars() {
        let mapped = match c {
            '\u{064A}' | '\u{0649}' | '\u{06D2}' => Some('\u{06CC}'), // ي ى ے → ی
            '\u{0643}' => Some('\u{06A9}'),                           // ك → ک
            '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => Some('\u{0627}'), // أ إ آ ٱ → ا
            '\u{0629}' | '\u{06C0}' => Some('\u{0647}'),              // ة ۀ → ه
            '\u{0624}' => Some('\u{0648}'),                           // ؤ → و
            '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{0640}' | '\u{FEFF}' => None,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => match digit_value(c) {
                Some(d) => Some(char::from(b'0' + d)),
                None => Some(c),
            },
        };
        match mapped {
            Some(' ') if !last_space => {
                out.push(' ');
                last_space = true;
            }
            Some(' ') => {}
            Some(c) => {
                out.extend(c.to_lowercase());
                last_space = false;
            }
            None => {}
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zwnj_variants_find_each_other() {
        assert_eq!(
            normalize_for_search("میکند"),
            normalize_for_search("می\u{200C}کند")
        );
        assert_eq!(
            normalize_for_search("شکلگیری مراکز نیکوکاری"),
            normalize_for_search("شکل\u{200C}گیری مراکز نیکوکاری")
        );
    }

    #[test]
    fn arabic_letters_fold_to_persian() {
        assert_eq!(normalize_for_search("كميته"), normalize_for_search("کمیته"));
        assert_eq!(normalize_for_search("نيكوكاري"), "نیکوکاری");
    }

    #[test]
    fn diacritics_digits_case_and_spaces() {
        assert_eq!(normalize_for_search("مُددجو"), "مددجو");
        assert_eq!(normalize_for_search("طرح ۱۴۰۴"), "طرح 1404");
        assert_eq!(normalize_for_search("  Job   Coaches "), "job coaches");
        assert_ne!(normalize_for_search("زنجان"), normalize_for_search("تهران"));
        assert_eq!(
            normalize_for_search("a\u{0}b"),
            "ab",
            "control characters are dropped"
        );
    }
}
