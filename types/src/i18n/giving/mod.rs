//! The texts of giving: gifts and pledges, in-kind pledges, the donor's
//! pledge list, receipts and statements.

pub mod gifts;
pub mod item_pledges;
pub mod pledges;
pub mod receipts;
