//! Digits and separators in the three scripts Nikoo accepts: ASCII,
//! Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669).

use crate::Locale;

/// Persian decimal separator «٫» (U+066B, ARABIC DECIMAL SEPARATOR), as CLDR uses for `fa`.
pub const PERSIAN_DECIMAL_SEPARATOR: char = '\u{066B}';
/// Persian thousands separator «٬» (U+066C, ARABIC THOUSANDS SEPARATOR), as CLDR uses for `fa`.
pub const PERSIAN_GROUP_SEPARATOR: char = '\u{066C}';

/// The value 0–9 of a digit in any of the accepted scripts, or `None`.
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{06F0}'..='\u{06F9}' => Some((c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => Some((c as u32 - 0x0660) as u8),
        _ => None,
    }
}

/// Replaces Persian and Arabic-Indic digits by ASCII digits; other characters are kept.
pub fn to_ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match digit_value(c) {
            Some(d) => char::from(b'0' + d),
            None => c,
        })
        .collect()
}

/// Writes ASCII digits in the locale's script (Persian digits for `fa`).
pub fn localize_digits(s: &str, locale: Locale) -> String {
    match locale {
        Locale::En => s.to_owned(),
        Locale::Fa => s
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

/// Groups the ASCII digit string `digits` by thousands with the locale's
/// separator and writes it in the locale's script: `12500` → `12,500` / `۱۲٬۵۰۰`.
pub fn group_thousands(digits: &str, locale: Locale) -> String {
    let sep = match locale {
        Locale::En => ',',
        Locale::Fa => PERSIAN_GROUP_SEPARATOR,
    };
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    localize_digits(&out, locale)
}

/// Formats an integer for display in the locale: grouped, in its script.
pub fn format_integer(n: i64, locale: Locale) -> String {
    let grouped = group_thousands(&n.unsigned_abs().to_string(), locale);
    if n < 0 {
        format!("{}{grouped}", minus_sign(locale))
    } else {
        grouped
    }
}

/// The minus sign of a locale (CLDR: U+2212 for `fa` is rendered LTR-safe with U+200E).
pub fn minus_sign(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "-",
        Locale::Fa => "\u{200E}\u{2212}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_scripts_map_to_ascii() {
        assert_eq!(to_ascii_digits("۱۲۳٤٥٦789"), "123456789");
        assert_eq!(digit_value('۰'), Some(0));
        assert_eq!(digit_value('٩'), Some(9));
        assert_eq!(digit_value('a'), None);
    }

    #[test]
    fn grouping_per_locale() {
        assert_eq!(group_thousands("1234567", Locale::En), "1,234,567");
        assert_eq!(group_thousands("123", Locale::En), "123");
        assert_eq!(group_thousands("12500", Locale::Fa), "۱۲٬۵۰۰");
        assert_eq!(format_integer(-1000, Locale::En), "-1,000");
        assert_eq!(format_integer(0, Locale::Fa), "۰");
    }
}

/// A whole percentage in the locale: `42%` / «۴۲٪» (CLDR: Persian uses U+066A).
pub fn format_percent(value: u8, locale: Locale) -> String {
    match locale {
        Locale::En => format!("{value}%"),
        Locale::Fa => format!("{}\u{066A}", localize_digits(&value.to_string(), locale)),
    }
}

#[cfg(test)]
mod percent_tests {
    use super::*;

    #[test]
    fn percent_per_locale() {
        assert_eq!(format_percent(42, Locale::En), "42%");
        assert_eq!(format_percent(42, Locale::Fa), "۴۲٪");
    }
}
