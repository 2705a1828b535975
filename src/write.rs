//! Writing the site into the output folder (SPEC section 10): refuse folders
//! that are not ours, write each page atomically, skip pages whose bytes did
//! not change, and remove only pages we wrote before and no longer produce.
//! With `scan`, the only stage that touches the file system.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::Page;

/// The file that marks a folder as ours, and lists the pages we wrote.
pub const MARKER: &str = ".leverage-site";
const MARKER_HEADER: &str =
    "# written by leverage: the pages below are removed when no longer produced\n";

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
    /// The pages the last build wrote, from the marker.
    previous: BTreeSet<String>,
}

/// A page made ready by [`Output::stage`]: its bytes in a temporary file beside
/// its place (removed if the page is dropped uncommitted), or nothing to do.
#[derive(Debug)]
pub struct Staged {
    path: String,
    /// `None` when the page's bytes are already in place.
    temporary: Option<tempfile::TempPath>,
}

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl Output {
    /// Checks `output` against the rules before anything is created.
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
        let previous = match fs::metadata(&resolved) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => BTreeSet::new(),
            Err(source) => {
                return Err(Refusal::Io {
                    path: output.to_owned(),
                    source,
                });
            }
            Ok(meta) if !meta.is_dir() => return Err(Refusal::NotAFolder(output.to_owned())),
            Ok(_) => {
                if let Ok(marker) = fs::read_to_string(resolved.join(MARKER)) {
                    marker
                        .lines()
                        .filter(|l| !l.starts_with('#') && !l.is_empty())
                        .map(str::to_owned)
                        .collect()
                } else {
                    let mut entries = fs::read_dir(&resolved).map_err(|source| Refusal::Io {
                        path: output.to_owned(),
                        source,
                    })?;
                    if entries.next().is_some() {
                        return Err(Refusal::Foreign(output.to_owned()));
                    }
                    BTreeSet::new()
                }
            }
        };
        Ok(Output {
            root: resolved,
            previous,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes the pages; stale pages of ours are removed, unchanged ones left alone.
    pub fn write(&mut self, pages: &[Page]) -> std::io::Result<Written> {
        let staged = pages
            .par_iter()
            .map(|page| self.stage(page))
            .collect::<std::io::Result<Vec<Staged>>>()?;
        self.commit(staged)
    }

    /// Writes a page's bytes to a temporary file beside its place, unless the
    /// page is already there with the same bytes. Nothing a reader of the
    /// folder sees changes until [`Output::commit`]: a build that fails half-way
    /// leaves the last good site. Lets a caller write each page as soon as it
    /// is made, so that the whole site is never in memory at once.
    pub fn stage(&self, page: &Page) -> std::io::Result<Staged> {
        refuse_linked_folder(&self.root, &page.path)?;
        let path = self.root.join(&page.path);
        if let Ok(existing) = fs::read(&path)
            && existing == page.bytes
        {
            return Ok(Staged {
                path: page.path.clone(),
                temporary: None,
            });
        }
        let folder = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(folder)?;
        let temporary = temporary_beside(folder, &page.bytes)?;
        Ok(Staged {
            path: page.path.clone(),
            temporary: Some(temporary.into_temp_path()),
        })
    }

    /// A page that is known not to have changed since the last build, when
    /// it is still in the folder: it is kept as it is, not rendered again.
    pub fn keep(&self, page: &str) -> Option<Staged> {
        fs::symlink_metadata(self.root.join(page))
            .is_ok_and(|meta| meta.is_file())
            .then(|| Staged {
                path: page.to_owned(),
                temporary: None,
            })
    }

    /// Moves the staged pages into place, each atomically (a rename); then
    /// removes pages of ours that are no longer produced and updates the marker.
    pub fn commit(&mut self, staged: Vec<Staged>) -> std::io::Result<Written> {
        fs::create_dir_all(&self.root)?;
        let current: BTreeSet<String> = staged.iter().map(|page| page.path.clone()).collect();
        let results: Vec<std::io::Result<bool>> = staged
            .into_par_iter()
            .map(|page| match page.temporary {
                Some(temporary) => temporary
                    .persist(self.root.join(&page.path))
                    .map(|()| true)
                    .map_err(|error| error.error),
                None => Ok(false),
            })
            .collect();
        let mut written = Written::default();
        for result in results {
            if result? {
                written.written += 1;
            } else {
                written.unchanged += 1;
            }
        }
        for stale in self.previous.difference(&current) {
            if is_safe_relative(stale)
                && linked_folder(&self.root, stale).is_none()
                && fs::remove_file(self.root.join(stale)).is_ok()
            {
                written.removed += 1;
                remove_empty_parents(&self.root, stale);
            }
        }
        let mut marker = String::from(MARKER_HEADER);
        for path in &current {
            marker.push_str(path);
            marker.push('\n');
        }
        write_if_changed(
            &self.root,
            &Page {
                path: MARKER.to_owned(),
                bytes: marker.into_bytes(),
            },
        )?;
        self.previous = current;
        Ok(written)
    }
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

/// A temporary file in `folder` holding `bytes`, to be renamed into place.
/// Created like any file of the user's (0666 less the umask), not with a
/// temporary file's owner-only 0600: a published site is often read by a web
/// server running as another user.
fn temporary_beside(folder: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    Ok(temporary)
}

/// A page path from our own marker, never one that climbs out of the folder.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.split('/').any(|part| part == ".." || part.is_empty())
}

/// Writes a page through a temporary file and a rename, unless its bytes are
/// already there. Returns whether it wrote.
fn write_if_changed(root: &Path, page: &Page) -> std::io::Result<bool> {
    refuse_linked_folder(root, &page.path)?;
    let path = root.join(&page.path);
    if let Ok(existing) = fs::read(&path)
        && existing == page.bytes
    {
        return Ok(false);
    }
    let folder = path.parent().unwrap_or(root);
    fs::create_dir_all(folder)?;
    let temporary = temporary_beside(folder, &page.bytes)?;
    temporary.persist(&path).map_err(|error| error.error)?;
    Ok(true)
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
        assert!(marker.ends_with("index.html\n"), "{marker}");
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
