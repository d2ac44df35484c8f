//! Spending and its evidence (issue 5): files staff upload (receipts,
//! photos, program covers), money disbursed from a program's fund against
//! a need (the ledger holds the money; this row holds what it was for and
//! its receipt), and the receipt or photo of an in-kind delivery.
//! Disbursement rows are append-only, like the ledger they describe.

use crate::m20261129_000001_schema_v1::{
    big, date, fk, flag, id, index, int, int_null, table, text, utc,
};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(table(
                "uploads",
                vec![
                    id("id"),
                    // Unguessable; the object's name in the store and in its URL.
                    text("key"),
                    int("center_id"),
                    text("kind"),
                    text("content_type"),
                    big("size_bytes"),
                    text("sha256"),
                    text("file_name"),
                    flag("public"),
                    int_null("uploaded_by"),
                    utc("created_at"),
                ],
                vec![
                    fk("uploads", "center_id", "centers", "id"),
                    fk("uploads", "uploaded_by", "users", "id"),
                ],
            ))
            .await?;
        manager
            .create_table(table(
                "disbursements",
                vec![
                    id("id"),
                    text("key"),
                    int("program_id"),
                    int("need_id"),
                    int("ledger_transaction_id"),
                    big("amount_minor"),
                    text("currency"),
                    date("paid_on"),
                    text("payee_type"),
                    text("description"),
                    int_null("receipt_upload_id"),
                    int_null("recorded_by"),
                    utc("created_at"),
                ],
                vec![
                    fk("disbursements", "program_id", "programs", "id"),
                    fk("disbursements", "need_id", "needs", "id"),
                    fk(
                        "disbursements",
                        "ledger_transaction_id",
                        "ledger_transactions",
                        "id",
                    ),
                    fk("disbursements", "receipt_upload_id", "uploads", "id"),
                    fk("disbursements", "recorded_by", "users", "id"),
                ],
            ))
            .await?;
        for i in [
            index("uploads", &["key"], true),
            index("uploads", &["center_id"], false),
            index("disbursements", &["key"], true),
            index("disbursements", &["program_id"], false),
            index("disbursements", &["ledger_transaction_id"], true),
        ] {
            manager.create_index(i).await?;
        }
        // SQLite alters one column per statement.
        for (t, col) in [
            ("in_kind_movements", int_null("upload_id")),
            ("in_kind_movements", int_null("recorded_by")),
            ("programs", int_null("cover_upload_id")),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(t))
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER disbursements_no_{o} BEFORE {op} ON disbursements \
                         BEGIN SELECT RAISE(ABORT, 'disbursements is append-only'); END;",
                        o = op.to_lowercase()
                    ))
                    .await?;
                }
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER disbursements_append_only BEFORE UPDATE OR DELETE ON disbursements \
                     FOR EACH ROW EXECUTE FUNCTION nikoo_append_only();",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (t, col) in [
            ("programs", "cover_upload_id"),
            ("in_kind_movements", "recorded_by"),
            ("in_kind_movements", "upload_id"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(t))
                        .drop_column(Alias::new(col))
                        .to_owned(),
                )
                .await?;
        }
        for t in ["disbursements", "uploads"] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
