//! No file the build reads is followed through a symbolic link: for every kind of source (the
//! configuration, the words of strings.yaml, the introduction, an entry, a data file, a
//! template, a static file, a linked folder) a link to a file outside the site fails the build
//! with an error naming the link, the previous output stays byte-identical, and the outside
//! file is published nowhere.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;

use common::output_tree::tree;
use common::Site;

const SECRET: &str = "SECRET-OUTSIDE-THE-SITE";

/// Replace `rel` in the site by a link to `target`, keeping `target` as the file's content
/// when it is a file of the site's kind (so only the link, not the content, is at fault).
fn link_in(site: &Site, rel: &str, target: &std::path::Path) {
    let at = site.root().join(rel);
    if let Some(parent) = at.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    if at.is_dir() {
        std::fs::remove_dir_all(&at).expect("remove folder");
    } else if at.exists() {
        std::fs::remove_file(&at).expect("remove file");
    }
    symlink(target, &at).expect("symlink");
}

#[test]
fn a_link_where_the_build_reads_a_file_fails_the_build_and_names_it() {
    for rel in [
        "site.yaml",
        "strings.yaml",
        "content/intro.md",
        "content/articles/alpha-summit.md",
        "content/articles/linked.md",
        "content/data/states.yaml",
        "themes/default/strings.yaml",
        "themes/default/templates/base.html",
        "themes/default/templates/partials",
        "themes/default/static/css/components.css",
        "static/leak.txt",
        "content/articles",
        "themes/default",
    ] {
        let site = Site::fixture();
        site.build().expect("the fixture builds");
        let before = tree(&site.out());
        let outside = tempfile::tempdir().expect("temp dir");
        let from = site.root().join(rel);
        let target = outside.path().join("target");
        if from.is_dir() {
            // A linked folder: the same files, moved out of the site.
            std::fs::rename(&from, &target).expect("move folder out");
            std::fs::write(
                target.join("secret.md"),
                format!("---\ntitle: {SECRET}\n---\n{SECRET}\n"),
            )
            .expect("write");
        } else if from.is_file() {
            let mut text = std::fs::read_to_string(&from).expect("read");
            text.push_str(&format!("\n# {SECRET}\n"));
            std::fs::write(&target, text).expect("write");
        } else {
            std::fs::write(&target, format!("---\ntitle: {SECRET}\n---\n{SECRET}\n"))
                .expect("write");
        }
        link_in(&site, rel, &target);

        let err = site
            .build()
            .expect_err(&format!("{rel}: a linked source must fail"))
            .to_string();
        let shown = rel.trim_end_matches('/');
        assert!(
            err.contains(&format!("{shown}: is a symbolic link")),
            "{rel}: {err}"
        );
        assert_eq!(
            tree(&site.out()),
            before,
            "{rel}: the previous output changed"
        );
        assert!(
            tree(&site.out())
                .values()
                .all(|b| !String::from_utf8_lossy(b).contains(SECRET)),
            "{rel}: the outside file was published"
        );
        let check = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["check", "--root"])
            .arg(site.root())
            .output()
            .expect("run check");
        assert!(
            !check.status.success(),
            "{rel}: check passed a linked source"
        );
    }
}
