//! Pagefind's own browser files (`pagefind.js`, its worker, the WebAssembly that reads the
//! index) and the format facts the index must agree with (version, word characters), taken
//! from the `pagefind` crate itself: it indexes a one-word record, and everything but its
//! index files is kept. So the scripts are always the ones of the compiled Pagefind, with
//! no npm step and no network, and a Pagefind whose format this writer does not know is an
//! error rather than an index its scripts cannot read.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The format [`super::writer`] writes.
pub const FORMAT: &str = "1.6.";

/// Pagefind's files for one language.
pub struct Scripts {
    /// File name within a bundle, bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The name of the language's WebAssembly among `files`, if Pagefind has one.
    pub language_wasm: Option<String>,
    /// The `wasm` field of the language in `pagefind-entry.json`.
    pub wasm: Option<String>,
    pub version: String,
    pub include_characters: Vec<char>,
}

#[derive(serde::Deserialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

#[derive(serde::Deserialize)]
struct EntryLanguage {
    wasm: Option<String>,
}

/// Pagefind's ready-made search interfaces: the theme's `search.js` talks to `pagefind.js`
/// directly, so these would only be dead weight in every deployment.
fn is_unused_ui(name: &str) -> bool {
    [
        "pagefind-ui.",
        "pagefind-modular-ui.",
        "pagefind-component-ui.",
        "pagefind-highlight.",
        "playground/",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

/// The scripts for `language`, made once per process and language (minifying Pagefind's
/// JavaScript takes a moment, and `serve` rebuilds often).
pub fn for_language(language: &str) -> Result<Arc<Scripts>, String> {
    static MADE: OnceLock<Mutex<BTreeMap<String, Arc<Scripts>>>> = OnceLock::new();
    let made = MADE.get_or_init(Default::default);
    if let Some(s) = made.lock().ok().and_then(|m| m.get(language).cloned()) {
        return Ok(s);
    }
    let scripts = Arc::new(from_pagefind(language)?);
    if let Ok(mut m) = made.lock() {
        m.insert(language.to_string(), Arc::clone(&scripts));
    }
    Ok(scripts)
}

fn from_pagefind(language: &str) -> Result<Scripts, String> {
    let fail = |e: &dyn std::fmt::Display| format!("Pagefind's scripts: {e}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| fail(&e))?;
    let config = pagefind::options::PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let files = runtime.block_on(async {
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| fail(&e))?;
        index
            .add_custom_record(
                "/".into(),
                "pagefind".into(),
                language.to_string(),
                None,
                None,
                None,
            )
            .await
            .map_err(|e| fail(&e))?;
        index.get_files().await.map_err(|e| fail(&e))
    })?;
    let mut entry = None;
    let mut kept = Vec::new();
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if name == "pagefind-entry.json" {
            entry = Some(serde_json::from_slice::<Entry>(&f.contents).map_err(|e| fail(&e))?);
        } else if !name.contains(".pf_") && !name.contains('/') && !is_unused_ui(&name) {
            kept.push((name, f.contents));
        }
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    let entry = entry.ok_or_else(|| fail(&"no pagefind-entry.json"))?;
    if !entry.version.starts_with(FORMAT) {
        return Err(format!(
            "the search index writer knows Pagefind {FORMAT}x's format, and the pagefind crate \
             is {}: update output/search for its format first",
            entry.version
        ));
    }
    let wasm = entry.languages.get(language).and_then(|l| l.wasm.clone());
    let language_wasm = format!("wasm.{language}.pagefind");
    let language_wasm = kept
        .iter()
        .any(|(n, _)| *n == language_wasm)
        .then_some(language_wasm);
    Ok(Scripts {
        files: kept,
        language_wasm,
        wasm,
        version: entry.version,
        include_characters: entry.include_characters,
    })
}
