//! Records a pack version in the history of published versions (`public/packs/history.json`), so
//! that certificates and reports earned against it keep verifying after later releases.
//!
//! ```sh
//! cargo run --example publish_pack -- public/packs/fluency-core.json public/packs/history.json \
//!     --date 2026-12-01 --note en="What changed for learners" --note zh-CN="……"
//! ```
//!
//! The pack must validate without errors. Recording the same id and version again replaces the
//! entry. Exits with 2 and a message when a file cannot be read or written.

use std::collections::BTreeMap;

use fluency::domain::history::{PackHistory, PublishedVersion, HISTORY_FORMAT};
use fluency::domain::pack::Pack;
use fluency::domain::validate::validate;

fn fail(message: String) -> ! {
    eprintln!("publish_pack: {message}");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(pack_path), Some(history_path)) = (args.first(), args.get(1)) else {
        fail(
            "usage: publish_pack PACK.json HISTORY.json --date YYYY-MM-DD [--note LANG=TEXT ...]"
                .into(),
        );
    };
    let mut date = None;
    let mut notes = BTreeMap::new();
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .unwrap_or_else(|| fail(format!("{flag} needs a value")));
        match flag.as_str() {
            "--date" => date = Some(value.clone()),
            "--note" => {
                let (language, text) = value
                    .split_once('=')
                    .unwrap_or_else(|| fail(format!("--note {value}: write LANG=TEXT")));
                notes.insert(language.to_owned(), text.to_owned());
            }
            other => fail(format!("unknown option {other}")),
        }
    }
    let date = date.unwrap_or_else(|| fail("--date YYYY-MM-DD is required".into()));
    let text =
        std::fs::read_to_string(pack_path).unwrap_or_else(|e| fail(format!("{pack_path}: {e}")));
    let pack = Pack::from_json(&text).unwrap_or_else(|e| fail(format!("{pack_path}: {e}")));
    let report = validate(&pack);
    if report.has_errors() {
        fail(format!(
            "{pack_path} has errors and cannot be published:\n{}",
            report.lines().join("\n")
        ));
    }
    let mut history = match std::fs::read_to_string(history_path) {
        Ok(text) => {
            PackHistory::from_json(&text).unwrap_or_else(|e| fail(format!("{history_path}: {e}")))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => PackHistory {
            format: HISTORY_FORMAT,
            versions: Vec::new(),
        },
        Err(e) => fail(format!("{history_path}: {e}")),
    };
    history.record(PublishedVersion::of(&pack, &date, notes));
    let mut out = serde_json::to_string_pretty(&history)
        .unwrap_or_else(|e| fail(format!("cannot write the history: {e}")));
    out.push('\n');
    std::fs::write(history_path, out).unwrap_or_else(|e| fail(format!("{history_path}: {e}")));
    println!(
        "recorded {} {} ({}) in {history_path}",
        pack.id,
        pack.version,
        pack.content_hash()
    );
}
