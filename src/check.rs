//! `dossier check`: every validation `build` does, and the links in article bodies, reported
//! as `file:line:col: severity: message` without writing anything.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use crate::build::{self, BuildOptions};
use crate::error::{BuildError, Diagnostic, Severity};
use crate::output;
use crate::render::{self, Page, PageSink};

/// One thing `check` found, at a place in a file.
pub type Finding = Diagnostic;

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub drafts: bool,
    /// Also request every external link (off unless asked: it is slow and needs a network).
    pub external: bool,
    /// Seconds to wait for one external link.
    pub timeout_secs: u64,
}

/// What `check` found, and a line on the external links when they were checked.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
    pub external_summary: Option<String>,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

pub fn check(opts: &CheckOptions) -> CheckReport {
    let mut findings = Vec::new();
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        drafts: opts.drafts,
        no_minify: true,
        ..Default::default()
    };
    let dossier = match build::load(&build_opts) {
        Ok(d) => d,
        Err(e) => {
            findings.extend(e.diagnostics());
            // Templates are checked even when content is broken, if the configuration loads.
            if let Ok(config) = crate::config::SiteConfig::load(&opts.root) {
                let routes = crate::site::Routes::new(&config);
                // Words that do not load are reported already, by the load above.
                if let Ok(strings) = crate::strings::Strings::load(&opts.root, &config) {
                    if let Err(e) = render::load_templates(&opts.root, &config, &routes, &strings) {
                        findings.extend(e.diagnostics());
                    }
                }
            }
            findings.sort();
            findings.dedup();
            return CheckReport {
                findings,
                external_summary: None,
            };
        }
    };
    findings.extend(dossier.warnings.iter().cloned());
    findings.extend(review_findings(&dossier));
    let theme = match render::load_templates(
        &opts.root,
        &dossier.config,
        &dossier.routes,
        &dossier.strings,
    ) {
        Ok(t) => t,
        Err(e) => {
            findings.extend(e.diagnostics());
            findings.sort();
            return CheckReport {
                findings,
                external_summary: None,
            };
        }
    };
    let intro = match build::read_intro(
        &opts.root,
        crate::content::markdown::Allow::of(&dossier.config),
    ) {
        Ok(i) => i,
        Err(e) => {
            findings.extend(e.diagnostics());
            String::new()
        }
    };
    // Every event through its partial, so the ids checked are those the templates write.
    let none = render::fragments::Fragments::none();
    let plan = render::Plan::new(&dossier, &intro, &none);
    let sink = Ids::default();
    // The sink takes every failure, so the walk itself cannot fail.
    let _ = render::render(&theme, &plan, &sink);
    let (ids, failed) = sink.into_parts();
    findings.extend(failed);
    drop(plan);
    let mut targets: BTreeSet<String> = ids.keys().cloned().collect();
    targets.extend(
        build::extra_files(&dossier, &[])
            .into_iter()
            .map(|f| f.path),
    );
    // Listed by the rule a build copies them by, so a link a build refuses is an error.
    let static_dirs = output::statics::dirs(&opts.root, &dossier.config);
    match output::statics::list(&opts.root, &static_dirs) {
        Ok(files) => targets.extend(files.into_keys()),
        Err(e) => findings.extend(e.diagnostics()),
    }

    let external = body_links(&opts.root, &dossier, &targets, &ids, &mut findings);
    let external_summary = if opts.external {
        Some(check_external(
            &external,
            opts.timeout_secs.max(1),
            &mut findings,
        ))
    } else {
        None
    };
    findings.sort();
    findings.dedup();
    CheckReport {
        findings,
        external_summary,
    }
}

/// Check every link in the article bodies against the pages and ids of the site; the
/// external ones are returned with their first place, for `--external`.
fn body_links(
    root: &Path,
    dossier: &crate::dossier::Dossier,
    targets: &BTreeSet<String>,
    ids: &HashMap<String, BTreeSet<String>>,
    findings: &mut Vec<Finding>,
) -> BTreeMap<String, (PathBuf, usize, usize)> {
    let base_path = dossier.routes.base_path().to_string();
    let mut external: BTreeMap<String, (PathBuf, usize, usize)> = BTreeMap::new();
    for a in &dossier.articles {
        let links = match a.html.read() {
            Ok(html) => hrefs(&html),
            Err(e) => {
                findings.push(Diagnostic::error(
                    &a.file,
                    1,
                    format!("cannot read the rendered body back: {e}"),
                ));
                continue;
            }
        };
        if links.is_empty() {
            continue;
        }
        // The body's links are found in the rendered HTML; their places in the entry's text.
        let source = match crate::source::read_to_string(root, &root.join(&a.file)) {
            Ok(text) => text.replace("\r\n", "\n"),
            Err(e) => {
                findings.push(Diagnostic::error(&a.file, 1, format!("cannot read: {e}")));
                continue;
            }
        };
        let page = format!("{}index.html", a.path);
        for href in links {
            let (line, col) = locate(&source, &href);
            let at = |severity, message: String| Diagnostic {
                file: a.file.clone(),
                line,
                col,
                severity,
                message,
                field: None,
            };
            if href.starts_with("http://") || href.starts_with("https://") {
                external.entry(href).or_insert((a.file.clone(), line, col));
                continue;
            }
            if href.starts_with("mailto:") || href.starts_with("tel:") || href.contains("://") {
                continue;
            }
            if let Some(problem) = internal_problem(&href, &page, &base_path, &a.path, targets, ids)
            {
                findings.push(at(Severity::Error, problem));
            }
        }
    }
    external
}

/// Why an internal link `href` of the article at `article_path` (whose page is `page`) is
/// broken: outside the base path, to no page, or to an id the page lacks; `None` when sound.
fn internal_problem(
    href: &str,
    page: &str,
    base_path: &str,
    article_path: &str,
    targets: &BTreeSet<String>,
    ids: &HashMap<String, BTreeSet<String>>,
) -> Option<String> {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let target = if path.is_empty() {
        page.to_string()
    } else {
        match site_path(base_path, article_path, path) {
            Some(t) => t,
            None => {
                return Some(format!(
                    "link `{href}` leads outside the site's base path {base_path}"
                ));
            }
        }
    };
    let target = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else if !targets.contains(&target) && targets.contains(&format!("{target}/index.html")) {
        format!("{target}/index.html")
    } else {
        target
    };
    if !targets.contains(&target) {
        return Some(format!("link `{href}` leads to no page of the site"));
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        let known = ids.get(&target).is_some_and(|set| set.contains(fragment));
        if !known {
            return Some(format!(
                "link `{href}`: the page has no element with id `{fragment}`"
            ));
        }
    }
    None
}

/// `check`'s page sink: the element ids of every page, and a finding for every page whose
/// template fails.
#[derive(Default)]
struct Ids {
    ids: Mutex<HashMap<String, BTreeSet<String>>>,
    failed: Mutex<Vec<Finding>>,
}

impl Ids {
    fn into_parts(self) -> (HashMap<String, BTreeSet<String>>, Vec<Finding>) {
        let ids = self.ids.into_inner().unwrap_or_else(|e| e.into_inner());
        let failed = self.failed.into_inner().unwrap_or_else(|e| e.into_inner());
        (ids, failed)
    }
}

impl PageSink for Ids {
    fn rendered(&self, page: Page, html: Vec<u8>) -> Result<(), BuildError> {
        let found = element_ids(&String::from_utf8_lossy(&html));
        let mut ids = self.ids.lock().unwrap_or_else(|e| e.into_inner());
        ids.insert(page.path, found);
        Ok(())
    }

    fn failed(&self, _page: &Page, error: BuildError) -> Result<(), BuildError> {
        let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        failed.extend(error.diagnostics());
        Ok(())
    }
}

/// The output path (`articles/x/index.html` or `articles/x/`) a link on the page at
/// `page_path` points to; `None` when it climbs out of the base path.
fn site_path(base_path: &str, page_path: &str, href: &str) -> Option<String> {
    let href = href.split('?').next().unwrap_or("");
    let absolute = if href.starts_with('/') {
        href.to_string()
    } else {
        format!("{base_path}{page_path}{href}")
    };
    let rel = absolute.strip_prefix(base_path)?;
    let mut parts: Vec<&str> = Vec::new();
    for seg in rel.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// What the importer decided and an editor should confirm: a title derived from the first
/// sentence, a title cut with an ellipsis, and events whose year was assumed (see `model::Event::guessed`).
fn review_findings(dossier: &crate::dossier::Dossier) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut by_slug = std::collections::HashMap::new();
    for a in &dossier.articles {
        by_slug.insert(a.slug.as_str(), a);
        if a.front.title_derived {
            out.push(Diagnostic {
                file: a.file.clone(),
                line: a.lines.of_key("title"),
                col: 1,
                severity: Severity::Warning,
                message: "the title was derived from the first sentence (the paste had no \
                          headline): check `title:`, then remove `title_derived:`"
                    .into(),
                field: None,
            });
        }
        if a.front.title.as_deref().map(str::trim) != Some(a.title.as_str()) {
            out.push(Diagnostic {
                file: a.file.clone(),
                line: a.lines.of_key("title"),
                col: 1,
                severity: Severity::Warning,
                message: format!(
                    "the title ends in an ellipsis, a cut sentence: the site shows its whole \
                     clauses, «{}»; write the title in full",
                    a.title
                ),
                field: Some("title".into()),
            });
        }
    }
    for e in dossier.events.iter().filter(|e| e.guessed) {
        let Some((source, article)) = e
            .sources
            .first()
            .and_then(|s| Some((s, by_slug.get(&*s.slug)?)))
        else {
            continue;
        };
        out.push(Diagnostic {
            file: article.file.clone(),
            line: source.line,
            col: 1,
            severity: Severity::Warning,
            message: format!(
                "event dated {} by a guess: the text gives no year, and the publication year \
                 puts it after the article; write the year in the text or list the event in \
                 events.yaml",
                e.date
            ),
            field: None,
        });
    }
    out
}

/// An enricher warning (`file: message`) placed at the front-matter key it names.
/// Line and column of the first place `href` is written in the entry, past its front matter.
fn locate(source: &str, href: &str) -> (usize, usize) {
    let body_start = source
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---").map(|i| i + 8))
        .unwrap_or(0)
        .min(source.len());
    let unescaped = href.replace("&amp;", "&");
    let found = source
        .get(body_start..)
        .and_then(|body| body.find(&unescaped).or_else(|| body.find(href)))
        .map(|i| body_start + i)
        .unwrap_or(body_start);
    crate::error::line_col(source, found)
}

/// The `href` values of the links in a fragment of HTML the Markdown renderer wrote.
/// Percent-escapes are decoded (the renderer escapes Arabic in URLs), as a browser does
/// before it matches a fragment to an id.
fn hrefs(html: &str) -> Vec<String> {
    attribute_values(html, "href=\"")
        .into_iter()
        .map(|v| {
            let v = v.replace("&amp;", "&");
            crate::text::percent::decode(&v).unwrap_or(v)
        })
        .collect()
}

/// Every `id` in rendered (unminified) HTML.
fn element_ids(html: &str) -> BTreeSet<String> {
    attribute_values(html, " id=\"").into_iter().collect()
}

fn attribute_values(html: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(prefix) {
        let after = &rest[i + prefix.len()..];
        let Some(end) = after.find('"') else { break };
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out
}

/// Request each external link (HEAD, then GET where HEAD is refused), a few at a time.
fn check_external(
    links: &BTreeMap<String, (PathBuf, usize, usize)>,
    timeout_secs: u64,
    findings: &mut Vec<Finding>,
) -> String {
    use rayon::prelude::*;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(timeout_secs)))
        .http_status_as_error(false)
        .user_agent(concat!("dossier-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let results: Vec<(&String, Result<u16, String>)> =
        match rayon::ThreadPoolBuilder::new().num_threads(8).build() {
            Ok(pool) => pool.install(|| {
                links
                    .par_iter()
                    .map(|(url, _)| (url, probe(&agent, url)))
                    .collect()
            }),
            Err(e) => links
                .keys()
                .map(|url| (url, Err(format!("no threads to check with: {e}"))))
                .collect(),
        };
    let (mut ok, mut broken, mut unreachable) = (0, 0, 0);
    for (url, result) in results {
        let Some((file, line, col)) = links.get(url) else {
            continue;
        };
        let finding = |severity, message| Diagnostic {
            file: file.clone(),
            line: *line,
            col: *col,
            severity,
            message,
            field: None,
        };
        match result {
            Ok(status) if status < 400 => ok += 1,
            Ok(status) => {
                broken += 1;
                findings.push(finding(
                    Severity::Error,
                    format!("external link `{url}` answers HTTP {status}"),
                ));
            }
            Err(why) => {
                unreachable += 1;
                findings.push(finding(
                    Severity::Warning,
                    format!("external link `{url}` could not be checked: {why}"),
                ));
            }
        }
    }
    format!(
        "external links: {} checked, {ok} ok, {broken} broken, {unreachable} unreachable",
        links.len()
    )
}

fn probe(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    let head = agent.head(url).call().map(|r| r.status().as_u16());
    match head {
        Ok(s) if s < 400 => Ok(s),
        // Some servers refuse HEAD (405) or answer it wrongly; GET decides.
        _ => agent
            .get(url)
            .call()
            .map(|r| r.status().as_u16())
            .map_err(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_and_the_base_path() {
        assert_eq!(
            site_path("/", "articles/a/", "../b/").as_deref(),
            Some("articles/b/")
        );
        assert_eq!(
            site_path("/repo/", "articles/a/", "/repo/states/x/").as_deref(),
            Some("states/x/")
        );
        assert_eq!(site_path("/repo/", "articles/a/", "/other/"), None);
        assert_eq!(site_path("/", "articles/a/", "../../../x/"), None);
    }
}
