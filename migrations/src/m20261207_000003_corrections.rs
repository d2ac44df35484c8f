//! Corrections by staff (issue 14): a mistaken cash or bank-transfer gift
//! is reversed (its ledger transaction reversed, the donation marked with
//! when, by whom and why); goods recorded as received by mistake are
//! reversed by a movement of the opposite quantity naming the one it
//! reverses (movements are append-only); a pledge cancelled by the
//! receiving center or a platform admin keeps who did it and why.
//! Times are UTC.

use crate::m20261129_000001_schema_v1::{index, int_null, text_null};
use crate::m20261130_000001_accounts::utc_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(table, column)` added, in order.
const COLUMNS: [(&str, &str); 6] = [
    ("donations", "reversed_at"),
    ("donations", "reversed_by"),
    ("donations", "reversal_reason"),
    ("in_kind_movements", "reverses_id"),
    ("pledges", "cancelled_by"),
    ("pledges", "cancellation_reason"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for (table, col) in COLUMNS {
            let def = match col {
                "reversed_at" => utc_null(col),
                "reversed_by" | "reverses_id" | "cancelled_by" => int_null(col),
                _ => text_null(col),
            };
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(def)
                        .to_owned(),
                )
                .await?;
        }
        // A movement is reversed at most once.
        manager
            .create_index(index("in_kind_movements", &["reverses_id"], true))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_in_kind_movements_reverses_id")
                    .table(Alias::new("in_kind_movements"))
                    .to_owned(),
            )
            .await?;
        for (table, col) in COLUMNS.iter().rev() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(*table))
                        .drop_column(Alias::new(*col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
