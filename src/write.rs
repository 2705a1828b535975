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
//! The marker lists each page with the size and modification time it had when
//! we wrote it, so that a page someone else wrote since (another `build
//! --as-of`, a `git checkout` of a committed `_site`) is rendered and written
//! again instead of being trusted as ours.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::Page;

/// The file that marks a folder as ours, and lists the pages we wrote.
pub const MARKER: &str = ".leverage-site";
const MARKER_HEADER: &str =
    "# written by leverage: the pages below are removed when no longer produced\n";
/// The marker's line saying what the site was built from (a digest of the
/// inputs, see [`Output::unchanged`]). Versioned: a marker without it, or of
/// another version, only means that the next build renders every page.
const INPUT_LINE: &str = "# input v1 ";
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

/// What the marker remembers of a page we wrote: its size and a hash of its
/// bytes. Content, not time stamps, so that two builds of the same vault
/// write the same marker (a `_site` kept in git does not churn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    hash: u64,
}

impl Stamp {
    fn new(bytes: &[u8]) -> Stamp {
        Stamp {
            len: bytes.len() as u64,
            hash: crate::render::url::stable_hash(bytes),
        }
    }

    /// The stamp of the file at `path`, if it is a file.
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::symlink_metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)?;
        let bytes = fs::read(path).ok()?;
        (bytes.len() as u64 == meta.len()).then(|| Stamp::new(&bytes))
    }
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
}

/// A page made ready by [`Output::stage`]: its bytes in the staging folder, or
/// nothing to do.
#[derive(Debug)]
pub struct Staged {
    path: String,
    /// Whether the page's bytes wait in the staging folder (else they are in place).
    waiting: bool,
    stamp: Stamp,
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
        let mut folders: BTreeSet<PathBuf> = BTreeSet::from([self.root.clone()]);
        for page in pages.iter().chain(self.previous.keys()) {
            if is_safe_relative(page) && linked_folder(&self.root, page).is_none() {
                let mut folder = self.root.join(page);
                folder.pop();
                folders.insert(folder);
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
        if let Ok(existing) = fs::read(self.root.join(&page.path))
            && existing == page.bytes
        {
            return Ok(Staged {
                path: page.path.clone(),
                waiting: false,
                stamp,
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
        })
    }

    /// A page that is known not to have changed since the last build, when
    /// it is still in the folder as we wrote it (the size and hash the marker
    /// recorded): it is kept as it is, not rendered again. A page someone
    /// else wrote since is rendered again.
    pub fn keep(&self, page: &str) -> Option<Staged> {
        let recorded = (*self.previous.get(page)?)?;
        (Stamp::of(&self.root.join(page)) == Some(recorded)).then(|| Staged {
            path: page.to_owned(),
            waiting: false,
            stamp: recorded,
        })
    }

    /// Every page of the last build, kept as it is, when that build was made
    /// from the same `input` (a digest of everything the site is made from)
    /// and each page is still as it was written: a build over an unchanged
    /// vault then renders and writes nothing, even in a new process. `None`
    /// when anything differs; the caller renders as usual.
    pub fn unchanged(&self, input: u64) -> Option<Vec<Staged>> {
        if self.input != Some(input) || self.previous.is_empty() {
            return None;
        }
        self.previous
            .par_iter()
            .map(|(page, _)| self.keep(page))
            .collect()
    }

    /// Records what this build is made from, in the marker it commits.
    pub fn record_input(&mut self, input: u64) {
        self.next_input = Some(input);
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
        for page in pages {
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
        Ok(written)
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

/// The pages a marker in `folder` lists, with their stamps; none without one.
fn read_marker(folder: &Path) -> BTreeMap<String, Option<Stamp>> {
    let Ok(text) = fs::read_to_string(folder.join(MARKER)) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let mut parts = line.rsplitn(3, '\t');
            let (hash, len, path) = (parts.next(), parts.next(), parts.next());
            let hash = hash.map(|hash| u64::from_str_radix(hash, 16));
            match (path, len.map(str::parse), hash) {
                (Some(path), Some(Ok(len)), Some(Ok(hash))) => {
                    (path.to_owned(), Some(Stamp { len, hash }))
                }
                // A marker of an earlier version: pages without a stamp.
                _ => (line.to_owned(), None),
            }
        })
        .collect()
}

/// The input digest a marker in `folder` records, if it has one of this version.
fn read_input(folder: &Path) -> Option<u64> {
    let text = fs::read_to_string(folder.join(MARKER)).ok()?;
    let line = text
        .lines()
        .take(3)
        .find_map(|line| line.strip_prefix(INPUT_LINE))?;
    u64::from_str_radix(line, 16).ok()
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
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn refuses_the_vault_its_parents_and_foreign_folders() {
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("vault");
        fs::create_dir_all(&vault).unwrap();
        assert!(matches!(
            Output::open(&vault, &vault),
            Err(Refusal::IsVault(_))
        ));
        assert!(matches!(
            Output::open(&vault, top.path()),
            Err(Refusal::ContainsVault(_))
        ));
        let foreign = top.path().join("docs");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("mine.txt"), "keep").unwrap();
        assert!(matches!(
            Output::open(&vault, &foreign),
            Err(Refusal::Foreign(_))
        ));
        assert_eq!(
            fs::read_to_string(foreign.join("mine.txt")).unwrap(),
            "keep"
        );
        let file = top.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(matches!(
            Output::open(&vault, &file),
            Err(Refusal::NotAFolder(_))
        ));
        // A new folder and an empty one are fine.
        assert!(Output::open(&vault, &vault.join("_site")).is_ok());
        fs::create_dir_all(top.path().join("empty")).unwrap();
        assert!(Output::open(&vault, &top.path().join("empty")).is_ok());
    }

    #[test]
    fn writes_only_what_changed_and_removes_only_its_own_stale_pages() {
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("v");
        fs::create_dir_all(&vault).unwrap();
        let out = top.path().join("site");
        let mut output = Output::open(&vault, &out).unwrap();
        let first = output
            .write(&[page("index.html", "a"), page("days/x.html", "b")])
            .unwrap();
        assert_eq!(
            first,
            Written {
                written: 2,
                unchanged: 0,
                removed: 0
            }
        );
        fs::write(out.join("notes.txt"), "the user's").unwrap();

        let mut output = Output::open(&vault, &out).unwrap();
        let second = output.write(&[page("index.html", "a2")]).unwrap();
        assert_eq!(
            second,
            Written {
                written: 1,
                unchanged: 0,
                removed: 1
            }
        );
        assert!(
            !out.join("days").exists(),
            "an emptied folder of ours goes too"
        );
        assert_eq!(
            fs::read_to_string(out.join("notes.txt")).unwrap(),
            "the user's"
        );

        let third = output.write(&[page("index.html", "a2")]).unwrap();
        assert_eq!(
            third,
            Written {
                written: 0,
                unchanged: 1,
                removed: 0
            }
        );
        let marker = fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(
            marker.lines().last().unwrap().starts_with("index.html\t"),
            "{marker}"
        );
    }

    fn site(top: &Path) -> (PathBuf, PathBuf) {
        let vault = top.join("v");
        fs::create_dir_all(&vault).unwrap();
        (vault, top.join("site"))
    }

    // Issue 15 item 2: an interrupted first build never locks the folder.
    #[test]
    fn item_2_a_folder_holding_only_our_leftovers_is_ours() {
        let top = tempfile::tempdir().unwrap();
        let (vault, out) = site(top.path());
        // Killed before the commit point: a staging folder, an old-style temporary file.
        fs::create_dir_all(out.join(STAGING).join("days")).unwrap();
        fs::write(out.join(STAGING).join("days/x.html"), "half").unwrap();
        fs::write(out.join(".tmpAb12Cd"), "half").unwrap();
        let mut output = Output::open(&vault, &out).unwrap();
        assert!(!out.join(STAGING).exists() && !out.join(".tmpAb12Cd").exists());
        output.write(&[page("index.html", "a")]).unwrap();
        assert!(out.join(MARKER).is_file());
        assert!(
            !out.join("days").exists(),
            "nothing uncommitted is published"
        );

        // Killed after the commit point: the next open finishes the build.
        let top = tempfile::tempdir().unwrap();
        let (vault, out) = site(top.path());
        fs::create_dir_all(out.join(COMMIT).join("days")).unwrap();
        fs::write(out.join(COMMIT).join("days/x.html"), "new").unwrap();
        fs::write(out.join(COMMIT).join(MARKER), "days/x.html\n").unwrap();
        Output::open(&vault, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("days/x.html")).unwrap(), "new");
        assert!(out.join(MARKER).is_file() && !out.join(COMMIT).exists());
        // A user's file still makes the folder foreign.
        let top = tempfile::tempdir().unwrap();
        let (vault, out) = site(top.path());
        fs::create_dir_all(out.join(STAGING)).unwrap();
        fs::write(out.join("mine.txt"), "x").unwrap();
        assert!(matches!(
            Output::open(&vault, &out),
            Err(Refusal::Foreign(_))
        ));
    }

    // Issue 15 item 7: an interrupted rebuild leaves no debris.
    #[test]
    fn item_7_leftovers_of_interrupted_builds_are_cleaned() {
        let top = tempfile::tempdir().unwrap();
        let (vault, out) = site(top.path());
        let mut output = Output::open(&vault, &out).unwrap();
        output
            .write(&[page("index.html", "a"), page("notes/gone.html", "secret")])
            .unwrap();
        // Temporary files an earlier version left beside pages.
        fs::write(out.join("notes/.tmpZZ9x0a"), "secret").unwrap();
        fs::write(out.join(".tmp000000"), "secret").unwrap();
        fs::write(out.join("notes/.tmp-user"), "not ours").unwrap();
        // A rebuild without `notes/gone.html`, killed after its commit point.
        fs::create_dir_all(out.join(COMMIT)).unwrap();
        fs::write(out.join(COMMIT).join("index.html"), "b").unwrap();
        fs::write(out.join(COMMIT).join(MARKER), "index.html\n").unwrap();
        Output::open(&vault, &out).unwrap();
        assert!(
            !out.join("notes/gone.html").exists(),
            "the deleted note's page goes"
        );
        assert!(!out.join("notes/.tmpZZ9x0a").exists() && !out.join(".tmp000000").exists());
        assert!(out.join("notes/.tmp-user").exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "b");
    }

    // Issue 15 item 6: a page someone else wrote is not trusted as ours.
    #[test]
    fn item_6_a_page_rewritten_by_someone_else_is_not_kept() {
        let top = tempfile::tempdir().unwrap();
        let (vault, out) = site(top.path());
        let mut output = Output::open(&vault, &out).unwrap();
        output
            .write(&[page("index.html", "a"), page("days/x.html", "ours")])
            .unwrap();
        assert!(output.keep("days/x.html").is_some());
        // Another build (or a checkout) writes the page: another size or time.
        fs::write(out.join("days/x.html"), "theirs, longer").unwrap();
        assert!(output.keep("days/x.html").is_none());
        assert!(output.keep("index.html").is_some());
        // Another build's marker lists a page this one never made: it goes.
        let mut other = Output::open(&vault, &out).unwrap();
        other
            .write(&[page("index.html", "a"), page("days/y.html", "theirs")])
            .unwrap();
        output.write(&[page("index.html", "a")]).unwrap();
        assert!(!out.join("days/y.html").exists());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_or_removes_through_a_link_in_the_folder() {
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("v");
        fs::create_dir_all(&vault).unwrap();
        let out = top.path().join("site");
        let mut output = Output::open(&vault, &out).unwrap();
        output
            .write(&[page("index.html", "a"), page("days/old.html", "b")])
            .unwrap();
        // Someone replaces a folder of ours with a link to the user's files.
        let elsewhere = top.path().join("home");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("old.html"), "the user's").unwrap();
        fs::write(elsewhere.join("new.html"), "the user's too").unwrap();
        fs::remove_dir_all(out.join("days")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("days")).unwrap();

        let mut output = Output::open(&vault, &out).unwrap();
        // A page to write through the link is an error, and a stale page behind
        // it is kept.
        let error = output
            .write(&[page("index.html", "a"), page("days/new.html", "c")])
            .unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        let mut output = Output::open(&vault, &out).unwrap();
        output.write(&[page("index.html", "a")]).unwrap();
        assert_eq!(
            fs::read_to_string(elsewhere.join("old.html")).unwrap(),
            "the user's"
        );
        assert_eq!(
            fs::read_to_string(elsewhere.join("new.html")).unwrap(),
            "the user's too"
        );
        assert_eq!(linked_folder(&out, "index.html"), None);
        assert_eq!(linked_folder(&out, "days/x.html"), Some(out.join("days")));
        assert_eq!(linked_folder(&out, "new/deeper/x.html"), None);
    }

    #[cfg(unix)]
    #[test]
    fn pages_get_the_permissions_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let top = tempfile::tempdir().unwrap();
        let vault = top.path().join("v");
        fs::create_dir_all(&vault).unwrap();
        let out = top.path().join("site");
        let mut output = Output::open(&vault, &out).unwrap();
        output.write(&[page("days/x.html", "a")]).unwrap();
        fs::write(out.join("probe"), "b").unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out.join("days/x.html")), mode(&out.join("probe")));
        assert_eq!(mode(&out.join(MARKER)), mode(&out.join("probe")));
    }

    // Issue 15 item 1: the path is resolved before any check.
    #[test]
    fn item_1_dot_dot_is_resolved_before_the_refusals() {
        let top = tempfile::tempdir().unwrap();
        let top = fs::canonicalize(top.path()).unwrap();
        let vault = top.join("vault");
        fs::create_dir_all(vault.join("daily")).unwrap();
        fs::write(vault.join("daily/2026-11-02.md"), "- 1h #x").unwrap();
        let docs = top.join("docs");
        fs::create_dir_all(&docs).unwrap();
        fs::write(docs.join("index.html"), "the user's").unwrap();
        assert_eq!(
            absolute(&vault.join("nothing/../../docs")).unwrap(),
            docs,
            "`..` after a folder that does not exist"
        );
        assert!(matches!(
            Output::open(&vault, &vault.join("nothing/../../docs")),
            Err(Refusal::Foreign(_))
        ));
        assert!(matches!(
            Output::open(&vault, &vault.join("x/../..")),
            Err(Refusal::ContainsVault(_))
        ));
        assert!(matches!(
            Output::open(&vault, &vault.join("_site/../daily")),
            Err(Refusal::Foreign(_))
        ));
        assert!(matches!(
            Output::open(&vault, &vault.join("a/b/../../")),
            Err(Refusal::IsVault(_))
        ));
        assert_eq!(
            absolute(&vault.join("a/./b/../c")).unwrap(),
            vault.join("a/c")
        );
        #[cfg(unix)]
        {
            // `..` after a link is the link target's parent, as for the kernel.
            std::os::unix::fs::symlink(&docs, top.join("link")).unwrap();
            assert_eq!(absolute(&top.join("link/../vault")).unwrap(), vault);
        }
    }

    #[test]
    fn marker_paths_never_leave_the_folder() {
        assert!(is_safe_relative("days/2026-11-02.html"));
        assert!(!is_safe_relative("../vault/daily/x.md"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a//b"));
    }
}
