//! `saved_cards`: cards donors kept with the provider for recurring pledges
//! or later gifts. Nikoo stores the provider's references and the brand and
//! last four digits it reports, never card numbers.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_cards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub donor_id: i32,
    pub provider: String,
    /// The provider's customer (`cus_…`).
    pub customer_ref: String,
    /// The provider's payment method (`pm_…`).
    pub payment_method_ref: String,
    pub brand: Option<String>,
    pub last4: Option<String>,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// UTC; set when the donor removed or replaced it (it is detached at the provider).
    pub removed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
