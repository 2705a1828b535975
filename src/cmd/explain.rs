//! `leverage explain PATH:LINE`: how one activity was read and scored, with
//! every rule that decided a figure spelled out.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use leverage::config::{Category, Config};
use leverage::diagnostic::printable;
use leverage::opportunity::{self, Verification, WeekMinutes};
use leverage::parse::activity::{Target, Why};
use leverage::period::{Kind as PeriodKind, Period};
use leverage::reading::{self, Reading, To, Whose};
use leverage::report::ActivityRow;
use leverage::score::{self, Scored};

use crate::cli::ExplainArgs;

pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let (vault, place) = match args.args.as_slice() {
        [place] => (Path::new("."), place.as_str()),
        [vault, place] => (Path::new(vault.as_str()), place.as_str()),
        _ => unreachable!("clap takes one or two values"),
    };
    let Some((path, line)) = place
        .rsplit_once(':')
        .and_then(|(path, line)| Some((path, line.parse::<u32>().ok()?)))
    else {
        anyhow::bail!("`{place}` is not PATH:LINE, e.g. daily/2026-11-02.md:12");
    };
    let (compiled, report) = super::compile_report(vault, args.as_of.as_of)?;
    let path = vault_relative(&compiled.vault, path);
    let Some(reading) = reading::read(&compiled.journal, &path, line) else {
        eprintln!("error: no note `{}` in the vault", printable(&path));
        return Ok(ExitCode::FAILURE);
    };
    let item = match reading {
        Reading::Activity(item) => item,
        Reading::Checkin(value) => {
            eprintln!(
                "{path}:{line} is no activity (no tag, duration, field, task box, marker or clock of its own), but a check-in: `value:: {value}` for the outcome it links"
            );
            return Ok(ExitCode::FAILURE);
        }
        Reading::Skipped(why) => {
            match why {
                Why::DetailOf(activity) => eprintln!(
                    "{path}:{line} is a detail of the activity on line {activity}: it has no tag, duration, field, task box, marker or clock of its own, so its outcome links count for that activity"
                ),
                Why::NoSignal => eprintln!(
                    "{path}:{line} is no activity: it has no tag, duration, `time::` field, task box, Logseq marker or clock of its own, is under no activity, and its list is under no activity heading (`activity_headings`)"
                ),
                Why::Never => eprintln!(
                    "{path}:{line} is no activity: it is empty, or only an image, an embed of a file, a quote, code or a rule"
                ),
                Why::Cancelled => {
                    eprintln!("{path}:{line} is cancelled (`[-]`, `CANCELED` or `❌`): ignored");
                }
            }
            return Ok(ExitCode::FAILURE);
        }
        Reading::NoItem(lines) => {
            let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
            eprintln!("error: no list item starts at {path}:{line}");
            eprintln!(
                "hint: activities of this note start on lines {}",
                if lines.is_empty() {
                    "(none)".to_owned()
                } else {
                    lines.join(", ")
                }
            );
            return Ok(ExitCode::FAILURE);
        }
        Reading::NotDaily => {
            eprintln!(
                "error: {path} is a page, not a daily note, so its list items are not activities"
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    // Its figures are its report row's.
    let is_it = |row: &&ActivityRow| row.file == path && row.line == line;
    let (row, upcoming) = match report.activities.iter().find(is_it) {
        Some(row) => (row, false),
        None => (
            report
                .upcoming
                .iter()
                .find(is_it)
                .expect("every activity has its row"),
            true,
        ),
    };
    let config = &compiled.config;
    let category = &config.categories[row.category_index];

    let mut out = String::new();
    let week = Period::containing(PeriodKind::Week, row.date);
    let _ = writeln!(
        out,
        "{path}:{line}  {} ({}, week {week})",
        row.date,
        row.date.strftime("%A")
    );
    let _ = writeln!(out, "text      {}", row.text);
    let _ = writeln!(out, "status    {}", row.status);
    if upcoming {
        // SPEC 3 (v2).
        let _ = writeln!(
            out,
            "          upcoming: its note is dated after the as-of date, so it counts toward nothing yet"
        );
    }
    let (own, inherited) = row.tags.split_at(item.own_tags);
    let _ = writeln!(
        out,
        "tags      own: {}; inherited from the items above: {}",
        hashes(own),
        hashes(inherited)
    );
    let _ = writeln!(out, "time      {}", time_line(row.minutes, &item.timed_by));
    let _ = writeln!(
        out,
        "category  {} ({}, value {}): {}",
        category.name,
        category.kind.as_str(),
        category.value,
        item.rule
    );
    if item.links.is_empty() {
        let _ = writeln!(
            out,
            "outcomes  none: no link in the item or the items above it"
        );
    }
    for (position, link) in item.links.iter().enumerate() {
        let written = match &link.target {
            Target::Wiki(name) => format!("[[{name}]]"),
            Target::Path(path) => format!("({path})"),
        };
        let whose = match link.whose {
            Whose::Own => "own",
            Whose::Detail => "from a detail nested under it",
            Whose::Inherited => "inherited",
        };
        let resolved = match &link.to {
            To::Note {
                path,
                outcome,
                ambiguity,
            } => {
                let what = outcome.as_ref().map_or_else(
                    || "a page, not an outcome: ignored for scores".to_owned(),
                    |id| format!("outcome `{id}`"),
                );
                format!(
                    "{path} → {what}{}",
                    ambiguity
                        .as_ref()
                        .map(|a| format!(" ({a})"))
                        .unwrap_or_default()
                )
            }
            To::Attachment => "an attachment: ignored".to_owned(),
            To::Missing => "no such note (a warning)".to_owned(),
        };
        let label = if position == 0 { "outcomes" } else { "" };
        let _ = writeln!(
            out,
            "{label:<9} {written} ({whose}, {}:{}) → {resolved}",
            link.line, link.column
        );
    }
    let _ = writeln!(out, "leverage  {}", leverage_line(row, category, config));
    if let Some(saves) = &row.saves {
        let payback = saves.payback.map_or_else(
            || "no payback: untimed".to_owned(),
            |p| format!("payback {p:.2}× its own time"),
        );
        let _ = writeln!(
            out,
            "saves     {} min every {} days: {} min accrued from {} to {} (whole periods only), {payback}",
            saves.minutes,
            saves.per_days,
            saves.accrued_minutes,
            row.date,
            report
                .as_of
                .map_or_else(|| "-".to_owned(), |d| d.to_string()),
        );
        verified_lines(&mut out, saves.verified.as_ref());
    }
    if let Some(value) = item.value {
        let target = match row.outcomes.as_slice() {
            [one] if row.is_done() => format!("a check-in of `{one}` on {}", row.date),
            [_] => "not a check-in: the item is not done".to_owned(),
            linked => format!(
                "not a check-in: the item links {} outcomes, not one",
                linked.len()
            ),
        };
        let _ = writeln!(out, "value     {value} → {target}");
    }
    // The note's own text, drawn safe (SECURITY.md: terminal escapes).
    print!("{}", printable(&out));
    Ok(ExitCode::SUCCESS)
}

/// A path as typed (relative to here, or to the vault) → vault-relative.
fn vault_relative(vault: &Path, typed: &str) -> String {
    std::fs::canonicalize(typed)
        .ok()
        .and_then(|absolute| {
            absolute
                .strip_prefix(vault)
                .ok()
                .map(|p| leverage::scan::relative_path(Path::new(""), p))
        })
        .unwrap_or_else(|| typed.trim_start_matches("./").to_owned())
}

fn hashes(tags: &[String]) -> String {
    if tags.is_empty() {
        "none".to_owned()
    } else {
        tags.iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn time_line(minutes: Option<u32>, timed_by: &[String]) -> String {
    match minutes {
        None => "untimed: no duration, so it counts in no time-based figure".to_owned(),
        Some(minutes) => format!(
            "{minutes} min, from {}",
            timed_by
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(" + ")
        ),
    }
}

fn leverage_line(row: &ActivityRow, category: &Category, config: &Config) -> String {
    match (row.is_done(), row.minutes) {
        (false, _) => {
            "none: only done activities count (planned minutes are reported apart)".to_owned()
        }
        (true, None) => "none: untimed".to_owned(),
        (true, Some(minutes)) => {
            let why = if row.is_linked() {
                "links an outcome"
            } else {
                "links no outcome: unlinked_factor"
            };
            format!(
                "{minutes} min / 60 × {} ({}) × {} ({why}) = {:.2} leverage-hours",
                category.value,
                category.name,
                score::alignment_factor(row, config),
                row.leverage_hours.unwrap_or(0.0)
            )
        }
    }
}

/// SPEC 6b: the system's claim against the log, with the weeks it was measured on.
fn verified_lines(out: &mut String, verification: Option<&Verification>) {
    let Some(verification) = verification else {
        let _ = writeln!(
            out,
            "verified  not yet: only a done system is checked against the log"
        );
        return;
    };
    let _ = writeln!(out, "verified  {}", opportunity::sentence(verification));
    let Some(target) = &verification.target else {
        let _ = writeln!(
            out,
            "          its own tags are all of compounding categories (or it has none): \
             tag the work it saves, e.g. #email"
        );
        return;
    };
    let _ = writeln!(
        out,
        "          target #{target}: its first own tag of a linear category, with #{target}/… counted too"
    );
    let weeks = |weeks: &[WeekMinutes], mean: Option<u64>| {
        let listed: Vec<String> = weeks
            .iter()
            .map(|w| format!("{} {}", w.week, w.minutes))
            .collect();
        let listed = if listed.is_empty() {
            "none yet".to_owned()
        } else {
            listed.join(" · ")
        };
        match mean {
            Some(mean) => format!("{listed} (mean {mean} min/week)"),
            None => listed,
        }
    };
    let _ = writeln!(
        out,
        "          before  {}",
        weeks(&verification.before_weeks, verification.before)
    );
    let _ = writeln!(
        out,
        "          after   {}",
        weeks(&verification.after_weeks, verification.after)
    );
}
