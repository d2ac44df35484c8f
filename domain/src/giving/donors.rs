//! Donor records (نیکوکار): one per account (made on its first gift or
//! pledge), per guest email, or per named gift staff record; the name a
//! donor chose to show, and whether they stay anonymous, travel with each
//! gift (`pledge_list` decides who sees which name).

use crate::entities::{donor, user};
use crate::error::DomainError;
use chrono::{DateTime, Utc};
use nikoo_types::outcome::Rule;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Finds the donor with `key`, or creates one.
///
/// # Errors
/// `Invalid` for an empty name; `Db`.
pub async fn upsert_donor<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    key: &str,
    display_name: &str,
    email: Option<&str>,
) -> Result<donor::Model, DomainError> {
    if let Some(d) = donor::Entity::find()
        .filter(donor::Column::Key.eq(key))
        .one(db)
        .await?
    {
        return Ok(d);
    }
    if display_name.trim().is_empty() {
        return Err(DomainError::invalid("display_name", Rule::Required));
    }
    Ok(donor::ActiveModel {
        key: Set(Some(key.to_owned())),
        display_name: Set(display_name.trim().to_owned()),
        email: Set(email.map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The donor record of a signed-in account, created on its first gift or pledge.
///
/// # Errors
/// `Db`.
pub async fn account_donor<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    u: &user::Model,
) -> Result<donor::Model, DomainError> {
    if let Some(d) = u.donor_id {
        if let Some(d) = donor::Entity::find_by_id(d).one(db).await? {
            return Ok(d);
        }
    }
    let d = upsert_donor(
        db,
        now,
        &format!("user:{}", u.id),
        &u.display_name,
        Some(&u.email),
    )
    .await?;
    let mut row: user::ActiveModel = u.clone().into();
    row.donor_id = Set(Some(d.id));
    row.update(db).await?;
    Ok(d)
}

/// The donor record of a gift staff record with the giver's name (one per
/// gift: a name alone identifies no one), or `None` without a name.
pub async fn named_giver<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    key: &str,
    name: Option<&str>,
) -> Result<Option<i32>, DomainError> {
    Ok(match name {
        Some(who) => Some(
            upsert_donor(db, now, &format!("offline:{key}"), who, None)
                .await?
                .id,
        ),
        None => None,
    })
}

/// Emails `message` to donor `donor_id`, in the language of the account
/// with their address (Persian without one), in `db`'s transaction; a
/// donor without an email address (or none at all) is not emailed.
///
/// # Errors
/// `Db`.
pub(crate) async fn email_donor<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    donor_id: Option<i32>,
    message: &nikoo_types::mail::Message,
) -> Result<(), DomainError> {
    let Some(id) = donor_id else {
        return Ok(());
    };
    let Some(email) = donor::Entity::find_by_id(id)
        .one(db)
        .await?
        .and_then(|d| d.email)
    else {
        return Ok(());
    };
    let locale = crate::giving::installments::donor_locale(db, &email).await?;
    crate::outbox::enqueue(db, now, &email, locale, message).await?;
    Ok(())
}
