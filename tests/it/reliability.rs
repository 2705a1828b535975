//! Issue 15: the output folder, interrupted builds, names and the watcher's
//! reach. One regression test per item, named after it (`item_N_...`); the
//! watcher's and server's items live in `watch.rs` and `serve.rs`.

use std::fs;

use crate::vault::{Vault, run_in};

// Item 1: `..` in the output path is resolved before the refusals.
#[test]
fn item_1_dot_dot_in_the_output_path_cannot_pass_the_refusals() {
    let top = tempfile::tempdir().unwrap();
    let vault = top.path().join("vault");
    fs::create_dir_all(vault.join("daily")).unwrap();
    fs::write(vault.join("daily/2026-11-02.md"), "- 1h #email inbox\n").unwrap();
    let docs = top.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("index.html"), "the user's own").unwrap();

    let run = run_in(
        top.path(),
        &["build", "vault", "-o", "vault/nothing/../../docs"],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("not made by leverage"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(docs.join("index.html")).unwrap(),
        "the user's own"
    );

    let run = run_in(top.path(), &["build", "vault", "-o", "vault/x/../.."]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("contains the vault"), "{}", run.stderr);
    assert!(!top.path().join("index.html").exists());

    fs::write(vault.join("leverage.yaml"), "output: _site/../daily\n").unwrap();
    let run = run_in(top.path(), &["build", "vault"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(!vault.join("daily/index.html").exists());
}

// Item 8: a note's terminal escapes never reach the terminal raw.
#[test]
fn item_8_explain_draws_escapes_like_check() {
    let vault = Vault::new().file(
        "daily/2026-11-02.md",
        "- 1h #email inbox \u{1b}]0;pwned\u{7} \u{1b}[2J done\n",
    );
    let run = vault.run(&["explain", "daily/2026-11-02.md:1"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "{:?}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\u{241b}]0;pwned\u{2407}"),
        "{}",
        run.stdout
    );
}

// Item 9: CSV formula injection, in the export and in the site's data file.
#[test]
fn item_9_csv_cells_that_look_like_formulas_are_neutralised() {
    let vault = Vault::new().file(
        "daily/2026-11-02.md",
        "- =HYPERLINK(\"http://evil.example\",\"x\") 1h #email\n- @SUM(A1) 30m #email\n",
    );
    let run = vault.run(&["export", "--format", "csv", "--as-of", "2026-11-03"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for line in run.stdout.lines().skip(1) {
        let text = line.split(',').nth(3).unwrap();
        assert!(text.starts_with("\"'=") || text.starts_with("'@"), "{line}");
    }
    let run = vault.run(&["build", "--as-of", "2026-11-03"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let data = fs::read_to_string(vault.path().join("_site/data/activities.csv")).unwrap();
    assert!(
        data.contains("\"'=HYPERLINK(") && data.contains("'@SUM(A1)"),
        "{data}"
    );
}

fn tree(root: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_type().is_dir())
        // The stat file holds times and inodes: never the same in two folders.
        .filter(|entry| entry.file_name() != ".leverage-stats")
        .map(|entry| {
            let path = entry.path().strip_prefix(root).unwrap();
            let bytes = fs::read(entry.path()).unwrap_or_default();
            (path.display().to_string(), bytes)
        })
        .collect()
}

/// A small vault: `weeks` weeks of daily notes, a page and an outcome.
fn small_vault(root: &std::path::Path, weeks: u32, word: &str) {
    for day in 0..weeks * 7 {
        let date = jiff::civil::date(2026, 9, 1)
            .checked_add(jiff::Span::new().days(i64::from(day)))
            .unwrap();
        let path = root.join(format!("daily/{date}.md"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(
            path,
            format!("- 1h #email/{word} inbox\n- 2h #build/t{day} [[Goal]] {word}\n"),
        )
        .unwrap();
    }
    fs::create_dir_all(root.join("pages")).unwrap();
    fs::write(
        root.join("pages/Goal.md"),
        format!("---\ntype: outcome\n---\n# Goal {word}\n"),
    )
    .unwrap();
}

// Items 2 and 7: `build` killed (SIGKILL) at random points, first builds and
// rebuilds alike: the next build succeeds and equals a fresh one, with no
// lock and no debris.
#[test]
fn item_2_crash_consistency_a_killed_build_is_finished_by_the_next() {
    let top = tempfile::tempdir().unwrap();
    let (old, new) = (top.path().join("old"), top.path().join("new"));
    small_vault(&old, 2, "old");
    small_vault(&new, 1, "new");
    let build = |vault: &std::path::Path, out: &std::path::Path| {
        run_in(
            top.path(),
            &[
                "build",
                vault.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--as-of",
                "2026-10-01",
            ],
        )
    };
    let reference = top.path().join("reference");
    let started = std::time::Instant::now();
    assert_eq!(build(&new, &reference).code, Some(0));
    let took = started.elapsed();
    let expected = tree(&reference);
    let binary = assert_cmd::cargo::cargo_bin("leverage");
    let out = top.path().join("out");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for seed in 0..20 {
        if seed % 2 == 0 {
            // A first build into a folder that does not exist yet.
            let _ = fs::remove_dir_all(&out);
        } else {
            assert_eq!(build(&old, &out).code, Some(0));
        }
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // Anywhere from the start to a little past the end of a build.
        let delay = took.mul_f64((state >> 33) as f64 / f64::from(1u32 << 31) * 1.2);
        let mut child = std::process::Command::new(&binary)
            .args([
                "build",
                new.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--as-of",
                "2026-10-01",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let next = build(&new, &out);
        assert_eq!(next.code, Some(0), "seed {seed}: {}", next.stderr);
        let got = tree(&out);
        let differ: Vec<&String> = expected
            .keys()
            .chain(got.keys())
            .filter(|path| expected.get(*path) != got.get(*path))
            .collect();
        assert!(
            differ.is_empty(),
            "seed {seed}, killed after {delay:?}: {differ:?}"
        );
    }
}

// Item 6: someone else writes the output folder of a running session (a
// `build --as-of` into serve's folder): the session's next rebuild does not
// trust the pages on disk, and equals a fresh build.
#[test]
fn item_6_a_rebuild_after_someone_else_wrote_the_folder_equals_a_fresh_build() {
    use leverage::Options;
    use leverage::build::Session;
    let top = tempfile::tempdir().unwrap();
    let vault = top.path().join("vault");
    small_vault(&vault, 2, "ours");
    let out = top.path().join("site");
    let options = |out: &std::path::Path| Options {
        as_of: Some(jiff::civil::date(2026, 9, 20)),
        output: Some(out.to_owned()),
    };
    let mut session = Session::open(&vault, &options(&out)).unwrap();
    session.build().unwrap();
    // Another build, another "now", into the same folder.
    let run = run_in(
        top.path(),
        &["build", "vault", "-o", "site", "--as-of", "2026-12-31"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // An edit that reaches only its own day's pages.
    fs::write(
        vault.join("daily/2026-09-03.md"),
        "- 1h #email/ours inbox, edited\n",
    )
    .unwrap();
    session.build().unwrap();
    let fresh = top.path().join("fresh");
    Session::open(&vault, &options(&fresh))
        .unwrap()
        .build()
        .unwrap();
    let (got, expected) = (tree(&out), tree(&fresh));
    let differ: Vec<&String> = expected
        .keys()
        .chain(got.keys())
        .filter(|path| expected.get(*path) != got.get(*path))
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
}

// Item 3: every name the site makes fits the file system (note names of 252+
// bytes, 84 CJK characters, tags of 251+ characters are shortened with a
// stable hash); `a.md` beside a folder `a.html/` is a located diagnostic and
// the rest of the site is written.
#[test]
fn item_3_long_names_and_clashing_pages_never_fail_the_build() {
    let cjk = "漢".repeat(84);
    let long = "n".repeat(252);
    let tag = "t".repeat(260);
    let vault = Vault::new()
        .file(&format!("pages/{cjk}.md"), "# CJK\n")
        .file(&format!("pages/{long}.md"), "# Long\n")
        .file(
            "daily/2026-11-02.md",
            format!("- 1h #{tag} long tag\n- 30m #email [[{cjk}]]\n"),
        )
        .file("a.md", "# A\n")
        .file("a.html/b.md", "# B\n");
    let run = vault.run(&["build", "--as-of", "2026-11-03"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("a.md:1:1: error[page-name-clash]: the page `notes/a.html` clashes with `notes/a.html/b.html`"),
        "{}",
        run.stderr
    );
    let site = vault.path().join("_site");
    assert!(site.join("notes/a.html/b.html").is_file());
    assert!(site.join("index.html").is_file());
    let names: Vec<String> = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|name| name.len() <= 255));
    assert!(
        names
            .iter()
            .any(|name| name.starts_with(&cjk[..30]) && is_html(name))
    );
    assert!(
        names
            .iter()
            .any(|name| name.starts_with("nnnn") && is_html(name))
    );
    assert!(
        names
            .iter()
            .any(|name| name.starts_with("tttt") && is_html(name))
    );
    // The day page links to the shortened page, which exists.
    let day = fs::read_to_string(site.join("days/2026-11-02.html")).unwrap();
    let short = names.iter().find(|name| name.starts_with("tttt")).unwrap();
    assert!(
        day.contains(short.as_str()),
        "the link uses the same short name"
    );
    // A second build writes nothing: the names are stable.
    let again = vault.run(&["build", "--as-of", "2026-11-03"]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
}

fn is_html(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|extension| extension == "html")
}

// Item 12: `#admin` and `#ad\u{200d}min` look the same and are one tag, with
// a warning where the invisible character is.
#[test]
fn item_12_tags_that_look_the_same_are_one_tag() {
    let vault = Vault::new().file(
        "daily/2026-11-02.md",
        "- 1h #admin inbox\n- 30m #ad\u{200d}min tickets\n",
    );
    let doc = vault.export(&["--as-of", "2026-11-03"]);
    let tags: Vec<(&str, u64)> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["tag"].as_str().unwrap(), t["minutes"].as_u64().unwrap()))
        .collect();
    assert_eq!(tags, [("admin", 90)]);
    let check = vault.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("daily/2026-11-02.md:2:7: warning[tag-normalised]"),
        "{}",
        check.stderr
    );
}

#[derive(Debug, Clone)]
enum Edit {
    Write(u8, u8),
    Delete(u8),
    /// A note renamed to another day's name (over it, when that one exists).
    RenameNote(u8, u8),
    /// `leverage.yaml` written with one of a few texts, or removed (4).
    Config(u8),
    RenameFolder,
    RenameVault,
}

fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        (0u8..6, 0u8..4).prop_map(|(day, text)| Edit::Write(day, text)),
        (0u8..6).prop_map(Edit::Delete),
        (0u8..6, 0u8..6).prop_map(|(from, to)| Edit::RenameNote(from, to)),
        (0u8..5).prop_map(Edit::Config),
        Just(Edit::RenameFolder),
        Just(Edit::RenameVault),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

    // Items 2, 5 and 7 under random edits: notes written, deleted and
    // renamed, the config written or removed, a folder of notes renamed, the
    // vault itself renamed (the session refuses to build, the site stays);
    // after each rebuild the site equals a fresh build of the vault as it
    // is. Issue 13 item 5: the session is told which notes changed, as
    // `watch` tells it (it then looks at those alone, or walks when one is
    // new or gone), and the data files are committed after the pages.
    #[test]
    fn random_edits_folder_and_vault_renames_keep_the_site_equal_to_a_fresh_build(
        edits in proptest::collection::vec(edit(), 1..6)
    ) {
        use leverage::Options;
        use leverage::build::{Session, VaultGone};
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("vault");
        let out = top.path().join("site");
        fs::create_dir_all(vault.join("daily")).unwrap();
        fs::write(vault.join("daily/2026-11-02.md"), "- 1h #email start\n").unwrap();
        let options = |out: &std::path::Path| Options {
            as_of: Some(jiff::civil::date(2026, 11, 20)),
            output: Some(out.to_owned()),
        };
        let mut session = Session::open(&vault, &options(&out)).unwrap();
        session.build().unwrap();
        let mut folder = "daily";
        for (round, edit) in edits.into_iter().enumerate() {
            let relative = |day: u8| format!("{folder}/2026-11-{:02}.md", 2 + day);
            let note = |day: u8| vault.join(relative(day));
            let mut told = None;
            match edit {
                Edit::Write(day, text) => {
                    let text = ["- 1h #email a\n", "- 2h #system/x [[Goal]] b\n", "- 30m #email/y c\n- 1h #deep d\n", "# page\n"][usize::from(text)];
                    fs::write(note(day), text).unwrap();
                    told = Some(vec![relative(day)]);
                }
                Edit::Delete(day) => {
                    let _ = fs::remove_file(note(day));
                    told = Some(vec![relative(day)]);
                }
                Edit::RenameNote(from, to) => {
                    let _ = fs::rename(note(from), note(to));
                    told = Some(vec![relative(from), relative(to)]);
                }
                Edit::Config(text) => {
                    let path = vault.join("leverage.yaml");
                    match ["title: Another\n", "ignore: ['*/2026-11-03.md']\n", "title: [broken\n", "outcome_dirs: [daily]\n"].get(usize::from(text)) {
                        Some(text) => fs::write(path, text).unwrap(),
                        None => {
                            let _ = fs::remove_file(path);
                        }
                    }
                }
                Edit::RenameFolder => {
                    let to = if folder == "daily" { "archive" } else { "daily" };
                    fs::rename(vault.join(folder), vault.join(to)).unwrap();
                    folder = to;
                }
                Edit::RenameVault => {
                    let before = tree(&out);
                    let moved = top.path().join("moved");
                    fs::rename(&vault, &moved).unwrap();
                    let error = session.build().err().expect("no build without the vault");
                    proptest::prop_assert!(error.is::<VaultGone>());
                    proptest::prop_assert!(!vault.exists(), "the old path is not created again");
                    fs::rename(&moved, &vault).unwrap();
                    proptest::prop_assert_eq!(tree(&out).len(), before.len());
                    // The session is over; a new one goes on.
                    session = Session::open(&vault, &options(&out)).unwrap();
                }
            }
            session.changed_notes(told);
            session.build().unwrap();
            let fresh = top.path().join(format!("fresh{round}"));
            Session::open(&vault, &options(&fresh)).unwrap().build().unwrap();
            let (got, expected) = (tree(&out), tree(&fresh));
            let differ: Vec<&String> = expected
                .keys()
                .chain(got.keys())
                .filter(|path| expected.get(*path) != got.get(*path))
                .collect();
            proptest::prop_assert!(differ.is_empty(), "round {}: {:?}", round, differ);
        }
    }
}
