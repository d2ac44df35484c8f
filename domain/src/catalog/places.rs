//! Where a center works: the counties of its province, as the workspace
//! forms offer them, and the one check that a chosen county is one of them
//! (programs and beneficiaries alike).

use crate::entities::{center, county};
use crate::error::DomainError;
use nikoo_types::outcome::Rule;
use nikoo_types::transparency::Place;
use nikoo_types::LocalizedText;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The counties of `c`'s province, by English name.
///
/// # Errors
/// [`DomainError::Db`]; [`DomainError::Unexpected`] when the center's own
/// county is missing from the reference data.
pub async fn counties_of<C: ConnectionTrait>(
    db: &C,
    c: &center::Model,
) -> Result<Vec<county::Model>, DomainError> {
    let own = county::Entity::find_by_id(c.county_code.clone())
        .one(db)
        .await?
        .ok_or_else(|| DomainError::Unexpected(format!("county {}", c.county_code)))?;
    Ok(county::Entity::find()
        .filter(county::Column::ProvinceCode.eq(own.province_code))
        .order_by_asc(county::Column::NameEn)
        .all(db)
        .await?)
}

/// The county coded `code` (surrounding spaces ignored) when it lies in
/// `c`'s province.
///
/// # Errors
/// [`DomainError::Field`] `county`/`unknown_code` for any other code;
/// those of [`counties_of`].
pub async fn county_of_center<C: ConnectionTrait>(
    db: &C,
    c: &center::Model,
    code: &str,
) -> Result<county::Model, DomainError> {
    counties_of(db, c)
        .await?
        .into_iter()
        .find(|k| k.code == code.trim())
        .ok_or_else(|| DomainError::invalid("county", Rule::UnknownCode))
}

/// A county as pages show it: its code and its Persian and English names.
pub fn place(c: &county::Model) -> Place {
    Place {
        code: c.code.clone(),
        name: LocalizedText::new(Some(c.name_fa.clone()), Some(c.name_en.clone())),
    }
}
