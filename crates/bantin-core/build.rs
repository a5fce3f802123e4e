//! Generates the folding table (`$OUT_DIR/fold_table.rs`) from Unicode's own decompositions,
//! so the browser can fold Vietnamese text without shipping the full normalization tables.
//! Covered: Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional (every
//! precomposed Vietnamese letter lives there).

use std::fmt::Write;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

fn main() {
    let ranges = [0x00C0u32..=0x024F, 0x1E00..=0x1EFF];
    let mut table = String::from("/// (precomposed letter, folded base letter), sorted by letter.\npub(crate) static FOLD_TABLE: &[(char, char)] = &[\n");
    for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
        let mut base = None;
        decompose_canonical(c, |part| {
            if base.is_none() && !is_combining_mark(part) {
                base = Some(part);
            }
        });
        let Some(base) = base else { continue };
        let folded: Vec<char> = base.to_lowercase().collect();
        if base != c && folded.len() == 1 && folded[0].is_ascii() {
            writeln!(table, "    ('\\u{{{:04x}}}', '{}'),", c as u32, folded[0]).unwrap();
        }
    }
    table.push_str("];\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("fold_table.rs");
    std::fs::write(out, table).unwrap();
    println!("cargo::rerun-if-changed=build.rs");
}
