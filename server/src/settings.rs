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

impl Settings {
    /// Reads the settings from the environment, with defaults.
    ///
    /// # Errors
    /// [`SettingsError`] for a value that does not parse.
    pub fn from_env() -> Result<Settings, SettingsError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let addr = var("NIKOO_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
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
        })
    }
}
