//! Card payments on the server side: Stripe as the payment provider
//! (`stripe`) and its webhook (`webhook`).

pub mod stripe;
pub mod webhook;
