//! Payment-provider fees (issue 4): what the provider kept of each settled
//! charge, as it reported it (in the currency the charge settled in). The
//! fee itself is a ledger transaction (`fee`); these columns record that
//! the provider was asked, so each charge's fee is read and posted once.

use crate::m20261129_000001_schema_v1::{big_null, text_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for col in [big_null("fee_minor"), text_null("fee_currency")] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("payments"))
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in ["fee_currency", "fee_minor"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("payments"))
                        .drop_column(Alias::new(col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
