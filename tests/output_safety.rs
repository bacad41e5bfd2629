//! Build never replaces a folder it did not write, and a failed build leaves the last site.

mod common;
use common::*;

#[test]
fn refuses_a_non_empty_folder_without_the_marker() {
    let site = Site::fixture();
    let err = site
        .build_with(|o| o.output = Some(site.root().join("content")))
        .expect_err("content/ must not be replaced")
        .to_string();
    assert!(err.contains("refusing to replace"), "{err}");
    assert!(site
        .root()
        .join("content/articles/alpha-summit.md")
        .is_file());

    let err = site
        .build_with(|o| o.output = Some(site.root().to_path_buf()))
        .expect_err("--output . must not wipe the site")
        .to_string();
    assert!(err.contains("refusing to replace"), "{err}");
    assert!(site.root().join("site.yaml").is_file());
}

#[test]
fn replaces_its_own_previous_output_and_an_empty_folder() {
    let site = Site::fixture();
    std::fs::create_dir_all(site.out()).expect("mkdir");
    site.build().expect("empty folder is fine");
    std::fs::write(site.out().join("stale.html"), "old").expect("write");
    site.build().expect("own output is replaced");
    assert!(
        !site.out().join("stale.html").exists(),
        "stale file survived the swap"
    );
    assert!(site.out().join(".dossier-output").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("read root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.ends_with(".old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
