//! The one table of the routes that are not Leptos pages or server
//! functions. The router registers each through [`listed`], which refuses
//! a path missing here, and the authorization matrix test reads this table,
//! so no route can be added without a stated access rule.

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone; public data only.
    Public,
    /// Authenticated by a signature over the body (the payment webhook):
    /// no session, exempt from the CSRF check, 400 without a valid signature.
    Signed,
    /// Decided by the policy per object, as the README's table says (a
    /// private upload to its center's staff; a workspace form to the roles
    /// that may make its change).
    Policy,
}

/// A route: method, path (axum syntax) and access rule.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

const fn public(path: &'static str) -> RouteSpec {
    RouteSpec {
        method: "GET",
        path,
        access: Access::Public,
    }
}

/// Every non-page route.
pub const ROUTES: &[RouteSpec] = &[
    public("/"),
    public("/fa"),
    public("/en"),
    public("/{lang}/"),
    public("/favicon.svg"),
    public("/pkg/{*file}"),
    public("/fonts/{*file}"),
    public("/illustrations/{*file}"),
    public("/healthz"),
    public("/api/v1/programs"),
    public("/api/v1/programs/{slug}"),
    public("/api/v1/centers/{slug}"),
    RouteSpec {
        method: "POST",
        path: "/webhooks/stripe",
        access: Access::Signed,
    },
    policy("GET", "/uploads/{key}"),
    policy("POST", "/{lang}/my/centers/{id}/needs/{nid}/disbursements"),
    policy("POST", "/{lang}/my/centers/{id}/needs/{nid}/deliveries"),
    policy("POST", "/{lang}/my/centers/{id}/programs/{pid}/cover"),
    policy("POST", "/{lang}/my/centers/{id}/programs/{pid}/updates"),
    policy("POST", "/{lang}/my/centers/{id}/imports"),
];

const fn policy(method: &'static str, path: &'static str) -> RouteSpec {
    RouteSpec {
        method,
        path,
        access: Access::Policy,
    }
}

/// `path` (under `prefix`), checked against [`ROUTES`].
///
/// # Panics
/// When the route is not in the table: a route without an access rule is a bug.
pub fn listed<'a>(prefix: &str, path: &'a str) -> &'a str {
    let full = format!("{prefix}{path}");
    assert!(
        ROUTES.iter().any(|r| r.path == full),
        "route {full} is not in server::routes::ROUTES"
    );
    path
}
