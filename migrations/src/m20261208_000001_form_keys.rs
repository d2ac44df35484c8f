//! Idempotency keys of forms (issue 16): every form a page renders carries
//! a fresh key, and the server records each key it accepted, so a form
//! sent twice (a double click, a refresh or "back" after a post) is done
//! once. Rows are kept two days (the `form-keys` job deletes older ones).
//! Times are UTC.

use crate::m20261129_000001_schema_v1::{index, utc};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("form_keys"))
                    .col(
                        ColumnDef::new(Alias::new("key"))
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(utc("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("form_keys", &["created_at"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new("form_keys")).to_owned())
            .await
    }
}
