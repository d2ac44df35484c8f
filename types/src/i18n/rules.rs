//! What a refused input broke, by rule code and field
//! ([`crate::outcome::Rule::message`]).

include!(concat!(env!("OUT_DIR"), "/i18n/rules.rs"));
