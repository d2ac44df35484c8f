//! Files and folders only their owner may read: the SQLite database, the
//! uploads folder and its files, the data key. On Unix, folders are 0700
//! and files 0600 whatever the process's umask (OWASP ASVS 4.0 V12.1:
//! files holding personal data are not readable by other local users);
//! elsewhere these do nothing.
//!
//! May use: nothing of the crate.

use std::io;
use std::path::Path;

/// Creates folder `dir` (and its parents) when missing and makes it
/// owner-only. Only for a folder Nikoo owns (the uploads folder, the data
/// folder), never a shared parent.
///
/// # Errors
/// The I/O error of creating or changing it.
pub fn folder(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    set_mode(dir, 0o700)
}

/// Creates file `path` empty when missing, then makes it owner-only (so it
/// is never world-readable, not even for a moment, when created here).
///
/// # Errors
/// The I/O error of creating or changing it.
pub fn file(path: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn folders_and_files_are_owner_only() {
        let tmp = std::env::temp_dir().join(format!("nikoo-owner-only-{}", std::process::id()));
        let dir = tmp.join("a/b");
        super::folder(&dir).unwrap();
        let f = dir.join("x.db");
        std::fs::write(&f, b"").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        super::file(&f).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&f), 0o600, "an existing file is made owner-only too");
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
