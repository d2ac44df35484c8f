//! When a pledge was cancelled (issue 16): a donor who cancelled by mistake
//! may undo it within a day (`nikoo_domain::giving::pledges::UNDO_HOURS`).
//! UTC; empty for pledges cancelled before this migration.

use crate::m20261130_000001_accounts::utc_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("pledges"))
                    .add_column(utc_null("cancelled_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("pledges"))
                    .drop_column(Alias::new("cancelled_at"))
                    .to_owned(),
            )
            .await
    }
}
