//! A fake Stripe API of the suite's own: customers, setup intents and
//! payment intents, refunds; one card's first charge hangs past the
//! client's timeout, another's are declined; like Stripe, a repeated
//! idempotency key returns the first answer.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct Seen {
    /// The idempotency key of every PaymentIntent call, in order.
    pub keys: Vec<String>,
    /// PaymentIntents created (one per distinct key).
    pub created: HashMap<String, serde_json::Value>,
    /// The amounts asked for.
    pub amounts: Vec<String>,
    /// Refunds asked for: (payment intent, amount, idempotency key).
    pub refunds: Vec<(String, String, String)>,
    /// `off_session` of every PaymentIntent call.
    pub off_session: Vec<String>,
    /// Whether the one hanging call has happened.
    pub hung: bool,
    /// The owner metadata of the last setup intent created.
    pub setup_owner: String,
    /// Payment methods detached from their customer.
    pub detached: Vec<String>,
    /// The fee each PaymentIntent's charge settled with: (minor units,
    /// currency). A PaymentIntent not listed has not settled yet.
    pub fees: HashMap<String, (i64, String)>,
}

pub type Shared = Arc<Mutex<Seen>>;

/// A saved card whose first charge hangs past the client's timeout (the
/// charge goes through; its answer comes too late).
pub const HANGS_ONCE: &str = "pm_fake";
/// A saved card every charge of which is declined (insufficient funds).
pub const DECLINED: &str = "pm_decline";

async fn create_intent(
    State(seen): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> (StatusCode, Json<serde_json::Value>) {
    let key = headers
        .get("idempotency-key")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let method = form.get("payment_method").cloned().unwrap_or_default();
    let first_call = {
        let mut s = seen.lock().unwrap();
        s.keys.push(key.clone());
        s.amounts
            .push(form.get("amount").cloned().unwrap_or_default());
        s.off_session
            .push(form.get("off_session").cloned().unwrap_or_default());
        !s.hung
    };
    if method == DECLINED {
        let error = serde_json::json!({"error": {
            "type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
            "message": "Your card has insufficient funds.",
        }});
        return (StatusCode::PAYMENT_REQUIRED, Json(error));
    }
    if first_call && method == HANGS_ONCE {
        seen.lock().unwrap().hung = true;
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    }
    let mut s = seen.lock().unwrap();
    let n = s.created.len();
    let intent = s
        .created
        .entry(key)
        .or_insert_with(|| {
            serde_json::json!({
                "id": format!("pi_fake_{n}"), "object": "payment_intent", "status": "succeeded",
                "client_secret": "secret", "metadata": {},
            })
        })
        .clone();
    (StatusCode::OK, Json(intent))
}

async fn setup_intent(
    State(seen): State<Shared>,
    Path(id): Path<String>,
) -> Json<serde_json::Value> {
    let owner = seen.lock().unwrap().setup_owner.clone();
    Json(serde_json::json!({
        "id": id, "object": "setup_intent", "status": "succeeded",
        "payment_method": HANGS_ONCE, "customer": "cus_fake",
        "metadata": {"nikoo_owner": owner},
    }))
}

async fn payment_method(Path(id): Path<String>) -> Json<serde_json::Value> {
    Json(
        serde_json::json!({"id": id, "object": "payment_method", "card": {"brand": "visa", "last4": "4242"}}),
    )
}

async fn detach(State(seen): State<Shared>, Path(id): Path<String>) -> Json<serde_json::Value> {
    seen.lock().unwrap().detached.push(id.clone());
    Json(serde_json::json!({"id": id, "object": "payment_method"}))
}

async fn refund(
    State(seen): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Json<serde_json::Value> {
    let key = headers
        .get("idempotency-key")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let pi = form.get("payment_intent").cloned().unwrap_or_default();
    let amount = form.get("amount").cloned().unwrap_or_default();
    seen.lock().unwrap().refunds.push((pi, amount, key));
    Json(serde_json::json!({"id": "re_fake", "object": "refund", "status": "succeeded"}))
}

/// A PaymentIntent with its latest charge as an id (not expanded, as
/// localstripe answers), so the client follows it.
async fn get_intent(Path(id): Path<String>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "id": id, "object": "payment_intent", "status": "succeeded",
        "latest_charge": format!("ch_{id}"), "metadata": {},
    }))
}

/// A charge with its balance transaction expanded once it has settled.
async fn get_charge(State(seen): State<Shared>, Path(id): Path<String>) -> Json<serde_json::Value> {
    let pi = id.trim_start_matches("ch_").to_owned();
    let settled = seen.lock().unwrap().fees.get(&pi).cloned();
    let transaction = settled.map(|(fee, currency)| {
        serde_json::json!({"id": format!("txn_{pi}"), "object": "balance_transaction", "fee": fee, "currency": currency})
    });
    Json(serde_json::json!({
        "id": id, "object": "charge", "payment_intent": pi, "balance_transaction": transaction,
    }))
}

async fn customer() -> Json<serde_json::Value> {
    Json(serde_json::json!({"id": "cus_fake", "object": "customer"}))
}

async fn new_setup(
    State(seen): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Json<serde_json::Value> {
    seen.lock().unwrap().setup_owner = form
        .get("metadata[nikoo_owner]")
        .cloned()
        .unwrap_or_default();
    Json(serde_json::json!({
        "id": "seti_fake", "object": "setup_intent", "status": "requires_payment_method",
        "client_secret": "seti_fake_secret",
    }))
}

/// Starts it on a free port; returns its base URL and what it saw.
pub async fn start() -> (String, Shared) {
    let seen: Shared = Arc::default();
    let app = Router::new()
        .route("/v1/payment_intents", post(create_intent))
        .route("/v1/payment_intents/{id}", get(get_intent))
        .route("/v1/charges/{id}", get(get_charge))
        .route("/v1/customers", post(customer))
        .route("/v1/refunds", post(refund))
        .route("/v1/setup_intents", post(new_setup))
        .route("/v1/setup_intents/{id}", get(setup_intent))
        .route("/v1/payment_methods/{id}", get(payment_method))
        .route("/v1/payment_methods/{id}/detach", post(detach))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/"), seen)
}
