//! The texts of in-kind pledges: the pledge form, the donor's list and
//! the receiving center's list.

include!(concat!(env!("OUT_DIR"), "/i18n/giving__item_pledges.rs"));
