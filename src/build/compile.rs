//! The session's reading and parsing: each note's source and parse are kept
//! keyed by size and time stamp, so a compile re-reads only files whose size
//! or time changed and re-parses only those whose bytes changed. Told which
//! notes changed (by `watch`), it looks at those alone instead of walking the
//! vault.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{Cached, Session};
use crate::Compiled;
use crate::config::{self, Config};
use crate::diagnostic::{self, Diagnostic};
use crate::parse::{self, Note};
use crate::resolve;
use crate::scan::{self, Identity, Source};

/// A note to look at: vault-relative path, absolute path, which file it is.
type Candidate = (String, PathBuf, Identity);

impl Session {
    /// Tells the next compile which notes changed since the last one, as a
    /// watcher saw them (vault-relative, with `/`). It then looks at those
    /// alone, without walking the vault, when each is a note it read before
    /// and is still a file there; otherwise (a note created, removed or
    /// unreadable before, which can change what the walk skips as a sync
    /// copy) it walks as usual. `None`, the default: walk.
    pub fn changed_notes(&mut self, paths: Option<Vec<String>>) {
        self.hint = paths;
    }

    /// Runs the pipeline up to the journal, re-reading and re-parsing only
    /// what changed since the last call. Never fails: problems are diagnostics.
    pub fn compile(&mut self) -> Compiled {
        let (config_text, config, mut diagnostics) = config::read(&self.vault);
        let hint = self.hint.take();
        if config_text != self.config_text || config.logseq != self.logseq {
            // The config (and Logseq's, which says how journals are named)
            // decides what is read and how: start afresh.
            self.cache.clear();
            self.resolved = resolve::Kept::default();
            self.walk_problems = None;
            self.config_text.clone_from(&config_text);
            self.logseq.clone_from(&config.logseq);
        }

        let hinted = hint
            .filter(|_| self.remember && self.walk_problems.is_some())
            .and_then(|paths| self.hinted(&paths, &config));
        let walked = hinted.is_none();
        let candidates = hinted.unwrap_or_else(|| {
            let (paths, problems) = scan::note_paths(&self.vault, &config, &self.output_path);
            self.walk_problems = Some(problems);
            self.read_problems.clear();
            paths
        });
        diagnostics.extend(self.walk_problems.iter().flatten().cloned());
        self.examined = candidates.len();

        let mut stale: HashMap<String, Cached> = std::mem::take(&mut self.cache);
        let mut kept = Vec::new();
        let mut to_read = Vec::new();
        for (relative, absolute, identity) in candidates {
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
        if walked {
            self.removed = stale.len();
        } else {
            // The notes no one told of are as they were.
            self.removed = 0;
            kept.extend(stale.into_values());
        }
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
                    self.read_problems.push(diagnostic);
                }
            }
        }
        diagnostics.extend(self.read_problems.iter().cloned());
        if !self.remember {
            self.read_problems.clear();
            self.walk_problems = None;
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
        // Only the notes parsed anew are resolved anew, when no other note
        // came, went or changed its names.
        let kept = self.remember.then(|| {
            for path in &self.changed {
                self.resolved.forget(path);
            }
            &mut self.resolved
        });
        let mut journal = resolve::resolve_keeping(notes, &config, Some(as_of), kept);
        journal.diagnostics.extend(diagnostics);
        diagnostic::settle(
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

    /// The hinted notes to look at, or `None` when one of them calls for a
    /// walk: not read by the last compile (new, or unreadable then), or no
    /// longer a file (removed, or replaced by a folder or a link the walk
    /// would not follow).
    fn hinted(&self, paths: &[String], config: &Config) -> Option<Vec<Candidate>> {
        // Each once: a path told twice must not be read into two notes.
        let paths: std::collections::BTreeSet<&String> = paths.iter().collect();
        paths
            .into_iter()
            .map(|relative| {
                if !self.cache.contains_key(relative) {
                    return None;
                }
                let absolute = self.vault.join(relative);
                let meta = if config.follow_links {
                    std::fs::metadata(&absolute)
                } else {
                    std::fs::symlink_metadata(&absolute)
                };
                if !meta.ok()?.is_file() {
                    return None;
                }
                let identity = Identity::of_path(&absolute)?;
                Some((relative.clone(), absolute, identity))
            })
            .collect()
    }
}
