//! The site's static files: the style sheet, script and WebAssembly under
//! `/pkg/`, the fonts under `/fonts/`, the category illustrations under
//! `/illustrations/`, and the favicon.
//!
//! A release build (`cargo leptos build --release --precompress`, as
//! `scripts/run` does) names each `/pkg/` file by its content's hash and
//! writes brotli and gzip copies beside it, so the server sends the
//! precompressed copy the browser accepts and never compresses a static
//! file per request, and a browser keeps each file a year without asking
//! again (a changed file has a new name). Without the hash file
//! (`cargo test`'s in-process servers) the names are plain and browsers
//! must revalidate.
//!
//! Source for the header values: RFC 9111 §5.2.2 and RFC 8246
//! (`immutable`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// A hashed file's `Cache-Control`: a year (RFC 9111's usual "never
/// expires"), never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// An unhashed file's `Cache-Control`, and a public page's: kept, but
/// revalidated before use.
pub const REVALIDATE: &str = "no-cache";

/// The `Cache-Control` of the favicon and the illustrations: a day (their
/// names never change).
pub const FAVICON: &str = "public, max-age=86400";

/// The name of the file in which cargo-leptos lists the content hashes of
/// the `/pkg/` files (`hash-files = true`), written beside the server
/// binary and read there by Leptos (`LeptosOptions::hash_file`).
pub const HASH_FILE: &str = "hash.txt";

/// Whether this binary was built with hashed static files: cargo-leptos
/// wrote [`HASH_FILE`] beside it.
pub fn hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)))
        .is_some_and(|path| path.is_file())
}

/// Logs an error at start when pages would name files the site folder
/// does not hold: hashed files without the [`HASH_FILE`] beside this
/// binary (a deployment that left it behind), or no `pkg/` at all.
pub fn check_site(site_root: &str) {
    let pkg = std::path::Path::new(site_root).join("pkg");
    if !pkg.is_dir() {
        tracing::error!(
            site_root,
            "no pkg/ in the site folder: pages will have no style sheet (LEPTOS_SITE_ROOT)"
        );
    } else if !hashed() && !pkg.join("nikoo.css").is_file() {
        tracing::error!(
            site_root,
            "the site's files carry content hashes but {HASH_FILE} is not beside this binary: copy it from the build"
        );
    }
}

/// The routes of the static files under `site_root`; `hashed`: whether the
/// `/pkg/` names carry content hashes ([`hashed`]).
pub fn routes(site_root: &str, hashed: bool) -> Router {
    let pkg_cache = if hashed { IMMUTABLE } else { REVALIDATE };
    let pkg = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip();
    let favicon = ServeFile::new(format!("{site_root}/favicon.svg"));
    Router::new()
        .route_service(crate::routes::listed("", "/pkg/{*file}"), pkg)
        .layer(cache_control(pkg_cache))
        .merge(
            // The fonts' folder names the font's version
            // (`public/fonts/vazirmatn-5.3.0/`, scripts/vendor-assets.sh):
            // a new version is a new name, so they never change.
            Router::new()
                .route_service(
                    crate::routes::listed("", "/fonts/{*file}"),
                    ServeDir::new(site_root),
                )
                .layer(cache_control(IMMUTABLE)),
        )
        .merge(
            Router::new()
                .route_service(crate::routes::listed("", "/favicon.svg"), favicon)
                .route_service(
                    crate::routes::listed("", "/illustrations/{*file}"),
                    ServeDir::new(site_root),
                )
                .layer(cache_control(FAVICON)),
        )
}

/// Sets `Cache-Control: value` on a found file (not on a 404: a missing
/// file may appear with the next release).
fn cache_control(
    value: &'static str,
) -> SetResponseHeaderLayer<impl Fn(&Response) -> Option<HeaderValue> + Clone> {
    SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, move |r: &Response| {
        let found = r.status().is_success() || r.status() == StatusCode::NOT_MODIFIED;
        found.then(|| HeaderValue::from_static(value))
    })
}

/// Which responses the server compresses as it sends them: tower-http's
/// defaults (not images, not tiny bodies), and never WebAssembly: a
/// release build's is precompressed (and a response with a
/// `Content-Encoding` is left alone), a debug build's is tens of
/// megabytes that would cost seconds of CPU per request.
pub fn compress_when() -> impl Predicate {
    DefaultPredicate::new().and(NotForContentType::const_new("application/wasm"))
}
