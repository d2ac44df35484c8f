//! The stored codes of kinds and statuses: one enum each, stored as its
//! snake_case string (a text column on both SQLite and PostgreSQL), so no
//! code is compared as a bare string anywhere else.

use sea_orm::entity::prelude::*;
use serde::Deserialize;

/// What a need asks for and a pledge promises: money or goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum GiftKind {
    #[sea_orm(string_value = "money")]
    Money,
    #[sea_orm(string_value = "in_kind")]
    InKind,
}

/// A center's standing; only `Verified` centers are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum CenterStatus {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "verified")]
    Verified,
    #[sea_orm(string_value = "suspended")]
    Suspended,
}

/// A program's stage; `Active` and `Completed` programs are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum ProgramStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "active")]
    Active,
    #[sea_orm(string_value = "paused")]
    Paused,
    #[sea_orm(string_value = "completed")]
    Completed,
    #[sea_orm(string_value = "archived")]
    Archived,
}

/// Whether staff closed a need; met / partly met follow its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum NeedStatus {
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// A pledge's standing; only `Active` pledges count as pledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PledgeStatus {
    #[sea_orm(string_value = "active")]
    Active,
    #[sea_orm(string_value = "paused")]
    Paused,
    #[sea_orm(string_value = "fulfilled")]
    Fulfilled,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

/// How often a pledge falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    #[sea_orm(string_value = "once")]
    Once,
    #[sea_orm(string_value = "monthly")]
    Monthly,
    #[sea_orm(string_value = "quarterly")]
    Quarterly,
    #[sea_orm(string_value = "yearly")]
    Yearly,
}

/// How a donation was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    #[sea_orm(string_value = "card")]
    Card,
    #[sea_orm(string_value = "cash")]
    Cash,
    #[sea_orm(string_value = "bank_transfer")]
    BankTransfer,
}

/// Where a provider payment stands. It only moves forward by `rank`:
/// a late `processing` after `succeeded` changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PaymentStatus {
    /// Recorded in Nikoo; the provider has not charged yet.
    #[sea_orm(string_value = "created")]
    Created,
    /// The card's bank asks the donor to authenticate (3-D Secure).
    #[sea_orm(string_value = "requires_action")]
    RequiresAction,
    #[sea_orm(string_value = "processing")]
    Processing,
    /// Declined or errored; a retry of the same payment may still succeed.
    #[sea_orm(string_value = "failed")]
    Failed,
    #[sea_orm(string_value = "succeeded")]
    Succeeded,
}

impl PaymentStatus {
    /// Order of progress: a status may replace one of lower or equal rank,
    /// except that `Succeeded` is final.
    pub fn rank(self) -> u8 {
        match self {
            PaymentStatus::Created => 0,
            PaymentStatus::RequiresAction => 1,
            PaymentStatus::Processing | PaymentStatus::Failed => 2,
            PaymentStatus::Succeeded => 3,
        }
    }

    /// Whether a payment in `self` may move to `next`.
    pub fn may_become(self, next: PaymentStatus) -> bool {
        self != PaymentStatus::Succeeded && next.rank() >= self.rank()
    }
}

/// Where an installment of a card pledge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum InstallmentStatus {
    /// Due: to be charged at `next_attempt_at`, or waiting for the provider.
    #[sea_orm(string_value = "due")]
    Due,
    /// The last attempt failed; the job tries again at `next_attempt_at`.
    #[sea_orm(string_value = "retrying")]
    Retrying,
    /// Every retry failed; the donor was asked to update the card.
    #[sea_orm(string_value = "overdue")]
    Overdue,
    #[sea_orm(string_value = "paid")]
    Paid,
    /// Forgiven by the center (or skipped while the pledge was paused).
    #[sea_orm(string_value = "waived")]
    Waived,
}

/// Direction of an in-kind movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Movement {
    /// Goods handed to the center (counts as *received*).
    #[sea_orm(string_value = "received")]
    Received,
    /// Goods handed to beneficiaries (counts as *delivered*).
    #[sea_orm(string_value = "delivered")]
    Delivered,
}

/// A ledger account (see `crate::ledger`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Account {
    /// Money held for a program (asset).
    #[sea_orm(string_value = "cash")]
    Cash,
    /// Gifts received (revenue).
    #[sea_orm(string_value = "contributions")]
    Contributions,
    /// Money spent on a program's needs (expense).
    #[sea_orm(string_value = "program_expense")]
    ProgramExpense,
    /// Payment provider fees (expense).
    #[sea_orm(string_value = "processing_fees")]
    ProcessingFees,
}

/// What kind of movement a ledger transaction records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum TransactionKind {
    #[sea_orm(string_value = "donation")]
    Donation,
    #[sea_orm(string_value = "refund")]
    Refund,
    #[sea_orm(string_value = "fee")]
    Fee,
    #[sea_orm(string_value = "disbursement")]
    Disbursement,
    #[sea_orm(string_value = "reversal")]
    Reversal,
}

/// A center staff member's role (ARCHITECTURE.md: owner, manager, coordinator),
/// ordered from most to least authority.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    Deserialize,
    serde::Serialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum CenterRole {
    #[sea_orm(string_value = "owner")]
    Owner,
    #[sea_orm(string_value = "manager")]
    Manager,
    #[sea_orm(string_value = "coordinator")]
    Coordinator,
}

/// What an emailed one-time token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum TokenPurpose {
    #[sea_orm(string_value = "verify_email")]
    VerifyEmail,
    #[sea_orm(string_value = "reset_password")]
    ResetPassword,
}

/// What a throttled request tried to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum AuthAction {
    #[sea_orm(string_value = "login")]
    Login,
    #[sea_orm(string_value = "password_reset")]
    PasswordReset,
    #[sea_orm(string_value = "sign_up")]
    SignUp,
    #[sea_orm(string_value = "invitation")]
    Invitation,
}

/// What a file staff upload is for; each allows its own types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum UploadKind {
    /// A receipt of spending or of a delivery: JPEG, PNG or PDF.
    #[sea_orm(string_value = "receipt")]
    Receipt,
    /// A photo (of a delivery, an update): JPEG or PNG.
    #[sea_orm(string_value = "photo")]
    Photo,
    /// A program's cover image: JPEG or PNG.
    #[sea_orm(string_value = "cover")]
    Cover,
}

/// Who was paid by a disbursement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PayeeType {
    /// A shop or supplier of goods or services.
    #[sea_orm(string_value = "supplier")]
    Supplier,
    /// A beneficiary household, directly (e.g. rent, tuition).
    #[sea_orm(string_value = "beneficiary")]
    Beneficiary,
    /// A trainer, job coach or other paid helper.
    #[sea_orm(string_value = "service_provider")]
    ServiceProvider,
    #[sea_orm(string_value = "other")]
    Other,
}
