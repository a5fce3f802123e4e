//! A small static file server for `dist/`: correct MIME types (`application/wasm`,
//! `application/feed+json` per CONTRACT §1), no caching surprises, loopback only.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::Result;

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" if path.file_name().is_some_and(|n| n == "feed.json") => "application/feed+json; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Map a request path to a file under `root`, refusing `..` and absolute escapes.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn handle(root: &Path, mut stream: TcpStream) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Only Accept-Encoding matters: serve the build's precompressed twin when there is one,
    // as a production static host (nginx `brotli_static`/`gzip_static`, a CDN) would.
    let mut header = String::new();
    let mut accepts = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("accept-encoding") {
                accepts = value.trim().to_ascii_lowercase();
            }
        }
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut encoding = None;
    let response = match (method, resolve(root, target)) {
        ("GET" | "HEAD", Some(file)) => {
            let twin = [("br", "br"), ("gzip", "gz")].into_iter().find_map(|(name, ext)| {
                let path = PathBuf::from(format!("{}.{ext}", file.display()));
                (accepts.split(',').any(|a| a.trim().starts_with(name)) && path.is_file()).then_some((name, path))
            });
            let (path, used) = match twin {
                Some((name, path)) => (path, Some(name)),
                None => (file.clone(), None),
            };
            encoding = used;
            match std::fs::read(&path) {
                Ok(body) => (200, "OK", mime(&file), body),
                Err(_) => (500, "Internal Server Error", "text/plain", b"read error".to_vec()),
            }
        }
        ("GET" | "HEAD", None) => (404, "Not Found", "text/plain; charset=utf-8", b"not found".to_vec()),
        _ => (405, "Method Not Allowed", "text/plain", Vec::new()),
    };
    let (status, reason, content_type, body) = response;
    let encoding = encoding.map(|e| format!("Content-Encoding: {e}\r\nVary: Accept-Encoding\r\n")).unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n{encoding}Content-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
}

/// Serve `root` on 127.0.0.1:`port` until killed.
pub fn serve(root: &Path, port: u16, banner: Option<&str>) -> Result {
    let root = root.canonicalize().map_err(|e| format!("cannot serve {}: {e}", root.display()))?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (is another server running? try --port)"))?;
    if let Some(banner) = banner {
        println!("{banner}: http://127.0.0.1:{port}/  (Ctrl+C to stop)");
    } else {
        println!("serving {} on http://127.0.0.1:{port}/", root.display());
    }
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || handle(&root, stream));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_leave_the_root() {
        let root = std::env::temp_dir();
        assert!(resolve(&root, "/../etc/passwd").is_none());
        assert!(resolve(&root, "/%2e%2e/etc/passwd").is_none());
    }

    #[test]
    fn serves_feeds_as_json_feed() {
        assert_eq!(mime(Path::new("dist/feed.json")), "application/feed+json; charset=utf-8");
        assert_eq!(mime(Path::new("dist/app_bg.wasm")), "application/wasm");
    }
}
