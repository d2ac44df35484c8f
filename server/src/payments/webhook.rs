//! `POST /webhooks/stripe`: Stripe's events, verified and applied once.
//!
//! Verification follows Stripe's scheme (stripe.com/docs/webhooks, "Verify
//! signatures manually"): the `Stripe-Signature` header holds `t=<unix
//! seconds>` and one or more `v1=<hex HMAC-SHA256 of "t.body">`; the request
//! is genuine when ANY `v1` matches under the endpoint's secret (Stripe
//! signs with both secrets while one rotates) and `t` is within
//! [`TOLERANCE_SECS`] of now, either way. A missing or bad signature is 400
//! and changes nothing; every genuine delivery (first, repeated, or of a
//! type Nikoo ignores) is 200; a database failure is 500, so Stripe retries.

use super::stripe::{PaymentIntent, PAYMENT_KEY};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use nikoo_domain::clock::SharedClock;
use nikoo_domain::giving::payments::{apply_event, PaymentUpdate, ProviderEvent};
use nikoo_domain::sea_orm::DatabaseConnection;
use serde::Deserialize;
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Arc;

/// Seconds a signature's timestamp may differ from now (Stripe's libraries' default).
pub const TOLERANCE_SECS: i64 = 300;

/// Why a webhook request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("no Stripe-Signature header, or one without t= or v1=")]
    Malformed,
    #[error("timestamp outside the tolerance")]
    Stale,
    #[error("no v1 signature matches")]
    Mismatch,
}

/// Checks `header` (a `Stripe-Signature` value) for `payload` at `now`
/// (Unix seconds).
///
/// # Errors
/// [`SignatureError`].
pub fn verify(payload: &[u8], header: &str, secret: &str, now: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.push(v),
            _ => {}
        }
    }
    let (Some(t), false) = (timestamp, signatures.is_empty()) else {
        return Err(SignatureError::Malformed);
    };
    if (now - t).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|_| SignatureError::Mismatch)?;
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    let genuine = signatures
        .iter()
        .any(|s| hex::decode(s).is_ok_and(|bytes| mac.clone().verify_slice(&bytes).is_ok()));
    if genuine {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The fields of a Stripe event Nikoo reads.
#[derive(Debug, Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    type_: String,
    data: EventData,
}

#[derive(Debug, Deserialize)]
struct EventData {
    object: serde_json::Value,
}

/// The fields of a Charge Nikoo reads (`charge.refunded`).
#[derive(Debug, Deserialize)]
struct Charge {
    payment_intent: Option<String>,
    #[serde(default)]
    amount_refunded: i64,
    #[serde(default)]
    metadata: HashMap<String, String>,
}

/// Reads a verified payload as a provider event; `None` when it is not an
/// event at all.
pub fn parse_event(payload: &[u8]) -> Option<ProviderEvent> {
    let event: Event = serde_json::from_slice(payload).ok()?;
    let mut out = ProviderEvent {
        event_ref: event.id,
        event_type: event.type_.clone(),
        payment_key: None,
        payment_ref: None,
        update: None,
    };
    let intent_update = match event.type_.as_str() {
        "payment_intent.succeeded" => Some(PaymentUpdate::Succeeded),
        "payment_intent.processing" => Some(PaymentUpdate::Processing),
        "payment_intent.requires_action" => Some(PaymentUpdate::RequiresAction),
        "payment_intent.payment_failed" => Some(PaymentUpdate::Failed { code: None }),
        _ => None,
    };
    if let Some(update) = intent_update {
        let intent: PaymentIntent = serde_json::from_value(event.data.object).ok()?;
        out.update = Some(match update {
            PaymentUpdate::Failed { .. } => PaymentUpdate::Failed {
                code: intent
                    .last_payment_error
                    .and_then(|e| e.decline_code.or(e.code)),
            },
            other => other,
        });
        out.payment_key = intent.metadata.get(PAYMENT_KEY).cloned();
        out.payment_ref = Some(intent.id);
    } else if event.type_ == "charge.refunded" {
        let charge: Charge = serde_json::from_value(event.data.object).ok()?;
        out.update = Some(PaymentUpdate::Refunded {
            total_minor: charge.amount_refunded,
            requested_by: None,
        });
        out.payment_key = charge.metadata.get(PAYMENT_KEY).cloned();
        out.payment_ref = charge.payment_intent;
    }
    Some(out)
}

/// What the webhook route needs.
#[derive(Clone)]
pub struct WebhookState {
    pub db: DatabaseConnection,
    pub clock: SharedClock,
    /// `STRIPE_WEBHOOK_SECRET`; `None` refuses every delivery.
    pub secret: Option<Arc<str>>,
}

/// The handler of `POST /webhooks/stripe`.
pub async fn receive(
    State(state): State<WebhookState>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    let Some(secret) = state.secret.as_deref() else {
        return (StatusCode::BAD_REQUEST, "webhooks are not configured");
    };
    let header = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let now = state.clock.now();
    if let Err(e) = verify(&body, header, secret, now.timestamp()) {
        tracing::warn!(error = %e, "stripe webhook refused");
        return (StatusCode::BAD_REQUEST, "bad signature");
    }
    let Some(event) = parse_event(&body) else {
        return (StatusCode::BAD_REQUEST, "not an event");
    };
    match apply_event(&state.db, now, "stripe", &event).await {
        Ok(applied) => {
            tracing::info!(event = %event.event_ref, kind = %event.event_type, ?applied, "stripe event");
            (StatusCode::OK, "ok")
        }
        Err(e) => {
            tracing::error!(error = %e, event = %event.event_ref, "applying a stripe event failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "try again")
        }
    }
}
