//! Reusable pieces of pages.

pub mod figures;
pub mod program_card;
pub mod text;
