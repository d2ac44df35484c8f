//! Accounts: users, center membership and invitations, one-time email
//! tokens, the email outbox, the audit log and sign-in attempts (issue 3).
//!
//! Secrets are never stored: passwords as argon2id PHC strings, emailed
//! tokens as their SHA-256 (hex). Times are UTC.

use crate::m20261129_000001_schema_v1::{
    fk, flag, id, index, int, int_null, long_text_null, table, text, text_null, utc,
};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) fn utc_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = vec![
            table(
                "users",
                vec![
                    id("id"),
                    text("email"),
                    utc_null("email_verified_at"),
                    text("password_hash"),
                    text("display_name"),
                    text("locale"),
                    flag("volunteer"),
                    flag("platform_admin"),
                    int_null("donor_id"),
                    utc("created_at"),
                    utc_null("deleted_at"),
                ],
                vec![fk("users", "donor_id", "donors", "id")],
            ),
            table(
                "center_members",
                vec![
                    id("id"),
                    int("center_id"),
                    int("user_id"),
                    text("role"),
                    utc("created_at"),
                ],
                vec![
                    fk("center_members", "center_id", "centers", "id"),
                    fk("center_members", "user_id", "users", "id"),
                ],
            ),
            table(
                "invitations",
                vec![
                    id("id"),
                    int("center_id"),
                    text("email"),
                    text("role"),
                    text("token_hash"),
                    int("invited_by"),
                    utc("created_at"),
                    utc("expires_at"),
                    utc_null("accepted_at"),
                    int_null("accepted_by"),
                    utc_null("revoked_at"),
                ],
                vec![
                    fk("invitations", "center_id", "centers", "id"),
                    fk("invitations", "invited_by", "users", "id"),
                    fk("invitations", "accepted_by", "users", "id"),
                ],
            ),
            table(
                "email_tokens",
                vec![
                    id("id"),
                    int("user_id"),
                    text("purpose"),
                    text("token_hash"),
                    utc("created_at"),
                    utc("expires_at"),
                    utc_null("used_at"),
                ],
                vec![fk("email_tokens", "user_id", "users", "id")],
            ),
            table(
                "outbox_emails",
                vec![
                    id("id"),
                    text("to_address"),
                    text("subject"),
                    ColumnDef::new(Alias::new("body"))
                        .text()
                        .not_null()
                        .to_owned(),
                    utc("created_at"),
                    utc_null("sent_at"),
                    int("attempts"),
                    text_null("last_error"),
                ],
                vec![],
            ),
            table(
                "audit_records",
                vec![
                    id("id"),
                    int_null("actor_user_id"),
                    int_null("center_id"),
                    text("action"),
                    text("object_type"),
                    text("object_id"),
                    long_text_null("before_json"),
                    long_text_null("after_json"),
                    utc("occurred_at"),
                ],
                vec![
                    fk("audit_records", "actor_user_id", "users", "id"),
                    fk("audit_records", "center_id", "centers", "id"),
                ],
            ),
            table(
                "auth_attempts",
                vec![
                    id("id"),
                    text("action"),
                    text("subject"),
                    flag("succeeded"),
                    utc("occurred_at"),
                ],
                vec![],
            ),
        ];
        for t in tables {
            manager.create_table(t).await?;
        }
        for i in [
            index("users", &["email"], true),
            index("center_members", &["center_id", "user_id"], true),
            index("center_members", &["user_id"], false),
            index("invitations", &["token_hash"], true),
            index("invitations", &["center_id"], false),
            index("email_tokens", &["token_hash"], true),
            index("outbox_emails", &["sent_at"], false),
            index("audit_records", &["center_id", "occurred_at"], false),
            index("audit_records", &["occurred_at"], false),
            index("auth_attempts", &["subject", "occurred_at"], false),
        ] {
            manager.create_index(i).await?;
        }
        // The audit log is append-only, like the ledger (schema v1's trigger function on PostgreSQL).
        let db = manager.get_connection();
        let sql = match manager.get_database_backend() {
            DbBackend::Postgres => vec![
                "CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records \
                 FOR EACH ROW EXECUTE FUNCTION nikoo_append_only();"
                    .to_owned(),
            ],
            _ => ["update", "delete"]
                .iter()
                .map(|op| {
                    format!(
                        "CREATE TRIGGER audit_records_no_{op} BEFORE {} ON audit_records \
                         BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END;",
                        op.to_uppercase()
                    )
                })
                .collect(),
        };
        for statement in sql {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "auth_attempts",
            "audit_records",
            "outbox_emails",
            "email_tokens",
            "invitations",
            "center_members",
            "users",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
