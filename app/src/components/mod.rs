//! Reusable pieces of pages.

pub mod figures;
pub mod form;
pub mod program_card;
pub mod text;
