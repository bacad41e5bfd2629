//! `build` and `check`: load, enrich, index, render, write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::config::SiteConfig;
use crate::content::Article;
use crate::dossier::Dossier;
use crate::enrich;
use crate::error::{BuildError, ContentError};
use crate::output::{self, OutFile};
use crate::render;

/// The command-line flags of `dossier build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub no_minify: bool,
    /// The date the charts mark as today. Default: `SOURCE_DATE_EPOCH` if set (for
    /// reproducible builds), else the current date.
    pub today: Option<chrono::NaiveDate>,
}

/// Today, as the reproducible-builds convention allows it to be pinned.
fn today(opts: &BuildOptions) -> chrono::NaiveDate {
    opts.today
        .or_else(|| {
            std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
                .map(|t| t.date_naive())
        })
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    pub warnings: Vec<String>,
    /// Wall time of each step, in the order they started (`build --timings` prints them).
    /// The search index is made on its own thread from the moment the articles are enriched,
    /// beside the chronology and the pages, so the steps' times add up to more than `elapsed`.
    pub timings: Vec<Lap>,
}

/// One step of a build: its name, its wall time, and the process's peak resident memory by
/// its end (KiB; where the system tells it, Linux).
#[derive(Debug, Clone)]
pub struct Lap {
    pub name: &'static str,
    pub took: Duration,
    pub peak_kib: Option<u64>,
    /// CPU time (user and system, all threads) the process spent in the step: near the
    /// wall time times the cores when the step keeps them all busy.
    pub cpu: Option<Duration>,
}

/// The process's CPU time so far, from `/proc/self/stat` (`utime` + `stime`, in the
/// kernel's 100 Hz clock ticks).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// The process's peak resident set so far, from `/proc/self/status` (`VmHWM`).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The wall time of each step of a build, as [`BuildReport::timings`] lists them.
struct Laps {
    last: Instant,
    last_cpu: Option<Duration>,
    steps: Vec<Lap>,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            last: Instant::now(),
            last_cpu: cpu_time(),
            steps: Vec::new(),
        }
    }

    /// Close the step that began at the previous call (or at [`Laps::new`]).
    fn step(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = cpu_time();
        self.steps.push(Lap {
            name,
            took: now - self.last,
            peak_kib: peak_rss_kib(),
            cpu: cpu.zip(self.last_cpu).map(|(c, l)| c.saturating_sub(l)),
        });
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// Articles as the per-article enrichers left them, by entry file, with their warnings. Valid
/// only while the configuration and the data files stay the same, which [`inputs_key`] tells.
#[derive(Default)]
pub struct EnrichCache {
    key: u64,
    articles: HashMap<PathBuf, CachedArticle>,
}

/// One entry as the per-article enrichers left it, their warnings, and the events the
/// chronology found in it.
struct CachedArticle {
    article: Article,
    warnings: Vec<String>,
    events: Option<Vec<crate::enrich::chronology::Event>>,
}

impl EnrichCache {
    /// How many articles the last load enriched afresh.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

/// A hash of everything besides an article's own file that its enrichment depends on:
/// site.yaml, the data files and the options.
pub fn inputs_key(opts: &BuildOptions) -> u64 {
    let mut bytes = Vec::new();
    bytes.extend(std::fs::read(opts.root.join(crate::config::CONFIG_FILE)).unwrap_or_default());
    let data_dir = opts.root.join("content").join("data");
    for entry in walkdir::WalkDir::new(&data_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            bytes.extend(entry.path().to_string_lossy().as_bytes());
            bytes.extend(std::fs::read(entry.path()).unwrap_or_default());
        }
    }
    bytes.extend(format!("{:?}{}{}", opts.base_url, opts.drafts, opts.no_minify).as_bytes());
    crate::content::hash_bytes(&bytes)
}

/// Load, check and enrich the site: everything `build` does before rendering.
pub fn load(opts: &BuildOptions) -> Result<Dossier, BuildError> {
    load_cached(opts, None)
}

/// [`load`], enriching only the articles that changed since the load that filled `cache`.
pub fn load_cached(
    opts: &BuildOptions,
    cache: Option<&mut EnrichCache>,
) -> Result<Dossier, BuildError> {
    load_timed(opts, cache, &mut Laps::new(), &|_, _, _| {})
}

/// Called by [`load_timed`] once the per-article enrichers are done, before the corpus-wide
/// ones: the site's configuration, its data files and the articles in file order.
type Enriched<'h> = &'h dyn Fn(&SiteConfig, &crate::data::Gazetteers, &[Article]);

/// [`load_cached`], adding the time of each of its steps to `laps` and calling
/// `enriched_hook` between the per-article and the corpus-wide enrichers.
fn load_timed(
    opts: &BuildOptions,
    mut cache: Option<&mut EnrichCache>,
    laps: &mut Laps,
    enriched_hook: Enriched<'_>,
) -> Result<Dossier, BuildError> {
    let root = &opts.root;
    if let Some(cache) = cache.as_deref_mut() {
        let key = inputs_key(opts);
        if cache.key != key {
            cache.articles.clear();
            cache.key = key;
        }
    }
    let mut config = SiteConfig::load(root).map_err(|e| BuildError::Content(vec![e]))?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|m| {
            BuildError::Content(vec![ContentError::new(Path::new("--base-url"), 1, 1, m)])
        })?;
    }
    if opts.no_minify {
        config.minify = false;
    }
    let mut errors = Vec::new();
    let config_text =
        std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    for name in &config.disabled_enrichers {
        if !enrich::names().contains(&name.as_str()) {
            errors.push(
                ContentError::new(
                    Path::new(crate::config::CONFIG_FILE),
                    crate::yaml::key_line(&config_text, "disabled_enrichers", 1),
                    1,
                    format!(
                        "no enricher is called `{name}` (known: {})",
                        enrich::names().join(", ")
                    ),
                )
                .field("disabled_enrichers"),
            );
        }
    }
    // The theme's words, unless the theme itself is missing (said once, at `theme`).
    let strings = match render::missing_theme(root, &config) {
        Some(e) => {
            errors.push(e);
            None
        }
        None => crate::strings::Strings::load(root, &config)
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let data = crate::data::Gazetteers::load(root).unwrap_or_else(|mut e| {
        errors.append(&mut e);
        crate::data::Gazetteers::default()
    });
    let cached = cache.as_deref();
    let reuse = |file: &Path, hash: u64| {
        cached
            .and_then(|c| c.articles.get(file))
            .filter(|c| c.article.source_hash == hash)
            .map(|c| c.article.clone())
    };
    let loaded = crate::content::load_articles_reusing(root, opts.drafts, config.allow(), &reuse);
    let (articles, mut warnings) = match loaded {
        Ok(l) => (l.articles, l.warnings),
        Err(mut e) => {
            errors.append(&mut e);
            (Vec::new(), Vec::new())
        }
    };
    for a in &articles {
        // Only hand-set lists exist before enrichment, so these point at the front matter.
        let unknown_states = a
            .states
            .iter()
            .filter(|s| !data.states.iter().any(|st| &st.slug == *s))
            .map(|s| {
                (
                    "states",
                    format!("unknown state `{s}`: not in content/data/states.yaml"),
                )
            });
        let unknown_people = a
            .people
            .iter()
            .filter(|s| !data.people.iter().any(|p| &p.slug == *s))
            .map(|s| {
                (
                    "people",
                    format!("unknown person `{s}`: not in content/data/people.yaml"),
                )
            });
        for (field, message) in unknown_states.chain(unknown_people) {
            let text = std::fs::read_to_string(root.join(&a.file)).unwrap_or_default();
            errors.push(
                ContentError::new(
                    &a.file,
                    crate::yaml::key_line(&text.replace("\r\n", "\n"), field, 1),
                    1,
                    message,
                )
                .field(field),
            );
        }
    }
    let strings = match strings {
        Some(strings) if errors.is_empty() => strings,
        _ => return Err(BuildError::Content(errors)),
    };
    laps.step("read and parse entries");
    let ctx = data.context();
    let enrichers = enrich::enabled_article_enrichers(&config);
    let is_cached = |a: &Article| {
        cached
            .and_then(|c| c.articles.get(&a.file))
            .is_some_and(|c| c.article.source_hash == a.source_hash)
    };
    let enriched: Vec<(Article, Option<Vec<String>>)> = {
        use rayon::prelude::*;
        articles
            .into_par_iter()
            .map(|mut a| {
                if is_cached(&a) {
                    (a, None)
                } else {
                    let w = enrich::run_article(&mut a, &enrichers, &ctx);
                    (a, Some(w))
                }
            })
            .collect()
    };
    let mut articles = Vec::with_capacity(enriched.len());
    let mut known_events = Vec::with_capacity(enriched.len());
    match cache.as_deref_mut() {
        Some(cache) => {
            let mut old = std::mem::take(&mut cache.articles);
            for (a, fresh) in enriched {
                let entry = match (fresh, old.remove(&a.file)) {
                    (None, Some(kept)) => kept,
                    (fresh, _) => CachedArticle {
                        article: a.clone(),
                        warnings: fresh.unwrap_or_default(),
                        events: None,
                    },
                };
                warnings.extend(entry.warnings.iter().cloned());
                known_events.push(entry.events.clone());
                cache.articles.insert(a.file.clone(), entry);
                articles.push(a);
            }
        }
        None => {
            for (a, fresh) in enriched {
                warnings.extend(fresh.unwrap_or_default());
                articles.push(a);
            }
        }
    }
    laps.step("per-article enrichers");
    enriched_hook(&config, &data, &articles);
    let (mut corpus, enrich_warnings) =
        enrich::run_corpus_reusing(articles, known_events, &config, &ctx, |name| {
            laps.step(name)
        });
    warnings.extend(enrich_warnings);
    if let Some(cache) = cache {
        let found = std::mem::take(&mut corpus.article_events);
        for (a, events) in corpus.articles.iter().zip(found) {
            if let Some(entry) = cache.articles.get_mut(&a.file) {
                entry.events = events;
            }
        }
    }
    let dossier = Dossier::new(config, strings, corpus, data, today(opts), warnings);
    laps.step("dossier index");
    Ok(dossier)
}

/// The output folder: `--output`, else `<root>/public`.
pub fn output_dir(opts: &BuildOptions) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"))
}

/// What the search thread of [`build`] is fed: the language and the records per bundle,
/// then records.
enum SearchFeed {
    Start(String, usize),
    Record(output::search::Record),
}

/// Build the site into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut laps = Laps::new();
    let output = output_dir(opts);
    // Fail before any work when the target may not be replaced or another process writes it.
    let _lock = output::lock::acquire(&output)?;
    output::check_target(&output)?;
    let (feed, fed) = std::sync::mpsc::channel::<SearchFeed>();
    let failed = std::sync::atomic::AtomicBool::new(false);
    let failed = &failed;
    std::thread::scope(|scope| {
        // Pagefind indexes on one thread (its index sits behind one lock) and is the longest
        // step of a large build, so it starts as soon as the articles are enriched and runs
        // beside the chronology, the related lists and the pages.
        let search = scope.spawn(move || {
            let mut fed = fed.into_iter();
            let Some(SearchFeed::Start(language, per_bundle)) = fed.next() else {
                return (Ok(Vec::new()), None);
            };
            let t = Instant::now();
            // A failed build stops feeding Pagefind the records already queued.
            let records = fed.map_while(|m| match m {
                SearchFeed::Record(r) if !failed.load(Ordering::Relaxed) => Some(r),
                _ => None,
            });
            let files = output::search::index(records, &language, per_bundle);
            (files, Some(t.elapsed()))
        });
        let result = build_pages(opts, &output, &mut laps, &feed);
        if result.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        drop(feed);
        let (search, search_time) = search.join().unwrap_or_else(|_| {
            let e = BuildError::Output("search index: the indexing thread panicked".into());
            (Err(e), None)
        });
        let (dossier, staging, pages, mut written) = result?;
        let search = match search {
            Ok(files) => files,
            Err(e) => {
                staging.abandon();
                return Err(e);
            }
        };
        laps.step("waiting for the search index");
        if let Some(took) = search_time {
            laps.steps.push(Lap {
                name: "search index (its own thread, from the enriched articles on)",
                took,
                peak_kib: None,
                cpu: None,
            });
        }
        if let Err(e) = search
            .iter()
            .try_for_each(|f| staging.write(&f.path, &f.bytes))
        {
            staging.abandon();
            return Err(e);
        }
        written += search.len();
        laps.step("search index files written");
        staging.finish(
            &opts.root,
            &output::statics::dirs(&opts.root, &dossier.config),
        )?;
        laps.step("static files and swap");
        Ok(BuildReport {
            pages,
            files: written,
            elapsed: start.elapsed(),
            output: output.clone(),
            warnings: dossier.warnings,
            timings: std::mem::take(&mut laps.steps),
        })
    })
}

/// Everything [`build`] does but the search index, which it feeds through `feed`: load and
/// enrich, render and write the pages and the data files into a staging folder. Returns the
/// dossier, the staging folder, and the numbers of pages and of files written.
fn build_pages(
    opts: &BuildOptions,
    output: &Path,
    laps: &mut Laps,
    feed: &std::sync::mpsc::Sender<SearchFeed>,
) -> Result<(Dossier, output::Staging, usize, usize), BuildError> {
    // A send fails only when the search thread has stopped, which its own result reports.
    let send = |m: SearchFeed| {
        let _ = feed.send(m);
    };
    let hook = |config: &SiteConfig, data: &crate::data::Gazetteers, articles: &[Article]| {
        if !config.search {
            return;
        }
        use rayon::prelude::*;
        let state_name = |slug: &str| {
            data.states
                .iter()
                .find(|s| s.slug == slug)
                .map(|s| s.name_ar.clone())
        };
        let tag_name = |slug: &str| Some(crate::dossier::topic_name(&data.topics, slug));
        // In the order the dossier lists them, so the index is the one `records` would give.
        let mut order: Vec<&Article> = articles.iter().collect();
        order.sort_by(|a, b| crate::dossier::listing_order(a, b));
        let records: Vec<output::search::Record> = order
            .par_iter()
            .map(|a| output::search::article_record(a, state_name, tag_name))
            .collect();
        send(SearchFeed::Start(
            config.language.clone(),
            config.search_bundle_pages,
        ));
        for r in records {
            send(SearchFeed::Record(r));
        }
    };
    let dossier = load_timed(opts, None, laps, &hook)?;
    if dossier.config.search {
        for r in output::search::page_records(&dossier) {
            send(SearchFeed::Record(r));
        }
    }
    let theme = render::load_templates(&opts.root, &dossier.config)?;
    let intro = read_intro(&opts.root, dossier.config.allow())?;
    let minify = dossier.config.minify;
    let fragments = render::pages::event_fragments(&dossier, &theme, minify);
    laps.step("event fragments");
    let plan = render::Plan::new(&dossier, &intro, &fragments);
    let page_paths = plan.url_paths();
    laps.step("templates and page list");
    let staging = output::Staging::create(output)?;
    let sink = output::pages::Staged {
        staging: &staging,
        finish: output::pages::Finish {
            minify,
            fragments: &fragments,
        },
    };
    let pages = render::render(&theme, &plan, &sink);
    laps.step("pages (render, minify, write)");
    // The feed, sitemap and data files, in parallel, each serialised straight into its file.
    let data_files = data_files(&dossier, &page_paths);
    let written = pages.and_then(|pages| {
        use rayon::prelude::*;
        data_files
            .par_iter()
            .try_for_each(|(path, make)| staging.write_with(path, make))
            .map(|()| pages)
    });
    let pages = match written {
        Ok(pages) => pages,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    laps.step("feed, sitemap, data files");
    let files = pages + data_files.len();
    drop(data_files);
    drop(plan);
    Ok((dossier, staging, pages, files))
}

/// The search index, when the site has search.
pub fn search_files(dossier: &Dossier) -> Result<Vec<OutFile>, BuildError> {
    if dossier.config.search {
        output::search::files(dossier)
    } else {
        Ok(Vec::new())
    }
}

/// A file besides the pages, by its output path and the function that makes it.
/// How a data file is made: written straight into its destination.
pub type Make<'a> = Box<dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Sync + 'a>;
pub type DataFile<'a> = (String, Make<'a>);

fn text<'a>(f: impl Fn() -> String + Sync + 'a) -> Make<'a> {
    Box::new(move |w| w.write_all(f().as_bytes()))
}

/// Every written file that is not a page or the search index: feed, sitemap (an index and
/// its parts on a site of more than 50,000 pages), robots.txt and the data exports, each
/// made only when asked for.
pub fn data_files<'a>(dossier: &'a Dossier, page_paths: &'a [String]) -> Vec<DataFile<'a>> {
    let sitemaps = output::sitemap::files(page_paths, output::sitemap::MAX_URLS);
    let parts: Vec<String> = sitemaps
        .iter()
        .filter(|(_, pages)| pages.is_some())
        .map(|(name, _)| name.clone())
        .collect();
    let mut files: Vec<DataFile<'a>> =
        vec![("feed.xml".into(), text(|| output::feed::atom(dossier)))];
    for (name, pages) in sitemaps {
        let make = match pages {
            Some(pages) => text(move || output::sitemap::sitemap(dossier, pages)),
            None => {
                let parts = parts.clone();
                text(move || output::sitemap::index(dossier, &parts))
            }
        };
        files.push((name, make));
    }
    let data: [(&str, Make<'a>); 6] = [
        ("robots.txt", text(|| output::sitemap::robots(dossier))),
        (".nojekyll", text(String::new)),
        (
            "data/articles.json",
            Box::new(|w| output::data::articles_json(dossier, w)),
        ),
        (
            "data/events.json",
            Box::new(|w| output::data::events_json(dossier, w)),
        ),
        (
            "data/events.csv",
            Box::new(|w| output::data::events_csv(dossier, w)),
        ),
        (
            "data/timeline.json",
            Box::new(|w| output::timeline::timeline_json(dossier, w)),
        ),
    ];
    files.extend(
        data.into_iter()
            .map(|(name, make)| (name.to_string(), make)),
    );
    files
}

/// [`data_files`], made in memory.
pub fn extra_files(dossier: &Dossier, page_paths: &[String]) -> Vec<OutFile> {
    data_files(dossier, page_paths)
        .into_iter()
        .map(|(path, make)| {
            let mut bytes = Vec::new();
            // Writing into memory does not fail.
            let _ = make(&mut bytes);
            OutFile::new(path, bytes)
        })
        .collect()
}

/// The home page's introduction: `content/intro.md`, if there is one.
pub fn read_intro(
    root: &Path,
    allow: crate::content::markdown::Allow,
) -> Result<String, BuildError> {
    let rel = Path::new("content/intro.md");
    let path = root.join(rel);
    if path.is_dir() {
        let message = "is a folder: the home page's introduction is a Markdown file";
        let e = ContentError::new(rel, 1, 1, message);
        return Err(BuildError::Content(vec![e]));
    }
    match crate::source::read(root, &path) {
        Ok(bytes) => {
            let text =
                crate::content::decode(rel, bytes).map_err(|e| BuildError::Content(vec![e]))?;
            match crate::content::markdown::render(&text, allow) {
                Ok(body) => Ok(body.html),
                Err(deep) => {
                    let (line, col) = crate::error::line_col(&text, deep.offset);
                    let e = ContentError::new(rel, line, col, deep.message()).field("body");
                    Err(BuildError::Content(vec![e]))
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(BuildError::Content(vec![ContentError::new(
            rel,
            1,
            1,
            format!("cannot read: {e}"),
        )])),
    }
}
