//! A year of daily review by a learner who finished every track: what the review log costs in
//! storage, and that it stays well inside the browser's local-storage quota (about 5 MB per origin).
//! The ignored test is a benchmark: `make bench` runs it in release mode beside the same figures
//! measured in Chromium (`tests/review_bench.rs`) and writes both to bench/review.json.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/year.rs"]
mod year;

use std::time::Instant;

use fluency::domain::edition::source_fingerprints;
use fluency::domain::pack::Pack;
use fluency::domain::review::{cards, states, CardSource, ReviewLog};
use fluency::domain::schema::{decode, encode};
use year::{a_year_of_review, finished_everything, time, END, RUNS};

fn pack() -> Pack {
    Pack::from_json(&std::fs::read_to_string("public/packs/fluency-core.json").unwrap()).unwrap()
}

/// Every card of the learner, and their review log at the end of the year.
fn a_year(pack: &Pack) -> (Vec<CardSource<'_>>, ReviewLog) {
    let progress = finished_everything(pack);
    let fingerprints = source_fingerprints(pack);
    let cards = cards(pack, &progress, &fingerprints);
    let log = a_year_of_review(&pack.id, &cards, &fingerprints);
    (cards, log)
}

#[test]
fn a_year_of_daily_review_fits_in_local_storage() {
    let pack = pack();
    let started = Instant::now();
    let (cards, log) = a_year(&pack);
    let planning = started.elapsed();
    // Exactly what the app writes under `fluency.reviews.<pack id>`.
    let stored = encode(&log);
    let final_states = states(&cards, &log, END);
    println!(
        "{} cards, {} reviews in a year: {} bytes stored ({:.1} bytes a review); a year of daily planning {:?}",
        cards.len(),
        log.reviews.len(),
        stored.len(),
        stored.len() as f64 / log.reviews.len() as f64,
        planning
    );
    assert!(log.reviews.len() > 1_000, "{} reviews", log.reviews.len());
    assert!(stored.len() < 1_500_000, "{} bytes", stored.len());
    assert_eq!(decode::<ReviewLog>(&stored).unwrap().value, log);
    assert_eq!(final_states.len(), cards.len());
    assert!(final_states.iter().all(|s| !s.is_new));
}

/// The host's side of bench/review.json, printed as one `review-year:` JSON line: reading the
/// stored log back (`schema::decode`, what `storage::load_scoped` does with the text), rebuilding
/// every card (`review::states`), and both. Nothing is asserted on time.
#[test]
#[ignore = "benchmark: `make bench` runs it in release mode"]
fn host_figures() {
    let pack = pack();
    let (cards, log) = a_year(&pack);
    let stored = encode(&log);
    let origin = Instant::now();
    let clock = || origin.elapsed().as_secs_f64() * 1000.0;
    let parse = || decode::<ReviewLog>(&stored).unwrap().value;
    let rebuild = |log: &ReviewLog| {
        let rebuilt = states(&cards, log, END);
        assert_eq!(rebuilt.len(), cards.len());
        rebuilt
    };
    let figures = serde_json::json!({
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "cards": cards.len(),
        "reviews": log.reviews.len(),
        "bytes": stored.len(),
        "runs": RUNS,
        "parse": time(&clock, parse),
        "rebuild": time(&clock, || rebuild(&log)),
        "parse_and_rebuild": time(&clock, || rebuild(&parse())),
    });
    println!("review-year: {figures}");
}
