//! The texts of accounts, center staff and admin pages.

include!(concat!(env!("OUT_DIR"), "/i18n/accounts.rs"));
