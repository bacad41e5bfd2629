//! A rendered page as it is written, and the build's page sink: the staging folder.

use crate::error::BuildError;
use crate::render::fragments::Fragments;
use crate::render::{Page, PageSink};

use super::Staging;

/// What turns a page's HTML into the bytes written: minifying when the site asks for it, and
/// the shared fragments put in place of their markers.
#[derive(Clone, Copy)]
pub struct Finish<'a> {
    pub minify: bool,
    pub fragments: &'a Fragments,
}

impl Finish<'_> {
    pub fn bytes(&self, html: Vec<u8>) -> Result<Vec<u8>, BuildError> {
        let page = if self.minify {
            crate::text::minify::html_bytes(&html)
        } else {
            html
        };
        self.fragments
            .splice(page)
            .map_err(|e| BuildError::io(&std::env::temp_dir(), e))
    }
}

/// The build's sink: each page is written into the staging folder as soon as it is rendered.
pub struct Staged<'a> {
    pub staging: &'a Staging,
    pub finish: Finish<'a>,
}

impl PageSink for Staged<'_> {
    fn rendered(&self, page: Page, html: Vec<u8>) -> Result<(), BuildError> {
        let Page { path, context, .. } = page;
        // The context is done with before the page is minified, which is the slow part.
        drop(context);
        self.staging.write(&path, &self.finish.bytes(html)?)
    }
}
