//! Every page's address: one function per page, used by links, forms,
//! redirects, the file routes and the mailer, so an address is written in
//! one place. The router's own patterns (`app/src/lib.rs`) are checked
//! against these by `server/tests/integration/architecture.rs`.
//!
//! Every address starts with the page's language (`/fa/…`, `/en/…`).
//! Query values are percent-encoded here.

use crate::Locale;

/// `/{lang}` followed by `rest` (which starts with `/`).
fn at(lang: Locale, rest: &str) -> String {
    format!("/{}{rest}", lang.code())
}

/// The language of a page's `path` and the rest of the path after it
/// (`/fa/programs` → `(Fa, "/programs")`, `/fa` → `(Fa, "")`); `None`
/// when the path does not start with a language (`/pkg/…`, `/fashion`).
/// The inverse of [`at`].
pub fn split_locale(path: &str) -> Option<(Locale, &str)> {
    let rest = path.strip_prefix('/')?;
    let (code, page) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    Some((Locale::from_code(code)?, page))
}

/// `value` percent-encoded for a query string (RFC 3986 unreserved
/// characters kept).
pub use crate::query::percent_encode as encode_query_value;

/// `?need={id}` when a need is given, else nothing.
fn need_query(need: Option<i32>) -> String {
    need.map(|n| format!("?need={n}")).unwrap_or_default()
}

// ------------------------------------------------------------ transparency

/// The home page: `/{lang}/`.
pub fn home(lang: Locale) -> String {
    at(lang, "/")
}

/// The program list, without filters.
pub fn programs(lang: Locale) -> String {
    at(lang, "/programs")
}

/// A program's public page.
pub fn program(lang: Locale, slug: &str) -> String {
    at(lang, &format!("/programs/{slug}"))
}

/// A center's public page.
pub fn center(lang: Locale, slug: &str) -> String {
    at(lang, &format!("/centers/{slug}"))
}

// ------------------------------------------------------------------ giving

/// A one-time gift to a program, or to one of its needs.
pub fn give(lang: Locale, slug: &str, need: Option<i32>) -> String {
    at(lang, &format!("/give/{slug}{}", need_query(need)))
}

/// A recurring money pledge to a program, or to one of its needs.
pub fn pledge(lang: Locale, slug: &str, need: Option<i32>) -> String {
    at(lang, &format!("/pledge/{slug}{}", need_query(need)))
}

/// An in-kind pledge to a program, or to one of its in-kind needs.
pub fn pledge_items(lang: Locale, slug: &str, need: Option<i32>) -> String {
    at(lang, &format!("/pledge-items/{slug}{}", need_query(need)))
}

/// The donor's own page.
pub fn my_giving(lang: Locale) -> String {
    at(lang, "/my/giving")
}

/// A card gift's receipt, by its payment's unguessable key.
pub fn gift_receipt(lang: Locale, key: &str) -> String {
    at(lang, &format!("/gifts/{key}"))
}

/// Any donation's receipt, by id.
pub fn receipt(lang: Locale, donation_id: i32) -> String {
    at(lang, &format!("/receipts/{donation_id}"))
}

/// A donor's yearly statement in `calendar` (`persian` or `gregorian`).
pub fn statement(lang: Locale, year: i32, calendar: &str) -> String {
    at(
        lang,
        &format!("/my/giving/statement/{year}?calendar={calendar}"),
    )
}

// ---------------------------------------------------------------- accounts

/// Sign-up.
pub fn signup(lang: Locale) -> String {
    at(lang, "/signup")
}

/// Log-in; `next` is the local path to return to.
pub fn login(lang: Locale, next: Option<&str>) -> String {
    match next {
        Some(n) => at(lang, &format!("/login?next={}", encode_query_value(n))),
        None => at(lang, "/login"),
    }
}

/// The emailed link that confirms an address.
pub fn verify_email(lang: Locale, token: &str) -> String {
    at(lang, &format!("/verify-email?token={token}"))
}

/// Asking for a password-reset link.
pub fn forgot_password(lang: Locale) -> String {
    at(lang, "/forgot-password")
}

/// The emailed password-reset link.
pub fn reset_password(lang: Locale, token: &str) -> String {
    at(lang, &format!("/reset-password?token={token}"))
}

/// The account page.
pub fn account(lang: Locale) -> String {
    at(lang, "/account")
}

// ------------------------------------------------------------------- staff

/// The centers one works for.
pub fn my_centers(lang: Locale) -> String {
    at(lang, "/my/centers")
}

/// Registering a new center.
pub fn register_center(lang: Locale) -> String {
    at(lang, "/my/centers/new")
}

/// A center's staff page.
pub fn center_staff(lang: Locale, center_id: i32) -> String {
    at(lang, &format!("/my/centers/{center_id}"))
}

/// A center's audit log.
pub fn center_audit(lang: Locale, center_id: i32) -> String {
    at(lang, &format!("/my/centers/{center_id}/audit"))
}

/// The emailed invitation link.
pub fn invitation(lang: Locale, token: &str) -> String {
    at(lang, &format!("/invitations/accept?token={token}"))
}

/// The platform admin's queue of centers.
pub fn admin_centers(lang: Locale) -> String {
    at(lang, "/admin/centers")
}

/// The platform audit log.
pub fn admin_audit(lang: Locale) -> String {
    at(lang, "/admin/audit")
}

// ------------------------------------------------- giving, as staff see it

/// A center's gifts.
pub fn center_gifts(lang: Locale, center_id: i32) -> String {
    at(lang, &format!("/my/centers/{center_id}/gifts"))
}

// --------------------------------------------------------------- workspace

/// A center's programs in the workspace.
pub fn center_programs(lang: Locale, center_id: i32) -> String {
    at(lang, &format!("/my/centers/{center_id}/programs"))
}

/// One program in the workspace.
pub fn program_workspace(lang: Locale, center_id: i32, program_id: i32) -> String {
    at(
        lang,
        &format!("/my/centers/{center_id}/programs/{program_id}"),
    )
}

/// One need in the workspace.
pub fn need_workspace(lang: Locale, center_id: i32, program_id: i32, need_id: i32) -> String {
    at(
        lang,
        &format!("/my/centers/{center_id}/programs/{program_id}/needs/{need_id}"),
    )
}

// ----------------------------------------------------------- beneficiaries

/// A center's beneficiaries.
pub fn beneficiaries(lang: Locale, center_id: i32) -> String {
    at(lang, &format!("/my/centers/{center_id}/beneficiaries"))
}

/// One beneficiary record.
pub fn beneficiary(lang: Locale, center_id: i32, beneficiary_id: i32) -> String {
    at(
        lang,
        &format!("/my/centers/{center_id}/beneficiaries/{beneficiary_id}"),
    )
}

// ----------------------------------------------------------------- imports

/// A center's imports.
pub fn imports(lang: Locale, center_id: i32) -> String {
    at(lang, &format!("/my/centers/{center_id}/imports"))
}

/// One import job.
pub fn import_job(lang: Locale, center_id: i32, job_id: i32) -> String {
    at(lang, &format!("/my/centers/{center_id}/imports/{job_id}"))
}

// ------------------------------------------- forms that post files (POST)

/// Recording a disbursement of need `need_id` (with its receipt).
pub fn need_disbursements(lang: Locale, center_id: i32, need_id: i32) -> String {
    at(
        lang,
        &format!("/my/centers/{center_id}/needs/{need_id}/disbursements"),
    )
}

/// Recording a delivery of need `need_id` (with its receipt or photo).
pub fn need_deliveries(lang: Locale, center_id: i32, need_id: i32) -> String {
    at(
        lang,
        &format!("/my/centers/{center_id}/needs/{need_id}/deliveries"),
    )
}

/// Setting a program's cover.
pub fn program_cover(lang: Locale, center_id: i32, program_id: i32) -> String {
    at(
        lang,
        &format!("/my/centers/{center_id}/programs/{program_id}/cover"),
    )
}

/// Posting an update to a program (with photos).
pub fn program_updates(lang: Locale, center_id: i32, program_id: i32) -> String {
    at(
        lang,
        &format!("/my/centers/{center_id}/programs/{program_id}/updates"),
    )
}

/// The program list filtered by `query` (an encoded query string, without `?`).
pub fn programs_where(lang: Locale, query: &str) -> String {
    if query.is_empty() {
        programs(lang)
    } else {
        at(lang, &format!("/programs?{query}"))
    }
}

/// `path` with `?{key}={value}` (or `&…` when it has a query already),
/// the value percent-encoded: a notice or an error for the page to show.
pub fn with_query(path: &str, key: &str, value: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{key}={}", encode_query_value(value))
}

/// `next` when it is a path on this site, else `None`: what a log-in (or
/// any redirect taken from a request) may send the browser to.
///
/// A browser's URL parser drops tabs and newlines, treats `\\` as `/`
/// and reads `//host` as another origin (WHATWG URL Standard, "URL
/// parsing"), and a `Location` header holds visible ASCII only (RFC 9110
/// §5.5). So a local path starts with one `/` not followed by another `/`,
/// and is visible ASCII (a path's other characters percent-encoded) with
/// no `\\` (OWASP Unvalidated Redirects and Forwards Cheat Sheet).
pub fn local_path(next: &str) -> Option<&str> {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && next.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    local.then_some(next)
}

/// The router pattern of each page, with a sample address built by this
/// module: the test that checks the router against these functions.
pub fn samples() -> Vec<(&'static str, String)> {
    let l = Locale::Fa;
    vec![
        ("/:lang/", home(l)),
        ("/:lang/programs", programs(l)),
        ("/:lang/programs/:slug", program(l, "s")),
        ("/:lang/centers/:slug", center(l, "s")),
        ("/:lang/give/:slug", give(l, "s", Some(1))),
        ("/:lang/pledge/:slug", pledge(l, "s", None)),
        ("/:lang/pledge-items/:slug", pledge_items(l, "s", None)),
        ("/:lang/my/giving", my_giving(l)),
        ("/:lang/gifts/:key", gift_receipt(l, "k")),
        ("/:lang/receipts/:id", receipt(l, 1)),
        (
            "/:lang/my/giving/statement/:year",
            statement(l, 1404, "persian"),
        ),
        ("/:lang/signup", signup(l)),
        ("/:lang/login", login(l, Some("/fa/account"))),
        ("/:lang/verify-email", verify_email(l, "t")),
        ("/:lang/forgot-password", forgot_password(l)),
        ("/:lang/reset-password", reset_password(l, "t")),
        ("/:lang/account", account(l)),
        ("/:lang/my/centers", my_centers(l)),
        ("/:lang/my/centers/new", register_center(l)),
        ("/:lang/my/centers/:id", center_staff(l, 1)),
        ("/:lang/my/centers/:id/audit", center_audit(l, 1)),
        ("/:lang/my/centers/:id/gifts", center_gifts(l, 1)),
        ("/:lang/my/centers/:id/beneficiaries", beneficiaries(l, 1)),
        (
            "/:lang/my/centers/:id/beneficiaries/:bid",
            beneficiary(l, 1, 2),
        ),
        ("/:lang/my/centers/:id/imports", imports(l, 1)),
        ("/:lang/my/centers/:id/imports/:job", import_job(l, 1, 2)),
        ("/:lang/my/centers/:id/programs", center_programs(l, 1)),
        (
            "/:lang/my/centers/:id/programs/:pid",
            program_workspace(l, 1, 2),
        ),
        (
            "/:lang/my/centers/:id/programs/:pid/needs/:nid",
            need_workspace(l, 1, 2, 3),
        ),
        ("/:lang/invitations/accept", invitation(l, "t")),
        ("/:lang/admin/centers", admin_centers(l)),
        ("/:lang/admin/audit", admin_audit(l)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_splits_into_its_language_and_page() {
        assert_eq!(
            split_locale("/fa/programs/x"),
            Some((Locale::Fa, "/programs/x"))
        );
        assert_eq!(split_locale(&home(Locale::En)), Some((Locale::En, "/")));
        assert_eq!(split_locale("/fa"), Some((Locale::Fa, "")));
        assert_eq!(split_locale("/fashion/x"), None);
        assert_eq!(split_locale("/pkg/nikoo.css"), None);
        assert_eq!(split_locale(""), None);
    }

    #[test]
    fn addresses_start_with_the_language_and_encode_queries() {
        assert_eq!(home(Locale::En), "/en/");
        assert_eq!(
            need_workspace(Locale::Fa, 1, 2, 3),
            "/fa/my/centers/1/programs/2/needs/3"
        );
        assert_eq!(give(Locale::En, "heat", Some(7)), "/en/give/heat?need=7");
        assert_eq!(
            login(Locale::Fa, Some("/fa/my/giving?x=1&y")),
            "/fa/login?next=%2Ffa%2Fmy%2Fgiving%3Fx%3D1%26y"
        );
        assert_eq!(
            with_query(&my_giving(Locale::En), "notice", "pledged"),
            "/en/my/giving?notice=pledged"
        );
        assert_eq!(
            with_query(&statement(Locale::En, 2025, "gregorian"), "error", "a b"),
            "/en/my/giving/statement/2025?calendar=gregorian&error=a%20b"
        );
    }

    #[test]
    fn only_local_paths_are_followed() {
        for ok in [
            "/",
            "/fa/account",
            "/en/my/giving?x=1&y=%2F%2Fz",
            "/fa/programs/%DA%A9",
        ] {
            assert_eq!(local_path(ok), Some(ok), "{ok:?}");
        }
        // Known open-redirect shapes (OWASP; the WHATWG parser drops tabs and
        // newlines and reads a backslash as a slash), and header injection.
        for bad in [
            "",
            "fa/account",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/x\r\nSet-Cookie: a=b",
            "\t//evil.example",
            " /fa/account",
            "/ /evil.example",
            "/fa/\\..\\evil",
            "https://evil.example/",
            "javascript:alert(1)",
            "/\u{202E}lmth.exe",
            "/fa/\u{2066}x",
            "/fa\u{0}",
            "/fa\u{7f}",
            "/fa\u{85}",
            "/fa/programs/کمک",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_sample_matches_its_pattern() {
        for (pattern, path) in samples() {
            let path = path.split('?').next().unwrap_or_default();
            let want: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
            let got: Vec<&str> = path.trim_end_matches('/').split('/').collect();
            assert_eq!(want.len(), got.len(), "{pattern} vs {path}");
            for (w, g) in want.iter().zip(&got) {
                assert!(w.starts_with(':') || w == g, "{pattern} vs {path}");
            }
        }
    }
}
