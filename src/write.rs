//! Writing the site into the output folder (SPEC section 10): refuse folders
//! that are not ours, skip pages whose bytes did not change, and remove only
//! pages we wrote before and no longer produce. With `scan`, the only stage
//! that touches the file system.
//!
//! A build is a transaction. Changed pages are first written into a staging
//! folder inside the output folder (`.leverage-staging/`, hidden, so never
//! served); when every page is there, with the new marker, the staging folder
//! is renamed to `.leverage-commit/`: that rename is the commit point. Then
//! each page is renamed into place, stale pages removed, and the marker moved
//! last. A build killed before the commit point leaves the old site and a
//! staging folder the next build throws away; one killed after it is finished
//! by the next build ([`Output::open`] rolls it forward). Either way the next
//! build starts from the old site or the new one, never a mix, and a folder
//! holding only these folders of ours is ours, never "foreign".
//!
//! The marker lists each page with the size and hash of the bytes we wrote,
//! so that a page someone else wrote since (another `build --as-of`, a `git
//! checkout` of a committed `_site`) is rendered and written again instead of
//! being trusted as ours. Hashing every page costs reading the whole site, so
//! the stat file beside it ([`marker::FileStat`]) records each page's size,
//! times and inode as we left it: a page whose stat is unchanged is not read.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::Page;

mod marker;

use marker::{
    FileStat, INPUT_LINE, MARKER_HEADER, STATS_NEXT, Stamp, read_input, read_marker, read_stats,
    stats_text,
};
pub use marker::{MARKER, STATS};

/// Where a build writes its changed pages before the commit.
pub const STAGING: &str = ".leverage-staging";
/// The staging folder once complete: what is in it is the next site.
pub const COMMIT: &str = ".leverage-commit";

/// Why an output folder cannot be used (exit 2, nothing touched).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("output folder `{0}` is the vault itself")]
    IsVault(PathBuf),
    #[error("output folder `{0}` contains the vault")]
    ContainsVault(PathBuf),
    #[error("output folder `{0}` is not empty and was not made by leverage (no {MARKER} file)")]
    Foreign(PathBuf),
    #[error("output `{0}` exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot use output folder `{path}`: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// An output folder that is safe to write: ours, or new, or empty.
#[derive(Debug)]
pub struct Output {
    root: PathBuf,
    /// The pages the last build wrote, from the marker, with their stamps.
    previous: BTreeMap<String, Option<Stamp>>,
    /// What the last build was made from, from the marker.
    input: Option<u64>,
    /// What this build is made from, for the marker it commits.
    next_input: Option<u64>,
    /// Each page's stat as we left it (the stat file), to know it unchanged
    /// without reading it.
    stats: HashMap<String, FileStat>,
}

/// A page made ready by [`Output::stage`]: its bytes in the staging folder, or
/// nothing to do.
#[derive(Debug)]
pub struct Staged {
    path: String,
    /// Whether the page's bytes wait in the staging folder (else they are in place).
    waiting: bool,
    stamp: Stamp,
    /// The page's stat when it was found in place with the marker's bytes.
    seen: Option<FileStat>,
}

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl Output {
    /// Checks `output` against the rules before anything is created; then
    /// finishes or throws away what an interrupted build of ours left.
    pub fn open(vault: &Path, output: &Path) -> Result<Output, Refusal> {
        let vault = fs::canonicalize(vault).map_err(|source| Refusal::Io {
            path: vault.to_owned(),
            source,
        })?;
        let resolved = absolute(output).map_err(|source| Refusal::Io {
            path: output.to_owned(),
            source,
        })?;
        if resolved == vault {
            return Err(Refusal::IsVault(output.to_owned()));
        }
        if vault.starts_with(&resolved) {
            return Err(Refusal::ContainsVault(output.to_owned()));
        }
        let io = |source| Refusal::Io {
            path: output.to_owned(),
            source,
        };
        match fs::metadata(&resolved) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(io(source)),
            Ok(meta) if !meta.is_dir() => return Err(Refusal::NotAFolder(output.to_owned())),
            Ok(_) => {
                if !resolved.join(MARKER).is_file() {
                    // Empty, or holding only what an interrupted first build
                    // left: its staging folder, or its commit folder and the
                    // pages its marker lists, moved into place before the kill.
                    let committing: BTreeSet<String> = read_marker(&resolved.join(COMMIT))
                        .into_keys()
                        .map(|page| page.split('/').next().unwrap_or_default().to_owned())
                        .collect();
                    for entry in fs::read_dir(&resolved).map_err(io)? {
                        let entry = entry.map_err(io)?;
                        let name = entry.file_name();
                        let name = name.to_string_lossy();
                        if !(name == STAGING
                            || name == COMMIT
                            || name == STATS
                            || name == STATS_NEXT
                            || is_our_temporary(&name)
                            || committing.contains(name.as_ref()))
                        {
                            return Err(Refusal::Foreign(output.to_owned()));
                        }
                    }
                }
            }
        }
        let mut output = Output {
            root: resolved,
            previous: BTreeMap::new(),
            input: None,
            next_input: None,
            stats: HashMap::new(),
        };
        output.recover().map_err(io)?;
        Ok(output)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Finishes a committed build, throws away an uncommitted one, and
    /// removes the temporary files earlier versions wrote beside pages.
    fn recover(&mut self) -> std::io::Result<()> {
        self.previous = read_marker(&self.root);
        let pages: Vec<String> = self.previous.keys().cloned().collect();
        if is_real_folder(&self.root.join(COMMIT)) {
            self.apply()?;
        }
        self.begin()?;
        self.input = read_input(&self.root);
        self.stats = read_stats(&self.root);
        // Each folder once (thousands of pages share a few folders), then
        // only those reached without a link.
        let parents: BTreeSet<&str> = pages
            .iter()
            .chain(self.previous.keys())
            .filter(|page| is_safe_relative(page))
            .filter_map(|page| page.rsplit_once('/').map(|(folder, _)| folder))
            .collect();
        let mut folders: BTreeSet<PathBuf> = BTreeSet::from([self.root.clone()]);
        for parent in parents {
            if linked_folder(&self.root, &format!("{parent}/page")).is_none() {
                folders.insert(self.root.join(parent));
            }
        }
        for folder in folders {
            let Ok(entries) = fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                if is_our_temporary(&entry.file_name().to_string_lossy())
                    && entry.file_type().is_ok_and(|kind| kind.is_file())
                {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }

    /// Empties the staging folder: what a failed build left there must not
    /// be committed by the next one. Called before a build stages its pages.
    pub fn begin(&self) -> std::io::Result<()> {
        match fs::remove_dir_all(self.root.join(STAGING)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Writes the pages; stale pages of ours are removed, unchanged ones left alone.
    pub fn write(&mut self, pages: &[Page]) -> std::io::Result<Written> {
        self.begin()?;
        let staged = pages
            .par_iter()
            .map(|page| self.stage(page))
            .collect::<std::io::Result<Vec<Staged>>>()?;
        self.commit(staged)
    }

    /// Writes a page's bytes into the staging folder, unless the page is
    /// already in place with the same bytes. Nothing a reader of the folder
    /// sees changes until [`Output::commit`]: a build that fails half-way
    /// leaves the last good site. Lets a caller write each page as soon as it
    /// is made, so that the whole site is never in memory at once.
    pub fn stage(&self, page: &Page) -> std::io::Result<Staged> {
        refuse_linked_folder(&self.root, &page.path)?;
        let stamp = Stamp::new(&page.bytes);
        let recorded = self.previous.get(&page.path).copied().flatten();
        // In place as the marker says, with these very bytes: nothing to write.
        if recorded == Some(stamp)
            && let Some(kept) = self.keep(&page.path)
        {
            return Ok(kept);
        }
        // A page still as we left it holds the bytes we recorded, and those
        // are not these: no need to read it (`export.json` is 11 MB).
        let place = self.root.join(&page.path);
        let as_left = recorded.is_some()
            && self
                .stats
                .get(&page.path)
                .is_some_and(|stat| FileStat::at(&place).as_ref() == Some(stat));
        if !as_left
            && let Ok(existing) = fs::read(&place)
            && existing == page.bytes
        {
            return Ok(Staged {
                path: page.path.clone(),
                waiting: false,
                stamp,
                seen: None,
            });
        }
        let path = self.root.join(STAGING).join(&page.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        write_new(&path, &page.bytes)?;
        Ok(Staged {
            path: page.path.clone(),
            waiting: true,
            stamp,
            seen: None,
        })
    }

    /// A page that is known not to have changed since the last build, when
    /// it is still in the folder as we wrote it (the size and hash the marker
    /// recorded): it is kept as it is, not rendered again. A page someone
    /// else wrote since is rendered again. The page is read and hashed only
    /// when its stat is not the one we recorded (see [`FileStat`]).
    pub fn keep(&self, page: &str) -> Option<Staged> {
        let recorded = (*self.previous.get(page)?)?;
        let path = self.root.join(page);
        let seen = FileStat::at(&path).filter(|seen| seen.len() == recorded.len)?;
        if self.stats.get(page) != Some(&seen) {
            let bytes = fs::read(&path).ok()?;
            if Stamp::new(&bytes) != recorded {
                return None;
            }
        }
        Some(Staged {
            path: page.to_owned(),
            waiting: false,
            stamp: recorded,
            seen: Some(seen),
        })
    }

    /// Every page of the last build, kept as it is, when that build was made
    /// from the same `input` (a digest of everything the site is made from)
    /// and each page is still as it was written: a build over an unchanged
    /// vault then renders and writes nothing, even in a new process. `None`
    /// when anything differs; the caller renders as usual.
    pub fn unchanged(&self, input: u64) -> Option<Vec<Staged>> {
        if self.input != Some(input) {
            return None;
        }
        self.unchanged_pages()
    }

    /// Every page of the last build, when each is still as it was written.
    fn unchanged_pages(&self) -> Option<Vec<Staged>> {
        if self.previous.is_empty() {
            return None;
        }
        self.previous
            .par_iter()
            .map(|(page, _)| self.keep(page))
            .collect()
    }

    /// Records what this build is made from, in the marker it commits;
    /// `None` for a commit that leaves the site incomplete.
    pub fn record_input(&mut self, input: Option<u64>) {
        self.next_input = input;
    }

    /// Commits the staged pages (see the module's comment): the new marker
    /// goes into the staging folder, which is renamed to the commit folder,
    /// whose pages are then moved into place.
    pub fn commit(&mut self, staged: Vec<Staged>) -> std::io::Result<Written> {
        let staging = self.root.join(STAGING);
        fs::create_dir_all(&staging)?;
        let mut written = Written::default();
        let mut marker = String::from(MARKER_HEADER);
        if let Some(input) = self.next_input {
            let _ = writeln!(marker, "{INPUT_LINE}{input:016x}");
        }
        let mut pages: Vec<Staged> = staged;
        pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        for page in &pages {
            if page.waiting {
                written.written += 1;
            } else {
                written.unchanged += 1;
            }
            let Stamp { len, hash } = page.stamp;
            let _ = writeln!(marker, "{}\t{len}\t{hash:016x}", page.path);
        }
        write_new(&staging.join(MARKER), marker.as_bytes())?;
        // Pages another build listed since we read the marker are ours too.
        for (path, stamp) in read_marker(&self.root) {
            self.previous.entry(path).or_insert(stamp);
        }
        fs::rename(&staging, self.root.join(COMMIT))?;
        written.removed = self.apply()?;
        self.input = self.next_input;
        self.record_stats(&pages)?;
        Ok(written)
    }

    /// Commits `staged` beside every page of the last commit, kept as it
    /// is: a second commit of a build, for what was left out of the first.
    /// Counts only `staged`.
    pub fn commit_beside(&mut self, staged: Vec<Staged>) -> std::io::Result<Written> {
        let fresh: BTreeSet<&str> = staged.iter().map(|page| page.path.as_str()).collect();
        let written = Written {
            written: staged.iter().filter(|page| page.waiting).count(),
            unchanged: staged.iter().filter(|page| !page.waiting).count(),
            removed: 0,
        };
        let mut pages: Vec<Staged> = self
            .previous
            .iter()
            .filter(|(path, _)| !fresh.contains(path.as_str()))
            .filter_map(|(path, stamp)| {
                Some(Staged {
                    path: path.clone(),
                    waiting: false,
                    stamp: (*stamp)?,
                    seen: self.stats.get(path).copied(),
                })
            })
            .collect();
        pages.extend(staged);
        self.commit(pages)?;
        Ok(written)
    }

    /// Writes the stat file for the pages just committed: the stat seen when
    /// a page was found in place, else the page's stat now (once it is in place).
    fn record_stats(&mut self, pages: &[Staged]) -> std::io::Result<()> {
        self.stats = pages
            .par_iter()
            .filter_map(|page| {
                let stat = page
                    .seen
                    .filter(|_| !page.waiting)
                    .or_else(|| FileStat::at(&self.root.join(&page.path)))?;
                Some((page.path.clone(), stat))
            })
            .collect();
        let next = self.root.join(STATS_NEXT);
        write_new(&next, stats_text(&self.stats).as_bytes())?;
        fs::rename(next, self.root.join(STATS))
    }

    /// Moves the pages of the commit folder into place, removes the pages
    /// of `previous` the new marker does not list, and moves the marker last.
    /// Returns how many pages it removed. Safe to run again after a kill.
    fn apply(&mut self) -> std::io::Result<usize> {
        let commit = self.root.join(COMMIT);
        if !commit.join(MARKER).is_file() {
            // Killed after the marker moved into place: only the folder is left.
            fs::remove_dir_all(&commit)?;
            self.previous = read_marker(&self.root);
            return Ok(0);
        }
        let next = read_marker(&commit);
        for entry in walkdir::WalkDir::new(&commit).min_depth(1) {
            let entry = entry.map_err(std::io::Error::other)?;
            if !entry.file_type().is_file() || entry.depth() == 1 && entry.file_name() == MARKER {
                continue;
            }
            let relative = crate::scan::relative_path(&commit, entry.path());
            refuse_linked_folder(&self.root, &relative)?;
            let place = self.root.join(&relative);
            if let Some(folder) = place.parent() {
                fs::create_dir_all(folder)?;
            }
            fs::rename(entry.path(), &place)?;
        }
        let mut removed = 0;
        for stale in self
            .previous
            .keys()
            .filter(|page| !next.contains_key(*page))
        {
            if is_safe_relative(stale)
                && linked_folder(&self.root, stale).is_none()
                && fs::remove_file(self.root.join(stale)).is_ok()
            {
                removed += 1;
                remove_empty_parents(&self.root, stale);
            }
        }
        fs::rename(commit.join(MARKER), self.root.join(MARKER))?;
        fs::remove_dir_all(&commit)?;
        self.previous = next;
        Ok(removed)
    }
}

/// A folder, not a link to one.
fn is_real_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir())
}

/// The name `tempfile` gives the temporary files earlier versions wrote
/// beside each page before renaming it into place: `.tmp` and six letters or
/// digits. Left behind by a killed build, they are ours to remove.
fn is_our_temporary(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Writes a new file in our staging folder, with the permissions of any new
/// file of the user's (0666 less the umask), not a temporary file's
/// owner-only 0600: a published site is often read by a web server running
/// as another user.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)
}

/// The absolute, symlink-free form of a path that may not exist yet: each
/// existing prefix is resolved (links followed, as the kernel would) before
/// the next part is applied, and a `..` after a folder that does not exist yet
/// removes it. Without that, `vault/nothing/../../docs` would pass the checks
/// as a folder inside the vault and then be written as `docs`.
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    use std::path::Component;
    let path = std::path::absolute(path)?;
    let mut resolved = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(real) = fs::canonicalize(&resolved) {
                    resolved = real;
                }
            }
        }
    }
    Ok(resolved)
}

/// A page path from our own marker, never one that climbs out of the folder.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.split('/').any(|part| part == ".." || part.is_empty())
}

/// An error when a folder on the way to the page is a symbolic link.
fn refuse_linked_folder(root: &Path, relative: &str) -> std::io::Result<()> {
    match linked_folder(root, relative) {
        Some(link) => Err(std::io::Error::other(format!(
            "`{}` in the output folder is a symbolic link; leverage writes and removes \
             pages only in its own folders, never through a link (remove the link)",
            link.display()
        ))),
        None => Ok(()),
    }
}

/// The first folder on the way from `root` to the page `relative` that is a
/// symbolic link, if any. A link planted in the output folder (by a sync
/// tool, or in a cloned repository that holds a `_site`) must not make a build
/// write or delete files elsewhere. Folders that do not exist yet are fine:
/// they are created as real folders.
fn linked_folder(root: &Path, relative: &str) -> Option<PathBuf> {
    let mut folder = root.to_path_buf();
    let (folders, _file) = relative.rsplit_once('/')?;
    for part in folders.split('/') {
        folder.push(part);
        match fs::symlink_metadata(&folder) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(folder),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

fn remove_empty_parents(root: &Path, page: &str) {
    let mut folder = root.join(page);
    while folder.pop() && folder.starts_with(root) && folder != root {
        if fs::remove_dir(&folder).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests;
