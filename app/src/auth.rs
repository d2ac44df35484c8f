//! Sessions: the `axum-login` backend over Nikoo's accounts (server only).
//!
//! The session remembers the account id and its password hash; when the
//! hash changes (password change or reset, account deletion) every other
//! session of the account stops authenticating (axum-login's
//! `session_auth_hash`). Passwords are checked by `nikoo_domain::accounts`,
//! never here.

use axum_login::{AuthUser, AuthnBackend};
use nikoo_domain::entities::user;
use nikoo_domain::sea_orm::DatabaseConnection;
use nikoo_domain::DomainError;

/// The session key holding the sign-in instant (Unix seconds, UTC), for
/// the absolute session lifetime.
pub const SIGNED_IN_AT: &str = "nikoo.signed_in_at";

/// A signed-in account as the session layer knows it.
#[derive(Clone)]
pub struct SessionUser {
    /// `users.id`.
    pub id: i32,
    auth_hash: Vec<u8>,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl From<&user::Model> for SessionUser {
    fn from(u: &user::Model) -> Self {
        SessionUser {
            id: u.id,
            auth_hash: u.password_hash.as_bytes().to_vec(),
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i32;

    fn id(&self) -> i32 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// The backend: loads accounts by id. Credentials are an account id that
/// `nikoo_domain::accounts::log_in` has already checked.
#[derive(Clone, Debug)]
pub struct Backend {
    pub db: DatabaseConnection,
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = i32;
    type Error = DomainError;

    async fn authenticate(&self, user_id: i32) -> Result<Option<SessionUser>, DomainError> {
        self.get_user(&user_id).await
    }

    async fn get_user(&self, user_id: &i32) -> Result<Option<SessionUser>, DomainError> {
        Ok(nikoo_domain::accounts::users::find(&self.db, *user_id)
            .await?
            .as_ref()
            .map(SessionUser::from))
    }
}

/// The request's session, as server functions extract it.
pub type AuthSession = axum_login::AuthSession<Backend>;
