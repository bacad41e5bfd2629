//! Writing the site: every file is produced in memory, written to a staging folder beside the
//! output, and swapped in only when all of it was written. A failed build leaves the previous
//! site as it was. The output folder carries a marker file, and a non-empty folder without it is
//! never replaced, so a mistyped `--output` cannot wipe a user's files.

pub mod data;
pub mod feed;
pub mod lock;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod statics;
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
        return Err(BuildError::OutputIsFile(output.to_path_buf()));
    }
    if !output.is_dir() || output.join(MARKER).is_file() {
        return Ok(());
    }
    let non_empty = std::fs::read_dir(output)
        .map_err(|e| BuildError::io(output, e))?
        .next()
        .is_some();
    if non_empty {
        return Err(BuildError::ForeignOutput {
            path: output.to_path_buf(),
            marker: MARKER,
        });
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

/// Write `files` into a staging folder, then swap it in for `output`.
pub fn write_site(output: &Path, files: &[OutFile]) -> Result<usize, BuildError> {
    let staging = Staging::create(output)?;
    let result = files
        .iter()
        .try_for_each(|f| staging.write(&f.path, &f.bytes));
    match result {
        Ok(()) => staging.finish(output, &[]).map(|_| files.len()),
        Err(e) => {
            staging.abandon();
            Err(e)
        }
    }
}

/// A staging folder beside the output that files are written into, from any thread, as they
/// are produced; [`Staging::finish`] swaps it in for the output only once all of it is there.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
}

impl Staging {
    /// Check the output may be replaced and start an empty staging folder beside it.
    pub fn create(output: &Path) -> Result<Staging, BuildError> {
        check_target(output)?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        let dir = sibling(output, "staging");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| BuildError::io(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| BuildError::io(&dir, e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
        })
    }

    /// Write one file (path relative to the output), creating its folders.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| BuildError::io(&target, e))
    }

    /// Write one file through a buffer as `make` produces it, creating its folders.
    pub fn write_with(
        &self,
        path: &str,
        make: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), BuildError> {
        use std::io::Write;
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        let file = std::fs::File::create(&target).map_err(|e| BuildError::io(&target, e))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 18, file);
        make(&mut w)
            .and_then(|()| w.flush())
            .map_err(|e| BuildError::io(&target, e))
    }

    /// Copy the static folders (a later folder's file replaces an earlier one's, and a
    /// generated file already written replaces both), add the marker and swap the staging
    /// folder in.
    /// `root` is the site folder the static folders lie in, whose files are read by the rule
    /// of [`crate::source`].
    pub fn finish(self, root: &Path, static_dirs: &[PathBuf]) -> Result<(), BuildError> {
        let result = self
            .copy_static(root, static_dirs)
            .and_then(|()| {
                let marker = self.dir.join(MARKER);
                std::fs::write(
                    &marker,
                    "Written by dossier build; the next build replaces this folder.\n",
                )
                .map_err(|e| BuildError::io(&marker, e))
            })
            .and_then(|()| swap(&self.dir, &self.output));
        if result.is_err() {
            self.abandon();
        }
        result
    }

    /// Remove the staging folder after a failure; the output stays as it was.
    pub fn abandon(&self) {
        if self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn copy_static(&self, root: &Path, static_dirs: &[PathBuf]) -> Result<(), BuildError> {
        for (rel, file) in statics::list(root, static_dirs)? {
            let target = self.dir.join(&rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
            }
            // A generated file already written wins over a static file of the same path.
            if !target.exists() {
                std::fs::copy(&file, &target).map_err(|e| BuildError::io(&file, e))?;
            }
        }
        Ok(())
    }
}

/// Put the staging folder in the output's place. On Linux the two folders trade places in
/// one `renameat2(RENAME_EXCHANGE)`, so there is no moment without an output; elsewhere (or
/// on a file system without it) the output is moved aside first, and a writer killed between
/// the two renames leaves `.public.old`, which the next one puts back (see [`lock`]).
fn swap(staging: &Path, output: &Path) -> Result<(), BuildError> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(|e| BuildError::io(output, e));
    }
    #[cfg(target_os = "linux")]
    match exchange(staging, output) {
        Ok(()) => {
            // `staging` now holds the previous site. Past the swap the build has succeeded:
            // what cannot be removed now, the next writer removes.
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
        Err(e) if exchange_unsupported(&e) => {}
        Err(e) => return Err(BuildError::io(output, e)),
    }
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
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Kernels before 3.15 and some file systems (older NFS, FUSE) do not know the exchange.
#[cfg(target_os = "linux")]
fn exchange_unsupported(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(code) if code == rustix::io::Errno::INVAL.raw_os_error()
            || code == rustix::io::Errno::NOSYS.raw_os_error()
            || code == rustix::io::Errno::OPNOTSUPP.raw_os_error()
    )
}

/// XML text escaping for feed and sitemap: the HTML escapes, less the control characters
/// XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    crate::text::html::escape(&allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_replaces_the_output_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("public");
        write_site(
            &output,
            &[
                OutFile::new("index.html", "one"),
                OutFile::new("gone.txt", "x"),
            ],
        )
        .expect("first build");
        write_site(&output, &[OutFile::new("index.html", "two")]).expect("second build");
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).expect("read"),
            "two"
        );
        assert!(!output.join("gone.txt").exists());
        let mut beside: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(beside, ["public"]);
    }
}
