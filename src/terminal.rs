//! The terminal report of `leverage report`: one column per period, in the
//! spirit of `hledger balance -W`, then the outcomes touched and the busy days.

use std::fmt::Write;

use crate::config::{Config, Kind as CategoryKind};
use crate::parse::front_matter::Direction;
use crate::period::{Kind, Period};
use crate::report::{OutcomeRow, PeriodRow, Report};
use jiff::civil::Date;

const CELL: usize = 13;

/// Styles are always written: `anstream` strips them on the way out unless
/// colour is on, which `main` decides once (`--color`, `NO_COLOR`, a terminal).
fn paint(style: anstyle::Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}
fn bold(text: &str) -> String {
    paint(anstyle::Style::new().bold(), text)
}
fn dim(text: &str) -> String {
    paint(anstyle::Style::new().dimmed(), text)
}
fn warn(text: &str) -> String {
    paint(anstyle::AnsiColor::Yellow.on_default(), text)
}

/// The figures of consecutive periods: one column per period, one row per figure.
struct Table {
    periods: Vec<Period>,
    /// Label, then one cell per period (`None` when there is nothing to show).
    rows: Vec<(String, Vec<Option<String>>)>,
}

impl Table {
    /// `last` periods of `kind`, ending with the one that holds `as_of`.
    fn new(report: &Report, config: &Config, kind: Kind, last: usize, as_of: Date) -> Table {
        let mut periods = vec![Period::containing(kind, as_of)];
        while periods.len() < last {
            match periods.last().and_then(|p| p.previous()) {
                Some(previous) => periods.push(previous),
                None => break,
            }
        }
        periods.reverse();
        let all = report.periods(kind);
        let found: Vec<Option<&PeriodRow>> = periods
            .iter()
            .map(|period| {
                all.binary_search_by(|row| row.id.cmp(period))
                    .ok()
                    .map(|i| &all[i])
            })
            .collect();
        let cells = |cell: &dyn Fn(&PeriodRow) -> Option<String>| -> Vec<Option<String>> {
            found.iter().map(|row| row.and_then(cell)).collect()
        };
        let mut rows = Vec::new();
        for category in &config.categories {
            let minutes =
                |row: &PeriodRow| row.by_category.get(&category.name).copied().unwrap_or(0);
            if category.name == crate::config::UNCATEGORIZED
                && found.iter().flatten().all(|row| minutes(row) == 0)
            {
                continue;
            }
            let marker = if category.kind == CategoryKind::Compounding {
                "*"
            } else {
                ""
            };
            rows.push((
                format!("{}{marker}", category.name),
                cells(&|row| {
                    let m = minutes(row);
                    (m > 0).then(|| {
                        format!(
                            "{} {:>3}%",
                            hours(m),
                            crate::format::fixed(100.0 * m as f64 / row.minutes as f64, 0)
                        )
                    })
                }),
            ));
        }
        rows.push((
            "total".to_owned(),
            cells(&|r| (r.minutes > 0).then(|| hours(r.minutes))),
        ));
        rows.push((
            "compounding share".to_owned(),
            cells(&|r| r.compounding_share.map(percent)),
        ));
        rows.push(("alignment".to_owned(), cells(&|r| r.alignment.map(percent))));
        rows.push((
            "index".to_owned(),
            cells(&|r| r.index.map(|i| crate::format::fixed(i, 1))),
        ));
        rows.push((
            "off-target".to_owned(),
            cells(&|r| r.off_target.map(percent)),
        ));
        rows.push((
            "planned".to_owned(),
            cells(&|r| (r.planned_minutes > 0).then(|| hours(r.planned_minutes))),
        ));
        rows.push((
            "untimed".to_owned(),
            cells(&|r| (r.untimed > 0).then(|| r.untimed.to_string())),
        ));
        Table { periods, rows }
    }

    fn first(&self) -> Period {
        self.periods[0]
    }

    fn last(&self) -> Period {
        self.periods[self.periods.len() - 1]
    }
}

/// The whole report as text; `last` periods of `kind` ending with the as-of date's.
pub fn render(report: &Report, config: &Config, kind: Kind, last: usize) -> String {
    let Some(as_of) = report.as_of else {
        return "no daily notes yet: nothing to report\n".to_owned();
    };
    let table = Table::new(report, config, kind, last, as_of);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {} {} to {} · as of {as_of}\n",
        bold(&config.title),
        kind.plural(),
        table.first(),
        table.last(),
    );
    let label_width = table
        .rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut header = " ".repeat(label_width);
    for period in &table.periods {
        let _ = write!(header, "{:>CELL$}", period.to_string());
    }
    let _ = writeln!(out, "{}", bold(header.trim_end()));
    for (label, cells) in &table.rows {
        let mut text = format!("{label:<label_width$}");
        for cell in cells {
            match cell {
                Some(cell) => {
                    let _ = write!(text, "{cell:>CELL$}");
                }
                None => text.push_str(&dim(&format!("{:>CELL$}", "-"))),
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    let _ = writeln!(out, "{}", dim("* compounding category"));
    let (start, end) = (table.first().start, table.last().end());
    outcomes_touched(&mut out, report, start, end);
    busy_days(&mut out, report, start, end);
    done_again(&mut out, report);
    out
}

/// The same table in Markdown, to paste into a weekly note.
pub fn markdown(report: &Report, config: &Config, kind: Kind, last: usize) -> String {
    let Some(as_of) = report.as_of else {
        return "No daily notes yet.\n".to_owned();
    };
    let table = Table::new(report, config, kind, last, as_of);
    let escape = |text: &str| text.replace('|', "\\|");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| {} | {} |",
        kind.plural(),
        table
            .periods
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "| --- |{}", " ---: |".repeat(table.periods.len()));
    for (label, cells) in &table.rows {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| {
                c.as_deref().map_or_else(
                    || "–".to_owned(),
                    |c| escape(&c.split_whitespace().collect::<Vec<_>>().join(" ")),
                )
            })
            .collect();
        let _ = writeln!(out, "| {} | {} |", escape(label), cells.join(" | "));
    }
    let _ = writeln!(out, "\n\\* compounding category · as of {as_of}");
    out
}

fn outcomes_touched(out: &mut String, report: &Report, start: Date, end: Date) {
    // Rows are sorted by date: the periods' work is one range of them.
    let rows = &report.activities;
    let from = rows.partition_point(|a| a.date < start);
    let to = rows.partition_point(|a| a.date <= end);
    let minutes: Vec<(usize, u64)> = crate::score::invested(report.outcomes.len(), rows, from..to)
        .into_iter()
        .enumerate()
        .filter(|(_, invested)| !invested.activities.is_empty())
        .map(|(outcome, invested)| (outcome, invested.minutes))
        .collect();
    let _ = writeln!(out, "\n{}", bold("Outcomes touched"));
    if minutes.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            dim("none: no activity linked an outcome in these periods")
        );
        return;
    }
    let mut touched: Vec<(&OutcomeRow, Option<&str>, u64)> = minutes
        .into_iter()
        .map(|(o, m)| {
            let outcome = &report.outcomes[o];
            (outcome, outcome.unit.as_deref(), m)
        })
        .collect();
    touched.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.title.cmp(&b.0.title)));
    let width = touched
        .iter()
        .map(|(o, _, _)| o.title.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(20, 40);
    let _ = writeln!(
        out,
        "  {:<width$} {:>8} {:>16}  {}",
        "",
        "hours",
        "shift",
        dim("shift per invested hour, since the baseline")
    );
    for (outcome, unit, minutes) in touched {
        let title: String = outcome.title.chars().take(width).collect();
        let shift = outcome.shift.map_or_else(
            || "-".to_owned(),
            |s| {
                // The metric's own movement: a `direction: down` outcome's
                // progress is a fall, and prints as one (SPEC 5 v2).
                let s = match outcome.direction {
                    Direction::Up => s,
                    Direction::Down => -s,
                };
                let sign = if s > 0.0 { "+" } else { "" };
                let number = format!("{sign}{}", crate::format::decimal(s, 4));
                unit.map_or(number.clone(), |unit| format!("{number} {unit}"))
            },
        );
        // Issue 12 item 6: the unit and the hours behind the figure, and
        // "too few hours" below two invested hours.
        let per_hour = crate::format::per_hour(
            outcome.leverage_per_hour,
            outcome.invested_minutes,
            unit,
            outcome.direction,
        )
        .unwrap_or_else(|| "-".to_owned());
        let neglected = if outcome.neglected {
            warn("  neglected")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {title:<width$} {:>8} {shift:>16}  {per_hour}{neglected}",
            hours(minutes)
        );
    }
}

fn busy_days(out: &mut String, report: &Report, start: Date, end: Date) {
    let busy: Vec<&PeriodRow> = report
        .days
        .iter()
        .filter(|day| day.busy == Some(true) && start <= day.id.start && day.id.start <= end)
        .collect();
    let _ = writeln!(out, "\n{}", bold("Busy, not leveraged"));
    if busy.is_empty() {
        let _ = writeln!(out, "  {}", dim("none"));
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

/// SPEC 6b in brief: the top three opportunities of the 12 weeks to the as-of date.
fn done_again(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "\n{}",
        bold("Done again and again, by hand (12 weeks)")
    );
    if report.opportunities.is_empty() {
        let _ = writeln!(out, "  {}", dim("none"));
    }
    for opportunity in report.opportunities.iter().take(3) {
        let _ = writeln!(
            out,
            "  #{:<18} {}/week, in {} weeks; a system halving it pays back in {} weeks",
            opportunity.tag,
            crate::opportunity::spoken(opportunity.minutes_per_week as i64),
            opportunity.weeks,
            crate::format::fixed(opportunity.payback_weeks, 1)
        );
    }
    if report.opportunities.len() > 3 {
        let _ = writeln!(
            out,
            "  {}",
            dim("… `leverage opportunities` lists them all, and checks your systems")
        );
    }
}

fn hours(minutes: u64) -> String {
    format!("{}h", crate::format::hours_fixed(minutes))
}

fn percent(share: f64) -> String {
    format!("{}%", crate::format::fixed(share * 100.0, 0))
}
