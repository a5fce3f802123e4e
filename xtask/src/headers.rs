//! The deployment's security policy, computed at build time so that a rebuild never breaks
//! it, and written three ways: a `<meta http-equiv="Content-Security-Policy">` in
//! `dist/index.html` (works on any host), `dist/_headers` (the file Cloudflare Pages and
//! Netlify read) and `dist/nginx.conf.example`. The static server (`server.rs`) applies
//! `_headers` itself, so every end-to-end test runs under exactly what a deployer ships.
//!
//! Why each part of the policy (README, "Deploying"):
//! - `script-src 'self' 'sha256-…' 'wasm-unsafe-eval'`: our files, trunk's one inline loader
//!   by its hash (computed here from the built page), and compiling the wasm. No
//!   `'unsafe-inline'` anywhere: styles only from the stylesheet (the app sets its two
//!   dynamic styles through CSSOM, which CSP allows).
//! - `connect-src 'self'`: feeds and archive files come from the app's own origin.
//! - `require-trusted-types-for 'script'` with two policies (first in `public/pwa.js`):
//!   `default`, for Leptos's templates, which build their static markup with `innerHTML`
//!   (markup carrying `<script`, an event-handler attribute or `javascript:` is refused), and
//!   `bantin-sw`, for `navigator.serviceWorker.register` (same-origin script URLs only).
//! - `frame-ancestors` (headers only: a `<meta>` cannot carry it): embedding is the point,
//!   so any https origin by default; `BANTIN_FRAME_ANCESTORS` narrows or widens it.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::Result;

/// Who may frame the reader, unless `BANTIN_FRAME_ANCESTORS` says otherwise.
pub const DEFAULT_FRAME_ANCESTORS: &str = "'self' https:";
/// Hashed names and archive files: their content never changes under the same URL.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is revalidated (cheaply, with `ETag`) on every use.
pub const REVALIDATE: &str = "no-cache";
const FEED_TYPE: &str = "application/feed+json; charset=utf-8";

/// Every response: no file is ever read as another type than it says.
const EVERYWHERE: (&str, &str) = ("X-Content-Type-Options", "nosniff");
/// What the page and its scripts carry besides the CSP.
const PAGE: [(&str, &str); 2] = [
    // Article links go to portals: they learn the reader's origin, never its query (searches).
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    // Nothing the reader does needs a device feature; an embed cannot be used to ask for one.
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()"),
];
/// The policy of data files (feeds, archive files): they are fetched, never shown as a page,
/// so they may do nothing and be framed by nobody. On HTTP/1.1 every response pays its
/// headers unshared: the page's policy and headers are ~560 bytes, and a search at
/// 1,000,000 articles makes ~40 requests.
const DATA_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// The `Content-Security-Policy` for a page whose inline scripts have these hashes.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let scripts: Vec<String> = script_hashes.iter().map(|h| format!("'{h}'")).collect();
    [
        "default-src 'none'".to_owned(),
        format!("script-src 'self' {} 'wasm-unsafe-eval'", scripts.join(" ")),
        "style-src 'self'".into(),
        "img-src 'self' data:".into(),
        "connect-src 'self'".into(),
        "manifest-src 'self'".into(),
        "worker-src 'self'".into(),
        // The embed builder (`?embed-builder`) previews the snippet in a frame of the app.
        "frame-src 'self'".into(),
        "base-uri 'none'".into(),
        "form-action 'self'".into(),
        "require-trusted-types-for 'script'".into(),
        "trusted-types default bantin-sw".into(),
    ]
    .join("; ")
}

/// `sha256-…` of every inline `<script>` (one without `src`) in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else { break };
        let body = &after[body_start..body_start + close];
        if !tag.contains(" src=") {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &after[body_start + close..];
    }
    hashes
}

/// Put the policy in `index.html` as the first thing in `<head>` after the charset, before
/// any script; replaces a policy an earlier run left.
fn add_meta(html: &str, policy: &str) -> Result<String> {
    let html = match html.find("<meta http-equiv=Content-Security-Policy") {
        Some(start) => {
            let end = start + html[start..].find('>').ok_or("index.html: unterminated CSP meta")? + 1;
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_owned(),
    };
    let charset = html.find("<meta charset=utf-8>").ok_or("index.html has no <meta charset=utf-8> to put the CSP after")?;
    let at = charset + "<meta charset=utf-8>".len();
    Ok(format!("{}<meta http-equiv=Content-Security-Policy content=\"{policy}\">{}", &html[..at], &html[at..]))
}

/// One rule of `_headers`: a path pattern and the headers for it.
pub struct Rule {
    pub pattern: String,
    pub headers: Vec<(String, String)>,
}

/// The rules for a built `dist/`: `nosniff` everywhere, the page's policy on the page and its
/// files, the data policy on feeds and archive files, then caching and types by path. No
/// header appears in two rules that can match one path, since hosts join such values.
fn rules(dist: &Path, policy: &str, frame_ancestors: &str) -> Result<Vec<Rule>> {
    let mut page = vec![("Content-Security-Policy".to_owned(), format!("{policy}; frame-ancestors {frame_ancestors}"))];
    page.extend(PAGE.iter().map(|(n, v)| (n.to_string(), v.to_string())));
    let data = || vec![("Content-Security-Policy".to_owned(), DATA_POLICY.to_owned())];
    let mut rules = vec![Rule { pattern: "/*".into(), headers: vec![(EVERYWHERE.0.to_owned(), EVERYWHERE.1.to_owned())] }];
    let with = |mut first: Vec<(String, String)>, cache: &str| {
        first.push(("Cache-Control".to_owned(), cache.to_owned()));
        first
    };
    let feed = || {
        let mut headers = with(data(), REVALIDATE);
        headers.push(("Content-Type".to_owned(), FEED_TYPE.to_owned()));
        headers
    };
    rules.push(Rule { pattern: "/".into(), headers: with(page.clone(), REVALIDATE) });
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("no {}: {e}", dist.display()))?
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with(['_', '.']) && !n.ends_with(".br") && !n.ends_with(".gz") && !n.ends_with(".example"))
        .collect();
    names.sort();
    for name in names {
        let headers = if name == "feed.json" {
            feed()
        } else if crate::server::has_content_hash(&name) {
            with(page.clone(), IMMUTABLE)
        } else {
            with(page.clone(), REVALIDATE)
        };
        rules.push(Rule { pattern: format!("/{name}"), headers });
    }
    rules.push(Rule { pattern: "/feed/*".into(), headers: feed() });
    rules.push(Rule { pattern: "/districts/*".into(), headers: feed() });
    // An article's file is named by its id: rewritten if its item ever changes.
    rules.push(Rule { pattern: "/articles/*".into(), headers: with(data(), REVALIDATE) });
    // Every archive file's name carries its content hash (docs/archive.md).
    rules.push(Rule { pattern: "/archive/*".into(), headers: with(data(), IMMUTABLE) });
    Ok(rules)
}

fn headers_file(rules: &[Rule]) -> String {
    let mut out = String::from(
        "# Generated by `cargo xtask build` (xtask/src/headers.rs): the headers Bantin wants from a\n\
         # static host (Cloudflare Pages, Netlify). Paths are from the site's root: deployed under a\n\
         # sub-path, prefix every pattern with it. README, \"Deploying\", says why each is there.\n",
    );
    for rule in rules {
        out.push_str(&format!("\n{}\n", rule.pattern));
        for (name, value) in &rule.headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out
}

/// An nginx `server` block giving the same headers. nginx drops a server's `add_header`s in
/// any location that has its own, so each location repeats `nosniff`; anything else (a
/// missing file's 404 among them) gets the page's headers.
fn nginx_example(rules: &[Rule]) -> String {
    let security = &rules[0].headers;
    let page = rules.iter().find(|r| r.pattern == "/").map_or(&[][..], |r| &r.headers[..]);
    let mut out = String::from(
        "# Generated by `cargo xtask build` (xtask/src/headers.rs): Bantin's dist/ behind nginx with the\n\
         # headers of dist/_headers. Put this server block in nginx's http {} (for example as\n\
         # /etc/nginx/sites-enabled/bantin), set `root` to where dist/ is, `listen` and `server_name`\n\
         # to yours, then `nginx -t && nginx -s reload`. gzip_static serves the build's .gz twins;\n\
         # with the ngx_brotli module, add `brotli_static on;` for the .br ones.\n\
         server {\n    listen 80;\n    server_name _;\n    root /var/www/bantin;\n    index index.html;\n\n\
         \x20   gzip_static on;\n    gzip on;\n\
         \x20   gzip_types application/json application/feed+json application/manifest+json application/wasm text/css text/javascript image/svg+xml;\n\
         \x20   types {\n        text/html html;\n        text/css css;\n        text/javascript js;\n        application/wasm wasm;\n\
         \x20       application/json json;\n        application/manifest+json webmanifest;\n        image/svg+xml svg;\n        image/png png;\n    }\n\
         \x20   charset utf-8;\n    charset_types text/css text/javascript application/json application/feed+json application/manifest+json image/svg+xml;\n",
    );
    for rule in &rules[1..] {
        let location = match rule.pattern.strip_suffix('*') {
            Some(prefix) => format!("^~ {prefix}"),
            None => format!("= {}", rule.pattern),
        };
        out.push_str(&format!("\n    location {location} {{\n"));
        for (name, value) in security.iter().chain(&rule.headers) {
            if name == "Content-Type" {
                // The type is nginx's to send: say it through the types map, not a second header.
                let mime = value.split(';').next().unwrap_or(value);
                out.push_str(&format!("        types {{ }}\n        default_type {mime};\n"));
            } else {
                out.push_str(&format!("        add_header {name} \"{value}\" always;\n"));
            }
        }
        out.push_str("    }\n");
    }
    // Anything else (a missing file's 404 among them) still gets the security headers.
    out.push_str("\n    location / {\n");
    for (name, value) in security.iter().chain(page.iter().filter(|(name, _)| name != "Cache-Control")) {
        out.push_str(&format!("        add_header {name} \"{value}\" always;\n"));
    }
    out.push_str("    }\n}\n");
    out
}

/// The policy into `dist/index.html`, before the worker's version and precache are computed.
pub fn add_policy(dist: &Path) -> Result {
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path).map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
    let hashes = inline_script_hashes(&html);
    std::fs::write(&index_path, add_meta(&html, &content_security_policy(&hashes))?).map_err(|e| e.to_string())?;
    println!("security policy: {} inline script(s) hashed into the CSP", hashes.len());
    Ok(())
}

/// `_headers` and `nginx.conf.example` for the finished `dist/` (every file in it named).
pub fn write_files(dist: &Path) -> Result {
    let html = std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("cannot read index.html: {e}"))?;
    let policy = content_security_policy(&inline_script_hashes(&html));
    let frame_ancestors = std::env::var("BANTIN_FRAME_ANCESTORS").unwrap_or_else(|_| DEFAULT_FRAME_ANCESTORS.to_owned());
    let rules = rules(dist, &policy, &frame_ancestors)?;
    std::fs::write(dist.join("_headers"), headers_file(&rules)).map_err(|e| e.to_string())?;
    std::fs::write(dist.join("nginx.conf.example"), nginx_example(&rules)).map_err(|e| e.to_string())?;
    println!("headers: frame-ancestors {frame_ancestors}; wrote _headers and nginx.conf.example");
    Ok(())
}

/// `_headers` read back: the rules in order (what `server.rs` applies).
pub fn parse_headers_file(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            rules.push(Rule { pattern: trimmed.to_owned(), headers: Vec::new() });
        } else if let (Some(rule), Some((name, value))) = (rules.last_mut(), trimmed.split_once(':')) {
            rule.headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    rules
}

/// Whether a `_headers` pattern matches a request path: `*` matches anything (slashes too),
/// `:name` one path segment, as Cloudflare Pages and Netlify read them.
pub fn pattern_matches(pattern: &str, path: &str) -> bool {
    match pattern.find(['*', ':']) {
        None => pattern == path,
        Some(at) => {
            let (literal, rest) = pattern.split_at(at);
            let Some(path) = path.strip_prefix(literal) else { return false };
            if let Some(after) = rest.strip_prefix('*') {
                (0..=path.len()).filter(|&i| path.is_char_boundary(i)).any(|i| pattern_matches(after, &path[i..]))
            } else {
                let after = rest.trim_start_matches(|c: char| c == ':' || c.is_ascii_alphanumeric() || c == '_');
                let segment = path.find('/').unwrap_or(path.len());
                segment > 0 && pattern_matches(after, &path[segment..])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = "<script src=pwa.js></script><script type=module>import init from './a.js';</script>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        // `printf %s "import init from './a.js';" | openssl dgst -sha256 -binary | base64`
        let digest = Sha256::digest(b"import init from './a.js';");
        assert_eq!(hashes[0], format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest)));
    }

    #[test]
    fn meta_goes_after_the_charset_once() {
        let html = "<!doctype html><html><meta charset=utf-8><title>t</title><script>x</script>";
        let once = add_meta(html, "default-src 'none'").unwrap();
        let twice = add_meta(&once, "default-src 'none'").unwrap();
        assert_eq!(once, twice);
        assert!(once.starts_with("<!doctype html><html><meta charset=utf-8><meta http-equiv=Content-Security-Policy content=\"default-src 'none'\"><title>"));
    }

    #[test]
    fn policy_has_no_unsafe_inline() {
        let policy = content_security_policy(&["sha256-abc".into()]);
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("script-src 'self' 'sha256-abc' 'wasm-unsafe-eval'"));
        assert!(policy.contains("require-trusted-types-for 'script'"));
    }

    #[test]
    fn patterns_match_like_static_hosts() {
        assert!(pattern_matches("/*", "/"));
        assert!(pattern_matches("/*", "/archive/seg/0-ab/rows.json"));
        assert!(pattern_matches("/archive/*", "/archive/seg/0-ab/rows.json"));
        assert!(!pattern_matches("/archive/*", "/districts/a.json"));
        assert!(pattern_matches("/feed.json", "/feed.json"));
        assert!(!pattern_matches("/feed.json", "/feed.json.gz"));
        assert!(pattern_matches("/:name/rows.json", "/seg/rows.json"));
        assert!(!pattern_matches("/:name/rows.json", "/a/b/rows.json"));
    }

    #[test]
    fn headers_file_reads_back() {
        let rules = vec![
            Rule { pattern: "/*".into(), headers: vec![("X-Content-Type-Options".into(), "nosniff".into())] },
            Rule { pattern: "/feed.json".into(), headers: vec![("Cache-Control".into(), "no-cache".into()), ("Content-Type".into(), FEED_TYPE.into())] },
        ];
        let back = parse_headers_file(&headers_file(&rules));
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].pattern, "/feed.json");
        assert_eq!(back[1].headers, rules[1].headers);
    }
}
