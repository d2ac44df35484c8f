//! `need_beneficiaries`: which beneficiaries a need serves (private; the
//! public sees counts under the small-cell rule).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "need_beneficiaries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub need_id: i32,
    pub beneficiary_id: i32,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
