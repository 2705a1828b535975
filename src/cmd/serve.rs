//! `leverage serve`: the watcher of `watch` plus a local web server with
//! live reload. The browser reloads only after a rebuild returned, so it
//! never sees a half-written site; a failed rebuild leaves the last good site
//! up, with a banner saying why.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context as _;
use leverage::serve::{self, Status};
use leverage::watch::{self, Event};

use super::watch::{Reporter, Signals};
use crate::cli::ServeArgs;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let mut session = super::watch::open(&args.vault.vault, &args.watch)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the web server")?;
    let address = SocketAddr::new(args.bind, args.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .with_context(|| format!("cannot listen on {address}"))?;
    let url = format!("http://{}/", listener.local_addr()?);
    let mut signals = {
        let _entered = runtime.enter();
        Signals::new().context("cannot listen for Ctrl-C")?
    };
    let mut watcher = super::watch::start(&session, &args.watch)?;

    let mut reporter = Reporter::default();
    let first = session.build();
    reporter.first(&first);
    let status = Status::default();
    status.set(first.as_ref().err().map(|error| format!("{error:#}")));
    let loopback_only = listener.local_addr()?.ip().is_loopback();
    let (router, reloader) = serve::router(session.output(), status.clone(), loopback_only);

    // The URL goes to standard output, for scripts; everything else to standard error.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "serving {url} (Ctrl-C to stop)")?;
    stdout.flush()?;
    drop(stdout);
    if args.open {
        open_in_browser(&url);
    }

    let stopper = watcher.stopper();
    let rebuilds = std::thread::Builder::new()
        .name("rebuilds".into())
        .spawn(move || {
            let ended = watch::rebuild_on_change(&mut session, &mut watcher, &first, |event| {
                reporter.event(&event);
                if let Event::Rebuilt { result, .. } = event {
                    let failed =
                        status.set(result.as_ref().err().map(|error| format!("{error:#}")));
                    let wrote = result
                        .as_ref()
                        .is_ok_and(|build| build.written.written > 0 || build.written.removed > 0);
                    if failed || wrote {
                        reloader.reload();
                    }
                }
            });
            if ended == watch::Ended::VaultGone {
                // The last good site stays served, with the reason on every page.
                eprintln!(
                    "no more rebuilds: the vault is gone; still serving the last good site \
                     (Ctrl-C to stop)"
                );
            }
        })
        .context("cannot start watching")?;

    let served = runtime.block_on(async {
        tokio::select! {
            result = axum::serve(listener, router).into_future() => result,
            () = signals.recv() => Ok(()),
        }
    });
    // A second Ctrl-C while the current build finishes ends the process at once.
    runtime.spawn(async move {
        signals.recv().await;
        std::process::exit(130);
    });
    stopper.stop();
    let _ = rebuilds.join();
    served.context("the web server stopped")?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Opens the site in the desktop's browser (`$BROWSER` when set, else the
/// system's opener, by the `opener` crate), quietly doing nothing without
/// one. On a thread of its own: an opener may wait for the browser, and the
/// server must start now.
fn open_in_browser(url: &str) {
    let url = url.to_owned();
    std::thread::spawn(move || opener::open_browser(url));
}
