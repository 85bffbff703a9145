//! Spaced review: every question a learner answered in a passed check, scenario or final becomes a
//! card, scheduled with FSRS (the `rs-fsrs` crate, its default weights, desired retention 0.9,
//! whole-day scheduling;
//! Ye, Su & Cao 2022, "A Stochastic Shortest Path Algorithm for Optimizing Spaced Repetition
//! Scheduling", KDD). Retrieval practice at growing intervals keeps what was learned (Cepeda et al.
//! 2006; Roediger & Karpicke 2006).
//!
//! What is stored is the **log** of reviews, never the scheduler's state: a card's state is rebuilt
//! by replaying its log, so two tabs merge by taking the union of their logs, and the merge is
//! commutative and idempotent like the rest of the progress. The first passing attempt of a quiz is
//! each of its questions' first retrieval; the log adds the reviews after it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, TimeZone, Utc};
use rs_fsrs::{Card, Parameters, Rating, State, FSRS};
use serde::{Deserialize, Serialize};

use super::pack::{Pack, Question};
use super::progress::{check_key, final_key, scenario_key, Attempt, Millis, Progress};
use super::schema::Schema;

const DAY_MS: i64 = 86_400_000;

/// The default number of reviews a day, which the learner can change.
pub const DEFAULT_DAILY_LIMIT: u32 = 20;
/// At most this many questions make a review renewal session (see [`renewal_session`]).
pub const RENEWAL_SESSION_SIZE: usize = 20;
/// The recall above which a learner may renew by review, where the track allows it.
pub const RENEWAL_RECALL: f64 = 0.9;

/// How a review went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// A wrong answer: FSRS `Again`.
    Again,
    /// A right answer the learner marked "I guessed": FSRS `Hard`.
    Hard,
    /// A right answer: FSRS `Good`.
    Good,
}

impl Grade {
    /// The grade of an answer.
    pub fn of(correct: bool, guessed: bool) -> Grade {
        match (correct, guessed) {
            (false, _) => Grade::Again,
            (true, true) => Grade::Hard,
            (true, false) => Grade::Good,
        }
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
        }
    }
}

/// One review, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Unique per review, so that the same review merged from two tabs is kept once.
    pub id: String,
    /// The card: `<module or track id>/<question id>` ([`card_key`]).
    pub card: String,
    /// Milliseconds since the Unix epoch.
    pub at: Millis,
    pub grade: Grade,
    /// The fingerprint of the question's source text when it was reviewed: a later change to the
    /// question resets the card.
    pub fingerprint: String,
}

/// A setting with the moment it was made, so that the latest wins whatever the merge order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting {
    pub value: u32,
    pub at: Millis,
}

/// Every review of one pack, stored as `fluency.reviews.<pack id>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewLog {
    pub pack_id: String,
    /// Oldest first (by time, then id).
    pub reviews: Vec<Review>,
    /// Reviews a day; [`DEFAULT_DAILY_LIMIT`] when never set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_limit: Option<Setting>,
}

impl Schema for ReviewLog {
    const KEY: &'static str = "reviews";
    const VERSION: u32 = 1;
}

impl ReviewLog {
    pub fn new(pack_id: &str) -> ReviewLog {
        ReviewLog {
            pack_id: pack_id.to_owned(),
            ..ReviewLog::default()
        }
    }

    /// Adds a review unless one with its id is there already.
    pub fn record(&mut self, review: Review) {
        if self.reviews.iter().any(|r| r.id == review.id) {
            return;
        }
        let at = self
            .reviews
            .partition_point(|r| (r.at, &r.id) < (review.at, &review.id));
        self.reviews.insert(at, review);
    }

    pub fn daily_limit(&self) -> u32 {
        self.daily_limit.map_or(DEFAULT_DAILY_LIMIT, |s| s.value)
    }

    /// Changes the daily limit; at least one review a day.
    pub fn set_daily_limit(&mut self, value: u32, at: Millis) {
        let setting = Setting {
            value: value.max(1),
            at,
        };
        if self
            .daily_limit
            .is_none_or(|s| (s.at, s.value) < (setting.at, setting.value))
        {
            self.daily_limit = Some(setting);
        }
    }

    /// Two copies of the log (say, from two tabs), combined: the union of their reviews, and the
    /// later setting. Commutative and idempotent.
    pub fn merge(&self, other: &ReviewLog) -> ReviewLog {
        let mut merged = self.clone();
        for review in &other.reviews {
            merged.record(review.clone());
        }
        if let Some(theirs) = other.daily_limit {
            merged.set_daily_limit(theirs.value, theirs.at);
        }
        if merged.pack_id.is_empty() {
            merged.pack_id.clone_from(&other.pack_id);
        }
        merged
    }

    /// How many reviews fall on the local day of `now` (`day_of` maps a moment to a day number).
    pub fn reviewed_on(&self, now: Millis, day_of: &impl Fn(Millis) -> i64) -> usize {
        let today = day_of(now);
        self.reviews
            .iter()
            .filter(|r| day_of(r.at) == today)
            .count()
    }
}

/// The key of a card: the module (checks and scenarios) or track (final bank) that holds the
/// question, and its id.
pub fn card_key(scope: &str, question_id: &str) -> String {
    format!("{scope}/{question_id}")
}

/// A question the learner answered in a passed quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct CardSource<'a> {
    pub key: String,
    pub track: &'a str,
    pub question: &'a Question,
    /// The objectives the question tests.
    pub objectives: &'a [String],
    /// When it was first answered in a passed quiz, and whether right.
    pub learned_at: Millis,
    pub learned_correct: bool,
    /// The fingerprint of the question's source text now.
    pub fingerprint: String,
}

/// Every card of a learner in a pack: the questions of each passed check and scenario (all of
/// them), and the questions drawn in each passed final (when the attempt recorded them).
/// `fingerprints` maps `<scope>/<question id>` to the question's source fingerprint
/// ([`super::edition::source_fingerprints`]), the same in every language edition.
pub fn cards<'a>(
    pack: &'a Pack,
    progress: &Progress,
    fingerprints: &BTreeMap<String, String>,
) -> Vec<CardSource<'a>> {
    let mut out: BTreeMap<String, CardSource<'a>> = BTreeMap::new();
    let first_pass = |key: &str, pass_mark: u8| -> Option<&Attempt> {
        progress
            .attempts
            .get(key)?
            .iter()
            .find(|a| a.passes(pass_mark))
    };
    let mut add = |scope: &str, track: &'a str, question: &'a Question, attempt: &Attempt| {
        let key = card_key(scope, &question.id);
        let correct = attempt
            .answers
            .iter()
            .find(|a| a.question == question.id)
            .is_none_or(|a| a.correct);
        let fingerprint = fingerprints.get(&key).cloned().unwrap_or_default();
        out.entry(key.clone()).or_insert(CardSource {
            key,
            track,
            question,
            objectives: &question.objectives,
            learned_at: attempt.at,
            learned_correct: correct,
            fingerprint,
        });
    };
    for track in &pack.tracks {
        let pass_mark = track.certification.pass_mark;
        for module in &track.modules {
            if let Some(attempt) = first_pass(&check_key(&module.id), pass_mark) {
                for q in &module.check.questions {
                    add(&module.id, &track.id, q, attempt);
                }
            }
            for scenario in &module.scenarios {
                if let Some(attempt) = first_pass(&scenario_key(&scenario.id), pass_mark) {
                    for q in &scenario.questions {
                        add(&module.id, &track.id, q, attempt);
                    }
                }
            }
        }
        let passed = progress
            .attempts
            .get(&final_key(&track.id))
            .into_iter()
            .flatten()
            .filter(|a| a.passes(pass_mark));
        for attempt in passed {
            for answer in &attempt.answers {
                if let Some(q) = track
                    .certification
                    .bank
                    .iter()
                    .find(|q| q.id == answer.question)
                {
                    add(&track.id, &track.id, q, attempt);
                }
            }
        }
    }
    out.into_values().collect()
}

/// Where a card stands: FSRS's state rebuilt from its log.
#[derive(Debug, Clone, PartialEq)]
pub struct CardState {
    pub key: String,
    /// When it is next due (milliseconds since the epoch).
    pub due: Millis,
    /// FSRS stability, in days: the interval at which recall falls to 90 %.
    pub stability: f64,
    /// FSRS difficulty, 1–10.
    pub difficulty: f64,
    pub reps: i32,
    pub lapses: i32,
    pub last_review: Millis,
    /// Never retrieved since it was created or reset.
    pub is_new: bool,
}

/// FSRS with its default weights and a desired retention of 0.9, scheduling in whole days: the
/// passed quiz is the learning step, and reviews belong on later days, so the short-term (same-day)
/// steps are off.
fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        request_retention: 0.9,
        enable_short_term: false,
        ..Parameters::default()
    })
}

fn time(at: Millis) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(at).single().unwrap_or_default()
}

fn millis(at: DateTime<Utc>) -> Millis {
    at.timestamp_millis()
}

/// Rebuilds a card's state by replaying, in order, its first retrieval (the passed quiz) and
/// its reviews. Reviews of an earlier text of the question (another fingerprint) mean the question
/// changed: the card is reset, and only reviews of the current text count, without the first
/// retrieval (which was of the old text). A reset card with no review yet is new and due at once.
pub fn replay(card: &CardSource, reviews: &[&Review], now: Millis) -> CardState {
    let fsrs = scheduler();
    let mut mine: Vec<&Review> = reviews
        .iter()
        .copied()
        .filter(|r| r.card == card.key)
        .collect();
    mine.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    let changed = mine.iter().any(|r| r.fingerprint != card.fingerprint);
    let current: Vec<&Review> = mine
        .into_iter()
        .filter(|r| r.fingerprint == card.fingerprint)
        .collect();
    let mut events: Vec<(Millis, Rating)> = Vec::new();
    if !changed {
        let grade = if card.learned_correct {
            Grade::Good
        } else {
            Grade::Again
        };
        events.push((card.learned_at, grade.rating()));
    }
    events.extend(current.iter().map(|r| (r.at, r.grade.rating())));
    let Some((first, _)) = events.first().copied() else {
        return CardState {
            key: card.key.clone(),
            due: now,
            stability: 0.0,
            difficulty: 0.0,
            reps: 0,
            lapses: 0,
            last_review: now,
            is_new: true,
        };
    };
    let mut state = Card {
        due: time(first),
        last_review: time(first),
        ..Card::default()
    };
    for (at, rating) in events {
        state = fsrs.next(state, time(at), rating).card;
    }
    CardState {
        key: card.key.clone(),
        due: millis(state.due),
        stability: state.stability,
        difficulty: state.difficulty,
        reps: state.reps,
        lapses: state.lapses,
        last_review: millis(state.last_review),
        is_new: state.state == State::New,
    }
}

impl CardState {
    /// The probability of recalling the card at `now`, by FSRS's forgetting curve; 0 for a new card.
    pub fn retrievability(&self, now: Millis) -> f64 {
        if self.is_new || self.stability <= 0.0 {
            return 0.0;
        }
        let card = Card {
            stability: self.stability,
            last_review: time(self.last_review),
            state: State::Review,
            ..Card::default()
        };
        card.get_retrievability(time(now)).clamp(0.0, 1.0)
    }
}

/// Replays every card of a learner.
pub fn states(cards: &[CardSource], log: &ReviewLog, now: Millis) -> Vec<CardState> {
    let mut by_card: BTreeMap<&str, Vec<&Review>> = BTreeMap::new();
    for review in &log.reviews {
        by_card
            .entry(review.card.as_str())
            .or_default()
            .push(review);
    }
    cards
        .iter()
        .map(|card| {
            let reviews = by_card.get(card.key.as_str()).cloned().unwrap_or_default();
            replay(card, &reviews, now)
        })
        .collect()
}

/// Today's review plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// The cards to review now, most overdue first, within what is left of the daily limit.
    pub today: Vec<String>,
    /// Cards due by the end of today (local), whatever the limit.
    pub due_today: usize,
    /// Cards due by the end of the seventh day from today.
    pub due_this_week: usize,
    /// Cards retrieved at least once and not reset.
    pub learned: usize,
    /// Cards due on each of the next `days` local days, today first.
    pub calendar: Vec<usize>,
}

/// The plan for `now`: `day_of` maps a moment to a local day number (the caller applies the
/// learner's time zone for each moment); `limit` is the daily limit and `reviewed_today` the
/// reviews already done today.
pub fn plan(
    states: &[CardState],
    now: Millis,
    limit: u32,
    reviewed_today: usize,
    days: usize,
    day_of: &impl Fn(Millis) -> i64,
) -> Plan {
    let today = day_of(now);
    let mut due: Vec<&CardState> = states.iter().filter(|s| day_of(s.due) <= today).collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.key.cmp(&b.key)));
    let room = (limit as usize).saturating_sub(reviewed_today);
    let mut calendar = vec![0; days];
    for s in states {
        let day = (day_of(s.due) - today).max(0) as usize;
        if let Some(slot) = calendar.get_mut(day) {
            *slot += 1;
        }
    }
    Plan {
        today: due.iter().take(room).map(|s| s.key.clone()).collect(),
        due_today: due.len(),
        due_this_week: states.iter().filter(|s| day_of(s.due) <= today + 6).count(),
        learned: states.iter().filter(|s| !s.is_new).count(),
        calendar,
    }
}

/// Mean retrievability, now, of the cards that test each objective: the learner's recall per
/// objective. Objectives with no card are absent.
pub fn recall_by_objective(
    cards: &[CardSource],
    states: &[CardState],
    now: Millis,
) -> BTreeMap<String, f64> {
    let mut sums: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for (card, state) in cards.iter().zip(states) {
        let r = state.retrievability(now);
        for objective in card.objectives {
            let entry = sums.entry(objective.clone()).or_insert((0.0, 0));
            entry.0 += r;
            entry.1 += 1;
        }
    }
    sums.into_iter()
        .map(|(k, (sum, n))| (k, sum / n as f64))
        .collect()
}

/// Mean retrievability of a track's cards; `None` with no card.
pub fn recall_of_track(
    cards: &[CardSource],
    states: &[CardState],
    track: &str,
    now: Millis,
) -> Option<f64> {
    let values: Vec<f64> = cards
        .iter()
        .zip(states)
        .filter(|(c, _)| c.track == track)
        .map(|(_, s)| s.retrievability(now))
        .collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The questions of a review renewal: the track's due cards, most overdue first, at most
/// [`RENEWAL_SESSION_SIZE`]. `None` when the track does not allow renewal by review, or the
/// learner's recall for it is not above [`RENEWAL_RECALL`].
pub fn renewal_session(
    allowed: bool,
    recall: Option<f64>,
    cards: &[CardSource],
    states: &[CardState],
    track: &str,
    now: Millis,
) -> Option<Vec<String>> {
    if !allowed || recall.is_none_or(|r| r <= RENEWAL_RECALL) {
        return None;
    }
    let mut due: Vec<&CardState> = cards
        .iter()
        .zip(states)
        .filter(|(c, s)| c.track == track && s.due <= now)
        .map(|(_, s)| s)
        .collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.key.cmp(&b.key)));
    Some(
        due.into_iter()
            .take(RENEWAL_SESSION_SIZE)
            .map(|s| s.key.clone())
            .collect(),
    )
}

/// Cards whose question the pack no longer has: retired, and reported in the pack-change notice.
pub fn retired(log: &ReviewLog, cards: &[CardSource]) -> BTreeSet<String> {
    let live: BTreeSet<&str> = cards.iter().map(|c| c.key.as_str()).collect();
    log.reviews
        .iter()
        .filter(|r| !live.contains(r.card.as_str()))
        .map(|r| r.card.clone())
        .collect()
}

/// Milliseconds in a day, for callers that work in UTC days.
pub const fn day_ms() -> i64 {
    DAY_MS
}

#[cfg(test)]
mod tests;
