use super::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

#[test]
fn json_feed_files_are_application_feed_json() {
    let feed = Some("application/feed+json; charset=utf-8");
    assert_eq!(content_type("feed.json"), feed);
    assert_eq!(content_type("districts/ba-dinh.json"), feed);
    assert_eq!(content_type("feed/hanoi.json"), feed);
    assert_eq!(content_type("rejects.json"), Some("application/json; charset=utf-8"));
    assert_eq!(content_type("archive/2024-05.json"), Some("application/json; charset=utf-8"));
    assert_eq!(content_type("bantin-0123456789abcdef_bg.wasm"), Some("application/wasm"));
    assert_eq!(content_type("manifest.webmanifest"), Some("application/manifest+json"));
    assert_eq!(content_type("index.html"), Some("text/html; charset=utf-8"));
    assert_eq!(content_type("sw.js"), Some("text/javascript; charset=utf-8"));
    assert_eq!(content_type("font.woff2"), None, "unknown here: ServeDir's guess stands");
}

#[test]
fn only_content_addressed_names_are_immutable() {
    for path in ["bantin-0123456789abcdef_bg.wasm", "bantin-0123456789abcdef.js", "index-89abcdef01234567.css", "archive/2024-05.json", "archive/shards/0007.json"] {
        assert_eq!(cache_control(path), IMMUTABLE, "{path}");
    }
    for path in ["index.html", "feed.json", "districts/ba-dinh.json", "feed/hanoi.json", "sw.js", "archive/manifest.json", "archive/manifest-v2.json", "icon-192.png", "icon-maskable-512.png", "manifest.webmanifest", "embed.js"] {
        assert_eq!(cache_control(path), REVALIDATE, "{path}");
    }
}

#[test]
fn request_paths_name_files() {
    assert_eq!(file_path("/"), "index.html");
    assert_eq!(file_path("/archive/"), "archive/index.html");
    assert_eq!(file_path("/districts/ba%20dinh.json"), "districts/ba dinh.json");
}

/// One parsed response; bodies are read by Content-Length or chunked framing.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn send(stream: &mut BufReader<TcpStream>, request: &str) -> Reply {
    stream.get_mut().write_all(request.as_bytes()).unwrap();
    let head_only = request.starts_with("HEAD ");
    let mut line = String::new();
    stream.read_line(&mut line).unwrap();
    let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        stream.read_line(&mut line).unwrap();
        let Some((name, value)) = line.trim_end().split_once(':') else { break };
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    let mut reply = Reply { status, headers, body: Vec::new() };
    if head_only || status == 304 {
        return reply;
    }
    if let Some(length) = reply.header("content-length") {
        let mut body = vec![0; length.parse().unwrap()];
        stream.read_exact(&mut body).unwrap();
        reply.body = body;
    } else if reply.header("transfer-encoding") == Some("chunked") {
        loop {
            line.clear();
            stream.read_line(&mut line).unwrap();
            let size = usize::from_str_radix(line.trim(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            stream.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            reply.body.extend_from_slice(&chunk[..size]);
        }
    }
    reply
}

fn get(path: &str, extra: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n")
}

#[test]
fn serves_over_http() {
    let root = std::env::temp_dir().join(format!("xtask-server-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("site")).unwrap();
    let site = root.join("site");
    std::fs::write(root.join("secret.txt"), "outside the root").unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(site.join("app-0123456789abcdef.js"), "console.log('identity');".repeat(20)).unwrap();
    // Not real brotli: proof that the twin's own bytes are sent, not compressed again.
    std::fs::write(site.join("app-0123456789abcdef.js.br"), "BROTLI TWIN").unwrap();
    std::fs::write(site.join("feed.json"), format!("{{\"items\":[{}]}}", "{\"title\":\"x\"},".repeat(50) + "{}")).unwrap();

    let (listener, dir) = bind(&site, 0).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || run(listener, dir));
    let connect = || {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        BufReader::new(stream)
    };

    // Keep-alive: every request below goes over this one connection.
    let mut conn = connect();
    let index = send(&mut conn, &get("/", ""));
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert!(index.header("last-modified").is_some());
    assert_eq!(index.body, b"<!doctype html><title>t</title>");

    let twin = send(&mut conn, &get("/app-0123456789abcdef.js", "Accept-Encoding: br\r\n"));
    assert_eq!(twin.status, 200);
    assert_eq!(twin.header("content-encoding"), Some("br"));
    assert_eq!(twin.body, b"BROTLI TWIN");
    assert_eq!(twin.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(twin.header("cache-control"), Some(IMMUTABLE));
    assert!(twin.header("last-modified").is_none(), "an immutable file is never revalidated");
    assert!(twin.header("vary").is_some_and(|v| v.eq_ignore_ascii_case("accept-encoding")));
    let etag = twin.header("etag").expect("an ETag").to_owned();
    assert!(!etag.starts_with("W/"), "a twin is served as is: {etag}");

    let not_modified = send(&mut conn, &get("/app-0123456789abcdef.js", &format!("Accept-Encoding: br\r\nIf-None-Match: {etag}\r\n")));
    assert_eq!(not_modified.status, 304);
    assert_eq!(not_modified.header("etag"), Some(etag.as_str()));
    assert_eq!(not_modified.header("cache-control"), Some(IMMUTABLE));
    assert_eq!(not_modified.header("vary"), Some("accept-encoding"));

    // No twin: compressed here, once, with a weak tag that still validates.
    let feed = send(&mut conn, &get("/feed.json", "Accept-Encoding: gzip\r\n"));
    assert_eq!(feed.status, 200);
    assert_eq!(feed.header("content-type"), Some("application/feed+json; charset=utf-8"));
    assert_eq!(feed.header("content-encoding"), Some("gzip"));
    assert_eq!(&feed.body[..2], &[0x1f, 0x8b], "one gzip stream");
    let weak = feed.header("etag").expect("an ETag").to_owned();
    assert!(weak.starts_with("W/\""), "{weak}");
    let revalidated = send(&mut conn, &get("/feed.json", &format!("Accept-Encoding: gzip\r\nIf-None-Match: {weak}\r\n")));
    assert_eq!(revalidated.status, 304);
    assert_eq!(revalidated.header("etag"), Some(weak.as_str()));
    assert_eq!(revalidated.header("content-encoding"), None);
    // HEAD says what GET would.
    let head = send(&mut conn, "HEAD /feed.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n");
    assert_eq!(head.header("content-encoding"), Some("gzip"));

    let plain = send(&mut conn, &get("/feed.json", ""));
    assert_eq!(plain.header("content-encoding"), None);
    assert!(plain.body.starts_with(b"{\"items\""));

    // Out of the root, plainly or percent-encoded: refused.
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/a/../../secret.txt"] {
        let refused = send(&mut conn, &get(path, ""));
        assert!(refused.status == 404 || refused.status == 400, "{path}: {}", refused.status);
        assert!(!String::from_utf8_lossy(&refused.body).contains("outside"));
    }
    assert_eq!(send(&mut conn, &get("/missing.js", "")).status, 404);

    let _ = std::fs::remove_dir_all(&root);
}
