use super::*;
use std::collections::BTreeMap;

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        // The stat file holds times and inodes: never the same in two folders.
        .filter(|entry| entry.file_name() != crate::write::STATS)
        .map(|entry| {
            let path = entry.path().strip_prefix(root).unwrap();
            (
                path.display().to_string(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

fn fresh(vault: &Path, top: &Path, name: &str) -> BTreeMap<String, Vec<u8>> {
    let output = top.join(name);
    Session::open(vault, &options_for(&output))
        .unwrap()
        .build()
        .unwrap();
    files(&output)
}

fn options_for(output: &Path) -> Options {
    Options {
        as_of: None,
        output: Some(output.to_owned()),
    }
}

fn write_note(vault: &Path, path: &str, text: &str) {
    let path = vault.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_rebuild_renders_what_a_change_reaches_and_equals_a_fresh_build() {
    let top = tempfile::tempdir().unwrap();
    let vault = top.path().join("vault");
    let write = |path: &str, text: &str| write_note(&vault, path, text);
    write("outcomes/Pipeline.md", "---\ntarget: 5\n---\n# Pipeline\n");
    write("pages/Acme.md", "# Acme\n\nA client.\n");
    write(
        "daily/2026-10-01.md",
        "- 1h Inbox #email\n- 2h Deck #sales [[Pipeline]]\n",
    );
    write(
        "daily/2026-10-20.md",
        "- 30m Call #call [[Acme]]\n- 1h #client/acme work\n",
    );
    write(
        "daily/2026-11-02.md",
        "- 2h System #system [[Pipeline]] [value:: 2]\n",
    );
    // Weeks far from the edits: the site has pages an edit cannot reach
    // beside the indexes that every figure reaches.
    write("daily/2026-08-03.md", "- 1h Inbox #email\n");
    write("daily/2026-08-11.md", "- 1h Inbox #email\n");
    let output = top.path().join("site");
    let mut session = Session::open(&vault, &options_for(&output)).unwrap();
    let first = session.build().unwrap();

    let edits = [
        // Figures of a day, its periods, a tag and an outcome change.
        (
            "daily/2026-10-20.md",
            "- 45m Call #call [[Pipeline]]\n- 1h #client/acme work\n",
        ),
        // Only the text of an activity.
        (
            "daily/2026-10-01.md",
            "- 1h Inbox zero #email\n- 2h Deck #sales [[Pipeline]]\n",
        ),
        // A page's own text.
        ("pages/Acme.md", "# Acme\n\nOur first client.\n"),
        // An outcome note: every page that shows the outcome.
        (
            "outcomes/Pipeline.md",
            "---\ntitle: Referral pipeline\ntarget: 6\n---\n# Pipeline\n",
        ),
        // A new tag and a new problem.
        (
            "daily/2026-11-02.md",
            "- 2h System #system/new [[Pipeline]] [value:: x]\n",
        ),
        // Issue 14 item 4: a link in a day's prose puts the day in the
        // backlinks of the page it links to.
        (
            "daily/2026-08-03.md",
            "- 1h Inbox #email\n\nMet the people of [[Acme]] today.\n",
        ),
        // A check-in that is no activity: the outcome's shift in every
        // period up to its next check-in.
        (
            "daily/2026-08-11.md",
            "- 1h Inbox #email\n- Pipeline now [[Pipeline]] [value:: 1]\n",
        ),
        // And the link taken away again.
        ("daily/2026-08-03.md", "- 1h Inbox #email\n"),
    ];
    for (round, (path, text)) in edits.into_iter().enumerate() {
        // A new size, so the change is seen whatever the time stamps' resolution.
        write(path, text);
        let build = session.build().unwrap();
        assert_eq!(build.parsed, 1, "{path}");
        assert_eq!(
            files(&output),
            fresh(&vault, top.path(), &format!("fresh{round}")),
            "after editing {path}"
        );
        if round < 3 || round == 5 || round == 7 {
            assert!(
                build.written.written < first.pages / 2,
                "{path}: {build:?}",
                build = build.written
            );
        }
    }
}

/// Issue 13: the archive page of a year is re-rendered when one of its
/// activities changes, and a rebuild still equals a fresh build.
#[test]
fn a_rebuild_renders_the_archive_of_the_changed_year() {
    let top = tempfile::tempdir().unwrap();
    let vault = top.path().join("vault");
    let write = |path: &str, text: &str| write_note(&vault, path, text);
    for day in 1..=28 {
        for (year, month) in [(2025, 3), (2026, 2)] {
            let date = format!("{year}-{month:02}-{day:02}");
            write(
                &format!("daily/{date}.md"),
                &format!("- 30m #writing on {date}\n"),
            );
        }
    }
    let output = top.path().join("site");
    let mut session = Session::open(&vault, &options_for(&output)).unwrap();
    session.build().unwrap();
    assert!(output.join("archive/tags/writing/2025.html").is_file());
    let edits = [
        ("daily/2025-03-05.md", "- 45m #writing an essay in 2025\n"),
        (
            "daily/2026-02-10.md",
            "- 45m #writing #reading both, in 2026\n",
        ),
    ];
    for (round, (path, text)) in edits.into_iter().enumerate() {
        write(path, text);
        session.build().unwrap();
        assert_eq!(
            files(&output),
            fresh(&vault, top.path(), &format!("fresh{round}")),
            "after editing {path}"
        );
    }
    let archive = std::fs::read_to_string(output.join("archive/tags/writing/2025.html")).unwrap();
    assert!(archive.contains("an essay in 2025"), "{archive}");
}

/// Issue 13: a rebuild resolves only the notes that changed, unless a note
/// came, went or changed its names: then a link in an unchanged note can
/// name another note, and every note is resolved again.
#[test]
fn a_rebuild_resolves_unchanged_notes_again_when_the_names_change() {
    let top = tempfile::tempdir().unwrap();
    let vault = top.path().join("vault");
    let write = |path: &str, text: &str| write_note(&vault, path, text);
    write("outcomes/Pipeline.md", "---\ntarget: 5\n---\n# Pipeline\n");
    write("daily/2026-10-01.md", "- 1h Deck #sales [[Deals]]\n");
    write("daily/2026-10-02.md", "- 1h Inbox #email\n");
    let output = top.path().join("site");
    let mut session = Session::open(&vault, &options_for(&output)).unwrap();
    let outcomes = |build: &Build| build.compiled.journal.activities[0].outcomes.clone();
    assert!(outcomes(&session.build().unwrap()).is_empty());
    // Another note changes: the first one's resolution is kept.
    write("daily/2026-10-02.md", "- 2h Inbox #email\n");
    assert!(outcomes(&session.build().unwrap()).is_empty());
    // The outcome takes the name the first note links to.
    write(
        "outcomes/Pipeline.md",
        "---\ntarget: 5\naliases: [Deals]\n---\n# Pipeline\n",
    );
    let build = session.build().unwrap();
    assert_eq!(outcomes(&build), vec![0]);
    assert_eq!(files(&output), fresh(&vault, top.path(), "fresh"));
}
