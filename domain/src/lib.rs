//! Nikoo's server-only domain: SeaORM entities and the services that pages,
//! server functions, the public API and the command line call.
//!
//! Data flows one way: page → server function → service here → database.
//! Nothing here knows about Leptos or HTTP.

pub mod accounts;
pub mod audit;
pub mod beneficiaries;
pub mod calendar;
pub mod catalog;
pub mod center_gifts;
pub mod clock;
pub mod db;
pub mod demo;
pub mod donor_cards;
pub mod emails;
pub mod entities;
pub mod error;
pub mod figures;
pub mod giving;
pub mod imports;
pub mod installments;
pub mod item_pledges;
pub mod jobs;
pub mod ledger;
pub mod markdown;
pub mod offline_pledges;
pub mod outbox;
pub mod payments;
pub mod people_served;
pub mod personal_data;
pub mod places;
pub mod pledge_list;
pub mod pledge_schedule;
pub mod pledges;
pub mod policy;
pub mod programs;
pub mod receipts;
pub mod search;
pub mod secrets;
pub mod spending;
pub mod staff;
pub mod statements;
pub mod throttle;
pub mod updates;
pub mod uploads;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::DomainError;
pub use sea_orm;
