//! `leverage opportunities`: SPEC 6b in the terminal, or as Markdown tables for
//! a review note. The compounding test asked of the log: what is done again
//! and again, by hand, and did the systems already built save what they claimed?

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use leverage::format;
use leverage::opportunity::{self, Opportunity, Verification};
use leverage::period::{Kind, Period};
use leverage::report::ActivityRow;

use crate::cli::{OpportunitiesArgs, ReportFormat};

pub fn run(args: &OpportunitiesArgs) -> anyhow::Result<ExitCode> {
    let (_, report) = super::compile_report(&args.vault.vault, args.as_of.as_of)?;
    // The systems are the activities whose claim was checked against the log.
    let systems: Vec<(&ActivityRow, &Verification)> = report
        .activities
        .iter()
        .filter_map(|row| Some((row, row.saves.as_ref()?.verified.as_ref()?)))
        .collect();
    let view = View {
        as_of: report.as_of,
        build_minutes: report.build_minutes,
        opportunities: &report.opportunities,
        systems: &systems,
    };
    let text = match args.format {
        ReportFormat::Text => view.text(),
        ReportFormat::Markdown => view.markdown(),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    if report.errors() > 0 {
        eprintln!(
            "{} in the vault: run `leverage check` to see them",
            super::check::plural(report.errors(), "error")
        );
    }
    Ok(ExitCode::SUCCESS)
}

struct View<'a> {
    as_of: Option<jiff::civil::Date>,
    /// SPEC 6b's B.
    build_minutes: f64,
    opportunities: &'a [Opportunity],
    systems: &'a [(&'a ActivityRow, &'a Verification)],
}

impl View<'_> {
    /// "2026-W37 to 2026-W48 (the 12 weeks to 2026-11-29)".
    fn window(&self) -> Option<String> {
        let as_of = self.as_of?;
        let last = Period::containing(Kind::Week, as_of);
        let first = Period::containing(
            Kind::Week,
            last.start
                .checked_sub(jiff::Span::new().weeks(opportunity::WINDOW_WEEKS as i64 - 1))
                .ok()?,
        );
        Some(format!(
            "{first} to {last} (the {} weeks to {as_of})",
            opportunity::WINDOW_WEEKS
        ))
    }

    fn payback_note(&self) -> String {
        let timed = self
            .systems
            .iter()
            .filter(|(activity, _)| activity.minutes.is_some())
            .count();
        let basis = match timed {
            0 => "no timed system with saves:: yet".to_owned(),
            1 => "your one timed system".to_owned(),
            n => format!("the median of your {n} timed systems"),
        };
        format!(
            "payback: the weeks a system that halves the work takes to repay its build time, {} ({basis})",
            opportunity::spoken(self.build_minutes.round() as i64)
        )
    }

    fn text(&self) -> String {
        let mut out = String::new();
        let Some(window) = self.window() else {
            return "No daily notes yet.\n".to_owned();
        };
        let _ = writeln!(out, "Done again and again, by hand: {window}");
        let _ = writeln!(out, "Will it need doing again, and could a system do it?\n");
        if self.opportunities.is_empty() {
            let _ = writeln!(
                out,
                "  nothing recurs: no tag of linear work in at least 4 of these weeks with at least 4 h"
            );
        } else {
            let rows: Vec<[String; 5]> = self.opportunities.iter().map(cells).collect();
            let header = ["tag", "per week", "weeks", "in 12 weeks", "payback"].map(String::from);
            let widths: Vec<usize> = (0..5)
                .map(|column| {
                    std::iter::once(&header)
                        .chain(&rows)
                        .map(|row| row[column].chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            for row in std::iter::once(&header).chain(&rows) {
                let mut line = String::from(" ");
                for (column, cell) in row.iter().enumerate() {
                    let pad = widths[column] - cell.chars().count();
                    if column == 0 {
                        let _ = write!(line, " {cell}{}", " ".repeat(pad));
                    } else {
                        let _ = write!(line, "   {}{cell}", " ".repeat(pad));
                    }
                }
                let _ = writeln!(out, "{}", line.trim_end());
            }
            let _ = writeln!(out, "\n{}", self.payback_note());
        }
        let _ = writeln!(out, "\nSystems: claimed against measured");
        if self.systems.is_empty() {
            let _ = writeln!(out, "  none yet: a done item with [saves:: 2h/week] is one");
        }
        for (activity, verification) in self.systems {
            let target = verification
                .target
                .as_ref()
                .map_or_else(String::new, |tag| format!("  (saves #{tag})"));
            let _ = writeln!(out, "  {}  {}{target}", activity.date, activity.text);
            let _ = writeln!(out, "              {}", opportunity::sentence(verification));
        }
        out
    }

    fn markdown(&self) -> String {
        let Some(window) = self.window() else {
            return "No daily notes yet.\n".to_owned();
        };
        let mut out = String::new();
        let _ = writeln!(out, "### Done again and again, by hand\n");
        let _ = writeln!(
            out,
            "{}: will it need doing again, and could a system do it?\n",
            escape(&window)
        );
        if self.opportunities.is_empty() {
            let _ = writeln!(out, "Nothing recurs.");
        } else {
            let _ = writeln!(out, "| tag | per week | weeks | in 12 weeks | payback |");
            let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: |");
            for opportunity in self.opportunities {
                let [tag, per_week, weeks, minutes, payback] = cells(opportunity);
                // A code span: a tag pasted into a note must not become one of its tags.
                let _ = writeln!(
                    out,
                    "| `{tag}` | {per_week} | {weeks} | {minutes} | {payback} |"
                );
            }
            let _ = writeln!(out, "\n{}", escape(&self.payback_note()));
        }
        let _ = writeln!(out, "\n### Systems: claimed against measured\n");
        if self.systems.is_empty() {
            let _ = writeln!(out, "None yet.");
            return out;
        }
        let _ = writeln!(out, "| date | system | saves | claimed | measured |");
        let _ = writeln!(out, "| --- | --- | --- | ---: | --- |");
        for (activity, verification) in self.systems {
            let target = verification
                .target
                .as_ref()
                .map_or_else(|| "–".to_owned(), |tag| format!("`#{tag}`"));
            let measured = match verification.measured_minutes_per_week {
                Some(measured) => format!(
                    "{}/week ({} weeks after, {} before)",
                    opportunity::spoken(measured),
                    verification.after_weeks.len(),
                    verification.before_weeks.len()
                ),
                None => verification.status.as_str().replace('_', " "),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {target} | {}/week | {measured} |",
                activity.date,
                escape(&activity.text),
                opportunity::spoken(verification.claimed_minutes_per_week as i64)
            );
        }
        out
    }
}

/// tag, per week, weeks, minutes in the window, payback.
fn cells(opportunity: &Opportunity) -> [String; 5] {
    [
        format!("#{}", opportunity.tag),
        opportunity::spoken(opportunity.minutes_per_week as i64),
        format!("{}/{}", opportunity.weeks, opportunity::WINDOW_WEEKS),
        opportunity::spoken(opportunity.minutes as i64),
        format!("{} weeks", format::fixed(opportunity.payback_weeks, 1)),
    ]
}

/// Note text made literal in Markdown: no table cell ends, and no tag,
/// link or emphasis is made in the note it is pasted into.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '|' | '#' | '[' | ']' | '`' | '*' | '_' | '<' | '>'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
