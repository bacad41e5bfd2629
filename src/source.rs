//! Reading the site's own files: one rule for every file a build reads (`site.yaml`, entries,
//! `content/intro.md`, data files, templates, static files). A file is read only when it is
//! a regular file reached from the site root without passing through a symbolic link, so a
//! link such as `content/intro.md -> /etc/passwd` (or a linked folder) cannot publish a file
//! from outside the site. A link is an error naming it, never skipped in silence: the editor
//! learns to copy the file in.

use std::io::{Error, ErrorKind, Read};
use std::path::{Path, PathBuf};

/// Why a source file was not read, in words that name it.
fn refused(shown: &Path, why: &str) -> Error {
    Error::new(
        ErrorKind::InvalidInput,
        format!("{}: {why}", shown.display()),
    )
}

/// The error for a link: its path as the user sees it from the site root.
fn linked(root: &Path, at: &Path) -> Error {
    let shown = at.strip_prefix(root).unwrap_or(at);
    refused(
        shown,
        "is a symbolic link; dossier reads no file through a link (copy the file into the site)",
    )
}

/// Check that no component of `path` below `root` is a symbolic link. A missing component
/// is `NotFound`, as reading it would be.
fn no_link_below(root: &Path, path: &Path) -> std::io::Result<std::fs::Metadata> {
    let (mut at, rel) = match path.strip_prefix(root) {
        Ok(rel) => (root.to_path_buf(), rel),
        Err(_) => (PathBuf::new(), path),
    };
    // The root itself may be a link (a user's choice, like /tmp on some systems).
    let mut meta = std::fs::metadata(if at.as_os_str().is_empty() {
        Path::new("/")
    } else {
        &at
    })?;
    for part in rel.components() {
        at.push(part);
        meta = std::fs::symlink_metadata(&at)?;
        if meta.file_type().is_symlink() {
            return Err(linked(root, &at));
        }
    }
    Ok(meta)
}

/// Read the file at `path` (under `root`), refusing links on the way and anything but a
/// regular file (a FIFO would block, a device never end).
pub fn read(root: &Path, path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = no_link_below(root, path)?;
    if !meta.is_file() {
        let shown = path.strip_prefix(root).unwrap_or(path);
        return Err(refused(shown, "is not a regular file"));
    }
    let mut file = open_no_follow(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`read`] as UTF-8 text, for files whose errors need no line and column.
pub fn read_to_string(root: &Path, path: &Path) -> std::io::Result<String> {
    String::from_utf8(read(root, path)?).map_err(|_| {
        let shown = path.strip_prefix(root).unwrap_or(path);
        refused(shown, "invalid UTF-8: save the file as UTF-8")
    })
}

/// Open without following a link at the last step, so a file swapped for a link after the
/// check above is still not followed.
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)
}

/// Every regular file under the folder `dir` (under `root`), sorted by path; a link in the
/// way to `dir` or inside it is an error. A missing folder has no files.
pub fn files(root: &Path, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    match no_link_below(root, dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Ok(Vec::new()),
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_root_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(Error::other)?;
        let kind = entry.file_type();
        if kind.is_symlink() {
            return Err(linked(root, entry.path()));
        }
        if kind.is_file() {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_anywhere_on_the_way_is_refused_and_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/real")).expect("mkdir");
        std::fs::write(dir.path().join("secret"), "secret").expect("write");
        std::fs::write(root.join("content/real/a.md"), "a").expect("write");
        symlink(dir.path().join("secret"), root.join("content/intro.md")).expect("link");
        symlink(root.join("content/real"), root.join("content/linked")).expect("link");

        assert_eq!(
            read(&root, &root.join("content/real/a.md")).expect("read"),
            b"a"
        );
        let err = read(&root, &root.join("content/intro.md")).expect_err("a link");
        assert!(
            err.to_string()
                .contains("content/intro.md: is a symbolic link"),
            "{err}"
        );
        let err = read(&root, &root.join("content/linked/a.md")).expect_err("a linked folder");
        assert!(
            err.to_string()
                .starts_with("content/linked: is a symbolic link"),
            "{err}"
        );
        assert_eq!(
            read(&root, &root.join("content/none.md"))
                .expect_err("missing")
                .kind(),
            ErrorKind::NotFound
        );
        let err = read(&root, &root.join("content")).expect_err("a folder");
        assert!(err.to_string().contains("not a regular file"), "{err}");

        let err = files(&root, &root.join("content")).expect_err("a link inside");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(
            files(&root, &root.join("content/real")).expect("files"),
            vec![root.join("content/real/a.md")]
        );
        assert!(files(&root, &root.join("content/linked")).is_err());
        assert!(files(&root, &root.join("nowhere"))
            .expect("none")
            .is_empty());
    }
}

/// Decode an input file: UTF-8 required; a BOM and CRLF line endings are accepted.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, crate::error::ContentError> {
    let text = crate::text::utf8::str_of(&bytes).map_err(|e| {
        let good = e.valid_up_to();
        let prefix = String::from_utf8_lossy(&bytes[..good]);
        let (line, col) = crate::error::line_col(&prefix, prefix.len());
        crate::error::ContentError::new(path, line, col, "invalid UTF-8: save the file as UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}
