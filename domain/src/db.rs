//! Opening the database (SQLite file or PostgreSQL) and migrating it.

use nikoo_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// The default database: a SQLite file under `./data/`, created if missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/nikoo.db?mode=rwc";

/// Connects to `url` (`sqlite://…` or `postgres://…`). For a SQLite file the
/// parent folder is created; foreign keys are enforced (sqlx's default) and WAL is on.
///
/// # Errors
/// [`DbErr`] when the database cannot be reached or the folder created.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file_path(url) {
        let path = std::path::Path::new(&path);
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| DbErr::Custom(format!("creating {}: {e}", parent.display())))?;
            }
        }
        // Owner-only before SQLite opens it: its WAL and shared-memory
        // files take the database file's permissions.
        crate::owner_only::file(path)
            .map_err(|e| DbErr::Custom(format!("creating {}: {e}", path.display())))?;
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(if url.starts_with("sqlite") { 8 } else { 16 })
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    let db = Database::connect(opts).await?;
    // sqlx turns SQLite's foreign keys on and sets a 5 s busy timeout on
    // every pooled connection; WAL is a property of the file, set once.
    if sqlite_file_path(url).is_some() {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA journal_mode = WAL;").await?;
    }
    Ok(db)
}

/// Applies every pending migration.
///
/// # Errors
/// [`DbErr`] from a failing migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Begins a transaction that will write. On SQLite it takes the write lock
/// at once (a no-op write as its first statement), so it waits its turn
/// (busy timeout) instead of failing with "database is locked" when
/// another writer commits between its first read and its first write.
///
/// # Errors
/// [`DbErr`] when the database cannot begin or lock.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let txn = db.begin().await?;
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        txn.execute_unprepared("DELETE FROM auth_attempts WHERE 1 = 0")
            .await?;
    }
    Ok(txn)
}

/// The file path of a `sqlite://PATH?…` URL, or `None` for memory or another backend.
fn sqlite_file_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        None
    } else {
        Some(path.to_owned())
    }
}

/// The rows of entity `E` whose `column` is one of `ids`, by that value
/// (`key` reads it from a row): one query for what a list page would
/// otherwise look up row by row.
///
/// # Errors
/// The database's error.
pub async fn rows_by<E, C>(
    db: &C,
    column: E::Column,
    ids: impl IntoIterator<Item = i32>,
    key: impl Fn(&E::Model) -> i32,
) -> Result<std::collections::HashMap<i32, E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter};
    let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    Ok(E::find()
        .filter(column.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (key(&row), row))
        .collect())
}

/// `select` with its rows locked until the transaction ends on
/// PostgreSQL (`SELECT … FOR UPDATE`); SQLite's write transactions
/// (`begin_write`) already run one at a time, so it is unchanged there.
pub fn for_update<E, C>(db: &C, select: sea_orm::Select<E>) -> sea_orm::Select<E>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::QuerySelect;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        select.lock_exclusive()
    } else {
        select
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths() {
        assert_eq!(
            sqlite_file_path("sqlite://data/nikoo.db?mode=rwc").as_deref(),
            Some("data/nikoo.db")
        );
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://x/y"), None);
    }
}
