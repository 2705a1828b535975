//! `leverage watch`: build the site, then rebuild it on every change, one
//! line per rebuild and every new problem in full. Also the parts `serve`
//! shares: opening the session and the watcher, the report, the signals.

use std::collections::HashSet;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use leverage::Options;
use leverage::build::{Build, Session};
use leverage::diagnostic::{Diagnostic, Printer, printable};
use leverage::watch::{self, Changes, Event, Stopper, Watcher};

use super::check::plural;
use crate::cli::{WatchArgs, WatchOptions};

pub fn run(args: &WatchArgs) -> anyhow::Result<ExitCode> {
    let mut session = open(&args.vault.vault, &args.watch)?;
    let mut watcher = start(&session, &args.watch)?;
    stop_on_signal(watcher.stopper())?;
    let mut reporter = Reporter::default();
    let first = session.build();
    reporter.first(&first);
    eprintln!(
        "watching {} for changes (Ctrl-C to stop)",
        session.vault().display()
    );
    let ended = watch::rebuild_on_change(&mut session, &mut watcher, &first, |event| {
        reporter.event(&event);
    });
    if ended == watch::Ended::VaultGone {
        // The error itself was reported with the rebuild.
        eprintln!("stopped: the vault is gone, and the last good site is left as it was");
        return Ok(ExitCode::FAILURE);
    }
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// The session, refusing an unusable output folder before anything is touched.
pub(super) fn open(vault: &std::path::Path, options: &WatchOptions) -> anyhow::Result<Session> {
    Session::open(
        vault,
        &Options {
            as_of: options.as_of.as_of,
            output: options.output.clone(),
        },
    )
}

/// Starts watching before the first build, so no change made during it is missed.
pub(super) fn start(session: &Session, options: &WatchOptions) -> anyhow::Result<Watcher> {
    Watcher::start(
        &watch::Filter::before_build(session),
        Duration::from_millis(options.debounce),
        options.poll,
    )
    .with_context(|| {
        format!(
            "cannot watch `{}` for changes{}",
            session.vault().display(),
            if options.poll { "" } else { " (try --poll)" }
        )
    })
}

/// SIGINT (Ctrl-C) and SIGTERM, listened for from the moment this is made.
pub(super) struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    /// Must be called inside a tokio runtime.
    pub(super) fn new() -> std::io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    pub(super) async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The first signal ends the watch once the current build is done (pages are
/// written atomically, so none is left half-written); a second one ends the
/// process at once.
fn stop_on_signal(stopper: Stopper) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot listen for Ctrl-C")?;
    let mut signals = {
        let _entered = runtime.enter();
        Signals::new().context("cannot listen for Ctrl-C")?
    };
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            runtime.block_on(signals.recv());
            stopper.stop();
            runtime.block_on(signals.recv());
            std::process::exit(130);
        })
        .context("cannot listen for Ctrl-C")?;
    Ok(())
}

/// Prints builds on standard error: the first in full, then one line per
/// rebuild and only the problems that were not there before.
#[derive(Default)]
pub(super) struct Reporter {
    shown: HashSet<Diagnostic>,
    troubles: HashSet<String>,
}

impl Reporter {
    pub(super) fn first(&mut self, result: &anyhow::Result<Build>) {
        match result {
            Ok(build) => {
                self.print_new_problems(build);
                eprintln!("{}", super::build::summary(build));
            }
            Err(error) => {
                eprintln!("error: {}", printable(&format!("{error:#}")));
                eprintln!("the site is built at the next change");
            }
        }
    }

    pub(super) fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Rebuilt { changes, result } => self.rebuilt(changes, result),
            Event::Trouble(errors) => {
                for error in *errors {
                    // A broken watch tends to repeat itself: say it once.
                    if self.troubles.insert(error.to_string()) {
                        eprintln!(
                            "warning: watching for changes: {}",
                            printable(&error.to_string())
                        );
                    }
                }
            }
        }
    }

    fn rebuilt(&mut self, changes: &Changes, result: &anyhow::Result<Build>) {
        let time = jiff::Zoned::now().strftime("%H:%M:%S").to_string();
        match result {
            Ok(build) => {
                self.print_new_problems(build);
                eprintln!("[{time}] {}", printable(&line(changes, build)));
            }
            Err(error) => {
                eprintln!(
                    "[{time}] {}: rebuild failed, the last good site stays",
                    printable(&changes.to_string())
                );
                eprintln!("error: {}", printable(&format!("{error:#}")));
            }
        }
    }

    fn print_new_problems(&mut self, build: &Build) {
        let compiled = &build.compiled;
        let current: HashSet<Diagnostic> = compiled.diagnostics().iter().cloned().collect();
        let mut new: Vec<&Diagnostic> = current
            .iter()
            .filter(|diagnostic| !self.shown.contains(*diagnostic))
            .collect();
        new.sort();
        if !new.is_empty() {
            let printer = Printer::for_stderr();
            let mut stderr = std::io::stderr().lock();
            for diagnostic in new {
                let source = if diagnostic.path == leverage::config::FILE_NAME {
                    compiled.config_text.as_deref()
                } else {
                    compiled
                        .sources
                        .binary_search_by(|source| source.path.as_str().cmp(&diagnostic.path))
                        .ok()
                        .map(|i| compiled.sources[i].text.as_str())
                };
                let _ = writeln!(stderr, "{}\n", printer.render(diagnostic, source));
            }
        }
        self.shown = current;
    }
}

/// `daily/a.md: 1 note parsed, 3 pages written (1 removed), 0 errors, 1 warning in 0.05s`
fn line(changes: &Changes, build: &Build) -> String {
    let gone = if build.removed > 0 {
        format!(", {} gone", plural(build.removed, "note"))
    } else {
        String::new()
    };
    let removed = if build.written.removed > 0 {
        format!(" ({} removed)", build.written.removed)
    } else {
        String::new()
    };
    let (errors, warnings) = build.compiled.counts();
    format!(
        "{changes}: {} parsed{gone}, {} written{removed}, {}, {} in {:.2}s",
        plural(build.parsed, "note"),
        plural(build.written.written, "page"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        build.elapsed.as_secs_f64(),
    )
}
