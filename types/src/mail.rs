//! The emails Nikoo sends, as what they say rather than how: a [`Message`]
//! is written to the outbox with its recipient's language, in the same
//! transaction as its cause; its subject and text come from
//! `i18n/{fa,en}/emails.ftl` and its link from [`crate::routes`] only when
//! it is sent (`server/src/mail.rs`). So the domain knows no page address
//! and no email text.

use crate::{DisplayDate, LocalizedText};
use serde::{Deserialize, Serialize};

/// One email's template and parameters, stored as JSON (`{"template": …}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum Message {
    /// Confirm a new account's address (the link's one-time token).
    VerifyEmail { name: String, token: String },
    /// Someone signed up with an address that has an account.
    AccountExists,
    /// A password-reset link.
    ResetPassword { token: String },
    /// An invitation to a center's staff: the center, the role's code
    /// (`owner`, `manager`, `coordinator`), who invited.
    Invitation {
        center: LocalizedText,
        role: String,
        inviter: String,
        token: String,
    },
    /// A card installment failed its last retry: update the card.
    InstallmentOverdue { number: i32 },
    /// An installment paid to the center is unrecorded after its grace period.
    InstallmentUnpaid { number: i32, due: DisplayDate },
    /// The receiving center or a platform admin cancelled a pledge to
    /// `program`, saying why (`reason`, as they typed it).
    PledgeCancelled {
        program: LocalizedText,
        reason: String,
    },
    /// A program's new update, to a donor who asked for them.
    ProgramUpdate {
        program: LocalizedText,
        slug: String,
        title: LocalizedText,
        text: LocalizedText,
    },
}

impl Message {
    /// The template's name: the `{name}_subject` and `{name}_body` of
    /// `emails.ftl`.
    pub fn template(&self) -> &'static str {
        match self {
            Message::VerifyEmail { .. } => "verify_email",
            Message::AccountExists => "account_exists",
            Message::ResetPassword { .. } => "reset_password",
            Message::Invitation { .. } => "invitation",
            Message::InstallmentOverdue { .. } => "installment_overdue",
            Message::InstallmentUnpaid { .. } => "installment_unpaid",
            Message::PledgeCancelled { .. } => "pledge_cancelled",
            Message::ProgramUpdate { .. } => "program_update",
        }
    }
}
