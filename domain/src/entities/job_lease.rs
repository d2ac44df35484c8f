//! `job_leases`: one row per background job; whoever holds an unexpired
//! lease runs it, so one runner at a time across server instances.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_leases")]
pub struct Model {
    /// The job's name, e.g. `installments`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// Who holds it (host and process).
    pub holder: String,
    /// UTC; free after this.
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
