//! One writer per output folder: an exclusive lock on a file beside the output, held by a
//! `build` until its swap is done and by a `serve` for as long as it runs. Without it two
//! processes share `.public.staging` and each swaps in what the other half-wrote.
//!
//! Taking the lock is also the moment to clear what a killed writer left beside the output:
//! a staging folder (after an exchange, the previous site), or the previous site set aside by
//! a fallback swap that stopped between its two renames.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::BuildError;

/// Held while a process writes the output; dropping it lets the next writer in.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
    path: PathBuf,
}

impl OutputLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Take the output's lock or fail at once, naming the process that holds it.
pub fn acquire(output: &Path) -> Result<OutputLock, BuildError> {
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
    }
    let path = super::sibling(output, "lock");
    // Never truncated on open: the holder's pid in it is what a refused writer reports.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| BuildError::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let by = if holder.is_empty() {
                String::new()
            } else {
                format!(" (pid {holder})")
            };
            return Err(BuildError::Locked {
                lock: path,
                output: output.to_path_buf(),
                holder: by,
            });
        }
        Err(TryLockError::Error(e)) => return Err(BuildError::io(&path, e)),
    }
    let pid = std::process::id().to_string();
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(pid.as_bytes()))
        .map_err(|e| BuildError::io(&path, e))?;
    recover(output)?;
    Ok(OutputLock { _file: file, path })
}

/// Put back or remove what a writer killed mid-way left beside the output. Only the lock
/// holder may: another writer's staging folder is never stale.
fn recover(output: &Path) -> Result<(), BuildError> {
    let old = super::sibling(output, "old");
    if old.is_dir() {
        if output.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| BuildError::io(&old, e))?;
        } else {
            // Killed between the fallback swap's two renames: the previous site is whole.
            std::fs::rename(&old, output).map_err(|e| BuildError::io(output, e))?;
        }
    }
    let staging = super::sibling(output, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| BuildError::io(&staging, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("public");
        let first = acquire(&output).expect("first lock");
        let err = acquire(&output)
            .expect_err("second lock must fail")
            .to_string();
        assert!(err.contains(".public.lock"), "{err}");
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        drop(first);
        acquire(&output).expect("free again once dropped");
    }

    #[test]
    fn a_killed_writers_staging_folder_is_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("public");
        std::fs::create_dir_all(dir.path().join(".public.staging/x")).expect("mkdir");
        let _lock = acquire(&output).expect("lock");
        assert!(!dir.path().join(".public.staging").exists());
    }

    #[test]
    fn a_swap_killed_halfway_is_undone_and_leftovers_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("public");
        std::fs::create_dir_all(dir.path().join(".public.old")).expect("mkdir");
        std::fs::write(dir.path().join(".public.old/index.html"), "old site").expect("write");
        std::fs::create_dir_all(dir.path().join(".public.staging/x")).expect("mkdir");
        let _lock = acquire(&output).expect("lock");
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).expect("restored"),
            "old site"
        );
        assert!(!dir.path().join(".public.old").exists());
        assert!(!dir.path().join(".public.staging").exists());
    }

    #[test]
    fn a_leftover_old_site_beside_a_whole_output_is_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("public");
        std::fs::create_dir_all(&output).expect("mkdir");
        std::fs::write(output.join("index.html"), "new site").expect("write");
        std::fs::create_dir_all(dir.path().join(".public.old")).expect("mkdir");
        let _lock = acquire(&output).expect("lock");
        assert!(!dir.path().join(".public.old").exists());
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).expect("kept"),
            "new site"
        );
    }
}
