//! Rendering: the Tera loader (theme templates, overridden by the site's own `templates/`),
//! the custom filters, and the page kinds, each rendered independently and in parallel.

pub mod charts;
pub mod filters;
pub mod pages;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::Tera;

use crate::config::SiteConfig;
use crate::error::BuildError;

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
    pub tera: Tera,
    files: HashMap<String, PathBuf>,
}

/// Load every template, later folders overriding earlier ones by relative name.
pub fn load_templates(root: &Path, config: &SiteConfig) -> Result<Theme, BuildError> {
    let theme_dir = root.join("themes").join(&config.theme);
    if !theme_dir.is_dir() {
        return Err(BuildError::Output(format!(
            "{}: theme `{}` not found (site.yaml: theme)",
            theme_dir.display(),
            config.theme
        )));
    }
    let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    for dir in template_dirs(root, config) {
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                BuildError::Output(format!("{}: cannot read templates: {e}", dir.display()))
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| BuildError::io(entry.path(), e))?;
            sources.insert(name, (entry.path().to_path_buf(), text));
        }
    }
    let mut tera = Tera::new();
    filters::register(&mut tera, &config.base_url, &config.base_path());
    let files: HashMap<String, PathBuf> = sources
        .iter()
        .map(|(n, (p, _))| (n.clone(), p.clone()))
        .collect();
    let mut theme = Theme {
        tera: Tera::new(),
        files,
    };
    tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
        .map_err(|e| theme.error(e))?;
    theme.tera = tera;
    Ok(theme)
}

impl Theme {
    /// A Tera error with the template's file path put beside its name.
    fn error(&self, e: tera::Error) -> BuildError {
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
        BuildError::Template { template, message }
    }

    /// Render the pages of `site` in parallel, handing each to `sink` as soon as it is
    /// rendered; its context is dropped first. Stops at a failure.
    pub fn render_each<F>(
        &self,
        site: &pages::Site<'_>,
        specs: &[pages::Spec],
        sink: F,
    ) -> Result<(), BuildError>
    where
        F: Fn(&str, String) -> Result<(), BuildError> + Sync,
    {
        // The two chronology pages hold every event of the corpus in their contexts; one at
        // a time keeps the peak memory of a large build to one of them.
        let chronology = std::sync::Mutex::new(());
        specs.par_iter().try_for_each(|&spec| {
            let _one_at_a_time = matches!(spec, pages::Spec::Chronology { .. })
                .then(|| chronology.lock().unwrap_or_else(|e| e.into_inner()));
            let Page {
                path,
                template,
                context,
            } = site.page(spec);
            let html = self
                .tera
                .render(template, &context)
                .map_err(|e| self.error(e))?;
            drop(context);
            sink(&path, html)
        })
    }

    /// Render all pages in parallel; the first failure (in page order) is returned.
    pub fn render(&self, pages: Vec<Page>) -> Result<Vec<(String, String)>, BuildError> {
        pages
            .into_par_iter()
            .map(|p| {
                self.tera
                    .render(p.template, &p.context)
                    .map(|html| (p.path, html))
                    .map_err(|e| self.error(e))
            })
            .collect()
    }
}
