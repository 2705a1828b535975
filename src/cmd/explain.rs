//! `leverage explain PATH:LINE`: how one activity was read and scored, with
//! every rule that decided a figure spelled out.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use leverage::diagnostic::printable;
use leverage::opportunity::{self, Verification, WeekMinutes};
use leverage::parse::Kind;
use leverage::parse::activity::{Item, Target, Why};
use leverage::period::{Kind as PeriodKind, Period};
use leverage::resolve::Resolved;
use leverage::score;

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
    let journal = &compiled.journal;
    let Some(note_index) = journal.notes.iter().position(|note| note.path == path) else {
        eprintln!("error: no note `{}` in the vault", printable(&path));
        return Ok(ExitCode::FAILURE);
    };
    let note = &journal.notes[note_index];
    let Some(activity) = journal
        .activities
        .iter()
        .find(|a| a.note == note_index && a.line == line)
    else {
        if note.kind == Kind::Daily {
            // Issue 12 item 9: say why the line is no activity.
            let checkin = note.checkins.iter().find(|item| item.line == line);
            let why = note.skipped.iter().find(|skipped| skipped.line == line);
            match (checkin, why.map(|skipped| skipped.why)) {
                (Some(item), _) => eprintln!(
                    "{path}:{line} is no activity (no tag, duration, field, task box, marker or clock of its own), but a check-in: `value:: {}` for the outcome it links",
                    item.value.as_ref().map_or(0.0, |value| value.value)
                ),
                (None, Some(Why::DetailOf(activity))) => eprintln!(
                    "{path}:{line} is a detail of the activity on line {activity}: it has no tag, duration, field, task box, marker or clock of its own, so its outcome links count for that activity"
                ),
                (None, Some(Why::NoSignal)) => eprintln!(
                    "{path}:{line} is no activity: it has no tag, duration, `time::` field, task box, Logseq marker or clock of its own, is under no activity, and its list is under no activity heading (`activity_headings`)"
                ),
                (None, Some(Why::Never)) => eprintln!(
                    "{path}:{line} is no activity: it is empty, or only an image, an embed of a file, a quote, code or a rule"
                ),
                (None, Some(Why::Cancelled)) => {
                    eprintln!("{path}:{line} is cancelled (`[-]`, `CANCELED` or `❌`): ignored");
                }
                (None, None) => {
                    let lines: Vec<String> = note
                        .items
                        .iter()
                        .map(|item| item.line.to_string())
                        .collect();
                    eprintln!("error: no list item starts at {path}:{line}");
                    eprintln!(
                        "hint: activities of this note start on lines {}",
                        if lines.is_empty() {
                            "(none)".to_owned()
                        } else {
                            lines.join(", ")
                        }
                    );
                }
            }
        } else {
            eprintln!(
                "error: {path} is a page, not a daily note, so its list items are not activities"
            );
        }
        return Ok(ExitCode::FAILURE);
    };
    let item = note
        .items
        .iter()
        .find(|item| item.line == line)
        .expect("activities come from items");
    let config = &compiled.config;
    let category = &config.categories[activity.category];

    let mut out = String::new();
    let week = Period::containing(PeriodKind::Week, activity.date);
    let _ = writeln!(
        out,
        "{path}:{line}  {} ({}, week {week})",
        activity.date,
        activity.date.strftime("%A")
    );
    let _ = writeln!(out, "text      {}", activity.text);
    let _ = writeln!(out, "status    {}", activity.status.as_str());
    let (own, inherited) = activity.tags.split_at(item.own_tags);
    let _ = writeln!(
        out,
        "tags      own: {}; inherited from the items above: {}",
        hashes(own),
        hashes(inherited)
    );
    let _ = writeln!(out, "time      {}", time_line(item));
    let _ = writeln!(
        out,
        "category  {} ({}, value {}): {}",
        category.name,
        category.kind.as_str(),
        category.value,
        activity.rule
    );
    let index = &journal.index;
    if item.links.is_empty() {
        let _ = writeln!(
            out,
            "outcomes  none: no link in the item or the items above it"
        );
    }
    for (position, &link_index) in item.links.iter().enumerate() {
        let written_link = &note.links[link_index];
        let written = match &written_link.target {
            Target::Wiki(name) => format!("[[{name}]]"),
            Target::Path(path) => format!("({path})"),
        };
        let whose = if position < item.own_links {
            "own"
        } else if position < item.own_links + item.detail_links {
            "from a detail nested under it"
        } else {
            "inherited"
        };
        let resolved = match index.resolve(&written_link.target, &journal.notes) {
            (Resolved::Note(found), ambiguity) => {
                let target = &journal.notes[found];
                let what = journal
                    .outcomes
                    .iter()
                    .find(|o| o.note == found)
                    .map_or_else(
                        || "a page, not an outcome: ignored for scores".to_owned(),
                        |o| format!("outcome `{}`", o.id),
                    );
                format!(
                    "{} → {what}{}",
                    target.path,
                    ambiguity.map(|a| format!(" ({a})")).unwrap_or_default()
                )
            }
            (Resolved::Attachment, _) => "an attachment: ignored".to_owned(),
            (Resolved::Missing, _) => "no such note (a warning)".to_owned(),
        };
        let label = if position == 0 { "outcomes" } else { "" };
        let _ = writeln!(
            out,
            "{label:<9} {written} ({whose}, {}:{}) → {resolved}",
            written_link.line, written_link.column
        );
    }
    let _ = writeln!(out, "leverage  {}", leverage_line(activity, item, config));
    if let Some(saves) = activity.saves {
        let accrued = score::accrued_minutes(saves, activity.date, journal.as_of);
        let payback = score::payback(accrued, activity.minutes).map_or_else(
            || "no payback: untimed".to_owned(),
            |p| format!("payback {p:.2}× its own time"),
        );
        let _ = writeln!(
            out,
            "saves     {} min every {} days: {} min accrued from {} to {} (whole periods only), {payback}",
            saves.minutes,
            saves.per_days,
            if activity.is_done() { accrued } else { 0 },
            activity.date,
            journal
                .as_of
                .map_or_else(|| "-".to_owned(), |d| d.to_string()),
        );
    }
    let row = report
        .activities
        .iter()
        .find(|row| row.file == path && row.line == line)
        .expect("every activity has its row");
    if let Some(saves) = &row.saves {
        verified_lines(&mut out, saves.verified.as_ref());
    }
    if let Some(value) = &activity.value {
        let target = match activity.outcomes.as_slice() {
            [one] if activity.is_done() => format!(
                "a check-in of `{}` on {}",
                journal.outcomes[*one].id, activity.date
            ),
            [_] => "not a check-in: the item is not done".to_owned(),
            linked => format!(
                "not a check-in: the item links {} outcomes, not one",
                linked.len()
            ),
        };
        let _ = writeln!(out, "value     {} → {target}", value.value);
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

fn time_line(item: &Item) -> String {
    match item.minutes {
        None => "untimed: no duration, so it counts in no time-based figure".to_owned(),
        Some(minutes) => format!(
            "{minutes} min, from {}",
            item.timed_by
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(" + ")
        ),
    }
}

fn leverage_line(
    activity: &leverage::resolve::Activity,
    item: &Item,
    config: &leverage::config::Config,
) -> String {
    let category = &config.categories[activity.category];
    match (activity.is_done(), item.minutes) {
        (false, _) => {
            "none: only done activities count (planned minutes are reported apart)".to_owned()
        }
        (true, None) => "none: untimed".to_owned(),
        (true, Some(minutes)) => {
            let (factor, why) = if activity.outcomes.is_empty() {
                (config.unlinked_factor, "links no outcome: unlinked_factor")
            } else {
                (1.0, "links an outcome")
            };
            let hours = score::leverage_hours(activity, config).unwrap_or(0.0);
            format!(
                "{minutes} min / 60 × {} ({}) × {factor} ({why}) = {hours:.2} leverage-hours",
                category.value, category.name
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
