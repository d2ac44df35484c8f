//! `payments`: one attempt to take money through a payment provider (a card
//! gift, or one installment of a card pledge). Its state only moves forward
//! (`PaymentStatus::rank`); on success it gets its donation (one ledger
//! transaction), and refunds reported by the provider are posted as they come.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Unique, unguessable reference; the base of every idempotency key sent
    /// to the provider for this payment.
    pub key: String,
    /// `stripe`, or another provider's name.
    pub provider: String,
    /// The provider's payment id (a Stripe PaymentIntent `pi_…`), once created.
    pub provider_ref: Option<String>,
    /// The provider's customer (`cus_…`).
    pub customer_ref: Option<String>,
    /// The provider's saved card (`pm_…`).
    pub payment_method_ref: Option<String>,
    pub donor_id: Option<i32>,
    /// The giver's name is hidden from the public.
    pub anonymous: bool,
    /// … and from the receiving center.
    pub hidden_from_center: bool,
    /// A center giving (its owner or manager acted for it).
    pub pledging_center_id: Option<i32>,
    pub program_id: i32,
    pub need_id: Option<i32>,
    pub pledge_id: Option<i32>,
    /// 1-based installment of `pledge_id` this pays.
    pub installment_number: Option<i32>,
    /// Set by the server from the need, pledge or form; minor units.
    pub amount_minor: i64,
    pub currency: String,
    pub status: super::codes::PaymentStatus,
    /// The provider's decline or error code of the last failure.
    pub failure_code: Option<String>,
    /// Refunded in all, as the provider last reported it; minor units.
    pub refunded_minor: i64,
    /// Refunded and posted to the ledger; never above `refunded_minor`.
    pub refund_posted_minor: i64,
    pub donation_id: Option<i32>,
    /// Keep the card on the donor's account after a one-time gift.
    pub keep_card: bool,
    /// The provider's fee of the settled charge, in minor units of
    /// `fee_currency`, once read (`None`: not read yet).
    pub fee_minor: Option<i64>,
    /// The currency the charge settled in (ISO 4217, upper case).
    pub fee_currency: Option<String>,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// UTC.
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
