//! A program's public list of active pledges, showing who pledged as
//! ARCHITECTURE.md's anonymity rule allows: a center's name, a donor's display
//! name, or nobody ("Anonymous") when the pledger chose so.

use crate::calendar::display_instant;
use crate::entities::codes::{GiftKind, PledgeStatus};
use crate::entities::{center, donor, need, pledge};
use crate::error::DomainError;
use chrono_tz::Tz;
use nikoo_types::transparency::RecentPledge;
use nikoo_types::{Currency, LocalizedText, Money};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Who looks at a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Anyone: no name when the pledge is anonymous.
    Public,
    /// The receiving center: no name when hidden from it too.
    Center,
    /// The pledger: always.
    Pledger,
}

/// The rows that say who pledged and for what, for a set of pledges:
/// pledging centers (and any `more_centers`), donors and needs, by id,
/// each read in one query.
#[derive(Debug, Default)]
pub struct PledgeRows {
    pub centers: HashMap<i32, center::Model>,
    pub donors: HashMap<i32, donor::Model>,
    pub needs: HashMap<i32, need::Model>,
}

impl PledgeRows {
    /// Reads them.
    ///
    /// # Errors
    /// `Db`.
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        pledges: &[&pledge::Model],
        more_centers: Vec<i32>,
    ) -> Result<PledgeRows, DomainError> {
        use crate::db::rows_by;
        let mut center_ids = more_centers;
        center_ids.extend(pledges.iter().filter_map(|p| p.pledging_center_id));
        let donor_ids: Vec<i32> = pledges.iter().filter_map(|p| p.donor_id).collect();
        let need_ids: Vec<i32> = pledges.iter().filter_map(|p| p.need_id).collect();
        Ok(PledgeRows {
            centers: rows_by::<center::Entity, _>(db, center::Column::Id, center_ids, |c| c.id)
                .await?,
            donors: rows_by::<donor::Entity, _>(db, donor::Column::Id, donor_ids, |d| d.id).await?,
            needs: rows_by::<need::Entity, _>(db, need::Column::Id, need_ids, |n| n.id).await?,
        })
    }

    /// Who pledged `p` as `viewer` may see it: the pledging center's name,
    /// or the donor's display name; `None` when hidden from the viewer.
    pub fn shown_pledger(&self, p: &pledge::Model, viewer: Viewer) -> Option<LocalizedText> {
        let hidden = match viewer {
            Viewer::Public => p.anonymous,
            Viewer::Center => p.hidden_from_center,
            Viewer::Pledger => false,
        };
        if hidden {
            return None;
        }
        match p.pledging_center_id {
            Some(c) => self
                .centers
                .get(&c)
                .map(|c| LocalizedText::new(Some(c.name_fa.clone()), c.name_en.clone())),
            None => p
                .donor_id
                .and_then(|d| self.donors.get(&d))
                .map(|d| LocalizedText::new(Some(d.display_name.clone()), None)),
        }
    }
}

/// How many pledges a program page lists.
pub const RECENT_PLEDGES: u64 = 10;

/// The newest active pledges of program `program_id`; `needs` are its
/// needs (for titles and units), `tz` its center's time zone.
///
/// # Errors
/// `Db`.
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    needs: &[need::Model],
    tz: Tz,
) -> Result<Vec<RecentPledge>, DomainError> {
    let rows = pledge::Entity::find()
        .filter(pledge::Column::ProgramId.eq(program_id))
        .filter(pledge::Column::Status.eq(PledgeStatus::Active))
        .order_by_desc(pledge::Column::CreatedAt)
        .order_by_desc(pledge::Column::Id)
        .limit(RECENT_PLEDGES)
        .all(db)
        .await?;
    // An anonymous pledge's giver is never looked up, so never sent.
    let named: Vec<&pledge::Model> = rows.iter().filter(|p| !p.anonymous).collect();
    let named = PledgeRows::load(db, &named, vec![]).await?;
    let need_of = |id: Option<i32>| id.and_then(|id| needs.iter().find(|n| n.id == id));
    Ok(rows
        .iter()
        .map(|p| {
            let n = need_of(p.need_id);
            let by = named.shown_pledger(p, Viewer::Public);
            let money = p.kind == GiftKind::Money;
            RecentPledge {
                by,
                by_center: p.pledging_center_id.is_some(),
                amount: p
                    .amount_minor
                    .zip(p.currency.as_deref().and_then(Currency::from_code))
                    .filter(|_| money)
                    .map(|(m, c)| Money::from_minor(m, c)),
                frequency: p.frequency.to_value(),
                quantity: p.quantity.filter(|_| !money),
                unit: n
                    .filter(|_| !money)
                    .map(|n| LocalizedText::new(n.unit_fa.clone(), n.unit_en.clone())),
                need: n.map(|n| LocalizedText::new(Some(n.title_fa.clone()), n.title_en.clone())),
                since: display_instant(p.created_at, tz),
            }
        })
        .collect())
}
