//! The web server of `leverage serve`: the output folder over HTTP, with live
//! reload, and a banner on every page while the last rebuild failed.
//!
//! It serves only the site: no path that climbs out of the output folder
//! (after percent-decoding), no hidden file (the `.leverage-site` marker, the
//! temporary files of pages being written), no directory listings. Pages are
//! written atomically and the browser is told to reload only after a build
//! returned, so it never reloads onto a half-written site.

use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use tower_http::services::ServeDir;
use tower_livereload::{LiveReloadLayer, Reloader};

/// Whether the last rebuild failed, and why; shared by the rebuilds and the server.
#[derive(Debug, Clone, Default)]
pub struct Status(Arc<RwLock<Option<String>>>);

impl Status {
    /// Records the outcome of a rebuild; whether that changed the status.
    pub fn set(&self, failure: Option<String>) -> bool {
        let mut current = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let changed = *current != failure;
        *current = failure;
        changed
    }

    pub fn failure(&self) -> Option<String> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// The site in `output`, and the trigger that reloads the open pages.
/// `loopback_only`: answer only requests addressed to a loopback host name.
pub fn router(output: &Path, status: Status, loopback_only: bool) -> (Router, Reloader) {
    let live_reload = LiveReloadLayer::new();
    let reloader = live_reload.reloader();
    let mut router = Router::new()
        .fallback_service(ServeDir::new(output))
        .layer(middleware::from_fn_with_state(status, guard))
        .layer(live_reload);
    if loopback_only {
        router = router.layer(middleware::from_fn(loopback_host));
    }
    (router, reloader)
}

/// Against DNS rebinding: a page of another site whose name was made to
/// resolve to 127.0.0.1 sends its own name as `Host`, and is refused.
async fn loopback_host(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    if host.is_some_and(is_loopback_host) {
        next.run(request).await
    } else {
        no_store(StatusCode::MISDIRECTED_REQUEST.into_response())
    }
}

/// `localhost`, `127.x.y.z` or `[::1]`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

/// Refuses what is not the site, never lets the browser cache a page (the
/// same bytes on disk look different while a rebuild failed), and puts the
/// failure banner on pages.
async fn guard(State(status): State<Status>, mut request: Request, next: Next) -> Response {
    let failure = status.failure();
    if !is_servable(request.uri().path()) {
        return no_store(not_found(failure.as_deref()));
    }
    let head = request.method() == Method::HEAD;
    // The live-reload script is appended to whole HTML pages: a byte range of
    // a page would get it appended to the part (a broken body that says it
    // is the range). Pages are small; they are always sent whole.
    if might_be_html(request.uri().path()) {
        request.headers_mut().remove(header::RANGE);
        request.headers_mut().remove(header::IF_RANGE);
    }
    for conditional in [
        header::IF_MODIFIED_SINCE,
        header::IF_NONE_MATCH,
        header::IF_UNMODIFIED_SINCE,
        header::IF_MATCH,
    ] {
        request.headers_mut().remove(conditional);
    }
    let response = next.run(request).await;
    let response = match (response.status(), failure) {
        (StatusCode::NOT_FOUND, failure) => not_found(failure.as_deref()),
        (StatusCode::OK, Some(failure)) if !head && is_html(&response) => {
            let (mut parts, body) = response.into_parts();
            match axum::body::to_bytes(body, usize::MAX).await {
                Ok(bytes) => {
                    let page = with_banner(&bytes, &banner(&failure));
                    parts
                        .headers
                        .insert(header::CONTENT_LENGTH, page.len().into());
                    Response::from_parts(parts, Body::from(page))
                }
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
        (_, _) => response,
    };
    no_store(response)
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

/// Whether a request path (as sent, percent-encoded) names something the
/// site may serve: after decoding, no segment may be hidden (`.`, `..`,
/// `.leverage-site`), hold a backslash or a NUL, or be longer than a file
/// name can be (255 bytes: the file system's error would be a 500), and the
/// encoding must be valid.
pub fn is_servable(path: &str) -> bool {
    let Some(decoded) = percent_decode(path) else {
        return false;
    };
    !decoded.contains(['\\', '\0'])
        && decoded
            .split('/')
            .all(|segment| !segment.starts_with('.') && segment.len() <= 255)
}

/// A path the file server may answer with an HTML page: a folder (its
/// `index.html`), a `.html` file, or a name without an extension.
fn might_be_html(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    let extension = last.rsplit_once('.').map(|(_, extension)| extension);
    extension.is_none_or(|extension| {
        extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
    })
}

/// `%2e%2E` → `..`; `None` for a bad escape (`%` without two hex digits,
/// which `percent-encoding` would keep as written) or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let well_formed = text.match_indices('%').all(|(at, _)| {
        text.get(at + 1..at + 3)
            .is_some_and(|hex| hex.bytes().all(|byte| byte.is_ascii_hexdigit()))
    });
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    well_formed.then(|| decoded.into_owned())
}

/// The page with `banner` right after its `<body>` tag (or first, without one).
pub fn with_banner(page: &[u8], banner: &str) -> Vec<u8> {
    let at = find_ignoring_case(page, b"<body")
        .and_then(|start| {
            page[start..]
                .iter()
                .position(|&byte| byte == b'>')
                .map(|end| start + end + 1)
        })
        .unwrap_or(0);
    let mut out = Vec::with_capacity(page.len() + banner.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(banner.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// The notice shown on every page while the last rebuild failed.
pub fn banner(failure: &str) -> String {
    format!(
        "<div class=\"banner problems\" role=\"alert\" id=\"leverage-rebuild-failed\" \
         style=\"border:2px solid #b42318;border-radius:6px;padding:.75rem 1rem;margin:1rem;\
         background:#fef3f2;color:#7a271a;font:15px/1.4 system-ui,sans-serif\">\
         <strong>The last rebuild failed</strong>, so this is the last good site. \
         Fix the problem and save: this page reloads by itself.\
         <pre style=\"white-space:pre-wrap;margin:.5rem 0\">{}</pre>\
         <a href=\"/problems.html\">See the problems in the notes</a></div>",
        crate::html::escape(failure)
    )
}

fn not_found(failure: Option<&str>) -> Response {
    let notice = failure.map(banner).unwrap_or_default();
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Not found · leverage</title></head>\n<body>{notice}\
         <main style=\"font:16px/1.5 system-ui,sans-serif;margin:2rem\">\
         <h1>No such page</h1><p><a href=\"/index.html\">Back to the dashboard</a></p>\
         </main></body></html>\n"
    );
    (StatusCode::NOT_FOUND, Html(page)).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_loopback_host_names_pass() {
        for host in [
            "127.0.0.1:4100",
            "localhost:4100",
            "LOCALHOST",
            "[::1]:4100",
            "127.1.2.3",
        ] {
            assert!(super::is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example:4100",
            "evil.example",
            "192.168.1.2:4100",
            "localhost.evil.example",
            "[::2]:1",
        ] {
            assert!(!super::is_loopback_host(host), "{host}");
        }
    }

    use super::*;

    #[test]
    fn site_paths_are_servable() {
        for path in [
            "/",
            "/index.html",
            "/days/2026-11-02.html",
            "/notes/daily/2026-11-02%20Monday.html",
            "/tags/a%2Fb.html",
            "/style.css",
            "//index.html",
        ] {
            assert!(is_servable(path), "{path}");
        }
    }

    #[test]
    fn traversal_and_hidden_files_are_not() {
        for path in [
            "/../leverage.yaml",
            "/..",
            "/days/../../daily/2026-11-02.md",
            "/%2e%2e/leverage.yaml",
            "/%2E%2E/leverage.yaml",
            "/..%2fleverage.yaml",
            "/..%2Fleverage.yaml",
            "/%2e%2e%2fleverage.yaml",
            "/days/..%5c..%5cleverage.yaml",
            "/days\\..\\leverage.yaml",
            "/.leverage-site",
            "/days/.tmpA1b2C3",
            "/./index.html",
            "/index.html%00",
            "/%zz",
            "/%2",
            "/%ff%fe",
        ] {
            assert!(!is_servable(path), "{path}");
        }
    }

    // Issue 15 item 12: a segment longer than a file name answers 404, not 500.
    #[test]
    fn item_12_overlong_segments_are_not_servable() {
        assert!(is_servable(&format!("/notes/{}.html", "a".repeat(250))));
        assert!(!is_servable(&format!("/notes/{}.html", "a".repeat(251))));
        assert!(!is_servable(&format!("/{}", "%C3%A9".repeat(128))));
        assert!(might_be_html("/") && might_be_html("/days/x.html") && might_be_html("/days"));
        assert!(!might_be_html("/data/activities.csv") && !might_be_html("/style.css"));
    }

    #[test]
    fn the_banner_goes_right_after_the_body_tag_escaped() {
        let page =
            b"<!doctype html><html><head></head><BODY class=\"x\"><main>hi</main></body></html>";
        let shown = String::from_utf8(with_banner(page, &banner("bad <tag> & \"quote\""))).unwrap();
        assert!(
            shown.starts_with(
                "<!doctype html><html><head></head><BODY class=\"x\"><div class=\"banner problems\""
            ),
            "{shown}"
        );
        assert!(
            shown.contains("bad &lt;tag&gt; &amp; &quot;quote&quot;"),
            "{shown}"
        );
        assert!(shown.ends_with("<main>hi</main></body></html>"), "{shown}");
        assert_eq!(with_banner(b"plain", "<b>!</b>"), b"<b>!</b>plain");
    }

    #[test]
    fn status_tells_when_it_changed() {
        let status = Status::default();
        assert!(!status.set(None));
        assert!(status.set(Some("boom".into())));
        assert!(!status.set(Some("boom".into())));
        assert_eq!(status.failure().as_deref(), Some("boom"));
        assert!(status.set(None));
    }
}
