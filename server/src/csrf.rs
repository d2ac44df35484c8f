//! Cross-site request forgery guard for every state-changing request
//! (server functions and form posts).
//!
//! A request whose method is not GET, HEAD or OPTIONS is refused with 403
//! when its `Origin` (or, without one, its `Referer`) names another host than
//! the one it was sent to; when it carries neither, it is refused if it
//! carries a session cookie. Routes that authenticate otherwise (a signed
//! payment webhook) are exempt by name in [`EXEMPT_PATHS`]. Source: OWASP
//! CSRF Prevention Cheat Sheet, "Verifying Origin With Standard Headers".

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Paths that authenticate their requests themselves and are not checked.
pub const EXEMPT_PATHS: &[&str] = &["/webhooks/stripe"];

/// Cookie names that identify a session (with and without the `__Host-` prefix).
pub const SESSION_COOKIES: &[&str] = &["nikoo_session", "__Host-nikoo_session"];

/// Why a request was refused, or `None` when it may proceed.
pub fn refusal(method: &Method, path: &str, headers: &HeaderMap) -> Option<&'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || EXEMPT_PATHS.contains(&path)
    {
        return None;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok())?;
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match source {
        Some(url) if authority(url).is_some_and(|a| a.eq_ignore_ascii_case(host)) => None,
        Some(_) => Some("cross-site request"),
        None if has_session_cookie(headers) => Some("request without Origin or Referer"),
        None => None,
    }
}

/// The `host[:port]` of an absolute `http(s)://` URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

fn has_session_cookie(headers: &HeaderMap) -> bool {
    crate::cookies::pairs(headers).any(|(k, _)| SESSION_COOKIES.contains(&k.as_str()))
}

/// Middleware: 403 for a refused request; it never reaches a handler.
pub async fn guard(req: Request, next: Next) -> Response {
    if let Some(reason) = refusal(req.method(), req.uri().path(), req.headers()) {
        tracing::warn!(path = %req.uri().path(), reason, "refused a state-changing request");
        return (
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused. / این درخواست از سایت دیگری آمده بود و رد شد.",
        )
            .into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_host_passes_other_hosts_do_not() {
        let post = Method::POST;
        let own = headers(&[
            ("host", "nikoo.example"),
            ("origin", "https://nikoo.example"),
        ]);
        assert_eq!(refusal(&post, "/_sfn/x", &own), None);
        let evil = headers(&[
            ("host", "nikoo.example"),
            ("origin", "https://evil.example"),
        ]);
        assert!(refusal(&post, "/_sfn/x", &evil).is_some());
        let tricky = headers(&[
            ("host", "nikoo.example"),
            ("origin", "https://nikoo.example.evil.example"),
        ]);
        assert!(refusal(&post, "/_sfn/x", &tricky).is_some());
        let referer = headers(&[
            ("host", "nikoo.example"),
            ("referer", "https://evil.example/nikoo.example"),
        ]);
        assert!(refusal(&post, "/_sfn/x", &referer).is_some());
        let own_referer = headers(&[
            ("host", "nikoo.example:8443"),
            ("referer", "https://nikoo.example:8443/fa/"),
        ]);
        assert_eq!(refusal(&post, "/_sfn/x", &own_referer), None);
        assert_eq!(
            refusal(&Method::GET, "/", &evil),
            None,
            "GET changes nothing"
        );
    }

    #[test]
    fn neither_header_is_refused_only_with_a_session() {
        let post = Method::POST;
        assert_eq!(refusal(&post, "/x", &headers(&[("host", "h")])), None);
        let with_session = headers(&[("host", "h"), ("cookie", "a=1; nikoo_session=abc")]);
        assert!(refusal(&post, "/x", &with_session).is_some());
        let null_origin = headers(&[("host", "h"), ("origin", "null")]);
        assert!(refusal(&post, "/x", &null_origin).is_some());
    }
}
