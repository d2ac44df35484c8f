//! The session store and the session rules: sessions live in Redis when
//! `REDIS_URL` is set (each key expiring with its session), else in the
//! application's database (SQLite or PostgreSQL, tables made by the store's
//! own migration, expired rows swept by `ExpiredDeletion`); the cookie is `HttpOnly`, `SameSite=Lax`, `Path=/`, no
//! `Domain`, and `Secure` with the `__Host-` prefix under https; sessions end
//! after an idle timeout and, regardless of activity, an absolute lifetime.

use crate::settings::Settings;
use async_trait::async_trait;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use nikoo_app::auth::{AuthSession, SIGNED_IN_AT};
use nikoo_domain::clock::SharedClock;
use nikoo_domain::sea_orm::DatabaseConnection;
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_redis_store::fred::prelude::{ClientLike, Config as RedisConfig, Pool};
use tower_sessions_redis_store::RedisStore;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// Connections in the Redis pool (fred multiplexes commands on each).
const REDIS_POOL_SIZE: usize = 4;

/// The session store: Redis when configured, else whichever database the server runs on.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
    Redis(RedisStore<Pool>),
}

/// The store: in Redis at `redis_url` (e.g. `redis://127.0.0.1:6379/0`) when
/// given, else on `db`'s pool with its tables created if missing.
///
/// # Errors
/// A bad Redis URL, an unreachable Redis, or the database's error.
pub async fn store(
    db: &DatabaseConnection,
    redis_url: Option<&str>,
) -> Result<Store, Box<dyn std::error::Error + Send + Sync>> {
    use nikoo_domain::sea_orm::{ConnectionTrait, DbBackend};
    if let Some(url) = redis_url {
        let pool = Pool::new(
            RedisConfig::from_url(url)?,
            None,
            None,
            None,
            REDIS_POOL_SIZE,
        )?;
        pool.init().await?;
        return Ok(Store::Redis(RedisStore::new(pool)));
    }
    let store = match db.get_database_backend() {
        DbBackend::Postgres => Store::Postgres(PostgresStore::new(
            db.get_postgres_connection_pool().clone(),
        )),
        _ => Store::Sqlite(SqliteStore::new(db.get_sqlite_connection_pool().clone())),
    };
    match &store {
        Store::Sqlite(s) => s.migrate().await?,
        Store::Postgres(s) => s.migrate().await?,
        Store::Redis(_) => {}
    }
    Ok(store)
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
            Store::Redis(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
            Store::Redis(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s) => s.load(id).await,
            Store::Redis(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
            Store::Redis(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete_expired().await,
            Store::Postgres(s) => s.delete_expired().await,
            // Redis expires each session's key by itself.
            Store::Redis(_) => Ok(()),
        }
    }
}

/// The session cookie's name: `__Host-nikoo_session` under https, else `nikoo_session`
/// (both listed in `csrf::SESSION_COOKIES`).
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-nikoo_session"
    } else {
        "nikoo_session"
    }
}

/// The session layer with Nikoo's cookie and idle timeout.
pub fn layer(store: Store, settings: &Settings) -> SessionManagerLayer<Store> {
    let https = settings.is_https();
    SessionManagerLayer::new(store)
        .with_name(cookie_name(https))
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::minutes(settings.session_idle_minutes),
        ))
}

/// Middleware (inside the auth layer): a session signed in longer ago than
/// `max_hours` is emptied on the server and treated as anonymous.
pub async fn absolute_lifetime(
    max_hours: i64,
    clock: SharedClock,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(session) = req.extensions().get::<Session>().cloned() {
        if let Ok(Some(at)) = session.get::<i64>(SIGNED_IN_AT).await {
            if clock.now().timestamp() - at > max_hours * 3600 {
                let _ = session.flush().await;
                if let Some(auth) = req.extensions_mut().get_mut::<AuthSession>() {
                    auth.user = None;
                }
            }
        }
    }
    next.run(req).await
}
