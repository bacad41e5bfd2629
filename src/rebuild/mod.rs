//! Rebuilding a site that is already built, as `serve` does after every save.
//!
//! A [`Session`] keeps what the last good build produced: the enriched articles, the
//! templates' text, each page's template and context, and a hash of every file it wrote. A
//! rebuild enriches only the entries whose file changed, renders only the pages whose context
//! changed or whose template (or a template it extends, includes or imports) changed, and
//! writes only the files whose bytes differ. An article edit so re-renders that article and
//! the pages that list or cite it (its states, years, topics, the chronology, the home page,
//! articles whose related list moved), because exactly those contexts change.
//!
//! A rebuild that fails changes nothing on disk and keeps the session as it was.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod memo;
use memo::EnrichCache;

use crate::build::{self, BuildOptions};
use crate::content::hash_bytes;
use crate::error::{BuildError, Diagnostic};
use crate::output::{self, OutFile};
use crate::render::{self, PageSink};

struct PageState {
    template: &'static str,
    context: tera::Context,
}

/// The state of a served site between rebuilds.
pub struct Session {
    opts: BuildOptions,
    output: PathBuf,
    cache: EnrichCache,
    inputs: Option<u64>,
    /// A hash of the words (`strings.yaml`) the last good build used.
    strings: Option<u64>,
    templates: BTreeMap<String, String>,
    pages: HashMap<String, PageState>,
    /// Every file the last good build left in the output, with a hash of its bytes.
    written: BTreeMap<String, u64>,
    /// A hash of every source file as the last good build read them.
    sources: Option<(u64, u64)>,
    base_path: String,
    /// The static folders as the last good build read them, and the files it copied.
    static_dirs: Vec<PathBuf>,
    static_paths: BTreeSet<String>,
    /// The entries and data the search index was last made from, and its files.
    content_key: Option<u64>,
    search_paths: BTreeSet<String>,
    /// The index is older than the pages: [`Session::index_search`] brings it up to date.
    search_pending: bool,
    dossier: Option<crate::dossier::Dossier>,
    /// Taken by the first rebuild and held for the session: the output is this session's.
    lock: Option<output::lock::OutputLock>,
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuild {
    pub pages: usize,
    /// Pages rendered this time; the others kept their files.
    pub rendered: usize,
    /// Files written (new or changed), by output path.
    pub changed: Vec<String>,
    /// Files removed because the site no longer has them.
    pub removed: Vec<String>,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// The site's base path (`/` or `/repo/`), as served.
    pub base_path: String,
}

impl Rebuild {
    /// Only stylesheets changed, so open pages can swap them without reloading.
    pub fn css_only(&self) -> bool {
        self.removed.is_empty()
            && !self.changed.is_empty()
            && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

impl Session {
    pub fn new(opts: BuildOptions) -> Self {
        Session {
            output: build::output_dir(&opts),
            opts,
            cache: EnrichCache::default(),
            inputs: None,
            strings: None,
            templates: BTreeMap::new(),
            pages: HashMap::new(),
            written: BTreeMap::new(),
            sources: None,
            base_path: "/".into(),
            static_dirs: Vec::new(),
            static_paths: BTreeSet::new(),
            content_key: None,
            search_paths: BTreeSet::new(),
            search_pending: false,
            dossier: None,
            lock: None,
        }
    }

    pub fn output(&self) -> &Path {
        &self.output
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Bring the output up to date with the sources.
    pub fn rebuild(&mut self) -> Result<Rebuild, BuildError> {
        let start = Instant::now();
        if self.lock.is_none() {
            self.lock = Some(output::lock::acquire(&self.output)?);
        }
        output::check_target(&self.output)?;
        let inputs = build::inputs_key(&self.opts)?;
        let on_disk = self.output.join(output::MARKER).is_file() && !self.written.is_empty();
        // An editor that saves without changing anything, or a file event outside the
        // sources, costs one read of the sources and nothing more.
        let (sources, statics) = sources_key(&self.opts.root, inputs)?;
        if on_disk && self.sources == Some((sources, statics)) {
            return Ok(Rebuild {
                pages: self.pages.len(),
                elapsed: start.elapsed(),
                base_path: self.base_path.clone(),
                ..Default::default()
            });
        }
        if on_disk && self.sources.is_some_and(|(s, _)| s == sources) {
            // Only the site's own static/ changed: copy what differs, render nothing.
            return self.copy_static(start, sources, statics);
        }
        let dossier = build::load_remembering(&self.opts, &mut self.cache)?;
        let strings = hash_bytes(format!("{:?}", dossier.strings).as_bytes());
        // A new configuration or data file can change any page, and filters read the
        // configuration; the words of strings.yaml are on every page. Either way every page
        // is rendered again.
        let everything = !on_disk || self.inputs != Some(inputs) || self.strings != Some(strings);
        let theme = render::load_templates(
            &self.opts.root,
            &dossier.config,
            &dossier.routes,
            &dossier.strings,
        )?;
        let affected = render::dependents(&theme.sources, &self.changed_templates(&theme));
        let intro = build::read_intro(
            &self.opts.root,
            crate::content::markdown::Allow::of(&dossier.config),
        )?;
        let minify = dossier.config.minify && !theme.minified();
        let fragments = render::pages::event_fragments(&dossier, &theme, minify, None);
        let plan = render::Plan::new(&dossier, &intro, &fragments);
        let page_paths = plan.url_paths();
        let page_files: Vec<String> = plan
            .specs()
            .into_iter()
            .map(|spec| plan.output_path(spec))
            .collect();
        let memo = PageMemo {
            last: &self.pages,
            everything,
            affected: &affected,
            finish: output::pages::Finish {
                minify,
                fragments: &fragments,
            },
            files: Mutex::default(),
            pages: Mutex::default(),
        };
        render::render(&theme, &plan, &memo)?;
        drop(plan);
        let (mut files, pages) = memo.into_parts();
        let rendered_count = files.len();
        files.extend(build::extra_files(&dossier, &page_paths));
        // The search index is made from the dossier alone (entries, configuration, data, the
        // year pages' title from strings.yaml): when none of those changed, the files already
        // written stay.
        let content_key = content_key(inputs, strings, &dossier);
        let stale = everything || self.content_key != Some(content_key);
        let (search_paths, search_pending) = self.search(stale, on_disk, &dossier, &mut files)?;
        let static_dirs = output::statics::dirs(&self.opts.root, &dossier.config);
        let statics_out = statics_beside(&self.opts.root, &static_dirs, &files, &page_files)?;
        let static_paths: BTreeSet<String> = statics_out.iter().map(|f| f.path.clone()).collect();
        files.extend(statics_out);

        let mut report = Rebuild {
            pages: pages.len(),
            rendered: rendered_count,
            warnings: dossier.warnings.clone(),
            base_path: dossier.routes.base_path().to_string(),
            ..Default::default()
        };
        let kept = page_files.iter().chain(&search_paths);
        let written = self.write(on_disk, &files, kept, &mut report)?;

        self.written = written;
        self.inputs = Some(inputs);
        self.strings = Some(strings);
        self.sources = Some((sources, statics));
        self.base_path = report.base_path.clone();
        self.static_dirs = static_dirs;
        self.content_key = Some(content_key);
        self.search_paths = search_paths;
        self.search_pending = search_pending;
        self.static_paths = static_paths;
        self.templates = theme.sources.clone();
        self.pages = pages;
        report.elapsed = start.elapsed();
        // Kept only for `index_search`: a large dossier is too much memory to hold otherwise.
        self.dossier = search_pending.then_some(dossier);
        Ok(report)
    }

    /// The search index's files and whether it is left for `index_search`: made now into
    /// `files` for a new output, put off for one on disk (indexing a large site takes
    /// seconds, so pages are written and reloaded first), kept when not `stale`.
    fn search(
        &self,
        stale: bool,
        on_disk: bool,
        dossier: &crate::dossier::Dossier,
        files: &mut Vec<output::OutFile>,
    ) -> Result<(BTreeSet<String>, bool), BuildError> {
        if !stale {
            return Ok((self.search_paths.clone(), self.search_pending));
        }
        if on_disk {
            return Ok((self.search_paths.clone(), true));
        }
        let search = build::search_files(dossier)?;
        let paths = search.iter().map(|f| f.path.clone()).collect();
        files.extend(search);
        Ok((paths, self.search_pending))
    }

    /// The templates whose text differs from the last good build's, or which it had and the
    /// theme no longer has.
    fn changed_templates(&self, theme: &render::Theme) -> BTreeSet<String> {
        theme
            .sources
            .iter()
            .filter(|(name, text)| self.templates.get(*name) != Some(*text))
            .map(|(name, _)| name.clone())
            .chain(
                self.templates
                    .keys()
                    .filter(|n| !theme.sources.contains_key(*n))
                    .cloned(),
            )
            .collect()
    }

    /// Write `files`: all of them into a new output, or into the one on disk only those
    /// whose bytes changed, removing what is neither in `files` nor `kept` (pages whose
    /// files stay as they are, the search index). Returns the hash of every file now in the
    /// output.
    fn write<'k>(
        &self,
        on_disk: bool,
        files: &'k [output::OutFile],
        kept: impl Iterator<Item = &'k String>,
        report: &mut Rebuild,
    ) -> Result<BTreeMap<String, u64>, BuildError> {
        let produced: BTreeSet<&str> = files
            .iter()
            .map(|f| f.path.as_str())
            .chain(kept.map(String::as_str))
            .collect();
        if !on_disk {
            output::write_site(&self.output, files)?;
            report.changed.extend(files.iter().map(|f| f.path.clone()));
            return Ok(files
                .iter()
                .map(|f| (f.path.clone(), hash_bytes(&f.bytes)))
                .collect());
        }
        let mut written = self.written.clone();
        let gone: Vec<String> = written
            .keys()
            .filter(|p| !produced.contains(p.as_str()))
            .cloned()
            .collect();
        write_changed(&self.output, &mut written, files, gone, report)?;
        Ok(written)
    }

    /// Make the search index again if the last rebuild left it behind the pages; `None`
    /// when it was already up to date.
    pub fn index_search(&mut self) -> Result<Option<Rebuild>, BuildError> {
        let Some(dossier) = self.dossier.as_ref().filter(|_| self.search_pending) else {
            return Ok(None);
        };
        let start = Instant::now();
        let files = build::search_files(dossier)?;
        let mut report = Rebuild {
            pages: self.pages.len(),
            base_path: self.base_path.clone(),
            ..Default::default()
        };
        self.search_paths = self.replace_group(files, &self.search_paths.clone(), &mut report)?;
        self.search_pending = false;
        self.dossier = None;
        report.elapsed = start.elapsed();
        Ok(Some(report))
    }
}

impl Session {
    /// Write the files of one group (the static files, the search index) that changed, and
    /// remove those of its `old` paths it no longer has; returns its paths now.
    fn replace_group(
        &mut self,
        files: Vec<OutFile>,
        old: &BTreeSet<String>,
        report: &mut Rebuild,
    ) -> Result<BTreeSet<String>, BuildError> {
        let now: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
        let gone: Vec<String> = old.difference(&now).cloned().collect();
        write_changed(&self.output, &mut self.written, &files, gone, report)?;
        Ok(now)
    }

    /// The rebuild for a change to static files alone: no page can have changed.
    fn copy_static(
        &mut self,
        start: Instant,
        sources: u64,
        statics: u64,
    ) -> Result<Rebuild, BuildError> {
        let mut report = Rebuild {
            pages: self.pages.len(),
            base_path: self.base_path.clone(),
            ..Default::default()
        };
        let mut files = static_files(&self.opts.root, &self.static_dirs)?;
        // Paths a generated file holds stay generated (see `rebuild`).
        files
            .retain(|f| self.static_paths.contains(&f.path) || !self.written.contains_key(&f.path));
        self.static_paths = self.replace_group(files, &self.static_paths.clone(), &mut report)?;
        self.sources = Some((sources, statics));
        report.elapsed = start.elapsed();
        Ok(report)
    }
}

/// The static files, less those a generated file of the same path replaces (as in `build`).
fn statics_beside(
    root: &Path,
    dirs: &[PathBuf],
    generated: &[output::OutFile],
    pages: &[String],
) -> Result<Vec<output::OutFile>, BuildError> {
    let mut statics = static_files(root, dirs)?;
    let taken: BTreeSet<&str> = generated
        .iter()
        .map(|f| f.path.as_str())
        .chain(pages.iter().map(String::as_str))
        .collect();
    statics.retain(|f| !taken.contains(f.path.as_str()));
    Ok(statics)
}

/// What the search index is made from: the entries, the configuration, the data and the
/// words (the year pages' title comes from strings.yaml).
fn content_key(inputs: u64, strings: u64, dossier: &crate::dossier::Dossier) -> u64 {
    let mut bytes = inputs.to_le_bytes().to_vec();
    bytes.extend(strings.to_le_bytes());
    for a in &dossier.articles {
        bytes.extend(a.file.to_string_lossy().as_bytes());
        bytes.extend(a.source_hash.to_le_bytes());
    }
    hash_bytes(&bytes)
}

/// Hashes of the files a build reads, with their paths: those pages are made from
/// (configuration and data via `inputs`, the site's strings.yaml, content/, templates/, the
/// themes' templates and strings.yaml) and those copied as they are (static/ and the themes'
/// static/).
fn sources_key(root: &Path, inputs: u64) -> Result<(u64, u64), BuildError> {
    let mut files: Vec<PathBuf> = ["content", "templates", "themes", "static"]
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(root.join(d)).into_iter().flatten())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let own_strings = root.join(crate::strings::FILE);
    if own_strings.is_file() {
        files.push(own_strings);
    }
    files.sort();
    let is_static = |f: &Path| {
        let rel = f.strip_prefix(root).unwrap_or(f);
        let parts: Vec<_> = rel.components().take(3).map(|c| c.as_os_str()).collect();
        parts.first().is_some_and(|p| *p == "static")
            || (parts.first().is_some_and(|p| *p == "themes")
                && parts.get(2).is_some_and(|p| *p == "static"))
    };
    let hashed: Vec<(bool, u64)> = files
        .par_iter()
        .map(|f| {
            let mut bytes = f.to_string_lossy().into_owned().into_bytes();
            bytes.extend(std::fs::read(f).map_err(|e| BuildError::io(f, e))?);
            Ok((is_static(f), hash_bytes(&bytes)))
        })
        .collect::<Result<_, BuildError>>()?;
    let mut pages: Vec<u8> = inputs.to_le_bytes().to_vec();
    let mut statics: Vec<u8> = Vec::new();
    for (s, h) in hashed {
        if s {
            statics.extend(h.to_le_bytes());
        } else {
            pages.extend(h.to_le_bytes());
        }
    }
    Ok((hash_bytes(&pages), hash_bytes(&statics)))
}

/// The static folders' files with their bytes, as [`output::statics::list`] lists them.
fn static_files(root: &Path, dirs: &[PathBuf]) -> Result<Vec<OutFile>, BuildError> {
    output::statics::list(root, dirs)?
        .into_iter()
        .map(|(path, file)| {
            let bytes = crate::source::read(root, &file).map_err(BuildError::Static)?;
            Ok(OutFile::new(path, bytes))
        })
        .collect()
}

/// Write the `files` whose bytes differ from what `written` says the output holds, and
/// remove the `gone` paths, recording both in `written` and `report`.
fn write_changed(
    output: &Path,
    written: &mut BTreeMap<String, u64>,
    files: &[OutFile],
    gone: Vec<String>,
    report: &mut Rebuild,
) -> Result<(), BuildError> {
    for f in files {
        let hash = hash_bytes(&f.bytes);
        if written.get(&f.path) != Some(&hash) {
            write_in_place(output, &f.path, &f.bytes)?;
            written.insert(f.path.clone(), hash);
            report.changed.push(f.path.clone());
        }
    }
    for path in gone {
        remove_in_place(output, &path)?;
        written.remove(&path);
        report.removed.push(path);
    }
    Ok(())
}

/// `serve`'s page sink: a page is rendered again only when its context or its template
/// changed since the last good build; every page's state is kept for the next rebuild.
struct PageMemo<'a> {
    last: &'a HashMap<String, PageState>,
    everything: bool,
    affected: &'a BTreeSet<String>,
    finish: output::pages::Finish<'a>,
    files: Mutex<Vec<OutFile>>,
    pages: Mutex<HashMap<String, PageState>>,
}

impl PageMemo<'_> {
    /// The rendered pages' files, in path order, and every page's state.
    fn into_parts(self) -> (Vec<OutFile>, HashMap<String, PageState>) {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        (files, pages)
    }

    fn keep(&self, page: render::Page) {
        let state = PageState {
            template: page.template,
            context: page.context,
        };
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages.insert(page.path, state);
    }
}

impl PageSink for PageMemo<'_> {
    fn wants(&self, page: &render::Page) -> bool {
        let same = |old: &PageState| old.template == page.template && old.context == page.context;
        self.everything
            || self.affected.contains(page.template)
            || !self.last.get(&page.path).is_some_and(same)
    }

    fn rendered(&self, page: render::Page, html: Vec<u8>) -> Result<(), BuildError> {
        let file = OutFile::new(page.path.clone(), self.finish.bytes(html)?);
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        self.keep(page);
        Ok(())
    }

    fn kept(&self, page: render::Page) {
        self.keep(page);
    }
}

/// Replace one file of the output; a reader sees the old bytes or the new, never a mix.
fn write_in_place(output: &Path, rel: &str, bytes: &[u8]) -> Result<(), BuildError> {
    let target = output.join(rel);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.dossier-tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| BuildError::io(&tmp, e))?;
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        BuildError::io(&target, e)
    })
}

/// Remove one file of the output and the folders it leaves empty.
fn remove_in_place(output: &Path, rel: &str) -> Result<(), BuildError> {
    let target = output.join(rel);
    match std::fs::remove_file(&target) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BuildError::io(&target, e)),
    }
    let mut dir = target.parent();
    while let Some(d) = dir {
        if d == output || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}
