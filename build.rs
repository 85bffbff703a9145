//! Compiles the interface text in `locales/*.toml` into `$OUT_DIR/catalogue.rs`, which
//! `src/i18n.rs` includes: the `Msg` enum (one variant per key of the source locale, `en`) and, per
//! locale, a `match` for the shell's messages and one for the areas' messages.
//!
//! The build fails, naming the file and the key, when a locale has a key the source lacks or lacks
//! one it has, puts a key in the other section, leaves a text empty, or uses other `{parameters}`
//! than the source. A translation can therefore never ship half done or with a broken parameter.
//! The rules live in `build/locales.rs`, which `tests/locales.rs` tests.

#[path = "build/locales.rs"]
mod locales;

use std::path::Path;

use locales::{compare, generate, parse_locale, SOURCE};

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new("locales");
    let mut locales = Vec::new();
    let mut problems = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("locales/: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let tag = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let read = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|text| parse_locale(tag, &text));
        match read {
            Ok(locale) => locales.push(locale),
            Err(problem) => problems.push(problem),
        }
    }
    // The source first, then the others in tag order.
    locales.sort_by_key(|l| (l.tag != SOURCE, l.tag.clone()));
    match locales.first() {
        Some(first) if first.tag == SOURCE => {}
        _ => problems.push(format!(
            "locales/{SOURCE}.toml: the source locale is missing"
        )),
    }
    if problems.is_empty() {
        for other in &locales[1..] {
            problems.extend(compare(&locales[0], other));
        }
    }
    if !problems.is_empty() {
        panic!(
            "\nthe interface text in locales/ has {} problem(s):\n  {}\n",
            problems.len(),
            problems.join("\n  ")
        );
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.rs");
    std::fs::write(&out, generate(&locales)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
