//! Helpers shared by the integration tests: fixture sites in temporary folders, builds, and
//! reading what a build wrote.
#![allow(dead_code)]

pub mod output_tree;
pub mod server;

use std::path::{Path, PathBuf};

use dossier::build::{build, BuildOptions, BuildReport};
use dossier::error::BuildError;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let rel = entry.path().strip_prefix(from).expect("under fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create dir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A temporary copy of `tests/fixtures/site` with the repository's default theme.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn fixture() -> Site {
        Site::from_fixture("site")
    }

    pub fn from_fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        Site { dir }
    }

    /// This repository's own dossier (its content and site.yaml, served from
    /// `https://example.org/`) in a temporary folder.
    pub fn repository() -> Site {
        let site = Site::fixture();
        let _ = std::fs::remove_dir_all(site.root().join("content"));
        copy_dir(&repo().join("content"), &site.root().join("content"));
        let config = std::fs::read_to_string(repo().join("site.yaml")).expect("site.yaml");
        let config: String = config
            .lines()
            .map(|l| match l.starts_with("base_url:") {
                true => "base_url: https://example.org/\n".to_string(),
                false => format!("{l}\n"),
            })
            .collect();
        site.write("site.yaml", &config);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(p, text).expect("write file");
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        std::fs::write(self.root().join(rel), bytes).expect("write file");
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(self.out()),
            ..Default::default()
        }
    }

    pub fn build(&self) -> Result<BuildReport, BuildError> {
        build(&self.options())
    }

    pub fn build_with(&self, f: impl FnOnce(&mut BuildOptions)) -> Result<BuildReport, BuildError> {
        let mut o = self.options();
        f(&mut o);
        build(&o)
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }
}

pub fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).expect("valid selector")
}

pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The ids of the events a list links to where they are drawn (`ol.timeline.links`, whose
/// links end in `#` and the event's id), in the order listed.
pub fn linked_event_ids(doc: &scraper::Html) -> Vec<String> {
    attrs(doc, "ol.timeline.links a", "href")
        .into_iter()
        .filter_map(|h| h.split_once('#').map(|(_, id)| id.to_string()))
        .collect()
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

/// Every internal link target (href, src, and url() in CSS) of every HTML and CSS file,
/// resolved against `base_path` to a path in `out`; returns those that are missing.
pub fn broken_internal_links(out: &Path, base_path: &str, host: &str) -> Vec<String> {
    let mut broken = Vec::new();
    let mut checked = 0;
    for rel in files(out) {
        let path = out.join(&rel);
        if rel.ends_with(".html") {
            let doc =
                scraper::Html::parse_document(&std::fs::read_to_string(&path).expect("utf-8 html"));
            let ids: Vec<String> = attrs(&doc, "[id]", "id");
            for (selector, attr) in [("[href]", "href"), ("[src]", "src")] {
                for target in attrs(&doc, selector, attr) {
                    checked += 1;
                    if let Some(frag) = target.strip_prefix('#') {
                        if !frag.is_empty() && !ids.iter().any(|i| i == frag) {
                            broken.push(format!("{rel}: #{frag} (no such id)"));
                        }
                        continue;
                    }
                    let local = if let Some(rest) = target.strip_prefix(host) {
                        format!("/{}", rest.trim_start_matches('/'))
                    } else if target.starts_with("http://")
                        || target.starts_with("https://")
                        || target.starts_with("mailto:")
                    {
                        continue;
                    } else {
                        target.clone()
                    };
                    if let Some(problem) = resolve(out, base_path, &local) {
                        broken.push(format!("{rel}: {target} ({problem})"));
                    } else if let Some((page, frag)) = local.split_once('#') {
                        if !frag.is_empty() && !page_has_id(out, base_path, page, frag) {
                            broken.push(format!("{rel}: {target} (no such id on that page)"));
                        }
                    }
                }
            }
        } else if rel.ends_with(".css") {
            let css = std::fs::read_to_string(&path).expect("utf-8 css");
            for part in css.split("url(").skip(1) {
                let target = part
                    .split(')')
                    .next()
                    .unwrap_or("")
                    .trim_matches(['"', '\'']);
                let dir = Path::new(&rel).parent().unwrap_or(Path::new(""));
                let joined = normalize(&dir.join(target));
                checked += 1;
                if !out.join(&joined).is_file() {
                    broken.push(format!("{rel}: url({target})"));
                }
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} links found: is the output empty?"
    );
    broken
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn page_has_id(out: &Path, base_path: &str, page: &str, id: &str) -> bool {
    let rest = page.strip_prefix(base_path).unwrap_or(page);
    let file = if rest.is_empty() || rest.ends_with('/') {
        out.join(rest).join("index.html")
    } else {
        out.join(rest)
    };
    let Ok(html) = std::fs::read_to_string(file) else {
        return false;
    };
    let doc = scraper::Html::parse_document(&html);
    attrs(&doc, "[id]", "id").iter().any(|i| i == id)
}

fn resolve(out: &Path, base_path: &str, target: &str) -> Option<String> {
    let target = target
        .split('#')
        .next()
        .unwrap_or("")
        .split('?')
        .next()
        .unwrap_or("");
    let Some(rest) = target.strip_prefix(base_path) else {
        return Some(format!("not under base path {base_path}"));
    };
    let file = if rest.is_empty() || rest.ends_with('/') {
        out.join(rest).join("index.html")
    } else {
        out.join(rest)
    };
    if file.is_file() {
        None
    } else {
        Some(format!("{} missing", file.display()))
    }
}

/// Cases for a property test: `PROPTEST_CASES` when set (a longer run), else 256.
pub fn proptest_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}
