//! Writes a synthetic dossier of N Arabic articles for benchmarks:
//! `cargo run --release --example gen_corpus -- N OUT_DIR [SEED]`.
//!
//! Bodies are built from the sentences of the committed articles (content/articles), with
//! the years and days in them redrawn so that each article reports its own events; each has
//! 300–1,500 words, headings, a dated list, a quote, 1–4 states and 1–3 topics in valid front
//! matter. The same N and seed give the same bytes. OUT_DIR receives site.yaml, content/
//! (data files copied from this repository) and themes/.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// xorshift64*: small, seeded, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const STATES: [(&str, &str); 9] = [
    ("russia", "روسيا"),
    ("armenia", "أرمينيا"),
    ("belarus", "بيلاروسيا"),
    ("kazakhstan", "كازاخستان"),
    ("kyrgyzstan", "قرغيزستان"),
    ("tajikistan", "طاجيكستان"),
    ("uzbekistan", "أوزبكستان"),
    ("azerbaijan", "أذربيجان"),
    ("georgia", "جورجيا"),
];
const TOPICS: [&str; 8] = [
    "afghanistan",
    "peacekeeping",
    "exercises",
    "nato",
    "summits",
    "presidency",
    "terrorism",
    "membership",
];
const MONTHS: [&str; 12] = [
    "يناير/كانون الثاني",
    "فبراير/شباط",
    "مارس/آذار",
    "أبريل/نيسان",
    "مايو/أيار",
    "يونيو/حزيران",
    "يوليو/تموز",
    "أغسطس/آب",
    "سبتمبر/أيلول",
    "أكتوبر/تشرين الأول",
    "نوفمبر/تشرين الثاني",
    "ديسمبر/كانون الأول",
];
const HEADINGS: [&str; 6] = [
    "خلفية القرار",
    "مواقف الدول الأعضاء",
    "ردود الفعل",
    "ما الذي يأتي بعد ذلك",
    "أرقام ووقائع",
    "السياق الإقليمي",
];

/// Longest body, in words.
const MAX_WORDS: usize = 1500;

/// Words as a reader counts them: Markdown markers (#, -, >, ـ) are not words.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn sentences(repo: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let dir = repo.join("content/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let body = text.split("\n---\n").nth(1).unwrap_or("");
        for line in body.lines() {
            let line = line.trim().trim_start_matches(['-', ' ', '#']);
            for s in line.split_inclusive(['.', '؟']) {
                let s = s.trim();
                if s.split_whitespace().count() >= 6 {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

/// Dates are drawn from 1992 to 2026, the year the corpus format was fixed (a constant rather
/// than the clock, so the same N gives the same bytes in any year).
const FIRST_YEAR: usize = 1992;
const YEARS: usize = 35;

/// Redraw every 4-digit year and 1–2 digit day in a sentence, so dates spread 1992–today.
fn redate(s: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            match i - start {
                4 => {
                    let _ = write!(out, "{}", FIRST_YEAR + rng.below(YEARS));
                }
                1 | 2 => {
                    let _ = write!(out, "{}", 1 + rng.below(28));
                }
                _ => out.extend(&chars[start..i]),
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen_corpus N OUT_DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1992u64);
    generate(n, &PathBuf::from(out), seed);
}

/// Write `n` articles and what they build with into `out` (tests use it too).
pub fn generate(n: usize, out: &Path, seed: u64) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pool = sentences(&repo);
    if pool.is_empty() {
        eprintln!("no sentences found under content/articles");
        std::process::exit(1);
    }
    let articles = out.join("content/articles");
    if let Err(e) = std::fs::create_dir_all(&articles) {
        eprintln!("{}: {e}", articles.display());
        std::process::exit(1);
    }
    copy_site(&repo, out);
    let mut rng = Rng(seed.max(1));
    for i in 0..n {
        let year = FIRST_YEAR + rng.below(YEARS);
        let (mut month, day) = (1 + rng.below(12), 1 + rng.below(28));
        if year == FIRST_YEAR + YEARS - 1 {
            // Publication dates stay in the past: 2026's articles end in November.
            month = month.min(11);
        }
        let n_states = rng.range(1, 4);
        let mut states: Vec<(&str, &str)> = Vec::new();
        while states.len() < n_states {
            let s = STATES[rng.below(STATES.len())];
            if !states.contains(&s) {
                states.push(s);
            }
        }
        let n_topics = rng.range(1, 3);
        let mut topics: Vec<&str> = Vec::new();
        while topics.len() < n_topics {
            let t = TOPICS[rng.below(TOPICS.len())];
            if !topics.contains(&t) {
                topics.push(t);
            }
        }
        let target_words = rng.range(300, MAX_WORDS);
        let opening = format!(
            "أعلنت {} اليوم {} {} {} موقفها من منظمة معاهدة الأمن الجماعي.\n\n",
            states[0].1,
            day,
            MONTHS[month - 1],
            year
        );
        let mut words = word_count(&opening);
        let mut body = opening;
        let mut para = 0;
        // Blocks are added until the target is reached; one that would pass MAX_WORDS ends
        // the article instead, so every body stays within 300..=MAX_WORDS words.
        while words < target_words {
            para += 1;
            let mut block = String::new();
            if para % 5 == 0 {
                let _ = writeln!(block, "## {}\n", HEADINGS[rng.below(HEADINGS.len())]);
            }
            if para % 7 == 0 {
                for _ in 0..3 {
                    let _ = writeln!(
                        block,
                        "- ـ {} {} {}: {}",
                        1 + rng.below(28),
                        MONTHS[rng.below(12)],
                        FIRST_YEAR + rng.below(YEARS),
                        redate(&pool[rng.below(pool.len())], &mut rng)
                    );
                }
                block.push('\n');
            }
            if para % 9 == 0 {
                let q = redate(&pool[rng.below(pool.len())], &mut rng);
                let _ = writeln!(block, "> «{q}»\n");
            }
            let mut p = String::new();
            for _ in 0..rng.range(2, 4) {
                let s = redate(&pool[rng.below(pool.len())], &mut rng);
                p.push_str(&s);
                p.push(' ');
            }
            let st = states[rng.below(states.len())].1;
            let _ = writeln!(block, "{}وأكدت {st} التزامها.\n", p);
            let n = word_count(&block);
            if words + n > MAX_WORDS {
                break;
            }
            words += n;
            body.push_str(&block);
        }
        let slug = format!("synthetic-{i:06}");
        let mut fm = String::from("---\n");
        let _ = writeln!(fm, "title: \"مقالة تجريبية رقم {i} عن {}\"", states[0].1);
        let _ = writeln!(fm, "date: {year:04}-{month:02}-{day:02}");
        let _ = writeln!(fm, "source: ملف الاختبار");
        let _ = writeln!(
            fm,
            "states: [{}]",
            states.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
        );
        let _ = writeln!(fm, "tags: [{}]", topics.join(", "));
        fm.push_str("---\n");
        if let Err(e) = std::fs::write(articles.join(format!("{slug}.md")), fm + &body) {
            eprintln!("{slug}: {e}");
            std::process::exit(1);
        }
    }
    println!("wrote {n} articles to {}", articles.display());
}

/// site.yaml, content/data and themes/ from this repository, so OUT_DIR builds on its own.
fn copy_site(repo: &Path, out: &Path) {
    let copy = |from: &Path, to: &Path| {
        for e in walkdir::WalkDir::new(from)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = e.path().strip_prefix(from).unwrap_or(e.path());
            let target = to.join(rel);
            let result = if e.file_type().is_dir() {
                std::fs::create_dir_all(&target)
            } else {
                std::fs::copy(e.path(), &target).map(|_| ())
            };
            if let Err(err) = result {
                eprintln!("{}: {err}", target.display());
                std::process::exit(1);
            }
        }
    };
    copy(&repo.join("content/data"), &out.join("content/data"));
    copy(&repo.join("themes"), &out.join("themes"));
    if let Err(e) = std::fs::copy(repo.join("site.yaml"), out.join("site.yaml")) {
        eprintln!("site.yaml: {e}");
        std::process::exit(1);
    }
}
