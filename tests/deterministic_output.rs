//! Two builds of the same input are byte-identical.

mod common;
use common::*;

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::fixture();
    let other = tempfile::tempdir().expect("temp dir");
    let out2 = other.path().join("public");
    site.build().expect("first build");
    site.build_with(|o| o.output = Some(out2.clone()))
        .expect("second build");
    let a = files(&site.out());
    let b = files(&out2);
    assert_eq!(a, b);
    assert!(a.len() > 15);
    for f in &a {
        let x = std::fs::read(site.out().join(f)).expect("read");
        let y = std::fs::read(out2.join(f)).expect("read");
        assert!(x == y, "{f} differs between builds");
    }
}
