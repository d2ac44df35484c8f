//! Idempotency keys of forms (issue 16): every form a page renders carries
//! a fresh random key (the hidden `form_key` input,
//! `nikoo_app::components::form::LangInput`), and the server claims a
//! key before it does what the form asks (`nikoo_server::form_keys`). A
//! key claimed already means the same rendered form was sent again (a
//! double click, a refresh or "back" after a post): it is not done twice.
//! A form that was refused gives its key back, so it may be sent again.
//! Claims are kept [`KEPT_DAYS`] days; the `form-keys` job deletes older
//! ones.

use crate::entities::form_key;
use crate::error::DomainError;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// How long a claimed key is remembered: two days, far longer than anyone
/// keeps a form open and sends it again.
pub const KEPT_DAYS: i64 = 2;

/// A new key: 128 random bits as 32 lowercase hex digits.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Whether `key` has the shape [`new_key`] gives.
pub fn is_key(key: &str) -> bool {
    key.len() == 32
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Claims `key` at `now`: true when it was free (the form may be done),
/// false when it was claimed already (the same form sent again). Safe
/// under concurrency: of two requests claiming one key, one gets true.
///
/// # Errors
/// `Invalid` (`form_key`, `malformed`) for a key of the wrong shape; `Db`.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !is_key(key) {
        return Err(DomainError::invalid(
            "form_key",
            nikoo_types::outcome::Rule::Malformed,
        ));
    }
    let row = form_key::ActiveModel {
        key: Set(key.to_owned()),
        created_at: Set(now),
    };
    let inserted = form_key::Entity::insert(row)
        .on_conflict(
            OnConflict::column(form_key::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Gives `key` back (its form was refused or failed), so the same form may
/// be sent again.
///
/// # Errors
/// `Db`.
pub async fn release<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), DomainError> {
    form_key::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the claims older than [`KEPT_DAYS`] before `now`; answers how
/// many.
///
/// # Errors
/// `Db`.
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let r = form_key::Entity::delete_many()
        .filter(form_key::Column::CreatedAt.lt(now - Duration::days(KEPT_DAYS)))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::{is_key, new_key};

    #[test]
    fn keys_are_fresh_and_well_formed() {
        let (a, b) = (new_key(), new_key());
        assert!(is_key(&a) && is_key(&b));
        assert_ne!(a, b);
        assert!(!is_key("") && !is_key(&"A".repeat(32)) && !is_key(&"a".repeat(33)));
    }
}
