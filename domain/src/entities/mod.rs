//! SeaORM entities, one module per table. They mirror the migrations and
//! hold no behaviour; services live beside them in the domain crate.
//! Entities never cross the wire: services build the public read models
//! of `nikoo_types::transparency` from them.

pub mod audit_record;
pub mod auth_attempt;
pub mod beneficiary;
pub mod beneficiary_counter;
pub mod center;
pub mod center_member;
pub mod codes;
pub mod county;
pub mod disbursement;
pub mod donation;
pub mod donor;
pub mod email_token;
pub mod form_key;
pub mod import_job;
pub mod in_kind_movement;
pub mod installment;
pub mod invitation;
pub mod job_lease;
pub mod ledger_entry;
pub mod ledger_transaction;
pub mod need;
pub mod need_beneficiary;
pub mod outbox_email;
pub mod payment;
pub mod payment_event;
pub mod payment_refund;
pub mod pledge;
pub mod program;
pub mod program_update;
pub mod program_update_photo;
pub mod province;
pub mod receipt_counter;
pub mod saved_card;
pub mod upload;
pub mod user;
