//! Locale in the URL: `/` redirects to `/fa/` or `/en/` (by the `nikoo_lang`
//! cookie, then `Accept-Language`, default `fa`); `/fa` → `/fa/`; a page
//! served in a locale remembers it in the cookie.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use nikoo_types::Locale;

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "nikoo_lang";

/// `/`, `/fa` and `/en`.
pub fn routes() -> Router {
    let mut r = Router::new().route(crate::routes::listed("", "/"), get(root));
    for l in Locale::ALL {
        r = r.route(
            crate::routes::listed("", &format!("/{}", l.code())),
            get(move || async move { redirect(&format!("/{}/", l.code())) }),
        );
    }
    r
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_owned())]).into_response()
}

async fn root(headers: HeaderMap) -> Response {
    let locale = preferred_locale(&headers);
    let mut resp = redirect(&format!("/{}/", locale.code()));
    resp.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    resp
}

/// The locale a visitor prefers: the cookie, then `Accept-Language`, then `fa`.
pub fn preferred_locale(headers: &HeaderMap) -> Locale {
    cookie_locale(headers)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(accept_language)
        })
        .unwrap_or_default()
}

fn cookie_locale(headers: &HeaderMap) -> Option<Locale> {
    crate::cookies::pairs(headers)
        .find(|(k, _)| k == LANG_COOKIE)
        .and_then(|(_, v)| Locale::from_code(&v))
}

/// The best supported locale of an `Accept-Language` header (RFC 9110
/// §12.5.4): highest `q` first, ties in header order; `q=0` excluded.
pub fn accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(u16, Locale)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or_default().trim();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(1000, |q| parse_qvalue(q.trim()));
        let Some(locale) = Locale::from_language_tag(tag) else {
            continue;
        };
        if q > 0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, locale));
        }
    }
    best.map(|(_, l)| l)
}

/// A q-value in thousandths (`0.8` → 800); malformed is 0.
fn parse_qvalue(q: &str) -> u16 {
    let (int, frac) = q.split_once('.').unwrap_or((q, ""));
    let whole: u16 = match int {
        "0" => 0,
        "1" => 1000,
        _ => return 0,
    };
    let digits: String = frac.chars().take(3).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return 0;
    }
    let frac_val: u16 = format!("{digits:0<3}").parse().unwrap_or(0);
    (whole + frac_val).min(1000)
}

/// The locale segment a page path starts with.
fn path_locale(path: &str) -> Option<Locale> {
    let first = path.strip_prefix('/')?.split('/').next()?;
    Locale::from_code(first)
}

/// Middleware: a successful page in a locale sets `nikoo_lang` when the
/// cookie holds another value, so the language switch is remembered.
pub async fn remember_locale(req: Request, next: Next) -> Response {
    let locale = path_locale(req.uri().path());
    let current = cookie_locale(req.headers());
    let mut resp = next.run(req).await;
    if let Some(l) = locale {
        let is_page = resp
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if resp.status().is_success() && is_page && current != Some(l) {
            let cookie = format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                l.code()
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
        }
    }
    resp
}

/// Middleware: `/fa/programs/?…` answers 308 to `/fa/programs?…`. The home
/// page `/{lang}/` keeps its slash; `//host/…` is never redirected (it would
/// leave the site).
pub async fn trim_trailing_slash(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let trimmed = path.trim_end_matches('/');
    let is_page_below_home = trimmed.len() < path.len() && trimmed.matches('/').count() >= 2;
    if is_page_below_home
        && !trimmed.starts_with("//")
        && (req.method() == "GET" || req.method() == "HEAD")
    {
        let to = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_owned(),
        };
        return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(accept_language("en-US,en;q=0.9"), Some(Locale::En));
        assert_eq!(
            accept_language("de-DE, en;q=0.5, fa;q=0.8"),
            Some(Locale::Fa)
        );
        assert_eq!(accept_language("de, fr"), None);
        assert_eq!(accept_language("en;q=0, fa;q=0.1"), Some(Locale::Fa));
        assert_eq!(
            accept_language("fa-IR;q=0.5, en;q=0.50"),
            Some(Locale::Fa),
            "ties keep header order"
        );
    }

    #[test]
    fn cookie_wins_over_header() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; nikoo_lang=en"),
        );
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fa"));
        assert_eq!(preferred_locale(&h), Locale::En);
        h.insert(header::COOKIE, HeaderValue::from_static("nikoo_lang=xx"));
        assert_eq!(preferred_locale(&h), Locale::Fa);
        assert_eq!(preferred_locale(&HeaderMap::new()), Locale::Fa);
    }
}
