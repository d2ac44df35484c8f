//! `uploads`: a file staff uploaded (a receipt, a photo, a program's
//! cover), stored in the upload store under its unguessable `key`, its
//! metadata (EXIF, location) removed first; shown to the public only when
//! `public`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "uploads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// 64 hex characters; the object's name in the store and its URL (`/uploads/{key}`).
    pub key: String,
    /// The center it belongs to; only its staff see it unless `public`.
    pub center_id: i32,
    pub kind: super::codes::UploadKind,
    /// `image/jpeg`, `image/png` or `application/pdf`, from the file's own bytes.
    pub content_type: String,
    /// After metadata removal.
    pub size_bytes: i64,
    /// SHA-256 of the stored bytes, hex.
    pub sha256: String,
    /// The uploaded file's own name (no path), for downloads.
    pub file_name: String,
    pub public: bool,
    pub uploaded_by: Option<i32>,
    /// UTC.
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
