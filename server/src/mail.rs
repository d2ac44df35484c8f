//! Email delivery: a background task sends the outbox's pending emails
//! through SMTP (`lettre`) when `SMTP_URL` is set; without it they stay in
//! the outbox, where `nikoo outbox` shows them. Each email is tried at most
//! [`MAX_ATTEMPTS`] times.

use crate::settings::Settings;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use nikoo_domain::clock::SharedClock;
use nikoo_domain::outbox;
use nikoo_domain::sea_orm::DatabaseConnection;
use std::time::Duration;

/// Delivery attempts per email before it is left for an operator.
pub const MAX_ATTEMPTS: i32 = 5;

/// Starts the delivery loop (every 15 s) when SMTP is configured.
pub fn spawn_delivery(db: DatabaseConnection, clock: SharedClock, settings: &Settings) {
    let Some(url) = settings.smtp_url.clone() else {
        tracing::info!("SMTP_URL not set: emails stay in the outbox (`nikoo outbox`)");
        return;
    };
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&url) {
        Ok(t) => t.build(),
        Err(e) => {
            tracing::error!(error = %e, "SMTP_URL is not usable: emails stay in the outbox");
            return;
        }
    };
    let from = settings.mail_from.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = deliver_pending(&db, &clock, &transport, &from).await {
                tracing::warn!(error = %e, "email delivery round failed");
            }
            tokio::time::sleep(Duration::from_secs(15)).await;
        }
    });
}

async fn deliver_pending(
    db: &DatabaseConnection,
    clock: &SharedClock,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &str,
) -> Result<(), nikoo_domain::DomainError> {
    for email in outbox::pending(db, MAX_ATTEMPTS, 50).await? {
        let message = from
            .parse()
            .map_err(|e| format!("NIKOO_MAIL_FROM: {e}"))
            .and_then(|from| {
                let to = email
                    .to_address
                    .parse()
                    .map_err(|e| format!("recipient: {e}"))?;
                Message::builder()
                    .from(from)
                    .to(to)
                    .subject(email.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(email.body.clone())
                    .map_err(|e| e.to_string())
            });
        let error = match message {
            Ok(m) => transport.send(m).await.err().map(|e| e.to_string()),
            Err(e) => Some(e),
        };
        if let Some(e) = &error {
            tracing::warn!(id = email.id, error = %e, "email not sent");
        }
        outbox::record_attempt(db, email, clock.now(), error).await?;
    }
    Ok(())
}
