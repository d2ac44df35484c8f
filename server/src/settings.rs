//! Typed settings, read from the environment (README: "Settings").

use std::net::SocketAddr;

/// Every setting the server reads.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `DATABASE_URL`: `sqlite://PATH?mode=rwc` or `postgres://…`.
    /// Default: `sqlite://data/nikoo.db?mode=rwc`.
    pub database_url: String,
    /// `NIKOO_ADDR`: where to listen. Default `127.0.0.1:3000`.
    pub addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder holding `pkg/` (the wasm, JS and CSS).
    /// Default `target/site`.
    pub site_root: String,
    /// `NIKOO_PUBLIC_URL`: the address people reach the site at, e.g.
    /// `https://nikoo.example`. Default `http://` + `NIKOO_ADDR`. When it is
    /// https, responses carry HSTS.
    pub public_url: String,
    /// `NIKOO_SESSION_IDLE_MINUTES`: a session unused this long ends. Default 60.
    pub session_idle_minutes: i64,
    /// `NIKOO_SESSION_MAX_HOURS`: a sign-in lasts at most this long, used or not. Default 12.
    pub session_max_hours: i64,
    /// `NIKOO_STRIPE_ORIGINS`: space-separated origins the pages may load the
    /// card form from and talk to (CSP), when card payments are on; empty:
    /// the origins of `STRIPE_JS_URL` and `STRIPE_API_BASE`. Read through
    /// [`Settings::card_form_origins`].
    pub stripe_origins: Vec<String>,
    /// `NIKOO_TRUSTED_PROXIES`: space- or comma-separated addresses of the
    /// reverse proxies in front of Nikoo, e.g. `127.0.0.1 ::1`, whose
    /// `X-Forwarded-For` names the client (`crate::client_address`). Default
    /// none: the connection's peer is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `SMTP_URL`: e.g. `smtps://user:pass@smtp.example:465`; unset, emails stay in the outbox.
    pub smtp_url: Option<String>,
    /// `NIKOO_MAIL_FROM`: the sender of emails. Default `Nikoo <no-reply@localhost>`.
    pub mail_from: String,
    /// `STRIPE_SECRET_KEY`, `STRIPE_PUBLISHABLE_KEY`, `STRIPE_WEBHOOK_SECRET`,
    /// `STRIPE_API_BASE`, `STRIPE_JS_URL`: card payments; `None` without both keys.
    pub stripe: Option<StripeSettings>,
    /// `NIKOO_INSTALLMENT_GRACE_DAYS`: days after its due date that an
    /// installment of a pledge paid to the center, not recorded as
    /// received, becomes overdue (its donor is emailed). 1 to 366; default 14.
    pub installment_grace_days: u32,
    /// `REDIS_URL`: e.g. `redis://127.0.0.1:6379/0`; when set, sessions live
    /// in Redis instead of the database.
    pub redis_url: Option<String>,
    /// `NIKOO_DATA_DIR`: the folder of files Nikoo keeps (uploads by
    /// default, the data key file). Default `data`.
    pub data_dir: std::path::PathBuf,
    /// Where uploads are stored: `NIKOO_UPLOADS_URL` (any `object_store`
    /// URL without cloud features: `file:///srv/nikoo/uploads`, `memory:///`),
    /// default the folder `uploads` in `NIKOO_DATA_DIR`. Opened when read.
    pub uploads: nikoo_domain::uploads::UploadStore,
    /// The keys that seal beneficiaries' personal details: from
    /// `NIKOO_DATA_KEY` (64 hex characters), else from the file `data.key`
    /// in `NIKOO_DATA_DIR`, created on first start (back it up: without it
    /// the details cannot be read).
    pub data_keys: nikoo_domain::beneficiaries::personal_data::DataKeys,
}

impl Settings {
    /// Whether the site is served over https.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// A setting that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("setting {name}: {message}")]
pub struct SettingsError {
    /// The environment variable.
    pub name: &'static str,
    /// What is wrong with it.
    pub message: String,
}

fn positive(
    var: &dyn Fn(&str) -> Option<String>,
    name: &'static str,
    default: i64,
) -> Result<i64, SettingsError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(SettingsError {
                name,
                message: format!("{v:?} is not a positive whole number"),
            }),
    }
}

/// Stripe's keys and addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripeSettings {
    pub secret_key: String,
    pub publishable_key: String,
    /// Verifies `POST /webhooks/stripe`; without it every delivery is refused.
    pub webhook_secret: Option<String>,
    /// Default `https://api.stripe.com/` (localstripe's in tests).
    pub api_base: String,
    /// Default `https://js.stripe.com/v3/`.
    pub js_url: String,
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

impl Settings {
    /// The origins the pages' card form loads from and talks to (their
    /// CSP names them): none without card payments (both Stripe keys), so
    /// no page then may load anything from Stripe; else
    /// `NIKOO_STRIPE_ORIGINS`, or Stripe.js's origin and, when it is not
    /// Stripe's own, the API's (localstripe serves both).
    pub fn card_form_origins(&self) -> Vec<String> {
        let Some(stripe) = &self.stripe else {
            return Vec::new();
        };
        if !self.stripe_origins.is_empty() {
            return self.stripe_origins.clone();
        }
        let mut origins: Vec<String> = [stripe.js_url.as_str(), stripe.api_base.as_str()]
            .into_iter()
            .filter_map(origin_of)
            .collect();
        origins.dedup();
        origins
    }

    /// Settings for tests and tools: defaults, with `public_url` as given.
    pub fn for_tests(public_url: &str) -> Settings {
        Settings {
            database_url: String::new(),
            addr: "127.0.0.1:0".parse().expect("valid address"),
            site_root: format!("{}/../target/site", env!("CARGO_MANIFEST_DIR")),
            public_url: public_url.into(),
            session_idle_minutes: 60,
            session_max_hours: 12,
            stripe_origins: Vec::new(),
            trusted_proxies: Vec::new(),
            smtp_url: None,
            mail_from: "Nikoo <no-reply@localhost>".into(),
            stripe: None,
            installment_grace_days: 14,
            redis_url: None,
            data_dir: std::env::temp_dir().join("nikoo-tests"),
            uploads: nikoo_domain::uploads::UploadStore::in_memory(),
            data_keys: nikoo_domain::beneficiaries::personal_data::DataKeys::from_master(&[7; 32]),
        }
    }

    /// Reads the settings from the environment, with defaults.
    ///
    /// # Errors
    /// [`SettingsError`] for a value that does not parse.
    pub fn from_env() -> Result<Settings, SettingsError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let stripe = match (var("STRIPE_SECRET_KEY"), var("STRIPE_PUBLISHABLE_KEY")) {
            (Some(secret_key), Some(publishable_key)) => Some(StripeSettings {
                secret_key,
                publishable_key,
                webhook_secret: var("STRIPE_WEBHOOK_SECRET"),
                api_base: var("STRIPE_API_BASE")
                    .unwrap_or_else(|| crate::payments::stripe::DEFAULT_API_BASE.into()),
                js_url: var("STRIPE_JS_URL")
                    .unwrap_or_else(|| crate::payments::stripe::DEFAULT_JS_URL.into()),
            }),
            _ => None,
        };
        let addr = var("NIKOO_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let data_dir =
            std::path::PathBuf::from(var("NIKOO_DATA_DIR").unwrap_or_else(|| "data".into()));
        let uploads = match var("NIKOO_UPLOADS_URL") {
            Some(url) => nikoo_domain::uploads::UploadStore::from_url(&url),
            None => nikoo_domain::uploads::UploadStore::local(&data_dir.join("uploads")),
        }
        .map_err(|message| SettingsError {
            name: "NIKOO_UPLOADS_URL",
            message,
        })?;
        let data_keys = match var("NIKOO_DATA_KEY") {
            Some(hex) => nikoo_domain::beneficiaries::personal_data::DataKeys::from_hex(&hex),
            None => nikoo_domain::beneficiaries::personal_data::DataKeys::from_file(
                &data_dir.join("data.key"),
            ),
        }
        .map_err(|message| SettingsError {
            name: "NIKOO_DATA_KEY",
            message,
        })?;
        Ok(Settings {
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| nikoo_domain::db::DEFAULT_DATABASE_URL.into()),
            addr: addr.parse().map_err(|e| SettingsError {
                name: "NIKOO_ADDR",
                message: format!("{e}"),
            })?,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            public_url: var("NIKOO_PUBLIC_URL")
                .map(|u| u.trim_end_matches('/').to_owned())
                .unwrap_or_else(|| format!("http://{addr}")),
            session_idle_minutes: positive(&var, "NIKOO_SESSION_IDLE_MINUTES", 60)?,
            session_max_hours: positive(&var, "NIKOO_SESSION_MAX_HOURS", 12)?,
            stripe_origins: var("NIKOO_STRIPE_ORIGINS")
                .map(|list| list.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
            stripe,
            trusted_proxies: match var("NIKOO_TRUSTED_PROXIES") {
                None => Vec::new(),
                Some(list) => list
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|a| !a.is_empty())
                    .map(|a| {
                        a.parse::<std::net::IpAddr>()
                            .map(|ip| ip.to_canonical())
                            .map_err(|e| SettingsError {
                                name: "NIKOO_TRUSTED_PROXIES",
                                message: format!("{a:?}: {e}"),
                            })
                    })
                    .collect::<Result<_, _>>()?,
            },
            smtp_url: var("SMTP_URL"),
            mail_from: var("NIKOO_MAIL_FROM")
                .unwrap_or_else(|| "Nikoo <no-reply@localhost>".into()),
            installment_grace_days: positive(&var, "NIKOO_INSTALLMENT_GRACE_DAYS", 14).and_then(
                |d| {
                    u32::try_from(d)
                        .ok()
                        .filter(|d| *d <= 366)
                        .ok_or(SettingsError {
                            name: "NIKOO_INSTALLMENT_GRACE_DAYS",
                            message: format!("{d} is more than a year (366 days)"),
                        })
                },
            )?,
            redis_url: var("REDIS_URL"),
            data_dir,
            uploads,
            data_keys,
        })
    }
}
