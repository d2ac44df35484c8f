//! Reusable pieces of pages.

pub mod card;
pub mod figures;
pub mod form;
pub mod pledge_list;
pub mod program_card;
pub mod spending;
pub mod text;
