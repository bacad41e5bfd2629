//! The static folders: the theme's, then the site's own, whose files replace the theme's.
//! One listing serves the build's copy, `serve`'s write-what-changed and `check`'s link
//! targets, so the three agree on what a site's static files are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::error::BuildError;

/// The theme's static folder, then the site's own.
pub fn dirs(root: &Path, config: &SiteConfig) -> Vec<PathBuf> {
    vec![
        root.join("themes").join(&config.theme).join("static"),
        root.join("static"),
    ]
}

/// Every static file by its output path (`css/site.css`), a later folder's file replacing an
/// earlier one's, listed from the site `root` by the rule of [`crate::source`].
pub fn list(root: &Path, dirs: &[PathBuf]) -> Result<BTreeMap<String, PathBuf>, BuildError> {
    let mut by_path = BTreeMap::new();
    for dir in dirs {
        let files = crate::source::files(root, dir).map_err(BuildError::Static)?;
        for file in files {
            let rel = file.strip_prefix(dir).unwrap_or(&file);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            by_path.insert(name, file);
        }
    }
    Ok(by_path)
}
