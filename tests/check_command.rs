//! `dossier check`, one test per kind of finding: each breaks a fixture site in one way and
//! reads the `file:line:col: severity: message` line the command prints for it.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;

use common::Site;

struct Run {
    ok: bool,
    lines: Vec<String>,
}

impl Run {
    /// The one finding line for `file`, split into its parts.
    fn finding(&self, file: &str) -> (usize, usize, String, String) {
        let hits: Vec<&String> = self
            .lines
            .iter()
            .filter(|l| l.starts_with(&format!("{file}:")))
            .collect();
        assert_eq!(hits.len(), 1, "one finding for {file} in {:#?}", self.lines);
        let rest = &hits[0][file.len() + 1..];
        let mut parts = rest.splitn(4, ": ");
        let place = parts.next().expect("line:col");
        let (line, col) = place.split_once(':').expect("line:col");
        let severity = parts.next().expect("severity").to_string();
        let message = parts.collect::<Vec<_>>().join(": ");
        (
            line.parse().expect("line number"),
            col.parse().expect("column number"),
            severity,
            message,
        )
    }
}

fn check(site: &Site, extra: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .args(extra)
        .current_dir(site.root())
        .output()
        .expect("run dossier check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Findings name files relative to the root given; strip it so tests read site paths.
    let root = format!("{}/", site.root().display());
    Run {
        ok: out.status.success(),
        lines: stdout.lines().map(|l| l.replace(&root, "")).collect(),
    }
}

fn edit(site: &Site, rel: &str, f: impl FnOnce(String) -> String) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, f(text)).expect("write");
}

fn line_of(site: &Site, rel: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(site.root().join(rel)).expect("read");
    let at = text.find(needle).expect("needle in file");
    text[..at].matches('\n').count() + 1
}

const ALPHA: &str = "content/articles/alpha-summit.md";

#[test]
fn a_clean_site_passes_and_nothing_is_written() {
    let site = Site::fixture();
    let run = check(&site, &[]);
    assert!(run.ok, "{:#?}", run.lines);
    assert_eq!(
        run.lines.last().map(String::as_str),
        Some("0 errors, 0 warnings")
    );
    assert!(!site.out().exists());
    assert!(!site.root().join(".public.staging").exists());
}

#[test]
fn config_errors_name_site_yaml_and_the_key() {
    let site = Site::fixture();
    edit(&site, "site.yaml", |t| format!("{t}colour: red\n"));
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, _, severity, message) = run.finding("site.yaml");
    assert_eq!(line, line_of(&site, "site.yaml", "colour"));
    assert_eq!(severity, "error");
    assert!(message.contains("colour"), "{message}");
}

#[test]
fn strings_errors_name_strings_yaml_and_the_key() {
    let site = Site::fixture();
    let theme = std::fs::read_to_string(site.root().join("themes/default/strings.yaml"))
        .expect("the theme's strings.yaml");
    site.write(
        "strings.yaml",
        &theme.replacen("  former:", "  formerly:", 1),
    );
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, _, severity, message) = run.finding("strings.yaml");
    assert_eq!(line, line_of(&site, "strings.yaml", "  formerly:"));
    assert_eq!(severity, "error");
    assert!(message.contains("unknown field `formerly`"), "{message}");
}

#[test]
fn front_matter_errors_name_the_line_and_field() {
    let site = Site::fixture();
    edit(&site, ALPHA, |t| {
        t.replace("date: 2021-03-04", "date: 4 March")
    });
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, col, severity, message) = run.finding(ALPHA);
    assert_eq!((line, col), (line_of(&site, ALPHA, "date:"), 1));
    assert_eq!(severity, "error");
    assert!(message.ends_with("(date)"), "{message}");
}

#[test]
fn data_file_errors_name_the_repeated_entry() {
    let site = Site::fixture();
    let rel = "content/data/states.yaml";
    let text = std::fs::read_to_string(site.root().join(rel)).expect("read");
    let first_entry: String = text
        .split("\n- slug:")
        .next()
        .expect("first entry")
        .to_string();
    std::fs::write(site.root().join(rel), format!("{text}\n{first_entry}\n")).expect("write");
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, _, severity, message) = run.finding(rel);
    assert!(line > text.lines().count(), "at the repeat, line {line}");
    assert_eq!(severity, "error");
    assert!(message.contains("russia"), "{message}");
}

#[test]
fn template_errors_name_the_template_line_and_column() {
    let site = Site::fixture();
    let rel = "themes/default/templates/base.html";
    edit(&site, rel, |t| t.replace("</footer>", "{% if %}</footer>"));
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, col, severity, message) = run.finding(rel);
    assert_eq!(line, line_of(&site, rel, "{% if %}"));
    assert!(col > 1);
    assert_eq!(severity, "error");
    assert!(message.starts_with("template:"), "{message}");
}

#[test]
fn unknown_states_and_people_are_errors_at_their_key() {
    let site = Site::fixture();
    edit(&site, ALPHA, |t| {
        t.replace("states: [russia, armenia]", "states: [russia, atlantis]")
    });
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, _, _, message) = run.finding(ALPHA);
    assert_eq!(line, line_of(&site, ALPHA, "states:"));
    assert!(message.contains("atlantis"));

    let site = Site::fixture();
    edit(&site, ALPHA, |t| {
        t.replace("tags: [summits]", "tags: [summits]\npeople: [nobody-known]")
    });
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, _, _, message) = run.finding(ALPHA);
    assert_eq!(line, line_of(&site, ALPHA, "people:"));
    assert!(message.contains("nobody-known"));
}

#[test]
fn a_duplicate_slug_is_reported_at_the_second_entry() {
    let site = Site::fixture();
    let copy = "content/articles/zeta-copy.md";
    let text = std::fs::read_to_string(site.root().join(ALPHA)).expect("read");
    std::fs::write(
        site.root().join(copy),
        text.replace("---\ntitle:", "---\nslug: alpha-summit\ntitle:"),
    )
    .expect("write");
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, _, _, message) = run.finding(copy);
    assert_eq!(line, 2);
    assert!(message.contains("alpha-summit"), "{message}");
}

#[test]
fn a_body_link_to_no_page_is_an_error_at_the_link() {
    let site = Site::fixture();
    edit(&site, ALPHA, |t| {
        format!("{t}\nانظر [الخبر السابق](../no-such-article/) أيضاً.\n")
    });
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (line, col, severity, message) = run.finding(ALPHA);
    assert_eq!(line, line_of(&site, ALPHA, "../no-such-article/"));
    let text = std::fs::read_to_string(site.root().join(ALPHA)).expect("read");
    let line_text = text.lines().nth(line - 1).expect("line");
    let expected_col = line_text[..line_text.find("../no-such").expect("link")]
        .chars()
        .count()
        + 1;
    assert_eq!(col, expected_col);
    assert_eq!(severity, "error");
    assert!(message.contains("no page"), "{message}");
}

#[test]
fn links_to_real_pages_and_anchors_pass_and_a_missing_anchor_fails() {
    let site = Site::fixture();
    edit(&site, ALPHA, |t| {
        format!("{t}\nانظر [المناورات](../beta-exercise/#p1) و[روسيا](/states/russia/) و[الجدول](#جدول-الأعمال).\n")
    });
    let run = check(&site, &[]);
    assert!(run.ok, "{:#?}", run.lines);

    edit(&site, ALPHA, |t| t.replace("#p1)", "#p999)"));
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (_, _, _, message) = run.finding(ALPHA);
    assert!(message.contains("p999"), "{message}");
}

#[test]
fn a_link_above_the_base_path_is_an_error() {
    let site = Site::fixture();
    edit(&site, "site.yaml", |t| {
        t.replace(
            "base_url: https://example.org/",
            "base_url: https://example.org/csto-dossier/",
        )
    });
    edit(&site, ALPHA, |t| {
        format!("{t}\n[خارج الموقع](/elsewhere/page/)\n")
    });
    let run = check(&site, &[]);
    assert!(!run.ok);
    let (_, _, _, message) = run.finding(ALPHA);
    assert!(message.contains("outside"), "{message}");
}

#[test]
fn an_article_without_a_date_is_a_warning_and_not_a_failure() {
    let site = Site::fixture();
    edit(&site, ALPHA, |t| t.replace("date: 2021-03-04\n", ""));
    let run = check(&site, &[]);
    assert!(run.ok, "warnings do not fail: {:#?}", run.lines);
    let (_, _, severity, message) = run.finding(ALPHA);
    assert_eq!(severity, "warning");
    assert!(message.contains("date"), "{message}");
    assert_eq!(
        run.lines.last().map(String::as_str),
        Some("0 errors, 1 warning")
    );
}

/// A loopback server answering `/ok` with 200 and anything else with 404, `n` times.
fn link_server(n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n).flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]);
            let status = if head.split_whitespace().nth(1) == Some("/ok") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    format!("http://{addr}")
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let site = Site::fixture();
    let server = link_server(16);
    edit(&site, ALPHA, |t| {
        format!("{t}\n[حي]({server}/ok) و[ميت]({server}/gone)\n")
    });
    let quiet = check(&site, &[]);
    assert!(quiet.ok, "off by default: {:#?}", quiet.lines);
    assert!(!quiet.lines.iter().any(|l| l.contains("external")));

    let run = check(&site, &["--external", "--timeout", "5"]);
    assert!(!run.ok);
    let (line, _, severity, message) = run.finding(ALPHA);
    assert_eq!(line, line_of(&site, ALPHA, "/gone"));
    assert_eq!(severity, "error");
    assert!(message.contains("404"), "{message}");
    assert!(run
        .lines
        .iter()
        .any(|l| l == "external links: 2 checked, 1 ok, 1 broken, 0 unreachable"));
}

#[test]
fn a_derived_title_is_a_warning_at_its_line() {
    let site = Site::fixture();
    edit(&site, ALPHA, |t| {
        t.replace(
            "date: 2021-03-04\n",
            "date: 2021-03-04\ntitle_derived: true\n",
        )
    });
    let run = check(&site, &[]);
    assert!(run.ok, "{:#?}", run.lines);
    let (line, _, severity, message) = run.finding(ALPHA);
    assert_eq!(severity, "warning");
    assert_eq!(line, line_of(&site, ALPHA, "title:"));
    assert!(message.contains("derived"), "{message}");
}

#[test]
fn an_event_whose_year_is_assumed_after_the_article_is_a_warning() {
    let site = Site::fixture();
    let sentence = "وسيبحث الوفدان الملف في 20 ديسمبر في العاصمة.";
    edit(&site, ALPHA, |t| format!("{t}\n{sentence}\n"));
    let run = check(&site, &[]);
    let (line, _, severity, message) = run.finding(ALPHA);
    assert_eq!(severity, "warning");
    assert_eq!(line, line_of(&site, ALPHA, sentence));
    assert!(message.contains("2021-12-20"), "{message}");
    // Saying it is to come settles it.
    edit(&site, ALPHA, |t| {
        t.replace(sentence, "وسيبحث الوفدان الملف في 20 ديسمبر المقبل.")
    });
    let run = check(&site, &[]);
    assert_eq!(
        run.lines.last().map(String::as_str),
        Some("0 errors, 0 warnings"),
        "{:#?}",
        run.lines
    );
}

#[test]
fn a_title_cut_with_an_ellipsis_is_a_warning_at_its_line() {
    let site = Site::fixture();
    edit(&site, ALPHA, |t| {
        t.replace(
            "title: قمة تجريبية في عاصمة خيالية\n",
            "title: قمة تجريبية في عاصمة خيالية، يشارك فيها ممثلو…\n",
        )
    });
    let run = check(&site, &[]);
    assert!(run.ok, "{:#?}", run.lines);
    let (line, _, severity, message) = run.finding(ALPHA);
    assert_eq!(severity, "warning");
    assert_eq!(line, line_of(&site, ALPHA, "title:"));
    assert!(
        message.contains("«قمة تجريبية في عاصمة خيالية»"),
        "{message}"
    );
}
