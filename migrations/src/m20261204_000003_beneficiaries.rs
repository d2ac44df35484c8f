//! Beneficiaries (issue 5): the households or persons a center serves,
//! private to it. Each has a pseudonymous code (`ZAN-0042`, numbered per
//! center by `beneficiary_counters`), what is not personal (household
//! size, county, categories of need, consent), and its personal details
//! encrypted (XChaCha20-Poly1305: a nonce and the ciphertext), with keyed
//! hashes of the national id and phone so duplicates can be found without
//! decrypting anything. Needs link to beneficiaries privately; the public
//! sees counts only.

use crate::m20261129_000001_schema_v1::{
    date_null, fk, id, index, int, table, text, text_null, utc,
};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn binary(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .binary()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            table(
                "beneficiary_counters",
                vec![
                    ColumnDef::new(Alias::new("center_id"))
                        .integer()
                        .not_null()
                        .primary_key()
                        .to_owned(),
                    int("last_number"),
                ],
                vec![fk("beneficiary_counters", "center_id", "centers", "id")],
            ),
            table(
                "beneficiaries",
                vec![
                    id("id"),
                    int("center_id"),
                    text("code"),
                    int("household_size"),
                    text("county_code"),
                    text("categories"),
                    date_null("consent_on"),
                    text("consent_scope"),
                    binary("details_nonce"),
                    binary("details_ciphertext"),
                    text_null("national_id_hash"),
                    text_null("phone_hash"),
                    text("status"),
                    text_null("import_key"),
                    utc("created_at"),
                    utc("updated_at"),
                ],
                vec![
                    fk("beneficiaries", "center_id", "centers", "id"),
                    fk("beneficiaries", "county_code", "counties", "code"),
                ],
            ),
            table(
                "need_beneficiaries",
                vec![
                    id("id"),
                    int("need_id"),
                    int("beneficiary_id"),
                    utc("created_at"),
                ],
                vec![
                    fk("need_beneficiaries", "need_id", "needs", "id"),
                    fk(
                        "need_beneficiaries",
                        "beneficiary_id",
                        "beneficiaries",
                        "id",
                    ),
                ],
            ),
        ] {
            manager.create_table(t).await?;
        }
        for i in [
            index("beneficiaries", &["center_id", "code"], true),
            index("beneficiaries", &["center_id", "national_id_hash"], false),
            index("beneficiaries", &["center_id", "phone_hash"], false),
            index("beneficiaries", &["center_id", "import_key"], true),
            index("need_beneficiaries", &["need_id", "beneficiary_id"], true),
            index("need_beneficiaries", &["beneficiary_id"], false),
        ] {
            manager.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "need_beneficiaries",
            "beneficiaries",
            "beneficiary_counters",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
