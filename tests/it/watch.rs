//! `leverage watch` on a temporary vault: every way a note is saved, created,
//! deleted or renamed shows in the pages; temporary files and the output
//! folder never trigger a rebuild; Ctrl-C ends it with exit 0. Tests wait on
//! conditions (polling every 20 ms, up to 20 s), never on fixed sleeps.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::vault::Vault;

const PATIENCE: Duration = Duration::from_secs(20);

/// A `leverage` process left running, its output collected as it comes.
pub struct Running {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Running {
    /// Runs `leverage ARGS` in `dir` and waits until its output says `ready`.
    pub fn start(dir: &Path, args: &[&str], ready: &str) -> Running {
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
        let running = Running {
            stdout: collect(child.stdout.take().expect("piped")),
            stderr: collect(child.stderr.take().expect("piped")),
            child,
        };
        running.wait_for(&format!("the output says `{ready}`"), || {
            running.stdout().contains(ready) || running.stderr().contains(ready)
        });
        running
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Polls `condition` every 20 ms; panics with the process's output after 20 s.
    pub fn wait_for(&self, what: &str, mut condition: impl FnMut() -> bool) {
        let start = Instant::now();
        while !condition() {
            assert!(
                start.elapsed() < PATIENCE,
                "waited {PATIENCE:?} for {what}\n--- stdout:\n{}\n--- stderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The one-line reports of rebuilds made after the first build.
    pub fn rebuilds(&self) -> Vec<String> {
        self.stderr()
            .lines()
            .filter(|line| line.starts_with('[') && line.contains("] "))
            .map(str::to_owned)
            .collect()
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit code and standard error.
    #[cfg(unix)]
    pub fn interrupt(mut self) -> (Option<i32>, String) {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("running kill");
        assert!(sent.success());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("waiting for leverage") {
                break status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "still running after Ctrl-C\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        // Let the readers see the end of the output.
        let wait = Instant::now();
        while !self.stderr().contains("stopped") && wait.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(20));
        }
        (status.code(), self.stderr())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(from: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let into = Arc::clone(&text);
    std::thread::spawn(move || {
        let mut reader = BufReader::new(from);
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|read| read > 0) {
            into.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
    text
}

/// Two days and an outcome; the words `alpha` and `beta` mark the activities.
fn vault() -> Vault {
    Vault::new()
        .file("daily/2026-11-02.md", "- #email 30m Answered alpha\n")
        .file("daily/2026-11-03.md", "- #system 1h [[Goal]] Built beta\n")
        .file("outcomes/Goal.md", "")
}

fn watch(vault: &Vault, extra: &[&str]) -> Running {
    let mut args = vec!["watch", "."];
    args.extend_from_slice(extra);
    let running = Running::start(vault.path(), &args, "watching");
    assert!(site(vault).join("days/2026-11-02.html").is_file());
    running
}

fn site(vault: &Vault) -> PathBuf {
    vault.path().join("_site")
}

fn page(vault: &Vault, path: &str) -> Option<String> {
    fs::read_to_string(site(vault).join(path)).ok()
}

fn write(vault: &Vault, path: &str, text: &str) {
    let path = vault.path().join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn wait_for_page(running: &Running, vault: &Vault, path: &str, text: &str) {
    running.wait_for(&format!("{path} to contain `{text}`"), || {
        page(vault, path).is_some_and(|page| page.contains(text))
    });
}

fn wait_for_no_page(running: &Running, vault: &Vault, path: &str) {
    running.wait_for(&format!("{path} to go"), || page(vault, path).is_none());
}

/// Every file of the site, relative; none may be a temporary file or a page of one.
fn site_files(vault: &Vault) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![site(vault)];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(site(vault)).unwrap();
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

fn assert_clean_site(vault: &Vault) {
    for file in site_files(vault) {
        let name = file.rsplit('/').next().unwrap();
        assert!(
            name == ".leverage-site"
                || name == ".leverage-stats"
                || !(name.starts_with('.')
                    || name.contains("4913")
                    || name.contains("swp")
                    || name.contains('~')
                    || name.contains('#')
                    || name.contains("___jb_")
                    || name.contains(".tmp")),
            "a temporary file or its page in the site: {file}"
        );
    }
}

#[cfg(unix)]
fn stop(running: Running, vault: &Vault) {
    let (code, stderr) = running.interrupt();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.ends_with("stopped\n"), "{stderr}");
    assert_clean_site(vault);
}

#[cfg(not(unix))]
fn stop(running: Running, vault: &Vault) {
    drop(running);
    assert_clean_site(vault);
}

#[test]
fn atomic_save_replaces_the_page() {
    let vault = vault();
    let running = watch(&vault, &[]);
    write(
        &vault,
        "daily/2026-11-02.md.tmp",
        "- #email 45m Answered gamma\n",
    );
    fs::rename(
        vault.path().join("daily/2026-11-02.md.tmp"),
        vault.path().join("daily/2026-11-02.md"),
    )
    .unwrap();
    wait_for_page(&running, &vault, "days/2026-11-02.html", "gamma");
    running.wait_for("the rebuild line", || !running.rebuilds().is_empty());
    let rebuilds = running.rebuilds();
    assert!(
        rebuilds[0].contains("] daily/2026-11-02.md: 1 note parsed,"),
        "{rebuilds:?}"
    );
    stop(running, &vault);
}

#[test]
fn in_place_writes_rebuild_once_each_and_the_output_never_triggers() {
    let vault = vault();
    let running = watch(&vault, &[]);
    // VS Code, Obsidian: truncate and write the same file.
    write(
        &vault,
        "daily/2026-11-02.md",
        "- #email 45m Answered gamma\n",
    );
    wait_for_page(&running, &vault, "days/2026-11-02.html", "gamma");
    // A note in the output folder is no note, and no trigger.
    write(&vault, "_site/stray.md", "- #email 1h stray\n");
    write(
        &vault,
        "daily/2026-11-03.md",
        "- #system 2h [[Goal]] Built delta\n",
    );
    wait_for_page(&running, &vault, "days/2026-11-03.html", "delta");
    running.wait_for("two rebuild lines", || running.rebuilds().len() >= 2);
    let rebuilds = running.rebuilds();
    assert_eq!(
        rebuilds.len(),
        2,
        "writing the site triggered a rebuild: {rebuilds:?}"
    );
    assert!(
        rebuilds[1].contains("] daily/2026-11-03.md: "),
        "{rebuilds:?}"
    );
    stop(running, &vault);
}

#[test]
fn editors_save_patterns_update_the_page_and_their_files_never_trigger() {
    let vault = vault();
    let running = watch(&vault, &[]);
    let daily = vault.path().join("daily");
    let note = daily.join("2026-11-02.md");

    // vim: a swap file, the `4913` probe, the note renamed to a backup, written anew.
    write(&vault, "daily/.2026-11-02.md.swp", "swap");
    write(&vault, "daily/4913", "");
    fs::remove_file(daily.join("4913")).unwrap();
    fs::rename(&note, daily.join("2026-11-02.md~")).unwrap();
    write(&vault, "daily/2026-11-02.md", "- #email 45m Answered vim\n");
    fs::remove_file(daily.join("2026-11-02.md~")).unwrap();
    fs::remove_file(daily.join(".2026-11-02.md.swp")).unwrap();
    wait_for_page(&running, &vault, "days/2026-11-02.html", "vim");

    // emacs: a lock, an autosave, a backup, then the write.
    write(&vault, "daily/.#2026-11-02.md", "maya@host.1234");
    write(&vault, "daily/#2026-11-02.md#", "- #email 1h autosaved\n");
    fs::copy(&note, daily.join("2026-11-02.md~")).unwrap();
    write(
        &vault,
        "daily/2026-11-02.md",
        "- #email 45m Answered emacs\n",
    );
    fs::remove_file(daily.join("#2026-11-02.md#")).unwrap();
    fs::remove_file(daily.join(".#2026-11-02.md")).unwrap();
    fs::remove_file(daily.join("2026-11-02.md~")).unwrap();
    wait_for_page(&running, &vault, "days/2026-11-02.html", "emacs");

    // JetBrains "safe write": a temporary file, the old one moved aside.
    write(
        &vault,
        "daily/2026-11-02.md___jb_tmp___",
        "- #email 45m Answered jetbrains\n",
    );
    fs::rename(&note, daily.join("2026-11-02.md___jb_old___")).unwrap();
    fs::rename(daily.join("2026-11-02.md___jb_tmp___"), &note).unwrap();
    fs::remove_file(daily.join("2026-11-02.md___jb_old___")).unwrap();
    wait_for_page(&running, &vault, "days/2026-11-02.html", "jetbrains");

    // `sed -i`: a temporary file in the same folder, renamed over the note.
    write(&vault, "daily/sedA1b2C3", "- #email 45m Answered sed\n");
    fs::rename(daily.join("sedA1b2C3"), &note).unwrap();
    wait_for_page(&running, &vault, "days/2026-11-02.html", "sed");

    for line in running.rebuilds() {
        let changed = line.split_once("] ").unwrap().1.split(": ").next().unwrap();
        assert_eq!(changed, "daily/2026-11-02.md", "{line}");
    }
    let leftover = fs::read_dir(&daily).unwrap().count();
    assert_eq!(leftover, 2, "the test cleans up after the editors");
    stop(running, &vault);
}

#[test]
fn new_deleted_and_renamed_notes_take_their_pages_with_them() {
    let vault = vault();
    let running = watch(&vault, &[]);
    write(&vault, "daily/2026-11-04.md", "- #code 2h Wrote epsilon\n");
    wait_for_page(&running, &vault, "days/2026-11-04.html", "epsilon");

    fs::remove_file(vault.path().join("daily/2026-11-04.md")).unwrap();
    wait_for_no_page(&running, &vault, "days/2026-11-04.html");

    fs::rename(
        vault.path().join("daily/2026-11-02.md"),
        vault.path().join("daily/2026-11-05.md"),
    )
    .unwrap();
    wait_for_page(&running, &vault, "days/2026-11-05.html", "alpha");
    wait_for_no_page(&running, &vault, "days/2026-11-02.html");
    assert!(page(&vault, "notes/daily/2026-11-02.html").is_none());
    stop(running, &vault);
}

#[test]
fn a_folder_moved_out_of_the_vault_takes_its_pages() {
    let vault = vault().file("archive/2025/2025-06-01.md", "- #email 1h Old zeta\n");
    let running = watch(&vault, &[]);
    assert!(page(&vault, "days/2025-06-01.html").is_some());
    let elsewhere = tempfile::tempdir_in(vault.path().parent().unwrap()).unwrap();
    fs::rename(
        vault.path().join("archive"),
        elsewhere.path().join("archive"),
    )
    .unwrap();
    wait_for_no_page(&running, &vault, "days/2025-06-01.html");
    // And moved back in.
    fs::rename(
        elsewhere.path().join("archive"),
        vault.path().join("archive"),
    )
    .unwrap();
    wait_for_page(&running, &vault, "days/2025-06-01.html", "zeta");
    stop(running, &vault);
}

#[test]
fn a_burst_of_200_notes_is_one_rebuild_or_very_few() {
    let vault = vault();
    let running = watch(&vault, &[]);
    let start = jiff::civil::date(2025, 1, 1);
    let dates: Vec<String> = (0..200)
        .map(|day| {
            start
                .checked_add(jiff::Span::new().days(day))
                .unwrap()
                .to_string()
        })
        .collect();
    // Like `git checkout`: each note written to a temporary file, then renamed.
    for date in &dates {
        let temporary = vault.path().join(format!("daily/.{date}.md.lock"));
        fs::write(&temporary, format!("- #system 1h Burst {date}\n")).unwrap();
        fs::rename(&temporary, vault.path().join(format!("daily/{date}.md"))).unwrap();
    }
    running.wait_for("200 day pages", || {
        dates
            .iter()
            .all(|date| site(&vault).join(format!("days/{date}.html")).is_file())
    });
    running.wait_for("the rebuild line", || !running.rebuilds().is_empty());
    let rebuilds = running.rebuilds();
    assert!(
        rebuilds.len() <= 3,
        "200 notes should not take {} rebuilds: {rebuilds:#?}",
        rebuilds.len()
    );
    wait_for_page(&running, &vault, "days/2025-07-19.html", "Burst 2025-07-19");
    stop(running, &vault);
}

#[test]
fn a_broken_note_is_a_diagnostic_and_the_rest_of_the_site_stays_up() {
    let vault = vault();
    let running = watch(&vault, &[]);
    // Saved half-way: the YAML list is not closed yet.
    write(
        &vault,
        "daily/2026-11-02.md",
        "---\ntags: [client, ops\n---\n- #email 30m Answered alpha\n",
    );
    wait_for_page(&running, &vault, "problems.html", "daily/2026-11-02.md");
    running.wait_for("the diagnostic", || {
        running
            .stderr()
            .contains(": error[invalid-yaml]: invalid YAML in front-matter")
    });
    let stderr = running.stderr();
    assert!(
        stderr.contains(": error[invalid-yaml]: invalid YAML in front-matter"),
        "{stderr}"
    );
    assert!(
        page(&vault, "days/2026-11-03.html")
            .unwrap()
            .contains("beta")
    );
    assert!(
        page(&vault, "index.html")
            .unwrap()
            .contains("See the problems")
    );

    write(
        &vault,
        "daily/2026-11-02.md",
        "---\ntags: [client, ops]\n---\n- #email 30m Answered omega\n",
    );
    wait_for_page(&running, &vault, "days/2026-11-02.html", "omega");
    // Pages are renamed into place one by one: the problems page is only
    // sure to be the new one once the rebuild has said it is done.
    running.wait_for("a rebuild without errors", || {
        running
            .rebuilds()
            .last()
            .is_some_and(|line| line.contains(" 0 errors"))
    });
    assert!(
        !page(&vault, "problems.html")
            .unwrap()
            .contains("daily/2026-11-02.md")
    );
    stop(running, &vault);
}

#[test]
fn a_config_change_rebuilds_everything() {
    let vault = vault();
    let running = watch(&vault, &[]);
    write(&vault, "leverage.yaml", "title: Studio Log\n");
    wait_for_page(&running, &vault, "index.html", "Studio Log");
    wait_for_page(&running, &vault, "days/2026-11-03.html", "Studio Log");
    running.wait_for("the rebuild line", || !running.rebuilds().is_empty());
    let line = running.rebuilds().pop().unwrap();
    assert!(line.contains("] leverage.yaml: 3 notes parsed"), "{line}");
    stop(running, &vault);
}

#[test]
fn a_template_change_rerenders_and_a_failing_one_keeps_the_last_good_site() {
    let day = |marker: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<h1>{marker} {{{{ date }}}}</h1>{{% endblock content %}}"
        )
    };
    let vault = vault()
        .file("leverage.yaml", "templates: site-templates\n")
        .file("site-templates/day.html", day("FIRST"));
    let running = watch(&vault, &[]);
    assert!(
        page(&vault, "days/2026-11-02.html")
            .unwrap()
            .contains("FIRST 2026-11-02")
    );

    write(&vault, "site-templates/day.html", &day("SECOND"));
    wait_for_page(
        &running,
        &vault,
        "days/2026-11-02.html",
        "SECOND 2026-11-02",
    );
    running.wait_for("the rebuild line", || !running.rebuilds().is_empty());
    let line = running.rebuilds().pop().unwrap();
    assert!(
        line.contains("] site-templates/day.html: 0 notes parsed"),
        "{line}"
    );

    // Compiles, but fails to render: the site stays as it was.
    write(
        &vault,
        "site-templates/day.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope.x }}{% endblock content %}",
    );
    // The failure is two lines, written one after the other: wait for the
    // second (CI once read the stderr between them).
    running.wait_for("the failure", || {
        running
            .stderr()
            .contains("error: a template failed to render")
    });
    let stderr = running.stderr();
    assert!(
        stderr.contains("site-templates/day.html: rebuild failed, the last good site stays\nerror: a template failed to render"),
        "{stderr}"
    );
    assert!(
        page(&vault, "days/2026-11-02.html")
            .unwrap()
            .contains("SECOND")
    );

    write(&vault, "site-templates/day.html", &day("THIRD"));
    wait_for_page(&running, &vault, "days/2026-11-02.html", "THIRD 2026-11-02");
    stop(running, &vault);
}

#[test]
fn polling_finds_changes_too() {
    let vault = vault();
    let running = watch(&vault, &["--poll"]);
    write(
        &vault,
        "daily/2026-11-02.md",
        "- #email 45m Answered polled\n",
    );
    wait_for_page(&running, &vault, "days/2026-11-02.html", "polled");
    write(&vault, "daily/2026-11-06.md", "- #email 45m New polled\n");
    wait_for_page(&running, &vault, "days/2026-11-06.html", "New polled");
    stop(running, &vault);
}

#[test]
fn an_unusable_output_folder_is_refused_before_watching() {
    let vault = vault().file("_site/mine.txt", "not leverage's");
    let run = vault.run(&["watch", "."]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("not made by leverage"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(vault.path().join("_site/mine.txt")).unwrap(),
        "not leverage's"
    );
}

// Issue 15 item 4: the watcher never follows a link the build does not
// (`ln -s / x` must not stop it starting, with or without --poll), and never
// rebuilds for a change outside the vault.
#[cfg(unix)]
#[test]
fn item_4_links_out_of_the_vault_are_not_watched() {
    for poll in [false, true] {
        let vault = vault();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/", vault.path().join("root")).unwrap();
        std::os::unix::fs::symlink(outside.path(), vault.path().join("elsewhere")).unwrap();
        let running = watch(&vault, if poll { &["--poll"] } else { &[] });
        fs::write(outside.path().join("new.md"), "- #email 1h outside\n").unwrap();
        write(
            &vault,
            "daily/2026-11-02.md",
            "- #email 45m Answered gamma\n",
        );
        wait_for_page(&running, &vault, "days/2026-11-02.html", "gamma");
        running.wait_for("the rebuild line", || !running.rebuilds().is_empty());
        assert!(
            running
                .rebuilds()
                .iter()
                .all(|line| !line.contains("elsewhere")),
            "{}",
            running.stderr()
        );
        stop(running, &vault);
    }
}

// Issue 15 item 5: renaming the watched vault publishes no empty site and
// does not create the old path again: the watch says so and stops.
#[cfg(unix)]
#[test]
fn item_5_a_renamed_vault_keeps_the_last_good_site_and_stops() {
    let vault = vault();
    let mut running = watch(&vault, &[]);
    let pages = site_files(&vault);
    let moved = vault.path().with_extension("moved");
    fs::rename(vault.path(), &moved).unwrap();
    // An edit in the moved vault, as an editor still open on it would make.
    fs::write(moved.join("daily/2026-11-02.md"), "- #email 1h moved\n").unwrap();
    running.wait_for("the watch to say the vault is gone", || {
        running.stderr().contains("is gone")
    });
    let status = loop {
        if let Some(status) = running.child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = running.stderr();
    fs::rename(&moved, vault.path()).unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert_eq!(site_files(&vault), pages, "the last good site stays whole");
    assert!(
        !page(&vault, "days/2026-11-02.html")
            .unwrap()
            .contains("moved"),
        "{stderr}"
    );
}

// Issue 15 item 12: a rebuild that failed for a cause that clears (here a
// link planted in the output folder, then removed) is tried again without
// any further change in the vault.
#[cfg(unix)]
#[test]
fn item_12_a_failed_rebuild_is_retried_when_the_cause_clears() {
    let vault = vault();
    let outside = tempfile::tempdir().unwrap();
    let running = watch(&vault, &[]);
    let days = site(&vault).join("days");
    fs::rename(&days, outside.path().join("days")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("days"), &days).unwrap();
    write(
        &vault,
        "daily/2026-11-02.md",
        "- #email 45m Answered delta\n",
    );
    running.wait_for("the rebuild to fail", || {
        running.stderr().contains("rebuild failed")
    });
    fs::remove_file(&days).unwrap();
    wait_for_page(&running, &vault, "days/2026-11-02.html", "delta");
    assert!(
        !fs::read_to_string(outside.path().join("days/2026-11-02.html"))
            .unwrap()
            .contains("delta"),
        "nothing written through the link"
    );
    stop(running, &vault);
}

// Issue 13 item 5: a save re-reads only the saved note (no walk of the
// vault: the session looks at one file); a new note walks the vault again,
// since it can change what the walk skips. Counted by the session, not timed.
#[test]
fn issue_13_a_save_re_reads_only_the_saved_note() {
    use leverage::Options;
    use leverage::build::Session;
    use leverage::watch::{self, Event, Filter, Watcher};
    let top = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(top.path()).unwrap();
    let vault = root.join("vault");
    for day in 2..=6 {
        let path = vault.join(format!("daily/2026-11-0{day}.md"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "- 1h #email inbox\n").unwrap();
    }
    let options = Options {
        as_of: Some(jiff::civil::date(2026, 11, 20)),
        output: Some(root.join("site")),
    };
    let mut session = Session::open(&vault, &options).unwrap();
    let mut watcher = Watcher::start(
        &Filter::before_build(&session),
        Duration::from_millis(40),
        false,
    )
    .unwrap();
    let first = session.build();
    assert_eq!(first.as_ref().unwrap().examined, 5);
    fs::write(
        vault.join("daily/2026-11-03.md"),
        "- 2h #email a longer inbox\n",
    )
    .unwrap();
    let stopper = watcher.stopper();
    // Only if the events never come: the assertions below then fail.
    let guard = stopper.clone();
    std::thread::spawn(move || {
        std::thread::sleep(PATIENCE);
        guard.stop();
    });
    let mut rebuilds: Vec<(String, usize, usize)> = Vec::new();
    watch::rebuild_on_change(&mut session, &mut watcher, &first, |event| {
        let Event::Rebuilt { changes, result } = event else {
            return;
        };
        let build = result.as_ref().expect("the rebuild succeeds");
        rebuilds.push((changes.to_string(), build.examined, build.parsed));
        if build.parsed == 0 {
            return;
        }
        if changes.to_string() == "daily/2026-11-03.md" {
            fs::write(vault.join("daily/2026-11-09.md"), "- 1h #deep new\n").unwrap();
        } else {
            stopper.stop();
        }
    });
    let parsing: Vec<&(String, usize, usize)> = rebuilds
        .iter()
        .filter(|(_, _, parsed)| *parsed > 0)
        .collect();
    assert_eq!(
        parsing,
        [
            &("daily/2026-11-03.md".to_owned(), 1, 1),
            &("daily/2026-11-09.md".to_owned(), 6, 1)
        ],
        "{rebuilds:?}"
    );
    let page = fs::read_to_string(root.join("site/days/2026-11-03.html")).unwrap();
    assert!(page.contains("a longer inbox"), "{page}");
}
