//! `build` and `check`: load, enrich, index, render, write.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::content::spill::{Span, Spill};
use crate::content::Article;
use crate::dossier::Dossier;
use crate::enrich::memo::Memo;
use crate::error::{BuildError, ContentError, Diagnostic};
use crate::output::{self, OutFile};
use crate::render;

pub mod disk_cache;
pub mod load;
mod timings;

pub use load::{inputs_key, Enriched, Inputs};
pub use timings::{Lap, Laps};

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
    /// Keep the enriched entries in `<root>/.dossier-cache/` and take the unchanged ones from
    /// there ([`disk_cache`]); the command line's default, off for `--no-cache`.
    pub cache: bool,
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
    pub warnings: Vec<Diagnostic>,
    /// How many entries came from the on-disk cache rather than being read and enriched;
    /// `None` when the build kept no cache.
    pub from_cache: Option<usize>,
    /// Wall time of each step, in the order they started (`build --timings` prints them).
    /// The search index is made on its own thread from the moment the articles are enriched,
    /// beside the chronology and the pages, so the steps' times add up to more than `elapsed`.
    pub timings: Vec<Lap>,
}

/// Load, check and enrich the site: everything `build` does before rendering.
pub fn load(opts: &BuildOptions) -> Result<Dossier, BuildError> {
    load_remembering(opts, &mut crate::enrich::memo::NoMemo)
}

/// [`load`], enriching only the articles that changed since the load that filled `memo`.
pub fn load_remembering(opts: &BuildOptions, memo: &mut dyn Memo) -> Result<Dossier, BuildError> {
    load::all(opts, memo, &mut Laps::new())
}

/// The output folder: `--output`, else `<root>/public`.
pub fn output_dir(opts: &BuildOptions) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"))
}

/// What the search thread of [`build`] is fed: the articles, whose records it makes itself,
/// then the records of the other pages.
enum SearchFeed {
    Start(Box<ArticleFeed>),
    Record(output::search::Record),
}

/// The articles as their search records read them, in listing order: each one's fields
/// without its body, and its plain text in the spill file. The search thread makes their
/// records a batch at a time as its writer asks, so they never wait in memory all at once
/// (at 10,000 articles they were 127 MB, queued through the chronology).
struct ArticleFeed {
    language: String,
    per_bundle: usize,
    articles: Vec<(Article, Span)>,
    spill: Arc<Spill>,
    states: Vec<crate::data::states::State>,
    topics: Vec<crate::data::topics::Topic>,
    people: Vec<crate::data::people::Person>,
}

/// Records made at a time: the search writer's own batch.
const RECORD_BATCH: usize = 256;

/// An article with only what [`output::search::article_record`] and the listing order read.
fn record_fields(a: &Article) -> Article {
    Article {
        slug: a.slug.clone(),
        path: a.path.clone(),
        title: a.title.clone(),
        summary: a.summary.clone(),
        date: a.date.clone(),
        year: a.year,
        states: a.states.clone(),
        tags: a.tags.clone(),
        people: a.people.clone(),
        ..Article::default()
    }
}

impl ArticleFeed {
    /// The articles' records, made in parallel a batch at a time on threads of their own
    /// (the global pool is busy with the chronology and the pages). Stops early when the
    /// build has failed, or when a text cannot be read back, which it leaves in `problem`.
    fn records<'a>(
        self,
        failed: &'a AtomicBool,
        problem: &'a Mutex<Option<std::io::Error>>,
    ) -> impl Iterator<Item = output::search::Record> + 'a {
        use rayon::prelude::*;
        let ArticleFeed {
            articles,
            spill,
            states,
            topics,
            people,
            ..
        } = self;
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("records-{i}"))
            .build()
            .ok();
        let mut articles = articles.into_iter();
        std::iter::from_fn(move || {
            if failed.load(Ordering::Relaxed) {
                return None;
            }
            let batch: Vec<(Article, Span)> = articles.by_ref().take(RECORD_BATCH).collect();
            if batch.is_empty() {
                return None;
            }
            let make = || {
                batch
                    .into_par_iter()
                    .map(|(mut a, span)| {
                        a.text = spill.get_string(span)?;
                        Ok(output::search::named_article_record(
                            &a, &states, &topics, &people,
                        ))
                    })
                    .collect::<std::io::Result<Vec<_>>>()
            };
            let made = match &pool {
                Some(pool) => pool.install(make),
                None => make(),
            };
            match made {
                Ok(records) => Some(records),
                Err(e) => {
                    if let Ok(mut slot) = problem.lock() {
                        slot.get_or_insert(e);
                    }
                    None
                }
            }
        })
        .flatten()
    }
}

/// Build the site into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut laps = Laps::new();
    let output = output_dir(opts);
    // Fail before any work when the target may not be replaced or another process writes it.
    let _lock = output::lock::acquire(&output)?;
    let staged = output::Staging::create(&output)?;
    let staging = &staged;
    // The bodies and texts kept out of memory between their uses; removed when dropped.
    let spill = Spill::new().map_err(|e| BuildError::io(&std::env::temp_dir(), e))?;
    let spill = &Arc::new(spill);
    let (feed, fed) = std::sync::mpsc::channel::<SearchFeed>();
    let failed = AtomicBool::new(false);
    let failed = &failed;
    let problem = Mutex::new(None);
    let problem = &problem;
    let mut done = std::thread::scope(|scope| {
        // The search index starts as soon as the articles are enriched and runs beside the
        // chronology, the related lists and the pages; its files go into the staging folder
        // as they are made (a fragment per record as it is read).
        let search = scope.spawn(move || {
            let mut fed = fed.into_iter();
            let Some(SearchFeed::Start(start)) = fed.next() else {
                return (Ok(0), None);
            };
            let t = Instant::now();
            let (language, per_bundle) = (start.language.clone(), start.per_bundle);
            // A failed build stops feeding the index the records already queued.
            let pages = fed.map_while(|m| match m {
                SearchFeed::Record(r) if !failed.load(Ordering::Relaxed) => Some(r),
                _ => None,
            });
            let records = start.records(failed, problem).chain(pages);
            let written =
                output::search::index_into(records, &language, per_bundle, &mut |path, bytes| {
                    staging.write(&path, &bytes)
                });
            let unread = problem.lock().ok().and_then(|mut p| p.take());
            let written = match unread {
                Some(e) => Err(BuildError::io(&std::env::temp_dir(), e)),
                None => written,
            };
            (written, Some(t.elapsed()))
        });
        let result = build_pages(opts, staging, &mut laps, &feed, spill);
        if result.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        drop(feed);
        let (search, search_time) = search.join().unwrap_or_else(|_| {
            let e = BuildError::Search("the indexing thread panicked".into());
            (Err(e), None)
        });
        let done = match result.and_then(|r| search.map(|n| (r, n))) {
            Ok((mut done, search_files)) => {
                done.files += search_files;
                done
            }
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
        Ok(done)
    })?;
    staged.finish(&opts.root, &output::statics::dirs(&opts.root, &done.config))?;
    laps.step("static files and swap");
    Ok(BuildReport {
        pages: done.pages,
        files: done.files,
        elapsed: start.elapsed(),
        output: output.clone(),
        warnings: std::mem::take(&mut done.warnings),
        from_cache: done.from_cache,
        timings: std::mem::take(&mut laps.steps),
    })
}

/// Everything [`build`] does but the search index, which it feeds through `feed`: load and
/// enrich, render and write the pages and the data files into `staging`.
fn build_pages(
    opts: &BuildOptions,
    staging: &output::Staging,
    laps: &mut Laps,
    feed: &std::sync::mpsc::Sender<SearchFeed>,
    spill: &Arc<Spill>,
) -> Result<Done, BuildError> {
    // A send fails only when the search thread has stopped, which its own result reports.
    let send = |m: SearchFeed| {
        let _ = feed.send(m);
    };
    let mut cache = opts.cache.then(|| disk_cache::DiskCache::new(&opts.root));
    let mut no_memo = crate::enrich::memo::NoMemo;
    let memo: &mut dyn Memo = match cache.as_mut() {
        Some(c) => c,
        None => &mut no_memo,
    };
    let inputs = load::inputs(opts, memo, laps, Some(spill))?;
    let enriched = load::enrich(inputs, memo, laps, Some(spill))?;
    // The index starts on the articles as soon as they are enriched, beside the chronology,
    // the related lists and the pages.
    if enriched.config.search {
        let mut articles: Vec<(Article, Span)> = enriched
            .articles
            .iter()
            .map(record_fields)
            .zip(enriched.spilled_text.iter().copied())
            .collect();
        articles.sort_by(|a, b| crate::dossier::listing_order(&a.0, &b.0));
        send(SearchFeed::Start(Box::new(ArticleFeed {
            language: enriched.config.language.clone(),
            per_bundle: enriched.config.search_bundle_pages,
            articles,
            spill: Arc::clone(spill),
            states: enriched.data.states.clone(),
            topics: enriched.data.topics.clone(),
            people: enriched.data.people.clone(),
        })));
    }
    let mut dossier = load::dossier(enriched, memo, opts, laps);
    let from_cache = cache.as_ref().map(|c| c.reused());
    if let Some(c) = &cache {
        dossier.warnings.extend(c.warnings());
    }
    if dossier.config.search {
        for r in output::search::page_records(&dossier) {
            send(SearchFeed::Record(r));
        }
    }
    let theme = render::load_templates(
        &opts.root,
        &dossier.config,
        &dossier.routes,
        &dossier.strings,
    )?;
    let intro = read_intro(
        &opts.root,
        crate::content::markdown::Allow::of(&dossier.config),
    )?;
    // Pages rendered from minified templates are minified already.
    let minify = dossier.config.minify && !theme.minified();
    let fragments = render::pages::event_fragments(&dossier, &theme, minify, Some(spill));
    laps.step("event fragments");
    let plan = render::Plan::new(&dossier, &intro, &fragments);
    let page_paths = plan.url_paths();
    laps.step("templates and page list");
    let sink = output::pages::Staged {
        staging,
        finish: output::pages::Finish {
            minify,
            fragments: &fragments,
        },
    };
    let pages = render::render(&theme, &plan, &sink)?;
    laps.step("pages (render, minify, write)");
    // The feed, sitemap and data files, in parallel, each serialised straight into its file.
    let data_files = data_files(&dossier, &page_paths);
    {
        use rayon::prelude::*;
        data_files
            .par_iter()
            .try_for_each(|(path, make)| staging.write_with(path, make))?;
    }
    laps.step("feed, sitemap, data files");
    let files = pages + data_files.len();
    drop(data_files);
    drop(plan);
    // What the build still needs of the dossier; the rest (every article and event) leaves
    // memory while the search index may still be finishing, on a thread of its own: freeing
    // a large dossier takes a fifth of a second that nothing needs to wait for.
    let done = Done {
        config: dossier.config.clone(),
        warnings: std::mem::take(&mut dossier.warnings),
        pages,
        files,
        from_cache,
    };
    // Should no thread be had, the closure is dropped here, and the dossier with it.
    let _ = std::thread::Builder::new().spawn(move || drop(dossier));
    Ok(done)
}

/// What [`build_pages`] leaves: the configuration, the warnings and the counts.
struct Done {
    config: crate::config::SiteConfig,
    warnings: Vec<crate::error::Diagnostic>,
    pages: usize,
    files: usize,
    from_cache: Option<usize>,
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
    let mut files: Vec<DataFile<'a>> = vec![(
        "feed.xml".into(),
        Box::new(|w| w.write_all(output::feed::atom(dossier)?.as_bytes())),
    )];
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
    let data: [(&str, Make<'a>); 7] = [
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
            "data/people.json",
            Box::new(|w| output::data::people_json(dossier, w)),
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
