//! The payment-provider interface: what Nikoo asks of a card gateway. Stripe
//! implements it (the server's `stripe` module); another gateway (say an
//! Iranian Shaparak one, since Stripe cannot charge IRR) implements the same
//! calls, and pledges, payments and the ledger do not change.
//!
//! Every call that creates something at the provider carries an idempotency
//! key derived from a Nikoo id, so a retry after a timeout creates nothing new.

use async_trait::async_trait;
use nikoo_types::{Currency, Money};
use std::sync::Arc;

/// What the browser needs to collect a card with the provider's own script
/// (card details never reach Nikoo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserKeys {
    /// The provider's publishable key.
    pub publishable_key: String,
    /// The provider's script, e.g. `https://js.stripe.com/v3/`.
    pub script_url: String,
}

/// A card setup the browser completes (Stripe: a SetupIntent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSetup {
    /// The provider's customer the card is saved on.
    pub customer_ref: String,
    /// The setup's id (`seti_…`).
    pub setup_ref: String,
    /// Handed to the browser's script, never stored.
    pub client_secret: String,
}

/// A card saved by a completed setup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCard {
    /// `pm_…`.
    pub payment_method_ref: String,
    /// The customer it is saved on (`cus_…`).
    pub customer_ref: Option<String>,
    /// The `owner` the setup was started for (see [`PaymentProvider::set_up_card`]).
    pub owner: Option<String>,
    pub brand: Option<String>,
    pub last4: Option<String>,
}

/// A charge of a saved card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeRequest {
    pub customer_ref: String,
    pub payment_method_ref: String,
    /// Set by the server from the gift or installment, never from the browser.
    pub amount: Money,
    /// `true` for installments charged by the job with the donor away.
    pub off_session: bool,
    /// Derived from the payment's key: the same payment is charged once.
    pub idempotency_key: String,
    /// The payment's key, sent as metadata so the provider's events find it.
    pub payment_key: String,
}

/// Where a charge stands at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeStatus {
    Succeeded,
    Processing,
    /// The donor must authenticate in the browser with `client_secret`.
    RequiresAction {
        client_secret: String,
    },
    /// Declined (`code` is the provider's decline code, e.g. `card_declined`).
    Failed {
        code: String,
    },
}

/// A charge's id and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeOutcome {
    /// `pi_…`.
    pub provider_ref: String,
    pub status: ChargeStatus,
}

/// What the provider kept of a settled charge, as it reported it: minor
/// units of the currency the charge settled in (Stripe: the balance
/// transaction's `fee` and `currency`), which may differ from the charge's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettledFee {
    pub minor: i64,
    /// ISO 4217, upper case.
    pub currency: String,
}

/// Why a provider call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The card was declined (the provider's code, e.g. `card_declined`,
    /// `insufficient_funds`); shown to the donor translated.
    #[error("card declined: {code}")]
    Declined { code: String },
    /// The provider could not be reached or timed out: retry with the same key.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    /// The provider refused the request (a bug or a configuration error).
    #[error("provider refused: {0}")]
    Refused(String),
}

/// A card gateway.
#[async_trait]
pub trait PaymentProvider: Send + Sync + std::fmt::Debug {
    /// Stored in `payments.provider`, e.g. `stripe`.
    fn name(&self) -> &'static str;
    /// What the browser loads to collect a card.
    fn browser_keys(&self) -> BrowserKeys;
    /// Whether the provider charges `currency` at all (Stripe cannot charge IRR).
    fn charges(&self, currency: Currency) -> bool;
    /// Starts saving a card: on `customer_ref` when the donor has one, else on
    /// a new customer with `email`. `owner` (e.g. `payment:{key}`,
    /// `donor:{id}`) is kept with the setup, so a setup id sent back by a
    /// browser is only accepted for what it was started for.
    async fn set_up_card(
        &self,
        customer_ref: Option<&str>,
        email: Option<&str>,
        owner: &str,
        idempotency_key: &str,
    ) -> Result<CardSetup, ProviderError>;
    /// The card a setup saved, once the browser completed it; `Declined` when it did not.
    async fn card_of_setup(&self, setup_ref: &str) -> Result<SavedCard, ProviderError>;
    /// Charges a saved card.
    async fn charge(&self, request: &ChargeRequest) -> Result<ChargeOutcome, ProviderError>;
    /// A charge's current status (after the donor authenticated).
    async fn charge_status(&self, provider_ref: &str) -> Result<ChargeOutcome, ProviderError>;
    /// Refunds `amount` of a charge.
    async fn refund(
        &self,
        provider_ref: &str,
        amount: Money,
        idempotency_key: &str,
    ) -> Result<(), ProviderError>;
    /// The fee of a succeeded charge, or `None` while the provider has not
    /// settled it yet (ask again later).
    async fn charge_fee(&self, provider_ref: &str) -> Result<Option<SettledFee>, ProviderError>;
    /// Removes a saved card from its customer.
    async fn detach_card(&self, payment_method_ref: &str) -> Result<(), ProviderError>;
}

/// The configured provider, shared; `None` when card payments are off.
pub type SharedProvider = Option<Arc<dyn PaymentProvider>>;
