//! A donor's own page ("My giving"): their pledges with each installment's
//! state (paid, due, retrying, overdue, waived, and the next few
//! upcoming), their card payments, and their in-kind pledges. Read in a
//! fixed number of queries (pledges, payments, then the rows they name,
//! each in one query), whatever the number of pledges.

use crate::calendar::{display_date, display_instant, time_zone, DEFAULT_TIME_ZONE};
use crate::db::rows_by;
use crate::entities::codes::{PaymentStatus, PledgeStatus};
use crate::entities::{center, installment, need, payment, pledge, program, saved_card, user};
use crate::error::DomainError;
use crate::giving::payments::provider::PaymentProvider;
use crate::pledge_schedule::installment_date;
use chrono::{DateTime, Utc};
use nikoo_types::giving::{MyGiving, MyInstallment, MyPayment, MyPledge, ReceiptState};
use nikoo_types::{Currency, LocalizedText, Money};
use sea_orm::{ActiveEnum, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// How many upcoming installments the donor's page lists after the due ones.
pub const UPCOMING_SHOWN: u32 = 3;

fn text(fa: String, en: Option<String>) -> LocalizedText {
    LocalizedText::new(Some(fa), en)
}

/// The signed-in donor's pledges (with their schedules), card payments and
/// in-kind pledges.
///
/// # Errors
/// `Db`.
pub async fn my_giving(
    db: &DatabaseConnection,
    provider: Option<&dyn PaymentProvider>,
    now: DateTime<Utc>,
    user: &user::Model,
) -> Result<MyGiving, DomainError> {
    let today = display_instant(now, DEFAULT_TIME_ZONE);
    let card = provider.map(crate::giving::payments::card_gifts::card_keys);
    let Some(donor_id) = user.donor_id else {
        return Ok(MyGiving {
            pledges: vec![],
            payments: vec![],
            today,
            card,
            item_pledges: vec![],
        });
    };
    let pledges = pledge::Entity::find()
        .filter(pledge::Column::DonorId.eq(donor_id))
        .order_by_desc(pledge::Column::Id)
        .all(db)
        .await?;
    let payments = payment::Entity::find()
        .filter(payment::Column::DonorId.eq(donor_id))
        .filter(payment::Column::Status.ne(PaymentStatus::Created))
        .order_by_desc(payment::Column::Id)
        .all(db)
        .await?;
    let related = Related::load(db, &pledges, &payments).await?;
    let by_id: HashMap<i32, &payment::Model> = payments.iter().map(|p| (p.id, p)).collect();
    let mut mine = Vec::with_capacity(pledges.len());
    for p in &pledges {
        if let Some(row) = related.pledge(p, &by_id, now)? {
            mine.push(row);
        }
    }
    let paid = payments
        .iter()
        .map(|pay| related.payment(pay))
        .collect::<Result<_, _>>()?;
    Ok(MyGiving {
        pledges: mine,
        payments: paid,
        today,
        card,
        item_pledges: crate::giving::item_pledges::of_donor(db, now, user).await?,
    })
}

/// The rows a donor's pledges and payments name, each kind read in one query.
struct Related {
    /// Programs by id, with their center's time zone.
    programs: HashMap<i32, (program::Model, chrono_tz::Tz)>,
    /// Each pledge's installment rows, by number.
    schedules: HashMap<i32, Vec<installment::Model>>,
    cards: HashMap<i32, saved_card::Model>,
    needs: HashMap<i32, need::Model>,
}

impl Related {
    async fn load(
        db: &DatabaseConnection,
        pledges: &[pledge::Model],
        payments: &[payment::Model],
    ) -> Result<Related, DomainError> {
        let program_rows = rows_by::<program::Entity, _>(
            db,
            program::Column::Id,
            pledges
                .iter()
                .map(|p| p.program_id)
                .chain(payments.iter().map(|p| p.program_id)),
            |p| p.id,
        )
        .await?;
        let centers = rows_by::<center::Entity, _>(
            db,
            center::Column::Id,
            program_rows.values().map(|p| p.center_id),
            |c| c.id,
        )
        .await?;
        let programs = program_rows
            .into_iter()
            .map(|(id, p)| {
                let tz = centers
                    .get(&p.center_id)
                    .map_or(DEFAULT_TIME_ZONE, |c| time_zone(&c.time_zone));
                (id, (p, tz))
            })
            .collect();
        let mut schedules: HashMap<i32, Vec<installment::Model>> = HashMap::new();
        for i in installment::Entity::find()
            .filter(installment::Column::PledgeId.is_in(pledges.iter().map(|p| p.id)))
            .order_by_asc(installment::Column::Number)
            .all(db)
            .await?
        {
            schedules.entry(i.pledge_id).or_default().push(i);
        }
        let cards = rows_by::<saved_card::Entity, _>(
            db,
            saved_card::Column::Id,
            pledges.iter().filter_map(|p| p.saved_card_id),
            |c| c.id,
        )
        .await?;
        let needs = rows_by::<need::Entity, _>(
            db,
            need::Column::Id,
            pledges.iter().filter_map(|p| p.need_id),
            |n| n.id,
        )
        .await?;
        Ok(Related {
            programs,
            schedules,
            cards,
            needs,
        })
    }

    fn title(&self, program_id: i32) -> LocalizedText {
        self.programs
            .get(&program_id)
            .map(|(p, _)| text(p.title_fa.clone(), p.title_en.clone()))
            .unwrap_or_default()
    }

    fn zone(&self, program_id: i32) -> chrono_tz::Tz {
        self.programs
            .get(&program_id)
            .map_or(DEFAULT_TIME_ZONE, |(_, tz)| *tz)
    }

    /// A money pledge as the donor's page shows it: its installments on
    /// record, then the next [`UPCOMING_SHOWN`] of an active one. `None`
    /// for an in-kind pledge (listed apart).
    fn pledge(
        &self,
        p: &pledge::Model,
        payments: &HashMap<i32, &payment::Model>,
        now: DateTime<Utc>,
    ) -> Result<Option<MyPledge>, DomainError> {
        let (Some(amount), Some(code)) = (p.amount_minor, p.currency.as_deref()) else {
            return Ok(None);
        };
        let currency = Currency::from_code(code)
            .ok_or_else(|| DomainError::Unexpected(format!("currency {code}")))?;
        let rows = self.schedules.get(&p.id).map_or(&[][..], Vec::as_slice);
        let succeeded = |id: i32| {
            payments
                .get(&id)
                .filter(|pay| pay.status == PaymentStatus::Succeeded)
                .map(|pay| pay.key.clone())
        };
        let mut schedule: Vec<MyInstallment> = rows
            .iter()
            .map(|i| MyInstallment {
                number: i.number,
                due: display_date(i.due_date),
                status: i.status.to_value(),
                receipt: i.payment_id.and_then(succeeded),
                donation_id: i.donation_id,
            })
            .collect();
        if p.status == PledgeStatus::Active {
            schedule.extend(upcoming(p, rows.len()));
        }
        Ok(Some(MyPledge {
            id: p.id,
            program_slug: self
                .programs
                .get(&p.program_id)
                .map(|(pr, _)| pr.slug.clone())
                .unwrap_or_default(),
            program_title: self.title(p.program_id),
            need_title: p
                .need_id
                .and_then(|id| self.needs.get(&id))
                .map(|n| text(n.title_fa.clone(), n.title_en.clone())),
            amount: Money::from_minor(amount, currency),
            frequency: p.frequency.to_value(),
            installment_count: p.installment_count,
            status: p.status.to_value(),
            running: matches!(p.status, PledgeStatus::Active | PledgeStatus::Paused),
            can_pause: p.status == PledgeStatus::Active,
            can_resume: p.status == PledgeStatus::Paused
                || crate::giving::pledges::may_undo_cancel(p, now),
            card_last4: p
                .saved_card_id
                .and_then(|id| self.cards.get(&id))
                .and_then(|c| c.last4.clone()),
            schedule,
        }))
    }

    /// A card payment as the donor's page lists it.
    fn payment(&self, pay: &payment::Model) -> Result<MyPayment, DomainError> {
        let currency = Currency::from_code(&pay.currency)
            .ok_or_else(|| DomainError::Unexpected(format!("currency {}", pay.currency)))?;
        Ok(MyPayment {
            date: display_instant(pay.updated_at, self.zone(pay.program_id)),
            amount: Money::from_minor(pay.amount_minor, currency),
            refunded: Money::from_minor(pay.refund_posted_minor, currency),
            program_title: self.title(pay.program_id),
            state: match pay.status {
                PaymentStatus::Succeeded => ReceiptState::Received,
                PaymentStatus::Failed => ReceiptState::Failed,
                _ => ReceiptState::Pending,
            },
            receipt: pay.key.clone(),
        })
    }
}

/// The next [`UPCOMING_SHOWN`] installments of pledge `p` after the
/// `on_record` it has rows for, within its count.
fn upcoming(p: &pledge::Model, on_record: usize) -> Vec<MyInstallment> {
    let next = u32::try_from(on_record).unwrap_or(u32::MAX) + 1;
    let last = p
        .installment_count
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(u32::MAX);
    (next..next.saturating_add(UPCOMING_SHOWN))
        .filter(|n| *n <= last)
        .filter_map(|n| {
            installment_date(p.start_date, p.frequency, n).map(|date| MyInstallment {
                number: i32::try_from(n).unwrap_or(i32::MAX),
                due: display_date(date),
                status: "upcoming".into(),
                receipt: None,
                donation_id: None,
            })
        })
        .collect()
}
