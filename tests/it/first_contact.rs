//! First contact (issue 12, SPEC 9 (v2)): `check` on a noisy vault prints
//! what a person reads: errors in full, three warnings of each code and a
//! count, a summary by code, the coverage paragraph and what to do.

use std::path::Path;

use crate::vault::Vault;

/// tests/fixtures/noisy, copied into a temporary vault (with extra files).
fn noisy(extra: &[(&str, &str)]) -> Vault {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/noisy");
    let mut vault = Vault::new();
    for entry in walk(&root) {
        let relative = entry
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        vault = vault.file(&relative, std::fs::read(&entry).unwrap());
    }
    for (path, text) in extra {
        vault = vault.file(path, text);
    }
    vault
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// SPEC 9 (v2): a vault with hundreds of unresolved links and no timed
/// activity reads in under 60 lines, ending with what to do.
#[test]
fn check_of_a_noisy_vault_is_short_and_ends_with_what_to_do() {
    let run = noisy(&[]).run(&["check", "--as-of", "2026-10-11"]);
    assert_eq!(run.code, Some(1), "one error: {}", run.stderr);
    insta::assert_snapshot!("check_noisy", run.stderr);
    let lines = run.stderr.lines().count();
    assert!(lines < 60, "{lines} lines");
    assert_eq!(run.stderr.matches("warning[unresolved-link]").count(), 3);
    assert!(
        run.stderr
            .contains("… and 458 more unresolved-link warnings")
    );
    assert!(run.stderr.contains("error[invalid-yaml]"), "errors in full");
    assert!(run.stderr.contains("no done activity has a duration"));
    assert!(run.stderr.contains("#reveiw (80, did you mean #review?)"));
    let advice = run.stderr.find("what to do:").unwrap();
    assert!(advice > run.stderr.find("checked ").unwrap());
}

/// SPEC 9 (v2): `--verbose` prints every warning in full.
#[test]
fn check_verbose_prints_every_warning() {
    let run = noisy(&[]).run(&["check", "--verbose"]);
    assert_eq!(run.stderr.matches("warning[unresolved-link]").count(), 461);
    assert!(!run.stderr.contains("more unresolved-link"));
}

/// SPEC 9 (v2) allow: the allowed code is in no output, and the summary counts it.
#[test]
fn check_with_allow_counts_what_it_silenced() {
    let vault = noisy(&[("leverage.yaml", "allow: [unresolved-link]\n")]);
    let run = vault.run(&["check", "--as-of", "2026-10-11"]);
    insta::assert_snapshot!("check_noisy_allowed", run.stderr);
    assert!(!run.stderr.contains("warning[unresolved-link]"));
    assert!(run.stderr.contains("unresolved-link  461 allowed"));
    let export = vault.export(&[]);
    assert!(
        export["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "unresolved-link")
    );
}

/// SPEC 9 (v2) coverage: shares of done activities timed, categorized (by
/// rule) and linked; no advice when the picture is sound.
#[test]
fn coverage_paragraph_of_a_sound_vault() {
    let vault = Vault::new()
        .file(
            "daily/2026-11-02.md",
            "- #email 10m [[Goal]]\n- EAP meeting 20m\n- #code 1h\n- [category:: strategy] 30m\n",
        )
        .file("outcomes/Goal.md", "");
    let run = vault.run(&["check"]);
    insta::assert_snapshot!("coverage_sound", run.stderr);
    assert!(!run.stderr.contains("what to do"));
}

/// SPEC 9 (v2): a folder without Markdown says so and names the folder; a
/// folder without daily notes says how many Markdown files it read and the
/// naming rule.
#[test]
fn an_empty_or_wrong_folder_says_so() {
    let empty = Vault::new().dir("pictures");
    let run = empty.run(&["check"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("nothing read: . holds no Markdown file"),
        "{}",
        run.stderr
    );
    let downloads = Vault::new()
        .file("README.md", "# a program\n")
        .file("notes/meeting notes.md", "- #x talked\n");
    let run = downloads.run(&["check"]);
    assert!(
        run.stderr
            .contains("none of the 2 Markdown files is a daily note"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`2026-11-02.md`"), "{}", run.stderr);
}

/// `build` prints the same coverage lines, without the block to paste.
#[test]
fn build_prints_the_coverage_lines() {
    let vault = noisy(&[]);
    let run = vault.run(&["build", "--as-of", "2026-10-11"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("timed            0 of 361 done activities (0 %)")
    );
    assert!(run.stderr.contains("no done activity has a duration"));
    assert!(!run.stderr.contains("categories:"));
    assert!(run.stderr.lines().count() < 60, "{}", run.stderr);
}
