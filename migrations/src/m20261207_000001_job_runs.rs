//! Background jobs (issue 12): each job's lease row also records its last
//! run, so `nikoo jobs list` and operators see when each job last ran and
//! how it ended; an email being sent is claimed until a time, so no other
//! sender sends it meanwhile. Times are UTC.

use crate::m20261129_000001_schema_v1::text_null;
use crate::m20261130_000001_accounts::utc_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns added to `job_leases`, in order.
const COLUMNS: [&str; 3] = ["last_started_at", "last_finished_at", "last_result"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for col in [
            utc_null(COLUMNS[0]),
            utc_null(COLUMNS[1]),
            text_null(COLUMNS[2]),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("job_leases"))
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox_emails"))
                    .add_column(utc_null("claimed_until"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox_emails"))
                    .drop_column(Alias::new("claimed_until"))
                    .to_owned(),
            )
            .await?;
        for col in COLUMNS.iter().rev() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("job_leases"))
                        .drop_column(Alias::new(*col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
