//! Where rendered pages go. [`render`] walks a [`Plan`] in parallel and hands each page to a
//! [`PageSink`]: the build's staging folder, `serve`'s write-what-changed memo, or `check`'s
//! collector of element ids. The walk is the same for all three, so a page is rendered the
//! same way whichever command asks for it.

use rayon::prelude::*;

use super::{Page, Plan, Spec, Theme};
use crate::error::BuildError;

pub trait PageSink: Sync {
    /// Whether the page must be rendered; `serve` keeps a page whose template and context
    /// are those it last wrote.
    fn wants(&self, _page: &Page) -> bool {
        true
    }

    /// A rendered page, as the UTF-8 bytes Tera wrote; its context is the sink's to keep or
    /// drop.
    fn rendered(&self, page: Page, html: Vec<u8>) -> Result<(), BuildError>;

    /// A page [`PageSink::wants`] left as it was.
    fn kept(&self, _page: Page) {}

    /// A page whose template failed. The error ends the walk unless the sink takes it
    /// (`check` reports every page that fails, not the first).
    fn failed(&self, _page: &Page, error: BuildError) -> Result<(), BuildError> {
        Err(error)
    }
}

/// Render every page of `plan` into `sink`, in parallel, building each page's context only
/// when its turn comes, so memory holds the pages in flight rather than the whole site.
/// Returns the number of pages.
pub fn render(theme: &Theme, plan: &Plan<'_>, sink: &dyn PageSink) -> Result<usize, BuildError> {
    // The long pages (the chronology, then the topic, state and year lists) go first, so the
    // short article pages fill in around them and no worker is left with a long page at the
    // end while the other waits.
    let mut order = plan.specs();
    order.sort_by_key(|s| match s {
        Spec::Chronology { .. } => 0,
        Spec::Tag(..) => 1,
        Spec::State(..) | Spec::Year(..) | Spec::Articles(_) => 2,
        _ => 3,
    });
    order.par_iter().try_for_each(|&spec| {
        let page = plan.page(spec);
        if let Some(e) = plan.failure() {
            return Err(e);
        }
        if !sink.wants(&page) {
            sink.kept(page);
            return Ok(());
        }
        // Into bytes, not a String: every sink writes or scans bytes, and Tera's `render`
        // would check the whole page for UTF-8 on the way.
        let mut html = Vec::new();
        match theme
            .tera
            .render_to(page.template, &page.context, &mut html)
        {
            Ok(()) => sink.rendered(page, html),
            Err(e) => sink.failed(&page, theme.render_error(page.template, &page.context, e)),
        }
    })?;
    Ok(order.len())
}
