//! Program search: Persian-normalized substring match on a stored column.

use nikoo_types::normalize::normalize_for_search;

/// The text a program is found by: its titles, summaries, center name and
/// category labels, normalized and joined.
pub fn search_document<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(normalize_for_search)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A SQL `LIKE` pattern (escape character `\`) matching documents that
/// contain the normalized query.
pub fn like_pattern(query: &str) -> String {
    let normalized = normalize_for_search(query);
    let mut out = String::with_capacity(normalized.len() + 2);
    out.push('%');
    for c in normalized.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
        assert_eq!(like_pattern("می\u{200C}کند"), "%میکند%");
    }
}
