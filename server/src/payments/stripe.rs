//! Stripe as Nikoo's payment provider, through `async-stripe`.
//!
//! Requests are built with async-stripe's typed builders and sent by its
//! client with an idempotency key; responses are read into the minimal
//! `serde` types below rather than async-stripe's full ones, which reject
//! objects that leave out fields (localstripe's, for instance, have no
//! `amount_received`). Webhook events are read the same way (`super::webhook`).

use ::stripe::{Client, IdempotencyKey, RequestStrategy, StripeError};
use async_trait::async_trait;
use nikoo_domain::giving::payments::provider::{
    BrowserKeys, CardSetup, ChargeOutcome, ChargeRequest, ChargeStatus, PaymentProvider,
    ProviderError, SavedCard, SettledFee,
};
use nikoo_types::{Currency, Money};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::HashMap;
use stripe_client_core::{RequestBuilder, StripeRequest};

/// Stripe's API (`STRIPE_API_BASE` overrides it, e.g. localstripe's).
pub const DEFAULT_API_BASE: &str = "https://api.stripe.com/";
/// Stripe.js (`STRIPE_JS_URL` overrides it).
pub const DEFAULT_JS_URL: &str = "https://js.stripe.com/v3/";
/// How long one Stripe call may take before it counts as a timeout (and the
/// donor retries with the same idempotency key).
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Currencies of Nikoo's table that Stripe cannot charge. Stripe's list of
/// presentment currencies (stripe.com/docs/currencies) has no IRR.
const UNSUPPORTED: &[&str] = &["IRR"];

/// Stripe, configured.
#[derive(Clone)]
pub struct Stripe {
    client: Client,
    keys: BrowserKeys,
}

impl std::fmt::Debug for Stripe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stripe")
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

impl Stripe {
    /// A client for `api_base` (ending in `/`) with the secret key; a call
    /// taking longer than `timeout` fails as `Unavailable` ([`TIMEOUT`] in production).
    ///
    /// # Errors
    /// A malformed `api_base`.
    pub fn new(
        secret_key: &str,
        publishable_key: &str,
        api_base: &str,
        js_url: &str,
        timeout: std::time::Duration,
    ) -> Result<Stripe, String> {
        let client = ::stripe::ClientBuilder::new(secret_key)
            .url(api_base)
            .timeout(timeout)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Stripe {
            client,
            keys: BrowserKeys {
                publishable_key: publishable_key.to_owned(),
                script_url: js_url.to_owned(),
            },
        })
    }

    /// Sends `request` once with `idempotency_key` (if any) and reads the
    /// answer into `T`.
    async fn send<T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
        idempotency_key: Option<&str>,
    ) -> Result<T, ProviderError> {
        let mut call = request.customize::<miniserde::json::Value>();
        if let Some(key) = idempotency_key {
            let key =
                IdempotencyKey::new(key).map_err(|e| ProviderError::Refused(e.to_string()))?;
            call = call.request_strategy(RequestStrategy::Idempotent(key));
        }
        let value = call.send(&self.client).await.map_err(provider_error)?;
        serde_json::from_str(&miniserde::json::to_string(&value))
            .map_err(|e| ProviderError::Refused(format!("unexpected answer: {e}")))
    }
}

/// Stripe's error as Nikoo's: card errors are declines (with the decline
/// code when Stripe gives one); transport errors, timeouts and 5xx are
/// "unavailable" (retry with the same key); the rest is a refusal.
fn provider_error(e: StripeError) -> ProviderError {
    match e {
        StripeError::Stripe(api, status) => {
            let code = api
                .decline_code
                .clone()
                .or_else(|| api.code.as_ref().map(|c| c.as_str().to_owned()))
                .unwrap_or_else(|| "card_declined".into());
            if matches!(api.type_, ::stripe::ApiErrorsType::CardError) || status == 402 {
                ProviderError::Declined { code }
            } else if status >= 500 || status == 429 || status == 409 {
                ProviderError::Unavailable(format!("{status}: {code}"))
            } else {
                ProviderError::Refused(format!("{status}: {}", api.message.clone().unwrap_or(code)))
            }
        }
        StripeError::Timeout | StripeError::ClientError(_) => {
            ProviderError::Unavailable(e.to_string())
        }
        other => ProviderError::Refused(other.to_string()),
    }
}

/// A Stripe object's id.
#[derive(Debug, Deserialize)]
struct Object {
    id: String,
}

/// The fields of a SetupIntent Nikoo reads.
#[derive(Debug, Deserialize)]
struct SetupIntent {
    id: String,
    client_secret: Option<String>,
    status: String,
    payment_method: Option<IdOrObject<PaymentMethod>>,
    customer: Option<IdOrObject<Object>>,
    #[serde(default)]
    metadata: HashMap<String, String>,
}

/// The metadata key carrying what a card setup was started for.
pub const SETUP_OWNER: &str = "nikoo_owner";

/// The fields of a PaymentMethod Nikoo reads.
#[derive(Debug, Deserialize)]
struct PaymentMethod {
    id: String,
    card: Option<Card>,
}

#[derive(Debug, Deserialize)]
struct Card {
    brand: Option<String>,
    last4: Option<String>,
}

/// A field Stripe sends as an id, or as the object when expanded.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum IdOrObject<T> {
    Id(String),
    Object(T),
}

/// The fields of a PaymentIntent Nikoo reads.
#[derive(Debug, Deserialize)]
pub(crate) struct PaymentIntent {
    pub(crate) id: String,
    pub(crate) status: String,
    pub(crate) client_secret: Option<String>,
    #[serde(default)]
    pub(crate) metadata: HashMap<String, String>,
    pub(crate) last_payment_error: Option<LastError>,
}

/// A PaymentIntent's latest charge, as Nikoo reads it for the fee: the
/// `latest_charge` field of current API versions, or the first of the
/// `charges` list of older ones (localstripe's).
#[derive(Debug, Deserialize)]
struct FeeIntent {
    latest_charge: Option<IdOrObject<Charge>>,
    charges: Option<ChargeList>,
}

#[derive(Debug, Deserialize)]
struct ChargeList {
    #[serde(default)]
    data: Vec<Charge>,
}

/// The fields of a Charge Nikoo reads.
#[derive(Debug, Deserialize)]
struct Charge {
    id: String,
    balance_transaction: Option<IdOrObject<BalanceTransaction>>,
}

/// The fields of a balance transaction Nikoo reads: the fee, in minor
/// units of the currency the charge settled in.
#[derive(Debug, Deserialize)]
struct BalanceTransaction {
    fee: i64,
    currency: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LastError {
    pub(crate) code: Option<String>,
    pub(crate) decline_code: Option<String>,
}

/// The metadata key carrying the payment's key, so events find the payment
/// before Nikoo has stored the PaymentIntent's id.
pub const PAYMENT_KEY: &str = "nikoo_payment";

impl PaymentIntent {
    fn outcome(self) -> ChargeOutcome {
        let status = match self.status.as_str() {
            "succeeded" => ChargeStatus::Succeeded,
            "requires_action" | "requires_source_action" => ChargeStatus::RequiresAction {
                client_secret: self.client_secret.unwrap_or_default(),
            },
            "requires_payment_method" | "canceled" => ChargeStatus::Failed {
                code: self
                    .last_payment_error
                    .and_then(|e| e.decline_code.or(e.code))
                    .unwrap_or_else(|| "card_declined".into()),
            },
            _ => ChargeStatus::Processing,
        };
        ChargeOutcome {
            provider_ref: self.id,
            status,
        }
    }
}

impl Stripe {
    /// A charge with its balance transaction expanded.
    async fn charge_of(&self, id: &str) -> Result<Charge, ProviderError> {
        let get = stripe_core::charge::RetrieveCharge::new(id)
            .expand(vec!["balance_transaction".to_owned()]);
        self.send(get.build(), None).await
    }
}

fn stripe_currency(currency: Currency) -> Result<stripe_types::Currency, ProviderError> {
    currency
        .code()
        .to_ascii_lowercase()
        .parse()
        .map_err(|_| ProviderError::Refused(format!("currency {}", currency.code())))
}

#[async_trait]
impl PaymentProvider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn browser_keys(&self) -> BrowserKeys {
        self.keys.clone()
    }

    fn charges(&self, currency: Currency) -> bool {
        !UNSUPPORTED.contains(&currency.code())
    }

    async fn set_up_card(
        &self,
        customer_ref: Option<&str>,
        email: Option<&str>,
        owner: &str,
        idempotency_key: &str,
    ) -> Result<CardSetup, ProviderError> {
        let customer = match customer_ref {
            Some(c) => c.to_owned(),
            None => {
                let mut create = stripe_core::customer::CreateCustomer::new();
                if let Some(email) = email {
                    create = create.email(email);
                }
                let key = format!("{idempotency_key}:customer");
                self.send::<Object>(create.build(), Some(&key)).await?.id
            }
        };
        let setup = stripe_core::setup_intent::CreateSetupIntent::new()
            .customer(customer.as_str())
            .usage(stripe_core::setup_intent::CreateSetupIntentUsage::OffSession)
            .metadata(HashMap::from([(SETUP_OWNER.to_owned(), owner.to_owned())]));
        let intent: SetupIntent = self.send(setup.build(), Some(idempotency_key)).await?;
        Ok(CardSetup {
            customer_ref: customer,
            setup_ref: intent.id,
            client_secret: intent.client_secret.unwrap_or_default(),
        })
    }

    async fn card_of_setup(&self, setup_ref: &str) -> Result<SavedCard, ProviderError> {
        let get = stripe_core::setup_intent::RetrieveSetupIntent::new(setup_ref);
        let intent: SetupIntent = self.send(get.build(), None).await?;
        let customer_ref = intent.customer.map(|c| match c {
            IdOrObject::Id(id) => id,
            IdOrObject::Object(o) => o.id,
        });
        let owner = intent.metadata.get(SETUP_OWNER).cloned();
        let method = match (intent.status.as_str(), intent.payment_method) {
            ("succeeded", Some(IdOrObject::Object(m))) => m,
            ("succeeded", Some(IdOrObject::Id(id))) => {
                let get = stripe_payment::payment_method::RetrievePaymentMethod::new(id.as_str());
                self.send::<PaymentMethod>(get.build(), None)
                    .await
                    .unwrap_or(PaymentMethod { id, card: None })
            }
            _ => {
                return Err(ProviderError::Declined {
                    code: "setup_incomplete".into(),
                })
            }
        };
        let card = method.card.unwrap_or(Card {
            brand: None,
            last4: None,
        });
        Ok(SavedCard {
            payment_method_ref: method.id,
            customer_ref,
            owner,
            brand: card.brand,
            last4: card.last4,
        })
    }

    async fn charge(&self, request: &ChargeRequest) -> Result<ChargeOutcome, ProviderError> {
        use stripe_core::payment_intent::{CreatePaymentIntent, CreatePaymentIntentOffSession};
        let mut create = CreatePaymentIntent::new(
            request.amount.minor(),
            stripe_currency(request.amount.currency())?,
        )
        .customer(request.customer_ref.as_str())
        .payment_method(request.payment_method_ref.as_str())
        .confirm(true)
        .metadata(HashMap::from([(
            PAYMENT_KEY.to_owned(),
            request.payment_key.clone(),
        )]));
        if request.off_session {
            create = create.off_session(CreatePaymentIntentOffSession::Bool(true));
        }
        let intent: PaymentIntent = self
            .send(create.build(), Some(&request.idempotency_key))
            .await?;
        Ok(intent.outcome())
    }

    async fn charge_status(&self, provider_ref: &str) -> Result<ChargeOutcome, ProviderError> {
        let get = stripe_core::payment_intent::RetrievePaymentIntent::new(provider_ref);
        let intent: PaymentIntent = self.send(get.build(), None).await?;
        Ok(intent.outcome())
    }

    async fn refund(
        &self,
        provider_ref: &str,
        amount: Money,
        idempotency_key: &str,
    ) -> Result<(), ProviderError> {
        let create = stripe_core::refund::CreateRefund::new()
            .payment_intent(provider_ref)
            .amount(amount.minor());
        self.send::<Object>(create.build(), Some(idempotency_key))
            .await
            .map(|_| ())
    }

    async fn charge_fee(&self, provider_ref: &str) -> Result<Option<SettledFee>, ProviderError> {
        // One call when Stripe expands both levels; ids are followed when
        // it does not (localstripe ignores `expand`).
        let get = stripe_core::payment_intent::RetrievePaymentIntent::new(provider_ref)
            .expand(vec!["latest_charge.balance_transaction".to_owned()]);
        let intent: FeeIntent = self.send(get.build(), None).await?;
        let charge = match intent.latest_charge {
            Some(IdOrObject::Object(c)) => Some(c),
            Some(IdOrObject::Id(id)) => Some(self.charge_of(&id).await?),
            None => intent.charges.and_then(|l| l.data.into_iter().next()),
        };
        let Some(charge) = charge else {
            return Ok(None);
        };
        let listed = match charge.balance_transaction {
            Some(t) => Some(t),
            None => self.charge_of(&charge.id).await?.balance_transaction,
        };
        let transaction: BalanceTransaction = match listed {
            Some(IdOrObject::Object(t)) => t,
            Some(IdOrObject::Id(id)) => {
                let get =
                    stripe_core::balance_transaction::RetrieveBalanceTransaction::new(id.as_str());
                self.send(get.build(), None).await?
            }
            None => return Ok(None),
        };
        Ok(Some(SettledFee {
            minor: transaction.fee,
            currency: transaction.currency.to_ascii_uppercase(),
        }))
    }

    async fn detach_card(&self, payment_method_ref: &str) -> Result<(), ProviderError> {
        let detach = stripe_payment::payment_method::DetachPaymentMethod::new(payment_method_ref);
        self.send::<Object>(detach.build(), None).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(json: serde_json::Value) -> ChargeOutcome {
        serde_json::from_value::<PaymentIntent>(json)
            .unwrap()
            .outcome()
    }

    #[test]
    fn payment_intent_statuses_map_to_charge_outcomes() {
        let ok = intent(serde_json::json!({"id": "pi_1", "status": "succeeded"}));
        assert_eq!(ok.status, ChargeStatus::Succeeded);
        assert_eq!(ok.provider_ref, "pi_1");
        let action = intent(serde_json::json!({
            "id": "pi_2", "status": "requires_action", "client_secret": "pi_2_secret_x"
        }));
        assert_eq!(
            action.status,
            ChargeStatus::RequiresAction {
                client_secret: "pi_2_secret_x".into()
            }
        );
        // Declined: the decline code when Stripe gives one, else the error code.
        let declined = intent(serde_json::json!({
            "id": "pi_3", "status": "requires_payment_method",
            "last_payment_error": {"code": "card_declined", "decline_code": "insufficient_funds"}
        }));
        assert_eq!(
            declined.status,
            ChargeStatus::Failed {
                code: "insufficient_funds".into()
            }
        );
        let processing = intent(serde_json::json!({"id": "pi_4", "status": "processing"}));
        assert_eq!(processing.status, ChargeStatus::Processing);
    }

    #[test]
    fn stripe_cannot_charge_rials() {
        let s = Stripe::new("sk", "pk", "http://127.0.0.1:9/", "x", TIMEOUT).unwrap();
        assert!(!s.charges(Currency::IRR));
        assert!(s.charges(Currency::EUR));
    }
}
