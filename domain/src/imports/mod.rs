//! Imports of offline donations and beneficiaries from CSV and XLSX files
//! (issue 5): the file is read (`csv`, `calamine`), its columns mapped to
//! Nikoo's fields (guessed from the headers in Persian or English, then as
//! staff choose), every row checked in a dry run that lists each row's
//! errors, then imported all or nothing in one transaction.
//!
//! Each row has a stable key: a hash of the kind, the center, the row's
//! mapped values and how many identical rows came before it in the file,
//! so importing the same file again creates nothing twice (donations are
//! keyed `import:{key}`, beneficiaries carry it as `import_key`), and two
//! identical rows (two equal gifts on one day) stay two.
//!
//! Progress: an import reports rows done to an [`ImportProgress`] as it
//! goes (the page and `nikoo import` read it); the rows themselves commit
//! together at the end.
//!
//! | module | holds |
//! |---|---|
//! | [`sheets`] | reading CSV and XLSX files into rows of text, within safe bounds |
//! | [`rows`] | mapping columns to fields, checking each row, recording all or none |
//! | [`jobs`] | the import jobs staff run: upload, mapping, dry run, import, progress |
//!
//! May use: `giving` (records, amounts, donors), `beneficiaries`,
//! `accounts` (the policy), `audit` and the shared leaves.

pub mod jobs;
pub mod rows;
pub mod sheets;

pub use jobs::*;
pub use rows::{guess_mapping, ImportProgress, Importer, Outcome};
pub use sheets::{read_sheet, MAX_IMPORT_BYTES};
