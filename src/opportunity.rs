//! SPEC 6b: the compounding test, answered from the log itself. Which linear
//! work is done again and again by hand (*opportunities*, with the weeks a
//! system that halves it would take to pay back), and whether each system
//! (`saves::`) really cut the work it names (*verified savings*). Pure
//! functions over the journal; integer minutes, whole ISO weeks.

use std::collections::{HashMap, HashSet};

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::Serialize;

use crate::config::{Config, Kind, UNCATEGORIZED};
use crate::period::{self, Period};
use crate::resolve::{Activity, Journal};

/// The window of recurring work: the 12 ISO weeks ending with the as-of date's week.
pub const WINDOW_WEEKS: usize = 12;
/// A group recurs when it has activities in at least this many weeks of the window…
const MIN_WEEKS: usize = 4;
/// …and at least this many minutes in it.
const MIN_MINUTES: u64 = 240;
/// The build time of a system when the vault has built none yet.
const DEFAULT_BUILD_MINUTES: f64 = 300.0;
/// At most this many opportunities are listed.
const MAX_OPPORTUNITIES: usize = 10;
/// Weeks before a system's week that make its `before`.
pub const BEFORE_WEEKS: usize = 8;
/// At most this many whole weeks after a system's week make its `after`.
pub const AFTER_WEEKS: usize = 8;
/// Fewer whole weeks after than this is too early to measure.
const MIN_AFTER_WEEKS: usize = 4;

/// Recurring linear work: one tag done again and again, by hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Opportunity {
    pub tag: String,
    /// Minutes in the window.
    pub minutes: u64,
    /// Distinct weeks of the window with at least one activity.
    pub weeks: usize,
    /// `minutes` ÷ 12, rounded half up.
    pub minutes_per_week: u64,
    /// B ÷ (`minutes_per_week` ÷ 2), rounded to 1 decimal.
    pub payback_weeks: f64,
    /// Minutes in each week of the window, oldest first (the site's bar strip).
    #[serde(skip)]
    pub per_week: Vec<WeekMinutes>,
}

/// One ISO week and the minutes of some work in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekMinutes {
    pub week: Period,
    pub minutes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Before and after measured over enough whole weeks.
    Measured,
    /// Fewer than 4 whole weeks after the system's week so far.
    TooEarly,
    /// The system names no linear work by a tag of its own.
    Unverifiable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Measured => "measured",
            Status::TooEarly => "too_early",
            Status::Unverifiable => "unverifiable",
        }
    }
}

/// A system's claim against the log; exported as SPEC 8's `verified` (in
/// this field order), with the weeks behind it kept for the views.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    pub status: Status,
    /// The work it saves: its first own tag that maps to a linear category.
    pub target: Option<String>,
    /// Mean minutes per week before, rounded half up; only when measured.
    pub before: Option<u64>,
    /// The same after; only when measured.
    pub after: Option<u64>,
    /// `before` − `after`; only when measured.
    pub measured_minutes_per_week: Option<i64>,
    /// The `saves::` rate in minutes per week, rounded half up.
    pub claimed_minutes_per_week: u64,
    /// The weeks before the system's week, oldest first (none without a
    /// target): what `explain` and the systems page show; not exported.
    #[serde(skip)]
    pub before_weeks: Vec<WeekMinutes>,
    /// The whole weeks after it that count, oldest first (none without a
    /// target); not exported.
    #[serde(skip)]
    pub after_weeks: Vec<WeekMinutes>,
}

/// SPEC 6b: whether work in this category is linear (`uncategorized` always is).
fn is_linear(config: &Config, category: usize) -> bool {
    let category = &config.categories[category];
    category.kind == Kind::Linear || category.name == UNCATEGORIZED
}

/// The activities that count for figures: done, and not after the as-of date.
fn done(journal: &Journal) -> impl Iterator<Item = &Activity> {
    journal
        .activities
        .iter()
        .filter(|a| a.is_done() && journal.as_of.is_none_or(|as_of| a.date <= as_of))
}

fn week_of(date: Date) -> Period {
    Period::containing(period::Kind::Week, date)
}

/// The week `weeks` weeks after (or before, when negative) `week`.
fn shift(week: Period, weeks: i64) -> Option<Period> {
    week.start.checked_add((7 * weeks).days()).ok().map(week_of)
}

/// `numerator ÷ denominator`, rounded half up.
fn divide_half_up(numerator: u64, denominator: u64) -> u64 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// B of SPEC 6b: the median minutes of the done, timed activities with
/// `saves::` (the mean of the middle two for an even count), 300 when none.
pub fn build_minutes(journal: &Journal) -> f64 {
    let mut minutes: Vec<u32> = done(journal)
        .filter(|a| a.saves.is_some())
        .filter_map(|a| a.minutes)
        .collect();
    minutes.sort_unstable();
    let middle = minutes.len() / 2;
    match minutes.len() {
        0 => DEFAULT_BUILD_MINUTES,
        n if n % 2 == 1 => f64::from(minutes[middle]),
        _ => f64::midpoint(f64::from(minutes[middle - 1]), f64::from(minutes[middle])),
    }
}

/// SPEC 6b recurring linear work, sorted by minutes per week (most first),
/// then tag; at most 10.
pub fn opportunities(journal: &Journal, config: &Config) -> Vec<Opportunity> {
    let Some(as_of) = journal.as_of else {
        return Vec::new();
    };
    let last = week_of(as_of);
    let Some(first) = shift(last, 1 - WINDOW_WEEKS as i64) else {
        return Vec::new();
    };
    // Per group: minutes per week of the window, and which weeks had an activity.
    let mut groups: HashMap<&str, ([u64; WINDOW_WEEKS], [bool; WINDOW_WEEKS])> = HashMap::new();
    for activity in done(journal).filter(|a| a.date >= first.start) {
        let (Some(minutes), true) = (activity.minutes, is_linear(config, activity.category)) else {
            continue;
        };
        // Only a tag of its own says what the work is; inherited ones only group it.
        let Some(tag) = activity.tags.first().filter(|_| activity.own_tags > 0) else {
            continue;
        };
        let week = (period::days_between(first.start, activity.date) / 7) as usize;
        let (per_week, seen) = groups.entry(tag).or_default();
        per_week[week] += u64::from(minutes);
        seen[week] = true;
    }
    let build = build_minutes(journal);
    let mut found: Vec<Opportunity> = groups
        .into_iter()
        .filter_map(|(tag, (per_week, seen))| {
            let minutes: u64 = per_week.iter().sum();
            let weeks = seen.iter().filter(|&&seen| seen).count();
            if weeks < MIN_WEEKS || minutes < MIN_MINUTES {
                return None;
            }
            let minutes_per_week = divide_half_up(minutes, WINDOW_WEEKS as u64);
            let payback = build / (minutes_per_week as f64 / 2.0);
            Some(Opportunity {
                tag: tag.to_owned(),
                minutes,
                weeks,
                minutes_per_week,
                payback_weeks: crate::report::round(payback, 1),
                per_week: per_week
                    .iter()
                    .enumerate()
                    .filter_map(|(index, &minutes)| {
                        Some(WeekMinutes {
                            week: shift(first, index as i64)?,
                            minutes,
                        })
                    })
                    .collect(),
            })
        })
        .collect();
    found.sort_by(|a, b| {
        b.minutes_per_week
            .cmp(&a.minutes_per_week)
            .then_with(|| a.tag.cmp(&b.tag))
    });
    found.truncate(MAX_OPPORTUNITIES);
    found
}

/// SPEC 6b: the work a system saves, the first tag of its own that maps to a
/// linear category (a tag no category maps is `uncategorized`, so linear).
pub fn target<'a>(activity: &'a Activity, config: &Config) -> Option<&'a str> {
    activity.tags[..activity.own_tags]
        .iter()
        .find(|tag| {
            let category = config
                .category_of_tag(tag)
                .unwrap_or_else(|| config.uncategorized());
            is_linear(config, category)
        })
        .map(String::as_str)
}

/// SPEC 6b: the claimed rate in minutes per week (a month is 30 days), half up.
pub fn claimed_per_week(saves: crate::parse::activity::Saves) -> u64 {
    divide_half_up(
        u64::from(saves.minutes) * 7,
        u64::from(saves.per_days.max(1)),
    )
}

/// SPEC 6b verified savings of every system: aligned with
/// `journal.activities`, `Some` for each done activity with `saves::`.
pub fn verify_all(journal: &Journal, config: &Config) -> Vec<Option<Verification>> {
    let systems: Vec<Option<Option<&str>>> = journal
        .activities
        .iter()
        .map(|a| {
            let counts = a.is_done() && journal.as_of.is_none_or(|as_of| a.date <= as_of);
            (counts && a.saves.is_some()).then(|| target(a, config))
        })
        .collect();
    let targets: HashSet<&str> = systems.iter().flatten().flatten().copied().collect();
    let weekly = weekly_minutes(journal, &targets);
    let last_whole = journal.as_of.and_then(|as_of| {
        let week = week_of(as_of);
        if as_of.weekday() == Weekday::Sunday {
            Some(week)
        } else {
            shift(week, -1)
        }
    });
    journal
        .activities
        .iter()
        .zip(systems)
        .map(|(activity, system)| {
            let target = system?;
            let saves = activity.saves?;
            Some(verify(
                week_of(activity.date),
                target,
                claimed_per_week(saves),
                &weekly,
                last_whole,
            ))
        })
        .collect()
}

/// Minutes per week of done, timed activities carrying each target tag or a
/// descendant of it. One pass; each activity's tags and their ancestors are
/// looked at once, so an item with thousands of tags stays linear.
fn weekly_minutes<'a>(
    journal: &'a Journal,
    targets: &HashSet<&str>,
) -> HashMap<&'a str, HashMap<Period, u64>> {
    let mut weekly: HashMap<&str, HashMap<Period, u64>> = HashMap::new();
    if targets.is_empty() {
        return weekly;
    }
    let mut carried: HashSet<&str> = HashSet::new();
    for activity in done(journal) {
        let Some(minutes) = activity.minutes else {
            continue;
        };
        carried.clear();
        for tag in &activity.tags {
            crate::tag::carry(tag, &mut carried);
        }
        for name in carried.iter().filter(|name| targets.contains(*name)) {
            *weekly
                .entry(name)
                .or_default()
                .entry(week_of(activity.date))
                .or_default() += u64::from(minutes);
        }
    }
    weekly
}

fn verify(
    system_week: Period,
    target: Option<&str>,
    claimed: u64,
    weekly: &HashMap<&str, HashMap<Period, u64>>,
    last_whole: Option<Period>,
) -> Verification {
    let Some(target) = target else {
        return Verification {
            status: Status::Unverifiable,
            target: None,
            claimed_minutes_per_week: claimed,
            before_weeks: Vec::new(),
            after_weeks: Vec::new(),
            before: None,
            after: None,
            measured_minutes_per_week: None,
        };
    };
    let of_target = weekly.get(target);
    let minutes_in = |week: Period| WeekMinutes {
        week,
        minutes: of_target
            .and_then(|weeks| weeks.get(&week))
            .copied()
            .unwrap_or(0),
    };
    let before_weeks: Vec<WeekMinutes> = (1..=BEFORE_WEEKS as i64)
        .rev()
        .filter_map(|back| shift(system_week, -back))
        .map(minutes_in)
        .collect();
    let whole_after = last_whole.map_or(0, |last| {
        (period::days_between(system_week.start, last.start) / 7).max(0) as usize
    });
    let after_weeks: Vec<WeekMinutes> = match last_whole {
        Some(last) => (0..whole_after.min(AFTER_WEEKS) as i64)
            .rev()
            .filter_map(|back| shift(last, -back))
            .map(minutes_in)
            .collect(),
        None => Vec::new(),
    };
    let mean = |weeks: &[WeekMinutes]| {
        divide_half_up(
            weeks.iter().map(|w| w.minutes).sum(),
            weeks.len().max(1) as u64,
        )
    };
    let measured = after_weeks.len() >= MIN_AFTER_WEEKS;
    let (before, after) = (mean(&before_weeks), mean(&after_weeks));
    Verification {
        status: if measured {
            Status::Measured
        } else {
            Status::TooEarly
        },
        target: Some(target.to_owned()),
        claimed_minutes_per_week: claimed,
        before: measured.then_some(before),
        after: measured.then_some(after),
        measured_minutes_per_week: measured.then(|| before as i64 - after as i64),
        before_weeks,
        after_weeks,
    }
}

/// Minutes as people say them: `45 min`, `2 h`, `1 h 24 min`, `−15 min`.
pub fn spoken(minutes: i64) -> String {
    let sign = if minutes < 0 { "−" } else { "" };
    let minutes = minutes.unsigned_abs();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{sign}{m} min"),
        (h, 0) => format!("{sign}{h} h"),
        (h, m) => format!("{sign}{h} h {m} min"),
    }
}

/// The plain sentence of a verification: "claimed 2 h/week; measured 1 h 24
/// min/week over 6 weeks after, against 8 before".
pub fn sentence(verification: &Verification) -> String {
    let claimed = format!(
        "claimed {}/week",
        spoken(verification.claimed_minutes_per_week as i64)
    );
    match (verification.status, verification.measured_minutes_per_week) {
        (Status::Measured, Some(measured)) => format!(
            "{claimed}; measured {}/week over {} weeks after, against {} before",
            spoken(measured),
            verification.after_weeks.len(),
            verification.before_weeks.len()
        ),
        (Status::TooEarly, _) => format!(
            "{claimed}; too early to measure: {} whole {} after it so far, {MIN_AFTER_WEEKS} needed",
            verification.after_weeks.len(),
            if verification.after_weeks.len() == 1 {
                "week"
            } else {
                "weeks"
            }
        ),
        _ => format!("{claimed}; unverifiable: no tag of its own names the linear work it saves"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use std::fmt::Write as _;

    /// A journal of daily notes `(date, body)` as of `as_of`.
    fn journal_with(config: &Config, notes: &[(&str, &str)], as_of: &str) -> Journal {
        let notes = notes
            .iter()
            .map(|(day, body)| {
                let source = crate::scan::Source {
                    path: format!("daily/{day}.md"),
                    text: (*body).to_owned(),
                };
                crate::parse::note(&source, config)
            })
            .collect();
        crate::resolve::resolve(notes, config, Some(as_of.parse().unwrap()))
    }

    fn journal(notes: &[(&str, &str)], as_of: &str) -> Journal {
        journal_with(&Config::default(), notes, as_of)
    }

    fn found(journal: &Journal) -> Vec<(String, u64, usize, u64, f64)> {
        opportunities(journal, &Config::default())
            .into_iter()
            .map(|o| {
                (
                    o.tag,
                    o.minutes,
                    o.weeks,
                    o.minutes_per_week,
                    o.payback_weeks,
                )
            })
            .collect()
    }

    // As of Friday 2026-11-20 (W47), the window is W36 to W47:
    // Monday 2026-08-31 to the as-of date.

    #[test]
    fn window_is_the_twelve_weeks_ending_with_the_as_of_week() {
        // SPEC 6b (v2) window edges: Sunday 08-30 (W35) is out, Monday 08-31
        // (W36) is in, and so is the as-of Friday of the partial current week.
        let notes = [
            ("2026-08-30", "- #email 60m\n"),
            ("2026-08-31", "- #email 60m\n"),
            ("2026-09-07", "- #email 60m\n"),
            ("2026-09-14", "- #email 60m\n"),
            ("2026-11-20", "- #email 60m\n"),
        ];
        // 4 weeks, 240 min: 240 / 12 = 20 min/week; no systems, so
        // B = 300 and the payback is 300 / (20 / 2) = 30 weeks.
        assert_eq!(
            found(&journal(&notes, "2026-11-20")),
            [("email".to_owned(), 240, 4, 20, 30.0)]
        );
        // A week later, 08-31 has left the window: 3 weeks, 180 min, no opportunity.
        assert_eq!(found(&journal(&notes, "2026-11-27")), []);
    }

    #[test]
    fn activities_after_the_as_of_date_are_not_in_the_window() {
        // SPEC 6b (v2) the partial current week counts only up to the as-of date.
        let notes = [
            ("2026-09-07", "- #email 60m\n"),
            ("2026-09-14", "- #email 60m\n"),
            ("2026-09-21", "- #email 60m\n"),
            ("2026-11-21", "- #email 60m\n"),
        ];
        assert_eq!(found(&journal(&notes, "2026-11-20")), []);
        assert_eq!(
            found(&journal(&notes, "2026-11-21")),
            [("email".to_owned(), 240, 4, 20, 30.0)]
        );
    }

    #[test]
    fn four_weeks_and_240_minutes_are_both_needed() {
        // SPEC 6b (v2): 239 minutes over 4 weeks is not recurring enough,
        // nor 600 minutes in 3 weeks.
        let notes = [
            ("2026-09-07", "- #email 60m\n- #admin 200m\n"),
            ("2026-09-14", "- #email 60m\n- #admin 200m\n"),
            ("2026-09-21", "- #email 60m\n- #admin 200m\n"),
            ("2026-09-28", "- #email 59m\n"),
        ];
        assert_eq!(found(&journal(&notes, "2026-11-20")), []);
    }

    #[test]
    fn grouped_by_first_own_tag_of_linear_work() {
        // SPEC 6b (v2): the first own tag groups (#email, not #client);
        // compounding work (#system) is no opportunity; an untagged item and
        // one whose tags are all inherited are left out; an unmapped tag is
        // uncategorized, which counts as linear.
        let week = "- #email #client 30m\n- #system 2h\n- replied to mail 30m\n\
                    - #inbox\n  - triage 30m\n- #garden 1h\n";
        let notes = [
            ("2026-11-02", week),
            ("2026-11-09", week),
            ("2026-11-16", week),
            ("2026-11-17", week),
            ("2026-11-18", week),
            ("2026-10-26", week),
            ("2026-10-19", week),
            ("2026-10-12", week),
        ];
        // #garden: 8 × 60 = 480 min over 6 weeks (W42 to W47), 480 / 12 = 40,
        // payback 300 / 20 = 15.0. #email: 8 × 30 = 240 min over 6 weeks, 20.
        assert_eq!(
            found(&journal(&notes, "2026-11-20")),
            [
                ("garden".to_owned(), 480, 6, 40, 15.0),
                ("email".to_owned(), 240, 6, 20, 30.0)
            ]
        );
    }

    #[test]
    fn minutes_per_week_round_half_up_and_b_is_the_median_of_systems() {
        // SPEC 6b (v2): 246 / 12 = 20.5 → 21 min/week. Systems of 60, 90,
        // 120 and an untimed one: B = the median of the timed, 90, so the
        // payback is 90 / (21 / 2) = 8.571… → 8.6 weeks. A planned system does not count.
        let notes = [
            (
                "2026-09-07",
                "- #email 60m\n- #automation 60m [saves:: 1h/week]\n",
            ),
            (
                "2026-09-14",
                "- #email 60m\n- #automation 90m [saves:: 1h/week]\n",
            ),
            (
                "2026-09-21",
                "- #email 60m\n- #automation [saves:: 1h/week]\n",
            ),
            (
                "2026-09-28",
                "- #email 66m\n- #automation 2h [saves:: 1h/week]\n",
            ),
            ("2026-10-05", "- [ ] #automation 10h [saves:: 1h/week]\n"),
        ];
        let journal = journal(&notes, "2026-11-20");
        assert_eq!(build_minutes(&journal), 90.0);
        assert_eq!(found(&journal), [("email".to_owned(), 246, 4, 21, 8.6)]);
    }

    #[test]
    fn b_is_300_without_systems_and_the_middle_mean_for_an_even_count() {
        // SPEC 6b (v2): no systems in the vault → B = 300.
        let none = journal(&[("2026-11-02", "- #email 1h\n")], "2026-11-20");
        assert_eq!(build_minutes(&none), 300.0);
        let two = journal(
            &[(
                "2026-11-02",
                "- #automation 1h [saves:: 1h/week]\n- #automation 2h15m [saves:: 1h/week]\n",
            )],
            "2026-11-20",
        );
        assert_eq!(build_minutes(&two), 97.5);
    }

    #[test]
    fn at_most_ten_sorted_by_minutes_per_week_then_tag() {
        let mut body = String::new();
        for tag in ["b", "a", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"] {
            writeln!(body, "- #{tag} 1h").unwrap();
        }
        body.push_str("- #z 2h\n");
        let notes: Vec<(String, &str)> = (0..4)
            .map(|week| (format!("2026-11-{:02}", 2 + 7 * week), body.as_str()))
            .collect();
        let notes: Vec<(&str, &str)> = notes.iter().map(|(d, b)| (d.as_str(), *b)).collect();
        let tags: Vec<String> = found(&journal(&notes, "2026-11-23"))
            .into_iter()
            .map(|o| o.0)
            .collect();
        assert_eq!(tags, ["z", "a", "b", "c", "d", "e", "f", "g", "h", "i"]);
    }

    fn verification(notes: &[(&str, &str)], as_of: &str) -> Verification {
        verification_with(&Config::default(), notes, as_of)
    }

    fn verification_with(config: &Config, notes: &[(&str, &str)], as_of: &str) -> Verification {
        let journal = journal_with(config, notes, as_of);
        let mut all = verify_all(&journal, config).into_iter().flatten();
        let first = all.next().expect("one system");
        assert!(all.next().is_none(), "one system only");
        first
    }

    /// Weekly #invoice work: `minutes` each Monday from `first` for `weeks` weeks.
    fn weekly(first: Date, weeks: i64, minutes: u32) -> Vec<(String, String)> {
        (0..weeks)
            .map(|week| {
                let day = first.checked_add((7 * week).days()).unwrap();
                (day.to_string(), format!("- #invoice/client-a {minutes}m\n"))
            })
            .collect()
    }

    fn borrowed(notes: &[(String, String)]) -> Vec<(&str, &str)> {
        notes
            .iter()
            .map(|(d, b)| (d.as_str(), b.as_str()))
            .collect()
    }

    #[test]
    fn savings_are_measured_on_the_target_and_its_descendants() {
        // SPEC 6b (v2) verified savings. The system is built on Wednesday
        // 2026-09-30 (W40) and names #invoice, which #automation (compounding)
        // does not. Before: W32 to W39, 90 min each Monday on #invoice/client-a
        // (a descendant), but W32 has no note: (7 × 90) / 8 = 78.75 → 79.
        // After: as of Sunday 2026-11-08 (W45, whole since it is a Sunday), the
        // whole weeks W41 to W45: 5 weeks of 30 min → 30. Measured 79 − 30 = 49.
        let mut notes = weekly(date(2026, 8, 10), 7, 90);
        notes.extend(weekly(date(2026, 10, 5), 5, 30));
        notes.push((
            "2026-09-30".into(),
            "- Built the invoice template #automation #invoice 3h [saves:: 1h/week]\n".into(),
        ));
        let v = verification(&borrowed(&notes), "2026-11-08");
        assert_eq!(v.status, Status::Measured);
        assert_eq!(v.target.as_deref(), Some("invoice"));
        assert_eq!(v.before_weeks.len(), 8);
        assert_eq!(v.before_weeks[0].week.to_string(), "2026-W32");
        assert_eq!(v.before_weeks[0].minutes, 0);
        assert_eq!(v.before_weeks[7].week.to_string(), "2026-W39");
        assert_eq!(v.before_weeks[7].minutes, 90);
        let after: Vec<String> = v.after_weeks.iter().map(|w| w.week.to_string()).collect();
        assert_eq!(
            after,
            ["2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45"]
        );
        assert_eq!(
            (v.before, v.after, v.measured_minutes_per_week),
            (Some(79), Some(30), Some(49))
        );
        assert_eq!(v.claimed_minutes_per_week, 60);
    }

    #[test]
    fn exactly_four_weeks_after_is_measured_and_three_is_too_early() {
        // SPEC 6b (v2): the system's week W40; as of Saturday 2026-11-07 the
        // as-of week W45 is not whole, so W41 to W44 are the whole weeks
        // after: exactly 4, measured. On Friday 2026-10-30 (W44 not whole)
        // only W41 to W43: too early, figures withheld.
        let mut notes = weekly(date(2026, 8, 3), 8, 60);
        notes.extend(weekly(date(2026, 10, 5), 5, 75));
        notes.push((
            "2026-09-30".into(),
            "- #invoice 2h [saves:: 4h/month]\n".into(),
        ));
        let v = verification(&borrowed(&notes), "2026-11-07");
        assert_eq!(v.status, Status::Measured);
        assert_eq!(v.after_weeks.len(), 4);
        // Before 60 (8 × 60 / 8), after 75: measured −15, a claim that does not hold.
        assert_eq!(
            (v.before, v.after, v.measured_minutes_per_week),
            (Some(60), Some(75), Some(-15))
        );
        // A month claim: 240 min per 30 days = 240 × 7 / 30 = 56 min/week.
        assert_eq!(v.claimed_minutes_per_week, 56);

        let v = verification(&borrowed(&notes), "2026-10-30");
        assert_eq!(v.status, Status::TooEarly);
        assert_eq!(v.after_weeks.len(), 3);
        assert_eq!(
            (v.before, v.after, v.measured_minutes_per_week),
            (None, None, None)
        );
        assert_eq!(v.claimed_minutes_per_week, 56);
    }

    #[test]
    fn after_is_at_most_the_eight_most_recent_whole_weeks() {
        // SPEC 6b (v2): built in W40; as of Wednesday 2027-01-06 (W01 of 2027,
        // not whole) the whole weeks after are W41 to W53 of 2026, 13 of them;
        // the 8 most recent, W46 to W53, count.
        let mut notes = weekly(date(2026, 10, 5), 5, 100); // W41 to W45
        notes.extend(weekly(date(2026, 11, 9), 8, 20)); // W46 to W53
        notes.push((
            "2026-09-30".into(),
            "- #invoice 2h [saves:: 1h/week]\n".into(),
        ));
        let v = verification(&borrowed(&notes), "2027-01-06");
        let after: Vec<String> = v.after_weeks.iter().map(|w| w.week.to_string()).collect();
        assert_eq!(after.first().map(String::as_str), Some("2026-W46"));
        assert_eq!(after.last().map(String::as_str), Some("2026-W53"));
        assert_eq!((v.before, v.after), (Some(0), Some(20)));
        assert_eq!(v.measured_minutes_per_week, Some(-20));
    }

    #[test]
    fn a_system_without_linear_tag_of_its_own_is_unverifiable() {
        // SPEC 6b (v2): #automation is compounding and #invoice is only
        // inherited: no target, whatever the age of the system.
        let notes = [
            (
                "2026-01-05",
                "- #invoice\n  - #automation 2h [saves:: 2h/week]\n",
            ),
            ("2026-01-12", "- #invoice 1h\n"),
        ];
        let v = verification(&notes, "2026-11-20");
        assert_eq!(v.status, Status::Unverifiable);
        assert_eq!(v.target, None);
        assert!(v.before_weeks.is_empty() && v.after_weeks.is_empty());
        assert_eq!(v.claimed_minutes_per_week, 120);
    }

    #[test]
    fn sentences_say_claimed_against_measured() {
        let mut v = Verification {
            status: Status::Measured,
            target: Some("email".into()),
            claimed_minutes_per_week: 120,
            before_weeks: vec![
                WeekMinutes {
                    week: week_of(date(2026, 11, 2)),
                    minutes: 0
                };
                8
            ],
            after_weeks: vec![
                WeekMinutes {
                    week: week_of(date(2026, 11, 2)),
                    minutes: 0
                };
                6
            ],
            before: Some(100),
            after: Some(16),
            measured_minutes_per_week: Some(84),
        };
        assert_eq!(
            sentence(&v),
            "claimed 2 h/week; measured 1 h 24 min/week over 6 weeks after, against 8 before"
        );
        v.measured_minutes_per_week = Some(-15);
        assert!(sentence(&v).contains("measured −15 min/week"));
        v.status = Status::TooEarly;
        v.after_weeks.truncate(1);
        assert_eq!(
            sentence(&v),
            "claimed 2 h/week; too early to measure: 1 whole week after it so far, 4 needed"
        );
    }

    #[test]
    fn claims_convert_to_minutes_per_week_half_up() {
        use crate::parse::activity::Saves;
        let per = |minutes, per_days| claimed_per_week(Saves { minutes, per_days });
        assert_eq!(per(240, 30), 56); // 4h/month
        assert_eq!(per(60, 1), 420); // 1h/day
        assert_eq!(per(60, 91), 5); // 1h/quarter: 4.615…
        assert_eq!(per(15, 30), 4); // 15 min/month: 3.5 → 4, half up
        assert_eq!(per(120, 7), 120);
    }

    #[test]
    fn uncategorized_counts_as_linear_even_when_configured_compounding() {
        let (config, _) = Config::parse(
            "categories:\n  deep: {kind: compounding, value: 1, tags: [deep]}\n  \
             uncategorized: {kind: compounding, value: 0}\n",
        );
        let notes = [("2026-11-02", "- #deep #chores 1h [saves:: 1h/week]\n")];
        let v = verification_with(&config, &notes, "2026-11-20");
        assert_eq!(v.target.as_deref(), Some("chores"));
    }
}
