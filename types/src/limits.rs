//! The bounds of what Nikoo accepts, stated in one place: the rules
//! (`outcome::Rule`) and their texts (`{ $min }`, `{ $max }`) read them
//! from here.

/// Shortest password accepted, in Unicode scalar values (NIST SP 800-63B §5.1.1.2: at least 8).
pub const PASSWORD_MIN_CHARS: usize = 8;
/// Longest password accepted, in Unicode scalar values (bounds the hashing work).
pub const PASSWORD_MAX_CHARS: usize = 128;
/// Longest display name, in Unicode scalar values.
pub const DISPLAY_NAME_MAX_CHARS: usize = 80;
/// Longest email address (RFC 5321 §4.5.3.1.3 path limit minus the brackets).
pub const EMAIL_MAX_CHARS: usize = 254;

/// Longest search text, in Unicode scalar values (a program title is
/// shorter; SQLite refuses `LIKE` patterns over 50,000 bytes).
pub const SEARCH_MAX_CHARS: usize = 200;
/// Longest place or center code a list filter takes (slugs are at most 80).
pub const FILTER_MAX_CHARS: usize = 80;

/// Default page size of a list.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// Largest page size a client may ask for.
pub const MAX_PER_PAGE: u32 = 100;
