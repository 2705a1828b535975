//! `leverage serve` through a plain HTTP client: pages answer 200 with the
//! live-reload script, nothing outside the site is ever served, an edit
//! shows in the served page (and the browser is told to reload only once the
//! site is written), a failed rebuild shows a banner over the last good site.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::vault::Vault;
use crate::watch::Running;

/// A response: status code, headers (lower-cased names) and body.
struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// `GET path` as sent, unnormalised, over HTTP/1.0 (so the body ends with the connection).
fn get(address: &str, path: &str) -> Response {
    get_with(address, path, "")
}

/// `GET path` with extra header lines (each ending in `\r\n`).
fn get_with(address: &str, path: &str, headers: &str) -> Response {
    let mut stream = TcpStream::connect(address).expect("connecting to leverage serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {address}\r\n{headers}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reading the response");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a response head");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status code");
    Response {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_owned(),
    }
}

/// Starts `leverage serve --port 0` and reads the address it printed.
fn serve(vault: &Vault) -> (Running, String) {
    let running = Running::start(
        vault.path(),
        &["serve", ".", "--port", "0"],
        "serving http://",
    );
    let stdout = running.stdout();
    let line = stdout.lines().next().expect("the URL line");
    assert!(line.starts_with("serving http://127.0.0.1:"), "{line}");
    assert!(line.ends_with("/ (Ctrl-C to stop)"), "{line}");
    let address = line["serving http://".len()..line.find("/ (").unwrap()].to_owned();
    (running, address)
}

fn vault() -> Vault {
    Vault::new()
        .file("leverage.yaml", "# CONFIG-SECRET\ntitle: Served\n")
        .file("private.txt", "PRIVATE-TOKEN")
        .file("daily/2026-11-02.md", "- #email 30m Answered alpha\n")
        .file("daily/2026-11-03.md", "- #system 1h [[Goal]] Built beta\n")
        .file("outcomes/Goal.md", "")
}

#[cfg(unix)]
fn stop(running: Running) {
    let (code, stderr) = running.interrupt();
    assert_eq!(code, Some(0), "{stderr}");
}

#[cfg(not(unix))]
fn stop(running: Running) {
    drop(running);
}

// Issue 15 item 12: a Range request on a page gets the whole page (the
// live-reload script is appended to whole pages only); a path segment longer
// than a file name can be is a 404, not a 500.
#[test]
fn item_12_ranges_of_pages_and_overlong_segments() {
    let vault = vault();
    let (running, address) = serve(&vault);
    let ranged = get_with(&address, "/index.html", "Range: bytes=0-99\r\n");
    assert_eq!(ranged.status, 200, "{}", ranged.headers);
    assert!(ranged.body.trim_end().ends_with("</html>") || ranged.body.contains("</body>"));
    assert!(ranged.body.contains("_tower-livereload"));
    let css = get_with(&address, "/style.css", "Range: bytes=0-9\r\n");
    assert_eq!(css.status, 206, "ranges of other files still work");
    assert_eq!(css.body.len(), 10);
    let long = get(&address, &format!("/notes/{}.html", "a".repeat(300)));
    assert_eq!(long.status, 404);
    stop(running);
}

#[test]
fn pages_answer_200_with_the_live_reload_script() {
    let vault = vault();
    let (running, address) = serve(&vault);
    for path in [
        "/",
        "/index.html",
        "/days/2026-11-02.html",
        "/weeks/2026-W45.html",
    ] {
        let response = get(&address, path);
        assert_eq!(response.status, 200, "{path}: {}", response.headers);
        assert!(
            response.headers.contains("content-type: text/html"),
            "{path}"
        );
        assert!(
            response.headers.contains("cache-control: no-store"),
            "{path}"
        );
        assert!(response.body.contains("Served"), "{path}");
        assert!(
            response
                .body
                .contains("<script data-event-stream=\"/_tower-livereload/event-stream\">"),
            "{path}: no live-reload script"
        );
    }
    let style = get(&address, "/style.css");
    assert_eq!(style.status, 200);
    assert!(
        style.headers.contains("content-type: text/css"),
        "{}",
        style.headers
    );
    assert!(!style.body.contains("<script"));
    stop(running);
}

#[test]
fn nothing_outside_the_site_is_served() {
    let vault = vault();
    let (running, address) = serve(&vault);
    for path in [
        "/../private.txt",
        "/../leverage.yaml",
        "/..%2fprivate.txt",
        "/..%2Fleverage.yaml",
        "/%2e%2e/private.txt",
        "/%2E%2E/leverage.yaml",
        "/%2e%2e%2fprivate.txt",
        "/days/../../private.txt",
        "/days/..%2f..%2fprivate.txt",
        "/days/%2e%2e/%2e%2e/private.txt",
        "/..%5cprivate.txt",
        "/%2e%2e%5cprivate.txt",
        "/.%2e/private.txt",
        "/%252e%252e/private.txt",
        "//../private.txt",
        "/.leverage-site",
        "/../daily/2026-11-02.md",
        "/%2e%2e/daily/2026-11-02.md",
        "/_site/../private.txt",
    ] {
        let response = get(&address, path);
        assert_ne!(response.status, 200, "{path} was served");
        for secret in ["PRIVATE-TOKEN", "CONFIG-SECRET", "- #email 30m"] {
            assert!(!response.body.contains(secret), "{path} leaked {secret}");
        }
    }
    // Folders are never listed.
    for path in ["/days/", "/days", "/data/", "/outcomes/outcomes/"] {
        let response = get(&address, path);
        assert_ne!(response.status, 200, "{path}");
        assert!(
            !response.body.contains("2026-11-02.html"),
            "{path} listed its files"
        );
    }
    stop(running);
}

#[test]
fn an_edit_shows_in_the_served_page_after_the_reload_event() {
    let vault = vault();
    let (running, address) = serve(&vault);
    let mut events = TcpStream::connect(&address).unwrap();
    events
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    write!(
        events,
        "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    let mut read_until = |text: &str| {
        let start = Instant::now();
        let mut buffer = [0; 1024];
        while !seen.contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no `{text}` in {seen:?}"
            );
            if let Ok(read) = events.read(&mut buffer) {
                seen.push_str(&String::from_utf8_lossy(&buffer[..read]));
            }
        }
    };
    read_until("event: init");

    fs::write(
        vault.path().join("daily/2026-11-02.md"),
        "- #email 45m Answered gamma\n",
    )
    .unwrap();
    read_until("event: reload");
    // The reload comes after the build returned: the page is already the new one.
    let page = get(&address, "/days/2026-11-02.html");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("gamma"),
        "the browser reloaded onto the old page"
    );
    assert!(!page.body.contains("alpha"));
    stop(running);
}

#[test]
fn a_failed_rebuild_shows_a_banner_over_the_last_good_site() {
    let vault = vault()
        .file("leverage.yaml", "templates: site-templates\n")
        .file("site-templates/day.html", "{% extends \"base.html\" %}{% block content %}<h1>GOOD {{ date }}</h1>{% endblock content %}");
    let (running, address) = serve(&vault);
    assert!(
        get(&address, "/days/2026-11-02.html")
            .body
            .contains("GOOD 2026-11-02")
    );

    fs::write(
        vault.path().join("site-templates/day.html"),
        "{% extends \"base.html\" %}{% block content %}{{ nope.x }}{% endblock content %}",
    )
    .unwrap();
    running.wait_for("the banner", || {
        get(&address, "/index.html")
            .body
            .contains("The last rebuild failed")
    });
    let page = get(&address, "/days/2026-11-02.html");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("GOOD 2026-11-02"),
        "the last good page stays"
    );
    assert!(
        page.body.contains("Variable `nope` is not defined"),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/problems.html\""));
    let missing = get(&address, "/days/1999-01-01.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("The last rebuild failed"));

    fs::write(
        vault.path().join("site-templates/day.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>FIXED {{ date }}</h1>{% endblock content %}",
    )
    .unwrap();
    // The banner goes once the rebuild returned, right after the page is on disk.
    running.wait_for("the fixed page, without the banner", || {
        let page = get(&address, "/days/2026-11-02.html").body;
        page.contains("FIXED 2026-11-02") && !page.contains("The last rebuild failed")
    });
    assert!(
        !get(&address, "/index.html")
            .body
            .contains("The last rebuild failed")
    );
    stop(running);
}

#[test]
fn a_port_in_use_is_an_error_before_anything_is_built() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let vault = vault();
    let run = vault.run(&["serve", ".", "--port", &port]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert!(!vault.path().join("_site").exists());
}

// `serve --open` hands the URL it serves to the browser, `$BROWSER` first
// (the `opener` crate's rule), and serves on whether or not one opens.
#[cfg(unix)]
#[test]
fn open_hands_the_served_url_to_the_browser() {
    use std::os::unix::fs::PermissionsExt as _;
    use std::process::{Command, Stdio};
    let vault = vault();
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened.txt");
    let browser = dir.path().join("browser.sh");
    fs::write(
        &browser,
        // Written aside, then renamed: the test never reads a half-written file.
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&browser, fs::Permissions::from_mode(0o755)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_leverage"))
        .args(["serve", ".", "--port", "0", "--open"])
        .current_dir(vault.path())
        .env("BROWSER", &browser)
        .env("SOURCE_DATE_EPOCH", crate::vault::SOURCE_DATE_EPOCH)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        line.push(char::from(byte[0]));
    }
    let url = line["serving ".len()..line.find(" (").unwrap()].to_owned();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !opened.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(fs::read_to_string(&opened).unwrap(), url);
}
