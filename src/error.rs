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
    Template { template: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot copy static files: {0}")]
    Static(#[source] std::io::Error),
    #[error("{0}")]
    Output(String),
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
