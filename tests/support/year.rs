//! A learner who finished every track of a pack in its first month, then reviewed every day for a
//! year; and the few figures both measurements of it report. Shared by `tests/review_year.rs` (the
//! host: what the log costs in storage) and `tests/review_bench.rs` (the browser benchmark of
//! rebuilding the review state from the stored log), each of which includes it with `#[path]`.

use std::collections::BTreeMap;

use fluency::domain::pack::Pack;
use fluency::domain::progress::{check_key, final_key, scenario_key, Answer, Attempt, Progress};
use fluency::domain::review::{
    plan, states, CardSource, Grade, Review, ReviewLog, DEFAULT_DAILY_LIMIT,
};

pub const DAY: i64 = 86_400_000;
pub const START: i64 = 1_796_083_200_000;
/// The end of the year of review, when every card is rebuilt.
pub const END: i64 = START + 395 * DAY;

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
pub fn finished_everything(pack: &Pack) -> Progress {
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

/// From day 30 to day 395, every card the plan gives each morning (UTC days, the default daily
/// limit), reviewed: one answer in ten wrong, one in ten a guess.
pub fn a_year_of_review(
    pack_id: &str,
    cards: &[CardSource],
    fingerprints: &BTreeMap<String, String>,
) -> ReviewLog {
    let mut log = ReviewLog::new(pack_id);
    let day_of = |at: i64| at.div_euclid(DAY);
    for day in 30..395 {
        let now = START + day * DAY + 9 * 3_600_000;
        let today = plan(
            &states(cards, &log, now),
            now,
            DEFAULT_DAILY_LIMIT,
            0,
            14,
            &day_of,
        )
        .today;
        for (n, key) in today.iter().enumerate() {
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
    log
}

/// Warm-up runs before the measured ones, and the measured runs of each figure.
pub const WARM_UP: usize = 5;
pub const RUNS: usize = 31;

/// The median, fastest and slowest of some timings in milliseconds, as JSON.
fn summary(mut millis: Vec<f64>) -> serde_json::Value {
    millis.sort_by(f64::total_cmp);
    let round = |ms: f64| (ms * 1000.0).round() / 1000.0;
    serde_json::json!({
        "median_ms": round(millis[millis.len() / 2]),
        "min_ms": round(millis[0]),
        "max_ms": round(millis[millis.len() - 1]),
    })
}

/// Times `f` [`RUNS`] times after [`WARM_UP`] runs, with a clock in milliseconds.
pub fn time<T>(now: &impl Fn() -> f64, mut f: impl FnMut() -> T) -> serde_json::Value {
    for _ in 0..WARM_UP {
        std::hint::black_box(f());
    }
    let millis = (0..RUNS)
        .map(|_| {
            let started = now();
            std::hint::black_box(f());
            now() - started
        })
        .collect();
    summary(millis)
}
