//! Beneficiaries' personal details at rest (ARCHITECTURE.md invariant 5, issue 5).
//!
//! The details (name, national id, phone, address, notes) are sealed with
//! XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`): a fresh random
//! 24-byte nonce per write, the record's center and code as associated
//! data, so a ciphertext moved to another record does not open. The
//! national id and the phone are also kept as keyed hashes (HMAC-SHA-256
//! of the center and the normalized value), so staff can find duplicates
//! in their own center without decrypting anything, and two centers'
//! hashes of one person differ.
//!
//! Both keys are derived from one 32-byte data key (`NIKOO_DATA_KEY`, or a
//! key file in the data folder) by HMAC-SHA-256 with distinct labels. The
//! types holding plaintext are not `Serialize` and never print their
//! values (`Debug` is redacted), so they cannot reach a public response
//! or a log line by accident.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;

type HmacSha256 = Hmac<Sha256>;

/// The data key's length in bytes.
pub const KEY_BYTES: usize = 32;

/// The keys that seal personal details and hash what duplicates are found by.
#[derive(Clone)]
pub struct DataKeys {
    inner: Arc<Keys>,
}

struct Keys {
    seal: [u8; 32],
    lookup: [u8; 32],
}

impl std::fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKeys([redacted])")
    }
}

fn derive(master: &[u8; KEY_BYTES], label: &str) -> [u8; 32] {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(master).expect("HMAC takes any key length");
    mac.update(label.as_bytes());
    mac.finalize().into_bytes().into()
}

impl DataKeys {
    /// The keys derived from a 32-byte data key.
    pub fn from_master(master: &[u8; KEY_BYTES]) -> DataKeys {
        DataKeys {
            inner: Arc::new(Keys {
                seal: derive(master, "nikoo beneficiary details v1"),
                lookup: derive(master, "nikoo beneficiary lookup v1"),
            }),
        }
    }

    /// The keys of a data key written as 64 hex characters.
    ///
    /// # Errors
    /// When it is not 64 hex characters.
    pub fn from_hex(hex_key: &str) -> Result<DataKeys, String> {
        let bytes = hex::decode(hex_key.trim()).map_err(|e| format!("not hex: {e}"))?;
        let master: [u8; KEY_BYTES] = bytes
            .try_into()
            .map_err(|_| format!("a data key is {KEY_BYTES} bytes (64 hex characters)"))?;
        Ok(DataKeys::from_master(&master))
    }

    /// The keys of the data key in `path`, written there (readable by its
    /// owner only) when the file does not exist yet.
    ///
    /// # Errors
    /// When the file cannot be read, written or parsed.
    pub fn from_file(path: &std::path::Path) -> Result<DataKeys, String> {
        if let Ok(text) = std::fs::read_to_string(path) {
            return DataKeys::from_hex(&text).map_err(|e| format!("{}: {e}", path.display()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::owner_only::folder(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let mut master = [0u8; KEY_BYTES];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut master);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        use std::io::Write;
        options
            .open(path)
            .and_then(|mut f| f.write_all(hex::encode(master).as_bytes()))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        tracing::warn!(
            path = %path.display(),
            "created a new data key for beneficiaries' details: back it up; without it they cannot be read"
        );
        Ok(DataKeys::from_master(&master))
    }

    /// A keyed hash of `value` (already normalized) of kind `what` at
    /// `center_id`, hex: equal for equal values at one center only.
    pub fn lookup_hash(&self, center_id: i32, what: &str, value: &str) -> String {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.inner.lookup)
            .expect("HMAC takes any key length");
        mac.update(format!("{center_id}\u{0}{what}\u{0}{value}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.inner.seal).into())
    }

    /// Seals `details` for the record `(center_id, code)`: (nonce, ciphertext).
    ///
    /// # Errors
    /// Only when the cipher fails (it does not for messages this size).
    pub fn seal(
        &self,
        center_id: i32,
        code: &str,
        details: &PersonalDetails,
    ) -> Result<(Vec<u8>, Vec<u8>), String> {
        let plain = serde_json::to_vec(&Sealed::from(details)).map_err(|e| e.to_string())?;
        self.seal_bytes(&associated(center_id, code), &plain)
    }

    /// Seals `plain` bound to `aad`: (a fresh 24-byte nonce, ciphertext).
    fn seal_bytes(&self, aad: &str, plain: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher()
            .encrypt(
                &nonce,
                Payload {
                    msg: plain,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| "sealing failed".to_owned())?;
        Ok((nonce.to_vec(), sealed))
    }

    /// Opens what [`DataKeys::seal_bytes`] sealed with the same `aad`.
    fn open_bytes(&self, aad: &str, nonce: &[u8], sealed: &[u8]) -> Result<Vec<u8>, String> {
        if nonce.len() != 24 {
            return Err("bad nonce".into());
        }
        self.cipher()
            .decrypt(
                nonce.into(),
                Payload {
                    msg: sealed,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| "the data do not open with this key here".to_owned())
    }

    /// Seals an import file of center `center_id` (it may hold personal
    /// details until it is imported): the nonce, then the ciphertext.
    ///
    /// # Errors
    /// Only when the cipher fails.
    pub fn seal_file(&self, center_id: i32, plain: &[u8]) -> Result<Vec<u8>, String> {
        let (mut nonce, sealed) = self.seal_bytes(&file_associated(center_id), plain)?;
        nonce.extend(sealed);
        Ok(nonce)
    }

    /// Opens what [`DataKeys::seal_file`] sealed for the same center.
    ///
    /// # Errors
    /// A wrong key, a changed byte, another center's file.
    pub fn open_file(&self, center_id: i32, sealed: &[u8]) -> Result<Vec<u8>, String> {
        if sealed.len() < 24 {
            return Err("bad nonce".into());
        }
        let (nonce, body) = sealed.split_at(24);
        self.open_bytes(&file_associated(center_id), nonce, body)
    }

    /// Opens what [`DataKeys::seal`] sealed for the same record.
    ///
    /// # Errors
    /// A wrong key, a changed byte, or another record's ciphertext.
    pub fn open(
        &self,
        center_id: i32,
        code: &str,
        nonce: &[u8],
        sealed: &[u8],
    ) -> Result<PersonalDetails, String> {
        let plain = self
            .open_bytes(&associated(center_id, code), nonce, sealed)
            .map_err(|_| "the details do not open with this key for this record".to_owned())?;
        let s: Sealed = serde_json::from_slice(&plain).map_err(|e| e.to_string())?;
        Ok(s.into())
    }
}

fn associated(center_id: i32, code: &str) -> String {
    format!("nikoo:beneficiary:{center_id}:{code}")
}

fn file_associated(center_id: i32) -> String {
    format!("nikoo:import-file:{center_id}")
}

/// A beneficiary's personal details in the clear. Not `Serialize`; its
/// `Debug` prints no value.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PersonalDetails {
    pub name: String,
    /// Normalized (ten ASCII digits) or empty.
    pub national_id: String,
    /// Normalized (`09…`) or empty.
    pub phone: String,
    pub address: String,
    pub notes: String,
}

impl std::fmt::Debug for PersonalDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonalDetails([redacted])")
    }
}

impl PersonalDetails {
    /// The names of the fields that differ from `other` (for the audit
    /// record, which names fields, never values).
    pub fn changed_fields(&self, other: &PersonalDetails) -> Vec<&'static str> {
        let mut changed = Vec::new();
        for (name, a, b) in [
            ("name", &self.name, &other.name),
            ("national_id", &self.national_id, &other.national_id),
            ("phone", &self.phone, &other.phone),
            ("address", &self.address, &other.address),
            ("notes", &self.notes, &other.notes),
        ] {
            if a != b {
                changed.push(name);
            }
        }
        changed
    }
}

/// The sealed form: only this module serializes it, into the cipher.
#[derive(serde::Serialize, serde::Deserialize)]
struct Sealed {
    n: String,
    i: String,
    p: String,
    a: String,
    t: String,
}

impl From<&PersonalDetails> for Sealed {
    fn from(d: &PersonalDetails) -> Self {
        Sealed {
            n: d.name.clone(),
            i: d.national_id.clone(),
            p: d.phone.clone(),
            a: d.address.clone(),
            t: d.notes.clone(),
        }
    }
}

impl From<Sealed> for PersonalDetails {
    fn from(s: Sealed) -> Self {
        PersonalDetails {
            name: s.n,
            national_id: s.i,
            phone: s.p,
            address: s.a,
            notes: s.t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(b: u8) -> DataKeys {
        DataKeys::from_master(&[b; KEY_BYTES])
    }

    fn details() -> PersonalDetails {
        PersonalDetails {
            name: "زهرا محمدی".into(),
            national_id: "0012345679".into(),
            phone: "09121234567".into(),
            address: "طارم، روستای گیلوان".into(),
            notes: "سه فرزند".into(),
        }
    }

    #[test]
    fn import_files_open_only_with_the_key_for_their_center() {
        let k = keys(7);
        let plain = "name,national id\nزهرا محمدی,0012345679\n".as_bytes();
        let sealed = k.seal_file(3, plain).unwrap();
        assert!(
            !sealed.windows(10).any(|w| w == b"0012345679"),
            "not in the clear"
        );
        assert_eq!(k.open_file(3, &sealed).unwrap(), plain);
        assert!(keys(8).open_file(3, &sealed).is_err(), "another key");
        assert!(k.open_file(4, &sealed).is_err(), "another center");
        assert!(k.open_file(3, &sealed[..20]).is_err(), "cut short");
    }

    #[test]
    fn details_open_only_with_the_key_for_their_record() {
        let k = keys(7);
        let (nonce, sealed) = k.seal(3, "TAR-0001", &details()).unwrap();
        assert!(
            !sealed.windows(4).any(|w| w == "زه".as_bytes()),
            "not in the clear"
        );
        assert_eq!(k.open(3, "TAR-0001", &nonce, &sealed).unwrap(), details());
        assert!(
            keys(8).open(3, "TAR-0001", &nonce, &sealed).is_err(),
            "another key"
        );
        assert!(
            k.open(4, "TAR-0001", &nonce, &sealed).is_err(),
            "another center"
        );
        assert!(
            k.open(3, "TAR-0002", &nonce, &sealed).is_err(),
            "another record"
        );
        let mut changed = sealed.clone();
        changed[0] ^= 1;
        assert!(
            k.open(3, "TAR-0001", &nonce, &changed).is_err(),
            "a changed byte"
        );
        let (again, _) = k.seal(3, "TAR-0001", &details()).unwrap();
        assert_ne!(nonce, again, "a fresh nonce each time");
    }

    #[test]
    fn lookup_hashes_match_within_a_center_only() {
        let k = keys(1);
        let a = k.lookup_hash(1, "national_id", "0012345679");
        assert_eq!(a, k.lookup_hash(1, "national_id", "0012345679"));
        assert_ne!(a, k.lookup_hash(2, "national_id", "0012345679"));
        assert_ne!(a, k.lookup_hash(1, "phone", "0012345679"));
        assert_ne!(a, keys(2).lookup_hash(1, "national_id", "0012345679"));
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn nothing_personal_is_printed() {
        let shown = format!("{:?} {:?}", details(), keys(1));
        assert!(
            !shown.contains("زهرا") && !shown.contains("0012345679"),
            "{shown}"
        );
    }

    #[test]
    fn changed_fields_are_named() {
        let mut other = details();
        other.phone = "09351234567".into();
        other.notes.clear();
        assert_eq!(details().changed_fields(&other), vec!["phone", "notes"]);
    }

    #[test]
    fn key_files_are_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("nikoo-key-{}", std::process::id()));
        let path = dir.join("data.key");
        let _ = std::fs::remove_file(&path);
        let first = DataKeys::from_file(&path).unwrap();
        let second = DataKeys::from_file(&path).unwrap();
        assert_eq!(
            first.lookup_hash(1, "x", "y"),
            second.lookup_hash(1, "x", "y")
        );
        assert!(DataKeys::from_hex("abcd").is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
