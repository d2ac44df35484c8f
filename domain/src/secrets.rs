//! Passwords and one-time tokens.
//!
//! Passwords are hashed with argon2id by `password-auth` (its defaults:
//! m=19456 KiB, t=2, p=1, the OWASP Password Storage Cheat Sheet minimum),
//! off the async runtime (`spawn_blocking`) and behind a semaphore, so a
//! burst of sign-ins waits its turn instead of taking every core from page
//! requests. Emailed tokens are 256 random bits; only their SHA-256 is stored.

use crate::DomainError;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

/// Hashes and verifies passwords, at most `permits` at a time.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl Default for PasswordHasher {
    /// One hash at a time per two cores (at least one).
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        PasswordHasher::new((cores / 2).max(1))
    }
}

impl PasswordHasher {
    /// A hasher running at most `permits` hashes at once.
    pub fn new(permits: usize) -> PasswordHasher {
        PasswordHasher {
            permits: Arc::new(Semaphore::new(permits.max(1))),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, DomainError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| DomainError::Unexpected(format!("hasher closed: {e}")))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| DomainError::Unexpected(format!("hashing task: {e}")))
    }

    /// The argon2id PHC string of `password`.
    ///
    /// # Errors
    /// [`DomainError::Unexpected`] when the hashing task fails.
    pub async fn hash(&self, password: &str) -> Result<String, DomainError> {
        let password = password.to_owned();
        self.run(move || password_auth::generate_hash(password))
            .await
    }

    /// Whether `password` matches `hash`. With `None` (no such account) it
    /// checks against a fixed dummy hash, so an unknown email costs the same
    /// time as a known one (no account enumeration by timing).
    ///
    /// # Errors
    /// [`DomainError::Unexpected`] when the hashing task fails.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, DomainError> {
        let password = password.to_owned();
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash()).to_owned();
        let ok = self
            .run(move || password_auth::verify_password(password, &hash).is_ok())
            .await?;
        Ok(ok && known)
    }
}

/// A hash of a random password, computed once, for timing-equal refusals.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password_auth::generate_hash(new_token()))
}

/// A new one-time token: 32 random bytes, hex (64 characters), URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The stored form of a token: SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_at_owasp_strength_and_verify() {
        let h = PasswordHasher::new(1);
        let hash = h.hash("رمز عبور طولانی").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(h.verify("رمز عبور طولانی", Some(&hash)).await.unwrap());
        assert!(!h.verify("رمز عبور طولانی!", Some(&hash)).await.unwrap());
        assert!(!h.verify("anything", None).await.unwrap());
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a), token_hash(&format!(" {a}\n")));
        assert_ne!(token_hash(&a), a);
    }
}
