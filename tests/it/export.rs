//! `leverage export` (SPEC 8) on the example vault: the whole document as a
//! snapshot, the CSV form, and determinism (SPEC 10: the same vault gives the
//! same bytes whatever the order the file system lists files in).

use std::path::{Path, PathBuf};

use crate::vault::{example_vault, run_in};

fn export(dir: &Path, args: &[&str]) -> String {
    let run = run_in(dir, args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of `from`, relative, sorted by path.
fn files(from: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(from).unwrap().to_path_buf());
            }
        }
    }
    found.sort();
    found
}

/// Copies `files` of `from` into a new temporary folder named `prefix…`, in
/// the order given (folders created as the first file in them is).
fn copy(from: &Path, files: &[PathBuf], prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    for file in files {
        let target = dir.path().join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(file), target).unwrap();
    }
    dir
}

/// SPEC 8: the JSON document of the example vault, as a reviewed snapshot.
#[test]
fn json_of_the_example_vault() {
    let text = export(root(), &["export", "example-vault"]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["as_of"], "2026-11-13");
    assert_eq!(
        doc["diagnostics"].as_array().unwrap().len(),
        0,
        "{:#}",
        doc["diagnostics"]
    );
    insta::assert_snapshot!("export_example_vault", text);
}

/// SPEC 8: `--format csv` is the activities with a header row: one row each.
#[test]
fn csv_has_a_header_and_a_row_per_activity() {
    let json = export(root(), &["export", "example-vault"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let activities = doc["activities"].as_array().unwrap();
    let csv = export(root(), &["export", "example-vault", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "file",
            "line",
            "date",
            "text",
            "status",
            "tags",
            "category",
            "kind",
            "minutes",
            "outcomes",
            "leverage_hours",
            "saves_minutes",
            "saves_per_days",
            "accrued_minutes",
            "payback"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), activities.len());
    assert!(
        rows.len() > 100,
        "the example vault has a few weeks of notes"
    );
    // Rows are the JSON's activities in the same order.
    for (row, activity) in rows.iter().zip(activities) {
        assert_eq!(&row[0], activity["file"].as_str().unwrap());
        assert_eq!(row[1], activity["line"].to_string());
        assert_eq!(&row[3], activity["text"].as_str().unwrap());
        let minutes = activity["minutes"]
            .as_u64()
            .map(|m| m.to_string())
            .unwrap_or_default();
        assert_eq!(row[8], minutes);
    }
}

/// SPEC 10: two runs give the same bytes.
#[test]
fn export_is_byte_identical_across_runs() {
    for format in ["json", "csv"] {
        let args = ["export", "example-vault", "--format", format];
        let first = run_in(root(), &args).output;
        let second = run_in(root(), &args).output;
        assert!(first.status.success() && second.status.success());
        assert!(!first.stdout.is_empty());
        assert!(first.stdout == second.stdout, "two {format} exports differ");
    }
}

/// SPEC 10: the order files are created in (so listed in), and the name of
/// the folder around the vault, change nothing.
#[test]
fn export_is_independent_of_file_order_and_location() {
    let from = example_vault();
    let mut order = files(&from);
    let forward = copy(&from, &order, "leverage-forward-");
    order.reverse();
    let backward = copy(&from, &order, "zz-other-place-");
    let as_of = ["--as-of", "2026-11-20"];
    for format in ["json", "csv"] {
        let a = export(
            forward.path(),
            &["export", ".", "--format", format, as_of[0], as_of[1]],
        );
        let b = export(
            backward.path(),
            &["export", ".", "--format", format, as_of[0], as_of[1]],
        );
        assert!(a == b, "{format} exports differ with the order of files");
        let original = export(
            root(),
            &[
                "export",
                "example-vault",
                "--format",
                format,
                as_of[0],
                as_of[1],
            ],
        );
        assert!(
            a == original,
            "{format} export depends on where the vault is"
        );
    }
}
