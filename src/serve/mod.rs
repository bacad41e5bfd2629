//! `dossier serve`: build, serve the output over HTTP under the site's base path, watch the
//! sources, rebuild what changed and reload open pages.
//!
//! Three kinds of thread: the watcher loop (one rebuild at a time, holding the build lock),
//! the HTTP accept loop, and a thread per connection under a cap ([`http`]; event streams
//! stay open for as long as a tab does). Ctrl-C waits for the build lock, so the process never stops halfway through
//! writing the output.

pub mod files;
pub mod host;
pub mod http;
pub mod live;
pub mod overlay;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::RecursiveMode;

use crate::build::BuildOptions;
use crate::error::BuildError;
use crate::rebuild::{Rebuild, Session};
use files::Resolved;
use http::Response;
use live::{Hub, Signal};

/// The flags of `dossier serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
}

/// What the request handlers share.
struct Shared {
    output: PathBuf,
    root: PathBuf,
    base_path: Mutex<String>,
    hub: Hub,
    /// The address the server listens on, which a request's `Host` may name.
    addr: SocketAddr,
}

/// Build, serve and watch until interrupted. Fails only when the first build or the socket
/// fails; later rebuild errors are shown in the browser and on stderr.
pub fn serve(opts: ServeOptions) -> Result<(), BuildError> {
    let mut session = Session::new(opts.build.clone());
    let first = session.rebuild()?;
    report(&first);
    let listener =
        std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
            BuildError::Listen {
                address: format!("{}:{}", opts.bind, opts.port),
                source: e,
            }
        })?;
    let addr = listener.local_addr().map_err(|e| BuildError::Listen {
        address: format!("{}:{}", opts.bind, opts.port),
        source: e,
    })?;
    let url = format!("http://{addr}{}", first.base_path);
    let shared = Arc::new(Shared {
        output: session.output().to_path_buf(),
        root: opts.build.root.clone(),
        base_path: Mutex::new(first.base_path.clone()),
        hub: Hub::default(),
        addr,
    });

    let session = Arc::new(Mutex::new(session));
    let on_interrupt = Arc::clone(&session);
    ctrlc::set_handler(move || {
        // Holding the lock means no rebuild is writing: the output is a whole build.
        let _quiet = on_interrupt.lock();
        println!("stopped");
        std::process::exit(0);
    })
    .map_err(|e| BuildError::Interrupt(e.to_string()))?;

    let http = Arc::clone(&shared);
    let handler: Arc<http::Handler> =
        Arc::new(move |request: &http::Request| handle(&http, request));
    std::thread::spawn(move || http::run(listener, http::Limits::default(), handler));
    let ready = || {
        // Said only once the watcher is in place, so an edit from now on is seen.
        println!("serving {url} (Ctrl-C stops)");
        if opts.open {
            open_browser(&url);
        }
    };
    watch(&opts.build.root, &session, &shared, ready)
}

fn report(r: &Rebuild) {
    for w in &r.warnings {
        eprintln!("warning: {}", w.brief());
    }
    println!(
        "rebuilt in {} ms: {} of {} pages rendered, {} files written, {} removed",
        r.elapsed.as_millis(),
        r.rendered,
        r.pages,
        r.changed.len(),
        r.removed.len()
    );
}

/// The sources a rebuild reads, which the watcher follows.
const WATCHED_DIRS: [&str; 4] = ["content", "templates", "themes", "static"];

fn watch(
    root: &Path,
    session: &Mutex<Session>,
    shared: &Shared,
    ready: impl FnOnce(),
) -> Result<(), BuildError> {
    let (tx, rx) = mpsc::channel();
    // Editors save by writing a temporary file and renaming it over the old one; events that
    // close together are one save.
    let mut debouncer = notify_debouncer_full::new_debouncer(Duration::from_millis(80), None, tx)
        .map_err(|e| BuildError::Watch {
        path: root.to_path_buf(),
        message: e.to_string(),
    })?;
    let watch_err = |e: notify::Error| BuildError::Watch {
        path: root.to_path_buf(),
        message: e.to_string(),
    };
    // The root itself, not site.yaml and strings.yaml, so a save that replaces a file is
    // still seen.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(watch_err)?;
    let mut watched: Vec<&str> = Vec::new();
    let mut ready = Some(ready);
    let output = shared
        .output
        .canonicalize()
        .unwrap_or(shared.output.clone());
    loop {
        for dir in WATCHED_DIRS {
            if !watched.contains(&dir) && root.join(dir).is_dir() {
                debouncer
                    .watch(root.join(dir), RecursiveMode::Recursive)
                    .map_err(watch_err)?;
                watched.push(dir);
            }
        }
        if let Some(ready) = ready.take() {
            ready();
        }
        let Ok(batch) = rx.recv() else {
            return Ok(());
        };
        let mut relevant = relevant_events(batch, root, &output);
        while let Ok(more) = rx.try_recv() {
            relevant |= relevant_events(more, root, &output);
        }
        if !relevant {
            continue;
        }
        let Ok(mut session) = session.lock() else {
            return Err(BuildError::StateLost);
        };
        match session.rebuild() {
            Ok(r) => {
                report(&r);
                if let Ok(mut bp) = shared.base_path.lock() {
                    bp.clone_from(&r.base_path);
                }
                let had_error = shared.hub.error().is_some();
                shared.hub.set_error(None);
                if had_error || !r.css_only() {
                    if had_error || !r.changed.is_empty() || !r.removed.is_empty() {
                        shared.hub.broadcast(Signal::Reload);
                    }
                } else {
                    shared.hub.broadcast(Signal::Css);
                }
                match session.index_search() {
                    Ok(Some(r)) => {
                        println!(
                            "search index in {} ms: {} files written, {} removed",
                            r.elapsed.as_millis(),
                            r.changed.len(),
                            r.removed.len()
                        );
                        if !r.changed.is_empty() || !r.removed.is_empty() {
                            shared.hub.broadcast(Signal::Search);
                        }
                    }
                    Ok(None) => {}
                    Err(e) => eprintln!("error: search index: {e}"),
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                shared
                    .hub
                    .set_error(Some(overlay::overlay(&shared.root, &e)));
                shared.hub.broadcast(Signal::Error);
            }
        }
    }
}

/// Whether a batch of file events touches a source (not the output, not a watcher error).
fn relevant_events(
    batch: notify_debouncer_full::DebounceEventResult,
    root: &Path,
    output: &Path,
) -> bool {
    let Ok(events) = batch else {
        // A watcher error may have hidden a change: rebuilding is the safe answer.
        return true;
    };
    events
        .iter()
        // Reading a file is an event too (the rebuild's own reads among them); only changes count.
        .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
        .flat_map(|e| e.paths.iter())
        .any(|p| {
            let p = p.canonicalize().unwrap_or(p.clone());
            if p.starts_with(output) {
                return false;
            }
            let rel = p
                .strip_prefix(root.canonicalize().unwrap_or(root.to_path_buf()))
                .unwrap_or(&p);
            let first = rel
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            first == crate::config::CONFIG_FILE
                || first == crate::strings::FILE
                || WATCHED_DIRS.contains(&first.as_str())
        })
}

fn handle(shared: &Shared, request: &http::Request) -> Response {
    if !host::allowed(request.host.as_deref(), shared.addr) {
        return Response::text(
            403,
            "forbidden: this preview answers only to localhost and IP addresses\n",
        );
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Response::text(405, "method not allowed\n").with_header("Allow", "GET, HEAD");
    }
    let url = request.target.as_str();
    let path = url.split('?').next().unwrap_or("");
    if path == live::EVENTS_PATH {
        let signals = shared.hub.subscribe();
        return Response::Takeover(Box::new(move |out| live::stream(out, signals)));
    }
    if path == live::ERROR_PATH {
        let body = match shared.hub.error() {
            Some(overlay) => live::inject(b"<!doctype html><html lang=\"en\"><title>dossier: build error</title><body>", Some(&overlay)),
            None => live::inject(b"<!doctype html><html lang=\"en\"><title>dossier</title><body><p>The last rebuild succeeded.</p>", None),
        };
        return Response::new(200, "text/html; charset=utf-8", body);
    }
    let base_path = shared
        .base_path
        .lock()
        .map(|b| b.clone())
        .unwrap_or_else(|_| "/".into());
    match files::resolve(&shared.output, &base_path, url) {
        Resolved::File(file) => file_response(shared, &file, 200),
        Resolved::Redirect(to) => Response::text(301, "moved\n").with_header("Location", &to),
        Resolved::Forbidden => Response::text(403, "forbidden\n"),
        Resolved::NotFound => {
            let not_found = shared.output.join("404.html");
            if not_found.is_file() {
                file_response(shared, &not_found, 404)
            } else {
                Response::text(404, "not found\n")
            }
        }
    }
}

fn file_response(shared: &Shared, file: &Path, status: u16) -> Response {
    let content_type = files::content_type(file);
    match std::fs::read(file) {
        Ok(bytes) if content_type.starts_with("text/html") => {
            let overlay = shared.hub.error();
            Response::new(
                status,
                content_type,
                live::inject(&bytes, overlay.as_deref()),
            )
        }
        Ok(bytes) => Response::new(status, content_type, bytes),
        // Replaced between resolving and reading: the next request finds the new file.
        Err(_) => Response::text(404, "not found\n"),
    }
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({program}: {e}); open {url}");
    }
}
