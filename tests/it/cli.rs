//! The command line (SPEC 9): exit codes, the check summary, diagnostics as a
//! compiler prints them, help texts, and the terminal report.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::vault::{Vault, example_vault, run_in};

/// A vault with one problem of each kind the check command reports.
fn vault_with_problems() -> Vault {
    Vault::new()
        .file("leverage.yaml", "colour: blue\nunlinked_factor: 2\n")
        .file(
            "daily/2026-11-02.md",
            "---\ntitle: [unclosed\n---\n- #x 10m\n",
        )
        .file("daily/2026-11-03.md", "---\ntitle: open\n- #x 10m\n")
        .file("daily/2026-02-30.md", "- #x 10m\n")
        .file(
            "daily/2026-11-04.md",
            "- #x 10m [[Nowhere]]\n- #x 10m [value:: 3]\n",
        )
        .file(
            "outcomes/Goal.md",
            "---\nbaseline: lots\ntarget: [1]\nstatus: maybe\ndate: 2026-13-01\n---\n",
        )
}

/// SPEC 9: `check` exits 0 without errors and ends with a one-line summary.
#[test]
fn check_of_a_clean_vault_exits_0_with_a_summary() {
    let vault = Vault::new()
        .file(
            "daily/2026-11-02.md",
            "- #email 10m [[Goal]]\n- #code 20m\n",
        )
        .file("daily/2026-11-03.md", "- #system 1h\n")
        .file("outcomes/Goal.md", "")
        .file("outcomes/Other Goal.md", "")
        .file(
            "pages/Reading.md",
            "- #books 1h is not an activity in a page\n",
        )
        .file("pages/People.md", "");
    let run = vault.run(&["check"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "checked 6 notes (2 daily, 2 outcomes, 2 pages): 3 activities, 0 errors, 0 warnings\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

/// SPEC 9: `check` exits 1 with errors, and still lists every problem of the vault.
#[test]
fn check_with_errors_exits_1() {
    let run = vault_with_problems().run(&["check"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "\nchecked 5 notes (3 daily, 1 outcome, 1 page): 4 activities, 7 errors, 4 warnings\n"
        ),
        "{}",
        run.stderr
    );
}

/// SPEC 9: warnings alone exit 0, and 1 with `--deny-warnings`.
#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let vault = Vault::new().file("daily/2026-11-02.md", "- #x 10m [[Nowhere]]\n");
    let run = vault.run(&["check"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("0 errors, 1 warning"), "{}", run.stderr);
    let run = vault.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // Without any problem, --deny-warnings is still 0.
    let clean = Vault::new().file("daily/2026-11-02.md", "- #x 10m\n");
    assert_eq!(clean.run(&["check", "--deny-warnings"]).code, Some(0));
}

/// SPEC 9: 2 when the tool could not run: no such vault, a file for a vault.
#[test]
fn missing_vault_exits_2() {
    let vault = Vault::new().file("note.md", "x\n");
    for command in ["check", "export", "report"] {
        let run = vault.run(&[command, "no-such-folder"]);
        assert_eq!(run.code, Some(2), "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("no-such-folder"),
            "{command}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "{command}");
        let run = vault.run(&[command, "note.md"]);
        assert_eq!(run.code, Some(2), "{command} on a file: {}", run.stderr);
    }
}

/// SPEC 9: bad arguments exit 2 with a message naming the problem.
#[test]
fn bad_arguments_exit_2() {
    let vault = Vault::new().file("daily/2026-11-02.md", "- #x 10m\n");
    for args in [
        &["export", "--as-of", "2026-13-01"][..],
        &["report", "--as-of", "2026-02-30"],
        &["export", "--as-of", "yesterday"],
        &["export", "--format", "xml"],
        &["report", "--last", "0"],
        &["check", "--no-such-flag"],
        &["frobnicate"],
    ] {
        let run = vault.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("error"), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
    let run = vault.run(&["export", "--as-of", "2026-13-01"]);
    assert!(run.stderr.contains("2026-13-01"), "{}", run.stderr);
}

/// SPEC 9 / STYLE habit 4: `path:line:col: severity: message`, the source line,
/// a caret under the column, a `hint:`; sorted by file, line, column.
#[test]
fn diagnostics_print_like_a_compiler() {
    let run = vault_with_problems().run(&["check"]);
    insta::assert_snapshot!("check_diagnostics", run.stderr);
    let blocks: Vec<&str> = run.stderr.split("\n\n").collect();
    // Every block but the summary by code (and the coverage) is one diagnostic.
    let (summary, diagnostics) = blocks.split_last().unwrap();
    assert!(summary.contains("\nchecked "), "{summary}");
    assert_eq!(diagnostics.len(), 11);
    let mut keys = Vec::new();
    for block in diagnostics {
        let lines: Vec<&str> = block.lines().collect();
        let header: Vec<&str> = lines[0].splitn(4, ':').collect();
        let (line, column): (usize, usize) =
            (header[1].parse().unwrap(), header[2].parse().unwrap());
        assert!(
            header[3].starts_with(" error[") || header[3].starts_with(" warning["),
            "{block}"
        );
        // The source line, then a caret under the column.
        let source = lines
            .iter()
            .find(|l| l.starts_with(&format!("{line} | ")))
            .unwrap_or_else(|| panic!("no source line in {block}"));
        let caret = lines
            .iter()
            .find(|l| l.trim_end().ends_with('^'))
            .unwrap_or_else(|| panic!("no caret in {block}"));
        let gutter = source.find(" | ").unwrap() + 3;
        assert_eq!(caret.find('^').unwrap(), gutter + column - 1, "{block}");
        assert!(lines.iter().any(|l| l.starts_with("hint: ")), "{block}");
        keys.push((header[0].to_owned(), line, column));
    }
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(!run.stderr.contains('\u{1b}'), "no colour with NO_COLOR");
}

/// SPEC 9: the diagnostics are in the JSON export too, and export itself succeeds.
#[test]
fn export_lists_the_same_diagnostics() {
    let vault = vault_with_problems();
    let doc = vault.export(&[]);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 11);
    let errors = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(errors, 7);
    let config_key = diagnostics
        .iter()
        .find(|d| d["file"] == "leverage.yaml" && d["line"] == 1)
        .expect("the unknown config key");
    assert_eq!(config_key["severity"], "warning");
    assert_eq!(config_key["column"], 1);
    let config_value = diagnostics
        .iter()
        .find(|d| d["file"] == "leverage.yaml" && d["line"] == 2)
        .expect("the bad config value");
    assert_eq!(config_value["severity"], "error");
    assert_eq!(config_value["column"], 18);
}

/// STYLE: every command's `--help` shows examples.
#[test]
fn help_mentions_examples() {
    for command in [
        &["--help"][..],
        &["check", "--help"],
        &["export", "--help"],
        &["report", "--help"],
    ] {
        let run = run_in(&example_vault(), command);
        assert_eq!(run.code, Some(0), "{command:?}");
        assert!(
            run.stdout.contains("Examples:"),
            "{command:?}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("leverage "), "{command:?}");
    }
}

/// The terminal report of the example vault, without colour when `NO_COLOR`
/// is set or standard output is not a terminal.
#[test]
fn report_of_the_example_vault() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = run_in(root.as_ref(), &["report", "example-vault"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'));
    insta::assert_snapshot!("report_example_vault", run.stdout);

    // Piped, without NO_COLOR: still no escape codes.
    Command::cargo_bin("leverage")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", crate::vault::SOURCE_DATE_EPOCH)
        .args([
            "report",
            "example-vault",
            "--period",
            "month",
            "--last",
            "2",
        ])
        .current_dir(root)
        .env_remove("NO_COLOR")
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("2026-10"))
        .stdout(predicate::str::contains("2026-11"));
}

/// Colour is decided once, from `--color`, then `NO_COLOR` and the terminal:
/// `--color always` colours the report and the diagnostics even when piped
/// and with `NO_COLOR` set (the flag wins), with the same text once the
/// escapes are taken out; `--color never` colours nothing.
#[test]
fn color_flag_decides_for_report_and_diagnostics() {
    let root: &std::path::Path = env!("CARGO_MANIFEST_DIR").as_ref();
    let plain = run_in(root, &["report", "example-vault"]);
    let always = run_in(root, &["report", "example-vault", "--color", "always"]);
    assert!(always.stdout.contains("\u{1b}[1m"), "{}", always.stdout);
    let stripped = always
        .stdout
        .replace("\u{1b}[1m", "")
        .replace("\u{1b}[2m", "")
        .replace("\u{1b}[33m", "")
        .replace("\u{1b}[0m", "");
    assert_eq!(stripped, plain.stdout);
    let never = run_in(root, &["report", "example-vault", "--color", "never"]);
    assert_eq!(never.stdout, plain.stdout);

    let vault = vault_with_problems();
    let check = |color: &str| {
        Command::cargo_bin("leverage")
            .unwrap()
            .args(["check", "--color", color])
            .arg(vault.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    assert!(check("always").stderr.contains(&0x1b));
    assert!(!check("never").stderr.contains(&0x1b));
}

/// SPEC 9 (v2) allow: an allowed code is in no output, JSON included, and the
/// summary still counts it.
#[test]
fn allowed_codes_are_in_no_output_but_counted() {
    let vault = Vault::new()
        .file("leverage.yaml", "allow: [unresolved-link]\n")
        .file(
            "daily/2026-11-02.md",
            "- #x 10m [[Nowhere]]\n- #x 10m [[Elsewhere]] [value:: 3]\n",
        );
    let run = vault.run(&["check"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("[unresolved-link]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("[value-without-outcome]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unresolved-link        2 allowed"),
        "{}",
        run.stderr
    );
    let export = vault.run(&["export"]);
    assert!(
        !export.stdout.contains("unresolved-link"),
        "{}",
        export.stdout
    );
    assert!(export.stdout.contains("value-without-outcome"));
}
