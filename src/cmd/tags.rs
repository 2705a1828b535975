//! `leverage tags`: every tag with its activities, hours, category and the
//! rule that chose it; unmapped tags first, by hours, with a likely typo of a
//! mapped tag named; `--format yaml` prints the `categories:` block to paste.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use leverage::coverage::{self, TagLine, UnmappedTag};
use leverage::format;

use crate::cli::{TagsArgs, TagsFormat};

pub fn run(args: &TagsArgs) -> anyhow::Result<ExitCode> {
    let compiled = leverage::compile(
        &args.vault.vault,
        &leverage::Options {
            as_of: args.as_of.as_of,
            ..leverage::Options::default()
        },
    )?;
    let lines = coverage::tag_lines(&compiled.journal, &compiled.config);
    let text = match args.format {
        TagsFormat::Text => table(&lines),
        TagsFormat::Yaml => yaml(&lines, &compiled.config),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn table(lines: &[TagLine]) -> String {
    if lines.is_empty() {
        return "no tags: no done activity carries a #tag\n".to_owned();
    }
    let width = lines
        .iter()
        .map(|line| line.tag.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(3);
    let category_width = lines
        .iter()
        .filter_map(|line| line.category.as_ref().map(|(name, _)| name.len()))
        .max()
        .unwrap_or(0)
        .max(8);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:>10}  {:>7}  {:<category_width$}  rule",
        "tag", "activities", "hours", "category"
    );
    for line in lines {
        let (category, rule) = match (&line.category, &line.typo_of) {
            (Some((name, mapped)), _) if *mapped == line.tag => {
                (name.as_str(), format!("tag #{mapped}"))
            }
            (Some((name, mapped)), _) => (name.as_str(), format!("parent tag #{mapped}")),
            (None, Some(typo)) => ("-", format!("unmapped: did you mean #{typo}?")),
            (None, None) => ("-", "unmapped".to_owned()),
        };
        let _ = writeln!(
            out,
            "{:<width$}  {:>10}  {:>7}  {category:<category_width$}  {rule}",
            format!("#{}", line.tag),
            line.activities,
            format::hours_fixed(line.minutes),
        );
    }
    out
}

/// The `categories:` block with every unmapped tag: guessed ones in their
/// category, the rest in a comment.
fn yaml(lines: &[TagLine], config: &leverage::config::Config) -> String {
    let unmapped: Vec<UnmappedTag> = lines
        .iter()
        .filter(|line| line.category.is_none())
        .map(|line| UnmappedTag {
            tag: line.tag.clone(),
            activities: line.activities,
            minutes: line.minutes,
            guess: line.guess.clone(),
        })
        .collect();
    let refs: Vec<&UnmappedTag> = unmapped.iter().collect();
    format!(
        "# leverage.yaml: `categories:` replaces the built-in categories, so this block lists them all\n{}",
        coverage::categories_yaml(config, &refs)
    )
}
