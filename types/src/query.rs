//! The program list's query parameters, parsed the same way by the page,
//! its server function and the public API.

use crate::digits::to_ascii_digits;
use crate::outcome::{FieldError, Rule};
use crate::Category;
use serde::{Deserialize, Serialize};

pub use crate::limits::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use crate::limits::{FILTER_MAX_CHARS, SEARCH_MAX_CHARS};

/// The query string as received: every parameter a raw, optional string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawProgramQuery {
    pub q: Option<String>,
    pub category: Option<String>,
    pub province: Option<String>,
    pub county: Option<String>,
    pub center: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// A parsed program query. Codes (province, county, center) are checked
/// against the database by the catalog service; everything else here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramQuery {
    /// Free-text search, trimmed; `None` when empty.
    pub q: Option<String>,
    pub category: Option<Category>,
    /// Province code, e.g. `zanjan`.
    pub province: Option<String>,
    /// County code, e.g. `tarom`.
    pub county: Option<String>,
    /// Center slug.
    pub center: Option<String>,
    /// 1-based page number.
    pub page: u32,
    /// Items per page, 1..=[`MAX_PER_PAGE`].
    pub per_page: u32,
}

impl Default for ProgramQuery {
    fn default() -> Self {
        ProgramQuery {
            q: None,
            category: None,
            province: None,
            county: None,
            center: None,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn parse_count(
    param: &str,
    raw: &Option<String>,
    default: u32,
    max: u32,
) -> Result<u32, FieldError> {
    let Some(s) = non_empty(raw) else {
        return Ok(default);
    };
    let ascii = to_ascii_digits(&s);
    if !ascii.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(param, Rule::NotANumber));
    }
    let n: u32 = ascii
        .parse()
        .map_err(|_| FieldError::new(param, Rule::OutOfRange))?;
    if n == 0 || n > max {
        return Err(FieldError::new(param, Rule::OutOfRange));
    }
    Ok(n)
}

/// A text parameter, empty meaning none, at most `max` characters.
fn bounded(field: &str, v: &Option<String>, max: usize) -> Result<Option<String>, FieldError> {
    match non_empty(v) {
        Some(v) if v.chars().count() > max => Err(FieldError::new(field, Rule::TooLong)),
        v => Ok(v),
    }
}

impl ProgramQuery {
    /// Parses the raw parameters. An empty parameter means no filter.
    ///
    /// # Errors
    /// [`FieldError`] for a malformed or out-of-range number or an unknown category.
    pub fn parse(raw: &RawProgramQuery) -> Result<ProgramQuery, FieldError> {
        let category = match non_empty(&raw.category) {
            None => None,
            Some(c) => Some(
                Category::from_code(&c)
                    .ok_or_else(|| FieldError::new("category", Rule::UnknownCode))?,
            ),
        };
        Ok(ProgramQuery {
            q: bounded("q", &raw.q, SEARCH_MAX_CHARS)?,
            category,
            province: bounded("province", &raw.province, FILTER_MAX_CHARS)?,
            county: bounded("county", &raw.county, FILTER_MAX_CHARS)?,
            center: bounded("center", &raw.center, FILTER_MAX_CHARS)?,
            page: parse_count("page", &raw.page, 1, u32::MAX)?,
            per_page: parse_count("per_page", &raw.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?,
        })
    }

    /// The query string (without `?`) for this query at another page, leaving
    /// out defaults; values are percent-encoded.
    pub fn to_query_string(&self, page: u32) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |k: &str, v: &str| parts.push(format!("{k}={}", percent_encode(v)));
        if let Some(q) = &self.q {
            push("q", q);
        }
        if let Some(c) = self.category {
            push("category", c.code());
        }
        if let Some(p) = &self.province {
            push("province", p);
        }
        if let Some(c) = &self.county {
            push("county", c);
        }
        if let Some(c) = &self.center {
            push("center", c);
        }
        if page != 1 {
            push("page", &page.to_string());
        }
        if self.per_page != DEFAULT_PER_PAGE {
            push("per_page", &self.per_page.to_string());
        }
        parts.join("&")
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawProgramQuery {
        let mut r = RawProgramQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_string());
            match *k {
                "q" => r.q = v,
                "category" => r.category = v,
                "page" => r.page = v,
                "per_page" => r.per_page = v,
                "county" => r.county = v,
                "center" => r.center = v,
                _ => unreachable!(),
            }
        }
        r
    }

    #[test]
    fn defaults_and_empty_parameters() {
        let q = ProgramQuery::parse(&raw(&[("q", ""), ("category", " "), ("page", "")])).unwrap();
        assert_eq!(q, ProgramQuery::default());
    }

    #[test]
    fn numbers_are_checked() {
        assert_eq!(ProgramQuery::parse(&raw(&[("page", "۲")])).unwrap().page, 2);
        assert_eq!(
            ProgramQuery::parse(&raw(&[("page", "abc")]))
                .unwrap_err()
                .field,
            "page"
        );
        assert_eq!(
            ProgramQuery::parse(&raw(&[("page", "0")]))
                .unwrap_err()
                .code,
            "out_of_range"
        );
        assert_eq!(
            ProgramQuery::parse(&raw(&[("page", "-1")]))
                .unwrap_err()
                .code,
            "not_a_number"
        );
        assert_eq!(
            ProgramQuery::parse(&raw(&[("per_page", "101")]))
                .unwrap_err()
                .code,
            "out_of_range"
        );
        assert_eq!(
            ProgramQuery::parse(&raw(&[("per_page", "100")]))
                .unwrap()
                .per_page,
            100
        );
        assert_eq!(
            ProgramQuery::parse(&raw(&[("page", "99999999999")]))
                .unwrap_err()
                .code,
            "out_of_range"
        );
    }

    #[test]
    fn long_texts_are_refused_not_searched() {
        let long = "ک".repeat(50_000);
        let e = ProgramQuery::parse(&raw(&[("q", long.as_str())])).unwrap_err();
        assert_eq!((e.field.as_str(), e.code.code()), ("q", "too_long"));
        let e = ProgramQuery::parse(&raw(&[("center", &"x".repeat(81))])).unwrap_err();
        assert_eq!(e.field, "center");
        let at_most = "a".repeat(SEARCH_MAX_CHARS);
        assert!(ProgramQuery::parse(&raw(&[("q", at_most.as_str())])).is_ok());
    }

    #[test]
    fn unknown_category_is_an_error() {
        let e = ProgramQuery::parse(&raw(&[("category", "sports")])).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code.code()),
            ("category", "unknown_code")
        );
        assert_ne!(e.message(crate::Locale::Fa), e.message(crate::Locale::En));
    }

    #[test]
    fn query_string_round_trip() {
        let q = ProgramQuery::parse(&raw(&[
            ("q", "گرمایش طارم"),
            ("category", "health"),
            ("county", "tarom"),
        ]))
        .unwrap();
        let s = q.to_query_string(3);
        assert!(s.starts_with("q=%DA%AF"), "{s}");
        assert!(s.ends_with("&category=health&county=tarom&page=3"), "{s}");
    }
}
