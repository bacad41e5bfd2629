//! Rendering: the Tera loader (theme templates, overridden by the site's own `templates/`),
//! the custom filters, and the page kinds, each rendered independently and in parallel.

pub mod charts;
pub(crate) mod event_view;
pub mod filters;
pub mod fragments;
pub mod map;
mod pager;
pub mod pages;
pub mod script_json;
pub mod sink;

pub use pages::{Plan, Spec};
pub use sink::{render, PageSink};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::SiteConfig;
use crate::error::{BuildError, ContentError};

/// One page to render: the output path (relative, e.g. `articles/x/index.html`), the
/// template and its context.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

/// The template folders in the order they are read: the theme's, then the site's own, whose
/// files replace the theme's of the same name.
pub fn template_dirs(root: &Path, config: &SiteConfig) -> Vec<PathBuf> {
    vec![
        root.join("themes").join(&config.theme).join("templates"),
        root.join("templates"),
    ]
}

/// The loaded templates and the file each came from, for error messages.
pub struct Theme {
    /// The templates pages are rendered with: minified when the site minifies and every
    /// template can be ([`crate::text::minify::template`]).
    pub tera: Tera,
    /// The templates as written, kept when `tera`'s are minified: a render error is reported
    /// from them, so that it names the line of the file.
    written: Option<Tera>,
    files: HashMap<String, PathBuf>,
    /// Each template's text by name, so `serve` can tell which templates an edit touched.
    pub sources: BTreeMap<String, String>,
}

/// The error of a site whose `theme` names no folder under `themes/`, at the `theme` key.
pub fn missing_theme(root: &Path, config: &SiteConfig) -> Option<ContentError> {
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        return None;
    }
    let config_file = Path::new(crate::config::CONFIG_FILE);
    let line = config.lines.of_key("theme");
    let message = format!(
        "theme `{}` not found: there is no folder {}",
        config.theme,
        theme_dir.display()
    );
    Some(ContentError::new(config_file, line, 1, message).field("theme"))
}

/// Load every template, later folders overriding earlier ones by relative name; the `url`
/// filter answers from `routes`, the `count` filter from the nouns of `strings`.
pub fn load_templates(
    root: &Path,
    config: &SiteConfig,
    routes: &crate::site::Routes,
    strings: &crate::strings::Strings,
) -> Result<Theme, BuildError> {
    if let Some(error) = missing_theme(root, config) {
        return Err(BuildError::Content(vec![error]));
    }
    let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    for dir in template_dirs(root, config) {
        if !dir.is_dir() {
            continue;
        }
        let paths = crate::source::files(root, &dir).map_err(BuildError::Templates)?;
        for path in paths {
            let rel = path.strip_prefix(&dir).unwrap_or(&path);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text =
                crate::source::read_to_string(root, &path).map_err(|e| BuildError::io(&path, e))?;
            sources.insert(name, (path.clone(), text));
        }
    }
    let with_filters = || {
        let mut tera = Tera::new();
        let counter =
            crate::strings::plural::Counter::new(&config.language, strings.counts.clone());
        filters::register(&mut tera, routes, counter);
        tera
    };
    let mut tera = with_filters();
    let files: HashMap<String, PathBuf> = sources
        .iter()
        .map(|(n, (p, _))| (n.clone(), p.clone()))
        .collect();
    let mut theme = Theme {
        tera: Tera::new(),
        written: None,
        files,
        sources: BTreeMap::new(),
    };
    tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
        .map_err(|e| theme.error(e))?;
    theme.tera = tera;
    if config.minify {
        // Each template minified once rather than every page it renders: the minifier's
        // pass over every page was a fifth of a build's CPU.
        let minified: Option<Vec<(&str, String)>> = sources
            .iter()
            .map(|(n, (_, t))| Some((n.as_str(), crate::text::minify::template(t)?)))
            .collect();
        if let Some(minified) = minified {
            let mut small = with_filters();
            if small
                .add_raw_templates(minified.iter().map(|(n, t)| (*n, t.as_str())))
                .is_ok()
            {
                theme.written = Some(std::mem::replace(&mut theme.tera, small));
            }
        }
    }
    theme.sources = sources.into_iter().map(|(n, (_, t))| (n, t)).collect();
    Ok(theme)
}

impl Theme {
    /// Whether the templates are minified, so the pages they render need not be.
    pub fn minified(&self) -> bool {
        self.written.is_some()
    }

    /// The error `e` of rendering `template` with `context`, as the templates as written
    /// report it, so that it names the line of the file.
    pub fn render_error(
        &self,
        template: &str,
        context: &tera::Context,
        e: tera::Error,
    ) -> BuildError {
        let e = match &self.written {
            Some(written) => written.render(template, context).err().unwrap_or(e),
            None => e,
        };
        self.error(e)
    }

    /// A Tera error with the template's file path put beside its name.
    pub fn error(&self, e: tera::Error) -> BuildError {
        let mut message = e.to_string();
        let mut template = None;
        for (name, path) in &self.files {
            let needle = format!("--> {name}:");
            if message.contains(&needle) {
                message = message.replace(&needle, &format!("--> {}:", path.display()));
                template = Some(path.display().to_string());
            }
        }
        let template = template
            .or_else(|| {
                self.files
                    .iter()
                    .find(|(n, _)| message.contains(&format!("'{n}'")))
                    .map(|(_, p)| p.display().to_string())
            })
            .unwrap_or_else(|| "templates".into());
        let at = crate::error::locations(&message)
            .into_iter()
            .next()
            .map(|(file, line, col)| (PathBuf::from(file), line, col));
        BuildError::Template {
            template,
            message,
            at,
        }
    }
}

/// The templates whose output may change when the `changed` templates change: the changed
/// ones and every template that extends, includes or imports one of them, at any depth. A
/// tag whose template name is not a literal string could load anything, so its template
/// counts as using every other.
pub fn dependents(
    sources: &BTreeMap<String, String>,
    changed: &BTreeSet<String>,
) -> BTreeSet<String> {
    let uses: BTreeMap<&str, Option<Vec<String>>> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), template_uses(text)))
        .collect();
    let mut out: BTreeSet<String> = changed.clone();
    loop {
        let before = out.len();
        for (name, used) in &uses {
            let hit = match used {
                None => !changed.is_empty(),
                Some(list) => list.iter().any(|u| out.contains(u)),
            };
            if hit {
                out.insert(name.to_string());
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// The template names a template's `extends`, `include` and `import` tags name; `None` when
/// one of them names its template by an expression.
fn template_uses(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{%") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("%}") else { break };
        let tag = after[..close].trim_start_matches('-').trim();
        rest = &after[close + 2..];
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if !matches!(keyword, "extends" | "include" | "import") {
            continue;
        }
        let args = &tag[keyword.len()..];
        let quoted = quoted_strings(args);
        if quoted.is_empty() {
            return None;
        }
        names.extend(quoted);
    }
    Some(names)
}

fn quoted_strings(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['"', '\'', '`']) {
        let quote = &rest[i..i + 1];
        let tail = &rest[i + 1..];
        let Some(end) = tail.find(quote) else { break };
        out.push(tail[..end].to_string());
        rest = &tail[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_edit_reaches_every_template_built_on_it() {
        let sources: BTreeMap<String, String> = [
            ("base.html", "<html>{% block content %}{% endblock %}"),
            (
                "article.html",
                "{% extends \"base.html\" %}{% include 'partials/card.html' %}",
            ),
            ("index.html", "{%- extends \"base.html\" -%}"),
            ("partials/card.html", "<div></div>"),
            ("macros.html", "{% macro m() %}{% endmacro %}"),
            ("tag.html", "{% import \"macros.html\" as m %}"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(
            dependents(&sources, &set(&["partials/card.html"])),
            set(&["partials/card.html", "article.html"])
        );
        assert_eq!(
            dependents(&sources, &set(&["base.html"])),
            set(&["base.html", "article.html", "index.html"])
        );
        assert_eq!(
            dependents(&sources, &set(&["macros.html"])),
            set(&["macros.html", "tag.html"])
        );
        assert!(dependents(&sources, &set(&[])).is_empty());
    }

    #[test]
    fn an_include_by_expression_depends_on_everything() {
        let sources: BTreeMap<String, String> = [
            ("a.html", "{% include page.template %}"),
            ("b.html", "plain"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert!(dependents(&sources, &set(&["b.html"])).contains("a.html"));
    }
}
