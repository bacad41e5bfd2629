//! Errors a user can act on: each names the file, the line and column, and the field.
//!
//! Content errors are collected, not returned at the first one, so a build reports every
//! problem in one pass; the binary prints them as `file:line:col: message (field)`.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub field: Option<String>,
    pub message: String,
}

impl ContentError {
    pub fn new(file: &Path, line: usize, col: usize, message: impl Into<String>) -> Self {
        ContentError {
            file: file.to_path_buf(),
            line,
            col,
            field: None,
            message: message.into(),
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        )?;
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        Ok(())
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{}", render_list(.0))]
    Content(Vec<ContentError>),
    #[error("template error in {template}:\n{message}")]
    Template {
        template: String,
        message: String,
        /// The file, line and column Tera points at, when it points at one.
        at: Option<(PathBuf, usize, usize)>,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot copy static files: {0}")]
    Static(#[source] std::io::Error),
    #[error("cannot read templates: {0}")]
    Templates(#[source] std::io::Error),
    #[error("{}: the output path is a file, not a folder", .0.display())]
    OutputIsFile(PathBuf),
    #[error("{}: refusing to replace a non-empty folder that dossier did not write (no {marker} file in it); choose another --output or empty it", .path.display())]
    ForeignOutput { path: PathBuf, marker: &'static str },
    #[error("{}: another dossier build or serve is writing {}{holder}; wait for it to finish, stop it, or choose another --output", .lock.display(), .output.display())]
    Locked {
        lock: PathBuf,
        output: PathBuf,
        /// ` (pid N)` when the lock names its holder.
        holder: String,
    },
    #[error("search index: {0}")]
    Search(String),
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot watch {}: {message}", .path.display())]
    Watch { path: PathBuf, message: String },
    #[error("cannot handle Ctrl-C: {0}")]
    Interrupt(String),
    #[error("the build state was lost")]
    StateLost,
}

impl BuildError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn render_list(errors: &[ContentError]) -> String {
    let mut out = String::new();
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&e.to_string());
    }
    out.push_str(&format!(
        "\n{} error{} in content; nothing was written",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    out
}

/// Line and column (1-based) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, col)
}
/// Every `file:line:col` in an error message.
pub fn locations(message: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for word in message.split_whitespace() {
        let word = word
            .trim_end_matches([',', ')', ';'])
            .trim_start_matches(['(', '\'']);
        let parts: Vec<&str> = word.rsplitn(4, ':').collect();
        if parts.len() < 3 {
            continue;
        }
        // rsplitn gives [rest?, col, line, file] for `file:line:col:` and [col, line, file]
        // for `file:line:col`.
        let (col, line, file) = if parts.len() == 4 && parts[0].is_empty() {
            (parts[1], parts[2], parts[3])
        } else if parts.len() == 3 {
            (parts[0], parts[1], parts[2])
        } else {
            continue;
        };
        if let (Ok(line), Ok(col)) = (line.parse::<usize>(), col.parse::<usize>()) {
            if !file.is_empty() && line > 0 {
                let entry = (file.to_string(), line, col);
                if !out.contains(&entry) {
                    out.push(entry);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_locations_are_read_from_the_message() {
        let msg = "content/articles/a.md:3:7: cannot read date `x` (date)\ntemplate error in t.html:\n --> themes/default/templates/base.html:12:4";
        assert_eq!(
            locations(msg),
            vec![
                ("content/articles/a.md".to_string(), 3, 7),
                ("themes/default/templates/base.html".to_string(), 12, 4)
            ]
        );
    }
}
