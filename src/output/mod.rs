//! Writing the site: every file is produced in memory, written to a staging folder beside the
//! output, and swapped in only when all of it was written. A failed build leaves the previous
//! site as it was. The output folder carries a marker file, and a non-empty folder without it is
//! never replaced, so a mistyped `--output` cannot wipe a user's files.

pub mod data;
pub mod feed;
pub mod minify;
pub mod search;
pub mod sitemap;
pub mod timeline;

use std::path::{Path, PathBuf};

use crate::error::BuildError;

pub const MARKER: &str = ".dossier-output";

/// One output file, by its path relative to the output folder.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Refuse to build into a folder that holds anything but a previous build.
pub fn check_target(output: &Path) -> Result<(), BuildError> {
    if output.is_file() {
        return Err(BuildError::Output(format!(
            "{}: the output path is a file, not a folder",
            output.display()
        )));
    }
    if !output.is_dir() || output.join(MARKER).is_file() {
        return Ok(());
    }
    let non_empty = std::fs::read_dir(output)
        .map_err(|e| BuildError::io(output, e))?
        .next()
        .is_some();
    if non_empty {
        return Err(BuildError::Output(format!(
            "{}: refusing to replace a non-empty folder that dossier did not write (no {MARKER} file in it); choose another --output or empty it",
            output.display()
        )));
    }
    Ok(())
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// Write `files` and the static folders into a staging folder, then swap it in for `output`.
pub fn write_site(
    output: &Path,
    files: &[OutFile],
    static_dirs: &[PathBuf],
) -> Result<usize, BuildError> {
    check_target(output)?;
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
    }
    let staging = sibling(output, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| BuildError::io(&staging, e))?;
    }
    let result = fill(&staging, files, static_dirs).and_then(|n| swap(&staging, output).map(|_| n));
    if result.is_err() && staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, files: &[OutFile], static_dirs: &[PathBuf]) -> Result<usize, BuildError> {
    std::fs::create_dir_all(staging).map_err(|e| BuildError::io(staging, e))?;
    for dir in static_dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| BuildError::Output(format!("{}: {e}", dir.display())))?;
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let target = staging.join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).map_err(|e| BuildError::io(&target, e))?;
            } else if entry.file_type().is_file() {
                std::fs::copy(entry.path(), &target)
                    .map_err(|e| BuildError::io(entry.path(), e))?;
            }
        }
    }
    for f in files {
        let target = staging.join(&f.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        std::fs::write(&target, &f.bytes).map_err(|e| BuildError::io(&target, e))?;
    }
    let marker = staging.join(MARKER);
    std::fs::write(
        &marker,
        "Written by dossier build; the next build replaces this folder.\n",
    )
    .map_err(|e| BuildError::io(&marker, e))?;
    Ok(files.len())
}

fn swap(staging: &Path, output: &Path) -> Result<(), BuildError> {
    if output.exists() {
        let old = sibling(output, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| BuildError::io(&old, e))?;
        }
        std::fs::rename(output, &old).map_err(|e| BuildError::io(output, e))?;
        if let Err(e) = std::fs::rename(staging, output) {
            // Put the previous site back rather than leave nothing.
            let _ = std::fs::rename(&old, output);
            return Err(BuildError::io(output, e));
        }
        std::fs::remove_dir_all(&old).map_err(|e| BuildError::io(&old, e))?;
    } else {
        std::fs::rename(staging, output).map_err(|e| BuildError::io(output, e))?;
    }
    Ok(())
}

/// XML text escaping for feed and sitemap: the HTML escapes, less the control characters
/// XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    crate::content::markdown::escape(&allowed)
}
