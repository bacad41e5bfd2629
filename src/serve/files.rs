//! Mapping a request path to a file of the output, and nothing outside it.
//!
//! The path is checked before and after percent-decoding (so `%2e%2e` is caught as `..`),
//! backslashes are refused (a Windows path separator in disguise), and the file found is
//! canonicalised and must still lie inside the output, which stops symlinks leading out.

use std::path::{Path, PathBuf};

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// Send the browser here instead: a folder without its slash, or a path above the base.
    Redirect(String),
    NotFound,
    /// A traversal attempt or a link leading out of the output.
    Forbidden,
}

/// Resolve `url` (path and query, as the request line gave it) against the output folder
/// `root` served under `base_path` (`/` or `/repo/`).
pub fn resolve(root: &Path, base_path: &str, url: &str) -> Resolved {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Resolved::NotFound;
    }
    if raw.contains('\\') || raw.to_ascii_lowercase().contains("%5c") {
        return Resolved::Forbidden;
    }
    let Some(path) = crate::text::percent::decode(raw) else {
        return Resolved::NotFound;
    };
    if path.contains('\\') || path.contains('\0') {
        return Resolved::Forbidden;
    }
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Resolved::Forbidden;
    }
    let Some(rel) = path.strip_prefix(base_path) else {
        // The preview lives under the base path, as on GitHub Pages; the bare host and the
        // base path without its slash lead there.
        if base_path.starts_with(&path) {
            return Resolved::Redirect(base_path.to_string());
        }
        return Resolved::NotFound;
    };
    let mut file = root.to_path_buf();
    for segment in rel.split('/').filter(|s| !s.is_empty()) {
        file.push(segment);
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            // One leading slash: `//articles/` would be a redirect to the host `articles`.
            return Resolved::Redirect(format!("/{}/", raw.trim_start_matches('/')));
        }
        file.push("index.html");
    }
    let (Ok(real), Ok(real_root)) = (file.canonicalize(), root.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Resolved::Forbidden;
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// The Content-Type for a file, with the charset for every text type.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("site/articles/a")).expect("mkdir");
        std::fs::write(dir.path().join("site/index.html"), "home").expect("write");
        std::fs::write(dir.path().join("site/articles/a/index.html"), "a").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        dir
    }

    #[test]
    fn pages_resolve_under_the_base_path() {
        let dir = site();
        let root = dir.path().join("site");
        let real = |p: &str| root.join(p).canonicalize().expect("exists");
        assert_eq!(
            resolve(&root, "/repo/", "/repo/"),
            Resolved::File(real("index.html"))
        );
        assert_eq!(
            resolve(&root, "/repo/", "/repo/articles/a/?x=1"),
            Resolved::File(real("articles/a/index.html"))
        );
        assert_eq!(
            resolve(&root, "/repo/", "/repo/articles/a"),
            Resolved::Redirect("/repo/articles/a/".into())
        );
        assert_eq!(
            resolve(&root, "/repo/", "/"),
            Resolved::Redirect("/repo/".into())
        );
        assert_eq!(resolve(&root, "/repo/", "/articles/a/"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/", "/missing/"), Resolved::NotFound);
        assert_eq!(
            resolve(&root, "/", "//articles/a"),
            Resolved::Redirect("/articles/a/".into())
        );
        assert_eq!(resolve(&root, "/", "articles/a/"), Resolved::NotFound);
    }

    #[test]
    fn a_folder_redirect_stays_on_this_host() {
        let dir = site();
        let root = dir.path().join("site");
        for url in ["//articles", "///articles", "//articles?x=1"] {
            assert_eq!(
                resolve(&root, "/", url),
                Resolved::Redirect("/articles/".into()),
                "{url}"
            );
        }
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        let dir = site();
        let root = dir.path().join("site");
        for url in [
            "/../secret.txt",
            "/articles/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/articles/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/articles\\..\\..\\secret.txt",
        ] {
            assert_eq!(resolve(&root, "/", url), Resolved::Forbidden, "{url}");
        }
        assert_eq!(resolve(&root, "/", "/%zz"), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_output_is_refused() {
        let dir = site();
        let root = dir.path().join("site");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.txt"))
            .expect("symlink");
        assert_eq!(resolve(&root, "/", "/leak.txt"), Resolved::Forbidden);
    }

    #[test]
    fn text_types_carry_their_charset() {
        for name in ["a.html", "a.css", "a.js", "a.json", "a.xml", "a.svg"] {
            assert!(
                content_type(Path::new(name)).ends_with("charset=utf-8"),
                "{name}"
            );
        }
        assert_eq!(content_type(Path::new("f.woff2")), "font/woff2");
    }
}
