//! The whole pipeline as one reusable session: `leverage build` runs it once,
//! `watch` and `serve` run it on every change. Between runs it keeps what it
//! read and parsed, so a rebuild re-reads only files whose size or time
//! changed and re-parses only those whose bytes changed; figures are cheap and
//! always recomputed; pages are written only when their bytes change.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::parse::{self, Note};
use crate::render::{self, Page, Templates};
use crate::report::Report;
use crate::resolve;
use crate::scan::{self, Source};
use crate::write::{Output, Written};
use crate::{Compiled, Options, export};

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

pub struct Session {
    vault: PathBuf,
    options: Options,
    output_path: PathBuf,
    /// Checked and opened by [`Session::open`]; `None` for a session that only compiles.
    output: Option<Output>,
    /// The config text the cache was parsed with: another one invalidates it.
    config_text: Option<String>,
    cache: HashMap<String, Cached>,
    /// Notes read and parsed anew by the last compile.
    parsed: usize,
    /// Notes gone since the compile before it.
    removed: usize,
}

impl Session {
    /// A session that compiles the vault; it checks no output folder and writes nothing.
    pub fn new(vault: &Path, options: &Options) -> anyhow::Result<Session> {
        if !vault.is_dir() {
            anyhow::bail!("no vault at `{}`: it is not a folder", vault.display());
        }
        let vault = std::fs::canonicalize(vault)
            .with_context(|| format!("cannot read the vault `{}`", vault.display()))?;
        let (config, _) = Config::load(&vault);
        let output = options
            .output
            .clone()
            .unwrap_or_else(|| vault.join(&config.output));
        let output_path =
            crate::write::absolute(&output).context("cannot find the output folder")?;
        Ok(Session {
            vault,
            options: options.clone(),
            output_path,
            output: None,
            config_text: None,
            cache: HashMap::new(),
            parsed: 0,
            removed: 0,
        })
    }

    /// A session that also writes the site: the output folder is checked
    /// (SPEC 10) before anything is read or touched.
    pub fn open(vault: &Path, options: &Options) -> anyhow::Result<Session> {
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

    /// Runs the pipeline up to the journal, re-reading and re-parsing only
    /// what changed since the last call. Never fails: problems are diagnostics.
    pub fn compile(&mut self) -> Compiled {
        let (config_text, config, mut diagnostics) = config::read(&self.vault);
        if config_text != self.config_text {
            // The config decides what is read and how: start afresh.
            self.cache.clear();
            self.config_text.clone_from(&config_text);
        }

        let (paths, walk_problems) = scan::note_paths(&self.vault, &config, &self.output_path);
        diagnostics.extend(walk_problems);
        let mut stale: HashMap<String, Cached> = std::mem::take(&mut self.cache);
        let mut kept = Vec::new();
        let mut to_read = Vec::new();
        for (relative, absolute) in paths {
            let meta = std::fs::metadata(&absolute).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            match stale.remove(&relative) {
                Some(cached)
                    if cached.len == len && cached.modified == modified && modified.is_some() =>
                {
                    kept.push(cached);
                }
                previous => to_read.push((relative, absolute, len, modified, previous)),
            }
        }
        self.removed = stale.len();
        let fresh: Vec<Result<(Cached, bool), Diagnostic>> = to_read
            .into_par_iter()
            .map(|(relative, absolute, len, modified, previous)| {
                let source = scan::read(&relative, &absolute)?;
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
        for result in fresh {
            match result {
                Ok((cached, was_parsed)) => {
                    self.parsed += usize::from(was_parsed);
                    kept.push(cached);
                }
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        kept.sort_by(|a, b| a.source.path.cmp(&b.source.path));

        let notes: Vec<Note> = kept.iter().map(|cached| cached.note.clone()).collect();
        let sources: Vec<Source> = kept.iter().map(|cached| cached.source.clone()).collect();
        self.cache = kept
            .into_iter()
            .map(|cached| (cached.source.path.clone(), cached))
            .collect();

        let mut journal = resolve::resolve(notes, &config, self.options.as_of);
        journal.diagnostics.extend(diagnostics);
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
        let mut compiled = self.compile();
        let (templates, template_problems) = Templates::load(&self.vault, &compiled.config);
        compiled.journal.diagnostics.extend(template_problems);
        let report = Report::build(&compiled.journal, &compiled.config);
        let output = self
            .output
            .as_ref()
            .context("the session was not opened for writing")?;
        let cannot_write = || format!("cannot write the site to `{}`", self.output_path.display());
        // Each page is staged (written to a temporary file) as soon as it is
        // made and then dropped, so the site is never whole in memory; nothing
        // is visible until the commit, so a failing template keeps the last
        // good site. The data files go first, to free their text early.
        let mut staged = Vec::new();
        for (path, text) in [
            ("data/export.json", export::json(&report)),
            ("data/activities.csv", export::csv(&report)),
        ] {
            let page = Page {
                path: path.to_owned(),
                bytes: text.into_bytes(),
            };
            staged.push(output.stage(&page).with_context(cannot_write)?);
        }
        let pages = render::render_each(
            &compiled.journal,
            &compiled.config,
            &report,
            &compiled.sources,
            &templates,
            |page| output.stage(&page).map_err(Failure::Write),
        )
        .map_err(|failure| match failure {
            Failure::Template(error) => {
                anyhow::Error::new(error).context("a template failed to render")
            }
            Failure::Write(error) => anyhow::Error::new(error).context(cannot_write()),
        })?;
        staged.extend(pages);
        let count = staged.len();
        let written = self
            .output
            .as_mut()
            .context("the session was not opened for writing")?
            .commit(staged)
            .with_context(cannot_write)?;
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
