//! `job_leases`: one row per background job; whoever holds an unexpired
//! lease runs it, so one runner at a time across server instances. The row
//! also records the job's last run.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_leases")]
pub struct Model {
    /// The job's name, e.g. `card-installments`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// Who holds it (host, process id and a random part), or held it last.
    pub holder: String,
    /// UTC; free after this.
    pub expires_at: DateTimeUtc,
    /// UTC: when the last run started.
    pub last_started_at: Option<DateTimeUtc>,
    /// UTC: when the last run ended (`None` while the first run is under way).
    pub last_finished_at: Option<DateTimeUtc>,
    /// How the last run ended: `ok: …` with what it did, or `failed: …`.
    pub last_result: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
