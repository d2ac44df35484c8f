//! Pledges paid to the center by bank transfer or cash (issue 4): their
//! installments fall due on the same schedule as card pledges' and are
//! settled by a gift the center's staff record, named here.

use crate::m20261129_000001_schema_v1::int_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("installments"))
                    .add_column(int_null("donation_id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("installments"))
                    .drop_column(Alias::new("donation_id"))
                    .to_owned(),
            )
            .await
    }
}
