//! The Nikoo server: settings, router, public API, health check and the
//! commands of the `nikoo` binary. No business rules here: they are in
//! `nikoo_domain`.
// The page types (islands nested in `Suspense`) are deeper than the
// default limit of 128 when the router lays them out.
#![recursion_limit = "256"]

pub mod api;
pub mod cli;
pub mod client_address;
pub mod connections;
pub mod cookies;
pub mod csrf;
pub mod files;
pub mod form_keys;
pub mod health;
pub mod import_cli;
pub mod jobs;
pub mod locale_routing;
pub mod mail;
pub mod payments;
pub mod routes;
pub mod security_headers;
pub mod sessions;
pub mod settings;
pub mod static_files;

use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use nikoo_app::state::AppState;
use nikoo_app::{shell, App};
use nikoo_domain::clock::{SharedClock, SystemClock};
use nikoo_domain::sea_orm::DatabaseConnection;
use settings::Settings;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

/// Logs to standard error; `RUST_LOG` filters (default `info`).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Connects to the configured database and applies pending migrations.
///
/// # Errors
/// The database's error when it cannot be reached or migrated.
pub async fn open_database(
    settings: &Settings,
) -> Result<DatabaseConnection, nikoo_domain::sea_orm::DbErr> {
    let db = nikoo_domain::db::connect(&settings.database_url).await?;
    nikoo_domain::db::migrate(&db).await?;
    Ok(db)
}

/// Loads the demo data with the system clock.
///
/// # Errors
/// The domain's error.
pub async fn seed_demo(
    db: &DatabaseConnection,
    json: Option<&str>,
) -> Result<nikoo_domain::demo::SeedReport, nikoo_domain::DomainError> {
    use nikoo_domain::Clock;
    nikoo_domain::demo::load(db, SystemClock.now(), json).await
}

/// The Leptos options: output name `nikoo`, assets under `site_root`,
/// hashed file names when the build wrote its hash file
/// ([`static_files::hashed`]).
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("nikoo")
        .site_root(settings.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(settings.addr)
        .hash_files(static_files::hashed())
        .hash_file(static_files::HASH_FILE.into())
        .build()
}

/// The application state for `db` with the system clock.
pub fn app_state(db: DatabaseConnection, clock: SharedClock, settings: &Settings) -> AppState {
    AppState {
        db,
        clock,
        hasher: nikoo_domain::secrets::PasswordHasher::default(),
        public_url: settings.public_url.clone(),
        payments: payment_provider(settings),
        uploads: settings.uploads.clone(),
        data_keys: settings.data_keys.clone(),
        imports: nikoo_domain::imports::ImportProgress::default(),
    }
}

/// What the background jobs of `state` work with: its database, clock
/// and payment provider, the SMTP transport and the grace period of
/// `settings`.
pub fn job_context(state: &AppState, settings: &Settings) -> jobs::JobContext {
    jobs::JobContext {
        db: state.db.clone(),
        clock: state.clock.clone(),
        payments: state.payments.clone(),
        mailer: mail::Smtp::from_settings(settings),
        public_url: settings.public_url.clone(),
        grace_days: settings.installment_grace_days,
    }
}

/// Stripe when its keys are set, else no card payments.
fn payment_provider(settings: &Settings) -> nikoo_domain::giving::payments::SharedProvider {
    let s = settings.stripe.as_ref()?;
    match payments::stripe::Stripe::new(
        &s.secret_key,
        &s.publishable_key,
        &s.api_base,
        &s.js_url,
        payments::stripe::TIMEOUT,
    ) {
        Ok(p) => Some(Arc::new(p)),
        Err(e) => {
            tracing::error!(error = %e, "Stripe settings are unusable: card giving is off");
            None
        }
    }
}

/// The Leptos pages of [`App`], listed once per process.
///
/// Listing renders the app with resource loading suppressed by a
/// process-wide flag, so a page whose resources first poll while another
/// listing runs would wait forever (leptos issue #4773). Listing once,
/// before any router exists, keeps every later render clear of it, also
/// when tests build many routers in one process.
pub fn page_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as an axum router, its sessions in `store`.
pub fn router(state: AppState, settings: &Settings, store: sessions::Store) -> Router {
    let options = leptos_options(settings);
    let hashed = options.hash_files;
    let headers = Arc::new(security_headers::HeaderSettings {
        hsts: settings.is_https(),
        stripe_origins: settings.card_form_origins(),
    });
    let auth = axum_login::AuthManagerLayerBuilder::new(
        nikoo_app::auth::Backend {
            db: state.db.clone(),
        },
        sessions::layer(store, settings),
    )
    .build();
    let lifetime = {
        let (max, clock) = (settings.session_max_hours, state.clock.clone());
        move |req, next| sessions::absolute_lifetime(max, clock.clone(), req, next)
    };
    let routes = page_routes();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let app_shell = {
        let options = options.clone();
        move || shell(options.clone())
    };
    // The home page's canonical URL is `/{lang}/`; the router knows it as
    // `/{lang}`, so the slash form gets its own route, rendered the same way.
    let home = leptos_axum::render_app_async_with_context(context.clone(), app_shell.clone());
    let pages = Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), app_shell)
        .route(routes::listed("", "/{lang}/"), axum::routing::get(home))
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(options)
        // Server functions read their whole body: bound it (413 beyond).
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            SERVER_FN_BODY_BYTES,
        ));
    let keys_state = state.clone();
    // Files at the site root need their own routes: `/{lang}` would take them.
    Router::new()
        .merge(static_files::routes(&settings.site_root, hashed))
        .merge(locale_routing::routes())
        .merge(health::routes(state.clone()))
        .route(
            routes::listed("", "/webhooks/stripe"),
            axum::routing::post(payments::webhook::receive).with_state(
                payments::webhook::WebhookState {
                    db: state.db.clone(),
                    clock: state.clock.clone(),
                    secret: settings
                        .stripe
                        .as_ref()
                        .and_then(|s| s.webhook_secret.as_deref())
                        .map(Arc::from),
                },
            ),
        )
        .merge(files::routes(state.clone()))
        .nest("/api/v1", api::routes(state))
        .merge(pages)
        // A form sent twice is done once (`form_keys`).
        .layer(axum::middleware::from_fn_with_state(
            keys_state,
            form_keys::once,
        ))
        .layer(axum::middleware::from_fn(locale_routing::remember_locale))
        .layer(axum::middleware::from_fn(
            locale_routing::trim_trailing_slash,
        ))
        .layer(axum::middleware::from_fn(lifetime))
        .layer(auth)
        .layer(axum::middleware::from_fn({
            let trusted: Arc<[std::net::IpAddr]> = settings.trusted_proxies.clone().into();
            move |req, next| client_address::resolve(trusted.clone(), req, next)
        }))
        .layer(axum::middleware::from_fn(csrf::guard))
        .layer(axum::middleware::from_fn(move |req, next| {
            security_headers::add(headers.clone(), req, next)
        }))
        .layer(CompressionLayer::new().compress_when(static_files::compress_when()))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            BODY_IDLE_TIMEOUT,
        ))
}

/// The largest request body a page or server function takes: 1 MiB (the
/// longest form, a program's two Markdown descriptions, is far smaller;
/// the file routes set their own limits).
pub const SERVER_FN_BODY_BYTES: usize = 1024 * 1024;

/// How long a request may take, its body included, before it is answered
/// 408 and dropped: 300 s. The largest form, an update with six photos of
/// 5 MiB, takes about 4 minutes to send at 1 Mbit/s from a phone in a
/// remote county; a client trickling a body holds a connection no longer.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

/// How long a request's body may stall (no bytes arriving) before its
/// reading fails and the request is refused: 30 s, as nginx's
/// `client_body_timeout` is 60 s between reads; a stalled upload frees
/// its connection long before [`REQUEST_TIMEOUT`].
pub const BODY_IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Migrates, loads the demo when `seed` is set and the database has no
/// centers yet, and serves (with the background jobs) until Ctrl-C or
/// SIGTERM; then requests in flight finish, the jobs' runs in progress
/// end (for at most [`SHUTDOWN_GRACE`], within the 10 s service managers
/// and container runtimes commonly allow) and their leases are given back.
///
/// # Errors
/// Database, seeding or socket errors.
pub async fn serve(settings: Settings, seed: bool) -> Result<(), Box<dyn std::error::Error>> {
    let db = open_database(&settings).await?;
    if seed {
        use nikoo_domain::Clock;
        match nikoo_domain::demo::load_into_empty(&db, SystemClock.now()).await? {
            Some(report) => tracing::info!(?report, "demo data loaded"),
            None => tracing::info!("database is not empty: demo not loaded"),
        }
    }
    let clock: SharedClock = Arc::new(SystemClock);
    let store = sessions::store(&db, settings.redis_url.as_deref())
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn({
        use tower_sessions::session_store::ExpiredDeletion;
        store
            .clone()
            .continuously_delete_expired(std::time::Duration::from_secs(600))
    });
    let state = app_state(db, clock, &settings);
    let runner = jobs::Runner::new(job_context(&state, &settings));
    let (stop_jobs, shutdown) = tokio::sync::watch::channel(false);
    let job_loops = runner.spawn(shutdown);
    static_files::check_site(&settings.site_root);
    let app = router(state, &settings, store);
    let listener = tokio::net::TcpListener::bind(settings.addr).await?;
    tracing::info!("listening on http://{}", settings.addr);
    connections::serve(listener, app, async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests and background jobs");
        let _ = stop_jobs.send(true);
    })
    .await?;
    runner.stop(job_loops, SHUTDOWN_GRACE).await?;
    Ok(())
}

/// How long a shutting-down server waits for the background jobs' runs in
/// progress before giving their leases back anyway.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(8);

/// Resolves at Ctrl-C or, on Unix, SIGTERM (what service managers send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
