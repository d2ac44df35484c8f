//! Card payments (issue 4): payments made through a provider, the provider
//! events applied (each once), the refunds posted to the ledger, and cards
//! donors chose to keep; who may see a giver's name; gifts and pledges made
//! by a center. Amounts are minor units; times are UTC.

use crate::m20261129_000001_schema_v1::{
    big, fk, flag, id, index, int, int_null, table, text, text_null, utc,
};
use crate::m20261130_000001_accounts::utc_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Gifts and pledges: hidden from the receiving center too, and made by a center.
        for t in ["donations", "pledges"] {
            for column in [flag("hidden_from_center"), int_null("pledging_center_id")] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Alias::new(t))
                            .add_column(column)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        let tables = vec![
            table(
                "saved_cards",
                vec![
                    id("id"),
                    int("donor_id"),
                    text("provider"),
                    text("customer_ref"),
                    text("payment_method_ref"),
                    text_null("brand"),
                    text_null("last4"),
                    utc("created_at"),
                    utc_null("removed_at"),
                ],
                vec![fk("saved_cards", "donor_id", "donors", "id")],
            ),
            table(
                "payments",
                vec![
                    id("id"),
                    text("key"),
                    text("provider"),
                    text_null("provider_ref"),
                    text_null("customer_ref"),
                    text_null("payment_method_ref"),
                    int_null("donor_id"),
                    flag("anonymous"),
                    flag("hidden_from_center"),
                    int_null("pledging_center_id"),
                    int("program_id"),
                    int_null("need_id"),
                    int_null("pledge_id"),
                    int_null("installment_number"),
                    big("amount_minor"),
                    text("currency"),
                    text("status"),
                    text_null("failure_code"),
                    big("refunded_minor"),
                    big("refund_posted_minor"),
                    int_null("donation_id"),
                    flag("keep_card"),
                    utc("created_at"),
                    utc("updated_at"),
                ],
                vec![
                    fk("payments", "donor_id", "donors", "id"),
                    fk("payments", "program_id", "programs", "id"),
                    fk("payments", "need_id", "needs", "id"),
                    fk("payments", "pledge_id", "pledges", "id"),
                    fk("payments", "donation_id", "donations", "id"),
                ],
            ),
            table(
                "payment_events",
                vec![
                    id("id"),
                    text("provider"),
                    text("event_ref"),
                    text("event_type"),
                    utc("received_at"),
                ],
                vec![],
            ),
            table(
                "payment_refunds",
                vec![
                    id("id"),
                    int("payment_id"),
                    big("amount_minor"),
                    int("ledger_transaction_id"),
                    int_null("requested_by"),
                    utc("created_at"),
                ],
                vec![
                    fk("payment_refunds", "payment_id", "payments", "id"),
                    fk(
                        "payment_refunds",
                        "ledger_transaction_id",
                        "ledger_transactions",
                        "id",
                    ),
                    fk("payment_refunds", "requested_by", "users", "id"),
                ],
            ),
        ];
        for t in tables {
            manager.create_table(t).await?;
        }
        for i in [
            index("saved_cards", &["donor_id"], false),
            index("payments", &["key"], true),
            index("payments", &["provider", "provider_ref"], true),
            index("payments", &["pledge_id", "installment_number"], false),
            index("payment_events", &["provider", "event_ref"], true),
            index("payment_refunds", &["payment_id"], false),
        ] {
            manager.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "payment_refunds",
            "payment_events",
            "payments",
            "saved_cards",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        for t in ["donations", "pledges"] {
            for c in ["hidden_from_center", "pledging_center_id"] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Alias::new(t))
                            .drop_column(Alias::new(c))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
