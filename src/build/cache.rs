//! What `serve` keeps between rebuilds: the articles as the per-article enrichers left them,
//! valid while the inputs they depend on stay the same.

use std::collections::HashMap;
use std::path::PathBuf;

use super::BuildOptions;
use crate::content::Article;
use crate::error::{BuildError, Diagnostic};

/// Articles as the per-article enrichers left them, by entry file, with their warnings. Valid
/// only while the configuration and the data files stay the same, which [`inputs_key`] tells.
#[derive(Default)]
pub struct EnrichCache {
    pub(super) key: u64,
    pub(super) articles: HashMap<PathBuf, CachedArticle>,
}

/// One entry as the per-article enrichers left it, their warnings, and the events the
/// chronology found in it.
pub(super) struct CachedArticle {
    pub(super) article: Article,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) events: Option<Vec<crate::model::Event>>,
}

impl EnrichCache {
    /// How many articles the last load enriched afresh.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

/// A hash of everything besides an article's own file that its enrichment depends on:
/// site.yaml, the data files and the options. A file that cannot be read is an error, except
/// a missing site.yaml, which loading the configuration reports at its place.
pub fn inputs_key(opts: &BuildOptions) -> Result<u64, BuildError> {
    let mut bytes = Vec::new();
    let config = opts.root.join(crate::config::CONFIG_FILE);
    match std::fs::read(&config) {
        Ok(b) => bytes.extend(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BuildError::io(&config, e)),
    }
    let data_dir = opts.root.join("content").join("data");
    for entry in walkdir::WalkDir::new(&data_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            bytes.extend(entry.path().to_string_lossy().as_bytes());
            bytes.extend(std::fs::read(entry.path()).map_err(|e| BuildError::io(entry.path(), e))?);
        }
    }
    bytes.extend(format!("{:?}{}{}", opts.base_url, opts.drafts, opts.no_minify).as_bytes());
    Ok(crate::content::hash_bytes(&bytes))
}
