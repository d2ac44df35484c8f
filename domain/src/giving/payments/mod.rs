//! Card payments through a payment provider: the provider interface, one-time
//! card gifts, and applying the provider's reports (charge answers and
//! webhook events) to payments and the ledger exactly once.

pub mod card_gifts;
pub mod events;
pub mod fees;
pub mod provider;

pub use events::{apply_event, Applied, PaymentUpdate, ProviderEvent};
pub use provider::{PaymentProvider, ProviderError, SharedProvider};
