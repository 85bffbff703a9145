//! Benchmark, not a test: how long the browser takes to rebuild the spaced-review state of a learner
//! who finished every track and reviewed daily for a year (issue #17). It runs in headless Chromium
//! through wasm-bindgen-test, only from `make bench` (scripts/bench.sh, in release mode, which writes
//! bench/review.json); the test command runs `--test storage` alone. The log is written to the real
//! `localStorage` exactly as the app writes it, then timed with `performance.now()`:
//! - `parse`: `storage::load_scoped`, the stored text back into a `ReviewLog`, as the app does on start;
//! - `rebuild`: `review::states`, every card replayed from the log (what the Review page does);
//! - `parse_and_rebuild`: both, one after the other;
//! - `cards_and_rebuild`: the Review page's whole `card_states` from a loaded log (the source
//!   fingerprints, the card list from the pack and progress, and `states`).
//!
//! The figures are printed as one `review-bench:` JSON line. Nothing asserts on time; the asserts
//! only make sure the runs rebuilt every card. On the host this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

#[path = "support/year.rs"]
mod year;

use fluency::domain::edition::source_fingerprints;
use fluency::domain::pack::Pack;
use fluency::domain::review::{cards, states, ReviewLog};
use fluency::domain::schema::encode;
use fluency::storage;
use wasm_bindgen_test::*;
use year::{a_year_of_review, finished_everything, time, END, RUNS};

wasm_bindgen_test_configure!(run_in_browser);

const PACK: &str = include_str!("../public/packs/fluency-core.json");

#[wasm_bindgen_test]
fn rebuilding_a_year_of_review_in_the_browser() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let clock = || performance.now();
    let pack = Pack::from_json(PACK).unwrap();
    let progress = finished_everything(&pack);
    let fingerprints = source_fingerprints(&pack);
    let cards = cards(&pack, &progress, &fingerprints);
    let started = clock();
    let log = a_year_of_review(&pack.id, &cards, &fingerprints);
    let planning = clock() - started;

    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local.clear().unwrap();
    assert!(storage::is_persistent());
    storage::save_scoped(Some(&pack.id), &log).unwrap();
    let key = format!("fluency.reviews.{}", pack.id);
    let stored = local.get_item(&key).unwrap().unwrap();
    assert_eq!(stored, encode(&log));

    let load = || {
        let loaded = storage::load_scoped::<ReviewLog>(Some(&pack.id));
        assert!(loaded.problem.is_none());
        loaded.value
    };
    let rebuild = |log: &ReviewLog| {
        let rebuilt = states(&cards, log, END);
        assert_eq!(rebuilt.len(), cards.len());
        assert!(rebuilt.iter().all(|s| !s.is_new));
        rebuilt
    };
    assert_eq!(load(), log);
    let loaded = load();
    let figures = serde_json::json!({
        "cards": cards.len(),
        "reviews": log.reviews.len(),
        "bytes": stored.len(),
        "runs": RUNS,
        "planning_a_year_ms": (planning * 10.0).round() / 10.0,
        "parse": time(&clock, load),
        "rebuild": time(&clock, || rebuild(&loaded)),
        "parse_and_rebuild": time(&clock, || rebuild(&load())),
        "cards_and_rebuild": time(&clock, || {
            let fingerprints = source_fingerprints(&pack);
            let cards = fluency::domain::review::cards(&pack, &progress, &fingerprints);
            let rebuilt = states(&cards, &loaded, END);
            assert_eq!(rebuilt.len(), cards.len());
            rebuilt.len()
        }),
    });
    local.clear().unwrap();
    console_log!("review-bench: {figures}");
}
