//! `build` and `check`: load, enrich, index, render, write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::SiteConfig;
use crate::dossier::Dossier;
use crate::enrich;
use crate::error::{BuildError, ContentError};
use crate::output;
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
}

/// Load, check and enrich the site: everything `build` does before rendering.
pub fn load(opts: &BuildOptions) -> Result<Dossier, BuildError> {
    let root = &opts.root;
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
    let data = crate::data::Gazetteers::load(root).unwrap_or_else(|mut e| {
        errors.append(&mut e);
        crate::data::Gazetteers::default()
    });
    let loaded = crate::content::load_articles(root, opts.drafts);
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
    if !errors.is_empty() {
        return Err(BuildError::Content(errors));
    }
    let (corpus, enrich_warnings) = enrich::run_all(articles, &config, &data.context());
    warnings.extend(enrich_warnings);
    Ok(Dossier::new(
        config,
        corpus,
        data.states,
        &data.topics,
        data.people,
        today(opts),
        warnings,
    ))
}

/// Build the site into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    // Fail before any work when the target may not be replaced.
    output::check_target(&output)?;
    let dossier = load(opts)?;
    let theme = render::load_templates(&opts.root, &dossier.config)?;
    let intro = read_intro(&opts.root)?;
    let site = render::pages::Site::new(&dossier, &intro);
    let specs = site.specs();
    let page_paths: Vec<String> = specs
        .iter()
        .map(|&s| site.output_path(s))
        .filter(|p| p != "404.html")
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect();
    let page_count = specs.len();
    let minify = dossier.config.minify;
    // Pages are rendered, minified and written in parallel, one at a time per thread, so
    // memory holds the pages in flight rather than the whole site.
    let staging = output::Staging::create(&output)?;
    let pages_written = theme.render_each(&site, &specs, |path, html| {
        let bytes = if minify {
            output::minify::html(&html)
        } else {
            html.into_bytes()
        };
        staging.write(path, &bytes)
    });
    // The feed, sitemap and data files, each made and written in turn so that only one of
    // them (the events ones are large) is in memory at a time.
    type Make<'a> = Box<dyn Fn() -> String + 'a>;
    let data_files: [(&str, Make<'_>); 8] = [
        ("feed.xml", Box::new(|| output::feed::atom(&dossier))),
        (
            "sitemap.xml",
            Box::new(|| output::sitemap::sitemap(&dossier, &page_paths)),
        ),
        ("robots.txt", Box::new(|| output::sitemap::robots(&dossier))),
        (".nojekyll", Box::new(String::new)),
        (
            "data/articles.json",
            Box::new(|| output::data::articles_json(&dossier)),
        ),
        (
            "data/events.json",
            Box::new(|| output::data::events_json(&dossier)),
        ),
        (
            "data/events.csv",
            Box::new(|| output::data::events_csv(&dossier)),
        ),
        (
            "data/timeline.json",
            Box::new(|| output::timeline::timeline_json(&dossier)),
        ),
    ];
    let written = pages_written.and_then(|()| {
        data_files
            .iter()
            .try_for_each(|(path, make)| staging.write(path, make().as_bytes()))
    });
    if let Err(e) = written {
        staging.abandon();
        return Err(e);
    }
    let static_dirs = vec![
        opts.root
            .join("themes")
            .join(&dossier.config.theme)
            .join("static"),
        opts.root.join("static"),
    ];
    staging.finish(&static_dirs)?;
    let written = page_count + data_files.len();
    drop(data_files);
    Ok(BuildReport {
        pages: page_count,
        files: written,
        elapsed: start.elapsed(),
        output,
        warnings: dossier.warnings,
    })
}

/// The home page's introduction: `content/intro.md`, if there is one.
fn read_intro(root: &Path) -> Result<String, BuildError> {
    let path = root.join("content").join("intro.md");
    match std::fs::read(&path) {
        Ok(bytes) => {
            let text = crate::content::decode(Path::new("content/intro.md"), bytes)
                .map_err(|e| BuildError::Content(vec![e]))?;
            Ok(crate::content::markdown::render(&text).html)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(BuildError::io(&path, e)),
    }
}
