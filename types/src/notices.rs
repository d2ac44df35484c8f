//! What a page tells the visitor after a form succeeded: a [`Notice`], sent
//! as `?notice={code}` (so a page loaded again, or without JavaScript,
//! shows it too). Texts: `i18n/{fa,en}/notices.ftl`, every notice in both
//! (a test).

use crate::Locale;

/// A notice, by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Notice {
    SignupSent,
    EmailVerified,
    LoggedOut,
    ResetSent,
    PasswordReset,
    PasswordChanged,
    ProfileSaved,
    AccountDeleted,
    CenterRegistered,
    Invited,
    InvitationRevoked,
    MemberRemoved,
    InvitationAccepted,
    StandingChanged,
    GiftRecorded,
    GiftRefunded,
    GiftReversed,
    ItemsReversed,
    PledgeCancelled,
    Pledged,
    PledgePause,
    PledgeResume,
    PledgeCancel,
    PledgedItems,
    ItemsReceived,
    PledgeAmount,
    CardUpdated,
    ProgramCreated,
    ProgramSaved,
    ProgramPublish,
    ProgramPause,
    ProgramResume,
    ProgramComplete,
    ProgramArchive,
    NeedAdded,
    NeedSaved,
    NeedClosed,
    NeedReopened,
    DisbursementRecorded,
    DeliveryRecorded,
    UpdatePosted,
    CoverSaved,
    BeneficiaryCreated,
    BeneficiarySaved,
    Linked,
    Unlinked,
    ImportUploaded,
    ImportChecked,
    ImportStarted,
    /// The same rendered form was sent again; it was done once
    /// (`nikoo_domain::form_keys`).
    AlreadySent,
}

impl Notice {
    /// Every notice.
    pub const ALL: [Notice; 50] = [
        Notice::SignupSent,
        Notice::EmailVerified,
        Notice::LoggedOut,
        Notice::ResetSent,
        Notice::PasswordReset,
        Notice::PasswordChanged,
        Notice::ProfileSaved,
        Notice::AccountDeleted,
        Notice::CenterRegistered,
        Notice::Invited,
        Notice::InvitationRevoked,
        Notice::MemberRemoved,
        Notice::InvitationAccepted,
        Notice::StandingChanged,
        Notice::GiftRecorded,
        Notice::GiftRefunded,
        Notice::GiftReversed,
        Notice::ItemsReversed,
        Notice::PledgeCancelled,
        Notice::Pledged,
        Notice::PledgePause,
        Notice::PledgeResume,
        Notice::PledgeCancel,
        Notice::PledgedItems,
        Notice::ItemsReceived,
        Notice::PledgeAmount,
        Notice::CardUpdated,
        Notice::ProgramCreated,
        Notice::ProgramSaved,
        Notice::ProgramPublish,
        Notice::ProgramPause,
        Notice::ProgramResume,
        Notice::ProgramComplete,
        Notice::ProgramArchive,
        Notice::NeedAdded,
        Notice::NeedSaved,
        Notice::NeedClosed,
        Notice::NeedReopened,
        Notice::DisbursementRecorded,
        Notice::DeliveryRecorded,
        Notice::UpdatePosted,
        Notice::CoverSaved,
        Notice::BeneficiaryCreated,
        Notice::BeneficiarySaved,
        Notice::Linked,
        Notice::Unlinked,
        Notice::ImportUploaded,
        Notice::ImportChecked,
        Notice::ImportStarted,
        Notice::AlreadySent,
    ];

    /// Its code, as `?notice=` carries it.
    pub fn code(self) -> &'static str {
        match self {
            Notice::SignupSent => "signup_sent",
            Notice::EmailVerified => "email_verified",
            Notice::LoggedOut => "logged_out",
            Notice::ResetSent => "reset_sent",
            Notice::PasswordReset => "password_reset",
            Notice::PasswordChanged => "password_changed",
            Notice::ProfileSaved => "profile_saved",
            Notice::AccountDeleted => "account_deleted",
            Notice::CenterRegistered => "center_registered",
            Notice::Invited => "invited",
            Notice::InvitationRevoked => "invitation_revoked",
            Notice::MemberRemoved => "member_removed",
            Notice::InvitationAccepted => "invitation_accepted",
            Notice::StandingChanged => "standing_changed",
            Notice::GiftRecorded => "gift_recorded",
            Notice::GiftRefunded => "gift_refunded",
            Notice::GiftReversed => "gift_reversed",
            Notice::ItemsReversed => "items_reversed",
            Notice::PledgeCancelled => "pledge_cancelled",
            Notice::Pledged => "pledged",
            Notice::PledgePause => "pledge_pause",
            Notice::PledgeResume => "pledge_resume",
            Notice::PledgeCancel => "pledge_cancel",
            Notice::PledgedItems => "pledged_items",
            Notice::ItemsReceived => "items_received",
            Notice::PledgeAmount => "pledge_amount",
            Notice::CardUpdated => "card_updated",
            Notice::ProgramCreated => "program_created",
            Notice::ProgramSaved => "program_saved",
            Notice::ProgramPublish => "program_publish",
            Notice::ProgramPause => "program_pause",
            Notice::ProgramResume => "program_resume",
            Notice::ProgramComplete => "program_complete",
            Notice::ProgramArchive => "program_archive",
            Notice::NeedAdded => "need_added",
            Notice::NeedSaved => "need_saved",
            Notice::NeedClosed => "need_closed",
            Notice::NeedReopened => "need_reopened",
            Notice::DisbursementRecorded => "disbursement_recorded",
            Notice::DeliveryRecorded => "delivery_recorded",
            Notice::UpdatePosted => "update_posted",
            Notice::CoverSaved => "cover_saved",
            Notice::BeneficiaryCreated => "beneficiary_created",
            Notice::BeneficiarySaved => "beneficiary_saved",
            Notice::Linked => "linked",
            Notice::Unlinked => "unlinked",
            Notice::ImportUploaded => "import_uploaded",
            Notice::ImportChecked => "import_checked",
            Notice::ImportStarted => "import_started",
            Notice::AlreadySent => "already_sent",
        }
    }

    /// The notice with `code`.
    pub fn from_code(code: &str) -> Option<Notice> {
        Notice::ALL.into_iter().find(|n| n.code() == code)
    }

    /// The notice in words.
    pub fn text(self, locale: Locale) -> &'static str {
        crate::i18n::notices::strings(locale)
            .lookup(self.code())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_has_its_code_and_both_texts() {
        for n in Notice::ALL {
            assert_eq!(Notice::from_code(n.code()), Some(n));
            assert!(
                !n.text(Locale::Fa).is_empty() && !n.text(Locale::En).is_empty(),
                "{n:?}"
            );
            assert_ne!(n.text(Locale::Fa), n.text(Locale::En));
        }
        for locale in Locale::ALL {
            for key in crate::i18n::notices::strings(locale).keys() {
                assert!(Notice::from_code(key).is_some(), "{key} is no notice");
            }
        }
    }
}
