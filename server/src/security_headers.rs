//! Security headers on every response, error pages included.
//!
//! An HTML page gets a Content-Security-Policy whose `script-src` names the
//! nonce Leptos put on the page's hydration and streaming scripts (read from
//! the rendered document, so the policy always matches the page); every
//! other response gets [`DEFAULT_CSP`], which allows no script at all.
//! Sources: OWASP Secure Headers Project; CSP Level 3 (`'wasm-unsafe-eval'`
//! lets the page compile its WebAssembly and nothing else).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The policy of responses that are not pages (API, files, redirects).
pub const DEFAULT_CSP: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The largest page the middleware reads to find its nonce (bytes).
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// The policy of a page whose scripts carry `nonce` (`None`: a page without
/// scripts, so none may run).
///
/// Inline `style` attributes are allowed (`style-src-attr`: the progress
/// bars set their width); inline `<style>` elements and scripts are not.
pub fn page_csp(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "'none'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; style-src-attr 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The first `nonce="…"` of a document, when it is a well-formed base64 value.
pub fn find_nonce(html: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"nonce=\"";
    let start = html.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let len = html[start..].iter().position(|&b| b == b'"')?;
    let value = std::str::from_utf8(&html[start..start + len]).ok()?;
    let well_formed = !value.is_empty()
        && value.len() <= 128
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'='));
    well_formed.then_some(value)
}

fn is_html(resp: &Response) -> bool {
    resp.headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

/// Middleware: adds the headers a response does not set itself.
/// `hsts`: whether the site is served over https (`NIKOO_PUBLIC_URL`).
pub async fn add(hsts: bool, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    if is_html(&resp) && !resp.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        let (parts, body) = resp.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
            tracing::error!("page body could not be read for its Content-Security-Policy");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let csp = page_csp(find_nonce(&bytes));
        resp = Response::from_parts(parts, Body::from(bytes));
        if let Ok(v) = HeaderValue::from_str(&csp) {
            resp.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    let h = resp.headers_mut();
    let mut set = |name: header::HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    if hsts {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_read_only_when_well_formed() {
        assert_eq!(find_nonce(b"<script nonce=\"abc-_09\">"), Some("abc-_09"));
        assert_eq!(find_nonce(b"<script nonce=\"a'; script-src *\">"), None);
        assert_eq!(find_nonce(b"<p>no scripts</p>"), None);
        assert!(page_csp(None).contains("script-src 'none'"));
        assert!(page_csp(Some("xyz")).contains("'nonce-xyz'"));
    }
}
