//! The library's modules form layers: each may use the ones below it and none above, so a
//! reader follows a value down the list and never climbs back up. A module that reaches
//! upward (or a new module missing from the list) fails here with the line that does it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Lowest first: shared helpers, the types every stage shares, then the stages in the order
/// a build runs them, then the commands built on the build.
const LAYERS: &[&str] = &[
    "text", "error", "source", "yaml", "http_url", "arabic", "dates", "model", "config", "site",
    "content", "data", "strings", "enrich", "dossier", "render", "output", "build", "import",
    "rebuild", "check", "serve",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// The modules named by `crate::x` paths in `code`, with the line of each.
fn uses(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                group
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|p| p.trim().split("::").next().unwrap_or(""))
                    .collect()
            } else {
                vec![rest
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")]
            };
            for name in names.into_iter().filter(|s| !s.is_empty()) {
                out.push((n + 1, name.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "main" || module == "lib" {
            continue;
        }
        seen.insert(module.clone());
        let Some(own) = rank(&module) else {
            problems.push(format!(
                "{}: module `{module}` has no layer",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read source");
        // Unit tests may build fixtures from any layer.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (line, used) in uses(code) {
            if used == module {
                continue;
            }
            match rank(&used) {
                Some(r) if r < own => {}
                Some(_) => problems.push(format!(
                    "{}:{line}: `{module}` uses `{used}`, which is above it",
                    file.display()
                )),
                None => problems.push(format!(
                    "{}:{line}: `{used}` is not a module of the list",
                    file.display()
                )),
            }
        }
    }
    let listed: BTreeSet<String> = LAYERS.iter().map(|s| s.to_string()).collect();
    for gone in listed.difference(&seen) {
        problems.push(format!("layer `{gone}` names no module under src/"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_finds_upward_uses() {
    let code = "use crate::render::Plan;\nfn f() { crate::text::html::escape(x); }\nuse crate::{dates::iso, model};";
    let found: Vec<String> = uses(code).into_iter().map(|(_, m)| m).collect();
    assert_eq!(found, ["render", "text", "dates", "model"]);
}
