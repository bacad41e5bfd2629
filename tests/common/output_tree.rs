//! An output folder as a value, to say it is byte-identical to what it was.

use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` by its relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    super::files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read output file");
            (rel, bytes)
        })
        .collect()
}
