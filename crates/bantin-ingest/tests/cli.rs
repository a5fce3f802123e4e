//! The built `bantin-ingest` binary: exit codes, outputs, determinism, `--sources`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_bantin-ingest");

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temp dir with `pages/` holding copies of the seeds and, optionally, a bad page.
fn workspace(with_bad_page: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    for entry in std::fs::read_dir(common::pages_dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), pages.join(entry.file_name())).unwrap();
    }
    // A hidden file is skipped.
    std::fs::write(pages.join(".gitkeep"), "").unwrap();
    if with_bad_page {
        std::fs::write(pages.join("sub/legacy.html"), b"<p>Hu\xe2\xf2n \xf0\xe1</p>").unwrap();
    }
    dir
}

fn feed(dir: &Path, out: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(out).join("feed.json")).unwrap()).unwrap()
}

#[test]
fn builds_the_seeds_with_exit_0_and_a_summary() {
    let dir = workspace(false);
    let o = run(&["build", "pages", "--out", "public"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.trim().lines().collect();
    assert_eq!(lines.last().copied(), Some("5 pages → 5 articles, 0 rejected → public/feed.json"), "{err}");
    assert!(lines[0].starts_with("archive: ") && lines[0].contains("files written"), "{err}");
    let f = feed(dir.path(), "public");
    assert_eq!(f["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(f["title"], "Bantin — tin tức địa phương");
    assert_eq!(f["language"], "vi");
    assert_eq!(f["items"].as_array().unwrap().len(), 5);
    let rejects = std::fs::read_to_string(dir.path().join("public/rejects.json")).unwrap();
    assert_eq!(rejects.trim(), "[]");
}

#[test]
fn rejects_are_listed_and_strict_fails() {
    let dir = workspace(true);
    let o = run(&["build", "pages", "--out", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "a reject is not an error without --strict: {}", stderr(&o));
    assert!(stderr(&o).contains("6 pages → 5 articles, 1 rejected → out/feed.json"), "{}", stderr(&o));
    assert!(stderr(&o).contains("rejected pages/sub/legacy.html: not UTF-8 and no charset declared"), "{}", stderr(&o));
    let rejects: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/rejects.json")).unwrap()).unwrap();
    assert_eq!(
        rejects,
        serde_json::json!([{"path": "pages/sub/legacy.html", "reason": "not UTF-8 and no charset declared"}])
    );
    let o = run(&["build", "pages", "--out", "out", "--strict"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Outputs are still written under --strict.
    assert_eq!(feed(dir.path(), "out")["items"].as_array().unwrap().len(), 5);
}

#[test]
fn bad_usage_exits_2_with_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["build"][..],
        &["build", "pages"][..],
        &["build", "pages", "--out"][..],
        &["build", "pages", "--out", "x", "--bogus"][..],
        &["bench", "--pages", "zero"][..],
    ] {
        let o = run(args, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("error: "), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["build", "pages", "--out"], dir.path());
    assert!(stderr(&o).contains("--out needs a directory"), "{}", stderr(&o));
    let o = run(&["--help"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("bantin-ingest build <PATH>..."));
}

#[test]
fn io_errors_exit_2_and_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["build", "no-such-dir", "--out", "out"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-dir") && stderr(&o).contains("check the path"), "{}", stderr(&o));
    let o = run(&["build", ".", "--out", "out", "--sources", "missing.jsonl"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read --sources file missing.jsonl"), "{}", stderr(&o));
    std::fs::write(dir.path().join("bad.jsonl"), "{\"path\": 1}\n").unwrap();
    let o = run(&["build", ".", "--out", "out", "--sources", "bad.jsonl"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 1"), "{}", stderr(&o));
}

#[test]
fn two_runs_are_byte_identical() {
    let dir = workspace(true);
    for out in ["a", "b"] {
        let o = run(&["build", "pages", "--out", out], dir.path());
        assert_eq!(o.status.code(), Some(0));
    }
    for file in ["feed.json", "rejects.json"] {
        let a = std::fs::read(dir.path().join("a").join(file)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(file)).unwrap();
        assert_eq!(a, b, "{file} differs between runs");
    }
    // Listing the same pages file by file, in another order, changes nothing either.
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("pages"))
        .unwrap()
        .map(|e| format!("pages/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    files.reverse();
    let mut args: Vec<&str> = vec!["build"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", "c"]);
    assert_eq!(run(&args, dir.path()).status.code(), Some(0));
    assert_eq!(std::fs::read(dir.path().join("a/feed.json")).unwrap(), std::fs::read(dir.path().join("c/feed.json")).unwrap());
}

#[test]
fn sources_give_url_site_and_district() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(
        dir.path().join("in/tin1.txt"),
        "Huyện ủy tổ chức hội nghị giao ban\n\nSáng ngày 3/9/2021, Huyện ủy tổ chức hội nghị giao ban tháng 8.\n\nĐoạn hai.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sources.jsonl"),
        "{\"path\": \"tin1.txt\", \"url\": \"https://cauke.travinh.gov.vn/tin/1\", \"site\": \"Trang thông tin điện tử huyện Cầu Kè\"}\n",
    )
    .unwrap();
    let o = run(&["build", "in", "--out", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let item = &feed(dir.path(), "out")["items"][0];
    assert_eq!(item["url"], serde_json::Value::Null);
    assert_eq!(item["_bantin"]["district"], serde_json::Value::Null);

    let o = run(&["build", "in", "--out", "out", "--sources", "sources.jsonl"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let item = &feed(dir.path(), "out")["items"][0];
    assert_eq!(item["url"], "https://cauke.travinh.gov.vn/tin/1");
    assert_eq!(item["_bantin"]["site"], "Trang thông tin điện tử huyện Cầu Kè");
    assert_eq!(item["_bantin"]["district_id"], "huyen-cau-ke-tra-vinh");
    assert_eq!(item["_bantin"]["province_2025"], "Vĩnh Long");
    assert_eq!(item["id"], "2021-09-03-huyen-uy-to-chuc-hoi-nghi-giao-ban");
}

#[test]
fn colliding_ids_get_a_stable_suffix() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Huyện ủy tổ chức hội nghị giao ban\n\nSáng ngày 3/9/2021, Huyện ủy tổ chức hội nghị.\n\nĐoạn hai.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    std::fs::write(dir.path().join("b.txt"), text).unwrap();
    let o = run(&["build", "a.txt", "b.txt", "--out", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let f = feed(dir.path(), "out");
    let ids: Vec<&str> = f["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], "2021-09-03-huyen-uy-to-chuc-hoi-nghi-giao-ban");
    assert!(ids[1].starts_with("2021-09-03-huyen-uy-to-chuc-hoi-nghi-giao-ban-") && ids[1].len() == ids[0].len() + 7, "{ids:?}");
}

#[test]
fn a_rebuild_keeps_published_ids_when_a_colliding_page_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Huyện ủy tổ chức hội nghị giao ban\n\nSáng ngày 3/9/2021, Huyện ủy tổ chức hội nghị.\n\nĐoạn hai.\n";
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/m.txt"), text).unwrap();
    assert_eq!(run(&["build", "in", "--out", "out"], dir.path()).status.code(), Some(0));
    let first = feed(dir.path(), "out")["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(first, "2021-09-03-huyen-uy-to-chuc-hoi-nghi-giao-ban");
    // A same-day, same-title page whose name sorts first would take the plain id on a fresh
    // build; with the published feed in --out, the existing article keeps it.
    std::fs::write(dir.path().join("in/a.txt"), text).unwrap();
    assert_eq!(run(&["build", "in", "--out", "out"], dir.path()).status.code(), Some(0));
    let f = feed(dir.path(), "out");
    let by_file = |name: &str| {
        f["items"].as_array().unwrap().iter().find(|i| i["_bantin"]["source_file"] == name).unwrap()["id"].as_str().unwrap().to_owned()
    };
    assert_eq!(by_file("m.txt"), first);
    assert!(by_file("a.txt").starts_with(&format!("{first}-")), "{}", by_file("a.txt"));
    // And the result is stable from then on.
    assert_eq!(run(&["build", "in", "--out", "out"], dir.path()).status.code(), Some(0));
    assert_eq!(feed(dir.path(), "out"), f);
}
