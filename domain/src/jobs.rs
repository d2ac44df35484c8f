//! Leases that keep each background job to one runner at a time, across any
//! number of server instances, on SQLite and PostgreSQL alike: a row per
//! job, taken with one conditional `UPDATE` (free when expired, or already
//! ours), so two runners can never both see it as taken by themselves.

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
    };
    let created = job_lease::Entity::insert(row)
        .on_conflict(
            OnConflict::column(job_lease::Column::Name)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
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
