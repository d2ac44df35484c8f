//! Recurring card pledges (issue 4): each installment the schedule made
//! due, with its attempts; the card a pledge is charged to; and the lease
//! rows that keep a background job to one runner across server instances.
//! Times are UTC; dates are in the center's time zone.

use crate::m20261129_000001_schema_v1::{
    big, date, fk, id, index, int, int_null, table, text, text_null, utc,
};
use crate::m20261130_000001_accounts::utc_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("pledges"))
                    .add_column(int_null("saved_card_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(table(
                "installments",
                vec![
                    id("id"),
                    int("pledge_id"),
                    int("number"),
                    date("due_date"),
                    big("amount_minor"),
                    text("currency"),
                    text("status"),
                    int("attempts"),
                    utc_null("next_attempt_at"),
                    int_null("payment_id"),
                    text_null("failure_code"),
                    utc("created_at"),
                    utc("updated_at"),
                ],
                vec![
                    fk("installments", "pledge_id", "pledges", "id"),
                    fk("installments", "payment_id", "payments", "id"),
                ],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("job_leases"))
                    .col(
                        ColumnDef::new(Alias::new("name"))
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(text("holder"))
                    .col(utc("expires_at"))
                    .to_owned(),
            )
            .await?;
        for i in [
            index("installments", &["pledge_id", "number"], true),
            index("installments", &["status", "next_attempt_at"], false),
        ] {
            manager.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["job_leases", "installments"] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("pledges"))
                    .drop_column(Alias::new("saved_card_id"))
                    .to_owned(),
            )
            .await
    }
}
