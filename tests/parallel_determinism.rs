//! A parallel build writes exactly what a single-threaded one writes: the `dossier` binary is
//! run with `RAYON_NUM_THREADS=1` and with several threads over a corpus of ~50 articles
//! assembled from the repository's own, and every output file is compared byte for byte.

mod common;
use common::*;

use std::path::Path;
use std::process::Command;

const ARTICLES: usize = 48;
const STATES: [&str; 6] = [
    "russia",
    "armenia",
    "belarus",
    "kazakhstan",
    "kyrgyzstan",
    "tajikistan",
];

/// Paragraphs of the committed articles' bodies, in file order.
fn paragraphs() -> Vec<String> {
    let dir = repo().join("content/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("content/articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("article text");
        let body = text.split("\n---\n").nth(1).unwrap_or_default();
        out.extend(
            body.split("\n\n")
                .map(str::trim)
                .filter(|p| p.split_whitespace().count() >= 8)
                .map(str::to_string),
        );
    }
    out
}

/// A site with the repository's data and theme and `ARTICLES` articles that mix the
/// committed paragraphs, so enrichers, the chronology and related lists all have work.
fn corpus(root: &Path) {
    for sub in ["themes", "content/data"] {
        let from = repo().join(sub);
        for e in walkdir::WalkDir::new(&from)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = e.path().strip_prefix(&from).expect("under folder");
            let to = root.join(sub).join(rel);
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("create dir");
            } else {
                std::fs::copy(e.path(), &to).expect("copy");
            }
        }
    }
    std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
    let pool = paragraphs();
    assert!(pool.len() > 10, "too few paragraphs to mix: {}", pool.len());
    let articles = root.join("content/articles");
    std::fs::create_dir_all(&articles).expect("articles dir");
    for i in 0..ARTICLES {
        let states: Vec<&str> = (0..1 + i % 3)
            .map(|k| STATES[(i + k * 2) % STATES.len()])
            .collect();
        let body: Vec<&str> = (0..6)
            .map(|k| pool[(i * 7 + k * 5) % pool.len()].as_str())
            .collect();
        let text = format!(
            "---\ntitle: \"مقالة رقم {i}\"\ndate: {}-{:02}-{:02}\nstates: [{}]\n---\n{}\n",
            1993 + i % 30,
            1 + i % 12,
            1 + i % 28,
            states.join(", "),
            body.join("\n\n")
        );
        std::fs::write(articles.join(format!("mix-{i:03}.md")), text).expect("write article");
    }
}

fn build(root: &Path, out: &Path, threads: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run dossier");
    assert!(
        status.status.success(),
        "build with {threads} thread(s) failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn one_thread_and_many_write_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    corpus(&root);
    let serial = dir.path().join("serial");
    let parallel = dir.path().join("parallel");
    build(&root, &serial, "1");
    build(&root, &parallel, "4");

    let a = files(&serial);
    let b = files(&parallel);
    assert_eq!(a, b, "the two builds wrote different files");
    let article_pages = a
        .iter()
        .filter(|f| f.starts_with("articles/") && f.ends_with("/index.html"))
        .filter(|f| !f.starts_with("articles/page/") && f.matches('/').count() == 2)
        .count();
    assert_eq!(article_pages, ARTICLES);
    for f in &a {
        let x = std::fs::read(serial.join(f)).expect("read serial");
        let y = std::fs::read(parallel.join(f)).expect("read parallel");
        assert!(x == y, "{f} differs between 1 and 4 threads");
    }
    // The comparison is only worth something if the corpus gave the parallel parts work.
    let json = |name: &str| -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(serial.join(name)).expect("data file");
        serde_json::from_str(&text).expect("valid JSON")
    };
    let events = json("data/events.json");
    assert!(events.len() > ARTICLES, "only {} events", events.len());
    let with_related = json("data/articles.json")
        .iter()
        .filter(|a| a["related"].as_array().is_some_and(|r| !r.is_empty()))
        .count();
    assert!(
        with_related > ARTICLES / 2,
        "{with_related} articles list related ones"
    );
}
