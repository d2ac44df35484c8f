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
///
/// `stripe_origins` (setting `NIKOO_STRIPE_ORIGINS`) may load scripts and
/// frames and be connected to, for the card form of the giving pages.
pub fn page_csp(nonce: Option<&str>, stripe_origins: &[String]) -> String {
    let extra = stripe_origins
        .iter()
        .fold(String::new(), |acc, o| acc + " " + o);
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'{extra}"),
        None => "'none'".to_owned(),
    };
    let frames = if extra.is_empty() {
        "'none'".to_owned()
    } else {
        extra.trim_start().to_owned()
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; style-src-attr 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'{extra}; frame-src {frames}; font-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// What the middleware needs from the settings.
#[derive(Debug, Clone, Default)]
pub struct HeaderSettings {
    /// Whether the site is served over https (`NIKOO_PUBLIC_URL`): adds HSTS.
    pub hsts: bool,
    /// Origins of the payment provider's scripts and frames.
    pub stripe_origins: Vec<String>,
}

/// Paths under a locale whose pages are private (an account's or staff's).
const PRIVATE_PAGES: &[&str] = &[
    "/account",
    "/my/",
    "/admin/",
    "/login",
    "/signup",
    "/verify-email",
    "/forgot-password",
    "/reset-password",
    "/invitations/",
    "/give/",
    "/gifts/",
    "/pledge/",
];

/// Whether a response to `path` must not be stored by any cache: server
/// functions and the private pages, and anything sent to a signed-in browser.
pub fn is_private(path: &str, has_session: bool) -> bool {
    if has_session || path.starts_with("/_sfn/") {
        return true;
    }
    let rest = nikoo_types::routes::split_locale(path).map(|(_, page)| page);
    rest.is_some_and(|r| {
        PRIVATE_PAGES.iter().any(|p| {
            let p = p.trim_end_matches('/');
            r == p
                || r.strip_prefix(p)
                    .is_some_and(|after| after.starts_with('/'))
        })
    })
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

fn is_static_file(resp: &Response) -> bool {
    resp.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        let v = v.as_bytes();
        v.starts_with(b"application/wasm")
            || v.starts_with(b"text/css")
            || v.starts_with(b"text/javascript")
            || v.starts_with(b"image/")
    })
}

fn is_html(resp: &Response) -> bool {
    resp.headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

/// Middleware: adds the headers a response does not set itself.
/// `hsts`: whether the site is served over https (`NIKOO_PUBLIC_URL`).
pub async fn add(settings: std::sync::Arc<HeaderSettings>, req: Request, next: Next) -> Response {
    let has_session = crate::cookies::pairs(req.headers())
        .any(|(k, _)| crate::csrf::SESSION_COOKIES.contains(&k.as_str()));
    let private = is_private(req.uri().path(), has_session);
    let hsts = settings.hsts;
    let mut resp = next.run(req).await;
    // A public page is the same for every anonymous visitor, but it
    // carries a per-response CSP nonce and live totals: a browser may keep
    // it (back and forward) but asks again before showing it.
    let cache = if private {
        Some("no-store")
    } else {
        is_html(&resp).then_some(crate::static_files::REVALIDATE)
    };
    if let Some(cache) = cache {
        if !resp.headers().contains_key(header::CACHE_CONTROL) && !is_static_file(&resp) {
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        }
    }
    if is_html(&resp) && !resp.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        let (parts, body) = resp.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
            tracing::error!("page body could not be read for its Content-Security-Policy");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let csp = page_csp(find_nonce(&bytes), &settings.stripe_origins);
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
        assert!(page_csp(None, &[]).contains("script-src 'none'"));
        assert!(page_csp(Some("xyz"), &[]).contains("'nonce-xyz'"));
        let stripe = page_csp(Some("xyz"), &["https://js.stripe.com".to_owned()]);
        assert!(
            stripe.contains("'wasm-unsafe-eval' https://js.stripe.com;"),
            "{stripe}"
        );
        assert!(
            stripe.contains("frame-src https://js.stripe.com;"),
            "{stripe}"
        );
    }

    #[test]
    fn private_paths_are_not_cached() {
        assert!(is_private("/fa/account", false));
        assert!(is_private("/en/my/centers/3", false));
        assert!(is_private("/fa/admin/audit", false));
        assert!(is_private("/_sfn/me", false));
        assert!(!is_private("/fa/programs", false));
        assert!(!is_private("/fa/accounting", false));
        assert!(
            is_private("/fa/programs", true),
            "a signed-in browser's pages are its own"
        );
    }
}
