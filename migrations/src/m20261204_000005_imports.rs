//! Imports (issue 5): a file of offline donations or beneficiaries a
//! center's staff uploaded, its column mapping, its last dry run's result
//! and, once imported, what was recorded.

use crate::m20261129_000001_schema_v1::{fk, id, index, int, int_null, table, text, utc};
use crate::m20261130_000001_accounts::utc_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let long = |name: &str| {
            ColumnDef::new(Alias::new(name))
                .text()
                .not_null()
                .to_owned()
        };
        manager
            .create_table(table(
                "import_jobs",
                vec![
                    id("id"),
                    int("center_id"),
                    text("kind"),
                    text("file_name"),
                    ColumnDef::new(Alias::new("file_bytes"))
                        .binary()
                        .not_null()
                        .to_owned(),
                    text("checked_lang"),
                    long("headers_json"),
                    long("mapping_json"),
                    text("status"),
                    int("rows"),
                    int("error_rows"),
                    long("errors_json"),
                    int("created"),
                    int("already"),
                    int_null("created_by"),
                    utc("created_at"),
                    utc_null("finished_at"),
                ],
                vec![
                    fk("import_jobs", "center_id", "centers", "id"),
                    fk("import_jobs", "created_by", "users", "id"),
                ],
            ))
            .await?;
        manager
            .create_index(index("import_jobs", &["center_id"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new("import_jobs")).to_owned())
            .await
    }
}
