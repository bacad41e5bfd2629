//! Errors a user can act on: each names the file, the line and column, and the field.
//!
//! Content errors are collected, not returned at the first one, so a build reports every
//! problem in one pass; the binary prints them as `file:line:col: message (field)`. A
//! [`Diagnostic`] is made where a problem is found, at its place; `check`, the build's report
//! and `serve`'s overlay only filter and print them.

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

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A problem at a place in one of the site's files. `file` is empty for a problem of the
/// build as a whole (a port taken, a lock held elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
    pub field: Option<String>,
}

impl Diagnostic {
    /// A warning at the start of `line` of `file`.
    pub fn warning(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line,
            col: 1,
            severity: Severity::Warning,
            message: message.into(),
            field: None,
        }
    }

    /// An error at the start of `line` of `file`.
    pub fn error(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(file, line, message)
        }
    }

    /// The form the build's log prints after `warning: `: the file and the message.
    pub fn brief(&self) -> String {
        format!("{}: {}", self.file.display(), self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.as_os_str().is_empty() {
            write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.col)?;
        }
        write!(f, "{}: {}", self.severity, self.message)?;
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        Ok(())
    }
}

impl From<&ContentError> for Diagnostic {
    fn from(e: &ContentError) -> Self {
        Diagnostic {
            file: e.file.clone(),
            line: e.line,
            col: e.col,
            severity: Severity::Error,
            message: e.message.clone(),
            field: e.field.clone(),
        }
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

    /// The error as diagnostics, each at the place the error was found.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let at = |file: &Path, line: usize, col: usize, message: String| Diagnostic {
            file: file.to_path_buf(),
            line,
            col,
            severity: Severity::Error,
            message,
            field: None,
        };
        let one_line =
            |message: String| message.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        match self {
            BuildError::Content(errors) => errors.iter().map(Diagnostic::from).collect(),
            BuildError::Template {
                template,
                message,
                at: place,
            } => {
                let (file, line, col) = match place {
                    Some((file, line, col)) if (*line, *col) != (1, 1) => {
                        (file.clone(), *line, *col)
                    }
                    _ => (PathBuf::from(template), 1, 1),
                };
                // Tera's first line is the message; the rest quotes the source, which the
                // place already points at.
                let first = message
                    .lines()
                    .map(|l| l.trim().trim_start_matches("error: "))
                    .find(|l| !l.is_empty())
                    .unwrap_or("cannot compile the template");
                vec![at(&file, line, col, format!("template: {first}"))]
            }
            BuildError::Io { path, .. }
            | BuildError::OutputIsFile(path)
            | BuildError::ForeignOutput { path, .. }
            | BuildError::Locked { lock: path, .. }
            | BuildError::Watch { path, .. } => vec![at(path, 1, 1, one_line(self.to_string()))],
            _ => vec![at(Path::new(""), 1, 1, one_line(self.to_string()))],
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
    fn a_build_error_gives_its_diagnostics_at_their_places() {
        let template = BuildError::Template {
            template: "base.html".into(),
            message: "error: Found `%}`\n  --> x".into(),
            at: Some((PathBuf::from("themes/default/templates/base.html"), 53, 7)),
        };
        assert_eq!(
            template.diagnostics()[0].to_string(),
            "themes/default/templates/base.html:53:7: error: template: Found `%}`"
        );
        let content = BuildError::Content(vec![
            ContentError::new(Path::new("a.md"), 3, 1, "bad date").field("date"),
            ContentError::new(Path::new("b.md"), 2, 4, "bad title"),
        ]);
        let shown: Vec<String> = content
            .diagnostics()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "a.md:3:1: error: bad date (date)",
                "b.md:2:4: error: bad title"
            ]
        );
        let io = BuildError::io(Path::new("public"), std::io::Error::other("disk full"));
        assert_eq!(io.diagnostics()[0].file, PathBuf::from("public"));
        let whole = BuildError::Search("no room".into());
        assert_eq!(
            whole.diagnostics()[0].to_string(),
            "error: search index: no room"
        );
    }

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
