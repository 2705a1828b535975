//! Fair comparisons: a period against the one before it, on equal terms.
//!
//! A period still under way is compared with the same number of elapsed days
//! of the period before (a week Mon–Thu against Mon–Thu, November 1–13
//! against October 1–13); a finished one with the whole period before. When
//! one side has fewer logged days than half of the other's, the change would
//! say more about the logging than the work, so it is not drawn: the page
//! says how many days each side has instead. Every change names what it is
//! compared with. Pure: the site's dashboard and period pages both ask here,
//! so they show the same change for the same figures.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::period::{Kind, Period, days_between};

/// The days of a period and of its baseline that are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The first and last day of `period` that count (up to the as-of date).
    pub current: (Date, Date),
    /// The same days of the period before, or none at the start of time.
    pub baseline: Option<(Date, Date)>,
    /// Whether the period is under way at the as-of date.
    pub partial: bool,
    /// What the change is against, for reading: `Mon–Thu of 2026-W44`,
    /// `days 1–13 of 2026-10`, `2026-Q3`.
    pub against: String,
}

/// What a page shows for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Both sides have enough logged days: show the change.
    Change,
    /// Nothing was logged in the baseline's days: there is nothing to compare with.
    NothingBefore,
    /// One side has fewer logged days than half of the other's.
    TooFewDays { logged: u32, baseline: u32 },
}

/// The comparison of `period` at `as_of` (none: the period is read as finished).
pub fn compare(period: Period, as_of: Option<Date>) -> Comparison {
    let partial = as_of.is_some_and(|day| period.contains(day) && day < period.end());
    let end = if partial {
        as_of.unwrap_or(period.end())
    } else {
        period.end()
    };
    let elapsed = days_between(period.start, end); // days after the first one
    let previous = period.previous();
    let baseline = previous.map(|before| {
        let last = if partial {
            before
                .start
                .checked_add(elapsed.days())
                .unwrap_or(before.end())
                .min(before.end())
        } else {
            before.end()
        };
        (before.start, last)
    });
    let against = match (previous, baseline) {
        (Some(before), Some((first, last))) if partial => match period.kind {
            Kind::Week if first == last => format!("{} of {before}", first.strftime("%a")),
            Kind::Week => format!(
                "{}–{} of {before}",
                first.strftime("%a"),
                last.strftime("%a")
            ),
            _ if first == last => format!("day 1 of {before}"),
            _ => format!("days 1–{} of {before}", days_between(first, last) + 1),
        },
        (Some(before), _) => before.to_string(),
        (None, _) => String::new(),
    };
    Comparison {
        current: (period.start, end),
        baseline,
        partial,
        against,
    }
}

/// Whether a change between two sides with these logged days says anything.
pub fn verdict(logged: u32, baseline: u32) -> Verdict {
    if baseline == 0 {
        Verdict::NothingBefore
    } else if logged * 2 < baseline || baseline * 2 < logged {
        Verdict::TooFewDays { logged, baseline }
    } else {
        Verdict::Change
    }
}

/// Trend charts draw a period's point only from this many logged days: one
/// logged day makes its week's shares 0 % or 100 %, a spike that says nothing.
pub const TREND_MIN_DAYS: u32 = 2;

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn week_of(day: Date) -> Period {
        Period::containing(Kind::Week, day)
    }

    #[test]
    fn a_week_under_way_is_compared_mon_to_thu_against_mon_to_thu() {
        // Thursday 2026-11-12, in week 46.
        let c = compare(week_of(date(2026, 11, 12)), Some(date(2026, 11, 12)));
        assert!(c.partial);
        assert_eq!(c.current, (date(2026, 11, 9), date(2026, 11, 12)));
        assert_eq!(c.baseline, Some((date(2026, 11, 2), date(2026, 11, 5))));
        assert_eq!(c.against, "Mon–Thu of 2026-W45");
    }

    #[test]
    fn a_finished_week_is_compared_with_the_whole_week_before() {
        let c = compare(week_of(date(2026, 11, 4)), Some(date(2026, 11, 12)));
        assert!(!c.partial);
        assert_eq!(c.current, (date(2026, 11, 2), date(2026, 11, 8)));
        assert_eq!(c.baseline, Some((date(2026, 10, 26), date(2026, 11, 1))));
        assert_eq!(c.against, "2026-W44");
        // Its last day is the as-of date: the week is whole.
        assert!(!compare(week_of(date(2026, 11, 8)), Some(date(2026, 11, 8))).partial);
        // No as-of date: read as finished.
        assert!(!compare(week_of(date(2026, 11, 8)), None).partial);
    }

    #[test]
    fn a_one_day_week_is_compared_with_that_day_only() {
        let c = compare(week_of(date(2026, 11, 9)), Some(date(2026, 11, 9)));
        assert_eq!(c.current, (date(2026, 11, 9), date(2026, 11, 9)));
        assert_eq!(c.baseline, Some((date(2026, 11, 2), date(2026, 11, 2))));
        assert_eq!(c.against, "Mon of 2026-W45");
    }

    #[test]
    fn a_month_under_way_against_the_same_days_clamped_to_a_shorter_month() {
        // 13 days of November against 13 days of October, not all of it.
        let month = Period::containing(Kind::Month, date(2026, 11, 13));
        let c = compare(month, Some(date(2026, 11, 13)));
        assert_eq!(c.baseline, Some((date(2026, 10, 1), date(2026, 10, 13))));
        assert_eq!(c.against, "days 1–13 of 2026-10");
        // 30 days of March against all 28 of February.
        let march = Period::containing(Kind::Month, date(2026, 3, 30));
        let c = compare(march, Some(date(2026, 3, 30)));
        assert_eq!(c.baseline, Some((date(2026, 2, 1), date(2026, 2, 28))));
        // A quarter on its first day: one day of the quarter before.
        let q4 = Period::containing(Kind::Quarter, date(2026, 10, 1));
        assert_eq!(
            compare(q4, Some(date(2026, 10, 1))).against,
            "day 1 of 2026-Q3"
        );
    }

    #[test]
    fn too_few_logged_days_on_either_side_say_so() {
        assert_eq!(verdict(4, 4), Verdict::Change);
        assert_eq!(verdict(2, 4), Verdict::Change);
        // One logged day against five: a one-day week is no 100 % spike.
        assert_eq!(
            verdict(1, 5),
            Verdict::TooFewDays {
                logged: 1,
                baseline: 5
            }
        );
        // A new vault: a full week against one Thursday.
        assert_eq!(
            verdict(5, 1),
            Verdict::TooFewDays {
                logged: 5,
                baseline: 1
            }
        );
    }

    #[test]
    fn an_empty_previous_period_is_nothing_to_compare_with() {
        assert_eq!(verdict(3, 0), Verdict::NothingBefore);
        assert_eq!(verdict(0, 0), Verdict::NothingBefore);
    }
}
