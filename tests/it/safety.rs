//! The vault is the user's (SPEC 1): no command creates, changes or deletes
//! anything in it outside the output folder, whatever the notes hold, and
//! `init` / `new` only ever create files that did not exist. Each test takes a
//! fingerprint of every file, folder and link of a vault (bytes, permissions,
//! modification time, link targets) before and after the commands and compares
//! them. Output-folder refusals are in `site.rs`; what `serve` answers (only
//! the site, on loopback) in `serve.rs`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tempfile::TempDir;

use crate::vault::{Run, example_vault, run_in};

/// One entry of a vault, as much of it as a command could change.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    File {
        bytes: Vec<u8>,
        readonly: bool,
        modified: SystemTime,
    },
    Folder,
    Link(PathBuf),
}

/// Every entry below `root`, links not followed, except inside `skip`
/// (vault-relative folders: the output folder).
fn fingerprint(root: &Path, skip: &[&str]) -> BTreeMap<String, Entry> {
    let mut entries = BTreeMap::new();
    let walk = walkdir::WalkDir::new(root)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let relative = e.path().strip_prefix(root).unwrap();
            !skip.iter().any(|s| relative == Path::new(s))
        });
    for entry in walk {
        let entry = entry.expect("walking the vault");
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let meta = entry.path().symlink_metadata().unwrap();
        let value = if meta.file_type().is_symlink() {
            Entry::Link(fs::read_link(entry.path()).unwrap())
        } else if meta.is_dir() {
            Entry::Folder
        } else {
            Entry::File {
                bytes: fs::read(entry.path()).unwrap(),
                readonly: meta.permissions().readonly(),
                modified: meta.modified().unwrap(),
            }
        };
        entries.insert(relative, value);
    }
    entries
}

/// What differs between two fingerprints, one line per path.
fn differences(before: &BTreeMap<String, Entry>, after: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut found = Vec::new();
    for (path, entry) in before {
        match after.get(path) {
            None => found.push(format!("removed: {path}")),
            Some(now) if now != entry => found.push(format!("changed: {path}")),
            Some(_) => {}
        }
    }
    for path in after.keys() {
        if !before.contains_key(path) {
            found.push(format!("created: {path}"));
        }
    }
    found
}

/// A copy of the example vault (without its built site) in a folder of its
/// own, beside a file outside the vault that notes link and point at, plus
/// hostile notes: bytes that are not UTF-8, NUL bytes, a BOM and CRLF, an
/// impossible date, links out of the vault, a folder named like a note, a
/// symbolic-link loop and a link to the outside file.
struct Fixture {
    /// Holds `vault/` and `outside/`.
    top: TempDir,
}

const OUTSIDE_TEXT: &str = "- 9h #code OUTSIDE-SECRET\n";

impl Fixture {
    fn new() -> Fixture {
        let top = tempfile::Builder::new()
            .prefix("leverage-safety-")
            .tempdir()
            .unwrap();
        let vault = top.path().join("vault");
        let from = example_vault();
        for entry in walkdir::WalkDir::new(&from)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| e.file_name() != "_site")
        {
            let entry = entry.unwrap();
            let target = vault.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::copy(entry.path(), &target).unwrap();
            }
        }
        // The notes added below are after the example's pinned `as_of`:
        // move it, so they count (SPEC 3 (v2): later notes are upcoming).
        let config = vault.join("leverage.yaml");
        let text = fs::read_to_string(&config).unwrap();
        assert!(text.contains("\nas_of: 2026-11-13\n"));
        fs::write(
            &config,
            text.replace("\nas_of: 2026-11-13\n", "\nas_of: 2026-11-18\n"),
        )
        .unwrap();
        let outside = top.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("secret.md"), OUTSIDE_TEXT).unwrap();

        let hostile: [(&str, &[u8]); 7] = [
            ("daily/2026-11-14.md", b"- 1h #code caf\xe9 \xff\xfe\n"),
            ("daily/2026-11-15.md", b"- 30m #email a\0b\n\0\0\n"),
            (
                "daily/2026-11-16.md",
                b"\xef\xbb\xbf---\r\ndate: 2026-11-16\r\n---\r\n- 45m #system bom and crlf\r\n",
            ),
            ("daily/2026-02-30.md", b"- 1h #code impossible day\n"),
            (
                "pages/Escape.md",
                b"[[../../etc/passwd]] [x](/etc/passwd) [y](../../outside/secret.md) [[../outside/secret]]\n",
            ),
            (
                "daily/2026-11-17.md",
                b"- 20m #admin [[../../etc/passwd]] [x](/etc/passwd) [y](../../../outside/secret.md)\n",
            ),
            ("pages/Read only.md", b"A note the user made read-only.\n"),
        ];
        for (path, bytes) in hostile {
            let full = vault.join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(&full, bytes).unwrap();
        }
        let read_only = vault.join("pages/Read only.md");
        let mut permissions = fs::metadata(&read_only).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&read_only, permissions).unwrap();
        fs::create_dir_all(vault.join("pages/folder.md")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(".", vault.join("loop")).unwrap();
            symlink("../../outside/secret.md", vault.join("daily/2026-11-18.md")).unwrap();
            symlink("../outside", vault.join("elsewhere")).unwrap();
        }
        Fixture { top }
    }

    fn vault(&self) -> PathBuf {
        self.top.path().join("vault")
    }

    /// The vault (without its output folder) and the folder outside it.
    fn fingerprint(&self) -> BTreeMap<String, Entry> {
        fingerprint(self.top.path(), &["vault/_site", "site"])
    }

    /// Runs `leverage ARGS` in the vault; it must not crash.
    fn run(&self, args: &[&str]) -> Run {
        let run = run_in(&self.vault(), args);
        assert!(
            run.code.is_some() && !run.stderr.contains("panicked"),
            "leverage {args:?} crashed: {}",
            run.stderr
        );
        run
    }

    fn set_config(&self, extra: &str) {
        let path = self.vault().join("leverage.yaml");
        let mut text = fs::read_to_string(&path).unwrap();
        text = text.replace("follow_links: false", "");
        text.push_str(extra);
        fs::write(path, text).unwrap();
    }
}

/// Runs each command and checks that the vault and the folder outside it are
/// exactly as before.
fn assert_unchanged_by(fixture: &Fixture, commands: &[&[&str]]) {
    let before = fixture.fingerprint();
    assert!(before.contains_key("vault/daily/2026-11-16.md"));
    for args in commands {
        let run = fixture.run(args);
        assert!(
            matches!(run.code, Some(0 | 1)),
            "leverage {args:?}: {:?}\n{}",
            run.code,
            run.stderr
        );
        let after = fixture.fingerprint();
        let changed = differences(&before, &after);
        assert!(
            changed.is_empty(),
            "leverage {args:?} touched the vault:\n{}",
            changed.join("\n")
        );
    }
}

/// The place (`file:line`) of the first activity of `file`, for `explain`.
fn first_activity_of(fixture: &Fixture, file: &str) -> String {
    let run = fixture.run(&["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let activity = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == file)
        .unwrap_or_else(|| panic!("no activity in {file}"));
    format!("{file}:{}", activity["line"])
}

#[test]
fn reading_commands_and_build_change_nothing_in_the_vault() {
    let fixture = Fixture::new();
    let healthy = first_activity_of(&fixture, "daily/2026-11-02.md");
    let hostile = first_activity_of(&fixture, "daily/2026-11-16.md");
    let outside = fixture.top.path().join("site");
    let outside = outside.to_str().unwrap();
    assert_unchanged_by(
        &fixture,
        &[
            &["check"],
            &["check", "--deny-warnings"],
            &["export", "--format", "json"],
            &["export", "--format", "csv"],
            &["report"],
            &["report", "--format", "markdown", "--period", "month"],
            &["explain", &healthy],
            &["explain", &hostile],
            &["explain", "daily/2026-11-15.md:1"],
            &["build"],
            // A second build over its own folder: pages are rewritten or removed
            // there, nowhere else.
            &["build", "--strict"],
            &["build", "-o", outside],
        ],
    );
    // The builds did write their sites.
    assert!(fixture.vault().join("_site/index.html").is_file());
    assert!(fixture.top.path().join("site/index.html").is_file());
}

#[test]
fn following_links_reads_outside_files_but_changes_nothing() {
    let fixture = Fixture::new();
    fixture.set_config("\nfollow_links: true\n");
    assert_unchanged_by(
        &fixture,
        &[
            &["check"],
            &["export", "--format", "json"],
            &["report"],
            &["build"],
        ],
    );
    // The loop is a diagnostic, not a hang, and the link to a file is read.
    let run = fixture.run(&["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    #[cfg(unix)]
    {
        assert!(
            doc["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["file"].as_str().is_some_and(|f| f.starts_with("loop"))),
            "{:#}",
            doc["diagnostics"]
        );
        assert!(
            doc["activities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["file"] == "daily/2026-11-18.md"),
            "the linked note was not read"
        );
    }
}

#[test]
fn links_are_not_followed_by_default() {
    let fixture = Fixture::new();
    let run = fixture.run(&["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<&str> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["file"].as_str())
        .collect();
    assert!(!files.contains(&"daily/2026-11-18.md"), "{files:?}");
    assert!(
        !files.iter().any(|f| f.starts_with("elsewhere/")),
        "{files:?}"
    );
    assert!(
        !run.stdout.contains("OUTSIDE-SECRET"),
        "a note outside the vault was read"
    );
}

#[test]
fn notes_linking_out_of_the_vault_read_nothing_there() {
    let fixture = Fixture::new();
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // No page shows what the outside file or /etc/passwd hold.
    for entry in walkdir::WalkDir::new(fixture.vault().join("_site")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains("OUTSIDE-SECRET") && !text.contains("root:x:0:0"),
                "{} shows a file from outside the vault",
                entry.path().display()
            );
        }
    }
}

#[test]
fn init_and_new_only_create_files_that_do_not_exist() {
    let fixture = Fixture::new();
    let before = fixture.fingerprint();
    // `init` over an existing vault keeps every file; `new` for a day that has
    // a note keeps it.
    for args in [
        &["init", "."][..],
        &["new", ".", "--date", "2026-11-02"],
        &["new", ".", "--date", "2026-11-16"],
    ] {
        let run = fixture.run(args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    }
    let after = fixture.fingerprint();
    let changed: Vec<String> = differences(&before, &after)
        .into_iter()
        .filter(|d| !d.starts_with("created: "))
        .collect();
    assert!(changed.is_empty(), "{}", changed.join("\n"));

    // A link where the new note would go (to a file that does not exist
    // yet) is not written through.
    #[cfg(unix)]
    {
        let target = fixture.top.path().join("outside/planted.md");
        std::os::unix::fs::symlink(&target, fixture.vault().join("daily/2026-12-01.md")).unwrap();
        let before = fixture.fingerprint();
        let run = fixture.run(&["new", ".", "--date", "2026-12-01"]);
        assert!(!target.exists(), "new wrote through a link: {}", run.stderr);
        assert_eq!(
            differences(&before, &fixture.fingerprint()),
            Vec::<String>::new()
        );
    }
}

/// A vault can arrive with an output folder in it (a cloned repository, a
/// synced folder) whose marker lists pages and whose folder is a link to the
/// user's files: the build neither writes nor deletes through the link.
#[cfg(unix)]
#[test]
fn a_link_planted_in_the_output_folder_is_not_written_or_deleted_through() {
    let fixture = Fixture::new();
    let home = fixture.top.path().join("outside/home");
    fs::create_dir_all(&home).unwrap();
    fs::write(home.join(".bashrc"), "the user's shell").unwrap();
    fs::write(home.join("2026-11-02.html"), "the user's page").unwrap();
    let site = fixture.vault().join("_site");
    fs::create_dir_all(&site).unwrap();
    fs::write(
        site.join(".leverage-site"),
        "# written by leverage\ndays/.bashrc\nindex.html\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&home, site.join("days")).unwrap();
    let before = fixture.fingerprint();

    let run = fixture.run(&["build"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(
        differences(&before, &fixture.fingerprint()),
        Vec::<String>::new()
    );
}

/// A `leverage` process left running, its output collected as it comes.
#[cfg(unix)]
struct Running {
    child: std::process::Child,
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

#[cfg(unix)]
impl Running {
    fn start(dir: &Path, args: &[&str]) -> Running {
        use std::process::{Command, Stdio};
        let mut child = Command::new(env!("CARGO_BIN_EXE_leverage"))
            .args(args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", crate::vault::SOURCE_DATE_EPOCH)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running leverage");
        Running {
            stdout: collect(child.stdout.take().unwrap()),
            stderr: collect(child.stderr.take().unwrap()),
            child,
        }
    }

    fn output(&self) -> (String, String) {
        (
            self.stdout.lock().unwrap().clone(),
            self.stderr.lock().unwrap().clone(),
        )
    }

    /// Polls `condition` on (stdout, stderr) every 20 ms, for up to a minute.
    fn wait_for(&self, what: &str, condition: impl Fn(&str, &str) -> bool) {
        let start = std::time::Instant::now();
        loop {
            let (stdout, stderr) = self.output();
            if condition(&stdout, &stderr) {
                return;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(60),
                "waited a minute for {what}\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Ctrl-C, then waits for the process to end; returns its exit code.
    fn interrupt(mut self) -> Option<i32> {
        let sent = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(60),
                "still running a minute after Ctrl-C"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

#[cfg(unix)]
impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
fn collect(from: impl std::io::Read + Send + 'static) -> std::sync::Arc<std::sync::Mutex<String>> {
    use std::io::BufRead;
    let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let into = std::sync::Arc::clone(&text);
    std::thread::spawn(move || {
        let mut reader = std::io::BufReader::new(from);
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|read| read > 0) {
            into.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
    text
}

/// A note the test itself edits while `watch` or `serve` runs: the only
/// change the vault may show afterwards.
#[cfg(unix)]
const EDITED: &str = "vault/daily/2026-11-02.md";

#[cfg(unix)]
fn edit_a_note(fixture: &Fixture) {
    let path = fixture.top.path().join(EDITED);
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n- 15m #email WATCHED-EDIT\n");
    fs::write(path, text).unwrap();
}

/// Only the edited note differs.
#[cfg(unix)]
fn assert_only_the_edit(before: &BTreeMap<String, Entry>, after: &BTreeMap<String, Entry>) {
    let changed = differences(before, after);
    assert_eq!(
        changed,
        [format!("changed: {EDITED}")],
        "{}",
        changed.join("\n")
    );
}

#[cfg(unix)]
#[test]
fn watch_changes_nothing_in_the_vault() {
    let fixture = Fixture::new();
    let before = fixture.fingerprint();
    let running = Running::start(&fixture.vault(), &["watch", "."]);
    running.wait_for("the first build", |_, err| err.contains("watching "));
    let day = fixture.vault().join("_site/days/2026-11-02.html");
    assert!(day.is_file());
    edit_a_note(&fixture);
    running.wait_for("the rebuild", |_, _| {
        fs::read_to_string(&day).is_ok_and(|page| page.contains("WATCHED-EDIT"))
    });
    let (_, stderr) = running.output();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(running.interrupt(), Some(0));
    assert_only_the_edit(&before, &fixture.fingerprint());
}

/// `GET path` over HTTP/1.0; the status code and the body.
#[cfg(unix)]
fn get(address: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, body.to_owned())
}

#[cfg(unix)]
#[test]
fn serve_changes_nothing_in_the_vault_and_listens_on_loopback() {
    let fixture = Fixture::new();
    let before = fixture.fingerprint();
    let running = Running::start(&fixture.vault(), &["serve", ".", "--port", "0"]);
    running.wait_for("the URL", |out, _| out.contains("serving http://"));
    let (stdout, _) = running.output();
    let url = stdout
        .lines()
        .find_map(|line| line.strip_prefix("serving http://"))
        .unwrap();
    let address = &url[..url.find('/').unwrap()];
    // Loopback by default: nobody else on the network can read the notes.
    assert!(address.starts_with("127.0.0.1:"), "{stdout}");
    for (path, expected) in [
        ("/", 200),
        ("/days/2026-11-02.html", 200),
        ("/problems.html", 200),
        ("/../leverage.yaml", 404),
        ("/%2e%2e/outside/secret.md", 404),
        ("/.leverage-site", 404),
    ] {
        let (status, body) = get(address, path);
        assert_eq!(status, expected, "{path}");
        assert!(!body.contains("OUTSIDE-SECRET"), "{path}");
    }
    edit_a_note(&fixture);
    running.wait_for("the rebuild", |_, _| {
        get(address, "/days/2026-11-02.html")
            .1
            .contains("WATCHED-EDIT")
    });
    assert_eq!(running.interrupt(), Some(0));
    assert_only_the_edit(&before, &fixture.fingerprint());
}
