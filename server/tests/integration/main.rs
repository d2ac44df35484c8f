//! Nikoo's integration tests, one binary (one link, one run): each module
//! tests a feature through the real router or its domain services, every
//! database test on SQLite and on PostgreSQL (`on_both_backends!`), each on
//! a fresh database. `NIKOO_TEST_BACKENDS=sqlite` runs only the SQLite
//! half, for quick local runs; CI runs both.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

mod accounts;
mod architecture;
mod beneficiaries;
mod cli;
mod corrections;
mod forms;
mod foundation;
mod hostile_text;
mod imports;
mod installments;
mod item_pledges;
mod jobs;
mod mail;
mod offline_pledges;
mod outcomes;
mod payments;
mod receipts;
mod server_limits;
mod spending;
mod updates;
mod workspace;
