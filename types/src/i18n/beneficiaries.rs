//! The texts of a center's beneficiary records.

include!(concat!(env!("OUT_DIR"), "/i18n/beneficiaries.rs"));
