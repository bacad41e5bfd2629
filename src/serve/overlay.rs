//! The overlay `serve` shows over the last good page when a rebuild failed: the error
//! message, and the lines around the place of each of its diagnostics.
//!
//! The places come from the diagnostics, never from the message's text (which is partly the
//! input's own: a field's value, a template's string), and a place is quoted only when it is
//! a source file of the site being served:
//! inside the site root once symlinks are resolved, under the folders a build reads (or
//! `site.yaml` or `strings.yaml`), and of a kind a build reads. `"see /etc/shadow:1:1"` in
//! a draft field is shown as text and never opened.

use std::path::{Path, PathBuf};

use crate::error::BuildError;
use crate::text::html::escape;

/// The folders under the site root whose files a build reads.
const SOURCE_DIRS: [&str; 4] = ["content", "templates", "themes", "static"];

/// The kinds of file a build reads from them.
const SOURCE_EXTENSIONS: [&str; 9] = [
    "md", "yaml", "yml", "html", "htm", "xml", "txt", "css", "js",
];

/// `file` as an error message names it, if it is a source file of the site at `root`.
pub fn source_file(root: &Path, file: &str) -> Option<PathBuf> {
    let named = Path::new(file);
    let path = if named.is_absolute() {
        named.to_path_buf()
    } else {
        root.join(named)
    };
    let real = path.canonicalize().ok()?;
    let real_root = root.canonicalize().ok()?;
    let rel = real.strip_prefix(&real_root).ok()?;
    if !std::fs::metadata(&real).ok()?.is_file() {
        return None;
    }
    if rel == Path::new(crate::config::CONFIG_FILE) || rel == Path::new(crate::strings::FILE) {
        return Some(real);
    }
    let first = rel.components().next()?.as_os_str().to_str()?;
    let ext = rel.extension()?.to_str()?.to_ascii_lowercase();
    (SOURCE_DIRS.contains(&first) && SOURCE_EXTENSIONS.contains(&ext.as_str())).then_some(real)
}

/// The error overlay for a failed rebuild: the message, and for each diagnostic whose place
/// is a source of the site, the lines around that place in the file.
pub fn overlay(root: &Path, error: &BuildError) -> String {
    let message = error.to_string();
    let mut excerpts = String::new();
    let places = error.diagnostics();
    for d in places
        .iter()
        .filter(|d| !d.file.as_os_str().is_empty())
        .take(5)
    {
        let (file, line, col) = (d.file.to_string_lossy(), d.line, d.col);
        let Some(path) = source_file(root, &file) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        excerpts.push_str(&format!(
            "<p class=\"dossier-error-file\">{}:{}:{}</p><pre>",
            escape(&file),
            line,
            col
        ));
        let first = line.saturating_sub(3).max(1);
        for (n, l) in text
            .lines()
            .enumerate()
            .skip(first - 1)
            .take(line + 3 - first)
        {
            let n = n + 1;
            let mark = if n == line { "&gt;" } else { " " };
            excerpts.push_str(&format!("{mark}{n:>5} | {}\n", escape(l)));
            if n == line {
                excerpts.push_str(&format!(
                    "       | {}^\n",
                    " ".repeat(col.saturating_sub(1))
                ));
            }
        }
        excerpts.push_str("</pre>");
    }
    format!(
        "<div id=\"dossier-error\" dir=\"ltr\" lang=\"en\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff8f6;color:#3b0b00;font:14px/1.5 ui-monospace,monospace;padding:1.5rem;text-align:left\"><h1 style=\"font-size:1.2rem;margin:0 0 1rem\">dossier: the rebuild failed; this is the last good page</h1><pre style=\"white-space:pre-wrap\">{}</pre>{}<p>Fix the file and save: the page comes back by itself.</p></div>",
        escape(&message),
        excerpts
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ContentError;

    fn at(file: &str, line: usize, col: usize, message: &str) -> BuildError {
        BuildError::Content(vec![ContentError::new(Path::new(file), line, col, message)])
    }

    #[test]
    fn the_overlay_quotes_the_offending_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("templates")).expect("mkdir");
        std::fs::write(
            dir.path().join("templates/t.html"),
            "one\ntwo {{ oops\nthree\n",
        )
        .expect("write");
        let html = overlay(
            dir.path(),
            &at("templates/t.html", 2, 5, "unexpected end <here>"),
        );
        assert!(html.contains("&gt;    2 | two {{ oops"));
        assert!(html.contains("unexpected end &lt;here&gt;"));
    }

    #[test]
    fn a_place_outside_the_sources_is_never_opened() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/articles")).expect("mkdir");
        std::fs::write(dir.path().join("secret"), "root:SECRET:1\n").expect("write");
        std::fs::write(root.join("notes.md"), "SECRET beside the sources\n").expect("write");
        std::fs::write(root.join("content/articles/a.md"), "---\ntitle: x\n").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            dir.path().join("secret"),
            root.join("content/articles/l.md"),
        )
        .expect("symlink");
        let secret = dir.path().join("secret");
        for named in [
            secret.display().to_string(),
            "../secret".to_string(),
            "content/../../secret".to_string(),
            "content/articles/l.md".to_string(),
            "notes.md".to_string(),
            "/etc/passwd".to_string(),
        ] {
            for error in [
                at("content/articles/a.md", 1, 1, &format!("see {named}:1:1")),
                at(&named, 1, 1, "bad"),
            ] {
                let html = overlay(&root, &error);
                assert!(!html.contains("SECRET"), "{named} was read: {html}");
            }
            assert!(source_file(&root, &named).is_none(), "{named}");
        }
        let html = overlay(&root, &at("content/articles/a.md", 2, 1, "bad title"));
        assert!(html.contains("&gt;    2 | title: x"), "{html}");
    }
}
