//! content/data/people.yaml against the real pastes of ../shared/corpus/dev: every person
//! an answer key (`expected/*.yaml`, `people:`) says a paste names is a person mention, and
//! people.yaml covers one when the people enricher finds that person in the paste's article
//! (its headline and body as the importer reads them). At least 90 % must be covered.
//! Without ../shared/corpus the test is skipped, except under CI=true, where it fails (as
//! scripts/score-corpus does); `SHARED_CORPUS=DIR` names another corpus folder (a checkout
//! beside which ../shared is not, such as a git worktree).

mod common;
use common::*;

use std::fs;

use dossier::data::Gazetteers;
use dossier::enrich::people;
use dossier::import::paste::parse_paste;

/// The share of key mentions people.yaml must cover.
const FLOOR: f64 = 0.90;

#[derive(serde::Deserialize)]
struct Key {
    #[serde(default)]
    people: Vec<String>,
}

#[test]
fn people_yaml_covers_the_people_the_dev_corpus_names() {
    let corpus = std::env::var_os("SHARED_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/corpus"));
    let dir = corpus.join("dev");
    let Ok(entries) = fs::read_dir(dir.join("expected")) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} is missing under CI",
            dir.display()
        );
        println!("note: {} not found, coverage test skipped", dir.display());
        return;
    };
    let data = Gazetteers::load(&repo()).expect("content/data loads");
    let matcher = people::matcher(&data.people);
    let mut keys: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    keys.sort();
    let (mut mentions, mut covered) = (0usize, 0usize);
    let mut missed = Vec::new();
    for key_path in &keys {
        let stem = key_path.file_stem().expect("a file name").to_string_lossy();
        let key: Key = serde_yaml::from_str(&fs::read_to_string(key_path).expect("readable key"))
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let raw = fs::read_to_string(dir.join("raw").join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("{stem}.txt: {e}"));
        // The first line `# source: URL` is not part of the paste (as the scorer drops it).
        let raw = match raw.strip_prefix("# source:") {
            Some(rest) => rest.split_once('\n').map_or("", |(_, r)| r).to_string(),
            None => raw,
        };
        let paste = parse_paste(&raw, &dossier::import::PasteDates)
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let title = paste.title.unwrap_or_default();
        let found = people::find_with(&matcher, &data.people, &title, &paste.body_markdown);
        for slug in &key.people {
            mentions += 1;
            if found.contains(slug) {
                covered += 1;
            } else {
                missed.push(format!("{stem}: {slug}"));
            }
        }
    }
    let share = covered as f64 / mentions.max(1) as f64;
    println!(
        "people.yaml covers {covered}/{mentions} person mentions of the dev keys ({:.1} %); missed: {missed:?}",
        share * 100.0
    );
    assert!(mentions > 0, "the keys name no people");
    assert!(
        share >= FLOOR,
        "people.yaml covers {covered}/{mentions} person mentions ({:.1} %), under {:.0} %; missed: {missed:?}",
        share * 100.0,
        FLOOR * 100.0
    );
}
