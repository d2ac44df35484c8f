//! Nikoo's schema as SeaORM migrations: the one source of the schema, run
//! unchanged on SQLite and PostgreSQL. Migrations are append-only: a landed
//! migration is never edited; a change is a new migration.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_schema_v1;
mod m20261129_000002_geography;
mod m20261130_000001_accounts;
mod m20261201_000001_payments;
mod m20261201_000002_installments;
mod m20261202_000001_receipts;
mod m20261202_000002_offline_installments;
mod m20261203_000001_fees;
mod m20261204_000001_needs_workspace;
mod m20261204_000002_spending;
mod m20261204_000003_beneficiaries;
mod m20261204_000004_updates;
mod m20261204_000005_imports;
mod m20261207_000001_job_runs;
mod m20261207_000002_outbox_templates;
mod m20261207_000003_corrections;
mod m20261208_000001_form_keys;
mod m20261208_000002_pledge_cancelled_at;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_schema_v1::Migration),
            Box::new(m20261129_000002_geography::Migration),
            Box::new(m20261130_000001_accounts::Migration),
            Box::new(m20261201_000001_payments::Migration),
            Box::new(m20261201_000002_installments::Migration),
            Box::new(m20261202_000001_receipts::Migration),
            Box::new(m20261202_000002_offline_installments::Migration),
            Box::new(m20261203_000001_fees::Migration),
            Box::new(m20261204_000001_needs_workspace::Migration),
            Box::new(m20261204_000002_spending::Migration),
            Box::new(m20261204_000003_beneficiaries::Migration),
            Box::new(m20261204_000004_updates::Migration),
            Box::new(m20261204_000005_imports::Migration),
            Box::new(m20261207_000001_job_runs::Migration),
            Box::new(m20261207_000002_outbox_templates::Migration),
            Box::new(m20261207_000003_corrections::Migration),
            Box::new(m20261208_000001_form_keys::Migration),
            Box::new(m20261208_000002_pledge_cancelled_at::Migration),
        ]
    }
}
