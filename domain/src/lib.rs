//! Nikoo's server-only domain: SeaORM entities and the services that pages,
//! server functions, the public API and the command line call.
//!
//! Data flows one way: page → server function → service here → database.
//! Nothing here knows about Leptos or HTTP, page addresses or the texts of
//! emails. Modules are grouped by feature; within every folder their
//! references form no cycle (`server/tests/integration/architecture.rs`
//! checks it). ARCHITECTURE.md draws the layers.
//!
//! Shared leaves (used by every feature, using none): [`error`],
//! [`entities`], [`clock`], [`db`], [`secrets`], [`calendar`],
//! [`pledge_schedule`], [`markdown`], [`search`], [`audit`], [`outbox`],
//! [`jobs`] (leases), [`uploads`].
//!
//! Features, lower first: [`accounts`] → [`catalog`] → [`ledger`] →
//! [`staff`], [`giving`] → [`spending`], [`updates`], [`beneficiaries`],
//! [`workspace`], [`imports`] → [`transparency`] → [`demo`].

pub mod accounts;
pub mod audit;
pub mod beneficiaries;
pub mod calendar;
pub mod catalog;
pub mod clock;
pub mod db;
pub mod demo;
pub mod entities;
pub mod error;
pub mod form_keys;
pub mod giving;
pub mod imports;
pub mod jobs;
pub mod ledger;
pub mod markdown;
pub mod outbox;
pub mod owner_only;
pub mod pledge_schedule;
pub mod search;
pub mod secrets;
pub mod spending;
pub mod staff;
pub mod transparency;
pub mod updates;
pub mod uploads;
pub mod workspace;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Checks, DomainError};
pub use sea_orm;
