//! Forms done once (issue 16): every form posts the idempotency key its
//! page rendered into it (`form_key`, `nikoo_domain::form_keys`). Before a
//! server function runs, this layer claims the key; a key claimed already
//! is the same form sent again (a double click, a refresh or "back" after
//! a post), answered with a redirect back to the form's page saying so
//! (`?notice=already_sent`), and nothing is done twice. A refused or
//! failed form gives its key back, so the visitor may correct it and send
//! it again.
//!
//! The same layer keeps a refused form's values (`nikoo_types::refused`):
//! when a form posted to a server function is refused, what was typed
//! (secrets left out) is kept in the session for the page the refusal
//! returns to, and handed to that page's next request, so its fields show
//! it again. (The file routes keep theirs themselves: `files.rs`.)
//!
//! A form posted to a server function (`/_sfn/…`,
//! `application/x-www-form-urlencoded`) carries its key in its body; a
//! file form (`multipart/form-data`, `files.rs`) in its action's query
//! (`nikoo_app::components::form::keyed`), so the key is read without
//! reading the files. A post without a key (a script calling a server
//! function) is let through.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use nikoo_app::state::AppState;
use nikoo_domain::form_keys;
use nikoo_types::notices::Notice;
use nikoo_types::refused::RefusedForm;
use tower_sessions::Session;

/// The name of the hidden input holding the key.
pub const FIELD: &str = "form_key";

/// The layer: claims the key of a form post before its server function
/// runs, keeps a refused form's values, and hands them to the page they
/// return to (see the module's documentation).
pub async fn once(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::GET {
        return next.run(with_refused_form(req).await).await;
    }
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let session = req.extensions().get::<Session>().cloned();
    let in_query = req.uri().query().and_then(|q| key_in(q.as_bytes()));
    // A server function form's body is read: its key, and its values if
    // it is refused.
    let (sent, req) = if is_server_fn_form(&req) {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, crate::SERVER_FN_BODY_BYTES).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        (
            Some(bytes.clone()),
            Request::from_parts(parts, Body::from(bytes)),
        )
    } else {
        (None, req)
    };
    let key = in_query.or_else(|| sent.as_deref().and_then(key_in));
    if let Some(key) = &key {
        match form_keys::claim(&state.db, key, state.clock.now()).await {
            Ok(true) => {}
            Ok(false) => return already_sent(referer.as_deref()),
            Err(e) => {
                tracing::error!(error = %e, "claiming a form key");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        }
    }
    let response = next.run(req).await;
    if refused(&response) {
        if let Some(key) = &key {
            if let Err(e) = form_keys::release(&state.db, key).await {
                tracing::error!(error = %e, "giving a refused form's key back");
            }
        }
        if let (Some(session), Some(sent), Some(page)) = (&session, &sent, refused_page(&response))
        {
            let fields: Vec<(String, String)> = form_urlencoded::parse(sent).into_owned().collect();
            keep(
                session,
                &page,
                fields.iter().map(|(n, v)| (n.as_str(), v.as_str())),
            )
            .await;
        }
    }
    response
}

/// Keeps a refused form's `fields` in `session` for `page` (secrets left
/// out; nothing when they are too long to keep).
pub async fn keep<'a>(
    session: &Session,
    page: &str,
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    if let Some(kept) = RefusedForm::new(page, fields) {
        if let Err(e) = session.insert(RefusedForm::SESSION_KEY, kept).await {
            tracing::warn!(error = %e, "keeping a refused form's values");
        }
    }
}

/// The page a refused form's answer returns to: the path of a redirect
/// whose address carries the error.
fn refused_page(response: &Response) -> Option<String> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    let path = path_of(location)?;
    Some(path.split(['?', '#']).next().unwrap_or_default().to_owned())
}

/// The path (and query) of an address: what follows its host when it has
/// a scheme, else the address itself.
fn path_of(address: &str) -> Option<&str> {
    match address.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]),
        None => Some(address),
    }
}

/// `req` with the refused form kept for its page, if any, in its
/// extensions, taken out of the session (it is shown once). Pages read it
/// from the request's parts (`nikoo_app::components::form`).
async fn with_refused_form(mut req: Request) -> Request {
    let Some(session) = req.extensions().get::<Session>().cloned() else {
        return req;
    };
    let kept = match session.get::<RefusedForm>(RefusedForm::SESSION_KEY).await {
        Ok(Some(kept)) if kept.page == req.uri().path() => kept,
        _ => return req,
    };
    if let Err(e) = session
        .remove::<RefusedForm>(RefusedForm::SESSION_KEY)
        .await
    {
        tracing::warn!(error = %e, "dropping a refused form's values");
    }
    req.extensions_mut().insert(kept);
    req
}

/// Whether `req` is a form posted to a server function.
fn is_server_fn_form(req: &Request) -> bool {
    req.uri().path().starts_with("/_sfn/")
        && req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
}

/// The well-formed key in an urlencoded query or body, if any.
fn key_in(urlencoded: &[u8]) -> Option<String> {
    form_urlencoded::parse(urlencoded)
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.into_owned())
        .filter(|k| form_keys::is_key(k))
}

/// Whether the answer to a form refused it: an error status, or the
/// redirect back to the form with the error in its address (`__err`, how
/// Leptos answers a form post without JavaScript; `error`, how the file
/// routes do, `files::answer`).
fn refused(response: &Response) -> bool {
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        return true;
    }
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.split_once('?'))
        .is_some_and(|(_, q)| {
            form_urlencoded::parse(q.as_bytes()).any(|(n, _)| n == "__err" || n == "error")
        })
}

/// The answer to a form sent again: back to the page it came from (a path
/// on this site, its old notice and error dropped) with
/// `?notice=already_sent`; the home page when the page is unknown.
fn already_sent(referer: Option<&str>) -> Response {
    // Keep the path and query of a same-site address only.
    let path = referer
        .and_then(path_of)
        .and_then(nikoo_types::routes::local_path)
        .unwrap_or("/");
    let (page, query) = path.split_once('?').unwrap_or((path, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("notice=") && !p.starts_with("__err="))
        .collect();
    let notice = format!("notice={}", Notice::AlreadySent.code());
    let query = kept
        .into_iter()
        .chain(std::iter::once(notice.as_str()))
        .collect::<Vec<_>>()
        .join("&");
    Redirect::to(&format!("{page}?{query}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(r: &Response) -> &str {
        r.headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    #[test]
    fn a_form_sent_again_goes_back_to_its_page() {
        let r = already_sent(Some(
            "http://127.0.0.1:3000/fa/my/centers/3/gifts?notice=gift_recorded&page=2",
        ));
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            location(&r),
            "/fa/my/centers/3/gifts?page=2&notice=already_sent"
        );
        // Another site's address, or none, leads home.
        assert_eq!(
            location(&already_sent(Some("https://evil.example//x"))),
            "/?notice=already_sent"
        );
        assert_eq!(location(&already_sent(None)), "/?notice=already_sent");
    }

    #[test]
    fn refusals_are_recognised() {
        let err = Response::builder()
            .status(StatusCode::FOUND)
            .header(header::LOCATION, "/fa/x?__err=abc")
            .body(Body::empty())
            .unwrap_or_default();
        assert!(refused(&err));
        let file_err = Redirect::to("/fa/x?error=amount.required").into_response();
        assert!(refused(&file_err));
        let ok = Redirect::to("/fa/x?notice=gift_recorded").into_response();
        assert!(!refused(&ok));
        assert!(refused(&StatusCode::BAD_REQUEST.into_response()));
    }
}
