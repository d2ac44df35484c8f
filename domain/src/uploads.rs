//! Files staff upload: receipts, photos and program covers (issue 5).
//!
//! A file is checked before anything is written: at most
//! [`MAX_UPLOAD_BYTES`]; its type is read from its own bytes (`infer`), not
//! from its name or the browser's word, and must be one its kind allows
//! (JPEG, PNG, PDF for receipts; JPEG, PNG for photos and covers); its
//! name must be a plain file name (no folders, no `..`). Photos lose their
//! metadata before they are stored (`img-parts`): a JPEG's EXIF and XMP
//! (APP1, which carry the camera and the GPS location), its IPTC (APP13),
//! other application segments and comments; a PNG's `eXIf` and text
//! chunks. It is then stored under an unguessable key in the upload store
//! (any `object_store` backend: a folder under the data folder by
//! default) and recorded in `uploads`.
//!
//! A public upload is served to anyone; a private one only to the staff of
//! its center (the policy's `ReadUploads`).

use crate::accounts::policy::{authorize, Action, Actor};
use crate::entities::codes::UploadKind;
use crate::entities::upload;
use crate::error::DomainError;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use nikoo_types::outcome::Rule;
use object_store::{path::Path as StorePath, ObjectStore, PutPayload};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The largest file accepted, in bytes (5 MiB).
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;

/// The longest file name kept, in characters.
const FILE_NAME_MAX_CHARS: usize = 120;

/// Where uploads are kept: an `object_store` backend and a folder in it.
#[derive(Clone)]
pub struct UploadStore {
    store: Arc<dyn ObjectStore>,
    prefix: StorePath,
    /// The folder of a store on the local disk, whose files are made owner-only.
    local_dir: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for UploadStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl UploadStore {
    /// A folder on this machine (created when missing).
    ///
    /// # Errors
    /// The folder cannot be created or opened.
    pub fn local(dir: &std::path::Path) -> Result<UploadStore, String> {
        crate::owner_only::folder(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| e.to_string())?;
        Ok(UploadStore {
            store: Arc::new(store),
            prefix: StorePath::default(),
            local_dir: Some(dir.to_owned()),
        })
    }

    /// Kept in memory (tests; gone when the process ends).
    pub fn in_memory() -> UploadStore {
        UploadStore {
            store: Arc::new(object_store::memory::InMemory::new()),
            prefix: StorePath::default(),
            local_dir: None,
        }
    }

    /// Any backend `object_store` can open from a URL without cloud
    /// features: `file:///srv/nikoo/uploads` or `memory:///`.
    ///
    /// # Errors
    /// A malformed or unsupported URL.
    pub fn from_url(url: &str) -> Result<UploadStore, String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
        if parsed.scheme() == "file" {
            let dir = parsed
                .to_file_path()
                .map_err(|()| format!("{url}: not a local path"))?;
            return UploadStore::local(&dir);
        }
        let (store, prefix) = object_store::parse_url(&parsed).map_err(|e| e.to_string())?;
        Ok(UploadStore {
            store: Arc::from(store),
            prefix,
            local_dir: None,
        })
    }

    fn path(&self, key: &str) -> StorePath {
        self.prefix.child(key)
    }

    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), DomainError> {
        self.store
            .put(&self.path(key), PutPayload::from_bytes(bytes))
            .await
            .map_err(|e| DomainError::Unexpected(format!("storing upload {key}: {e}")))?;
        if let Some(dir) = &self.local_dir {
            crate::owner_only::file(&dir.join(key))
                .map_err(|e| DomainError::Unexpected(format!("protecting upload {key}: {e}")))?;
        }
        Ok(())
    }

    /// The stored bytes of `key`.
    ///
    /// # Errors
    /// `NotFound` when the store has no such object; `Unexpected` when it fails.
    pub async fn get(&self, key: &str) -> Result<Bytes, DomainError> {
        match self.store.get(&self.path(key)).await {
            Ok(r) => r
                .bytes()
                .await
                .map_err(|e| DomainError::Unexpected(format!("reading upload {key}: {e}"))),
            Err(object_store::Error::NotFound { .. }) => Err(DomainError::NotFound),
            Err(e) => Err(DomainError::Unexpected(format!(
                "reading upload {key}: {e}"
            ))),
        }
    }
}

/// A file as a form sent it.
#[derive(Clone)]
pub struct UploadedFile {
    /// The name the browser gave it.
    pub file_name: String,
    pub bytes: Bytes,
}

impl std::fmt::Debug for UploadedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadedFile")
            .field("file_name", &self.file_name)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A file that passed [`check_file`], its metadata removed.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub kind: UploadKind,
    pub content_type: &'static str,
    pub file_name: String,
    pub bytes: Bytes,
}

/// The types a kind of upload allows, each with its file extension.
fn allowed(kind: UploadKind) -> &'static [(&'static str, &'static str)] {
    const JPEG: (&str, &str) = ("image/jpeg", "jpg");
    const PNG: (&str, &str) = ("image/png", "png");
    const PDF: (&str, &str) = ("application/pdf", "pdf");
    match kind {
        UploadKind::Receipt => &[JPEG, PNG, PDF],
        UploadKind::Photo | UploadKind::Cover => &[JPEG, PNG],
    }
}

/// A plain file name: no folder parts, no `..`, no control characters;
/// bidi formatting characters are dropped (an override makes
/// `invoice{U+202E}fdp.exe` read as `invoiceexe.pdf`).
fn plain_name(name: &str) -> Option<String> {
    let name: String = name
        .chars()
        .filter(|c| !nikoo_types::text::is_bidi_control(*c))
        .collect();
    let name = name.trim();
    let bad = name.is_empty()
        || name.contains(['/', '\\'])
        || name.split('.').all(str::is_empty)
        || name.contains("..")
        || name.chars().any(char::is_control)
        || name.chars().count() > FILE_NAME_MAX_CHARS;
    (!bad).then(|| name.to_owned())
}

/// `name` with the extension of the type its bytes are (`ext`): a matching
/// one stays (`.jpeg` for a JPEG too), a short other one (`.html`,
/// `.exe`) is replaced, anything else gets `ext` added, so a stored file
/// is never named as a type it is not.
fn name_with_extension(name: &str, ext: &str) -> String {
    let (stem, current) = match name.rsplit_once('.') {
        Some((stem, e))
            if !stem.is_empty()
                && (1..=5).contains(&e.len())
                && e.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, Some(e.to_ascii_lowercase()))
        }
        _ => (name, None),
    };
    match current.as_deref() {
        Some(e) if e == ext || (ext == "jpg" && e == "jpeg") => name.to_owned(),
        _ => format!("{stem}.{ext}"),
    }
}

/// Checks a file for `kind` (size, name, type from its bytes) and removes
/// a photo's metadata.
///
/// # Errors
/// `Invalid` on field `file`: `required` (empty), `too_large` (over
/// [`MAX_UPLOAD_BYTES`]), `bad_name` (a path, not a name), `wrong_type`
/// (not a type `kind` allows, or not a well-formed image of its type).
pub fn check_file(kind: UploadKind, file: &UploadedFile) -> Result<CheckedFile, DomainError> {
    let bad = |code: Rule| DomainError::invalid("file", code);
    if file.bytes.is_empty() {
        return Err(bad(Rule::Required));
    }
    if file.bytes.len() > MAX_UPLOAD_BYTES {
        return Err(bad(Rule::TooLarge));
    }
    let file_name = plain_name(&file.file_name).ok_or_else(|| bad(Rule::BadName))?;
    let sniffed = infer::get(&file.bytes)
        .map(|t| t.mime_type())
        .ok_or_else(|| bad(Rule::WrongType))?;
    let (content_type, ext) = allowed(kind)
        .iter()
        .copied()
        .find(|(t, _)| *t == sniffed)
        .ok_or_else(|| bad(Rule::WrongType))?;
    let file_name = name_with_extension(&file_name, ext);
    let bytes = match content_type {
        "image/jpeg" => strip_jpeg(file.bytes.clone()),
        "image/png" => strip_png(file.bytes.clone()),
        _ => Some(file.bytes.clone()),
    }
    .ok_or_else(|| bad(Rule::WrongType))?;
    Ok(CheckedFile {
        kind,
        content_type,
        file_name,
        bytes,
    })
}

/// A JPEG without its metadata: APP1 (EXIF, XMP), APP3–APP13 and APP15
/// (IPTC among them), comments, APP2 segments other than the ICC colour
/// profile (MPF, the index of the images a phone appends), and whatever
/// follows the primary image's end (those appended images: previews and
/// gain maps, each with its own EXIF, GPS included). APP0 (JFIF), the ICC
/// profile and APP14 (Adobe's colour transform) stay, as the picture needs
/// them. `None` when it is not a well-formed JPEG.
fn strip_jpeg(bytes: Bytes) -> Option<Bytes> {
    use img_parts::jpeg::{markers, Jpeg};
    let mut jpeg = Jpeg::from_bytes(bytes).ok()?;
    jpeg.segments_mut().retain(|s| {
        let m = s.marker();
        let app = (markers::APP0..=markers::APP15).contains(&m);
        let kept_app = match m {
            markers::APP0 | markers::APP14 => true,
            markers::APP2 => s.contents().starts_with(b"ICC_PROFILE\0"),
            _ => false,
        };
        (!app || kept_app) && m != markers::COM
    });
    let encoded = jpeg.encoder().bytes();
    let end = primary_image_end(&encoded)?;
    Some(encoded.slice(..end))
}

/// Where a JPEG's first image ends: just past its EOI marker, found by
/// walking the marker segments (each with its length) and the scans'
/// entropy-coded data (where `FF 00` and the restart markers `FF D0`–`FF D7`
/// are data). `None` when the data end before an EOI.
fn primary_image_end(b: &[u8]) -> Option<usize> {
    const EOI: u8 = 0xD9;
    let mut i = 2; // past SOI
    let mut in_scan = false;
    while i + 1 < b.len() {
        if b[i] != 0xFF {
            if !in_scan {
                return None;
            }
            i += 1;
            continue;
        }
        let m = b[i + 1];
        match m {
            0x00 | 0xD0..=0xD7 if in_scan => i += 2,
            0xFF => i += 1, // fill byte
            EOI => return Some(i + 2),
            _ => {
                let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
                if len < 2 {
                    return None;
                }
                i += 2 + len;
                in_scan = m == 0xDA; // SOS: its entropy-coded data follow
            }
        }
    }
    None
}

/// PNG chunks that carry metadata: EXIF, texts (any key, e.g. a location),
/// the modification time.
const PNG_METADATA: [[u8; 4]; 5] = [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"];

/// A PNG without its metadata chunks; `None` when it is not a well-formed PNG.
fn strip_png(bytes: Bytes) -> Option<Bytes> {
    let mut png = img_parts::png::Png::from_bytes(bytes).ok()?;
    png.chunks_mut()
        .retain(|c| !PNG_METADATA.contains(&c.kind()));
    Some(png.encoder().bytes())
}

/// Stores a checked file of center `center_id` and records it, on the
/// caller's transaction (commit it after): the object is written first, so
/// a failing store leaves no row; a failing commit leaves an unreferenced
/// object, never a row without its file.
///
/// # Errors
/// `Db`; `Unexpected` when the store fails.
pub async fn store_file<C: ConnectionTrait>(
    txn: &C,
    store: &UploadStore,
    now: DateTime<Utc>,
    center_id: i32,
    uploaded_by: Option<i32>,
    file: CheckedFile,
    public: bool,
) -> Result<upload::Model, DomainError> {
    let key = crate::secrets::new_token();
    let sha256 = hex::encode(Sha256::digest(&file.bytes));
    let size = i64::try_from(file.bytes.len()).unwrap_or(i64::MAX);
    store.put(&key, file.bytes).await?;
    Ok(upload::ActiveModel {
        key: Set(key),
        center_id: Set(center_id),
        kind: Set(file.kind),
        content_type: Set(file.content_type.to_owned()),
        size_bytes: Set(size),
        sha256: Set(sha256),
        file_name: Set(file.file_name),
        public: Set(public),
        uploaded_by: Set(uploaded_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// [`store_file`] for a form whose file is optional: `None` stores nothing.
///
/// # Errors
/// Those of [`store_file`].
pub async fn store_optional<C: ConnectionTrait>(
    txn: &C,
    store: &UploadStore,
    now: DateTime<Utc>,
    center_id: i32,
    uploaded_by: Option<i32>,
    file: Option<CheckedFile>,
    public: bool,
) -> Result<Option<upload::Model>, DomainError> {
    match file {
        Some(f) => store_file(txn, store, now, center_id, uploaded_by, f, public)
            .await
            .map(Some),
        None => Ok(None),
    }
}

/// An upload's key: 64 lowercase hex characters (anything else names nothing).
fn is_key(key: &str) -> bool {
    key.len() == 64
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The upload with `key` and its bytes, for `actor`: a public one for
/// anyone, a private one for the staff of its center.
///
/// # Errors
/// `NotFound` for no such upload; for a private one, `Unauthenticated`
/// (anonymous) or `NotFound` (not its center's staff); `Db`.
pub async fn fetch<C: ConnectionTrait>(
    db: &C,
    store: &UploadStore,
    actor: Option<&Actor>,
    key: &str,
) -> Result<(upload::Model, Bytes), DomainError> {
    if !is_key(key) {
        return Err(DomainError::NotFound);
    }
    let u = upload::Entity::find()
        .filter(upload::Column::Key.eq(key))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !u.public {
        authorize(actor, Action::ReadUploads(u.center_id))?;
    }
    let bytes = store.get(&u.key).await?;
    Ok((u, bytes))
}

/// The path an upload is served at.
pub fn url_of(key: &str) -> String {
    format!("/uploads/{key}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &[u8]) -> UploadedFile {
        UploadedFile {
            file_name: name.into(),
            bytes: Bytes::copy_from_slice(bytes),
        }
    }

    #[test]
    fn names_must_be_plain_file_names() {
        assert_eq!(plain_name(" رسید.pdf ").as_deref(), Some("رسید.pdf"));
        for bad in [
            "../../x",
            "a/b.png",
            "..\\x.png",
            "..",
            ".",
            "",
            "x\u{0}.png",
        ] {
            assert_eq!(plain_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn names_lose_bidi_controls_and_take_their_types_extension() {
        let pdf = file("invoice\u{202E}fdp.exe", b"%PDF-1.4\n%%EOF\n");
        let checked = check_file(UploadKind::Receipt, &pdf).unwrap();
        assert_eq!(checked.file_name, "invoicefdp.pdf");
        for (name, ext, stored) in [
            ("page.html", "pdf", "page.pdf"),
            ("رسید.PDF", "pdf", "رسید.PDF"),
            ("photo.jpeg", "jpg", "photo.jpeg"),
            ("scan", "png", "scan.png"),
            ("report.2025 final", "pdf", "report.2025 final.pdf"),
            (".png", "jpg", ".png.jpg"),
        ] {
            assert_eq!(name_with_extension(name, ext), stored, "{name}");
        }
        assert_eq!(
            plain_name("\u{2067}\u{200F}x.png").as_deref(),
            Some("x.png")
        );
        assert_eq!(plain_name("\u{202E}"), None);
    }

    #[test]
    fn the_type_comes_from_the_bytes() {
        let html = file(
            "page.png",
            b"<!doctype html><html><script>alert(1)</script></html>",
        );
        let e = check_file(UploadKind::Photo, &html).unwrap_err();
        assert!(e.to_string().contains("file: wrong_type"), "{e}");
        let pdf = file("r.png", b"%PDF-1.4\n%%EOF\n");
        assert_eq!(
            check_file(UploadKind::Receipt, &pdf).unwrap().content_type,
            "application/pdf"
        );
        assert!(
            check_file(UploadKind::Photo, &pdf).is_err(),
            "no PDF photos"
        );
        // A JPEG header alone is not a JPEG.
        let broken = file(
            "x.jpg",
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'],
        );
        assert!(check_file(UploadKind::Photo, &broken).is_err());
    }

    #[test]
    fn too_large_and_empty_files_are_refused() {
        let big = file("big.pdf", &vec![b'%'; MAX_UPLOAD_BYTES + 1]);
        assert!(check_file(UploadKind::Receipt, &big)
            .unwrap_err()
            .to_string()
            .contains("too_large"));
        assert!(check_file(UploadKind::Receipt, &file("e.pdf", b""))
            .unwrap_err()
            .to_string()
            .contains("required"));
    }

    #[test]
    fn a_jpeg_loses_what_follows_its_image_and_the_mpf_index() {
        let photo = include_bytes!("../../server/tests/fixtures/gps.jpg");
        // A phone's MPF index in APP2, and a second image appended after
        // the first one's end, with a camera name in its own EXIF.
        let mut mpf = vec![0xFF, 0xE2, 0, 0];
        mpf.extend_from_slice(b"MPF\0NikooMpfIndex");
        let len = u16::try_from(mpf.len() - 2).unwrap().to_be_bytes();
        mpf[2..4].copy_from_slice(&len);
        let mut bytes = photo[..2].to_vec();
        bytes.extend(&mpf);
        bytes.extend(&photo[2..]);
        bytes.extend([0xFF, 0xD8, 0xFF, 0xE1, 0, 0x14]);
        bytes.extend(b"Exif\0\0NikooSecondCam");
        bytes.extend([0xFF, 0xD9]);
        let stored = check_file(UploadKind::Photo, &file("p.jpg", &bytes)).unwrap();
        let has = |needle: &[u8]| stored.bytes.windows(needle.len()).any(|w| w == needle);
        assert!(!has(b"NikooSecondCam"), "the appended image is gone");
        assert!(!has(b"NikooMpfIndex"), "the MPF index is gone");
        assert!(!has(b"NikooTestCam"), "the first image's EXIF is gone");
        assert_eq!(&stored.bytes[stored.bytes.len() - 2..], &[0xFF, 0xD9]);
        assert!(stored.bytes.len() > 100, "the picture stays");
    }

    #[test]
    fn keys_are_64_hex() {
        assert!(is_key(&"a1".repeat(32)));
        assert!(!is_key("../../etc/passwd"));
        assert!(!is_key(&"A1".repeat(32)));
    }
}
