//! Beneficiaries (مددجو): the households and people a center serves,
//! private to that center (ARCHITECTURE.md invariant 5). Their records and the
//! rules of who sees what ([`records`]), their personal details sealed at
//! rest ([`personal_data`]), and what the public sees of them: counts
//! only, small ones suppressed ([`people_served`]).
//!
//! May use: `catalog` (places, the visibility rule), `accounts` (the
//! policy), `audit` and the shared leaves. Used by `imports` and
//! `transparency`.

pub mod people_served;
pub mod personal_data;
pub mod records;
pub use records::*;
