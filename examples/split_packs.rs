//! Writes every pack the manifest lists, and every language edition of it, in parts: an outline and
//! one file per track (`domain::pack_parts`), next to the pack file, so that a page fetches only
//! the track it shows. The build runs it on the staged site (`tools/build-wasm.mjs`):
//!
//! ```sh
//! cargo run --example split_packs -- dist/packs
//! ```
//!
//! Prints, as JSON, where the parts of each pack file are, for the boot script's hints:
//! `[{"id", "language", "url", "outline", "tracks": {"<track id>": "<url>"}}]`. Exits with 2 and a
//! message when the manifest or a pack file listed in it cannot be read or split.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluency::domain::manifest::{is_local_pack_path, Manifest};
use fluency::domain::pack::Pack;
use fluency::domain::pack_parts::{outline_url, split, track_url};

fn fail(message: String) -> ! {
    eprintln!("split_packs: {message}");
    std::process::exit(2);
}

/// The file under `packs` that a `/packs/...` URL names.
fn file_for(packs: &Path, url: &str) -> PathBuf {
    packs.join(url.trim_start_matches("/packs/"))
}

fn write(packs: &Path, url: &str, text: &str) {
    let path = file_for(packs, url);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(format!("{}: {e}", dir.display())));
    }
    std::fs::write(&path, text).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
}

fn main() {
    let Some(packs) = std::env::args().nth(1).map(PathBuf::from) else {
        fail("usage: split_packs PACKS_DIR (the directory that holds index.json)".into());
    };
    let manifest_path = packs.join("index.json");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| e.to_string())
        .and_then(|text| Manifest::from_json(&text))
        .unwrap_or_else(|e| fail(format!("{}: {e}", manifest_path.display())));
    let mut written = Vec::new();
    for entry in &manifest.packs {
        let files = std::iter::once((entry.language.as_str(), entry.url.as_str())).chain(
            entry
                .editions
                .iter()
                .map(|e| (e.language.as_str(), e.url.as_str())),
        );
        for (language, url) in files {
            if !is_local_pack_path(url) {
                continue;
            }
            let path = file_for(&packs, url);
            // An edition announced before its file exists is skipped: the app falls back to the
            // source for it, as it does when the file cannot be fetched.
            let Ok(text) = std::fs::read_to_string(&path) else {
                eprintln!(
                    "split_packs: {} is listed but missing; skipped",
                    path.display()
                );
                continue;
            };
            let pack =
                Pack::from_json(&text).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
            let (Some(outline_at), true) = (
                outline_url(url),
                pack.tracks.iter().all(|t| track_url(url, &t.id).is_some()),
            ) else {
                eprintln!("split_packs: {url} cannot be served in parts; skipped");
                continue;
            };
            let (outline, tracks) = split(&pack);
            write(&packs, &outline_at, &compact(&outline));
            let mut urls = BTreeMap::new();
            for part in &tracks {
                let at = track_url(url, &part.track.id).unwrap_or_default();
                write(&packs, &at, &compact(part));
                urls.insert(part.track.id.clone(), at);
            }
            written.push(serde_json::json!({
                "id": entry.id,
                "language": language,
                "url": url,
                "outline": outline_at,
                "tracks": urls,
            }));
        }
    }
    println!("{}", serde_json::Value::Array(written));
}

/// Compact JSON: the parts are for the app, not for people.
fn compact<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| fail(e.to_string()))
}
