//! Every user-facing text, in Persian and English, compiled from the
//! workspace's `i18n/{fa,en}/**/*.ftl` files by `types/build.rs`: one
//! module per file, each a `Strings` struct with one field per message, a
//! `FA` and an `EN` value, `strings(locale)` and `lookup(name)`. A message
//! missing in either language fails the build. Placeholders are
//! `{name}`, replaced by the code that shows the text.
//!
//! Translators edit the `.ftl` files (Fluent syntax: `name = text`, a
//! variable as `{ $name }`); nothing here needs changing for a text.

pub mod accounts;
pub mod beneficiaries;
pub mod emails;
pub mod giving;
pub mod imports;
pub mod notices;
pub mod rules;
pub mod site;
pub mod workspace;

/// `text` with each `{name}` placeholder replaced by its value in `args`
/// (`fill("{a} of {b}", &[("a", "1"), ("b", "2")])` is `"1 of 2"`). A
/// placeholder not in `args` stays as it is; values are not searched for
/// placeholders.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_named_placeholders_once() {
        assert_eq!(fill("{a} of {b}", &[("a", "1"), ("b", "2")]), "1 of 2");
        // A value holding a placeholder is not filled again.
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "x")]), "{b}x");
        // Unknown and unclosed placeholders stay.
        assert_eq!(fill("{c} {a", &[("a", "1")]), "{c} {a");
        assert_eq!(fill("", &[]), "");
    }
}
