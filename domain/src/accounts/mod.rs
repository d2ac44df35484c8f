//! Accounts and who may do what: sign-up with email verification, sign-in,
//! passwords, profile and deletion ([`account`]); the live-account lookup
//! ([`users`]); the one authorization policy and its identity type
//! [`policy::Actor`], built once per request ([`policy`]); throttling of
//! sign-in and reset attempts ([`throttle`]).
//!
//! May use: `entities`, `db`, `secrets`, `outbox`, `audit`, `calendar`.
//! Every other feature asks [`policy`] before it reads privately or changes
//! anything.

pub mod account;
pub mod policy;
pub mod throttle;
pub mod users;

pub use account::*;
pub use users::find;
