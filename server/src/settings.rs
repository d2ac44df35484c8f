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
        })
    }
}
