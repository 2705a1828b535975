//! "A vault with these files": a temporary vault built file by file, and the
//! `leverage` binary run on it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A temporary vault. The folder is removed when the value is dropped.
pub struct Vault {
    dir: TempDir,
}

/// What one run of the binary gave back.
#[derive(Debug)]
pub struct Run {
    /// The raw output, for byte-level checks.
    pub output: std::process::Output,
    pub stdout: String,
    pub stderr: String,
    /// `None` when the process was killed by a signal (a crash).
    pub code: Option<i32>,
}

impl Vault {
    pub fn new() -> Self {
        Vault {
            dir: tempfile::Builder::new()
                .prefix("leverage-it-")
                .tempdir()
                .expect("a temporary folder"),
        }
    }

    /// Writes `contents` to the vault-relative `path`, creating its folders.
    #[must_use]
    pub fn file(self, path: &str, contents: impl AsRef<[u8]>) -> Self {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a file path has a parent"))
            .expect("creating folders");
        std::fs::write(&full, contents).expect("writing a note");
        self
    }

    /// Creates an empty folder (for example one whose name ends in `.md`).
    #[must_use]
    pub fn dir(self, path: &str) -> Self {
        std::fs::create_dir_all(self.dir.path().join(path)).expect("creating a folder");
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `leverage ARGS` with the vault as working directory, so the
    /// commands' default vault `.` is this one.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    /// `leverage export --format json`, parsed. Panics unless it exits 0.
    pub fn export(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["export", "--format", "json"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        assert_eq!(run.code, Some(0), "export failed: {}", run.stderr);
        serde_json::from_str(&run.stdout).expect("the export is JSON")
    }
}

/// SPEC 3 (v2): without `--as-of` or `as_of:`, "today" is
/// `SOURCE_DATE_EPOCH`, else the clock. Every run of the binary in the tests
/// sets it, so no test depends on the day it runs: 2026-11-30, 12:00 UTC.
pub const SOURCE_DATE_EPOCH: &str = "1796040000";

/// Runs `leverage ARGS` in `dir`, without colour.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("leverage")
        .expect("the leverage binary")
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("running leverage");
    Run {
        stdout: String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8"),
        code: output.status.code(),
        output,
    }
}

/// The bundled example vault.
pub fn example_vault() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-vault")
}
