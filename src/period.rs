//! Periods of the cadence (SPEC section 3): the day, the ISO 8601 week, the
//! fortnight of ISO weeks, the calendar month, the quarter and the year, each
//! with a stable id.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Day,
        Kind::Week,
        Kind::Fortnight,
        Kind::Month,
        Kind::Quarter,
        Kind::Year,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Day => "day",
            Kind::Week => "week",
            Kind::Fortnight => "fortnight",
            Kind::Month => "month",
            Kind::Quarter => "quarter",
            Kind::Year => "year",
        }
    }

    /// `weeks`, `fortnights`, …: in prose, and the site's folder of each kind.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Day => "days",
            Kind::Week => "weeks",
            Kind::Fortnight => "fortnights",
            Kind::Month => "months",
            Kind::Quarter => "quarters",
            Kind::Year => "years",
        }
    }
}

/// A period: its kind and first day. Ordered by kind, then time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub kind: Kind,
    pub start: Date,
}

impl Period {
    /// The period of `kind` that holds `date`.
    pub fn containing(kind: Kind, date: Date) -> Period {
        let start = match kind {
            Kind::Day => date,
            Kind::Week => date
                .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
                // Only the first days of year -9999 have no Monday before them.
                .unwrap_or(date),
            // SPEC 3 (v2): weeks 2n−1 and 2n of the ISO week-year; an even
            // week starts a week earlier (a week 53 is odd: it stands alone).
            Kind::Fortnight => {
                let monday = Period::containing(Kind::Week, date).start;
                if date.iso_week_date().week() % 2 == 0 {
                    monday.checked_sub(7.days()).unwrap_or(monday)
                } else {
                    monday
                }
            }
            Kind::Month => date.first_of_month(),
            Kind::Quarter => {
                Date::new(date.year(), (date.month() - 1) / 3 * 3 + 1, 1).unwrap_or(date)
            }
            Kind::Year => date.first_of_year(),
        };
        Period { kind, start }
    }

    /// The last day of the period.
    pub fn end(self) -> Date {
        let last = match self.kind {
            Kind::Day => Some(self.start),
            Kind::Week => self.start.checked_add(6.days()).ok(),
            Kind::Fortnight if self.start.iso_week_date().week() == 53 => {
                self.start.checked_add(6.days()).ok()
            }
            Kind::Fortnight => self.start.checked_add(13.days()).ok(),
            Kind::Month => Some(self.start.last_of_month()),
            Kind::Quarter => self
                .start
                .checked_add(2.months())
                .ok()
                .map(Date::last_of_month),
            Kind::Year => Some(self.start.last_of_year()),
        };
        last.unwrap_or(Date::MAX)
    }

    pub fn contains(self, date: Date) -> bool {
        self.start <= date && date <= self.end()
    }

    /// The period just before this one.
    pub fn previous(self) -> Option<Period> {
        self.start
            .yesterday()
            .ok()
            .map(|day| Period::containing(self.kind, day))
    }

    /// The period just after this one.
    pub fn next(self) -> Option<Period> {
        self.end()
            .tomorrow()
            .ok()
            .map(|day| Period::containing(self.kind, day))
    }
}

impl fmt::Display for Period {
    /// The id: `2026-11-02`, `2026-W45`, `2026-F23`, `2026-11`, `2026-Q4`, `2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.start;
        match self.kind {
            Kind::Day => write!(f, "{date}"),
            Kind::Week => {
                let week = date.iso_week_date();
                write!(f, "{:04}-W{:02}", week.year(), week.week())
            }
            Kind::Fortnight => {
                let week = date.iso_week_date();
                write!(f, "{:04}-F{:02}", week.year(), (week.week() + 1) / 2)
            }
            Kind::Month => write!(f, "{:04}-{:02}", date.year(), date.month()),
            Kind::Quarter => write!(f, "{:04}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
            Kind::Year => write!(f, "{:04}", date.year()),
        }
    }
}

/// A period is written as its id, in the export as everywhere.
impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    to.since(from).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn id(kind: Kind, day: Date) -> String {
        Period::containing(kind, day).to_string()
    }

    #[test]
    fn ids_of_every_kind() {
        let day = date(2026, 11, 4);
        assert_eq!(id(Kind::Day, day), "2026-11-04");
        assert_eq!(id(Kind::Week, day), "2026-W45");
        assert_eq!(id(Kind::Month, day), "2026-11");
        assert_eq!(id(Kind::Quarter, day), "2026-Q4");
        assert_eq!(id(Kind::Year, day), "2026");
    }

    #[test]
    fn iso_weeks_run_monday_to_sunday_with_week_year_rules() {
        let week = Period::containing(Kind::Week, date(2026, 11, 8));
        assert_eq!(
            (week.start, week.end()),
            (date(2026, 11, 2), date(2026, 11, 8))
        );
        // 2027-01-01 is a Friday: it belongs to the last week of 2026.
        assert_eq!(id(Kind::Week, date(2027, 1, 1)), "2026-W53");
        // 2024-12-30 is a Monday in week 1 of 2025.
        assert_eq!(id(Kind::Week, date(2024, 12, 30)), "2025-W01");
    }

    #[test]
    fn fortnights_are_pairs_of_iso_weeks_and_a_week_53_stands_alone() {
        // SPEC 3 (v2) fortnights.
        let f23 = Period::containing(Kind::Fortnight, date(2026, 11, 14));
        assert_eq!(f23.to_string(), "2026-F23");
        assert_eq!(
            (f23.start, f23.end()),
            (date(2026, 11, 2), date(2026, 11, 15))
        );
        assert_eq!(Period::containing(Kind::Fortnight, date(2026, 11, 2)), f23);
        assert_eq!(Period::containing(Kind::Fortnight, date(2026, 11, 15)), f23);
        assert_eq!(id(Kind::Fortnight, date(2026, 2, 23)), "2026-F05");
        // 2026 has 53 ISO weeks: week 53 (Dec 28 to Jan 3) is fortnight 27 alone.
        let f27 = Period::containing(Kind::Fortnight, date(2027, 1, 2));
        assert_eq!(f27.to_string(), "2026-F27");
        assert_eq!(
            (f27.start, f27.end()),
            (date(2026, 12, 28), date(2027, 1, 3))
        );
        assert_eq!(
            f27.previous().map(|p| p.to_string()),
            Some("2026-F26".into())
        );
        assert_eq!(f27.next().map(|p| p.to_string()), Some("2027-F01".into()));
        // Week 1 of 2025 starts on 2024-12-30.
        assert_eq!(id(Kind::Fortnight, date(2025, 1, 8)), "2025-F01");
        assert_eq!(
            Period::containing(Kind::Fortnight, date(2025, 1, 8)).start,
            date(2024, 12, 30)
        );
    }

    #[test]
    fn ends_and_neighbours() {
        let quarter = Period::containing(Kind::Quarter, date(2026, 2, 14));
        assert_eq!(
            (quarter.start, quarter.end()),
            (date(2026, 1, 1), date(2026, 3, 31))
        );
        assert_eq!(
            quarter.next().map(|q| q.to_string()),
            Some("2026-Q2".into())
        );
        assert_eq!(
            quarter.previous().map(|q| q.to_string()),
            Some("2025-Q4".into())
        );
        assert_eq!(
            Period::containing(Kind::Month, date(2028, 2, 3)).end(),
            date(2028, 2, 29)
        );
        assert!(Period::containing(Kind::Year, date(2026, 5, 5)).contains(date(2026, 12, 31)));
    }

    #[test]
    fn days_between_counts_calendar_days() {
        assert_eq!(days_between(date(2026, 11, 2), date(2026, 11, 16)), 14);
        assert_eq!(days_between(date(2026, 11, 16), date(2026, 11, 2)), -14);
        assert_eq!(days_between(date(2025, 12, 31), date(2026, 3, 1)), 60);
    }
}
