//! `import_jobs`: one file a center's staff import (donations or
//! beneficiaries), its mapping, its dry run and its result.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub center_id: i32,
    /// `donations` or `beneficiaries`.
    pub kind: String,
    pub file_name: String,
    /// The rows as the upload read them (JSON of `imports::sheets::Sheet`),
    /// sealed (`DataKeys::seal_file`: they may hold personal details);
    /// emptied once imported. Jobs stored before 2026-12-07 hold the file.
    pub file_bytes: Vec<u8>,
    /// The page language of the last dry run (`fa` or `en`): how its
    /// amounts were read (IRR in toman in Persian), and so how the import
    /// reads them.
    pub checked_lang: String,
    /// The column headers, a JSON array of strings.
    pub headers_json: String,
    /// Field → column index, a JSON object.
    pub mapping_json: String,
    /// `uploaded`, `checked`, `refused`, `importing`, `imported` or `failed`.
    pub status: String,
    pub rows: i32,
    pub error_rows: i32,
    /// The first errors of the last dry run, a JSON array of `RowError`.
    pub errors_json: String,
    pub created: i32,
    pub already: i32,
    pub created_by: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
    /// UTC.
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
