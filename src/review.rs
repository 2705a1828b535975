//! The cadence reviews' figures (DOMAIN.md: map outputs to outcomes monthly,
//! review strategy quarterly): which outcomes moved in a period, by how much
//! for the hours behind them and through which activities; and which
//! outcomes a quarter achieved, neglected or dropped. Pure, over the journal;
//! the site's week, fortnight, month and quarter pages show them.

use std::ops::Range;

use jiff::civil::Date;

use crate::parse::front_matter::{Direction, OutcomeStatus};
use crate::period::{Period, days_between};
use crate::resolve::{Journal, Outcome};
use crate::score;

/// An outcome in a period: the work that linked it there and how its metric
/// moved there.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// Index into `Journal::outcomes`.
    pub outcome: usize,
    /// Minutes of the done activities of the period linking it.
    pub minutes: u64,
    /// The shift in the period (positive is progress, SPEC 5 v2 direction):
    /// its last check-in in the period against the last one before it, or
    /// against its own first in the period when there is none before.
    pub shift: Option<f64>,
    /// Shift per hour of `minutes` (`None` without a shift or minutes).
    pub per_hour: Option<f64>,
    /// Check-ins dated in the period.
    pub checkins: usize,
    /// The last check-in's value in the period.
    pub latest: Option<f64>,
    /// SPEC 5 (v2), as written or by default.
    pub direction: Direction,
    /// Positions in `journal.activities` of the done activities of the period
    /// that linked it, in date order: the outputs that fed it.
    pub fed: Vec<usize>,
}

/// Every outcome that had linked work or a check-in in `period` (whose
/// activities are `journal.activities[range]`), most hours first, then by
/// outcome id. One pass over the period's activities, and a binary search
/// per outcome over its (sorted) check-ins.
pub fn moved(journal: &Journal, period: Period, range: Range<usize>) -> Vec<Moved> {
    let work = crate::score::invested(journal.outcomes.len(), &journal.activities, range);
    let mut moved: Vec<Moved> = journal
        .outcomes
        .iter()
        .zip(work)
        .enumerate()
        .filter_map(
            |(
                index,
                (
                    outcome,
                    crate::score::Invested {
                        minutes,
                        activities: fed,
                    },
                ),
            )| {
                let checkins = &outcome.checkins;
                let first = checkins.partition_point(|c| c.date < period.start);
                let end = checkins.partition_point(|c| c.date <= period.end());
                let within = &checkins[first..end];
                if fed.is_empty() && within.is_empty() {
                    return None;
                }
                let from = first
                    .checked_sub(1)
                    .map(|before| checkins[before].value)
                    .or_else(|| (within.len() >= 2).then(|| within[0].value));
                let latest = within.last().map(|c| c.value);
                let direction = score::progress(outcome, 0).direction;
                let shift = from.zip(latest).map(|(from, to)| match direction {
                    Direction::Up => to - from,
                    Direction::Down => from - to,
                });
                Some(Moved {
                    outcome: index,
                    minutes,
                    shift,
                    per_hour: shift
                        .filter(|_| minutes > 0)
                        .map(|shift| shift * 60.0 / minutes as f64),
                    checkins: within.len(),
                    latest,
                    direction,
                    fed,
                })
            },
        )
        .collect();
    moved.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.outcome.cmp(&b.outcome)));
    moved
}

/// Where an outcome stands at the end of a quarter, for the strategy review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Reached its target, or marked `status: achieved`, on this date.
    Achieved(Date),
    /// Active, and no done activity linked it in the 14 days ending with the
    /// quarter (or the as-of date, for the quarter under way): SPEC 6's rule.
    Neglected,
    /// Marked `status: dropped`; the date of the last sign of it (check-in
    /// or linked work) in the log.
    Dropped(Date),
}

/// The outcomes a quarter achieved, neglected and dropped, in outcome order.
///
/// SPEC 5 gives `status` without a date, so (a choice where the spec is
/// silent, in README) an outcome is *achieved in* the quarter of the first
/// check-in that reaches its target (progress ≥ 100 %), or, marked
/// `achieved` without reaching it in the log, of its last sign in the log
/// (latest check-in, else last linked work); *dropped in* the quarter of its
/// last sign in the log; an outcome with no sign at all is in no quarter.
/// `worked_on[i]` holds the sorted dates of the done activities linking
/// outcome `i`; `log_start` is [`score::log_start`].
pub fn standings(
    journal: &Journal,
    quarter: Period,
    worked_on: &[Vec<Date>],
    log_start: Option<Date>,
) -> Vec<(usize, Standing)> {
    let end = quarter.end().min(journal.as_of.unwrap_or(quarter.end()));
    journal
        .outcomes
        .iter()
        .zip(worked_on)
        .enumerate()
        .filter_map(|(index, (outcome, dates))| {
            let last_sign = || {
                let checked = outcome.checkins.iter().map(|c| c.date).max();
                checked.or_else(|| dates.last().copied())
            };
            let standing = match outcome.status {
                OutcomeStatus::Dropped => Standing::Dropped(last_sign()?),
                OutcomeStatus::Achieved => {
                    Standing::Achieved(target_reached(outcome).or_else(last_sign)?)
                }
                OutcomeStatus::Active => match target_reached(outcome) {
                    Some(date) if quarter.contains(date) => Standing::Achieved(date),
                    _ => {
                        let neglected = neglected_at(outcome, dates, end, log_start);
                        return neglected.then_some((index, Standing::Neglected));
                    }
                },
            };
            let date = match standing {
                Standing::Achieved(date) | Standing::Dropped(date) => date,
                Standing::Neglected => return Some((index, standing)),
            };
            quarter.contains(date).then_some((index, standing))
        })
        .collect()
}

/// The outcomes (indices into `Journal::outcomes`) neglected at the end of
/// `period`, or at the as-of date while it is under way: SPEC 6's rule
/// ([`score::is_neglected`]) over the work up to then. `worked_on[i]` holds
/// the sorted dates of the done activities linking outcome `i`.
pub fn neglected(
    journal: &Journal,
    period: Period,
    worked_on: &[Vec<Date>],
    log_start: Option<Date>,
) -> Vec<usize> {
    let end = period.end().min(journal.as_of.unwrap_or(period.end()));
    journal
        .outcomes
        .iter()
        .zip(worked_on)
        .enumerate()
        .filter(|(_, (outcome, dates))| neglected_at(outcome, dates, end, log_start))
        .map(|(index, _)| index)
        .collect()
}

/// SPEC 6's neglect on `end`, of an outcome linked by done work on `dates`
/// (sorted): only the dates up to `end` can count, found by binary search,
/// not a scan.
fn neglected_at(outcome: &Outcome, dates: &[Date], end: Date, log_start: Option<Date>) -> bool {
    let upto = dates.partition_point(|&date| date <= end);
    let from = dates[..upto].partition_point(|&date| days_between(date, end) > score::NEGLECT_DAYS);
    score::is_neglected(
        outcome,
        dates[from..upto].iter().copied(),
        Some(end),
        log_start,
    )
}

/// The date of the first check-in at which the outcome's shift from its
/// baseline reaches its target (SPEC 5 progress ≥ 1), if any.
pub fn target_reached(outcome: &Outcome) -> Option<Date> {
    let progress = score::progress(outcome, 0);
    let target = outcome.target?;
    let span = (target - progress.baseline).abs();
    if span == 0.0 {
        return None;
    }
    outcome
        .checkins
        .iter()
        .find(|c| {
            let shift = match progress.direction {
                Direction::Up => c.value - progress.baseline,
                Direction::Down => progress.baseline - c.value,
            };
            shift / span >= 1.0
        })
        .map(|c| c.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::period::Kind;
    use jiff::civil::date;

    fn journal(notes: &[(&str, &str)], as_of: Date) -> Journal {
        let config = Config::default();
        let notes = notes
            .iter()
            .map(|(path, text)| {
                let source = crate::scan::Source {
                    path: (*path).to_owned(),
                    text: (*text).to_owned(),
                };
                crate::parse::note(&source, &config)
            })
            .collect();
        crate::resolve::resolve(notes, &config, Some(as_of))
    }

    fn worked_on(journal: &Journal) -> Vec<Vec<Date>> {
        let mut dates = vec![Vec::new(); journal.outcomes.len()];
        for activity in journal.activities.iter().filter(|a| a.is_done()) {
            for &o in &activity.outcomes {
                dates[o].push(activity.date);
            }
        }
        dates
    }

    const LEADS: &str = "---\nunit: leads\nbaseline: 0\ntarget: 10\ncheckins:\n  - {date: 2026-09-20, value: 2}\n  - {date: 2026-10-10, value: 3}\n  - {date: 2026-10-30, value: 7}\n---\n";
    const CHURN: &str = "---\nunit: '%'\ndirection: down\ncheckins:\n  - {date: 2026-10-01, value: 9}\n  - {date: 2026-10-20, value: 6}\n---\n";

    // Issue 14 item 1: the month review's figures per outcome.
    #[test]
    fn a_month_moves_each_outcome_from_the_check_in_before_it_for_its_hours() {
        let journal = journal(
            &[
                ("outcomes/Leads.md", LEADS),
                ("outcomes/Churn.md", CHURN),
                (
                    "daily/2026-10-05.md",
                    "- 2h #referral coffee [[Leads]]\n- 30m #ops [[Churn]] and [[Leads]]\n- [ ] 3h #referral planned [[Leads]]\n",
                ),
                ("daily/2026-10-12.md", "- 1h #referral intro [[Leads]]\n"),
                ("daily/2026-11-02.md", "- 1h #referral after [[Leads]]\n"),
            ],
            date(2026, 11, 13),
        );
        let october = Period::containing(Kind::Month, date(2026, 10, 1));
        let range = 0..journal
            .activities
            .partition_point(|a| a.date <= october.end());
        let moved = moved(&journal, october, range);
        let id = |m: &Moved| journal.outcomes[m.outcome].id.as_str();
        assert_eq!(
            moved.iter().map(id).collect::<Vec<_>>(),
            ["outcomes/leads", "outcomes/churn"]
        );
        let leads = &moved[0];
        // Done work only (the planned 3 h is no input), in the month only.
        assert_eq!(leads.minutes, 210);
        assert_eq!(leads.fed.len(), 3);
        // 7 at the month's last check-in against 2 before the month.
        assert_eq!(leads.shift, Some(5.0));
        assert_eq!(leads.per_hour, Some(5.0 / 3.5));
        assert_eq!((leads.checkins, leads.latest), (2, Some(7.0)));
        // SPEC 5 (v2) direction down: 9 → 6 is +3 of progress, both in the month.
        let churn = &moved[1];
        assert_eq!((churn.minutes, churn.shift), (30, Some(3.0)));
        assert_eq!(churn.per_hour, Some(6.0));
        // November: work but no check-in, so no shift.
        let november = Period::containing(Kind::Month, date(2026, 11, 1));
        let range = journal
            .activities
            .partition_point(|a| a.date < november.start)
            ..journal.activities.len();
        let moved = super::moved(&journal, november, range);
        assert_eq!(moved.len(), 1);
        assert_eq!((moved[0].minutes, moved[0].shift), (60, None));
    }

    // Issue 14 item 1: a quarter's outcomes achieved, neglected and dropped.
    #[test]
    fn a_quarter_sorts_outcomes_into_achieved_neglected_and_dropped() {
        let journal = journal(
            &[
                // Reaches its target of 10 on 10-30: achieved in Q4 while still active.
                (
                    "outcomes/Reached.md",
                    "---\nbaseline: 0\ntarget: 10\ncheckins:\n  - {date: 2026-09-01, value: 4}\n  - {date: 2026-10-30, value: 12}\n---\n",
                ),
                // Marked achieved, target never reached: its last check-in dates it (Q3).
                (
                    "outcomes/Marked.md",
                    "---\nstatus: achieved\ntarget: 10\ncheckins:\n  - {date: 2026-08-01, value: 1}\n  - {date: 2026-09-15, value: 5}\n---\n",
                ),
                // Dropped, last worked on in Q4.
                ("outcomes/Dropped.md", "---\nstatus: dropped\n---\n"),
                // Dropped without a sign in the log: in no quarter.
                ("outcomes/Silent.md", "---\nstatus: dropped\n---\n"),
                // Active, no work in the 14 days before the as-of date.
                ("outcomes/Idle.md", "---\ntarget: 5\n---\n"),
                // Active and worked on lately: none of the three.
                ("outcomes/Busy.md", "---\ntarget: 5\n---\n"),
                ("daily/2026-09-01.md", "- 1h #plan [[Idle]]\n"),
                ("daily/2026-10-20.md", "- 1h #plan [[Dropped]]\n"),
                ("daily/2026-11-10.md", "- 1h #plan [[Busy]]\n"),
            ],
            date(2026, 11, 13),
        );
        let worked = worked_on(&journal);
        let start = score::log_start(&journal);
        let named = |quarter: Period| -> Vec<(String, Standing)> {
            standings(&journal, quarter, &worked, start)
                .into_iter()
                .map(|(o, s)| (journal.outcomes[o].id.clone(), s))
                .collect()
        };
        let q4 = Period::containing(Kind::Quarter, date(2026, 10, 1));
        assert_eq!(
            named(q4),
            [
                (
                    "outcomes/dropped".to_owned(),
                    Standing::Dropped(date(2026, 10, 20))
                ),
                ("outcomes/idle".to_owned(), Standing::Neglected),
                (
                    "outcomes/reached".to_owned(),
                    Standing::Achieved(date(2026, 10, 30))
                ),
            ]
        );
        let q3 = q4.previous().unwrap();
        // At Q3's end (09-30), Idle was worked on 09-01, 29 days before: neglected
        // then too; Busy had no work at all by then.
        assert_eq!(
            named(q3),
            [
                ("outcomes/busy".to_owned(), Standing::Neglected),
                ("outcomes/idle".to_owned(), Standing::Neglected),
                (
                    "outcomes/marked".to_owned(),
                    Standing::Achieved(date(2026, 9, 15))
                ),
                ("outcomes/reached".to_owned(), Standing::Neglected),
            ]
        );
    }

    // SPEC 6 neglect on a period's page: at its end, or at the as-of date
    // while it is under way; only the work up to then counts.
    #[test]
    fn a_period_neglects_what_no_work_linked_in_its_last_fourteen_days() {
        let journal = journal(
            &[
                ("outcomes/Leads.md", "---\ntarget: 10\n---\n"),
                ("outcomes/Churn.md", "---\ntarget: 2\n---\n"),
                ("daily/2026-09-01.md", "- 1h #ops start\n"),
                ("daily/2026-09-25.md", "- 1h #referral [[Leads]]\n"),
                ("daily/2026-10-25.md", "- 1h #ops [[Churn]]\n"),
                ("daily/2026-11-10.md", "- 1h #referral [[Leads]]\n"),
            ],
            date(2026, 11, 13),
        );
        let dates = worked_on(&journal);
        let start = crate::score::log_start(&journal);
        let at = |kind, day| {
            let period = Period::containing(kind, day);
            let ids: Vec<&str> = neglected(&journal, period, &dates, start)
                .into_iter()
                .map(|o| journal.outcomes[o].id.as_str())
                .collect();
            ids
        };
        // September ends 5 days after Leads' work; Churn has none yet.
        assert_eq!(at(Kind::Month, date(2026, 9, 1)), ["outcomes/churn"]);
        // October: Leads' last work is 36 days before its end; the November
        // work does not count for October.
        assert_eq!(at(Kind::Month, date(2026, 10, 1)), ["outcomes/leads"]);
        // November, under way: at the as-of date, Churn's work is 19 days old.
        assert_eq!(at(Kind::Month, date(2026, 11, 1)), ["outcomes/churn"]);
    }

    #[test]
    fn a_target_is_reached_in_the_outcome_s_direction() {
        let journal = journal(
            &[
                (
                    "outcomes/Churn.md",
                    "---\nbaseline: 9\ntarget: 5\ncheckins:\n  - {date: 2026-10-01, value: 7}\n  - {date: 2026-10-20, value: 5}\n---\n",
                ),
                ("daily/2026-10-01.md", "- 1h #plan\n"),
            ],
            date(2026, 11, 13),
        );
        assert_eq!(
            target_reached(&journal.outcomes[0]),
            Some(date(2026, 10, 20))
        );
    }
}
