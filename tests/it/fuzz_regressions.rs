//! Every input the fuzzer found a problem with (tests/fixtures/fuzz/TARGET/),
//! replayed through the very function the fuzz target runs (fuzz/src/lib.rs,
//! included here), so a fixed bug stays fixed without building the fuzzer.
//! Inputs that once hung only have to finish: nothing here measures time.
//! How to fuzz, and how to add an input: scripts/fuzz.sh.

use std::fs;
use std::path::Path;

#[path = "../../fuzz/src/lib.rs"]
mod targets;

/// The inputs kept for `target`, by file name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut found: Vec<(String, Vec<u8>)> = fs::read_dir(&folder)
        .map(|entries| {
            entries
                .map(|entry| entry.expect("listing the fuzz inputs").path())
                .filter(|path| path.is_file())
                .map(|path| {
                    (
                        path.file_name().unwrap().to_string_lossy().into_owned(),
                        fs::read(&path).expect("reading a fuzz input"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Runs each input, naming the one that panics.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let inputs = inputs(target);
    for (name, bytes) in &inputs {
        let outcome = std::panic::catch_unwind(|| run(bytes));
        assert!(outcome.is_ok(), "{target}/{name} panics again");
    }
    inputs.len()
}

#[test]
fn parse_note_inputs() {
    assert!(replay("parse_note", targets::parse_note) > 0);
}

#[test]
fn config_inputs() {
    replay("config", targets::config);
}

#[test]
fn inline_inputs() {
    replay("inline", targets::inline);
}

/// The targets accept anything, including what is not UTF-8 or is empty.
#[test]
fn targets_take_any_bytes() {
    for bytes in [&b""[..], b"\xff\xfe", b"---", b"---\n---\n", b"- 1h #a\n"] {
        targets::parse_note(bytes);
        targets::config(bytes);
        targets::inline(bytes);
    }
}
