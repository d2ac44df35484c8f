//! Shared test helpers. The test app builder: the real router on port 0, against a fresh SQLite
//! file or a fresh PostgreSQL database, with the demo loaded at a fixed time.
#![allow(dead_code, unused_macros)]

/// Runs each named `async fn(Backend)` as two tests: on SQLite and on PostgreSQL.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(super::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::common::skips(super::Backend::Postgres) {
                    return;
                }
                super::$name(super::Backend::Postgres).await
            }
        }
    )*};
}

pub mod browser;
pub mod fake_stripe;
pub mod fixtures;

use chrono::{DateTime, Utc};
use nikoo_app::state::AppState;
use nikoo_domain::sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use nikoo_domain::FixedClock;
use std::net::SocketAddr;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Whether this run leaves out `backend`: `NIKOO_TEST_BACKENDS=sqlite`
/// (quick local runs) leaves out PostgreSQL. Unset, both run (CI).
pub fn skips(backend: Backend) -> bool {
    match std::env::var("NIKOO_TEST_BACKENDS") {
        Ok(list) => !list.split(',').any(|b| {
            b.trim().eq_ignore_ascii_case(match backend {
                Backend::Sqlite => "sqlite",
                Backend::Postgres => "postgres",
            })
        }),
        Err(_) => false,
    }
}

/// The PostgreSQL server the tests use (`NIKOO_TEST_PG`, default the local one).
pub fn pg_admin_url() -> String {
    std::env::var("NIKOO_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// The instant the demo is loaded at and the clock shows.
pub fn test_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-12-03T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn unique_name() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "nikoo_test_{}_{}_{}",
        std::process::id(),
        Utc::now().timestamp_micros(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// A fresh, migrated, empty database.
pub async fn fresh_db(backend: Backend) -> DatabaseConnection {
    let url = match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("nikoo-tests");
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}/{}.db?mode=rwc", dir.display(), unique_name())
        }
        Backend::Postgres => {
            let name = unique_name();
            let admin = Database::connect(format!("{}/postgres", pg_admin_url()))
                .await
                .expect("PostgreSQL answers");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            format!("{}/{name}", pg_admin_url())
        }
    };
    let db = nikoo_domain::db::connect(&url).await.unwrap();
    nikoo_domain::db::migrate(&db).await.unwrap();
    db
}

/// A running app.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: DatabaseConnection,
    pub clock: FixedClock,
    pub http: reqwest::Client,
    /// The app's upload store (in memory).
    pub uploads: nikoo_domain::uploads::UploadStore,
}

impl TestApp {
    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// GET `path`, no redirects followed.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.unwrap()
    }

    /// GET `path` and parse JSON, asserting the status.
    pub async fn json(&self, path: &str, status: u16) -> serde_json::Value {
        let r = self.get(path).await;
        assert_eq!(r.status().as_u16(), status, "GET {path}");
        r.json().await.unwrap()
    }

    /// GET `path` as text, asserting the status.
    pub async fn text(&self, path: &str, status: u16) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status().as_u16(), status, "GET {path}");
        r.text().await.unwrap()
    }
}

/// A fresh database with the demo loaded.
pub async fn demo_db(backend: Backend) -> DatabaseConnection {
    let db = fresh_db(backend).await;
    nikoo_domain::demo::load(&db, test_now(), None)
        .await
        .unwrap();
    db
}

/// Starts the app on a fresh database with the demo loaded.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_on(demo_db(backend).await).await
}

/// The Redis the tests keep sessions in: `NIKOO_TEST_REDIS_URL`, default
/// `redis://127.0.0.1:6379/0`.
pub fn redis_url() -> String {
    std::env::var("NIKOO_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/0".into())
}

/// The settings tests run with: the site at `https://nikoo.test`.
pub fn test_settings() -> nikoo_server::settings::Settings {
    nikoo_server::settings::Settings::for_tests("https://nikoo.test")
}

/// Starts the app on `db` as it is, sessions in the database.
pub async fn spawn_on(db: DatabaseConnection) -> TestApp {
    spawn_with(db, test_settings(), None).await
}

/// Starts the app on `db` as it is, sessions in Redis at `redis_url` when given.
pub async fn spawn_with_sessions(db: DatabaseConnection, redis_url: Option<&str>) -> TestApp {
    spawn_with(db, test_settings(), redis_url).await
}

/// Starts the app on `db` as it is with `settings`, sessions in Redis at
/// `redis_url` when given.
pub async fn spawn_with(
    db: DatabaseConnection,
    settings: nikoo_server::settings::Settings,
    redis_url: Option<&str>,
) -> TestApp {
    let clock = FixedClock::new(test_now());
    let mut state: AppState = nikoo_server::app_state(db.clone(), clock.shared(), &settings);
    state.hasher = nikoo_domain::secrets::PasswordHasher::new(4);
    let store = nikoo_server::sessions::store(&db, redis_url).await.unwrap();
    let app = nikoo_server::router(state, &settings, store);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Served as `nikoo serve` serves: its timeouts and limits included.
    tokio::spawn(nikoo_server::connections::serve(
        listener,
        app,
        std::future::pending(),
    ));
    // A request that hangs fails its test (naming the call) instead of the run.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap();
    TestApp {
        addr,
        db,
        clock,
        http,
        uploads: settings.uploads.clone(),
    }
}

/// Money received on need `need_id` (all currencies): minus its
/// contributions balance in the ledger.
pub async fn received(db: &DatabaseConnection, need_id: i32) -> i64 {
    use nikoo_domain::entities::codes::Account;
    nikoo_domain::ledger::balances(db, None)
        .await
        .unwrap()
        .iter()
        .filter(|b| b.need_id == Some(need_id) && b.account == Account::Contributions)
        .map(|b| -b.amount.expect("a balance within 64 bits"))
        .sum()
}

/// An English-speaking account with `email` (no usable password), linked
/// to donor record `donor_id`.
pub async fn account(
    db: &DatabaseConnection,
    email: &str,
    donor_id: Option<i32>,
) -> nikoo_domain::entities::user::Model {
    use nikoo_domain::sea_orm::{ActiveModelTrait, Set};
    nikoo_domain::entities::user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set("-".into()),
        display_name: Set("Pledger".into()),
        locale: Set("en".into()),
        volunteer: Set(false),
        platform_admin: Set(false),
        donor_id: Set(donor_id),
        created_at: Set(test_now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

/// The installments of pledge `pledge_id`, by number.
pub async fn installments_of(
    db: &DatabaseConnection,
    pledge_id: i32,
) -> Vec<nikoo_domain::entities::installment::Model> {
    use nikoo_domain::entities::installment;
    use nikoo_domain::sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    installment::Entity::find()
        .filter(installment::Column::PledgeId.eq(pledge_id))
        .order_by_asc(installment::Column::Number)
        .all(db)
        .await
        .unwrap()
}

/// The emails to `to` in the outbox, newest first (at most `limit`),
/// rendered as the outbox job sends them for the site at
/// `https://nikoo.test`.
pub async fn emails_to(
    db: &DatabaseConnection,
    to: &str,
    limit: u64,
) -> Vec<nikoo_server::mail::Rendered> {
    nikoo_domain::outbox::list(db, Some(to), limit)
        .await
        .unwrap()
        .iter()
        .map(|e| nikoo_server::mail::render(e, "https://nikoo.test").unwrap())
        .collect()
}

/// Compares `value` with the snapshot `name` in
/// `server/tests/integration/snapshots/` (`insta`; review changes with
/// `INSTA_UPDATE=always` or `cargo insta review`). Both databases must give
/// the same.
pub fn assert_snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name.to_owned(), value));
}
