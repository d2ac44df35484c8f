//! The texts of imports.

include!(concat!(env!("OUT_DIR"), "/i18n/imports.rs"));

impl Strings {
    /// An import's status in words (`uploaded`, `checked`, `refused`,
    /// `importing`, `imported`, `failed`).
    pub fn status_label(&self, status: &str) -> &'static str {
        self.lookup(&format!("status_{status}"))
            .unwrap_or(self.status_failed)
    }

    /// A field's name in the mapping form.
    pub fn field_label(&self, field: &str) -> &'static str {
        self.lookup(&format!("field_{field}"))
            .unwrap_or(self.field_other)
    }
}
