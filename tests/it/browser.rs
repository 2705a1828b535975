//! A real browser opening the site: headless Chromium loads the pages from
//! `file://` URLs, as a reader who double-clicks `index.html` would.
//!
//! These tests need Chromium at `/usr/bin/chromium`, so a plain `cargo test`
//! (the README's, with only Rust installed) lists them as ignored. To run them:
//!
//! ```sh
//! scripts/install-test-deps.sh                  # Chromium and a font, with apt-get
//! cargo test --test it -- --ignored browser::
//! ```
//!
//! `.ci/run` does both. Asked for without Chromium, a test here fails with
//! that hint: a missing browser never looks like a passing test.
//!
//! A new browser test goes here, with the same `#[ignore = …]` line as the
//! others, and starts from [`dump_dom`], [`screenshot`] or [`headless`].

use std::fmt::Write;
use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::site::{built, tags};
use crate::vault::example_vault;

const CHROMIUM: &str = "/usr/bin/chromium";

/// How long one run of the browser may take before the test fails; generous,
/// for two cores shared with a compiler.
const LIMIT: Duration = Duration::from_secs(180);

/// Chromium; panics with the install hint when it is missing.
fn chromium() -> &'static Path {
    let path = Path::new(CHROMIUM);
    assert!(
        path.exists(),
        "{CHROMIUM} is missing: run scripts/install-test-deps.sh, \
         then cargo test --test it -- --ignored browser::"
    );
    path
}

/// Runs headless Chromium with `args` on `url`, in a fresh profile and with
/// nothing that reaches the network on its own; returns what it printed on
/// standard output. Panics if it fails or hangs.
fn headless(args: &[&str], url: &str) -> String {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let stdout_path = scratch.path().join("stdout");
    let stderr_path = scratch.path().join("stderr");
    let profile = scratch.path().join("profile");
    let mut command = Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .env("HOME", scratch.path())
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).unwrap())
        .stderr(fs::File::create(&stderr_path).unwrap());
    let status = wait(command, &stderr_path);
    let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
    assert!(status.success(), "chromium exited with {status}:\n{stderr}");
    fs::read_to_string(&stdout_path).unwrap()
}

/// The page at `path` as the browser parsed it.
fn dump_dom(path: &Path) -> String {
    headless(&["--dump-dom"], &file_url(path))
}

/// A PNG of the page at `path` in a window of `width` × `height` pixels.
fn screenshot(path: &Path, (width, height): (u32, u32)) -> Vec<u8> {
    let shots = tempfile::tempdir().expect("a temporary folder");
    let shot = shots.path().join("shot.png");
    headless(
        &[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size={width},{height}"),
        ],
        &file_url(path),
    );
    fs::read(&shot).expect("chromium wrote the screenshot")
}

/// Waits for the command, polling; a hung browser fails the test instead of
/// hanging it.
fn wait(mut command: Command, stderr: &Path) -> ExitStatus {
    let mut child = command.spawn().expect("starting chromium");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting for chromium") {
            return status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish in {LIMIT:?}:\n{}",
                fs::read_to_string(stderr).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The `file://` URL of an existing file, every byte outside the unreserved
/// characters percent-encoded (a vault's names may hold `#`, `?` or spaces).
fn file_url(path: &Path) -> String {
    let path = fs::canonicalize(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut url = String::from("file://");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            write!(url, "%{byte:02X}").expect("writing to a String");
        }
    }
    url
}

#[test]
#[ignore = "needs Chromium: scripts/install-test-deps.sh, then cargo test -- --ignored browser::"]
fn chromium_shows_the_charts_from_file_urls() {
    let site = built(&example_vault());
    for (page, heading, charts) in [
        // 7 charts and the strips of the three opportunities (SPEC 6b).
        ("index.html", "<h1>Week 2026-W46 ", 10),
        ("weeks/2026-W46.html", "<h1>Week 2026-W46 ", 2),
    ] {
        let dom = dump_dom(&site.path().join(page));
        assert!(dom.contains(heading), "{page}: {dom}");
        let all = tags(&dom);
        let svg_positions: Vec<usize> = all
            .iter()
            .enumerate()
            .filter(|(_, t)| t.name == "svg" && !t.closing)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(svg_positions.len(), charts, "{page}: {dom}");
        for i in svg_positions {
            assert_eq!(all[i].get("role"), Some("img"), "{page}: {:?}", all[i]);
            assert_eq!(all[i + 1].name, "title", "{page}: a chart without a title");
        }
        // The chart titles came through the parser as text.
        assert!(dom.contains("<title>Time by category"), "{page}: {dom}");
    }
}

#[test]
#[ignore = "needs Chromium: scripts/install-test-deps.sh, then cargo test -- --ignored browser::"]
fn chromium_takes_a_screenshot_of_the_weekly_review() {
    let site = built(&example_vault());
    let png = screenshot(&site.path().join("weeks/2026-W46.html"), (1280, 2000));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 2000));
    // A blank or unstyled page compresses to a few kilobytes.
    assert!(png.len() > 10 * 1024, "only {} bytes", png.len());
}
