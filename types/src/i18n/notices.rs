//! The notices after a form succeeds ([`crate::notices::Notice::text`]).

include!(concat!(env!("OUT_DIR"), "/i18n/notices.rs"));
