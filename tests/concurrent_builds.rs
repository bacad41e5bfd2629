//! One writer per output at a time: a second `build`, a `build` beside a running `serve`, a
//! `serve` beside a build are refused with the lock file and the output named, and the site
//! that was there stays byte-identical; builds that race leave one whole build, never a mix.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::output_tree::tree;
use common::server::{get, start};
use common::Site;

const REFUSED: &str = "another dossier build or serve is writing";

fn dossier(args: &[&str], root: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.args(args)
        .arg("--root")
        .arg(root)
        .env("SOURCE_DATE_EPOCH", "1700000000");
    c
}

fn run(mut c: Command) -> Output {
    c.output().expect("run dossier")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Run a second build of `site`, which must be refused naming the lock and the holder.
fn assert_second_build_refused(site: &Site, holder: u32) {
    let refused = run(dossier(
        &["build", "--base-url", "https://b.example/x/"],
        site.root(),
    ));
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(err.contains(REFUSED), "{err}");
    assert!(err.contains(".public.lock"), "{err}");
    assert!(err.contains(&format!("pid {holder}")), "{err}");
}

/// The fixture with enough articles that a build takes long enough for another to start.
fn larger_site() -> Site {
    let site = Site::fixture();
    let text = std::fs::read_to_string(site.root().join("content/articles/alpha-summit.md"))
        .expect("fixture article");
    for i in 0..120 {
        site.write(&format!("content/articles/copy-{i:03}.md"), &text);
    }
    site
}

#[test]
fn a_build_is_refused_while_another_holds_the_output() {
    let site = Site::fixture();
    assert!(run(dossier(&["build"], site.root())).status.success());
    let before = tree(&site.out());
    let held = dossier::output::lock::acquire(&site.out()).expect("hold the lock");

    assert_second_build_refused(&site, std::process::id());
    assert_eq!(tree(&site.out()), before, "the previous site changed");

    drop(held);
    let after = run(dossier(
        &["build", "--base-url", "https://b.example/x/"],
        site.root(),
    ));
    assert!(after.status.success(), "{}", stderr(&after));
}

#[test]
fn racing_builds_leave_one_whole_build() {
    let site = larger_site();
    let refs = tempfile::tempdir().expect("temp dir");
    let reference = |base: &str, name: &str| {
        let out = refs.path().join(name);
        let mut c = dossier(&["build", "--base-url", base], site.root());
        c.arg("--output").arg(&out);
        let o = run(c);
        assert!(o.status.success(), "{}", stderr(&o));
        tree(&out)
    };
    let a = reference("https://a.example/", "a");
    let b = reference("https://b.example/x/", "b");
    assert_ne!(a, b);

    let mut refusals = 0;
    for _ in 0..3 {
        let first = dossier(&["build", "--base-url", "https://a.example/"], site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start a build");
        let second = run(dossier(
            &["build", "--base-url", "https://b.example/x/"],
            site.root(),
        ));
        let first = first.wait_with_output().expect("first build ends");
        assert!(
            first.status.success() || second.status.success(),
            "one of two builds must finish"
        );
        for o in [&first, &second] {
            if !o.status.success() {
                assert!(stderr(o).contains(REFUSED), "{}", stderr(o));
                refusals += 1;
            }
        }
        let now = tree(&site.out());
        assert!(now == a || now == b, "the output is neither build whole");
        assert!(!site.root().join(".public.staging").exists());
    }
    // Not asserted above: on a fast machine the first may finish before the second starts.
    eprintln!("{refusals} of 3 second builds refused");
}

#[test]
fn a_build_beside_a_running_serve_is_refused_and_serve_stays_up() {
    let site = Site::fixture();
    let server = start(&site);
    let before = tree(&site.out());

    assert_second_build_refused(&site, server.child.id());
    assert_eq!(tree(&site.out()), before, "the served site changed");
    assert_eq!(get(&server, "").status, 200, "serve went down");
}

#[test]
fn serve_beside_a_build_is_refused_and_the_site_kept() {
    let site = Site::fixture();
    assert!(run(dossier(&["build"], site.root())).status.success());
    let before = tree(&site.out());
    let _held = dossier::output::lock::acquire(&site.out()).expect("hold the lock");

    let refused = run(dossier(&["serve", "--port", "0"], site.root()));
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(err.contains(REFUSED), "{err}");
    assert_eq!(tree(&site.out()), before);
}
