//! The texts of the center workspace (programs, needs, spending).

include!(concat!(env!("OUT_DIR"), "/i18n/workspace.rs"));

impl Strings {
    /// A program stage's name (`draft`, `active`, `paused`, `completed`, `archived`).
    pub fn stage_label(&self, status: &str) -> &'static str {
        self.lookup(&format!("stage_{status}"))
            .unwrap_or(self.stage_archived)
    }

    /// A need state's name ([`crate::workspace::need_state`]).
    pub fn need_state_label(&self, state: &str) -> &'static str {
        self.lookup(&format!("need_state_{state}"))
            .unwrap_or(self.need_state_open)
    }

    /// Who a disbursement paid, by its code ([`PAYEE_TYPES`]).
    pub fn payee_label(&self, code: &str) -> &'static str {
        self.lookup(&format!("payee_{code}"))
            .unwrap_or(self.payee_other)
    }
}

/// The payee type codes, in the form's order.
pub const PAYEE_TYPES: [&str; 4] = ["supplier", "service_provider", "beneficiary", "other"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_change_priority_and_payee_has_a_label() {
        for locale in crate::Locale::ALL {
            let s = strings(locale);
            for c in ["publish", "pause", "resume", "complete", "archive"] {
                assert!(s.lookup(&format!("change_{c}")).is_some(), "{c}");
            }
            for p in PAYEE_TYPES {
                assert!(s.lookup(&format!("payee_{p}")).is_some(), "{p}");
            }
            for st in ["draft", "active", "paused", "completed", "archived"] {
                assert!(s.lookup(&format!("stage_{st}")).is_some(), "{st}");
            }
            for st in ["open", "partly_met", "met", "closed"] {
                assert!(s.lookup(&format!("need_state_{st}")).is_some(), "{st}");
            }
        }
    }
}
