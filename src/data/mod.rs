//! The gazetteers and curated facts under `content/data/`: states, people and topics (and,
//! later, curated events).

pub mod people;
pub mod states;
pub mod topics;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::ContentError;

pub const DATA_DIR: &str = "content/data";

/// Read a YAML data file relative to `root`; `None` when the file does not exist.
pub fn read_yaml<T: DeserializeOwned>(root: &Path, name: &str) -> Result<Option<T>, ContentError> {
    let path = root.join(DATA_DIR).join(name);
    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ContentError::new(&rel, 1, 1, format!("cannot read: {e}"))),
    };
    let text = crate::content::decode(&rel, bytes)?;
    crate::yaml::parse(&rel, &text, 1).map(Some)
}
