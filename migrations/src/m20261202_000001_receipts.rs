//! Receipt numbers (issue 4): every donation gets the next number of the
//! center that received it, 1, 2, 3, … per center, never reused. The
//! counter row of each center is bumped by one upsert on the donation's
//! transaction (PostgreSQL locks the row until commit; SQLite's write lock
//! is already held), and a unique index on (center, number) guards it.
//! Donations recorded before this migration are numbered in id order.

use crate::m20261129_000001_schema_v1::{fk, index, int, int_null, table};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table(
                    "receipt_counters",
                    vec![
                        int("center_id").primary_key().to_owned(),
                        int("last_number"),
                    ],
                    vec![fk("receipt_counters", "center_id", "centers", "id")],
                )
                .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER.
        for column in ["center_id", "receipt_number"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("donations"))
                        .add_column(int_null(column))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE donations SET center_id = \
             (SELECT p.center_id FROM programs p WHERE p.id = donations.program_id)",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE donations SET receipt_number = \
             (SELECT COUNT(*) FROM donations d WHERE d.center_id = donations.center_id \
              AND d.id <= donations.id)",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO receipt_counters (center_id, last_number) \
             SELECT center_id, MAX(receipt_number) FROM donations GROUP BY center_id",
        )
        .await?;
        manager
            .create_index(index("donations", &["center_id", "receipt_number"], true))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_donations_center_id_receipt_number")
                    .table(Alias::new("donations"))
                    .to_owned(),
            )
            .await?;
        for column in ["receipt_number", "center_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("donations"))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new("receipt_counters"))
                    .to_owned(),
            )
            .await
    }
}
