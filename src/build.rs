//! The whole pipeline as one reusable session: `leverage build` runs it once,
//! `watch` and `serve` run it on every change. Between runs it keeps what it
//! read and parsed, so a rebuild re-reads only files whose size or time
//! changed and re-parses only those whose bytes changed; figures are cheap and
//! always recomputed; pages are written only when their bytes change.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{self, Diagnostic};
use crate::parse::{self, Kind, Note};
use crate::period::{self, Period};
use crate::render::url;
use crate::render::{self, Page, Templates};
use crate::report::Report;
use crate::resolve;
use crate::resolve::Journal;
use crate::scan::{self, Source};
use crate::score;
use crate::write::{Output, Written};
use crate::{Compiled, Options, export};
use jiff::civil::Date;

/// What one build did.
pub struct Build {
    pub compiled: Compiled,
    pub report: Report,
    pub pages: usize,
    pub written: Written,
    /// Notes read and parsed anew in this build (all of them the first time).
    pub parsed: usize,
    /// Notes that disappeared since the last build.
    pub removed: usize,
    pub elapsed: Duration,
}

/// A note as last read: how to tell it changed, and what it parsed to.
struct Cached {
    len: u64,
    modified: Option<SystemTime>,
    source: Source,
    note: Note,
}

/// The vault folder is not where it was when the session started (renamed,
/// moved or deleted): a build would publish an empty site, or create the old
/// path anew, so nothing is written.
#[derive(Debug, thiserror::Error)]
#[error(
    "the vault `{}` is gone (renamed, moved or deleted): nothing is written, the last good site stays",
    .0.display()
)]
pub struct VaultGone(pub PathBuf);

pub struct Session {
    vault: PathBuf,
    /// Which folder the vault was when the session started.
    vault_identity: Option<scan::Identity>,
    options: Options,
    output_path: PathBuf,
    /// Checked and opened by [`Session::open`]; `None` for a session that only compiles.
    output: Option<Output>,
    /// The config text the cache was parsed with: another one invalidates it.
    config_text: Option<String>,
    /// The Logseq settings the cache was parsed with.
    logseq: Option<crate::logseq::Logseq>,
    cache: HashMap<String, Cached>,
    /// Whether to keep what was read and parsed for the next run: only a
    /// session opened for building ([`Session::open`]) runs more than once.
    remember: bool,
    /// Notes read and parsed anew by the last compile.
    parsed: usize,
    /// Their paths.
    changed: Vec<String>,
    /// What the last build rendered from, so that the next renders only the
    /// pages a change can reach; `None` before the first build.
    last: Option<Rendered>,
    /// Notes gone since the compile before it.
    removed: usize,
}

impl Session {
    /// A session that compiles the vault; it checks no output folder, writes
    /// nothing, and keeps nothing from one compile to the next.
    pub fn new(vault: &Path, options: &Options) -> anyhow::Result<Session> {
        if !vault.is_dir() {
            anyhow::bail!("no vault at `{}`: it is not a folder", vault.display());
        }
        let vault = std::fs::canonicalize(vault)
            .with_context(|| format!("cannot read the vault `{}`", vault.display()))?;
        let vault_identity = scan::Identity::of_path(&vault);
        let (config, _) = Config::load(&vault);
        let output = options
            .output
            .clone()
            .unwrap_or_else(|| vault.join(&config.output));
        let output_path =
            crate::write::absolute(&output).context("cannot find the output folder")?;
        Ok(Session {
            vault,
            vault_identity,
            options: options.clone(),
            output_path,
            output: None,
            config_text: None,
            logseq: None,
            cache: HashMap::new(),
            remember: false,
            parsed: 0,
            changed: Vec::new(),
            last: None,
            removed: 0,
        })
    }

    /// A session that also writes the site: the output folder is checked
    /// (SPEC 10) before anything is read or touched.
    pub fn open(vault: &Path, options: &Options) -> anyhow::Result<Session> {
        let mut session = Session::new(vault, options)?;
        session.output = Some(Output::open(&session.vault, &session.output_path)?);
        session.remember = true;
        Ok(session)
    }

    pub fn vault(&self) -> &Path {
        &self.vault
    }

    pub fn output(&self) -> &Path {
        &self.output_path
    }

    /// Runs the pipeline up to the journal, re-reading and re-parsing only
    /// what changed since the last call. Never fails: problems are diagnostics.
    pub fn compile(&mut self) -> Compiled {
        let (config_text, config, mut diagnostics) = config::read(&self.vault);
        if config_text != self.config_text || config.logseq != self.logseq {
            // The config (and Logseq's, which says how journals are named)
            // decides what is read and how: start afresh.
            self.cache.clear();
            self.config_text.clone_from(&config_text);
            self.logseq.clone_from(&config.logseq);
        }

        let (paths, walk_problems) = scan::note_paths(&self.vault, &config, &self.output_path);
        diagnostics.extend(walk_problems);
        let mut stale: HashMap<String, Cached> = std::mem::take(&mut self.cache);
        let mut kept = Vec::new();
        let mut to_read = Vec::new();
        for (relative, absolute, identity) in paths {
            let meta = std::fs::metadata(&absolute).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            match stale.remove(&relative) {
                Some(cached)
                    if cached.len == len && cached.modified == modified && modified.is_some() =>
                {
                    kept.push(cached);
                }
                previous => to_read.push((relative, absolute, identity, len, modified, previous)),
            }
        }
        self.removed = stale.len();
        let fresh: Vec<Result<(Cached, bool), Diagnostic>> = to_read
            .into_par_iter()
            .map(|(relative, absolute, identity, len, modified, previous)| {
                let source = scan::read(&relative, &absolute, identity, config.max_note_size)?;
                // Same bytes under a new time stamp (a `touch`, a checkout): no need to parse.
                let (note, parsed) = match previous {
                    Some(cached) if cached.source.text == source.text => (cached.note, false),
                    _ => (parse::note(&source, &config), true),
                };
                Ok((
                    Cached {
                        len,
                        modified,
                        source,
                        note,
                    },
                    parsed,
                ))
            })
            .collect();
        self.parsed = 0;
        self.changed.clear();
        for result in fresh {
            match result {
                Ok((cached, was_parsed)) => {
                    self.parsed += usize::from(was_parsed);
                    if was_parsed {
                        self.changed.push(cached.source.path.clone());
                    }
                    kept.push(cached);
                }
                Err(mut diagnostic) => {
                    // SPEC 1: a note that is not UTF-8 loses a figure only
                    // when its path alone makes it a daily or outcome note.
                    if diagnostic.code() == "not-utf8"
                        && !parse::daily_or_outcome_by_path(&diagnostic.path, &config)
                    {
                        diagnostic.severity = crate::diagnostic::Severity::Warning;
                    }
                    diagnostics.push(diagnostic);
                }
            }
        }
        kept.sort_by(|a, b| a.source.path.cmp(&b.source.path));

        let (notes, sources): (Vec<Note>, Vec<Source>) = if self.remember {
            let notes = kept.iter().map(|cached| cached.note.clone()).collect();
            let sources = kept.iter().map(|cached| cached.source.clone()).collect();
            self.cache = kept
                .into_iter()
                .map(|cached| (cached.source.path.clone(), cached))
                .collect();
            (notes, sources)
        } else {
            // A one-off compile (`check`, `export`): no copies for a next time.
            kept.into_iter()
                .map(|cached| (cached.note, cached.source))
                .unzip()
        };

        let as_of = crate::as_of(self.options.as_of, &config);
        let mut journal = resolve::resolve(notes, &config, Some(as_of));
        journal.diagnostics.extend(diagnostics);
        diagnostic::silence(
            &mut journal.diagnostics,
            &config.allow,
            &mut journal.allowed,
        );
        Compiled {
            vault: self.vault.clone(),
            output: self.output_path.clone(),
            config,
            config_text,
            sources,
            journal,
        }
    }

    /// Compiles the vault and writes the site, reusing what did not change.
    pub fn build(&mut self) -> anyhow::Result<Build> {
        let started = Instant::now();
        if scan::Identity::of_path(&self.vault) != self.vault_identity {
            return Err(VaultGone(self.vault.clone()).into());
        }
        let mut compiled = self.compile();
        let (templates, template_problems) = Templates::load(&self.vault, &compiled.config);
        compiled.journal.diagnostics.extend(template_problems);
        let (clash_problems, blocked) = clashes(&compiled.journal);
        compiled.journal.diagnostics.extend(clash_problems);
        diagnostic::silence(
            &mut compiled.journal.diagnostics,
            &compiled.config.allow,
            &mut compiled.journal.allowed,
        );
        let report = Report::build(&compiled.journal, &compiled.config);
        let output = self
            .output
            .as_ref()
            .context("the session was not opened for writing")?;
        let cannot_write = || format!("cannot write the site to `{}`", self.output_path.display());
        // A rebuild renders only the pages the changed notes can reach, when
        // everything the other pages show is as it was (see `Rendered`).
        let global = Rendered::global(&compiled, &report, &templates);
        let footprints = Footprint::all(&compiled.journal);
        let reach = self
            .last
            .as_ref()
            .filter(|last| last.global == global)
            .and_then(|last| last.reach(&self.changed, &footprints));
        // A build over a site made from these very inputs, still as it was
        // written, renders and writes nothing: the case of every `build`
        // run again over an unchanged vault, in a new process.
        let input = input_digest(&compiled, &templates);
        if let Some(kept) = output.unchanged(input) {
            self.last = Some(Rendered { global, footprints });
            return Ok(Build {
                compiled,
                report,
                pages: kept.len(),
                written: Written {
                    unchanged: kept.len(),
                    ..Written::default()
                },
                parsed: self.parsed,
                removed: self.removed,
                elapsed: started.elapsed(),
            });
        }
        let keep = |path: &str| {
            if blocked.contains(path) {
                return Some(None);
            }
            reach
                .as_ref()
                .filter(|reach| !reach.contains(path))
                .and_then(|_| output.keep(path))
                .map(Some)
        };
        self.last = None;
        output.begin().with_context(cannot_write)?;
        // Each page is staged (written to a temporary file) as soon as it is
        // made and then dropped, so the site is never whole in memory; nothing
        // is visible until the commit, so a failing template keeps the last
        // good site. The data files are made beside the pages.
        let stage_data = |path: &str, text: String| {
            let page = Page {
                path: path.to_owned(),
                bytes: text.into_bytes(),
            };
            output.stage(&page).with_context(cannot_write)
        };
        let (data, pages) = rayon::join(
            || {
                let (json, csv) = rayon::join(
                    || stage_data("data/export.json", export::json_compact(&report)),
                    || stage_data("data/activities.csv", export::csv(&report)),
                );
                anyhow::Ok(vec![json?, csv?])
            },
            || {
                render::render_each(
                    &compiled.journal,
                    &compiled.config,
                    &report,
                    &compiled.sources,
                    &templates,
                    keep,
                    |page| output.stage(&page).map(Some).map_err(Failure::Write),
                )
                .map_err(|failure| match failure {
                    Failure::Template(error) => {
                        anyhow::Error::new(error).context("a template failed to render")
                    }
                    Failure::Write(error) => anyhow::Error::new(error).context(cannot_write()),
                })
            },
        );
        let mut staged = data?;
        staged.extend(pages?.into_iter().flatten());
        let count = staged.len();
        let output = self
            .output
            .as_mut()
            .context("the session was not opened for writing")?;
        output.record_input(input);
        let written = output.commit(staged).with_context(cannot_write)?;
        self.last = Some(Rendered { global, footprints });
        Ok(Build {
            compiled,
            report,
            pages: count,
            written,
            parsed: self.parsed,
            removed: self.removed,
            elapsed: started.elapsed(),
        })
    }
}

/// The pages that cannot be written because another page needs their path
/// as a folder (`a.md` beside a folder `a.html/`: `notes/a.html` and
/// `notes/a.html/b.html`), each with a located diagnostic. The page that
/// would be the file is left out; the rest of the site is written.
fn clashes(journal: &Journal) -> (Vec<Diagnostic>, HashSet<String>) {
    use std::collections::BTreeMap;
    let mut pages: BTreeMap<String, (&str, u32)> = BTreeMap::new();
    for note in journal.notes.iter().filter(|note| note.kind == Kind::Page) {
        pages
            .entry(url::note(&note.path))
            .or_insert((&note.path, 1));
    }
    for activity in &journal.activities {
        for tag in &activity.tags {
            for name in crate::tag::and_ancestors(tag) {
                let place = (journal.notes[activity.note].path.as_str(), activity.line);
                pages.entry(url::tag(name)).or_insert(place);
            }
        }
    }
    let mut problems = Vec::new();
    let mut blocked = HashSet::new();
    for (page, (path, line)) in &pages {
        let folder = format!("{page}/");
        if let Some((other, _)) = pages.range(folder.clone()..).next()
            && other.starts_with(&folder)
        {
            problems.push(Diagnostic::error(
                path,
                (*line, 1),
                crate::diagnostic::Kind::PageNameClash {
                    page: page.clone(),
                    other: other.clone(),
                },
            ));
            blocked.insert(page.clone());
        }
    }
    (problems, blocked)
}

/// Everything the site is made from, as one number: this build of leverage
/// (its version, and the size and time of the binary, so that a rebuilt one
/// never trusts pages an older one wrote), the config, the templates, the
/// as-of date and every note's path and text. Pages depend on nothing else:
/// rendering reads no file and no clock.
fn input_digest(compiled: &Compiled, templates: &Templates) -> u64 {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    let binary = std::env::current_exe().and_then(std::fs::metadata);
    if let Ok(binary) = binary {
        (binary.len(), binary.modified().ok()).hash(&mut hasher);
    }
    // Beside the config's text, what the config takes from elsewhere
    // (Logseq's journal file names, the app's daily-note settings).
    let config = &compiled.config;
    let found = format!(
        "{:?}",
        (&config.logseq, &config.daily_folder, &config.daily_format)
    );
    (
        &compiled.config_text,
        found,
        templates.fingerprint(),
        compiled.journal.as_of,
    )
        .hash(&mut hasher);
    for source in &compiled.sources {
        (&source.path, &source.text).hash(&mut hasher);
    }
    hasher.finish()
}

/// Why rendering and staging the pages stopped.
enum Failure {
    Template(tera::Error),
    Write(std::io::Error),
}

impl From<tera::Error> for Failure {
    fn from(error: tera::Error) -> Self {
        Failure::Template(error)
    }
}

/// What a build rendered from: a hash of everything that pages other than
/// those of a note's own day, periods, tags and outcomes show (the note set
/// with titles and aliases, the outcomes, the ids of the periods and tags,
/// the problem counts, the config and the templates), and each note's
/// footprint. When a rebuild's hash is the same, a changed note can only
/// change the pages its old and new footprints reach; any other change
/// renders every page.
struct Rendered {
    global: u64,
    footprints: HashMap<String, Footprint>,
}

/// Where a note shows: its kind and date, and each of its activities.
struct Footprint {
    kind: Kind,
    date: Option<Date>,
    activities: Vec<Trace>,
}

/// An activity as the pages show it (a hash of everything a row, a chart
/// or a check-in takes from it), and the tag and outcome pages listing it.
#[derive(PartialEq)]
struct Trace {
    shown: u64,
    /// The archive pages listing it are of its year.
    year: i16,
    /// With their ancestors: `a/b` is listed on the page of `a` too.
    tags: BTreeSet<String>,
    outcomes: Vec<String>,
}

impl Rendered {
    fn global(compiled: &Compiled, report: &Report, templates: &Templates) -> u64 {
        let mut hasher = DefaultHasher::new();
        let journal = &compiled.journal;
        (
            &compiled.config_text,
            templates.fingerprint(),
            journal.as_of,
        )
            .hash(&mut hasher);
        for note in &journal.notes {
            (
                &note.path,
                note.kind,
                note.date,
                note.title(),
                &note.front.aliases,
            )
                .hash(&mut hasher);
        }
        for outcome in &journal.outcomes {
            let numbers = [outcome.baseline, outcome.target].map(|n| n.map(f64::to_bits));
            (
                &outcome.id,
                outcome.note,
                &outcome.title,
                &outcome.metric,
                &outcome.unit,
            )
                .hash(&mut hasher);
            (numbers, outcome.due, outcome.status as u8).hash(&mut hasher);
        }
        for kind in period::Kind::ALL {
            for row in report.periods(kind) {
                row.id.hash(&mut hasher);
            }
        }
        for row in &report.tags {
            row.tag.hash(&mut hasher);
        }
        (report.diagnostics.len(), report.errors()).hash(&mut hasher);
        hasher.finish()
    }

    /// The pages that the changed notes can reach, or `None` for all of them.
    fn reach(
        &self,
        changed: &[String],
        now: &HashMap<String, Footprint>,
    ) -> Option<HashSet<String>> {
        let mut pages: HashSet<String> = [
            "index.html",
            "systems.html",
            "problems.html",
            "formulas.html",
        ]
        .map(str::to_owned)
        .into();
        // The indexes list every period, outcome and tag with its figures.
        pages.extend(
            [
                period::Kind::Week,
                period::Kind::Month,
                period::Kind::Quarter,
            ]
            .map(url::periods),
        );
        pages.extend([url::OUTCOMES, url::TAGS].map(str::to_owned));
        for path in changed {
            let (old, new) = (self.footprints.get(path)?, now.get(path)?);
            // Outcome notes feed every page that shows an outcome.
            if old.kind == Kind::Outcome || new.kind == Kind::Outcome {
                return None;
            }
            // The activities on one side only: added, removed or shown otherwise.
            let mut gone: Vec<&Trace> = old.activities.iter().collect();
            let mut moved: Vec<&Trace> = Vec::new();
            for trace in &new.activities {
                match gone.iter().position(|old| old.shown == trace.shown) {
                    Some(at) => {
                        gone.swap_remove(at);
                    }
                    None => moved.push(trace),
                }
            }
            moved.extend(gone);
            for trace in &moved {
                pages.extend(trace.tags.iter().map(|tag| url::tag(tag)));
                pages.extend(trace.outcomes.iter().map(|id| url::outcome(id)));
                let year = trace.year;
                pages.extend(trace.tags.iter().map(|tag| url::tag_archive(tag, year)));
                pages.extend(
                    trace
                        .outcomes
                        .iter()
                        .map(|id| url::outcome_archive(id, year)),
                );
            }
            let figures_changed = !moved.is_empty() || old.date != new.date;
            for footprint in [old, new] {
                if footprint.kind == Kind::Page {
                    pages.insert(url::note(path));
                }
                let Some(date) = footprint.date.filter(|_| footprint.kind == Kind::Daily) else {
                    continue;
                };
                // The day shows the note itself.
                pages.insert(url::day(date));
                if !figures_changed {
                    continue;
                }
                // The periods that hold the day's week or end within the 14
                // days of neglect after it, and the one after each (its cards
                // compare with the period before).
                let from = Period::containing(period::Kind::Week, date).start;
                let to = date
                    .checked_add(jiff::Span::new().days(score::NEGLECT_DAYS))
                    .ok()?;
                for kind in [
                    period::Kind::Week,
                    period::Kind::Fortnight,
                    period::Kind::Month,
                    period::Kind::Quarter,
                    period::Kind::Year,
                ] {
                    let mut period = Period::containing(kind, from);
                    loop {
                        pages.insert(url::period(period));
                        if period.start > to {
                            break;
                        }
                        period = period.next()?;
                    }
                }
            }
        }
        Some(pages)
    }
}

impl Footprint {
    fn all(journal: &Journal) -> HashMap<String, Footprint> {
        let mut footprints: Vec<Footprint> = journal
            .notes
            .iter()
            .map(|note| Footprint {
                kind: note.kind,
                date: note.date,
                activities: Vec::new(),
            })
            .collect();
        for activity in &journal.activities {
            let outcomes: Vec<String> = activity
                .outcomes
                .iter()
                .map(|&o| journal.outcomes[o].id.clone())
                .collect();
            let mut hasher = DefaultHasher::new();
            (
                activity.line,
                activity.date,
                &activity.text,
                activity.status,
            )
                .hash(&mut hasher);
            (
                &activity.tags,
                activity.category,
                activity.minutes,
                &outcomes,
            )
                .hash(&mut hasher);
            let saves = activity.saves.map(|s| (s.minutes, s.per_days));
            let value = activity
                .value
                .as_ref()
                .map(|v| (v.value.to_bits(), v.line, v.column));
            (saves, value).hash(&mut hasher);
            let mut tags = BTreeSet::new();
            for tag in &activity.tags {
                for name in crate::tag::and_ancestors(tag) {
                    if !tags.insert(name.to_owned()) {
                        break;
                    }
                }
            }
            footprints[activity.note].activities.push(Trace {
                shown: hasher.finish(),
                year: activity.date.year(),
                tags,
                outcomes,
            });
        }
        journal
            .notes
            .iter()
            .map(|note| note.path.clone())
            .zip(footprints)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            // The stat file holds times and inodes: never the same in two folders.
            .filter(|entry| entry.file_name() != crate::write::STATS)
            .map(|entry| {
                let path = entry.path().strip_prefix(root).unwrap();
                (
                    path.display().to_string(),
                    std::fs::read(entry.path()).unwrap(),
                )
            })
            .collect()
    }

    fn fresh(vault: &Path, top: &Path, name: &str) -> BTreeMap<String, Vec<u8>> {
        let output = top.join(name);
        Session::open(vault, &options_for(&output))
            .unwrap()
            .build()
            .unwrap();
        files(&output)
    }

    fn options_for(output: &Path) -> Options {
        Options {
            as_of: None,
            output: Some(output.to_owned()),
        }
    }

    fn write_note(vault: &Path, path: &str, text: &str) {
        let path = vault.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_rebuild_renders_what_a_change_reaches_and_equals_a_fresh_build() {
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("vault");
        let write = |path: &str, text: &str| write_note(&vault, path, text);
        write("outcomes/Pipeline.md", "---\ntarget: 5\n---\n# Pipeline\n");
        write("pages/Acme.md", "# Acme\n\nA client.\n");
        write(
            "daily/2026-10-01.md",
            "- 1h Inbox #email\n- 2h Deck #sales [[Pipeline]]\n",
        );
        write(
            "daily/2026-10-20.md",
            "- 30m Call #call [[Acme]]\n- 1h #client/acme work\n",
        );
        write(
            "daily/2026-11-02.md",
            "- 2h System #system [[Pipeline]] [value:: 2]\n",
        );
        // Weeks far from the edits: the site has pages an edit cannot reach
        // beside the indexes that every figure reaches.
        write("daily/2026-08-03.md", "- 1h Inbox #email\n");
        write("daily/2026-08-11.md", "- 1h Inbox #email\n");
        let output = top.path().join("site");
        let mut session = Session::open(&vault, &options_for(&output)).unwrap();
        let first = session.build().unwrap();

        let edits = [
            // Figures of a day, its periods, a tag and an outcome change.
            (
                "daily/2026-10-20.md",
                "- 45m Call #call [[Pipeline]]\n- 1h #client/acme work\n",
            ),
            // Only the text of an activity.
            (
                "daily/2026-10-01.md",
                "- 1h Inbox zero #email\n- 2h Deck #sales [[Pipeline]]\n",
            ),
            // A page's own text.
            ("pages/Acme.md", "# Acme\n\nOur first client.\n"),
            // An outcome note: every page that shows the outcome.
            (
                "outcomes/Pipeline.md",
                "---\ntitle: Referral pipeline\ntarget: 6\n---\n# Pipeline\n",
            ),
            // A new tag and a new problem.
            (
                "daily/2026-11-02.md",
                "- 2h System #system/new [[Pipeline]] [value:: x]\n",
            ),
        ];
        for (round, (path, text)) in edits.into_iter().enumerate() {
            // A new size, so the change is seen whatever the time stamps' resolution.
            write(path, text);
            let build = session.build().unwrap();
            assert_eq!(build.parsed, 1, "{path}");
            assert_eq!(
                files(&output),
                fresh(&vault, top.path(), &format!("fresh{round}")),
                "after editing {path}"
            );
            if round < 3 {
                assert!(
                    build.written.written < first.pages / 2,
                    "{path}: {build:?}",
                    build = build.written
                );
            }
        }
    }

    /// Issue 13: the archive page of a year is re-rendered when one of its
    /// activities changes, and a rebuild still equals a fresh build.
    #[test]
    fn a_rebuild_renders_the_archive_of_the_changed_year() {
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("vault");
        let write = |path: &str, text: &str| write_note(&vault, path, text);
        for day in 1..=28 {
            for (year, month) in [(2025, 3), (2026, 2)] {
                let date = format!("{year}-{month:02}-{day:02}");
                write(
                    &format!("daily/{date}.md"),
                    &format!("- 30m #writing on {date}\n"),
                );
            }
        }
        let output = top.path().join("site");
        let mut session = Session::open(&vault, &options_for(&output)).unwrap();
        session.build().unwrap();
        assert!(output.join("archive/tags/writing/2025.html").is_file());
        let edits = [
            ("daily/2025-03-05.md", "- 45m #writing an essay in 2025\n"),
            (
                "daily/2026-02-10.md",
                "- 45m #writing #reading both, in 2026\n",
            ),
        ];
        for (round, (path, text)) in edits.into_iter().enumerate() {
            write(path, text);
            session.build().unwrap();
            assert_eq!(
                files(&output),
                fresh(&vault, top.path(), &format!("fresh{round}")),
                "after editing {path}"
            );
        }
        let archive =
            std::fs::read_to_string(output.join("archive/tags/writing/2025.html")).unwrap();
        assert!(archive.contains("an essay in 2025"), "{archive}");
    }
}
