//! Accounts as records: the one lookup of a live (not deleted) account,
//! which the session layer, the policy's [`crate::accounts::policy::Actor`]
//! and the account services share.

use crate::entities::user;
use crate::DomainError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A live account by id (for the session layer).
///
/// # Errors
/// [`DomainError::Db`].
pub async fn find<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Option<user::Model>, DomainError> {
    Ok(user::Entity::find_by_id(user_id)
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?)
}
