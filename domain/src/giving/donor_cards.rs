//! Replacing the card a donor's recurring pledges are charged to.
//!
//! 1. [`start_card_update`] starts a card setup owned by the donor
//!    (`donor:{id}`) on their provider customer.
//! 2. The browser's provider script saves the new card.
//! 3. [`confirm_card_update`] reads the card from the provider (accepted
//!    only if it was set up for this donor), moves every active or paused
//!    card pledge of the donor to it, puts their retrying and overdue
//!    installments back to be charged at the job's next run (attempts from
//!    zero), and removes the old cards, here and at the provider.

use crate::entities::codes::{InstallmentStatus, PledgeStatus};
use crate::entities::{donor, installment, pledge, saved_card, user};
use crate::error::DomainError;
use crate::giving::payments::card_gifts::card_error;
use crate::giving::payments::provider::PaymentProvider;
use chrono::{DateTime, Utc};
use nikoo_types::giving::CardPledgeStarted;
use nikoo_types::outcome::Rule;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// The donor's card pledges that are still running (active or paused).
async fn running_card_pledges(
    db: &DatabaseConnection,
    donor_id: i32,
) -> Result<Vec<pledge::Model>, DomainError> {
    Ok(pledge::Entity::find()
        .filter(pledge::Column::DonorId.eq(donor_id))
        .filter(pledge::Column::SavedCardId.is_not_null())
        .filter(pledge::Column::Status.is_in([PledgeStatus::Active, PledgeStatus::Paused]))
        .all(db)
        .await?)
}

/// The donor record of a signed-in account that has running card pledges.
async fn donor_with_card_pledges(
    db: &DatabaseConnection,
    user: &user::Model,
) -> Result<(donor::Model, Vec<pledge::Model>), DomainError> {
    let none = || DomainError::invalid("card", Rule::NoCardPledges);
    let donor_id = user.donor_id.ok_or_else(none)?;
    let pledges = running_card_pledges(db, donor_id).await?;
    if pledges.is_empty() {
        return Err(none());
    }
    let donor = donor::Entity::find_by_id(donor_id)
        .one(db)
        .await?
        .ok_or_else(none)?;
    Ok((donor, pledges))
}

/// Step 1: starts saving a new card for the signed-in donor.
///
/// # Errors
/// `Invalid(card/no_card_pledges)` when the donor has no running card
/// pledge; `Invalid(card/…)` when the provider fails; `Db`.
pub async fn start_card_update(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    user: &user::Model,
) -> Result<CardPledgeStarted, DomainError> {
    let (donor, _) = donor_with_card_pledges(db, user).await?;
    crate::giving::pledges::set_up_donor_card(db, provider, &donor, "card-update").await
}

/// What a card update did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardUpdated {
    /// The new saved card.
    pub card_id: i32,
    /// Pledges moved to it.
    pub pledges: u32,
    /// Retrying or overdue installments put back to be charged.
    pub rescheduled: u32,
}

/// Step 3: moves the donor's running card pledges to the card saved by
/// setup `setup_ref`.
///
/// # Errors
/// As [`start_card_update`]; `Forbidden` for a setup started for someone else.
pub async fn confirm_card_update(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    now: DateTime<Utc>,
    user: &user::Model,
    setup_ref: &str,
) -> Result<CardUpdated, DomainError> {
    let (donor, pledges) = donor_with_card_pledges(db, user).await?;
    let card = provider
        .card_of_setup(setup_ref)
        .await
        .map_err(card_error)?;
    if card.owner.as_deref() != Some(format!("donor:{}", donor.id).as_str()) {
        return Err(DomainError::Forbidden);
    }
    let customer = card.customer_ref.clone().ok_or(DomainError::Forbidden)?;
    let old: Vec<saved_card::Model> = saved_card::Entity::find()
        .filter(saved_card::Column::DonorId.eq(donor.id))
        .filter(saved_card::Column::RemovedAt.is_null())
        .filter(saved_card::Column::PaymentMethodRef.ne(card.payment_method_ref.clone()))
        .all(db)
        .await?;
    let txn = crate::db::begin_write(db).await?;
    let saved = saved_card::ActiveModel {
        donor_id: Set(donor.id),
        provider: Set(provider.name().to_owned()),
        customer_ref: Set(customer),
        payment_method_ref: Set(card.payment_method_ref.clone()),
        brand: Set(card.brand.clone()),
        last4: Set(card.last4.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let ids: Vec<i32> = pledges.iter().map(|p| p.id).collect();
    pledge::Entity::update_many()
        .col_expr(pledge::Column::SavedCardId, Expr::value(saved.id))
        .filter(pledge::Column::Id.is_in(ids.clone()))
        .exec(&txn)
        .await?;
    let rescheduled = installment::Entity::update_many()
        .col_expr(
            installment::Column::Status,
            Expr::value(InstallmentStatus::Due),
        )
        .col_expr(installment::Column::Attempts, Expr::value(0))
        .col_expr(installment::Column::NextAttemptAt, Expr::value(now))
        .col_expr(
            installment::Column::FailureCode,
            Expr::value(None::<String>),
        )
        .col_expr(installment::Column::UpdatedAt, Expr::value(now))
        .filter(installment::Column::PledgeId.is_in(ids))
        .filter(
            installment::Column::Status
                .is_in([InstallmentStatus::Retrying, InstallmentStatus::Overdue]),
        )
        .exec(&txn)
        .await?
        .rows_affected;
    for c in &old {
        let mut row: saved_card::ActiveModel = c.clone().into();
        row.removed_at = Set(Some(now));
        row.update(&txn).await?;
    }
    txn.commit().await?;
    // The old cards are no longer Nikoo's to charge; a failed detach only
    // leaves them on the provider's customer.
    for c in &old {
        if let Err(e) = provider.detach_card(&c.payment_method_ref).await {
            tracing::warn!(error = %e, card = c.id, "old card not detached");
        }
    }
    Ok(CardUpdated {
        card_id: saved.id,
        pledges: u32::try_from(pledges.len()).unwrap_or(u32::MAX),
        rescheduled: u32::try_from(rescheduled).unwrap_or(u32::MAX),
    })
}
