//! The terminal report of `leverage report`: one column per period, in the
//! spirit of `hledger balance -W`, then the outcomes touched and the busy days.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::config::{Config, Kind as CategoryKind};
use crate::period::{Kind, Period};
use crate::report::{OutcomeRow, PeriodRow, Report};
use crate::resolve::Journal;

const CELL: usize = 13;

struct Style {
    colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// The whole report as text; `last` periods of `kind` ending with the as-of date's.
pub fn render(
    report: &Report,
    journal: &Journal,
    config: &Config,
    kind: Kind,
    last: usize,
    colour: bool,
) -> String {
    let style = Style { colour };
    let Some(as_of) = journal.as_of else {
        return "no daily notes yet: nothing to report\n".to_owned();
    };
    let mut periods = vec![Period::containing(kind, as_of)];
    while periods.len() < last {
        match periods.last().and_then(|p| p.previous()) {
            Some(previous) => periods.push(previous),
            None => break,
        }
    }
    periods.reverse();
    let rows: Vec<Option<&PeriodRow>> = periods
        .iter()
        .map(|period| {
            let id = period.to_string();
            let all = report.periods(kind);
            all.binary_search_by(|row| row.id.cmp(&id))
                .ok()
                .map(|i| &all[i])
        })
        .collect();

    let mut out = String::new();
    let first = periods.first().expect("at least one period");
    let _ = writeln!(
        out,
        "{} · {} {} to {} · as of {as_of}\n",
        style.bold(&config.title),
        kind.name(),
        first,
        periods.last().expect("at least one period"),
    );
    let label_width = config
        .categories
        .iter()
        .map(|c| c.name.chars().count())
        .chain([17])
        .max()
        .unwrap_or(17)
        + 2;
    let mut header = " ".repeat(label_width);
    for period in &periods {
        let _ = write!(header, "{:>CELL$}", period.to_string());
    }
    let _ = writeln!(out, "{}", style.bold(&header));

    let mut line = |label: &str, cells: &mut dyn Iterator<Item = Option<String>>| {
        let mut text = format!("{label:<label_width$}");
        for cell in cells {
            match cell {
                Some(cell) => {
                    let _ = write!(text, "{cell:>CELL$}");
                }
                None => text.push_str(&style.dim(&format!("{:>CELL$}", "-"))),
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    for category in &config.categories {
        let minutes = |row: &PeriodRow| row.by_category.get(&category.name).copied().unwrap_or(0);
        if rows.iter().flatten().all(|row| minutes(row) == 0)
            && category.name == crate::config::UNCATEGORIZED
        {
            continue;
        }
        let marker = if category.kind == CategoryKind::Compounding {
            "*"
        } else {
            " "
        };
        line(
            &format!("{}{marker}", category.name),
            &mut rows.iter().map(|row| {
                row.map(|row| (minutes(row), row.minutes))
                    .filter(|&(minutes, _)| minutes > 0)
                    .map(|(minutes, total)| {
                        format!(
                            "{} {:>3.0}%",
                            hours(minutes),
                            100.0 * minutes as f64 / total as f64
                        )
                    })
            }),
        );
    }
    line(
        "total",
        &mut rows
            .iter()
            .map(|row| row.filter(|r| r.minutes > 0).map(|r| hours(r.minutes))),
    );
    line(
        "compounding share",
        &mut rows
            .iter()
            .map(|row| row.and_then(|r| r.compounding_share).map(percent)),
    );
    line(
        "alignment",
        &mut rows
            .iter()
            .map(|row| row.and_then(|r| r.alignment).map(percent)),
    );
    line(
        "index",
        &mut rows
            .iter()
            .map(|row| row.and_then(|r| r.index).map(|i| format!("{i:.1}"))),
    );
    line(
        "off-target",
        &mut rows
            .iter()
            .map(|row| row.and_then(|r| r.off_target).map(percent)),
    );
    line(
        "planned",
        &mut rows.iter().map(|row| {
            row.filter(|r| r.planned_minutes > 0)
                .map(|r| hours(r.planned_minutes))
        }),
    );
    line(
        "untimed",
        &mut rows
            .iter()
            .map(|row| row.filter(|r| r.untimed > 0).map(|r| r.untimed.to_string())),
    );
    let _ = writeln!(out, "{}", style.dim("* compounding category"));

    let (start, end) = (
        first.start,
        periods.last().expect("at least one period").end(),
    );
    outcomes_touched(&mut out, &style, report, journal, start, end);
    busy_days(&mut out, &style, report, start, end);
    out
}

fn outcomes_touched(
    out: &mut String,
    style: &Style,
    report: &Report,
    journal: &Journal,
    start: jiff::civil::Date,
    end: jiff::civil::Date,
) {
    let mut minutes: BTreeMap<usize, u64> = BTreeMap::new();
    for activity in journal
        .activities
        .iter()
        .filter(|a| a.is_done() && start <= a.date && a.date <= end)
    {
        for &outcome in &activity.outcomes {
            *minutes.entry(outcome).or_default() += u64::from(activity.minutes.unwrap_or(0));
        }
    }
    let _ = writeln!(out, "\n{}", style.bold("Outcomes touched"));
    if minutes.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            style.dim("none: no activity linked an outcome in these periods")
        );
        return;
    }
    let mut touched: Vec<(&OutcomeRow, u64)> = minutes
        .into_iter()
        .map(|(o, m)| (&report.outcomes[o], m))
        .collect();
    touched.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.title.cmp(&b.0.title)));
    let width = touched
        .iter()
        .map(|(o, _)| o.title.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(20, 40);
    let _ = writeln!(
        out,
        "  {:<width$} {:>8} {:>10} {:>10}",
        "", "hours", "shift", "per hour"
    );
    for (outcome, minutes) in touched {
        let title: String = outcome.title.chars().take(width).collect();
        let shift = outcome.shift.map_or_else(
            || "-".to_owned(),
            |s| {
                format!("{s:+.4}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_owned()
            },
        );
        let per_hour = outcome
            .leverage_per_hour
            .map_or_else(|| "-".to_owned(), |p| format!("{p:.2}"));
        let neglected = if outcome.neglected {
            style.paint("33", "  neglected")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {title:<width$} {:>8} {shift:>10} {per_hour:>10}{neglected}",
            hours(minutes)
        );
    }
}

fn busy_days(
    out: &mut String,
    style: &Style,
    report: &Report,
    start: jiff::civil::Date,
    end: jiff::civil::Date,
) {
    let (start, end) = (start.to_string(), end.to_string());
    let busy: Vec<&PeriodRow> = report
        .days
        .iter()
        .filter(|day| day.busy == Some(true) && start <= day.id && day.id <= end)
        .collect();
    let _ = writeln!(out, "\n{}", style.bold("Busy, not leveraged"));
    if busy.is_empty() {
        let _ = writeln!(out, "  {}", style.dim("none"));
    }
    for day in busy {
        let share = day.compounding_share.map_or_else(String::new, percent);
        let _ = writeln!(
            out,
            "  {}  {} logged, {share} compounding",
            day.id,
            hours(day.minutes)
        );
    }
}

fn hours(minutes: u64) -> String {
    format!("{:.1}h", minutes as f64 / 60.0)
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}
