//! Reading request cookies.

use axum::http::{header, HeaderMap};

/// The `(name, value)` pairs of a request's `Cookie` headers (RFC 6265 §5.4).
pub fn pairs(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
}
