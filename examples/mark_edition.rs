//! Records that a language edition translates its source as it is now: sets the edition's
//! `edition` record (source language, version and hash, and the source fingerprint of every item).
//! Run it when a translation is complete, or after a translator has checked every changed item.
//!
//! ```sh
//! cargo run --example mark_edition -- public/packs/fluency-core.json public/packs/fluency-core.zh-CN.json
//! ```
//!
//! Refuses an edition whose structure differs from the source (listing every difference), and exits
//! with 2 when a file cannot be read or written.

use fluency::domain::edition::{mark_translated, structural_differences};
use fluency::domain::pack::Pack;

fn fail(message: String) -> ! {
    eprintln!("mark_edition: {message}");
    std::process::exit(2);
}

fn read(path: &str) -> Pack {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    Pack::from_json(&text).unwrap_or_else(|e| fail(format!("{path}: {e}")))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(source_path), Some(edition_path)) = (args.first(), args.get(1)) else {
        fail("usage: mark_edition SOURCE.json EDITION.json".into());
    };
    let source = read(source_path);
    let mut edition = read(edition_path);
    mark_translated(&source, &mut edition, None);
    let differences = structural_differences(&source, &edition);
    if !differences.is_empty() {
        let lines: Vec<String> = differences.iter().map(|p| p.to_string()).collect();
        fail(format!(
            "{edition_path} is not an edition of {source_path}:\n{}",
            lines.join("\n")
        ));
    }
    let mut out = serde_json::to_string_pretty(&edition)
        .unwrap_or_else(|e| fail(format!("cannot write the edition: {e}")));
    out.push('\n');
    std::fs::write(edition_path, out).unwrap_or_else(|e| fail(format!("{edition_path}: {e}")));
    println!(
        "{edition_path}: {} edition of {} {} ({})",
        edition.language,
        source.id,
        source.version,
        edition.content_hash()
    );
}
