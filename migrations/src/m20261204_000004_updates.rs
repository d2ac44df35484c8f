//! Updates (issue 5): reports a center posts to a program's donors, with
//! photos, shown on the program page and emailed (through the outbox) to
//! the program's donors who asked for them: an account's setting, or a
//! guest's choice when giving (with the language to write in).

use crate::m20261129_000001_schema_v1::{
    fk, flag, id, index, int, int_null, long_text_null, table, text, text_null, utc,
};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            table(
                "program_updates",
                vec![
                    id("id"),
                    int("program_id"),
                    text("title_fa"),
                    text_null("title_en"),
                    long_text_null("body_fa"),
                    long_text_null("body_en"),
                    int_null("author_id"),
                    int("emailed"),
                    utc("published_at"),
                ],
                vec![
                    fk("program_updates", "program_id", "programs", "id"),
                    fk("program_updates", "author_id", "users", "id"),
                ],
            ),
            table(
                "program_update_photos",
                vec![
                    id("id"),
                    int("update_id"),
                    int("upload_id"),
                    int("position"),
                ],
                vec![
                    fk(
                        "program_update_photos",
                        "update_id",
                        "program_updates",
                        "id",
                    ),
                    fk("program_update_photos", "upload_id", "uploads", "id"),
                ],
            ),
        ] {
            manager.create_table(t).await?;
        }
        for i in [
            index("program_updates", &["program_id"], false),
            index("program_update_photos", &["update_id"], false),
        ] {
            manager.create_index(i).await?;
        }
        // SQLite alters one column per statement.
        for (t, col) in [
            ("users", flag("wants_updates")),
            ("donors", flag("wants_updates")),
            ("donors", text_null("locale")),
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
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (t, col) in [
            ("donors", "locale"),
            ("donors", "wants_updates"),
            ("users", "wants_updates"),
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
        for t in ["program_update_photos", "program_updates"] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
