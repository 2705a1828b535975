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

// Issue 13 item 5: an unchanged page is known by its stat, without reading
// it; a page rewritten with the same size and its old modification time put
// back (`touch -r`) still shows a new status-change time, so it is read,
// found different and not kept.
#[cfg(unix)]
#[test]
fn a_tampered_page_with_the_same_size_and_time_is_not_kept() {
    let top = tempfile::tempdir().unwrap();
    let (vault, out) = site(top.path());
    let mut output = Output::open(&vault, &out).unwrap();
    output
        .write(&[page("index.html", "a"), page("days/x.html", "ours")])
        .unwrap();
    // In a new process: the stat file says what the pages looked like.
    let output = Output::open(&vault, &out).unwrap();
    assert_eq!(output.stats.len(), 2, "{:?}", output.stats);
    assert_eq!(output.unchanged_pages().map(|kept| kept.len()), Some(2));
    let path = out.join("days/x.html");
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    // Status-change times have a clock tick's resolution: let one pass.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, "mine").unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
    assert!(output.keep("days/x.html").is_none());
    assert!(output.keep("index.html").is_some());
    assert!(output.unchanged_pages().is_none());
}

#[test]
fn a_stat_file_that_does_not_parse_is_ignored() {
    let top = tempfile::tempdir().unwrap();
    let (vault, out) = site(top.path());
    let mut output = Output::open(&vault, &out).unwrap();
    output.write(&[page("days/x.html", "ours")]).unwrap();
    for text in [
        "",
        "# leverage stats v0\ndays/x.html\t4\t1\t2\t3\t4\t5\n",
        "garbage",
    ] {
        fs::write(out.join(STATS), text).unwrap();
        let output = Output::open(&vault, &out).unwrap();
        assert!(output.stats.is_empty(), "{text}");
        // Read and hashed instead: still kept.
        assert!(output.keep("days/x.html").is_some());
    }
}
