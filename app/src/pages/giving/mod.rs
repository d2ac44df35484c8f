//! The giving pages: a gift by card, pledges (by card, paid to the center,
//! of items), the donor's own page and statements, receipts, and a
//! center's gifts as its staff see and record them.

pub mod center_gifts;
pub mod corrections;
pub mod due_installments;
pub mod give;
pub mod item_lists;
pub mod item_pledge;
pub mod items_gift;
pub mod my_giving;
pub mod new_card;
pub mod offline_pledge;
pub mod receipts;
