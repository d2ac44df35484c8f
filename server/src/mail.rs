//! Email delivery: the `outbox` job (`crate::jobs`) renders the outbox's
//! pending emails ([`render`]: the template's subject and text from
//! `i18n/{fa,en}/emails.ftl`, links from `nikoo_types::routes` under the
//! site's public URL) and sends them through a [`MailTransport`] — SMTP
//! (`lettre`) when `SMTP_URL` is set; without it the job does not run and
//! emails stay in the outbox, where `nikoo outbox` shows them rendered the
//! same way. Each email is claimed before it is sent (`outbox::claim`)
//! and tried at most [`MAX_ATTEMPTS`] times.

use crate::settings::Settings;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use nikoo_domain::clock::SharedClock;
use nikoo_domain::entities::outbox_email;
use nikoo_domain::outbox;
use nikoo_domain::sea_orm::DatabaseConnection;
use nikoo_types::accounts::StaffRole;
use nikoo_types::mail::Message;
use nikoo_types::{routes, Locale};
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
    async fn send(&self, email: &Rendered) -> Result<(), String>;
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
    async fn send(&self, email: &Rendered) -> Result<(), String> {
        let from = self
            .from
            .parse()
            .map_err(|e| format!("NIKOO_MAIL_FROM: {e}"))?;
        let to = email.to.parse().map_err(|e| format!("recipient: {e}"))?;
        let message = lettre::Message::builder()
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

/// An email ready to send: plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Renders outbox row `email` for the site at `public_url`: its
/// [`Message`]'s subject and text in the recipient's language, with the
/// message's link. A row written before templates is as stored.
///
/// # Errors
/// A row whose template or parameters do not read (its `last_error`).
pub fn render(email: &outbox_email::Model, public_url: &str) -> Result<Rendered, String> {
    let Some(params) = email.params.as_deref() else {
        return Ok(Rendered {
            to: email.to_address.clone(),
            subject: email.subject.clone(),
            body: email.body.clone(),
        });
    };
    let message: Message =
        serde_json::from_str(params).map_err(|e| format!("email parameters: {e}"))?;
    let locale = email
        .locale
        .as_deref()
        .and_then(Locale::from_code)
        .unwrap_or_default();
    let (subject, body) = render_message(&message, locale, public_url);
    Ok(Rendered {
        to: email.to_address.clone(),
        subject,
        body,
    })
}

/// The subject and text of `message` in `locale`, its links under `public_url`.
pub fn render_message(message: &Message, locale: Locale, public_url: &str) -> (String, String) {
    let link = |path: String| format!("{}{path}", public_url.trim_end_matches('/'));
    let digits = |n: i32| nikoo_types::digits::localize_digits(&n.to_string(), locale);
    let vars: Vec<(&str, String)> = match message {
        Message::VerifyEmail { name, token } => vec![
            ("name", name.clone()),
            ("url", link(routes::verify_email(locale, token))),
        ],
        Message::AccountExists => vec![
            ("url", link(routes::login(locale, None))),
            ("reset_url", link(routes::forgot_password(locale))),
        ],
        Message::ResetPassword { token } => {
            vec![("url", link(routes::reset_password(locale, token)))]
        }
        Message::Invitation {
            center,
            role,
            inviter,
            token,
        } => vec![
            ("center", center.get(locale).to_owned()),
            (
                "role",
                StaffRole::from_code(role)
                    .map_or_else(|| role.clone(), |r| r.label(locale).to_owned()),
            ),
            ("inviter", inviter.clone()),
            ("url", link(routes::invitation(locale, token))),
        ],
        Message::InstallmentOverdue { number } => vec![
            ("number", digits(*number)),
            ("url", link(routes::my_giving(locale))),
        ],
        Message::InstallmentUnpaid { number, due } => vec![
            ("number", digits(*number)),
            ("due", due.format(locale)),
            ("url", link(routes::my_giving(locale))),
        ],
        Message::PledgeCancelled { program, reason } => vec![
            ("program", program.get(locale).to_owned()),
            ("reason", reason.clone()),
            ("url", link(routes::my_giving(locale))),
        ],
        Message::ProgramUpdate {
            program,
            slug,
            title,
            text,
        } => vec![
            ("program", program.get(locale).to_owned()),
            ("title", title.get(locale).to_owned()),
            ("text", text.get(locale).to_owned()),
            (
                "url",
                format!("{}#updates", link(routes::program(locale, slug))),
            ),
        ],
    };
    let strings = nikoo_types::i18n::emails::strings(locale);
    let fill = |part: &str| {
        let key = format!("{}_{part}", message.template());
        let mut text = strings.lookup(&key).unwrap_or_default().to_owned();
        for (name, value) in &vars {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    };
    (fill("subject"), format!("{}\n", fill("body")))
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
    public_url: &str,
) -> Result<SendReport, nikoo_domain::DomainError> {
    let mut report = SendReport::default();
    for email in outbox::pending(db, clock.now(), MAX_ATTEMPTS, BATCH).await? {
        let Some(claim) = outbox::claim(db, &email, clock.now(), MAX_ATTEMPTS).await? else {
            continue;
        };
        let error = match render(&email, public_url) {
            Ok(rendered) => mailer.send(&rendered).await.err(),
            Err(e) => Some(e),
        };
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
