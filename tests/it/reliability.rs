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
