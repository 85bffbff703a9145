//! A year of daily review by a learner who finished every track: what the review log costs in
//! storage, and that it stays well inside the browser's local-storage quota (about 5 MB per origin).
#![cfg(not(target_arch = "wasm32"))]

use fluency::domain::edition::source_fingerprints;
use fluency::domain::pack::Pack;
use fluency::domain::progress::{check_key, final_key, scenario_key, Answer, Attempt, Progress};
use fluency::domain::review::{cards, plan, states, Grade, Review, ReviewLog, DEFAULT_DAILY_LIMIT};

const DAY: i64 = 86_400_000;
const START: i64 = 1_796_083_200_000;

fn passed(id: &str, at: i64, questions: impl Iterator<Item = String>) -> Attempt {
    let answers: Vec<Answer> = questions
        .map(|question| Answer {
            question,
            correct: true,
        })
        .collect();
    Attempt {
        id: id.into(),
        at,
        correct: answers.len() as u32,
        total: answers.len() as u32,
        answers,
    }
}

/// Every module's check and scenario passed, and every track's final passed twice (20 of its
/// questions drawn), all in the first month.
fn finished_everything(pack: &Pack) -> Progress {
    let mut progress = Progress::new(pack);
    let mut at = START;
    for track in &pack.tracks {
        for module in &track.modules {
            at += DAY / 3;
            for unit in &module.units {
                progress.complete_unit(&unit.id, at);
            }
            let ids = module.check.questions.iter().map(|q| q.id.clone());
            progress.record_attempt(
                &check_key(&module.id),
                passed(&format!("c-{}", module.id), at, ids),
            );
            for scenario in &module.scenarios {
                let ids = scenario.questions.iter().map(|q| q.id.clone());
                progress.record_attempt(
                    &scenario_key(&scenario.id),
                    passed(&format!("s-{}", scenario.id), at, ids),
                );
            }
        }
        for round in 0..2 {
            let drawn = track.certification.bank.iter().skip(round * 10).take(10);
            let ids = drawn.map(|q| q.id.clone());
            progress.record_attempt(
                &final_key(&track.id),
                passed(&format!("f-{}-{round}", track.id), at, ids),
            );
        }
    }
    progress
}

#[test]
fn a_year_of_daily_review_fits_in_local_storage() {
    let pack = Pack::from_json(&std::fs::read_to_string("public/packs/fluency-core.json").unwrap())
        .unwrap();
    let progress = finished_everything(&pack);
    let fingerprints = source_fingerprints(&pack);
    let cards = cards(&pack, &progress, &fingerprints);
    let mut log = ReviewLog::new(&pack.id);
    let day_of = |at: i64| at.div_euclid(DAY);
    let started = std::time::Instant::now();
    for day in 30..395 {
        let now = START + day * DAY + 9 * 3_600_000;
        let today = plan(
            &states(&cards, &log, now),
            now,
            DEFAULT_DAILY_LIMIT,
            0,
            14,
            &day_of,
        )
        .today;
        for (n, key) in today.iter().enumerate() {
            // One answer in ten is wrong, one in ten a guess.
            let grade = match (day as usize + n) % 10 {
                0 => Grade::Again,
                1 => Grade::Hard,
                _ => Grade::Good,
            };
            log.record(Review {
                id: format!("r{day}-{n}"),
                card: key.clone(),
                at: now + n as i64 * 30_000,
                grade,
                fingerprint: fingerprints[key].clone(),
            });
        }
    }
    let replay_time = started.elapsed();
    let stored = serde_json::to_string(&serde_json::json!({ "schema": 1, "data": log })).unwrap();
    let end = START + 395 * DAY;
    let started = std::time::Instant::now();
    let final_states = states(&cards, &log, end);
    let one_rebuild = started.elapsed();
    println!(
        "{} cards, {} reviews in a year: {} bytes stored ({:.1} bytes a review); one rebuild of every card {:?} (a year of daily planning {:?})",
        cards.len(),
        log.reviews.len(),
        stored.len(),
        stored.len() as f64 / log.reviews.len() as f64,
        one_rebuild,
        replay_time
    );
    assert!(log.reviews.len() > 1_000, "{} reviews", log.reviews.len());
    assert!(stored.len() < 1_500_000, "{} bytes", stored.len());
    assert_eq!(final_states.len(), cards.len());
    assert!(final_states.iter().all(|s| !s.is_new));
}
