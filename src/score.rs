//! The figures of SPEC section 6, for any set of activities: one function per
//! rule. Minutes stay integers; ratios are unrounded floats here and are
//! rounded only where they are printed.

use jiff::civil::Date;

use crate::config::{Config, Kind};
use crate::parse::activity::Saves;
use crate::parse::front_matter::Direction;
use crate::period::days_between;
use crate::resolve::{Activity, Outcome};

/// The work behind one outcome: the done activities linking it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Invested {
    /// Their minutes added up (an untimed one adds nothing).
    pub minutes: u64,
    /// Their positions in `journal.activities`, in date order.
    pub activities: Vec<usize>,
}

/// SPEC 5: the minutes invested in each of `outcomes` outcomes (by index),
/// counted from the done activities at `positions` of `activities` (the
/// journal's or the report's rows; all of them, or a period's range): each
/// linked outcome gets the activity's whole minutes. The one place this is
/// counted, for the report, the periods' reviews and the terminal.
pub fn invested<A: Scored>(
    outcomes: usize,
    activities: &[A],
    positions: std::ops::Range<usize>,
) -> Vec<Invested> {
    let mut invested = vec![Invested::default(); outcomes];
    for position in positions {
        let activity = &activities[position];
        if !activity.is_done() {
            continue;
        }
        for &outcome in activity.outcomes() {
            invested[outcome].minutes += u64::from(activity.minutes().unwrap_or(0));
            invested[outcome].activities.push(position);
        }
    }
    invested
}

/// The figures of a set of activities (a day, a week, a tag, an outcome).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Minutes of done, timed activities.
    pub minutes: u64,
    pub planned_minutes: u64,
    /// Done activities without a duration.
    pub untimed: u64,
    /// Done activities.
    pub done: u64,
    /// Minutes per category, aligned with `Config::categories`.
    pub by_category: Vec<u64>,
    pub compounding_share: Option<f64>,
    pub alignment: Option<f64>,
    /// 0 to 100.
    pub index: Option<f64>,
    pub off_target: Option<f64>,
    /// Σ p(a) over done, timed activities.
    pub leverage_hours: f64,
}

/// What the rules of SPEC 6 read of an activity: the journal's activities
/// and the report's rows alike, so that a view figures a range of the
/// report's rows by the same rules.
pub trait Scored {
    fn is_done(&self) -> bool;
    fn minutes(&self) -> Option<u32>;
    /// Index into `Config::categories`.
    fn category(&self) -> usize;
    /// The outcomes it links, by index, in order of first appearance.
    fn outcomes(&self) -> &[usize];
    /// Whether it links an outcome.
    fn is_linked(&self) -> bool {
        !self.outcomes().is_empty()
    }
}

impl Scored for Activity {
    fn is_done(&self) -> bool {
        Activity::is_done(self)
    }
    fn minutes(&self) -> Option<u32> {
        self.minutes
    }
    fn category(&self) -> usize {
        self.category
    }
    fn outcomes(&self) -> &[usize] {
        &self.outcomes
    }
}

/// SPEC 6: p(a) = m(a) / 60 × value(category) × f(a), for a done, timed activity.
pub fn leverage_hours(activity: &impl Scored, config: &Config) -> Option<f64> {
    let minutes = activity.minutes().filter(|_| activity.is_done())?;
    Some(
        f64::from(minutes) / 60.0
            * config.categories[activity.category()].value
            * alignment_factor(activity, config),
    )
}

/// SPEC 6: f(a), 1 for an activity linking an outcome, else `unlinked_factor`.
pub fn alignment_factor(activity: &impl Scored, config: &Config) -> f64 {
    if activity.is_linked() {
        1.0
    } else {
        config.unlinked_factor
    }
}

pub fn figures<'a, A: Scored + 'a>(
    activities: impl IntoIterator<Item = &'a A>,
    config: &Config,
) -> Figures {
    let mut figures = Figures {
        minutes: 0,
        planned_minutes: 0,
        untimed: 0,
        done: 0,
        by_category: vec![0; config.categories.len()],
        compounding_share: None,
        alignment: None,
        index: None,
        off_target: None,
        leverage_hours: 0.0,
    };
    let mut compounding = 0;
    let mut aligned = 0;
    for activity in activities {
        let minutes = u64::from(activity.minutes().unwrap_or(0));
        if !activity.is_done() {
            figures.planned_minutes += minutes;
            continue;
        }
        figures.done += 1;
        if activity.minutes().is_none() {
            figures.untimed += 1;
            continue;
        }
        figures.minutes += minutes;
        figures.by_category[activity.category()] += minutes;
        if config.categories[activity.category()].kind == Kind::Compounding {
            compounding += minutes;
        }
        if activity.is_linked() {
            aligned += minutes;
        }
        figures.leverage_hours += leverage_hours(activity, config).unwrap_or(0.0);
    }
    if figures.minutes > 0 {
        let total = figures.minutes as f64;
        figures.compounding_share = Some(compounding as f64 / total);
        figures.alignment = Some(aligned as f64 / total);
        // Σ p(a) ≤ hours, so the index is at most 100; adding many floats
        // can overshoot by an ulp (100.00000000000001), which is no figure.
        figures.index = Some((100.0 * figures.leverage_hours / (total / 60.0)).min(100.0));
        figures.off_target = Some(off_target(&figures.by_category, figures.minutes, config));
    }
    figures
}

/// SPEC 6: ½ Σ |share − target share| over the categories (total variation).
fn off_target(by_category: &[u64], total: u64, config: &Config) -> f64 {
    let distance: f64 = config
        .categories
        .iter()
        .zip(by_category)
        .map(|(category, &minutes)| {
            let target = config.targets.get(&category.name).copied().unwrap_or(0.0);
            (minutes as f64 / total as f64 - target).abs()
        })
        .sum();
    distance / 2.0
}

/// SPEC 6: a busy day logs at least `min_hours` with little compounding work.
pub fn is_busy(figures: &Figures, config: &Config) -> bool {
    figures.minutes as f64 >= config.busy_day.min_hours * 60.0
        && figures
            .compounding_share
            .is_some_and(|share| share < config.busy_day.max_compounding_share)
}

/// SPEC 6: how far back from the as-of date a linked activity still counts
/// against neglect, in days (the 14 days as-of − 13 to as-of).
pub const NEGLECT_DAYS: i64 = 13;

/// SPEC 6: an active outcome that no done activity linked in the 14 days
/// ending on `as_of` (as-of − 13 days to as-of, inclusive).
///
/// Where the spec is silent (README): nothing is neglected while the log
/// (`log_start`, [`log_start`]) does not reach back over those 14 days: a
/// vault begun this week, like the one `leverage init` writes with its
/// example outcome, has had no fortnight in which to neglect anything.
pub fn is_neglected(
    outcome: &Outcome,
    linked_on: impl IntoIterator<Item = Date>,
    as_of: Option<Date>,
    log_start: Option<Date>,
) -> bool {
    use crate::parse::front_matter::OutcomeStatus;
    let Some(as_of) = as_of else { return false };
    if log_start.is_none_or(|start| days_between(start, as_of) < NEGLECT_DAYS) {
        return false;
    }
    outcome.status == OutcomeStatus::Active
        && !linked_on
            .into_iter()
            .any(|date| (0..=NEGLECT_DAYS).contains(&days_between(date, as_of)))
}

/// The first day of the log: the earliest daily note or dated activity.
pub fn log_start(journal: &crate::resolve::Journal) -> Option<Date> {
    let first_note = journal
        .notes
        .iter()
        .filter(|note| note.kind == crate::parse::Kind::Daily)
        .filter_map(|note| note.date)
        .min();
    let first_activity = journal.activities.first().map(|a| a.date);
    first_note.into_iter().chain(first_activity).min()
}

/// SPEC 6 compounding returns: rate × whole periods from the activity's date to `as_of`.
pub fn accrued_minutes(saves: Saves, date: Date, as_of: Option<Date>) -> u64 {
    let days = as_of.map_or(0, |as_of| days_between(date, as_of)).max(0) as u64;
    u64::from(saves.minutes) * (days / u64::from(saves.per_days.max(1)))
}

/// Payback = accrued ÷ the activity's own minutes; `None` when untimed.
pub fn payback(accrued: u64, minutes: Option<u32>) -> Option<f64> {
    minutes
        .filter(|&m| m > 0)
        .map(|m| accrued as f64 / f64::from(m))
}

/// SPEC 5: the outcome's current value, baseline and shift from its check-ins.
pub struct Progress {
    pub current: Option<f64>,
    pub baseline: f64,
    /// SPEC 5 (v2): as written, else `down` when the target is below the baseline.
    pub direction: Direction,
    pub shift: Option<f64>,
    /// Shift per invested hour.
    pub leverage_per_hour: Option<f64>,
    /// Shift ÷ (target − baseline), not clamped.
    pub progress: Option<f64>,
}

pub fn progress(outcome: &Outcome, invested_minutes: u64) -> Progress {
    // Check-ins are sorted so that the last one is the current value.
    let current = outcome.checkins.last().map(|checkin| checkin.value);
    let earliest = outcome
        .checkins
        .iter()
        .min_by_key(|checkin| checkin.date)
        .map(|checkin| checkin.value);
    let baseline = outcome.baseline.or(earliest).unwrap_or(0.0);
    let direction =
        outcome
            .direction
            .unwrap_or(if outcome.target.is_some_and(|target| target < baseline) {
                Direction::Down
            } else {
                Direction::Up
            });
    // A positive shift is always progress: for `down`, the metric fell.
    let shift = current.map(|current| match direction {
        Direction::Up => current - baseline,
        Direction::Down => baseline - current,
    });
    let hours = invested_minutes as f64 / 60.0;
    Progress {
        current,
        baseline,
        direction,
        shift,
        leverage_per_hour: shift
            .filter(|_| invested_minutes > 0)
            .map(|shift| shift / hours),
        progress: shift
            .zip(outcome.target)
            .filter(|&(_, target)| target != baseline)
            .map(|(shift, target)| shift / (target - baseline).abs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::activity::Status;
    use crate::parse::front_matter::OutcomeStatus;
    use crate::resolve::Checkin;
    use jiff::civil::date;

    fn activity(category: &str, minutes: Option<u32>, linked: bool) -> Activity {
        let config = Config::default();
        Activity {
            note: 0,
            file: "d.md".into(),
            line: 1,
            date: date(2026, 11, 2),
            text: String::new(),
            words: String::new(),
            status: Status::Done,
            tags: Vec::new(),
            own_tags: 0,
            category: config.category_index(category).unwrap(),
            rule: crate::category::Rule::Field,
            minutes,
            outcomes: if linked { vec![0] } else { vec![] },
            saves: None,
            value: None,
        }
    }

    #[test]
    fn leverage_hours_follow_the_formula() {
        let config = Config::default();
        // 150 min of leverage work linked to an outcome: 2.5 × 1.0 × 1.
        assert_eq!(
            leverage_hours(&activity("leverage", Some(150), true), &config),
            Some(2.5)
        );
        // 120 min of execution, unlinked: 2 × 0.25 × 0.5.
        assert_eq!(
            leverage_hours(&activity("execution", Some(120), false), &config),
            Some(0.25)
        );
        assert_eq!(
            leverage_hours(&activity("execution", None, true), &config),
            None
        );
        let mut planned = activity("leverage", Some(60), true);
        planned.status = Status::Planned;
        assert_eq!(leverage_hours(&planned, &config), None);
    }

    #[test]
    fn figures_of_a_set() {
        let config = Config::default();
        let mut planned = activity("leverage", Some(45), true);
        planned.status = Status::Planned;
        let set = [
            activity("coordination", Some(60), false),
            activity("execution", Some(120), true),
            activity("leverage", Some(60), false),
            activity("strategy", Some(60), true),
            activity("strategy", None, true),
            planned,
        ];
        let f = figures(&set, &config);
        assert_eq!(
            (f.minutes, f.planned_minutes, f.untimed, f.done),
            (300, 45, 1, 5)
        );
        assert_eq!(f.by_category, [60, 120, 60, 60, 0]);
        assert_eq!(f.compounding_share, Some(0.4));
        assert_eq!(f.alignment, Some(0.6));
        // Σp = 0 + 2×0.25 + 1×0.5 + 1 = 2.0 over 5 hours.
        assert_eq!(f.index, Some(40.0));
        // shares .2 .4 .2 .2 against .2 .3 .3 .2: (0 + .1 + .1 + 0) / 2.
        assert!((f.off_target.unwrap() - 0.1).abs() < 1e-12);
    }

    #[test]
    fn ratios_are_null_without_minutes() {
        let f = figures(&[activity("leverage", None, true)], &Config::default());
        assert_eq!(
            (f.compounding_share, f.alignment, f.index, f.off_target),
            (None, None, None, None)
        );
    }

    #[test]
    fn busy_days() {
        let config = Config::default();
        let busy = figures(&[activity("coordination", Some(360), false)], &config);
        assert!(is_busy(&busy, &config));
        let short = figures(&[activity("coordination", Some(359), false)], &config);
        assert!(!is_busy(&short, &config));
        let leveraged = figures(
            &[
                activity("coordination", Some(324), false),
                activity("leverage", Some(36), false),
            ],
            &config,
        );
        assert!(
            !is_busy(&leveraged, &config),
            "exactly 10 % compounding is not below 10 %"
        );
    }

    #[test]
    fn neglect_looks_at_the_14_days_ending_on_as_of() {
        let outcome = Outcome {
            id: "o".into(),
            note: 0,
            title: "o".into(),
            status: OutcomeStatus::Active,
            metric: None,
            unit: None,
            baseline: None,
            target: None,
            due: None,
            direction: None,
            checkins: vec![],
        };
        let as_of = Some(date(2026, 11, 20));
        let start = Some(date(2026, 1, 1));
        assert!(!is_neglected(&outcome, [date(2026, 11, 7)], as_of, start));
        assert!(!is_neglected(&outcome, [date(2026, 11, 20)], as_of, start));
        assert!(is_neglected(&outcome, [date(2026, 11, 6)], as_of, start));
        assert!(
            is_neglected(&outcome, [date(2026, 11, 21)], as_of, start),
            "after as-of does not count"
        );
        assert!(is_neglected(&outcome, [], as_of, start));
        // A log begun less than 13 days before the as-of date has had no
        // 14 days to neglect in (issue 14: a fresh vault's example outcome);
        // one begun on as-of − 13 has.
        assert!(!is_neglected(&outcome, [], as_of, Some(date(2026, 11, 8))));
        assert!(!is_neglected(&outcome, [], as_of, None));
        assert!(is_neglected(&outcome, [], as_of, Some(date(2026, 11, 7))));
        let achieved = Outcome {
            status: OutcomeStatus::Achieved,
            ..outcome
        };
        assert!(!is_neglected(&achieved, [], as_of, start));
    }

    #[test]
    fn saves_accrue_per_whole_period() {
        let weekly = Saves {
            minutes: 120,
            per_days: 7,
        };
        let built = date(2026, 11, 2);
        assert_eq!(
            accrued_minutes(weekly, built, Some(date(2026, 11, 15))),
            120
        );
        assert_eq!(
            accrued_minutes(weekly, built, Some(date(2026, 11, 16))),
            240
        );
        assert_eq!(accrued_minutes(weekly, built, Some(date(2026, 10, 1))), 0);
        assert_eq!(payback(240, Some(150)), Some(1.6));
        assert_eq!(payback(240, None), None);
    }

    #[test]
    fn progress_from_checkins() {
        let checkin = |day, value| Checkin {
            date: date(2026, 11, day),
            value,
            source: String::new(),
            note: None,
        };
        let mut outcome = Outcome {
            id: "o".into(),
            note: 0,
            title: "o".into(),
            status: OutcomeStatus::Active,
            metric: None,
            unit: None,
            baseline: Some(0.0),
            target: Some(5.0),
            due: None,
            direction: None,
            checkins: vec![checkin(1, 1.0), checkin(10, 2.0)],
        };
        let p = progress(&outcome, 150);
        assert_eq!(
            (p.current, p.baseline, p.shift),
            (Some(2.0), 0.0, Some(2.0))
        );
        assert_eq!(p.leverage_per_hour, Some(0.8));
        assert_eq!(p.progress, Some(0.4));
        outcome.baseline = None;
        let p = progress(&outcome, 0);
        assert_eq!(
            (p.baseline, p.shift, p.leverage_per_hour),
            (1.0, Some(1.0), None)
        );
        outcome.checkins.clear();
        let p = progress(&outcome, 60);
        assert_eq!(
            (p.current, p.baseline, p.shift, p.progress),
            (None, 0.0, None, None)
        );
    }

    #[test]
    fn direction_down_makes_a_fall_progress() {
        // SPEC 5 (v2) direction: default `down` when the target is below the
        // baseline (`baseline:` else the earliest check-in); shift = baseline − current.
        let checkin = |day, value| Checkin {
            date: date(2026, 11, day),
            value,
            source: String::new(),
            note: None,
        };
        let mut outcome = Outcome {
            id: "lead-time".into(),
            note: 0,
            title: "Lead time".into(),
            status: OutcomeStatus::Active,
            metric: None,
            unit: None,
            baseline: None,
            target: Some(2.0),
            due: None,
            direction: None,
            checkins: vec![checkin(1, 10.0), checkin(10, 6.0)],
        };
        let p = progress(&outcome, 120);
        assert_eq!(p.direction, Direction::Down);
        assert_eq!(
            (p.baseline, p.shift, p.progress),
            (10.0, Some(4.0), Some(0.5))
        );
        assert_eq!(p.leverage_per_hour, Some(2.0));
        // Written `up` wins: the same fall is a loss.
        outcome.direction = Some(Direction::Up);
        let p = progress(&outcome, 120);
        assert_eq!((p.shift, p.progress), (Some(-4.0), Some(-0.5)));
        // Target above the baseline: `up`.
        outcome.direction = None;
        outcome.target = Some(20.0);
        assert_eq!(progress(&outcome, 0).direction, Direction::Up);
    }
}
