//! The subjects and texts of emails ([`crate::mail::Message`]), rendered by
//! the server when it sends them.

include!(concat!(env!("OUT_DIR"), "/i18n/emails.rs"));
