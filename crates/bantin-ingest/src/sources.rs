//! `--sources`: JSON Lines `{"path": "...", "url": "...", "site": "..."}` telling where each raw
//! page came from. `path` matches an input's path as given or its file name.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub path: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub site: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Sources {
    by_path: BTreeMap<String, Source>,
}

fn normal(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_owned()
}

impl Sources {
    /// Parse JSON Lines; blank lines and `#` comments are skipped. Errors name the line.
    pub fn parse(text: &str) -> Result<Sources, String> {
        let mut by_path = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let source: Source = serde_json::from_str(t).map_err(|e| {
                format!("line {}: {e} (expected {{\"path\": \"…\", \"url\": \"…\", \"site\": \"…\"}})", i + 1)
            })?;
            if source.path.trim().is_empty() {
                return Err(format!("line {}: empty \"path\"", i + 1));
            }
            by_path.insert(normal(&source.path), source);
        }
        Ok(Sources { by_path })
    }

    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// The entry for an input: by its path as given, else by its file name.
    pub fn find(&self, path: &str, file_name: &str) -> Option<&Source> {
        self.by_path.get(&normal(path)).or_else(|| self.by_path.get(file_name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches() {
        let s = Sources::parse(
            "{\"path\": \"001.txt\", \"url\": \"https://cauke.travinh.gov.vn/a\"}\n\n# note\n{\"path\": \"./pages/002.txt\", \"site\": \"X\"}\n",
        )
        .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s.find("data/001.txt", "001.txt").unwrap().url.as_deref(), Some("https://cauke.travinh.gov.vn/a"));
        assert_eq!(s.find("pages/002.txt", "002.txt").unwrap().site.as_deref(), Some("X"));
        assert!(s.find("other/003.txt", "003.txt").is_none());
    }

    #[test]
    fn errors_name_the_line() {
        let e = Sources::parse("{\"path\": \"a\"}\n{\"url\": \"x\"}").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
        let e = Sources::parse("not json").unwrap_err();
        assert!(e.starts_with("line 1:"), "{e}");
    }
}
