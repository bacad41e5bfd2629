//! Loading entries: `content/articles/*.md` read, checked and rendered into [`Article`]s.
//!
//! Every problem is collected as a [`ContentError`] so one run reports them all.

pub mod front_matter;
pub mod markdown;
pub mod mentions;
pub mod nesting;
pub mod shelf;
pub mod spill;
pub mod title;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{line_col, ContentError, Diagnostic};
use front_matter::FrontMatter;
use markdown::{Block, Heading};

pub const ARTICLES_DIR: &str = "content/articles";

/// One article, as loaded and later enriched. Serialised as the `article` template variable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Article {
    /// Path of the entry relative to the site root, for messages.
    pub file: PathBuf,
    pub slug: String,
    /// Site-relative path of the page, e.g. `articles/some-slug/`.
    pub path: String,
    pub title: String,
    pub title_derived: bool,
    /// `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    pub year: Option<i32>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub dateline: Option<String>,
    pub photo_credits: Vec<String>,
    pub source_sha256: Option<String>,
    /// State slugs, most-mentioned first.
    pub states: Vec<String>,
    /// How often each state is mentioned in the text.
    pub state_mentions: mentions::Mentions,
    /// People slugs, most-mentioned first.
    pub people: Vec<String>,
    /// How often each person is named in the title and text.
    pub person_mentions: mentions::Mentions,
    pub tags: Vec<String>,
    pub summary: String,
    /// The summary a card shows under the title: `summary`, or the sentences after those the
    /// title repeats (set by `Dossier::new`, see `enrich::summary::beside_title`).
    #[serde(skip)]
    pub card_summary: String,
    pub draft: bool,
    pub word_count: usize,
    pub reading_minutes: usize,
    /// The rendered body; `build` keeps it in its spill file until the page is written.
    pub html: spill::Body,
    pub headings: Vec<Heading>,
    /// Ids of the chronology events found in this article.
    pub events: Vec<String>,
    /// For each of `events`, where this article is among that event's sources: a fact
    /// retold across a large archive has thousands, too many to search for each page.
    #[serde(skip)]
    pub event_sources: Vec<u32>,
    /// Slugs of related articles, most related first.
    pub related: Vec<String>,
    #[serde(skip)]
    pub blocks: Vec<Block>,
    /// The blocks while `build` keeps them in its spill file, from loading to the
    /// enrichers (`blocks` is then empty).
    #[serde(skip)]
    pub shelved: Option<shelf::Shelved>,
    /// The body as plain text, for enrichers and search: [`text_of`] its blocks. `build`
    /// empties it after loading and makes it again only while the enrichers run.
    #[serde(skip)]
    pub text: String,
    /// What the front matter set by hand; enrichers never override these.
    #[serde(skip)]
    pub front: FrontMatter,
    /// A hash of the entry's file as read, so `serve` can tell an edited entry from one it
    /// has already enriched.
    #[serde(skip)]
    pub source_hash: u64,
    /// Where each front-matter key is written in the entry's file.
    #[serde(skip)]
    pub lines: crate::yaml::KeyLines,
}

impl Article {
    pub fn naive_date(&self) -> Option<NaiveDate> {
        self.date.as_deref().and_then(crate::dates::iso::parse_day)
    }
}

/// The articles of a site, in a stable order, and the warnings met while loading them.
pub struct Loaded {
    pub articles: Vec<Article>,
    pub warnings: Vec<Diagnostic>,
}

/// An earlier load's article for an entry file (relative path) whose bytes hash to the
/// given value, if one is kept; `serve` passes its cache of enriched articles.
pub type Reuse<'a> = &'a (dyn Fn(&Path, u64) -> Option<Article> + Sync);

/// Read every entry under `root/content/articles`. Drafts are kept only when `drafts` is set.
pub fn load_articles(
    root: &Path,
    drafts: bool,
    allow: markdown::Allow,
) -> Result<Loaded, Vec<ContentError>> {
    load_articles_reusing(root, drafts, allow, &|_, _| None)
}

/// The plain text of a body: its blocks' texts, as [`markdown::render`] gives it.
pub use markdown::text_of;

/// [`load_articles`], taking unchanged entries from `reuse` instead of parsing them again.
pub fn load_articles_reusing(
    root: &Path,
    drafts: bool,
    allow: markdown::Allow,
    reuse: Reuse<'_>,
) -> Result<Loaded, Vec<ContentError>> {
    load_articles_spilling(root, drafts, allow, reuse, None)
}

/// [`load_articles_reusing`], each entry's rendered body and its blocks' texts (its plain
/// text) moved into `spill` as soon as it is loaded ([`shelf::Shelved`]), so the entries in
/// memory are their fields and their blocks' shapes only.
pub fn load_articles_spilling(
    root: &Path,
    drafts: bool,
    allow: markdown::Allow,
    reuse: Reuse<'_>,
    spill: Option<&std::sync::Arc<spill::Spill>>,
) -> Result<Loaded, Vec<ContentError>> {
    let dir = root.join(ARTICLES_DIR);
    let mut warnings = Vec::new();
    if !dir.is_dir() {
        warnings.push(Diagnostic::warning(
            &dir,
            1,
            "no articles folder; the site has no articles",
        ));
        return Ok(Loaded {
            articles: Vec::new(),
            warnings,
        });
    }
    let mut errors = Vec::new();
    let files: Vec<PathBuf> = match crate::source::files(root, &dir) {
        Ok(files) => files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect(),
        Err(e) => {
            let rel = dir.strip_prefix(root).unwrap_or(&dir);
            return Err(vec![ContentError::new(
                rel,
                1,
                1,
                format!("cannot read: {e}"),
            )]);
        }
    };
    if files.is_empty() {
        warnings.push(Diagnostic::warning(
            &dir,
            1,
            "no .md entries; the site has no articles",
        ));
    }
    let results: Vec<Result<Article, Vec<ContentError>>> = files
        .par_iter()
        .map(|path| {
            let mut a = load_one(root, path, allow, reuse)?;
            if let Some(spill) = spill {
                let unkept = |e: std::io::Error| {
                    let rel = path.strip_prefix(root).unwrap_or(path);
                    vec![ContentError::new(
                        rel,
                        1,
                        1,
                        format!("cannot keep the rendered body in the temporary file: {e}"),
                    )]
                };
                a.html.spill(spill).map_err(unkept)?;
                let blocks = std::mem::take(&mut a.blocks);
                a.shelved = Some(shelf::Shelved::put(blocks, spill).map_err(unkept)?);
                a.text = String::new();
            }
            Ok(a)
        })
        .collect();
    let mut articles = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for a in &articles {
        if let Some(first) = seen.get(&a.slug) {
            errors.push(
                ContentError::new(
                    &a.file,
                    key_line_of(root, &a.file, "slug"),
                    1,
                    format!("slug `{}` is already used by {}", a.slug, first.display()),
                )
                .field("slug"),
            );
        } else {
            seen.insert(a.slug.clone(), a.file.clone());
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if !drafts {
        articles.retain(|a| !a.draft);
    }
    Ok(Loaded { articles, warnings })
}

fn key_line_of(root: &Path, file: &Path, key: &str) -> usize {
    std::fs::read_to_string(root.join(file))
        .map(|t| crate::yaml::key_line(&t.replace("\r\n", "\n"), key, 1))
        .unwrap_or(1)
}

pub use crate::source::decode;

/// A hash of a file's bytes, stable within one process.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The front matter's title, date, slug, source URL and lists checked, each problem at its
/// key; the date as read and the slug (from `slug:` or the file name) when all is well.
fn checked(
    rel: &Path,
    path: &Path,
    split: &front_matter::Split<'_>,
    fm: &front_matter::FrontMatter,
) -> Result<(Option<chrono::NaiveDate>, String), Vec<ContentError>> {
    let mut errors = Vec::new();
    let at = |key: &str, msg: String| {
        ContentError::new(
            rel,
            crate::yaml::key_line(split.yaml, key, split.yaml_line),
            1,
            msg,
        )
        .field(key)
    };

    errors.extend(title_problem(rel, split, fm));

    let date = match fm.date.as_deref().map(str::trim) {
        None => None,
        Some(d) => {
            match crate::dates::iso::parse_day(d) {
                Some(nd) => Some(nd),
                None => {
                    errors.push(at(
                    "date",
                    format!("cannot read date `{d}`: write it as YYYY-MM-DD, a year from 1000 to 9999"),
                ));
                    None
                }
            }
        }
    };

    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = match fm.slug.as_deref() {
        Some(s) => {
            if let Err(why) = check_slug(s) {
                errors.push(at("slug", format!("slug `{s}` {why}")));
            }
            s.to_string()
        }
        None => {
            if let Err(why) = check_slug(&stem) {
                errors.push(
                    ContentError::new(
                        rel,
                        1,
                        1,
                        format!("the file name `{stem}` {why}; rename the file or set `slug:`"),
                    )
                    .field("slug"),
                );
            }
            stem
        }
    };

    if let Some(url) = fm.source_url.as_deref() {
        if let Err(why) = crate::http_url::parse(url) {
            errors.push(at("source_url", why));
        }
    }
    for (key, list) in [
        ("people", &fm.people),
        ("tags", &fm.tags),
        ("states", &fm.states),
    ] {
        if let Some(list) = list {
            for v in list {
                if let Err(why) = check_slug(v) {
                    errors.push(at(key, format!("`{v}` {why}")));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((date, slug))
    } else {
        Err(errors)
    }
}

/// A title that is missing, `null` or blank.
fn title_problem(
    rel: &Path,
    split: &front_matter::Split<'_>,
    fm: &front_matter::FrontMatter,
) -> Option<ContentError> {
    let title_line = crate::yaml::find_key_line(split.yaml, "title", split.yaml_line);
    let (line, message) = match (&fm.title, title_line) {
        (None, Some(line)) => (line, "the title is empty (`null`): write the title"),
        (None, None) => (1, "missing title: add `title:` to the front matter"),
        (Some(t), _) if t.trim().is_empty() => (
            crate::yaml::key_line(split.yaml, "title", split.yaml_line),
            "the title is empty",
        ),
        (Some(_), _) => return None,
    };
    Some(ContentError::new(rel, line, 1, message).field("title"))
}

fn load_one(
    root: &Path,
    path: &Path,
    allow: markdown::Allow,
    reuse: Reuse<'_>,
) -> Result<Article, Vec<ContentError>> {
    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let bytes = crate::source::read(root, path)
        .map_err(|e| vec![ContentError::new(&rel, 1, 1, format!("cannot read: {e}"))])?;
    let source_hash = hash_bytes(&bytes);
    if let Some(article) = reuse(&rel, source_hash) {
        return Ok(article);
    }
    let text = decode(&rel, bytes).map_err(|e| vec![e])?;
    let split = front_matter::split(&rel, &text).map_err(|e| vec![e])?;
    let fm = front_matter::parse(&rel, &split).map_err(|e| vec![e])?;
    let (date, slug) = checked(&rel, path, &split, &fm)?;

    let mut article = assemble(rel.clone(), slug, fm, date, split.body, allow)
        .map_err(|deep| vec![body_error(&rel, &split, deep)])?;
    article.source_hash = source_hash;
    article.lines = crate::yaml::KeyLines::of(split.yaml, split.yaml_line);
    for b in &mut article.blocks {
        b.line += split.body_line - 1;
    }
    Ok(article)
}

/// A body too deeply nested, at its line and column in the entry's file.
fn body_error(
    file: &Path,
    split: &front_matter::Split<'_>,
    deep: nesting::TooDeep,
) -> ContentError {
    let (line, col) = line_col(split.body, deep.offset);
    ContentError::new(file, split.body_line + line - 1, col, deep.message()).field("body")
}

/// An [`Article`] from checked parts: front matter, its parsed date and the Markdown body.
pub fn assemble(
    file: PathBuf,
    slug: String,
    fm: FrontMatter,
    date: Option<NaiveDate>,
    body_markdown: &str,
    allow: markdown::Allow,
) -> Result<Article, nesting::TooDeep> {
    let body = markdown::render(body_markdown, allow)?;
    Ok(Article {
        file,
        path: crate::site::article(&slug),
        slug,
        title: {
            let t = fm.title.as_deref().map(str::trim).unwrap_or("");
            title::without_ellipsis(t).unwrap_or_else(|| t.to_string())
        },
        title_derived: fm.title_derived,
        date: date.map(|d| d.format("%Y-%m-%d").to_string()),
        year: date.map(|d| chrono::Datelike::year(&d)),
        source: fm.source.clone(),
        source_url: fm.source_url.clone(),
        dateline: fm.dateline.clone(),
        photo_credits: fm.photo_credits.clone(),
        source_sha256: fm.source_sha256.clone(),
        states: fm.states.clone().unwrap_or_default(),
        state_mentions: Default::default(),
        people: fm.people.clone().unwrap_or_default(),
        person_mentions: Default::default(),
        tags: fm.tags.clone().unwrap_or_default(),
        summary: fm.summary.clone().unwrap_or_default(),
        card_summary: String::new(),
        draft: fm.draft,
        word_count: 0,
        reading_minutes: 0,
        html: body.html.into(),
        headings: body.headings,
        events: Vec::new(),
        event_sources: Vec::new(),
        related: Vec::new(),
        blocks: body.blocks,
        shelved: None,
        text: body.text,
        front: fm,
        source_hash: 0,
        lines: crate::yaml::KeyLines::default(),
    })
}

/// The longest slug: a folder name must stay well inside the 255 bytes file systems allow,
/// beside the staging folder's path; the importer's slugs are about 40 characters.
pub const MAX_SLUG_LEN: usize = 100;

/// Slugs become folder names in the output, so they are kept to `a-z`, `0-9` and `-`.
pub fn check_slug(s: &str) -> Result<(), &'static str> {
    if s.is_empty() {
        return Err("is empty");
    }
    if s.len() > MAX_SLUG_LEN {
        return Err("is longer than 100 characters: shorten it");
    }
    if s.contains("..") || s.contains('/') || s.contains('\\') {
        return Err("would escape the output folder: use only a-z, 0-9 and -");
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || s.starts_with('-')
        || s.ends_with('-')
    {
        return Err("is not a slug: use only a-z, 0-9 and - (not at the ends)");
    }
    Ok(())
}
