//! Reusable pieces of pages.

pub mod card;
pub mod confirm;
pub mod figures;
pub mod form;
pub mod icon;
pub mod pager;
pub mod pledge_list;
pub mod program_card;
pub mod spending;
pub mod text;
