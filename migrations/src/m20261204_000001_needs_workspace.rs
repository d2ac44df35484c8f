//! Needs as staff run them (issue 5): a priority, an optional deadline,
//! and the reason staff gave when they closed one.

use crate::m20261129_000001_schema_v1::{date_null, text_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let priority = ColumnDef::new(Alias::new("priority"))
            .string()
            .not_null()
            .default("normal")
            .to_owned();
        // SQLite alters one column per statement.
        for col in [priority, date_null("deadline"), text_null("closed_reason")] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("needs"))
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in ["closed_reason", "deadline", "priority"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("needs"))
                        .drop_column(Alias::new(col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
