//! Reading the notes people already write (SPEC v2 sections 1 to 5): fixture
//! vaults of real shapes, each asserting exactly which notes are daily notes,
//! which links resolve and which problems are reported.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::vault::{Vault, run_in};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn export(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["export", "--format", "json"];
    args.extend_from_slice(extra);
    let run = run_in(dir, &args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the export is JSON")
}

fn strings(doc: &Value, list: &str, key: &str) -> Vec<String> {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap().to_owned())
        .collect()
}

/// The files that hold activities: the daily notes with something in them.
fn daily_files(doc: &Value) -> BTreeSet<String> {
    strings(doc, "activities", "file").into_iter().collect()
}

/// `(file, code)` of every diagnostic.
fn problems(doc: &Value) -> Vec<(String, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// SPEC 3 (v2) which notes are daily notes; SPEC 1 (v2) sync copies; SPEC 9
/// (v2) severity of a page's front-matter.
#[test]
fn daily_notes_periods_posts_created_dates_and_sync_copies() {
    let doc = export(&fixture("daily-notes"), &["--as-of", "2026-11-08"]);
    assert_eq!(
        daily_files(&doc),
        [
            "Daily/2026-11-02.md",
            "Daily/2026-11-03 Tuesday.md",
            "Daily/2026-11-04.md",
            "Daily/2026-11-07 Weekend in Rome.md",
            "Journal/Friday notes.md",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect()
    );
    assert_eq!(
        strings(&doc, "days", "id"),
        [
            "2026-11-02",
            "2026-11-03",
            "2026-11-04",
            "2026-11-06",
            "2026-11-07"
        ]
    );
    // The copy of 2026-11-04 is not counted: 60 minutes, not 135.
    let nov_4 = &doc["days"][2];
    assert_eq!(nov_4["minutes"], 60);
    assert_eq!(
        problems(&doc),
        pairs(&[
            ("Daily/2026-11-04 2.md", "sync-copy"),
            (
                "Daily/2026-11-05.sync-conflict-20261105-091500-ABC1234.md",
                "sync-copy"
            ),
            ("Daily/Ideas.md", "undated-journal"),
        ])
    );
    let check = run_in(&fixture("daily-notes"), &["check", "--as-of", "2026-11-08"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("a sync tool's copy of Daily/2026-11-04.md, not read"),
        "{}",
        check.stderr
    );
}

/// SPEC 3 (v2): Logseq's `:journal/file-name-format` names its journals.
#[test]
fn logseq_journal_file_name_format_from_config_edn() {
    let doc = export(&fixture("logseq-custom"), &["--as-of", "2026-11-08"]);
    assert_eq!(
        daily_files(&doc),
        ["journals/02-11-2026.md", "journals/03-11-2026.md"]
            .into_iter()
            .map(str::to_owned)
            .collect()
    );
    assert_eq!(strings(&doc, "days", "id"), ["2026-11-02", "2026-11-03"]);
    assert_eq!(
        problems(&doc),
        pairs(&[("journals/notes.md", "undated-journal")])
    );
}

/// SPEC 3 (v2) fortnights; SPEC 8 (v2): the export's `fortnights` have the
/// figures of weeks.
#[test]
fn fortnights_in_the_export() {
    let vault = Vault::new()
        .file("daily/2026-11-02.md", "- #email 30m\n")
        .file("daily/2026-11-15.md", "- #email 45m\n")
        .file("daily/2026-11-16.md", "- #email 1h\n");
    let doc = vault.export(&["--as-of", "2026-11-20"]);
    let fortnights: Vec<(String, String, String, u64)> = doc["fortnights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_owned(),
                f["start"].as_str().unwrap().to_owned(),
                f["end"].as_str().unwrap().to_owned(),
                f["minutes"].as_u64().unwrap(),
            )
        })
        .collect();
    let row = |id: &str, start: &str, end: &str, minutes| {
        (id.to_owned(), start.to_owned(), end.to_owned(), minutes)
    };
    assert_eq!(
        fortnights,
        [
            row("2026-F23", "2026-11-02", "2026-11-15", 75),
            row("2026-F24", "2026-11-16", "2026-11-29", 60),
        ]
    );
    assert_eq!(doc["fortnights"][0]["by_category"]["coordination"], 75);
}

/// SPEC 3 (v2) notes after the as-of date: read (links resolve), in no
/// figure or list; planned items are `upcoming`; done is `future-done`; a
/// check-in there does not count; a period starting after it is not reported.
#[test]
fn notes_after_the_as_of_date_are_upcoming() {
    let vault = Vault::new()
        .file("outcomes/Launch.md", "---\nbaseline: 0\ntarget: 10\n---\n")
        .file("daily/2026-11-20.md", "- #email 30m [[Launch]]\n")
        .file(
            "daily/2026-11-23.md",
            "- [ ] #planning 1h next week [[Launch]]\n- [x] #email 20m done too early\n- #metrics sign-ups [[Launch]] [value:: 7]\n- [ ] #writing [[Nowhere]]\n",
        );
    let doc = vault.export(&["--as-of", "2026-11-20"]);
    assert_eq!(strings(&doc, "activities", "file"), ["daily/2026-11-20.md"]);
    let upcoming = doc["upcoming"].as_array().unwrap();
    let places: Vec<(String, u64)> = upcoming
        .iter()
        .map(|a| {
            (
                a["file"].as_str().unwrap().to_owned(),
                a["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("daily/2026-11-23.md".to_owned(), 1),
            ("daily/2026-11-23.md".to_owned(), 4)
        ]
    );
    assert_eq!(upcoming[0]["status"], "planned");
    assert_eq!(upcoming[0]["minutes"], 60);
    assert_eq!(upcoming[0]["outcomes"][0], "outcomes/launch");
    assert!(upcoming[0]["leverage_hours"].is_null());
    let launch = &doc["outcomes"][0];
    assert_eq!(launch["checkins"].as_array().unwrap().len(), 0);
    assert_eq!(launch["invested_minutes"], 30);
    assert_eq!(strings(&doc, "days", "id"), ["2026-11-20"]);
    assert_eq!(strings(&doc, "weeks", "id"), ["2026-W47"]);
    let codes: Vec<(String, String)> = problems(&doc);
    assert!(
        codes.contains(&("daily/2026-11-23.md".to_owned(), "future-done".to_owned())),
        "{codes:?}"
    );
    // The dashboard lists them by their words, like every activity row
    // (issue 14 item 6): no tags, durations or boxes.
    let run = vault.run(&["build", "--as-of", "2026-11-20"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let index = std::fs::read_to_string(vault.path().join("_site/index.html")).unwrap();
    assert!(
        index.contains("<li>2026-11-23: next week (1 h)</li>"),
        "{index}"
    );
    // A week later, the same notes count.
    let later = vault.export(&["--as-of", "2026-11-27"]);
    assert_eq!(later["upcoming"], serde_json::json!([]));
    assert_eq!(later["outcomes"][0]["checkins"][0]["value"], 7);
}

/// SPEC 3 (v2) the as-of date: `--as-of`, then the config's `as_of`, then
/// `SOURCE_DATE_EPOCH` (the tests' runs set it to 2026-11-30).
#[test]
fn as_of_flag_then_config_then_source_date_epoch() {
    let vault = Vault::new().file("daily/2026-11-02.md", "- #email 30m\n");
    assert_eq!(vault.export(&[])["as_of"], "2026-11-30");
    let vault = vault.file("leverage.yaml", "as_of: 2026-11-10\n");
    assert_eq!(vault.export(&[])["as_of"], "2026-11-10");
    assert_eq!(
        vault.export(&["--as-of", "2026-11-04"])["as_of"],
        "2026-11-04"
    );
    let run = vault.run(&["check", "--as-of", "2026-11-01"]);
    assert!(run.stderr.contains("future-done"), "{}", run.stderr);
    let bad = Vault::new().file("leverage.yaml", "as_of: soon\n");
    let run = bad.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("`as_of` must be a date YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}

/// SPEC 4 (v2) links: Logseq namespace file names (`Client___Acme.md`,
/// `BMC%2FGarden.md`, the legacy `Old.Namespace.md` in a graph),
/// percent-decoded names, a `title::` with `/`, journal titles; an unresolved
/// link warns only on an activity, a detail or a check-in, with "did you
/// mean"; never for an attachment. SPEC 5 (v2): an outcome's default title is
/// its decoded name, its id comes from the raw path.
#[test]
fn namespaces_percent_encoded_names_and_journal_titles_resolve() {
    let dir = fixture("logseq-links");
    let doc = export(&dir, &["--as-of", "2026-11-04"]);
    let outcomes_of = |line: u64| {
        doc["activities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["file"] == "journals/2026_11_04.md" && a["line"] == line)
            .unwrap()["outcomes"]
            .clone()
    };
    assert_eq!(outcomes_of(1), serde_json::json!(["pages/client-acme"]));
    assert_eq!(outcomes_of(2), serde_json::json!(["pages/moa-20party"]));
    let titles: Vec<(String, String)> = doc["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_owned(),
                o["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("pages/client-acme".to_owned(), "Client/Acme".to_owned()),
            ("pages/moa-20party".to_owned(), "Moa Party".to_owned()),
        ]
    );
    // Lines 3 to 6 (a `title::` with `/`, `BMC%2FGarden`, `Old.Namespace`,
    // `[[Nov 3rd, 2026]]`) resolve; `Someday Page` and `Another Missing` are on
    // no activity, `Some Book` on no item that counts, `diagram.png` an attachment.
    let unresolved: Vec<(u64, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "unresolved-link", "{d}");
            (
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        unresolved,
        [
            (
                7,
                "link to `Referal Pipeline` does not resolve to any note".to_owned()
            ),
            (
                8,
                "link to `Not Written Yet` does not resolve to any note".to_owned()
            ),
        ]
    );
    let check = run_in(&dir, &["check", "--as-of", "2026-11-04", "--verbose"]);
    assert!(
        check
            .stderr
            .contains("hint: did you mean `[[Referral Pipeline]]`?"),
        "{}",
        check.stderr
    );
}

/// SPEC 4 (v2): the dotted legacy namespace is Logseq's alone; elsewhere
/// `v1.2 notes.md` is just a name. Percent-decoding and `___` hold anywhere.
#[test]
fn dotted_names_are_namespaces_only_in_a_logseq_graph() {
    let vault = Vault::new()
        .file("outcomes/Old.Namespace.md", "")
        .file("outcomes/Client___Acme.md", "")
        .file(
            "daily/2026-11-04.md",
            "- #ops [[Old/Namespace]] 10m\n- #ops [[Old.Namespace]] 10m\n- #client [[Client/Acme]] 1h\n",
        );
    let doc = vault.export(&["--as-of", "2026-11-04"]);
    let linked: Vec<String> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcomes"].to_string())
        .collect();
    assert_eq!(
        linked,
        [
            "[]",
            "[\"outcomes/old-namespace\"]",
            "[\"outcomes/client-acme\"]"
        ]
    );
    assert_eq!(
        problems(&doc),
        pairs(&[("daily/2026-11-04.md", "unresolved-link")])
    );
}

/// SPEC 1: a note that is not UTF-8 is an error when its path alone makes it
/// a daily or outcome note, else a warning (SPEC 9 (v2) severity follows impact).
#[test]
fn not_utf8_is_an_error_only_where_it_loses_a_figure() {
    let vault = Vault::new()
        .file("daily/2026-11-02.md", b"- #email 30m caf\xe9\n".as_slice())
        .file("pages/Old export.md", b"caf\xe9\n".as_slice());
    let doc = vault.export(&["--as-of", "2026-11-02"]);
    let found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        pairs(&[
            ("daily/2026-11-02.md", "error"),
            ("pages/Old export.md", "warning")
        ])
    );
}

/// SPEC 3 (v2): the planned items of notes after the as-of date are shown as
/// upcoming on the dashboard, and move none of its figures.
#[test]
fn the_dashboard_lists_upcoming_planned_items() {
    let vault = Vault::new()
        .file("daily/2026-11-20.md", "- #email 30m inbox\n")
        .file(
            "daily/2026-11-23.md",
            "- [ ] #planning 1h Plan the Q&A week\n",
        );
    let out = tempfile::tempdir().unwrap();
    let site = out.path().to_str().unwrap();
    let run = vault.run(&["build", ".", "-o", site, "--as-of", "2026-11-20"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(page.contains("<h2>Upcoming</h2>"), "{page}");
    assert!(
        // By its words, like every activity row (issue 14 item 6).
        page.contains("2026-11-23: Plan the Q&amp;A week (1 h)"),
        "{page}"
    );
    assert!(
        page.contains("0.5"),
        "the figures are the 30 minutes of the 20th"
    );
    // Once its day has come, the item is no longer upcoming.
    let run = vault.run(&["build", ".", "-o", site, "--as-of", "2026-11-24"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(!page.contains("<h2>Upcoming</h2>"), "{page}");
}
