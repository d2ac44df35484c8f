//! Schema v1: geography, centers, programs, needs, donors, pledges,
//! donations, the double-entry ledger and in-kind movements.
//!
//! Money columns are `BIGINT` counts of minor units with a 3-letter ISO 4217
//! code beside them (DESIGN.md invariant 1). Times are UTC. The ledger and
//! in-kind tables are append-only, enforced by triggers on both backends
//! (DESIGN.md invariant 2).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) fn id(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}
pub(crate) fn text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .string()
        .not_null()
        .to_owned()
}
pub(crate) fn text_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().null().to_owned()
}
pub(crate) fn long_text_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).text().null().to_owned()
}
pub(crate) fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .integer()
        .not_null()
        .to_owned()
}
pub(crate) fn int_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().null().to_owned()
}
pub(crate) fn big(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .not_null()
        .to_owned()
}
pub(crate) fn big_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .null()
        .to_owned()
}
pub(crate) fn flag(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}
pub(crate) fn utc(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}
pub(crate) fn date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .date()
        .not_null()
        .to_owned()
}
pub(crate) fn date_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date().null().to_owned()
}
pub(crate) fn fk(table: &str, column: &str, to: &str, to_col: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(Alias::new(table), Alias::new(column))
        .to(Alias::new(to), Alias::new(to_col))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}
pub(crate) fn table(
    name: &str,
    cols: Vec<ColumnDef>,
    fks: Vec<ForeignKeyCreateStatement>,
) -> TableCreateStatement {
    let mut t = Table::create();
    t.table(Alias::new(name));
    for mut c in cols {
        t.col(&mut c);
    }
    for mut f in fks {
        t.foreign_key(&mut f);
    }
    t.to_owned()
}
pub(crate) fn index(table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!("ix_{table}_{}", cols.join("_")))
        .table(Alias::new(table));
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

/// Tables whose rows are never updated or deleted.
const APPEND_ONLY: [&str; 3] = ["ledger_transactions", "ledger_entries", "in_kind_movements"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = vec![
            table(
                "provinces",
                vec![
                    ColumnDef::new(Alias::new("code"))
                        .string()
                        .not_null()
                        .primary_key()
                        .to_owned(),
                    text("name_fa"),
                    text("name_en"),
                    int("position"),
                ],
                vec![],
            ),
            table(
                "counties",
                vec![
                    ColumnDef::new(Alias::new("code"))
                        .string()
                        .not_null()
                        .primary_key()
                        .to_owned(),
                    text("province_code"),
                    text("name_fa"),
                    text("name_en"),
                ],
                vec![fk("counties", "province_code", "provinces", "code")],
            ),
            table(
                "centers",
                vec![
                    id("id"),
                    text("slug"),
                    text("county_code"),
                    text("name_fa"),
                    text_null("name_en"),
                    long_text_null("description_fa"),
                    long_text_null("description_en"),
                    text_null("address_fa"),
                    text_null("address_en"),
                    text("time_zone"),
                    text("status"),
                    utc("created_at"),
                ],
                vec![fk("centers", "county_code", "counties", "code")],
            ),
            table(
                "programs",
                vec![
                    id("id"),
                    text("slug"),
                    int("center_id"),
                    text("county_code"),
                    text("category"),
                    text("status"),
                    date("start_date"),
                    date_null("end_date"),
                    flag("featured"),
                    text("title_fa"),
                    text_null("title_en"),
                    long_text_null("summary_fa"),
                    long_text_null("summary_en"),
                    long_text_null("description_fa"),
                    long_text_null("description_en"),
                    ColumnDef::new(Alias::new("search_text"))
                        .text()
                        .not_null()
                        .to_owned(),
                    utc("created_at"),
                ],
                vec![
                    fk("programs", "center_id", "centers", "id"),
                    fk("programs", "county_code", "counties", "code"),
                ],
            ),
            table(
                "needs",
                vec![
                    id("id"),
                    int("program_id"),
                    text("key"),
                    text("kind"),
                    text("title_fa"),
                    text_null("title_en"),
                    text_null("currency"),
                    big_null("target_minor"),
                    text_null("unit_fa"),
                    text_null("unit_en"),
                    big_null("target_quantity"),
                    big_null("unit_value_minor"),
                    int("position"),
                    text("status"),
                    utc("created_at"),
                ],
                vec![fk("needs", "program_id", "programs", "id")],
            ),
            table(
                "donors",
                vec![
                    id("id"),
                    text_null("key"),
                    text("display_name"),
                    text_null("email"),
                    utc("created_at"),
                ],
                vec![],
            ),
            table(
                "pledges",
                vec![
                    id("id"),
                    text("key"),
                    int_null("donor_id"),
                    flag("anonymous"),
                    int("program_id"),
                    int_null("need_id"),
                    text("kind"),
                    big_null("amount_minor"),
                    text_null("currency"),
                    big_null("quantity"),
                    text("frequency"),
                    int_null("installment_count"),
                    date("start_date"),
                    date_null("due_date"),
                    text("status"),
                    utc("created_at"),
                ],
                vec![
                    fk("pledges", "donor_id", "donors", "id"),
                    fk("pledges", "program_id", "programs", "id"),
                    fk("pledges", "need_id", "needs", "id"),
                ],
            ),
            table(
                "ledger_transactions",
                vec![
                    id("id"),
                    text("idempotency_key"),
                    text("kind"),
                    utc("occurred_at"),
                    int_null("reverses_id"),
                    text_null("memo_fa"),
                    text_null("memo_en"),
                    utc("created_at"),
                ],
                vec![fk(
                    "ledger_transactions",
                    "reverses_id",
                    "ledger_transactions",
                    "id",
                )],
            ),
            table(
                "ledger_entries",
                vec![
                    id("id"),
                    int("transaction_id"),
                    text("account"),
                    int_null("program_id"),
                    int_null("need_id"),
                    text("currency"),
                    big("amount_minor"),
                ],
                vec![
                    fk(
                        "ledger_entries",
                        "transaction_id",
                        "ledger_transactions",
                        "id",
                    ),
                    fk("ledger_entries", "program_id", "programs", "id"),
                    fk("ledger_entries", "need_id", "needs", "id"),
                ],
            ),
            table(
                "donations",
                vec![
                    id("id"),
                    text("key"),
                    int_null("donor_id"),
                    flag("anonymous"),
                    int("program_id"),
                    int_null("need_id"),
                    int_null("pledge_id"),
                    text("method"),
                    big("amount_minor"),
                    text("currency"),
                    utc("received_at"),
                    int("ledger_transaction_id"),
                    utc("created_at"),
                ],
                vec![
                    fk("donations", "donor_id", "donors", "id"),
                    fk("donations", "program_id", "programs", "id"),
                    fk("donations", "need_id", "needs", "id"),
                    fk("donations", "pledge_id", "pledges", "id"),
                    fk(
                        "donations",
                        "ledger_transaction_id",
                        "ledger_transactions",
                        "id",
                    ),
                ],
            ),
            table(
                "in_kind_movements",
                vec![
                    id("id"),
                    text("key"),
                    text("kind"),
                    int("program_id"),
                    int("need_id"),
                    big("quantity"),
                    int_null("donor_id"),
                    flag("anonymous"),
                    int_null("pledge_id"),
                    int_null("beneficiary_count"),
                    text_null("memo_fa"),
                    text_null("memo_en"),
                    utc("occurred_at"),
                    utc("created_at"),
                ],
                vec![
                    fk("in_kind_movements", "program_id", "programs", "id"),
                    fk("in_kind_movements", "need_id", "needs", "id"),
                    fk("in_kind_movements", "donor_id", "donors", "id"),
                    fk("in_kind_movements", "pledge_id", "pledges", "id"),
                ],
            ),
        ];
        for t in tables {
            manager.create_table(t).await?;
        }
        let indexes = [
            index("counties", &["province_code"], false),
            index("centers", &["slug"], true),
            index("programs", &["slug"], true),
            index("programs", &["center_id"], false),
            index("needs", &["program_id", "key"], true),
            index("donors", &["key"], true),
            index("pledges", &["key"], true),
            index("pledges", &["program_id"], false),
            index("ledger_transactions", &["idempotency_key"], true),
            index("ledger_entries", &["transaction_id"], false),
            index("ledger_entries", &["program_id", "need_id"], false),
            index("donations", &["key"], true),
            index("donations", &["program_id", "received_at"], false),
            index("donations", &["ledger_transaction_id"], true),
            index("in_kind_movements", &["key"], true),
            index("in_kind_movements", &["need_id"], false),
        ];
        for i in indexes {
            manager.create_index(i).await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for t in APPEND_ONLY {
                    for op in ["UPDATE", "DELETE"] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {t}_no_{op} BEFORE {op} ON {t} \
                             BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END;",
                            op = op.to_lowercase()
                        ))
                        .await?;
                    }
                }
            }
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION nikoo_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; \
                     $$ LANGUAGE plpgsql;",
                )
                .await?;
                for t in APPEND_ONLY {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} \
                         FOR EACH ROW EXECUTE FUNCTION nikoo_append_only();"
                    ))
                    .await?;
                }
            }
            DbBackend::MySql => {
                return Err(DbErr::Migration(
                    "Nikoo supports SQLite and PostgreSQL".into(),
                ));
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "in_kind_movements",
            "donations",
            "ledger_entries",
            "ledger_transactions",
            "pledges",
            "donors",
            "needs",
            "programs",
            "centers",
            "counties",
            "provinces",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS nikoo_append_only();")
                .await?;
        }
        Ok(())
    }
}
