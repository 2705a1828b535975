//! SPEC 4 Resolution: which note a link names, and the closest name to a link
//! that names none.

use std::collections::HashMap;

use jiff::civil::Date;

use super::Resolved;
use crate::config::Config;
use crate::diagnostic::Kind as DiagnosticKind;
use crate::parse::activity::Target;
use crate::parse::link::is_attachment;
use crate::parse::{Kind, Note, strip_md};

/// Lookup tables for SPEC 4 Resolution, built once per journal
/// ([`super::Journal::index`]).
#[derive(Debug)]
pub struct NoteIndex {
    /// Lower-cased path without `.md`, and every trailing part of it with a `/`.
    paths: HashMap<String, Vec<usize>>,
    suffixes: HashMap<String, Vec<usize>>,
    /// Lower-cased file names, as written and decoded (`moa party`, `bmc/garden`).
    stems: HashMap<String, Vec<usize>>,
    /// Lower-cased titles and aliases.
    names: HashMap<String, Vec<usize>>,
    /// SPEC 4 (v2): the daily notes by date, for links by a journal title.
    days: HashMap<Date, Vec<usize>>,
    /// Name dates are read in the formats of the config (SPEC 3).
    config: Config,
}

impl NoteIndex {
    pub fn new(notes: &[Note], config: &Config) -> Self {
        let mut index = NoteIndex {
            paths: HashMap::new(),
            suffixes: HashMap::new(),
            stems: HashMap::new(),
            names: HashMap::new(),
            days: HashMap::new(),
            config: config.clone(),
        };
        for (position, note) in notes.iter().enumerate() {
            if let (Kind::Daily, Some(date)) = (note.kind, note.date) {
                index.days.entry(date).or_default().push(position);
            }
            let decoded = note.name.to_lowercase();
            if decoded != note.stem().to_lowercase() {
                index.stems.entry(decoded).or_default().push(position);
            }
            let path = strip_md(&note.path).to_lowercase();
            for (slash, _) in path.match_indices('/') {
                index
                    .suffixes
                    .entry(path[slash + 1..].to_owned())
                    .or_default()
                    .push(position);
            }
            index.paths.entry(path).or_default().push(position);
            index
                .stems
                .entry(note.stem().to_lowercase())
                .or_default()
                .push(position);
            for name in note.front.title.iter().chain(&note.front.aliases) {
                let entry = index.names.entry(name.to_lowercase()).or_default();
                if !entry.contains(&position) {
                    entry.push(position);
                }
            }
        }
        index
    }

    /// The note a link points to, and a warning text when several matched.
    pub fn resolve(&self, target: &Target, notes: &[Note]) -> (Resolved, Option<DiagnosticKind>) {
        let (name, candidates) = match target {
            Target::Path(path) => (
                path.as_str(),
                self.paths.get(&strip_md(path).to_lowercase()),
            ),
            // SPEC 4 (v2): a namespaced name (`BMC/Garden`), a title or an
            // alias may hold a `/` too.
            Target::Wiki(name) if name.contains('/') => {
                let key = strip_md(name.trim_start_matches('/')).to_lowercase();
                (
                    name.as_str(),
                    self.paths
                        .get(&key)
                        .or_else(|| self.suffixes.get(&key))
                        .or_else(|| self.stems.get(&key))
                        .or_else(|| self.names.get(&name.to_lowercase())),
                )
            }
            Target::Wiki(name) => {
                let key = strip_md(name).to_lowercase();
                (
                    name.as_str(),
                    self.stems
                        .get(&key)
                        .or_else(|| self.names.get(&name.to_lowercase()))
                        .or_else(|| self.days.get(&self.journal_date(name)?)),
                )
            }
        };
        let Some(candidates) = candidates.filter(|c| !c.is_empty()) else {
            return (
                if is_attachment(name) {
                    Resolved::Attachment
                } else {
                    Resolved::Missing
                },
                None,
            );
        };
        // Several matches: the shortest path, then the first in byte order.
        let best = *candidates
            .iter()
            .min_by(|&&a, &&b| {
                (notes[a].path.len(), &notes[a].path).cmp(&(notes[b].path.len(), &notes[b].path))
            })
            .expect("not empty");
        let ambiguity = (candidates.len() > 1).then(|| DiagnosticKind::AmbiguousLink {
            target: name.to_owned(),
            matches: candidates.len(),
            chosen: notes[best].path.clone(),
        });
        (Resolved::Note(best), ambiguity)
    }

    /// SPEC 4 (v2): the day a journal title names: Logseq's default title
    /// format `MMM do, yyyy` (`Nov 4th, 2026`), or a whole name date in one
    /// of SPEC 3's formats (`2026_11_04`).
    fn journal_date(&self, name: &str) -> Option<Date> {
        if let Some(date) = logseq_title_date(name) {
            return Some(date);
        }
        match crate::parse::name_date(name.trim(), &self.config)? {
            (Ok(date), "") => Some(date),
            _ => None,
        }
    }

    /// Every name a link may use (decoded file names, titles, aliases), for
    /// "did you mean", by length in characters.
    pub fn suggestions(notes: &[Note]) -> Suggestions {
        let mut names: Vec<(usize, String)> = notes
            .iter()
            .flat_map(|note| {
                std::iter::once(note.name.as_str())
                    .chain(note.front.title.as_deref())
                    .chain(note.front.aliases.iter().map(String::as_str))
            })
            .map(|name| (name.chars().count(), name.to_owned()))
            .collect();
        names.sort_unstable();
        names.dedup();
        Suggestions {
            names,
            found: HashMap::new(),
        }
    }
}

/// The closest existing name to an unresolved link's target, when it is
/// close (Damerau-Levenshtein, so a swap of two letters is one edit, as in
/// `config::closest`); only names of about the same
/// length are compared, and each target once, so thousands of unresolved
/// links against thousands of notes stay cheap.
pub struct Suggestions {
    names: Vec<(usize, String)>,
    found: HashMap<String, Option<String>>,
}

impl Suggestions {
    pub fn closest(&mut self, target: &str) -> Option<String> {
        if let Some(found) = self.found.get(target) {
            return found.clone();
        }
        let length = target.chars().count();
        // A typo: one edit in a short name, two up to 12 characters, three beyond.
        let slack = match length {
            0..=4 => 1,
            5..=12 => 2,
            _ => 3,
        };
        let from = self.names.partition_point(|(n, _)| *n + slack < length);
        let lower = target.to_lowercase();
        let found = self.names[from..]
            .iter()
            .take_while(|(n, _)| *n <= length + slack)
            .map(|(_, name)| {
                (
                    strsim::damerau_levenshtein(&lower, &name.to_lowercase()),
                    name,
                )
            })
            .filter(|&(distance, _)| (1..=slack).contains(&distance))
            .min()
            .map(|(_, name)| name.clone());
        self.found.insert(target.to_owned(), found.clone());
        found
    }
}

/// `Nov 4th, 2026`: Logseq's default journal title (`MMM do, yyyy`).
fn logseq_title_date(name: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let (month, rest) = name.trim().split_once(' ')?;
    let month = MONTHS.iter().position(|m| month.eq_ignore_ascii_case(m))?;
    let (day, year) = rest.split_once(", ")?;
    let digits = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &day[digits.len()..].to_ascii_lowercase();
    if !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th")
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Date::new(
        year.parse().ok()?,
        i8::try_from(month + 1).ok()?,
        digits.parse().ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use jiff::civil::date;

    #[test]
    fn journal_titles_in_logseqs_default_format() {
        // SPEC 4 (v2) journal titles.
        assert_eq!(logseq_title_date("Nov 4th, 2026"), Some(date(2026, 11, 4)));
        assert_eq!(logseq_title_date("jan 1st, 2027"), Some(date(2027, 1, 1)));
        assert_eq!(logseq_title_date("Feb 22nd, 2026"), Some(date(2026, 2, 22)));
        for text in [
            "Nov 4, 2026",
            "Nov 31st, 2026",
            "November 4th, 2026",
            "Nov 4th 2026",
        ] {
            assert_eq!(logseq_title_date(text), None, "{text}");
        }
    }
}
