//! `leverage init`: a new vault, never overwriting anything.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::InitArgs;

/// What a new vault starts with: path, contents.
const FILES: [(&str, &str); 4] = [
    (
        "leverage.yaml",
        include_str!("../../templates/vault/leverage.yaml"),
    ),
    (
        "templates/Daily.md",
        include_str!("../../templates/vault/Daily.md"),
    ),
    (
        "outcomes/Example outcome.md",
        include_str!("../../templates/vault/Example outcome.md"),
    ),
    (
        ".gitignore",
        include_str!("../../templates/vault/gitignore"),
    ),
];

pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let root = &args.dir;
    std::fs::create_dir_all(root.join("daily"))
        .with_context(|| format!("cannot create `{}`", root.display()))?;
    let mut created = Vec::new();
    let mut kept = Vec::new();
    for (path, text) in FILES {
        if create_new(&root.join(path), text)? {
            created.push(path);
        } else {
            kept.push(path);
        }
    }
    for path in &created {
        println!("created {}", root.join(path).display());
    }
    for path in &kept {
        println!("kept    {} (it exists)", root.join(path).display());
    }
    println!(
        "\nNext: `leverage new {0}` writes today's note, `leverage build {0}` the site.",
        root.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to `path` only if nothing is there; says whether it wrote.
pub fn create_new(path: &Path, text: &str) -> anyhow::Result<bool> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create `{}`", folder.display()))?;
    }
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => {
            file.write_all(text.as_bytes())
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            Ok(true)
        }
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error).with_context(|| format!("cannot create `{}`", path.display())),
    }
}
