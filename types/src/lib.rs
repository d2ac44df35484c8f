//! Value types that both the Nikoo server and its WebAssembly client use.
//!
//! Nothing here does I/O. Every type parses its input (see ARCHITECTURE.md,
//! "parse, don't validate"), so the browser and the server run the same rules.

pub mod accounts;
pub mod beneficiaries;
pub mod catalog;
pub mod category;
pub mod counts;
pub mod currency;
pub mod digits;
pub mod giving;
pub mod i18n;
pub mod imports;
pub mod limits;
pub mod locale;
pub mod mail;
pub mod money;
pub mod normalize;
pub mod notices;
pub mod outcome;
pub mod quantity;
pub mod refused;
pub mod suppression;

pub use category::Category;
pub use currency::Currency;
pub use locale::Locale;
pub use money::{Money, MoneyError};
pub use quantity::{Quantity, QuantityError};
pub mod date;
pub mod query;
pub mod routes;
pub mod text;
pub mod transparency;
pub mod workspace;

pub use date::{Calendar, DisplayDate};
pub use text::LocalizedText;
