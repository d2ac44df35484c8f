//! Imports of offline donations and beneficiaries (issue 5): the kinds,
//! their fields, a row's error, and an import's page.

use crate::{Locale, LocalizedText};
use serde::{Deserialize, Serialize};

/// What a file imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Cash and bank-transfer gifts the center received.
    Donations,
    /// The center's beneficiaries, with their personal details.
    Beneficiaries,
}

/// The fields of a donations file, in order.
pub const DONATION_FIELDS: [&str; 9] = [
    "date",
    "amount",
    "currency",
    "program",
    "need",
    "method",
    "donor_name",
    "anonymous",
    "reference",
];

/// The fields of a beneficiaries file, in order.
pub const BENEFICIARY_FIELDS: [&str; 10] = [
    "household_size",
    "county",
    "categories",
    "consent_on",
    "consent_scope",
    "name",
    "national_id",
    "phone",
    "address",
    "notes",
];

impl ImportKind {
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Donations => "donations",
            ImportKind::Beneficiaries => "beneficiaries",
        }
    }

    pub fn from_code(code: &str) -> Option<ImportKind> {
        match code {
            "donations" => Some(ImportKind::Donations),
            "beneficiaries" => Some(ImportKind::Beneficiaries),
            _ => None,
        }
    }

    /// The fields a file of this kind must map to a column.
    pub fn required_fields(self) -> &'static [&'static str] {
        match self {
            ImportKind::Donations => &["date", "amount", "program"],
            ImportKind::Beneficiaries => &[
                "household_size",
                "county",
                "consent_on",
                "consent_scope",
                "name",
            ],
        }
    }

    /// Its fields, in order.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ImportKind::Donations => &DONATION_FIELDS,
            ImportKind::Beneficiaries => &BENEFICIARY_FIELDS,
        }
    }
}

/// A row the dry run refused: its line in the file (the header is line 1),
/// the field and the rule (its text: `{code}--import_{field}`, else as a form's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub code: crate::outcome::Rule,
}

impl RowError {
    /// The error in words.
    pub fn message(&self, locale: Locale) -> String {
        self.code.message("import_", &self.field, locale)
    }
}

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// The file is read; no dry run yet.
    Uploaded,
    /// The dry run found no error: ready to import.
    Checked,
    /// The dry run found rows with errors.
    Refused,
    /// The rows are being recorded.
    Importing,
    /// Recorded.
    Imported,
    /// The import failed; nothing was recorded.
    Failed,
}

impl ImportStatus {
    /// Its stored code.
    pub fn code(self) -> &'static str {
        match self {
            ImportStatus::Uploaded => "uploaded",
            ImportStatus::Checked => "checked",
            ImportStatus::Refused => "refused",
            ImportStatus::Importing => "importing",
            ImportStatus::Imported => "imported",
            ImportStatus::Failed => "failed",
        }
    }

    /// The status stored as `code` (an unknown one reads as failed).
    pub fn from_code(code: &str) -> ImportStatus {
        [
            ImportStatus::Uploaded,
            ImportStatus::Checked,
            ImportStatus::Refused,
            ImportStatus::Importing,
            ImportStatus::Imported,
        ]
        .into_iter()
        .find(|s| s.code() == code)
        .unwrap_or(ImportStatus::Failed)
    }

    /// Whether its columns may be chosen and a dry run started.
    pub fn can_check(self) -> bool {
        matches!(
            self,
            ImportStatus::Uploaded | ImportStatus::Checked | ImportStatus::Refused
        )
    }

    /// Whether it may be imported now.
    pub fn can_import(self) -> bool {
        self == ImportStatus::Checked
    }
}

/// One import of a center, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportJob {
    pub id: i32,
    pub center_id: i32,
    pub center_name: LocalizedText,
    pub kind: ImportKind,
    pub file_name: String,
    pub status: ImportStatus,
    /// The file's column headers.
    pub headers: Vec<String>,
    /// The column chosen for each field (`None`: not in the file).
    pub mapping: Vec<(String, Option<usize>)>,
    pub rows: usize,
    pub error_rows: usize,
    /// The first errors of the last dry run.
    pub errors: Vec<RowError>,
    pub created: usize,
    pub already: usize,
    /// While importing: rows done.
    pub done: Option<u64>,
    pub uploaded_on: crate::DisplayDate,
}

/// A center's imports page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportsPage {
    pub center_id: i32,
    pub center_name: LocalizedText,
    /// Newest first.
    pub jobs: Vec<ImportJob>,
    /// May import beneficiaries (owners and managers).
    pub can_import_beneficiaries: bool,
}
