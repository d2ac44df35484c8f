//! A pledge's installment rows (قسط): the schedule lives in Nikoo
//! (`pledge_schedule`), so card installments and those paid to the center
//! follow the same dates. Rows are added as they fall due (each pledge's
//! dates in its center's time zone), marked paid when their gift arrives,
//! and waived when a pledge pauses or ends. The jobs that add and settle
//! them are `card_installments` and `offline_pledges`.

use crate::calendar::{local_date, time_zone};
use crate::entities::codes::{GiftKind, InstallmentStatus, PledgeStatus};
use crate::entities::{center, installment, payment, pledge, program};
use crate::error::DomainError;
use crate::pledge_schedule::installment_dates;
use chrono::{DateTime, Utc};
use nikoo_types::Locale;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

/// Which pledges' schedules a job keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paid {
    /// Card pledges: the card job adds their installments and charges them.
    ByCard,
    /// Pledges paid to the center by bank transfer or cash, once their
    /// first installment is on record (made on the portal; pledges loaded
    /// from elsewhere, with their gifts recorded without installments, are
    /// not scheduled after the fact): their installments wait at the
    /// center for staff to record them (`offline_pledges`).
    ToCenter,
}

/// Creates the missing installment rows, up to today in each pledge's
/// center's time zone, of the active money pledges paid as `paid`;
/// answers how many it added.
///
/// # Errors
/// `Db`.
pub(crate) async fn add_fallen_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    paid: Paid,
) -> Result<u32, DomainError> {
    use sea_orm::sea_query::Query;
    let mut pledges = pledge::Entity::find()
        .filter(pledge::Column::Status.eq(PledgeStatus::Active))
        .filter(pledge::Column::Kind.eq(GiftKind::Money));
    pledges = match paid {
        Paid::ByCard => pledges.filter(pledge::Column::SavedCardId.is_not_null()),
        Paid::ToCenter => pledges
            .filter(pledge::Column::SavedCardId.is_null())
            .filter(
                pledge::Column::Id.in_subquery(
                    Query::select()
                        .column(installment::Column::PledgeId)
                        .from(installment::Entity)
                        .to_owned(),
                ),
            ),
    };
    let mut added = 0;
    for p in pledges.all(db).await? {
        let today = local_date(now, pledge_zone(db, &p).await?);
        added += add_missing(db, now, &p, today, InstallmentStatus::Due).await?;
    }
    Ok(added)
}

/// The time zone of a pledge's center.
pub(crate) async fn pledge_zone<C: ConnectionTrait>(
    db: &C,
    p: &pledge::Model,
) -> Result<chrono_tz::Tz, DomainError> {
    let program = program::Entity::find_by_id(p.program_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let c = center::Entity::find_by_id(program.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(time_zone(&c.time_zone))
}

/// The language of the account with `email`, Persian by default.
pub(crate) async fn donor_locale<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Locale, DomainError> {
    Ok(crate::entities::user::Entity::find()
        .filter(crate::entities::user::Column::Email.eq(email))
        .one(db)
        .await?
        .and_then(|u| Locale::from_code(&u.locale))
        .unwrap_or_default())
}

/// Marks the installment a succeeded payment paid (called by `apply_update`
/// for payments of installments, whether the charge's answer or the
/// webhook got there first).
///
/// # Errors
/// `Db`.
pub async fn mark_paid<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: &payment::Model,
) -> Result<(), DomainError> {
    let (Some(pledge_id), Some(number)) = (p.pledge_id, p.installment_number) else {
        return Ok(());
    };
    if let Some(i) = installment::Entity::find()
        .filter(installment::Column::PledgeId.eq(pledge_id))
        .filter(installment::Column::Number.eq(number))
        .one(db)
        .await?
    {
        let mut row: installment::ActiveModel = i.into();
        row.status = Set(InstallmentStatus::Paid);
        row.payment_id = Set(Some(p.id));
        row.next_attempt_at = Set(None);
        row.updated_at = Set(now);
        row.update(db).await?;
    }
    Ok(())
}

/// Waives the installments of pledge `pledge_id` not yet charged (due,
/// retrying or overdue), when the pledge pauses or ends.
///
/// # Errors
/// `Db`.
pub async fn waive_unpaid<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    pledge_id: i32,
) -> Result<(), DomainError> {
    use sea_orm::sea_query::Expr;
    installment::Entity::update_many()
        .col_expr(
            installment::Column::Status,
            Expr::value(InstallmentStatus::Waived),
        )
        .col_expr(
            installment::Column::NextAttemptAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(installment::Column::UpdatedAt, Expr::value(now))
        .filter(installment::Column::PledgeId.eq(pledge_id))
        .filter(installment::Column::Status.is_in([
            InstallmentStatus::Due,
            InstallmentStatus::Retrying,
            InstallmentStatus::Overdue,
        ]))
        .exec(db)
        .await?;
    Ok(())
}

/// Records as waived the installments of `p` that fell due up to `today`
/// while it was paused, so resuming charges only from the next one on.
///
/// # Errors
/// `Db`.
pub async fn waive_missed<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: &pledge::Model,
    today: chrono::NaiveDate,
) -> Result<(), DomainError> {
    add_missing(db, now, p, today, InstallmentStatus::Waived).await?;
    Ok(())
}

/// Adds the installments of money pledge `p` that fall due up to `today`
/// and have no row yet, in `status` (a `Due` card one is to be charged at
/// once); answers how many it added.
pub(crate) async fn add_missing<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: &pledge::Model,
    today: chrono::NaiveDate,
    status: InstallmentStatus,
) -> Result<u32, DomainError> {
    let (Some(amount), Some(currency)) = (p.amount_minor, p.currency.clone()) else {
        return Ok(0);
    };
    let existing: Vec<i32> = installment::Entity::find()
        .filter(installment::Column::PledgeId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.number)
        .collect();
    let count = p.installment_count.and_then(|n| u32::try_from(n).ok());
    let mut added = 0;
    for (n, date) in installment_dates(p.start_date, p.frequency, count, today)
        .into_iter()
        .enumerate()
    {
        let number = i32::try_from(n + 1).unwrap_or(i32::MAX);
        if existing.contains(&number) {
            continue;
        }
        installment::ActiveModel {
            pledge_id: Set(p.id),
            number: Set(number),
            due_date: Set(date),
            amount_minor: Set(amount),
            currency: Set(currency.clone()),
            status: Set(status),
            attempts: Set(0),
            // Only card installments are charged by the job.
            next_attempt_at: Set(
                (status == InstallmentStatus::Due && p.saved_card_id.is_some()).then_some(now),
            ),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        added += 1;
    }
    Ok(added)
}
