//! Reading request cookies, with the parser the session layer uses.
//!
//! `tower-cookies` (under `tower-sessions`) splits each `Cookie` header on
//! `;` and reads each part with `cookie::Cookie::parse_encoded`, which
//! trims names and values and percent-decodes them. Reading cookies any
//! other way lets a request look cookie-less to one layer and signed-in to
//! another (`nikoo_session =<id>`, with a space, passed the CSRF guard
//! and still authenticated), so every reader here goes through the same.

use axum::http::{header, HeaderMap};

/// The `(name, value)` pairs of a request's `Cookie` headers, parsed as
/// the session layer parses them (RFC 6265 §5.4; names and values trimmed
/// and percent-decoded); unparsable parts are skipped there and here.
pub fn pairs(headers: &HeaderMap) -> impl Iterator<Item = (String, String)> + '_ {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|part| cookie::Cookie::parse_encoded(part.to_owned()).ok())
        .map(|c| (c.name().to_owned(), c.value().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_as_the_session_layer_reads_them() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1;  nikoo_session =abc ; nikoo_lang=%65n; broken"
                .parse()
                .unwrap(),
        );
        let got: Vec<(String, String)> = pairs(&headers).collect();
        assert_eq!(
            got,
            [
                ("a".to_owned(), "1".to_owned()),
                ("nikoo_session".to_owned(), "abc".to_owned()),
                ("nikoo_lang".to_owned(), "en".to_owned()),
            ]
        );
    }
}
