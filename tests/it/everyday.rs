//! The everyday commands: `init`, `new`, `explain`, `report --format
//! markdown`, `completions` and `man`, run as a new user would.

use crate::vault::{Vault, run_in};

#[test]
fn init_creates_a_vault_that_checks_clean_and_never_overwrites() {
    let vault = Vault::new().file("leverage.yaml", "title: Mine\n");
    let run = vault.run(&["init", "."]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("kept    ./leverage.yaml (it exists)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("created ./templates/Daily.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("created ./outcomes/Example outcome.md"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(vault.path().join("leverage.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert!(vault.path().join("daily").is_dir());
    assert!(
        std::fs::read_to_string(vault.path().join(".gitignore"))
            .unwrap()
            .contains("_site/")
    );

    let fresh = Vault::new();
    assert_eq!(fresh.run(&["init", "notes"]).code, Some(0));
    let check = run_in(&fresh.path().join("notes"), &["check", "--deny-warnings"]);
    assert_eq!(
        check.code,
        Some(0),
        "a new vault checks clean: {}",
        check.stderr
    );
}

#[test]
fn new_fills_the_template_prints_the_path_and_never_overwrites() {
    let vault = Vault::new()
        .file("leverage.yaml", "daily_folder: journal\ndaily_format: YYYY_MM_DD\ndaily_template: tpl/Day.md\nignore: [tpl/]\n")
        .file("tpl/Day.md", "---\ndate: {{date}}\n---\n# {{weekday}} ({{week}})\n- ");
    let run = vault.run(&["new", "--date", "2026-11-23"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "./journal/2026_11_23.md");
    let path = vault.path().join("journal/2026_11_23.md");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "---\ndate: 2026-11-23\n---\n# Monday (2026-W48)\n- "
    );

    std::fs::write(&path, "mine").unwrap();
    let again = vault.run(&["new", "--date", "2026-11-23"]);
    assert_eq!(again.code, Some(0));
    assert_eq!(
        again.stdout.trim(),
        "./journal/2026_11_23.md",
        "the path, so $EDITOR opens it"
    );
    assert!(again.stderr.contains("exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}

#[test]
fn new_follows_obsidian_daily_note_settings() {
    let vault = Vault::new().file(
        ".obsidian/daily-notes.json",
        r#"{"folder": "Daily", "format": "YYYY-MM-DD"}"#,
    );
    let run = vault.run(&["new", "--date", "2026-01-05"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        vault.path().join("Daily/2026-01-05.md").is_file(),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_spells_out_how_an_activity_was_read() {
    let vault = Vault::new()
        .file("outcomes/Referrals.md", "---\naliases: [intros]\n---\n")
        .file("daily/2026-11-02.md", "- #client/acme [[intros]] Acme\n  - 1h30m call with their PM #call\n  - 2h #system checklist [saves:: 2h/week]\n");
    let run = vault.run(&["explain", "daily/2026-11-02.md:2"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for expected in [
        "own: #call; inherited from the items above: #client/acme",
        "90 min, from `1h30m`",
        "category  coordination (linear, value 0): by the tag #call",
        "[[intros]] (inherited, 1:16) → outcomes/Referrals.md → outcome `outcomes/referrals`",
        "90 min / 60 × 0 (coordination) × 1 (links an outcome) = 0.00 leverage-hours",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            run.stdout
        );
    }
    let nested = vault.run(&["explain", ".", "daily/2026-11-02.md:1"]);
    assert!(
        nested
            .stdout
            .contains("execution (linear, value 0.25): by the tag #client/acme, as #client"),
        "{}",
        nested.stdout
    );
    let saves = vault.run(&["explain", "daily/2026-11-02.md:3"]);
    assert!(
        saves.stdout.contains("saves     120 min every 7 days"),
        "{}",
        saves.stdout
    );

    let missing = vault.run(&["explain", "daily/2026-11-02.md:9"]);
    assert_eq!(missing.code, Some(1));
    assert!(
        missing
            .stderr
            .contains("activities of this note start on lines 1, 2, 3"),
        "{}",
        missing.stderr
    );
    assert_eq!(vault.run(&["explain", "nonsense"]).code, Some(2));
}

/// `explain` reads an activity's figures from its report row: a planned
/// system's payback agrees with its accrued 0 min, and a planned item of a
/// note after the as-of date (SPEC 3 (v2) upcoming) is explained, not "no
/// list item".
#[test]
fn explain_takes_a_planned_systems_and_an_upcoming_items_figures_from_the_report() {
    let vault = Vault::new()
        .file(
            "daily/2026-10-01.md",
            "- 2h #email\n- [ ] 2h #system template [saves:: 1h/week]\n",
        )
        .file(
            "daily/2026-11-20.md",
            "- [ ] 1h #system plan the next one\n",
        );
    let planned = vault.run(&["explain", "daily/2026-10-01.md:2", "--as-of", "2026-11-13"]);
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    assert!(
        planned
            .stdout
            .contains("0 min accrued from 2026-10-01 to 2026-11-13 (whole periods only), payback 0.00× its own time"),
        "{}",
        planned.stdout
    );
    let upcoming = vault.run(&["explain", "daily/2026-11-20.md:1", "--as-of", "2026-11-13"]);
    assert_eq!(upcoming.code, Some(0), "{}", upcoming.stderr);
    for expected in [
        "status    planned\n          upcoming: its note is dated after the as-of date",
        "time      60 min, from `1h`",
        "leverage  none: only done activities count",
    ] {
        assert!(
            upcoming.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            upcoming.stdout
        );
    }
}

#[test]
fn report_as_markdown_is_a_table() {
    let vault = Vault::new().file("daily/2026-11-02.md", "- 2h #system\n- 2h #email\n");
    let run = vault.run(&[
        "report",
        "--format",
        "markdown",
        "--last",
        "2",
        "--as-of",
        "2026-11-02",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "| weeks | 2026-W44 | 2026-W45 |");
    assert_eq!(lines[1], "| --- | ---: | ---: |");
    assert!(
        lines.contains(&"| leverage* | – | 2.0h 50% |"),
        "{}",
        run.stdout
    );
    assert!(
        lines.contains(&"| compounding share | – | 50% |"),
        "{}",
        run.stdout
    );
}

#[test]
fn completions_man_and_version() {
    let vault = Vault::new();
    for shell in ["bash", "zsh", "fish"] {
        let run = vault.run(&["completions", shell]);
        assert_eq!(run.code, Some(0));
        assert!(
            run.stdout.contains("explain"),
            "{shell} completions name the commands"
        );
    }
    let man = vault.run(&["man"]);
    assert!(
        man.stdout.starts_with(".ie") && man.stdout.contains(".TH leverage 1"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    let version = vault.run(&["--version"]);
    assert_eq!(
        version.stdout.trim(),
        format!("leverage {}", env!("CARGO_PKG_VERSION"))
    );
    for command in [
        "init",
        "new",
        "explain",
        "completions",
        "man",
        "watch",
        "serve",
    ] {
        let help = vault.run(&[command, "--help"]);
        assert!(
            help.stdout.contains("Examples:"),
            "`{command} --help` shows examples"
        );
    }
}

/// The daily template `init` writes holds no item that counts before the
/// person writes one: a new note adds no time and no activity.
#[test]
fn a_new_note_from_the_init_template_counts_nothing() {
    let vault = Vault::new();
    assert_eq!(vault.run(&["init", "."]).code, Some(0));
    let new = vault.run(&["new", ".", "--date", "2026-11-02"]);
    assert_eq!(new.code, Some(0), "{}", new.stderr);
    let doc = vault.export(&["--as-of", "2026-11-02"]);
    assert_eq!(doc["activities"], serde_json::json!([]));
    assert_eq!(doc["days"][0]["id"], "2026-11-02");
    assert_eq!(doc["days"][0]["minutes"], 0);
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
}
