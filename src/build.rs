//! The whole pipeline as one reusable session: `leverage build` runs it once,
//! `watch` and `serve` run it on every change. Between runs it keeps what it
//! read and parsed, so a rebuild re-reads only files whose size or time
//! changed and re-parses only those whose bytes changed; figures are cheap and
//! always recomputed; pages are written only when their bytes change.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;

use crate::config::Config;
use crate::coverage::Coverage;
use crate::diagnostic::{self, Diagnostic};
use crate::parse::{Kind, Note};
use crate::render::url;
use crate::render::{self, Page, Templates};
use crate::report::Report;
use crate::resolve::Journal;
use crate::scan::{self, Source};
use crate::write::{Output, Staged, Written};
use crate::{Compiled, Options, export};

mod compile;
mod reach;

use reach::{Footprint, Rendered};

/// What one build did.
pub struct Build {
    pub compiled: Compiled,
    /// What was read (SPEC 9 (v2)): the commands print it after a build.
    pub coverage: Coverage,
    pub pages: usize,
    pub written: Written,
    /// Notes read and parsed anew in this build (all of them the first time).
    pub parsed: usize,
    /// Notes that disappeared since the last build.
    pub removed: usize,
    /// Notes whose file was looked at: every one after a walk of the vault,
    /// only the changed ones when a watcher said which (see
    /// [`Session::changed_notes`]).
    pub examined: usize,
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
    /// Notes whose file the last compile looked at.
    examined: usize,
    /// The notes that changed, when a watcher told (see [`Session::changed_notes`]).
    hint: Option<Vec<String>>,
    /// What the last walk met (sync copies, loops, unreadable folders);
    /// `None` before the first walk, and after a config change.
    walk_problems: Option<Vec<Diagnostic>>,
    /// Notes that could not be read since the last walk.
    read_problems: Vec<Diagnostic>,
    /// Each daily note's resolution, for the next compile to reuse.
    resolved: crate::resolve::Kept,
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
            examined: 0,
            hint: None,
            walk_problems: None,
            read_problems: Vec::new(),
            resolved: crate::resolve::Kept::default(),
        })
    }

    /// A session that also writes the site, again and again (`watch`,
    /// `serve`): the output folder is checked (SPEC 10) before anything is
    /// read or touched.
    pub fn open(vault: &Path, options: &Options) -> anyhow::Result<Session> {
        let mut session = Session::open_once(vault, options)?;
        session.remember = true;
        Ok(session)
    }

    /// A session for one build (`leverage build`): it keeps no copy of the
    /// notes, and no record of what the pages were rendered from, for a
    /// next build that will not come.
    pub fn open_once(vault: &Path, options: &Options) -> anyhow::Result<Session> {
        let mut session = Session::new(vault, options)?;
        session.output = Some(Output::open(&session.vault, &session.output_path)?);
        Ok(session)
    }

    pub fn vault(&self) -> &Path {
        &self.vault
    }

    pub fn output(&self) -> &Path {
        &self.output_path
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
        diagnostic::settle(
            &mut compiled.journal.diagnostics,
            &compiled.config.allow,
            &mut compiled.journal.allowed,
        );
        let output = self
            .output
            .as_ref()
            .context("the session was not opened for writing")?;
        // A build over a site made from these very inputs, still as it was
        // written, renders and writes nothing: the case of every `build`
        // run again over an unchanged vault, in a new process. One that
        // builds again first remembers what the pages were made from.
        let input = input_digest(&compiled, &templates);
        if !self.remember
            && let Some(kept) = output.unchanged(input)
        {
            let coverage = Coverage::of(&compiled.journal, &compiled.config);
            return Ok(self.kept(compiled, coverage, kept.len(), started));
        }
        let report = Report::for_site(&compiled.journal, &compiled.config, &compiled.sources);
        let cannot_write = || format!("cannot write the site to `{}`", self.output_path.display());
        // A rebuild renders only the pages the changed notes can reach, when
        // everything the other pages show is as it was (see `Rendered`).
        // Only a session that builds again needs to know what this build
        // rendered from.
        let global = self
            .remember
            .then(|| Rendered::global(&compiled, &report, &templates));
        // With the same hash, the notes that did not change have the
        // footprints they had: only the changed ones are made again.
        let same = matches!((&self.last, global), (Some(last), Some(now)) if last.global == now);
        let changed = same.then_some(self.changed.as_slice());
        let footprints = global.map(|_| Footprint::of(&compiled.journal, &report, changed));
        let reach = match (&self.last, &footprints) {
            (Some(last), Some(now)) if same => last.reach(&self.changed, now),
            _ => None,
        };
        // What the next rebuild compares with; forgotten until this build's
        // pages are in place, in case it fails.
        let last = self.last.take();
        let rendered = global.zip(footprints).map(|(global, now)| match last {
            Some(mut last) if same => {
                last.footprints.extend(now);
                last
            }
            _ => Rendered {
                global,
                footprints: now,
            },
        });
        if let Some(kept) = output.unchanged(input) {
            self.last = rendered;
            return Ok(self.kept(compiled, report.coverage, kept.len(), started));
        }
        // A rebuild (in `watch` or `serve`) commits the pages first and the
        // data files after them, so a saved note's page is not waiting on
        // the export (16 MB of JSON for ten years of notes).
        let data_after = self.last.is_some();
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
        output.begin().with_context(cannot_write)?;
        // Each page is staged (written to a temporary file) as soon as it is
        // made and then dropped, so the site is never whole in memory; nothing
        // is visible until the commit, so a failing template keeps the last
        // good site. The data files are made beside the pages.
        let (data, pages) = rayon::join(
            || {
                if data_after {
                    // In the first commit as they are; written in the second.
                    Ok(DATA.iter().filter_map(|path| output.keep(path)).collect())
                } else {
                    stage_data(output, &report).with_context(cannot_write)
                }
            },
            || {
                render::render_each(
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
        if data_after {
            // Until the data files are written, the site is not the one
            // these inputs make: a build in between renders as usual.
            output.record_input(None);
        } else {
            output.record_input(Some(input));
        }
        let mut written = output.commit(staged).with_context(cannot_write)?;
        self.last = rendered;
        if data_after {
            let output = self
                .output
                .as_mut()
                .context("the session was not opened for writing")?;
            output.begin().with_context(cannot_write)?;
            let staged = stage_data(output, &report).with_context(cannot_write)?;
            output.record_input(Some(input));
            let data = output.commit_beside(staged).with_context(cannot_write)?;
            written.written += data.written;
            written.unchanged = written.unchanged.saturating_sub(data.written);
        }
        Ok(self.done(compiled, report.coverage, count, written, started))
    }

    /// A build that kept every page as it was.
    fn kept(
        &self,
        compiled: Compiled,
        coverage: Coverage,
        pages: usize,
        started: Instant,
    ) -> Build {
        let written = Written {
            unchanged: pages,
            ..Written::default()
        };
        self.done(compiled, coverage, pages, written, started)
    }

    fn done(
        &self,
        compiled: Compiled,
        coverage: Coverage,
        pages: usize,
        written: Written,
        started: Instant,
    ) -> Build {
        Build {
            compiled,
            coverage,
            pages,
            written,
            parsed: self.parsed,
            removed: self.removed,
            examined: self.examined,
            elapsed: started.elapsed(),
        }
    }
}

/// The data files of the site, the whole report in two forms.
const DATA: [&str; 2] = ["data/export.json", "data/activities.csv"];

/// Stages the data files, made in parallel from the report.
fn stage_data(output: &Output, report: &Report) -> std::io::Result<Vec<Staged>> {
    let stage = |path: &str, text: String| {
        output.stage(&Page {
            path: path.to_owned(),
            bytes: text.into_bytes(),
        })
    };
    let (json, csv) = rayon::join(
        || stage(DATA[0], export::json_compact(report)),
        || stage(DATA[1], export::csv(report)),
    );
    Ok(vec![json?, csv?])
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
    // Each tag once, at its first activity: a tag already met has its
    // ancestors met too (36,000 activities, a few hundred tags).
    let mut met: HashSet<&str> = HashSet::new();
    for activity in &journal.activities {
        for tag in &activity.tags {
            for name in crate::tag::and_ancestors(tag) {
                if !met.insert(name) {
                    break;
                }
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

#[cfg(test)]
mod tests;
