//! Watching a vault for `leverage watch` and `leverage serve`: which file
//! events call for a rebuild (one pure rule, [`Filter::classify`]), and a
//! debounced watcher that turns a burst of them (an editor's save dance, a
//! `git checkout` of hundreds of notes) into one rebuild.
//!
//! The rule keeps editors' temporary files, hidden folders and the output
//! folder out, so a rebuild never triggers another one.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_full::notify::event::{
    AccessKind, AccessMode, CreateKind, MetadataKind, ModifyKind, RemoveKind,
};
use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, NoCache};

use crate::build::{Build, Session};
use crate::config::{self, Config};
use crate::scan;

/// How long the vault must be quiet before a rebuild, unless told otherwise.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(100);

/// How often `--poll` looks at every file of the vault.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// notify's poll watcher compares modification times in whole seconds, so a
/// save in the same second as the one before goes unseen. This long after a
/// build started, `--poll` compares sizes and exact times with what was
/// there then: longer than a second, so every such save has happened.
const POLL_RECHECK: Duration = Duration::from_millis(1100);

/// A change that calls for a rebuild. Paths are vault-relative, with `/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// `leverage.yaml`: everything is read anew.
    Config,
    /// A file in the config's `templates` folder: pages are rendered anew.
    Template(String),
    /// A note created, changed, removed or renamed.
    Note(String),
    /// A folder that holds or held notes, created, removed or renamed whole.
    Folder(String),
    /// The watcher lost track of events (a queue overflow), or the vault
    /// folder itself was moved: look at everything.
    Rescan,
    /// No change, but the last rebuild failed for a cause that may have
    /// cleared (no file descriptors, a full disk): try again.
    Retry,
}

/// Which paths matter: made from the config and the notes of the last build.
#[derive(Debug, Clone)]
pub struct Filter {
    vault: PathBuf,
    output: PathBuf,
    /// The config's `templates` folder, absolute.
    templates: Option<PathBuf>,
    config: Config,
    /// The notes the last build read, to tell that a vanished path was a folder of notes.
    notes: BTreeSet<String>,
}

impl Filter {
    /// `vault` and `output` absolute, as [`Session`] has them.
    pub fn new<'a>(
        vault: &Path,
        output: &Path,
        config: &Config,
        notes: impl IntoIterator<Item = &'a str>,
    ) -> Filter {
        Filter {
            vault: vault.to_owned(),
            output: output.to_owned(),
            templates: config
                .templates
                .as_ref()
                .map(|folder| vault.join(folder.trim_end_matches('/')))
                // `templates: .` would make every file a template: leave it to the notes rule.
                .filter(|folder| folder != vault),
            config: config.clone(),
            notes: notes.into_iter().map(str::to_owned).collect(),
        }
    }

    /// The filter for what a build read.
    pub fn for_build(session: &Session, build: &Build) -> Filter {
        Filter::new(
            session.vault(),
            session.output(),
            &build.compiled.config,
            build
                .compiled
                .sources
                .iter()
                .map(|source| source.path.as_str()),
        )
    }

    /// The filter before any build: the config as it is on disk, no notes known yet.
    pub fn before_build(session: &Session) -> Filter {
        Filter::new(
            session.vault(),
            session.output(),
            &Config::load(session.vault()).0,
            [],
        )
    }

    /// The same filter under another config (when a rebuild failed after a config change).
    #[must_use]
    pub fn with_config(&self, config: &Config) -> Filter {
        Filter::new(
            &self.vault,
            &self.output,
            config,
            self.notes.iter().map(String::as_str),
        )
    }

    /// Whether an event at `path` calls for a rebuild, and why. `folder` says
    /// the path is (or was) a folder, when the event or the disk tells.
    ///
    /// Counts: `*.md` notes below the vault, `leverage.yaml` at its root, files
    /// of the `templates` folder, and folders that hold notes. Never: the
    /// output folder, hidden files and folders, `node_modules`, the config's
    /// `ignore` globs, and editors' temporary files ([`is_temporary`]).
    pub fn classify(&self, path: &Path, folder: bool) -> Option<Change> {
        if let Some(templates) = &self.templates
            && path.starts_with(templates)
        {
            let temporary = path
                .file_name()
                .is_some_and(|name| is_temporary(&name.to_string_lossy()));
            return (!temporary).then(|| Change::Template(scan::relative_path(&self.vault, path)));
        }
        if path.starts_with(&self.output) {
            return None;
        }
        let relative = path.strip_prefix(&self.vault).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = parts.last()?;
        // The build's own rule, on the path and each folder above it; only
        // files are editors' temporary files (a folder `archive.tmp` is read).
        let mut above = self.vault.clone();
        for (i, part) in parts.iter().enumerate() {
            above.push(part);
            let is_folder = folder || i + 1 < parts.len();
            if scan::is_skipped(&self.vault, &self.config, &self.output, &above, is_folder) {
                return None;
            }
        }
        if !folder && is_temporary(name) {
            return None;
        }
        let relative = parts.join("/");
        if relative == config::FILE_NAME {
            return Some(Change::Config);
        }
        if folder || self.holds_notes(&relative) {
            Some(Change::Folder(relative))
        } else if scan::is_markdown(path) {
            Some(Change::Note(relative))
        } else {
            None
        }
    }

    fn holds_notes(&self, folder: &str) -> bool {
        let prefix = format!("{folder}/");
        self.notes
            .range(prefix.clone()..)
            .next()
            .is_some_and(|note| note.starts_with(&prefix))
    }
}

/// Editors' and tools' temporary, swap, backup and lock files, by name: vim's
/// `4913` probe, `*.swp`, `*.swx` and `*~`; emacs' `.#lock` and `#autosave#`;
/// `JetBrains`' `*___jb_tmp___` and `*___jb_old___`; and every hidden file.
pub fn is_temporary(name: &str) -> bool {
    let extension = name.rsplit_once('.').map(|(_, extension)| extension);
    name == "4913"
        || name.starts_with('.')
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || extension.is_some_and(|extension| {
            ["swp", "swx", "swo", "tmp", "crswap"]
                .iter()
                .any(|temporary| extension.eq_ignore_ascii_case(temporary))
        })
}

/// Whether an event of this kind can change what a build reads. Reads are
/// not changes: the build itself opens every note it reads, and must not
/// wake the watcher. Nor are access times. A change of permissions or owner
/// is: `chmod 644` makes an unreadable note readable.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        // How the poll watcher reports a new modification time.
        EventKind::Modify(ModifyKind::Metadata(metadata)) => !matches!(
            metadata,
            MetadataKind::AccessTime | MetadataKind::Extended | MetadataKind::Other
        ),
        EventKind::Any
        | EventKind::Other
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_) => true,
    }
}

/// Whether the event itself says its path is a folder.
fn is_folder_event(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder)
    )
}

/// The changes that one rebuild answers, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes(BTreeSet<Change>);

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn contains(&self, change: &Change) -> bool {
        self.0.contains(change)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Change> {
        self.0.iter()
    }

    fn insert(&mut self, change: Change) -> bool {
        self.0.insert(change)
    }

    /// The notes these changes name, when that is all they are (templates
    /// aside, which no note depends on): what the rebuild needs to look at.
    /// `None` when the vault must be walked: the config, a folder, lost
    /// events, a retry.
    pub fn notes(&self) -> Option<Vec<String>> {
        let mut notes = Vec::new();
        for change in &self.0 {
            match change {
                Change::Note(path) => notes.push(path.clone()),
                Change::Template(_) => {}
                Change::Config | Change::Folder(_) | Change::Rescan | Change::Retry => return None,
            }
        }
        Some(notes)
    }
}

impl FromIterator<Change> for Changes {
    fn from_iter<I: IntoIterator<Item = Change>>(changes: I) -> Self {
        Changes(changes.into_iter().collect())
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Config => f.write_str(config::FILE_NAME),
            Change::Template(path) | Change::Note(path) => f.write_str(path),
            Change::Folder(path) => write!(f, "{path}/"),
            Change::Rescan => f.write_str("the vault (events were lost)"),
            Change::Retry => f.write_str("the failed rebuild, tried again"),
        }
    }
}

impl fmt::Display for Changes {
    /// Up to three paths in order, else the first two and a count:
    /// `daily/a.md, daily/b.md and 198 more`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut paths: Vec<String> = self.0.iter().map(Change::to_string).collect();
        paths.sort();
        let shown = if paths.len() > 3 { 2 } else { 3 };
        for (i, path) in paths.iter().take(shown).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(path)?;
        }
        if self.0.len() > shown {
            write!(f, " and {} more", self.0.len() - shown)?;
        }
        Ok(())
    }
}

/// What wakes [`Watcher::wait`].
enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// Ends [`Watcher::wait`] from another thread (a signal handler, a server).
#[derive(Debug, Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    pub fn stop(&self) {
        // The watcher may be gone already: then there is nothing to stop.
        let _ = self.0.send(Message::Stop);
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::Events(_) => f.write_str("Events"),
            Message::Stop => f.write_str("Stop"),
        }
    }
}

/// What [`Watcher::wait`] saw.
#[derive(Debug)]
pub enum Wake {
    /// Changes that call for a rebuild, after the vault went quiet.
    Changed(Changes),
    /// The watcher reported errors (and nothing to rebuild for yet).
    Trouble(Vec<notify::Error>),
    /// [`Stopper::stop`] was called.
    Stopped,
}

/// Adding and removing the watch of one folder, whatever the debouncer's type.
trait Folders: Send {
    fn add(&mut self, folder: &Path) -> notify::Result<()>;
    fn remove(&mut self, folder: &Path);
}

impl<T, C> Folders for notify_debouncer_full::Debouncer<T, C>
where
    T: notify::Watcher + Send,
    C: notify_debouncer_full::FileIdCache + Send,
{
    fn add(&mut self, folder: &Path) -> notify::Result<()> {
        self.watch(folder, RecursiveMode::NonRecursive)
    }

    fn remove(&mut self, folder: &Path) {
        // A folder removed from disk has lost its watch already.
        let _ = self.unwatch(folder);
    }
}

/// A debounced watch of a vault, native or polling: each folder the build
/// walks is watched on its own (not recursively), so the watcher sees exactly
/// what the build reads: never a hidden, ignored or Logseq folder, the output
/// folder, or a linked folder the build does not follow (`ln -s / x` must not
/// watch the whole disk).
pub struct Watcher {
    /// The notify debouncer, native or polling; dropping it stops watching.
    debouncer: Box<dyn Folders>,
    /// The folders watched now.
    watched: BTreeSet<PathBuf>,
    receiver: Receiver<Message>,
    sender: Sender<Message>,
    quiet: Duration,
    /// With `--poll`: the files as they were when the last build started,
    /// and when to compare them again.
    recheck: Option<(Snapshot, Instant)>,
    polling: bool,
}

impl Watcher {
    /// Starts watching `vault`. Half of `debounce` is notify-debouncer-full's
    /// timeout (which pairs a rename's two halves and merges repeated events
    /// on a path); the other half is the quiet time [`Watcher::wait`] wants
    /// after the last change, so a burst of any length is one rebuild.
    /// `poll` looks at every file every [`POLL_INTERVAL`] instead of asking the
    /// operating system, for file systems whose events do not arrive.
    pub fn start(filter: &Filter, debounce: Duration, poll: bool) -> notify::Result<Watcher> {
        let (sender, receiver) = mpsc::channel();
        let events = sender.clone();
        let handler = move |result: DebounceEventResult| {
            let _ = events.send(Message::Events(result));
        };
        let timeout = (debounce / 2).max(Duration::from_millis(4));
        let debouncer: Box<dyn Folders> = if poll {
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            Box::new(notify_debouncer_full::new_debouncer_opt::<
                _,
                notify::PollWatcher,
                NoCache,
            >(timeout, None, handler, NoCache, config)?)
        } else {
            Box::new(notify_debouncer_full::new_debouncer(
                timeout, None, handler,
            )?)
        };
        let mut watcher = Watcher {
            debouncer,
            watched: BTreeSet::new(),
            receiver,
            sender,
            quiet: debounce.saturating_sub(debounce / 2),
            // Taken before the first build, like the ones before every rebuild.
            recheck: poll.then(|| (Snapshot::take(filter), Instant::now() + POLL_RECHECK)),
            polling: poll,
        };
        // The vault itself must be watchable; a folder below that cannot be
        // (unreadable, gone meanwhile) is left out, as the build warns of it.
        watcher.debouncer.add(&filter.vault)?;
        watcher.watched.insert(filter.vault.clone());
        watcher.sync(filter);
        Ok(watcher)
    }

    /// Watches the folders the build walks now, and no others.
    fn sync(&mut self, filter: &Filter) {
        let folders: BTreeSet<PathBuf> = scan::walk(&filter.vault, &filter.config, &filter.output)
            .flatten()
            .filter(|entry| entry.file_type().is_dir())
            .map(walkdir::DirEntry::into_path)
            .collect();
        for gone in self.watched.difference(&folders) {
            self.debouncer.remove(gone);
        }
        self.watched.retain(|folder| folders.contains(folder));
        for folder in folders {
            if !self.watched.contains(&folder) && self.debouncer.add(&folder).is_ok() {
                self.watched.insert(folder);
            }
        }
    }

    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// To be called right before each build: watches the folders the build
    /// will walk (new ones included, so nothing saved in them from now on is
    /// missed), and with `--poll` remembers the files as they are now, to
    /// compare them again later. Changes that name only notes and templates
    /// (`changes.notes()`) leave the folders as they were: no walk.
    pub fn before_build(&mut self, filter: &Filter, changes: &Changes) {
        if changes.notes().is_none() {
            self.sync(filter);
        }
        if self.polling {
            self.recheck = Some((Snapshot::take(filter), Instant::now() + POLL_RECHECK));
        }
    }

    /// Blocks until something calls for a rebuild and the vault has been
    /// quiet since, or until stopped. Events that arrived during a build are
    /// already queued, so they are answered by the next one.
    pub fn wait(&mut self, filter: &Filter) -> Wake {
        self.wait_until(filter, None)
    }

    /// [`Watcher::wait`], but with nothing changed by `retry` (when given),
    /// answers [`Change::Retry`].
    pub fn wait_until(&mut self, filter: &Filter, retry: Option<Instant>) -> Wake {
        let mut changes = Changes::default();
        while changes.is_empty() {
            let deadline = match (&self.recheck, retry) {
                (Some((_, at)), Some(retry)) => Some((*at).min(retry)),
                (Some((_, at)), None) => Some(*at),
                (None, retry) => retry,
            };
            let message = match deadline {
                Some(at) => self
                    .receiver
                    .recv_timeout(at.saturating_duration_since(Instant::now())),
                None => self
                    .receiver
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
            };
            match message {
                Ok(Message::Events(Ok(events))) => {
                    add_changes(&mut changes, filter, &events);
                }
                Ok(Message::Events(Err(errors))) => return Wake::Trouble(errors),
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return Wake::Stopped,
                Err(RecvTimeoutError::Timeout) => {
                    if self
                        .recheck
                        .as_ref()
                        .is_some_and(|(_, at)| *at <= Instant::now())
                        && let Some((before, _)) = self.recheck.take()
                    {
                        changes = before.changes(&Snapshot::take(filter), filter);
                    }
                    if changes.is_empty() && retry.is_some_and(|at| at <= Instant::now()) {
                        changes.insert(Change::Retry);
                    }
                }
            }
        }
        let mut deadline = Instant::now() + self.quiet;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok(Message::Events(Ok(events))) => {
                    if add_changes(&mut changes, filter, &events) {
                        deadline = Instant::now() + self.quiet;
                    }
                }
                // Errors wait for the next call: the changes come first.
                Ok(Message::Events(Err(errors))) => {
                    let _ = self.sender.send(Message::Events(Err(errors)));
                    return Wake::Changed(changes);
                }
                Err(RecvTimeoutError::Timeout) => return Wake::Changed(changes),
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return Wake::Stopped,
            }
        }
    }
}

/// The size, exact modification time and permissions of every file a build
/// reads: notes, the config, templates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Snapshot(BTreeMap<PathBuf, (u64, Option<SystemTime>, std::fs::Permissions)>);

impl Snapshot {
    fn take(filter: &Filter) -> Snapshot {
        let mut files = BTreeMap::new();
        let roots = std::iter::once(&filter.vault).chain(
            filter
                .templates
                .iter()
                .filter(|templates| !templates.starts_with(&filter.vault)),
        );
        for root in roots {
            let walk = walkdir::WalkDir::new(root)
                .follow_links(filter.config.follow_links)
                .into_iter()
                .filter_entry(|entry| {
                    entry.depth() == 0
                        || filter
                            .classify(entry.path(), entry.file_type().is_dir())
                            .is_some()
                });
            for entry in walk.flatten() {
                if !entry.file_type().is_dir()
                    && let Ok(meta) = entry.metadata()
                {
                    files.insert(
                        entry.into_path(),
                        (meta.len(), meta.modified().ok(), meta.permissions()),
                    );
                }
            }
        }
        Snapshot(files)
    }

    /// What differs in `now`: files added, removed, or of another size or time.
    fn changes(&self, now: &Snapshot, filter: &Filter) -> Changes {
        let added_or_changed = now
            .0
            .iter()
            .filter(|(path, state)| self.0.get(*path) != Some(state))
            .map(|(path, _)| path);
        let removed = self.0.keys().filter(|path| !now.0.contains_key(*path));
        added_or_changed
            .chain(removed)
            .filter_map(|path| filter.classify(path, false))
            .collect()
    }
}

/// Adds the changes among `events`; whether any of them was new.
fn add_changes(
    changes: &mut Changes,
    filter: &Filter,
    events: &[notify_debouncer_full::DebouncedEvent],
) -> bool {
    let mut added = false;
    for event in events {
        if event.need_rescan() {
            added |= changes.insert(Change::Rescan);
            continue;
        }
        if !is_change(&event.kind) {
            continue;
        }
        for path in &event.paths {
            // The vault folder itself moved or removed: the rebuild finds out.
            if *path == filter.vault {
                added |= changes.insert(Change::Rescan);
                continue;
            }
            // A link the build does not follow is no change: `is_dir` below
            // would follow it, and a poller stats through it, so a write far
            // outside the vault would look like a folder of the vault.
            if !filter.config.follow_links
                && path.symlink_metadata().is_ok_and(|meta| meta.is_symlink())
            {
                continue;
            }
            // A stat only for paths that are not notes by name: a folder
            // created or moved in, whatever its name (`archive.tmp`, `old~`).
            let folder = is_folder_event(event.kind) || (!scan::is_markdown(path) && path.is_dir());
            if let Some(change) = filter.classify(path, folder) {
                added |= changes.insert(change);
            }
        }
    }
    added
}

/// What [`rebuild_on_change`] tells its caller.
pub enum Event<'a> {
    /// A rebuild: what called for it and what came of it.
    Rebuilt {
        changes: &'a Changes,
        result: &'a anyhow::Result<Build>,
    },
    /// The watcher reported errors.
    Trouble(&'a [notify::Error]),
}

/// Why [`rebuild_on_change`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// [`Stopper::stop`] was called.
    Stopped,
    /// The vault folder is gone ([`crate::build::VaultGone`]): the last good
    /// site is left as it is and nothing more is built.
    VaultGone,
}

/// How long to wait before trying a failed rebuild again: 1 s, then twice as
/// long each time, at most a minute.
fn backoff(previous: Option<Duration>) -> Duration {
    previous.map_or(Duration::from_secs(1), |previous| {
        (previous * 2).min(Duration::from_secs(60))
    })
}

/// Whether a failed build may succeed on its own later: it failed reading or
/// writing files (no descriptors left, a full disk, a link in the output
/// folder), not on a template, which waits for the user's fix.
fn may_clear(error: &anyhow::Error) -> bool {
    !error.is::<crate::build::VaultGone>()
        && error
            .chain()
            .any(<dyn std::error::Error>::is::<std::io::Error>)
}

/// Rebuilds on every change until stopped, or until the vault folder is gone.
/// `first` is the build made before watching (its config and notes say what
/// to watch); `report` hears of every rebuild, right after it returned (every
/// page written). A rebuild that failed on files is tried again, with
/// backoff, even with nothing changed.
pub fn rebuild_on_change(
    session: &mut Session,
    watcher: &mut Watcher,
    first: &anyhow::Result<Build>,
    mut report: impl FnMut(Event<'_>),
) -> Ended {
    let mut filter = match first {
        Ok(build) => Filter::for_build(session, build),
        Err(_) => Filter::before_build(session),
    };
    let mut retry: Option<(Instant, Duration)> = None;
    if let Err(error) = first {
        if error.is::<crate::build::VaultGone>() {
            return Ended::VaultGone;
        }
        if may_clear(error) {
            let wait = backoff(None);
            retry = Some((Instant::now() + wait, wait));
        }
    }
    loop {
        match watcher.wait_until(&filter, retry.map(|(at, _)| at)) {
            Wake::Stopped => return Ended::Stopped,
            Wake::Trouble(errors) => report(Event::Trouble(&errors)),
            Wake::Changed(changes) => {
                watcher.before_build(&filter, &changes);
                // Only the notes the events name are read again, when they
                // name only notes; anything else walks the vault.
                session.changed_notes(changes.notes());
                let result = session.build();
                match &result {
                    Ok(build) => {
                        filter = Filter::for_build(session, build);
                        retry = None;
                    }
                    Err(error) => {
                        if changes.contains(&Change::Config) {
                            filter = filter.with_config(&Config::load(session.vault()).0);
                        }
                        retry = may_clear(error).then(|| {
                            let wait = backoff(retry.map(|(_, wait)| wait));
                            (Instant::now() + wait, wait)
                        });
                    }
                }
                report(Event::Rebuilt {
                    changes: &changes,
                    result: &result,
                });
                if result
                    .as_ref()
                    .is_err_and(anyhow::Error::is::<crate::build::VaultGone>)
                {
                    return Ended::VaultGone;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
