//! Import: turning raw text that editors paste from news sites into content entries.
//!
//! `dossier import FILE|DIR …` cleans each paste ([`paste`]), runs the per-article enrichers
//! on it to pre-fill the front matter (date, states, people, topics, summary), and writes
//! `content/articles/<slug>.md`. An entry records the SHA-256 of its raw text
//! (`source_sha256`) and of itself as written (`import_sha256`), so importing the same text
//! again is a no-op and an entry edited by hand is never overwritten without `--force`. A
//! paste whose name (date, states, headline) is taken by a different article gets a name of
//! its own (`…-2.md`), so two reports under one headline both stay.

pub mod paste;
pub mod read;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::config::SiteConfig;
use crate::content::front_matter::{self, FrontMatter};
use crate::dates;
use crate::enrich::{self, EnrichContext};

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Written { entry: PathBuf, updated: bool },
    Unchanged { entry: PathBuf },
    Skipped { reason: String },
}

#[derive(Debug, Clone)]
pub struct Report {
    pub input: PathBuf,
    pub outcome: Outcome,
    pub warnings: Vec<String>,
    /// What the importer decided for an entry it wrote, for the editor to check.
    pub decided: Option<Decided>,
}

/// The fields an editor checks first after an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub title: String,
    pub title_derived: bool,
    pub date: Option<String>,
    pub states: Vec<String>,
    pub events: usize,
}

impl std::fmt::Display for Decided {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let derived = if self.title_derived {
            " (derived: no headline found)"
        } else {
            ""
        };
        writeln!(f, "  title: {}{derived}", self.title)?;
        match &self.date {
            Some(d) => writeln!(f, "  date: {d}")?,
            None => writeln!(f, "  date: undated (no stamp found; set `date:` by hand)")?,
        }
        let states = if self.states.is_empty() {
            "none".to_string()
        } else {
            self.states.join(", ")
        };
        writeln!(f, "  states: {states}")?;
        write!(f, "  events: {}", self.events)
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let input = self.input.display();
        match &self.outcome {
            Outcome::Written { entry, updated } => write!(
                f,
                "{} {input} -> {}",
                if *updated { "updated" } else { "written" },
                entry.display()
            ),
            Outcome::Unchanged { entry } => {
                write!(
                    f,
                    "unchanged {input}: already imported as {}",
                    entry.display()
                )
            }
            Outcome::Skipped { reason } => write!(f, "skipped {input}: {reason}"),
        }
    }
}

/// The date parser as the paste parser needs it.
pub struct PasteDates;

impl paste::DateProbe for PasteDates {
    /// Any year will do as context: the question is whether a date is there, not which.
    fn has_date(&self, line: &str) -> bool {
        !dates::find_dates(line, Some(2000)).is_empty()
    }

    fn full_date(&self, line: &str) -> Option<std::ops::Range<usize>> {
        dates::find_dates(line, None)
            .into_iter()
            .find(|m| m.precision == dates::Precision::Day && !m.year_inferred)
            .map(|m| m.span)
    }
}

/// Files larger than this are refused before they are read whole.
pub const MAX_FILE_BYTES: u64 = paste::MAX_PASTE_BYTES as u64;

/// How `import` treats its inputs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Replace entries edited by hand, and re-import texts already imported.
    pub force: bool,
    /// The encoding the pastes are in.
    pub encoding: read::TextEncoding,
}

/// Import every file (and every `.txt` file of every folder) in `inputs`, in name order.
pub fn import(root: &Path, inputs: &[PathBuf], force: bool) -> Result<Vec<Report>, String> {
    import_with(
        root,
        inputs,
        ImportOptions {
            force,
            ..Default::default()
        },
    )
}

/// [`import`] with every option; `-` among `inputs` is standard input.
pub fn import_with(
    root: &Path,
    inputs: &[PathBuf],
    opts: ImportOptions,
) -> Result<Vec<Report>, String> {
    let config = SiteConfig::load(root).map_err(|e| e.to_string())?;
    let data = crate::data::Gazetteers::load(root).map_err(|e| {
        e.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let ctx = crate::enrich::EnrichContext::of(&data);
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.append(&mut found);
        } else {
            files.push(input.clone());
        }
    }
    let dir = root.join(crate::content::ARTICLES_DIR);
    let mut reports = Vec::new();
    for file in files {
        let (outcome, warnings, decided) = match import_one(root, &dir, &file, opts, &config, &ctx)
        {
            Ok(r) => r,
            Err(reason) => (Outcome::Skipped { reason }, Vec::new(), None),
        };
        reports.push(Report {
            input: file,
            outcome,
            warnings,
            decided,
        });
    }
    Ok(reports)
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn import_one(
    root: &Path,
    dir: &Path,
    file: &Path,
    opts: ImportOptions,
    config: &SiteConfig,
    ctx: &EnrichContext<'_>,
) -> Result<(Outcome, Vec<String>, Option<Decided>), String> {
    let force = opts.force;
    let bytes = read::read_input(file)?;
    let source_sha = hex(&bytes);
    let text = read::decode(file, bytes, opts.encoding)?;
    let pasted = paste::parse_paste(&text, &PasteDates).map_err(|e| e.to_string())?;

    let existing = find_by_source(dir, &source_sha);
    if let (Some(path), false) = (&existing, force) {
        let entry = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        return Ok((Outcome::Unchanged { entry }, Vec::new(), None));
    }

    let (front, body, mut warnings, events) = draft_entry(&pasted, &source_sha, config, ctx)?;
    let decided = Decided {
        title: front.title.clone().unwrap_or_default(),
        title_derived: front.title_derived,
        date: front.date.clone(),
        states: front.states.clone().unwrap_or_default(),
        events,
    };
    // A forced re-import replaces the entry made from the same text, wherever it is.
    let target = match existing {
        Some(path) => path,
        None => {
            let slug = slug_for(&front);
            let (target, taken) = free_name(dir, &slug, &body)?;
            if let Some(other) = taken {
                warnings.push(format!(
                    "{} holds another article with the same headline and date; this one gets its own entry",
                    other.strip_prefix(root).unwrap_or(&other).display()
                ));
            }
            target
        }
    };
    let entry = target.strip_prefix(root).unwrap_or(&target).to_path_buf();
    let mut updated = false;
    if target.exists() {
        if !force {
            // An entry that cannot be read may hold hand edits: it is never replaced blind.
            let current = std::fs::read_to_string(&target)
                .map_err(|e| format!("{}: cannot read the existing entry: {e}", entry.display()))?;
            if is_hand_edited(&current) {
                return Err(format!(
                    "{} was edited by hand; use --force to replace it",
                    entry.display()
                ));
            }
        }
        updated = true;
    }
    let written = render_entry(&front, &body)?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::write(&target, written).map_err(|e| format!("{}: {e}", target.display()))?;
    Ok((Outcome::Written { entry, updated }, warnings, Some(decided)))
}

/// Front matter pre-filled from the paste and the enrichers, the Markdown body, and how
/// many events the chronology will take from it.
fn draft_entry(
    pasted: &paste::Paste,
    source_sha: &str,
    config: &SiteConfig,
    ctx: &EnrichContext<'_>,
) -> Result<(FrontMatter, String, Vec<String>, usize), String> {
    let fm = FrontMatter {
        title: pasted.title.clone(),
        title_derived: pasted.title_derived,
        source: pasted.source.clone(),
        dateline: pasted.dateline.clone(),
        photo_credits: pasted.photo_credits.clone(),
        source_sha256: Some(source_sha.to_string()),
        ..FrontMatter::default()
    };
    let mut article = crate::content::assemble(
        PathBuf::from("import"),
        "import".into(),
        fm.clone(),
        None,
        &pasted.body_markdown,
        crate::content::markdown::Allow::of(config),
    )
    .map_err(|deep| deep.message())?;
    let warnings = enrich::run_articles(std::slice::from_mut(&mut article), config, ctx)
        .iter()
        .map(crate::error::Diagnostic::brief)
        .collect();
    let non_empty = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
    let fm = FrontMatter {
        date: article.date.clone(),
        states: non_empty(&article.states),
        people: non_empty(&article.people),
        tags: non_empty(&article.tags),
        summary: (!article.summary.is_empty()).then(|| article.summary.clone()),
        ..fm
    };
    let tagger = |text: &str, stemmed: Option<enrich::gazetteer::View<'_>>| {
        enrich::tag_text(ctx.finder(), text, stemmed, ctx)
    };
    let events = enrich::chronology::article_events(&article, &tagger).len();
    Ok((fm, pasted.body_markdown.clone(), warnings, events))
}

/// `<date>-<main states>-<hash of the title>`: ASCII, and stable when the same article is
/// pasted again with corrections, so the new paste updates its entry instead of adding one.
fn slug_for(fm: &FrontMatter) -> String {
    let mut parts: Vec<String> = vec![fm.date.clone().unwrap_or_else(|| "undated".into())];
    if let Some(states) = &fm.states {
        parts.extend(states.iter().take(2).cloned());
    } else {
        parts.push("csto".into());
    }
    let title = crate::arabic::normalize(fm.title.as_deref().unwrap_or(""));
    parts.push(hex(title.as_bytes()).chars().take(8).collect());
    parts.join("-")
}

/// Where a paste whose slug is `slug` goes: `<slug>.md` when it is free or holds the same
/// article (a corrected paste updates its entry), else the first `<slug>-N.md` that is, so
/// another article with the same headline and date is never replaced. Also returns the
/// entry holding that other article, if one was passed over.
fn free_name(dir: &Path, slug: &str, body: &str) -> Result<(PathBuf, Option<PathBuf>), String> {
    let mut passed_over = None;
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{slug}.md")
        } else {
            format!("{slug}-{n}.md")
        };
        let path = dir.join(name);
        let current = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((path, passed_over)),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let current = current.replace("\r\n", "\n");
        let current_body = front_matter::split(&path, &current)
            .map(|s| s.body)
            .unwrap_or(&current);
        if same_article(current_body, body) {
            return Ok((path, passed_over));
        }
        passed_over.get_or_insert(path);
    }
    Err(format!(
        "{}: a thousand entries named {slug}-N.md already; import it by hand",
        dir.display()
    ))
}

/// Whether two bodies are one article, one perhaps corrected: most of the word pairs of
/// the shorter are in the other. A different report under the same headline shares few.
fn same_article(a: &str, b: &str) -> bool {
    let pairs = |text: &str| -> std::collections::HashSet<(String, String)> {
        let words: Vec<String> = crate::arabic::normalize(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        words
            .windows(2)
            .map(|w| (w[0].clone(), w[1].clone()))
            .collect()
    };
    let (a, b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    let shared = a.intersection(&b).count();
    shared * 2 >= a.len().min(b.len())
}

const IMPORT_HASH_KEY: &str = "import_sha256: ";

/// The entry text, with the hash of itself (without that line) recorded in it.
fn render_entry(fm: &FrontMatter, body: &str) -> Result<String, String> {
    let yaml = serde_yaml::to_string(fm).map_err(|e| format!("cannot write front matter: {e}"))?;
    let without = format!("---\n{yaml}---\n{body}");
    let hash = hex(without.as_bytes());
    Ok(format!("---\n{yaml}{IMPORT_HASH_KEY}{hash}\n---\n{body}"))
}

/// True when the entry no longer matches the hash the importer recorded in it.
pub fn is_hand_edited(text: &str) -> bool {
    let text = text.replace("\r\n", "\n");
    let mut recorded = None;
    let without: String = text
        .split_inclusive('\n')
        .filter(|l| match l.strip_prefix(IMPORT_HASH_KEY) {
            Some(h) if recorded.is_none() => {
                recorded = Some(h.trim().to_string());
                false
            }
            _ => true,
        })
        .collect();
    match recorded {
        Some(h) => h != hex(without.as_bytes()),
        // No record: written by hand from the start.
        None => true,
    }
}

/// The entry already imported from text with this hash, if any.
fn find_by_source(dir: &Path, sha: &str) -> Option<PathBuf> {
    let needle = format!("source_sha256: {sha}");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    entries.sort();
    entries.into_iter().find(|p| {
        std::fs::read_to_string(p)
            .ok()
            .and_then(|t| {
                front_matter::split(p, &t.replace("\r\n", "\n"))
                    .ok()
                    .map(|s| s.yaml.lines().any(|l| l.trim() == needle))
            })
            .unwrap_or(false)
    })
}
