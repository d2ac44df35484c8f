//! The texts of the donor's pledge list.

include!(concat!(env!("OUT_DIR"), "/i18n/giving__pledges.rs"));
