//! The `dossier` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// A build allocates millions of small strings (tokens, stems, template values, the minifier's
// tree) from several threads at once; glibc's malloc spent about a third of the CPU on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// With transparent huge pages the allocator's arenas are backed by 2 MiB pages, so memory
/// a build touched once stays resident a whole huge page at a time: without them a build of
/// 10,000 articles with search peaked at 567 and 578 MiB against 623 and 625, with less
/// system time (`BENCHMARKS.md`).
#[cfg(target_os = "linux")]
fn keep_huge_pages_off() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and reads or writes no memory of ours;
    // should it fail, huge pages simply stay as the system has them.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn keep_huge_pages_off() {}

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Builds the right-to-left Arabic CSTO dossier website"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// Site folder holding site.yaml, content/, themes/ and templates/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder; replaced as a whole when the build succeeds. Default: ROOT/public.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Absolute URL the site is served from, overriding site.yaml's base_url
        /// (e.g. https://user.github.io/repo/).
        #[arg(long)]
        base_url: Option<String>,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Write HTML as rendered, without minifying it.
        #[arg(long)]
        no_minify: bool,
        /// Print how long each step of the build took.
        #[arg(long)]
        timings: bool,
        /// Read and enrich every entry afresh, without ROOT/.dossier-cache/ (which keeps
        /// the enriched entries between builds) and without writing it.
        #[arg(long)]
        no_cache: bool,
    },
    /// Turn raw pasted articles (.txt files, or folders of them) into content/articles/*.md.
    Import {
        /// Site folder holding site.yaml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace entries that were edited by hand, and re-import texts already imported.
        #[arg(long)]
        force: bool,
        /// The encoding of the pastes: utf-8 (default), windows-1256, utf-16, utf-16le, utf-16be.
        #[arg(long, default_value = "utf-8")]
        encoding: dossier::import::read::TextEncoding,
        /// Raw text files or folders of .txt files; `-` reads standard input.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Check everything build checks, and the links in articles, writing nothing.
    /// Prints `file:line:col: severity: message`; exits non-zero on errors.
    Check {
        /// Site folder holding site.yaml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also request every external link (HEAD, then GET), eight at a time.
        #[arg(long)]
        external: bool,
        /// Seconds to wait for one external link.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Build, serve on loopback under the site's base path, rebuild on every save and
    /// reload open pages.
    Serve {
        /// Site folder holding site.yaml, content/, themes/ and templates/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder. Default: ROOT/public.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Only loopback unless given: a preview is not for the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Write HTML as rendered, without minifying it.
        #[arg(long)]
        no_minify: bool,
    },
}

fn main() -> ExitCode {
    keep_huge_pages_off();
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_minify,
            timings,
            no_cache,
        } => build(
            dossier::build::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                no_minify,
                today: None,
                cache: !no_cache,
            },
            timings,
        ),
        Command::Import {
            root,
            force,
            encoding,
            inputs,
        } => import(
            &root,
            &inputs,
            dossier::import::ImportOptions { force, encoding },
        ),
        Command::Check {
            root,
            drafts,
            external,
            timeout,
        } => check(&dossier::check::CheckOptions {
            root,
            drafts,
            external,
            timeout_secs: timeout,
        }),
        Command::Serve {
            root,
            output,
            port,
            bind,
            open,
            drafts,
            no_minify,
        } => serve(dossier::serve::ServeOptions {
            build: dossier::build::BuildOptions {
                root,
                output,
                drafts,
                no_minify,
                ..Default::default()
            },
            bind,
            port,
            open,
        }),
    }
}

fn build(opts: dossier::build::BuildOptions, timings: bool) -> ExitCode {
    let r = match dossier::build::build(&opts) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    for w in &r.warnings {
        eprintln!("warning: {}", w.brief());
    }
    let cached = match r.from_cache {
        Some(n) if n > 0 => format!(
            " ({n} entries from {})",
            dossier::build::disk_cache::CACHE_DIR
        ),
        _ => String::new(),
    };
    println!(
        "built {} pages ({} files) into {} in {} ms{cached}",
        r.pages,
        r.files,
        r.output.display(),
        r.elapsed.as_millis()
    );
    if timings {
        for lap in &r.timings {
            let peak = lap
                .peak_kib
                .map(|k| format!("{:>6} MiB peak", k / 1024))
                .unwrap_or_default();
            let cpu = lap
                .cpu
                .map(|c| format!("{:>9.1} ms cpu", c.as_secs_f64() * 1000.0))
                .unwrap_or_default();
            println!(
                "{:>9.1} ms {cpu:>15} {peak:>15}  {}",
                lap.took.as_secs_f64() * 1000.0,
                lap.name
            );
        }
    }
    ExitCode::SUCCESS
}

fn import(
    root: &std::path::Path,
    inputs: &[PathBuf],
    opts: dossier::import::ImportOptions,
) -> ExitCode {
    let reports = match dossier::import::import_with(root, inputs, opts) {
        Ok(reports) => reports,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for r in &reports {
        println!("{r}");
        if let Some(decided) = &r.decided {
            println!("{decided}");
        }
        for w in &r.warnings {
            eprintln!("warning: {w}");
        }
        failed |= matches!(r.outcome, dossier::import::Outcome::Skipped { .. });
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn check(opts: &dossier::check::CheckOptions) -> ExitCode {
    let report = dossier::check::check(opts);
    for f in &report.findings {
        println!("{f}");
    }
    if let Some(summary) = &report.external_summary {
        println!("{summary}");
    }
    println!(
        "{} error{}, {} warning{}",
        report.errors(),
        if report.errors() == 1 { "" } else { "s" },
        report.warnings(),
        if report.warnings() == 1 { "" } else { "s" }
    );
    if report.errors() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(opts: dossier::serve::ServeOptions) -> ExitCode {
    match dossier::serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn fail(e: dossier::error::BuildError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}
