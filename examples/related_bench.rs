//! Times the `related` enricher alone on the articles of a built site:
//! `cargo run --release --example related_bench -- PUBLIC/data/articles.json [ROUNDS]`.
//!
//! Reads each article's slug, date, states, people and topics from `data/articles.json`,
//! fills the related lists again, prints the median wall time of ROUNDS runs (default 3),
//! and counts the articles whose list differs from the one the build wrote.

use std::time::Instant;

use dossier::content::Article;
use serde::Deserialize;

#[derive(Deserialize)]
struct Listed {
    slug: String,
    date: Option<String>,
    #[serde(default)]
    states: Vec<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: related_bench ARTICLES_JSON [ROUNDS]")?;
    let rounds: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let listed: Vec<Listed> = serde_json::from_slice(&std::fs::read(&path)?)?;
    let articles: Vec<Article> = listed
        .iter()
        .map(|l| Article {
            slug: l.slug.clone(),
            date: l.date.clone(),
            states: l.states.clone(),
            people: l.people.clone(),
            tags: l.tags.clone(),
            ..Article::default()
        })
        .collect();
    let mut times = Vec::new();
    let mut differ = 0;
    for _ in 0..rounds.max(1) {
        let mut v = articles.clone();
        let start = Instant::now();
        dossier::enrich::related::run(&mut v);
        times.push(start.elapsed().as_secs_f64());
        differ = v
            .iter()
            .zip(&listed)
            .filter(|(a, l)| a.related != l.related)
            .count();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} articles: median {:.3} s of {:?}; {} lists differ from {path}",
        articles.len(),
        times[times.len() / 2],
        times,
        differ
    );
    Ok(())
}
