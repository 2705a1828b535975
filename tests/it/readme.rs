//! The README's terminal examples are what the tool prints today.
//!
//! Every fenced block of README.md names what it holds. A `console` block is a
//! transcript: lines `$ leverage ARGS` followed by what that command prints
//! (standard output and error, as a terminal shows them, without colour).
//! This test runs each transcript in the vault [`scenes`] builds for it and
//! compares, so when the output changes the README must change with it; the
//! failure prints the real output, ready to paste. A block without a language
//! fails: output is shown as `console`, so that it is checked.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::vault::Vault;

/// The languages a README block may be in besides `console`: inputs, never
/// output, so not checked here.
const INPUTS: &[&str] = &["sh", "markdown", "yaml"];

/// The vault each transcript runs in, by the transcript's first command line.
fn scenes() -> Vec<(&'static str, Vault)> {
    vec![(
        "leverage check",
        Vault::new().file(
            "daily/2026-11-03.md",
            "---\ndate: 2026-11-31\n---\n\
             - 1h #email inbox\n\
             - 2h wireframes [[Client Onbording]] #design\n",
        ),
    )]
}

/// A fenced block of README.md.
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    language: String,
    lines: Vec<String>,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (index, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                open = Some(Block {
                    line: index + 1,
                    language: info.trim().to_owned(),
                    lines: Vec::new(),
                });
            }
            (Some(_), Some(_)) => found.extend(open.take()),
            (Some(block), None) => block.lines.push(line.to_owned()),
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md ends inside a fenced block");
    found
}

/// One command of a transcript and the output the README shows for it.
struct Step {
    command: String,
    shown: String,
}

fn steps(block: &Block) -> Vec<Step> {
    let mut found: Vec<Step> = Vec::new();
    for line in &block.lines {
        if let Some(command) = line.strip_prefix("$ ") {
            found.push(Step {
                command: command.trim().to_owned(),
                shown: String::new(),
            });
        } else {
            let step = found.last_mut().unwrap_or_else(|| {
                panic!(
                    "README.md line {}: a console block starts with `$ leverage …`",
                    block.line
                )
            });
            step.shown.push_str(line);
            step.shown.push('\n');
        }
    }
    found
}

/// Runs `command` in `dir` with standard output and error in one pipe, so the
/// text interleaves as on a terminal.
fn run(dir: &Path, command: &str) -> String {
    assert!(
        !command.contains(['\'', '"', '\\', '|', '>', '<', '$', '`']),
        "`{command}`: a README transcript here runs plain words, no shell syntax"
    );
    let mut words = command.split_whitespace();
    assert_eq!(
        words.next(),
        Some("leverage"),
        "`{command}`: a README transcript runs leverage"
    );
    let (mut reader, writer) = std::io::pipe().expect("a pipe");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leverage"))
        .args(words)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(writer.try_clone().expect("a second end of the pipe"))
        .stderr(writer)
        .spawn()
        .expect("running leverage");
    // The command, and with it the parent's ends of the pipe, is gone once
    // spawned: reading stops when the child exits.
    let mut output = String::new();
    reader
        .read_to_string(&mut output)
        .expect("the output is UTF-8");
    child.wait().expect("waiting for leverage");
    output
}

/// Trailing spaces and blank lines at the end are not part of what is shown.
fn normalised(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_owned()
}

#[test]
fn every_block_of_the_readme_says_what_it_holds() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("reading README.md");
    for block in blocks(&readme) {
        assert!(
            block.language == "console" || INPUTS.contains(&block.language.as_str()),
            "README.md line {}: a fenced block in `{}`; write output as a `console` \
             transcript (checked by this test) or an input as one of {INPUTS:?}",
            block.line,
            block.language,
        );
    }
}

#[test]
fn every_terminal_transcript_of_the_readme_is_what_leverage_prints() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("reading README.md");
    let mut scenes = scenes();
    let mut mismatches = Vec::new();
    for block in blocks(&readme).iter().filter(|b| b.language == "console") {
        let steps = steps(block);
        let first = &steps
            .first()
            .expect("a console block runs a command")
            .command;
        let Some(at) = scenes.iter().position(|(command, _)| command == first) else {
            panic!(
                "README.md line {}: `$ {first}` has no vault to run in: \
                 add one to scenes() in tests/it/readme.rs",
                block.line
            );
        };
        let (_, vault) = scenes.remove(at);
        for step in steps {
            let printed = run(vault.path(), &step.command);
            if normalised(&printed) != normalised(&step.shown) {
                mismatches.push(format!(
                    "README.md line {}: `$ {}` shows\n{}\nbut prints\n{}",
                    block.line,
                    step.command,
                    normalised(&step.shown),
                    normalised(&printed),
                ));
            }
        }
    }
    let unused: Vec<&str> = scenes.iter().map(|(command, _)| *command).collect();
    assert!(
        unused.is_empty(),
        "scenes for transcripts README.md no longer shows: {unused:?}"
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
