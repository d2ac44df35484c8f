//! The texts of the gift and pledge pages and the staff gifts page.

include!(concat!(env!("OUT_DIR"), "/i18n/giving__gifts.rs"));

impl Strings {
    /// The name of a frequency code (`monthly`, `quarterly`, `yearly`).
    pub fn frequency_name(&self, code: &str) -> &'static str {
        match code {
            "quarterly" => self.frequency_quarterly,
            "yearly" => self.frequency_yearly,
            _ => self.frequency_monthly,
        }
    }

    /// The name of a frequency code, `once` included.
    pub fn frequency_or_once(&self, code: &str) -> &'static str {
        if code == "once" {
            self.frequency_once
        } else {
            self.frequency_name(code)
        }
    }

    /// The name of a pledge status code.
    pub fn pledge_status(&self, code: &str) -> &'static str {
        match code {
            "active" => self.pledge_active,
            "paused" => self.pledge_paused,
            "fulfilled" => self.pledge_fulfilled,
            _ => self.pledge_cancelled,
        }
    }

    /// The name of an installment status code.
    pub fn installment_status(&self, code: &str) -> &'static str {
        match code {
            "due" => self.installment_due,
            "retrying" => self.installment_retrying,
            "overdue" => self.installment_overdue,
            "paid" => self.installment_paid,
            "waived" => self.installment_waived,
            _ => self.installment_upcoming,
        }
    }

    /// The name of a payment method code (`card`, `cash`, `bank_transfer`).
    pub fn method_name(&self, code: &str) -> &'static str {
        match code {
            "card" => self.method_card,
            "cash" => self.method_cash,
            _ => self.method_bank_transfer,
        }
    }
}
