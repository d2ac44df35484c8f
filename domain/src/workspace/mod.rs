//! A center's programs and needs as its staff run them (issue 5): the
//! workspace reads (drafts included, with the ledger's figures), creating
//! and editing programs in Persian and/or English, their stages (publish,
//! pause, resume, complete, archive), and needs (money or in-kind, with a
//! priority and a deadline; closed with a reason, reopened).
//!
//! Every change is decided by the policy on the object's own center and
//! writes its audit record in the change's transaction (ARCHITECTURE.md
//! invariants 6 and 8). Every form is parsed whole before anything is
//! written, so bad input changes nothing (invariant 9).
//!
//! | module | holds |
//! |---|---|
//! | [`reads`] | the workspace pages: a center's programs, one program, one need, with their figures |
//! | [`programs`] | creating and editing programs, their stages |
//! | [`needs`] | adding, editing, closing and reopening needs |
//!
//! May use: `catalog` (records, the program-for-change lookup), `ledger`
//! (figures), `spending` (a program's spending lines and cover), `giving`
//! (amounts), `accounts` (the policy), `audit` and the shared leaves.

use crate::entities::center;
use crate::error::DomainError;
use nikoo_types::LocalizedText;
use sea_orm::{ConnectionTrait, EntityTrait};

pub mod needs;
pub mod programs;
pub mod reads;

pub use needs::{add_need, close_need, reopen_need, update_need};
pub use programs::{change_status, create_program, update_program};
pub use reads::{center_programs, need_workspace, workspace};

/// Currencies a money need may be asked in: the rial first (the centers'
/// own), then those donors abroad give in.
pub const NEED_CURRENCIES: [&str; 5] = ["IRR", "EUR", "USD", "GBP", "CAD"];

pub(super) fn text(fa: &str, en: Option<&str>) -> LocalizedText {
    LocalizedText::new(Some(fa.to_owned()), en.map(str::to_owned))
}

/// A center, or `NotFound`.
pub(super) async fn center_of<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<center::Model, DomainError> {
    center::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}
