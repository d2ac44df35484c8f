//! Leases that keep each background job to one runner at a time, across any
//! number of server instances, on SQLite and PostgreSQL alike: a row per
//! job, taken with one conditional `UPDATE` (free when expired, or already
//! ours), so two runners can never both see it as taken by themselves.
//! The same row records the job's last run (started, finished, result).
//! The runner that uses them is the server's (`server/src/jobs.rs`).

use crate::entities::job_lease;
use crate::error::DomainError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Takes (or renews) the lease of job `name` for `holder` until `now + ttl`.
/// Answers whether `holder` now holds it.
///
/// # Errors
/// `Db`.
pub async fn try_lease<C: ConnectionTrait>(
    db: &C,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<bool, DomainError> {
    let row = job_lease::ActiveModel {
        name: Set(name.to_owned()),
        holder: Set(String::new()),
        expires_at: Set(now - Duration::seconds(1)),
        ..Default::default()
    };
    let created = job_lease::Entity::insert(row)
        .on_conflict(
            OnConflict::column(job_lease::Column::Name)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    // 0 when the row was there already, the usual case.
    let _ = created;
    let taken = job_lease::Entity::update_many()
        .col_expr(job_lease::Column::Holder, Expr::value(holder))
        .col_expr(job_lease::Column::ExpiresAt, Expr::value(now + ttl))
        .filter(job_lease::Column::Name.eq(name))
        .filter(
            job_lease::Column::ExpiresAt
                .lte(now)
                .or(job_lease::Column::Holder.eq(holder)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Records that `holder`, which holds the lease of job `name`, starts a run at `now`.
///
/// # Errors
/// `Db`.
pub async fn record_start<C: ConnectionTrait>(
    db: &C,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    job_lease::Entity::update_many()
        .col_expr(job_lease::Column::LastStartedAt, Expr::value(now))
        .filter(job_lease::Column::Name.eq(name))
        .filter(job_lease::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}

/// Records how the run of job `name` by `holder` ended (`result`, e.g.
/// `ok: 2 fell due`) and gives the lease back, in one statement; nothing
/// when `holder` no longer holds it.
///
/// # Errors
/// `Db`.
pub async fn finish<C: ConnectionTrait>(
    db: &C,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
    result: &str,
) -> Result<(), DomainError> {
    job_lease::Entity::update_many()
        .col_expr(job_lease::Column::ExpiresAt, Expr::value(now))
        .col_expr(job_lease::Column::LastFinishedAt, Expr::value(now))
        .col_expr(job_lease::Column::LastResult, Expr::value(result))
        .filter(job_lease::Column::Name.eq(name))
        .filter(job_lease::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives back every lease `holder` still has (a process shutting down).
///
/// # Errors
/// `Db`.
pub async fn release_all<C: ConnectionTrait>(
    db: &C,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    job_lease::Entity::update_many()
        .col_expr(job_lease::Column::ExpiresAt, Expr::value(now))
        .filter(job_lease::Column::Holder.eq(holder))
        .filter(job_lease::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(())
}

/// Every job's lease row (jobs that never ran have none), by name.
///
/// # Errors
/// `Db`.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<job_lease::Model>, DomainError> {
    use sea_orm::QueryOrder;
    Ok(job_lease::Entity::find()
        .order_by_asc(job_lease::Column::Name)
        .all(db)
        .await?)
}

/// Gives the lease of job `name` back, if `holder` has it.
///
/// # Errors
/// `Db`.
pub async fn release<C: ConnectionTrait>(
    db: &C,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    job_lease::Entity::update_many()
        .col_expr(job_lease::Column::ExpiresAt, Expr::value(now))
        .filter(job_lease::Column::Name.eq(name))
        .filter(job_lease::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}
