//! Emails rendered when they are sent (issue 13): an outbox row keeps the
//! email's template, its recipient's language and its parameters (JSON),
//! and the server renders the subject and text from them at delivery. Rows
//! written before keep their stored subject and text.

use crate::m20261129_000001_schema_v1::text_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns added to `outbox_emails`, in order.
const COLUMNS: [&str; 3] = ["template", "locale", "params"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for col in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("outbox_emails"))
                        .add_column(text_null(col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in COLUMNS.iter().rev() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("outbox_emails"))
                        .drop_column(Alias::new(*col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
