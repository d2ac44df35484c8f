//! A refused form's values (issue 16): when the server refuses a form, the
//! page it goes back to shows what was typed, not an empty form. The server
//! keeps them in the session for that one page (`nikoo_server::form_keys`),
//! and the form fields read them (`nikoo_app::components::form`). Secrets
//! are never kept: no field whose name holds `password`, nor the form's
//! idempotency key; files cannot be kept (the page says so).

use serde::{Deserialize, Serialize};

/// What a refused form held, for the page it returns to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedForm {
    /// The path of that page (no query).
    pub page: String,
    /// The fields as typed, in order, secrets left out ([`RefusedForm::keeps`]).
    pub fields: Vec<(String, String)>,
}

impl RefusedForm {
    /// The session key it is kept under.
    pub const SESSION_KEY: &'static str = "refused_form";

    /// The most a kept form holds, in bytes of names and values: a form's
    /// longest texts (two Markdown descriptions) fit; beyond it nothing is
    /// kept rather than part.
    pub const MAX_BYTES: usize = 64 * 1024;

    /// The form returning to `page` with `fields`, secrets left out; `None`
    /// when it would hold more than [`RefusedForm::MAX_BYTES`].
    pub fn new<'a>(
        page: &str,
        fields: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Option<RefusedForm> {
        let fields: Vec<(String, String)> = fields
            .into_iter()
            .filter(|(name, _)| Self::keeps(name))
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        let size: usize = fields.iter().map(|(n, v)| n.len() + v.len()).sum();
        (size <= Self::MAX_BYTES).then(|| RefusedForm {
            page: page.split(['?', '#']).next().unwrap_or_default().to_owned(),
            fields,
        })
    }

    /// Whether a field named `name` may be kept: not a password, not the
    /// idempotency key, not the language.
    pub fn keeps(name: &str) -> bool {
        !name.contains("password") && name != "form_key" && name != "lang"
    }

    /// The value typed into field `name` (the first, for a repeated name).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether a checkbox or radio named `name` with `value` was checked.
    pub fn checked(&self, name: &str, value: &str) -> bool {
        self.fields.iter().any(|(n, v)| n == name && v == value)
    }
}

#[cfg(test)]
mod tests {
    use super::RefusedForm;

    #[test]
    fn secrets_are_never_kept() {
        let f = RefusedForm::new(
            "/fa/signup?__err=x",
            [
                ("email", "a@b.c"),
                ("password", "s3cret"),
                ("new_password", "x"),
                ("form_key", "k"),
                ("lang", "fa"),
            ],
        )
        .unwrap_or_default();
        assert_eq!(f.page, "/fa/signup");
        assert_eq!(f.fields, vec![("email".to_owned(), "a@b.c".to_owned())]);
        assert_eq!(f.value("email"), Some("a@b.c"));
        assert_eq!(f.value("password"), None);
        let huge = "x".repeat(RefusedForm::MAX_BYTES + 1);
        assert!(RefusedForm::new("/p", [("notes", huge.as_str())]).is_none());
    }
}
