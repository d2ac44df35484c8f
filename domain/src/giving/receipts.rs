//! Receipts: a card gift's, found by its payment's unguessable key (the
//! giver's browser holds it, guests included), and any donation's — cash,
//! bank transfer, an installment paid to the center, a card gift — by its
//! id, for the receiving center's staff (to print and hand over) and for
//! the donor of record (signed in). Each carries the center's receipt
//! number and the day in the center's time zone (ARCHITECTURE.md invariant 7).

use crate::accounts::policy::{authorize, Action, Actor};
use crate::calendar::{display_instant, time_zone};
use crate::entities::codes::PaymentStatus;
use crate::entities::{center, donation, donor, need, payment, program};
use crate::error::DomainError;
use nikoo_types::giving::{Anonymity, GiftReceipt, ReceiptState};
use nikoo_types::{Currency, LocalizedText, Money};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

fn text(fa: String, en: Option<String>) -> LocalizedText {
    LocalizedText::new(Some(fa), en)
}

fn currency(code: &str) -> Result<Currency, DomainError> {
    Currency::from_code(code).ok_or_else(|| DomainError::Unexpected(format!("currency {code}")))
}

/// How a gift's giver chose to be shown.
fn anonymity(anonymous: bool, hidden_from_center: bool) -> Anonymity {
    match (anonymous, hidden_from_center) {
        (_, true) => Anonymity::HiddenFromCenter,
        (true, false) => Anonymity::Anonymous,
        _ => Anonymity::Public,
    }
}

/// A receipt's program, center and need, with the center's time zone.
struct Designation {
    program: program::Model,
    center: center::Model,
    need: Option<need::Model>,
}

impl Designation {
    async fn load<C: ConnectionTrait>(
        db: &C,
        program_id: i32,
        need_id: Option<i32>,
    ) -> Result<Designation, DomainError> {
        let program = program::Entity::find_by_id(program_id)
            .one(db)
            .await?
            .ok_or(DomainError::NotFound)?;
        let center = center::Entity::find_by_id(program.center_id)
            .one(db)
            .await?
            .ok_or(DomainError::NotFound)?;
        let need = match need_id {
            Some(id) => need::Entity::find_by_id(id).one(db).await?,
            None => None,
        };
        Ok(Designation {
            program,
            center,
            need,
        })
    }

    /// The receipt: its fields that come from the designation, and `gift`'s.
    fn receipt(self, gift: ReceiptGift) -> GiftReceipt {
        let ReceiptGift {
            state,
            amount,
            refunded_minor,
            at,
            anonymity,
            number,
            method,
            received_from,
        } = gift;
        let tz = time_zone(&self.center.time_zone);
        GiftReceipt {
            state,
            amount,
            refunded: Money::from_minor(refunded_minor, amount.currency()),
            program_slug: self.program.slug,
            program_title: text(self.program.title_fa, self.program.title_en),
            need_title: self.need.map(|n| text(n.title_fa, n.title_en)),
            center_name: text(self.center.name_fa, self.center.name_en),
            date: display_instant(at, tz),
            anonymity,
            number,
            method,
            received_from,
        }
    }
}

/// A gift's own facts on its receipt.
struct ReceiptGift {
    state: ReceiptState,
    amount: Money,
    /// Refunded so far, in `amount`'s minor units.
    refunded_minor: i64,
    /// When it was received (UTC).
    at: chrono::DateTime<chrono::Utc>,
    anonymity: Anonymity,
    /// The center's receipt number.
    number: Option<i32>,
    /// `card`, `cash` or `bank_transfer`.
    method: String,
    /// The giver's name, as the viewer may know it.
    received_from: Option<LocalizedText>,
}

/// The receipt of the card gift with payment key `key` (whoever holds the
/// key may see it; the giver's name is not on it).
///
/// # Errors
/// `NotFound` for an unknown key; `Db`.
pub async fn of_card_gift<C: ConnectionTrait>(
    db: &C,
    key: &str,
) -> Result<GiftReceipt, DomainError> {
    let p = crate::giving::payments::card_gifts::by_key(db, key).await?;
    let number = match p.donation_id {
        Some(id) => donation::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|d| d.receipt_number),
        None => None,
    };
    let state = match p.status {
        PaymentStatus::Succeeded => ReceiptState::Received,
        PaymentStatus::Failed => ReceiptState::Failed,
        _ => ReceiptState::Pending,
    };
    Ok(Designation::load(db, p.program_id, p.need_id)
        .await?
        .receipt(ReceiptGift {
            state,
            amount: Money::from_minor(p.amount_minor, currency(&p.currency)?),
            refunded_minor: p.refund_posted_minor,
            at: p.updated_at,
            anonymity: anonymity(p.anonymous, p.hidden_from_center),
            number,
            method: "card".into(),
            received_from: None,
        }))
}

/// The receipt of donation `donation_id`, for the receiving center's
/// staff, platform admins and the donor of record. The giver is named as
/// the viewer may see it: a center that gave by its name; a giver who hid
/// their name from the center is named only to themselves.
///
/// # Errors
/// `Unauthenticated`; `NotFound` for a donation that does not exist or
/// that the caller may not see (the same answer, so an id reveals nothing); `Db`.
pub async fn of_donation<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    donation_id: i32,
) -> Result<GiftReceipt, DomainError> {
    let gift = donation::Entity::find_by_id(donation_id).one(db).await?;
    let designation = match &gift {
        Some(g) => Some(Designation::load(db, g.program_id, g.need_id).await?),
        None => None,
    };
    // Center ids start at 1: 0 is no one's, so a missing gift is refused
    // exactly like another center's.
    let action = Action::ReadReceipt {
        center_id: designation.as_ref().map_or(0, |d| d.center.id),
        donor_id: gift.as_ref().and_then(|g| g.donor_id),
    };
    let actor = authorize(actor, action)?;
    let (Some(gift), Some(designation)) = (gift, designation) else {
        return Err(DomainError::NotFound);
    };
    let own = gift.donor_id.is_some() && actor.donor_id == gift.donor_id;
    let received_from = match (gift.pledging_center_id, gift.donor_id) {
        (Some(c), _) => center::Entity::find_by_id(c)
            .one(db)
            .await?
            .map(|c| text(c.name_fa, c.name_en)),
        (None, Some(d)) if own || !gift.hidden_from_center => donor::Entity::find_by_id(d)
            .one(db)
            .await?
            .map(|d| LocalizedText::new(Some(d.display_name.clone()), Some(d.display_name))),
        _ => None,
    };
    let refunded = payment::Entity::find()
        .filter(payment::Column::DonationId.eq(gift.id))
        .one(db)
        .await?
        .map_or(0, |p| p.refund_posted_minor);
    Ok(designation.receipt(ReceiptGift {
        state: if gift.reversed_at.is_some() {
            ReceiptState::Reversed
        } else {
            ReceiptState::Received
        },
        amount: Money::from_minor(gift.amount_minor, currency(&gift.currency)?),
        refunded_minor: refunded,
        at: gift.received_at,
        anonymity: anonymity(gift.anonymous, gift.hidden_from_center),
        number: gift.receipt_number,
        method: gift.method.to_value(),
        received_from,
    }))
}
