//! The site's own texts: layout, navigation, errors, the public pages,
//! category names and public counts.

include!(concat!(env!("OUT_DIR"), "/i18n/site.rs"));
