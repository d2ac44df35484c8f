//! Email delivery: the `outbox` job (`crate::jobs`) sends the outbox's
//! pending emails through a [`MailTransport`] — SMTP (`lettre`) when
//! `SMTP_URL` is set; without it the job does not run and emails stay in
//! the outbox, where `nikoo outbox` shows them. Each email is claimed
//! before it is sent (`outbox::claim`) and tried at most [`MAX_ATTEMPTS`]
//! times.

use crate::settings::Settings;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use nikoo_domain::clock::SharedClock;
use nikoo_domain::entities::outbox_email;
use nikoo_domain::outbox;
use nikoo_domain::sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Delivery attempts per email before it is left for an operator.
pub const MAX_ATTEMPTS: i32 = 5;

/// How many emails one run of the outbox job sends at most (the rest wait
/// for the next run, 15 s later).
pub const BATCH: u64 = 50;

/// Something that delivers one email: SMTP in production, a recorder in tests.
#[async_trait::async_trait]
pub trait MailTransport: Send + Sync {
    /// Delivers `email`.
    ///
    /// # Errors
    /// Why it was not delivered, as text for the outbox's `last_error`.
    async fn send(&self, email: &outbox_email::Model) -> Result<(), String>;
}

/// A shared transport, as the job runner holds it.
pub type SharedMailer = Arc<dyn MailTransport>;

/// SMTP through `lettre`, from `SMTP_URL` and `NIKOO_MAIL_FROM`.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: String,
}

impl Smtp {
    /// The SMTP transport of `settings`; `None` (with a log line) when
    /// `SMTP_URL` is unset or unusable.
    pub fn from_settings(settings: &Settings) -> Option<SharedMailer> {
        let Some(url) = settings.smtp_url.as_deref() else {
            tracing::info!("SMTP_URL not set: emails stay in the outbox (`nikoo outbox`)");
            return None;
        };
        match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
            Ok(t) => Some(Arc::new(Smtp {
                transport: t.build(),
                from: settings.mail_from.clone(),
            })),
            Err(e) => {
                tracing::error!(error = %e, "SMTP_URL is not usable: emails stay in the outbox");
                None
            }
        }
    }
}

#[async_trait::async_trait]
impl MailTransport for Smtp {
    async fn send(&self, email: &outbox_email::Model) -> Result<(), String> {
        let from = self
            .from
            .parse()
            .map_err(|e| format!("NIKOO_MAIL_FROM: {e}"))?;
        let to = email
            .to_address
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(email.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// What one run of the outbox job did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: u32,
    pub failed: u32,
}

/// Sends up to [`BATCH`] pending emails, oldest first: each is claimed
/// (skipped when another sender claimed it first), sent, and its outcome
/// recorded.
///
/// # Errors
/// `Db`. Delivery failures are recorded on the emails, not returned.
pub async fn send_pending(
    db: &DatabaseConnection,
    clock: &SharedClock,
    mailer: &dyn MailTransport,
) -> Result<SendReport, nikoo_domain::DomainError> {
    let mut report = SendReport::default();
    for email in outbox::pending(db, clock.now(), MAX_ATTEMPTS, BATCH).await? {
        let Some(claim) = outbox::claim(db, &email, clock.now(), MAX_ATTEMPTS).await? else {
            continue;
        };
        let error = mailer.send(&email).await.err();
        match &error {
            Some(e) => {
                tracing::warn!(id = email.id, error = %e, "email not sent");
                report.failed += 1;
            }
            None => report.sent += 1,
        }
        outbox::record_attempt(db, claim, clock.now(), error).await?;
    }
    Ok(report)
}
