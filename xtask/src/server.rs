//! The static file server behind `cargo xtask serve`, `cargo xtask static DIR PORT` (the
//! end-to-end tests' web server) and `cargo xtask lighthouse`, on 127.0.0.1 only.
//!
//! Files come from tower-http's `ServeDir`: the build's precompressed `.br` / `.gz` twins when
//! the client accepts them (as nginx `brotli_static`/`gzip_static` or a CDN would), `ETag`,
//! `Last-Modified` (but on immutable files) and conditional requests (304), byte ranges, `index.html` for directories,
//! and `..` refused. tower-http's `Compression` compresses on the fly what has no twin (the
//! feeds, archive shards); it never touches a response that already has a `Content-Encoding`,
//! so a twin is not compressed twice. hyper serves HTTP/1.1 with keep-alive on a single-thread
//! tokio runtime. This module only adds the project's own policy on top: MIME types (CONTRACT
//! §1: JSON Feed files are `application/feed+json`) and `Cache-Control`, and then, when the
//! directory has one, the rules of its `_headers` file (`headers.rs`), as Cloudflare Pages or
//! Netlify would apply them: a built `dist/` is served with exactly the headers it ships.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::time::Duration;

use http::{header, Extensions, HeaderMap, HeaderValue, Request, Response, StatusCode, Version};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::{ServiceBuilder, ServiceExt};
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use crate::headers::{Rule, IMMUTABLE, REVALIDATE};
use crate::Result;

/// The `Content-Type` this project wants for a root-relative path, where it knows better than
/// (or wants a charset beside) `ServeDir`'s guess from the extension; `None` keeps the guess.
fn content_type(path: &str) -> Option<&'static str> {
    let (dirs, name) = split(path);
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    Some(match ext {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        // JSON Feed files: the bundled feed, and the per-district and per-feed ones.
        "json" if name == "feed.json" || matches!(dirs.last(), Some(&"districts" | &"feed")) => {
            "application/feed+json; charset=utf-8"
        }
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => return None,
    })
}

/// `Cache-Control` for a root-relative path: a year, immutable, for names that change when
/// their content does (trunk's hashed assets, archive shards); revalidate for everything else
/// (the shell's fixed names, the feeds, `sw.js`, the archive's manifests).
fn cache_control(path: &str) -> &'static str {
    let (dirs, name) = split(path);
    let archive_shard = dirs.contains(&"archive") && !(name.starts_with("manifest") && name.ends_with(".json"));
    if archive_shard || has_content_hash(name) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// Trunk names its outputs `<name>-<hash>.<ext>` (`bantin-<hash>_bg.wasm` for the wasm), the
/// hash a 64-bit number in hex (up to 16 digits). Ten or more hex digits in a dash-separated
/// part of the stem counts; a miss only costs a revalidation.
pub fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.split('-').skip(1).any(|part| (10..=16).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A request path (percent-encoded, absolute) as the root-relative file it names: decoded,
/// without its leading `/`, `index.html` for a directory.
fn file_path(uri_path: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(uri_path).decode_utf8_lossy();
    let mut path = decoded.trim_start_matches('/').to_owned();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    path
}

/// Directory names and file name of a root-relative path.
fn split(path: &str) -> (Vec<&str>, &str) {
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let name = parts.pop().unwrap_or("");
    (parts, name)
}

/// Which responses are compressed on the fly: whole files (200) of 32 bytes or more, judged by
/// their `Content-Length` so that `HEAD` answers as `GET` does (tower-http's default predicate
/// reads the body's size first, which is 0 for `HEAD`), and not images other than SVG (nor
/// gRPC or event streams, as by default). Twins and ranges are skipped by tower-http itself.
fn compressible() -> impl Predicate {
    let whole_file = |status: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions| {
        let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        status == StatusCode::OK && length.is_none_or(|n| n >= 32)
    };
    whole_file.and(NotForContentType::IMAGES).and(NotForContentType::GRPC).and(NotForContentType::SSE)
}

/// Set on the responses `ServeDir` sends without a `Content-Encoding`, so that the policy can
/// tell a body compressed on the fly (below) from a precompressed twin.
#[derive(Clone, Copy)]
struct ServedIdentity;

/// The `_headers` rules matching the request's path, in order; a later value replaces an
/// earlier one. The type is only set on a file actually served.
fn apply_rules<B>(rules: &[Rule], uri_path: &str, response: &mut Response<B>) {
    let path = percent_encoding::percent_decode_str(uri_path).decode_utf8_lossy();
    let served = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    for rule in rules.iter().filter(|r| crate::headers::pattern_matches(&r.pattern, &path)) {
        for (name, value) in &rule.headers {
            let is_type = name.eq_ignore_ascii_case("content-type");
            if (is_type && !response.status().is_success()) || (!served && name.eq_ignore_ascii_case("cache-control")) {
                continue;
            }
            if let (Ok(name), Ok(value)) = (header::HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
                response.headers_mut().insert(name, value);
            }
        }
    }
}

/// The project's policy on a response for `path`: its type, its caching, and a weak `ETag`
/// when the body was compressed on the fly (the file's strong tag names other bytes), or for a
/// 304 that revalidates such a body (the client sent that weak tag in `If-None-Match`).
fn apply_policy<B>(path: &str, if_none_match: Option<&str>, response: &mut Response<B>) {
    let status = response.status();
    let compressed_here =
        response.extensions().get::<ServedIdentity>().is_some() && response.headers().contains_key(header::CONTENT_ENCODING);
    let headers = response.headers_mut();
    if status.is_success() {
        if let Some(mime) = content_type(path) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        }
    }
    let strong = headers.get(header::ETAG).and_then(|t| t.to_str().ok()).filter(|t| t.starts_with('"'));
    if let Some(weak) = strong.map(|tag| format!("W/{tag}")) {
        let revalidates_weak = status == StatusCode::NOT_MODIFIED && if_none_match.is_some_and(|v| v.contains(&weak));
        if compressed_here || revalidates_weak {
            if let Ok(weak) = HeaderValue::from_str(&weak) {
                headers.insert(header::ETAG, weak);
            }
        }
    }
    // Every file may be sent compressed (twin or on the fly): a 304 says so too, as its 200 did.
    if status == StatusCode::NOT_MODIFIED && !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let fresh = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let cache = if fresh { cache_control(path) } else { REVALIDATE };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // A file that never changes under its name is never revalidated, and `ETag` says the
    // same: on HTTP/1.1 every response pays its headers, and a search at 1,000,000 articles
    // makes ~50 requests.
    if cache == IMMUTABLE {
        headers.remove(header::LAST_MODIFIED);
    }
}

/// Serve `root` on 127.0.0.1:`port` until killed. With a banner (for `cargo xtask serve`) it
/// prints `<banner>: http://127.0.0.1:PORT/  (Ctrl+C to stop)`, otherwise `serving DIR on …`.
pub fn serve(root: &Path, port: u16, banner: Option<&str>) -> Result {
    let (listener, root) = bind(root, port)?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    if let Some(banner) = banner {
        println!("{banner}: http://127.0.0.1:{port}/  (Ctrl+C to stop)");
    } else {
        println!("serving {} on http://127.0.0.1:{port}/", root.display());
    }
    run(listener, root)
}

/// Listen on the loopback interface only (port 0: any free port).
fn bind(root: &Path, port: u16) -> Result<(std::net::TcpListener, PathBuf)> {
    let root = root.canonicalize().map_err(|e| format!("cannot serve {}: {e}", root.display()))?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (is another server running? try --port)"))?;
    Ok((listener, root))
}

/// Accept connections forever; each is served (HTTP/1.1, keep-alive) on its own task.
fn run(listener: std::net::TcpListener, root: PathBuf) -> Result {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        // Read once: a rebuild restarts the server (`serve`, the tests' web servers).
        let rules: std::sync::Arc<Vec<Rule>> = std::sync::Arc::new(match std::fs::read_to_string(root.join("_headers")) {
            Ok(text) => crate::headers::parse_headers_file(&text),
            Err(_) => Vec::new(),
        });
        let files = ServiceBuilder::new()
            .layer(CompressionLayer::new().br(true).gzip(true).compress_when(compressible()))
            .map_response(|mut response: Response<_>| {
                if !response.headers().contains_key(header::CONTENT_ENCODING) {
                    response.extensions_mut().insert(ServedIdentity);
                }
                response
            })
            .service(ServeDir::new(&root).precompressed_br().precompressed_gzip());
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    eprintln!("xtask static: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let files = files.clone();
            let rules = rules.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                    let files = files.clone();
                    let rules = rules.clone();
                    async move {
                        let uri_path = request.uri().path().to_owned();
                        let path = file_path(&uri_path);
                        let if_none_match = request.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_owned);
                        let mut response = files.oneshot(request).await?;
                        apply_policy(&path, if_none_match.as_deref(), &mut response);
                        apply_rules(&rules, &uri_path, &mut response);
                        Ok::<_, Infallible>(response)
                    }
                });
                // Errors here are a client going away mid-response: nothing to do.
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

#[cfg(test)]
mod tests;
