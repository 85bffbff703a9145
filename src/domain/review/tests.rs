use super::*;
use crate::domain::pack::tests::EXAMPLE;
use crate::domain::progress::{check_key, Answer};

const DAY: i64 = 86_400_000;
/// Midnight UTC, 1 December 2026: a fixed clock.
const T0: Millis = 1_796_083_200_000;

fn utc_day(at: Millis) -> i64 {
    at.div_euclid(DAY)
}

fn pack() -> Pack {
    Pack::from_json(EXAMPLE).unwrap()
}

fn passed(pack: &Pack, at: Millis) -> Progress {
    let module = &pack.tracks[0].modules[0];
    let mut p = Progress::new(pack);
    p.record_attempt(
        &check_key(&module.id),
        Attempt {
            id: "c1".into(),
            at,
            correct: 5,
            total: 5,
            answers: module
                .check
                .questions
                .iter()
                .map(|q| Answer {
                    question: q.id.clone(),
                    correct: q.id != "q2",
                })
                .collect(),
        },
    );
    p
}

fn review(id: &str, card: &str, at: Millis, grade: Grade, fingerprint: &str) -> Review {
    Review {
        id: id.into(),
        card: card.into(),
        at,
        grade,
        fingerprint: fingerprint.into(),
    }
}

fn fingerprints(pack: &Pack) -> BTreeMap<String, String> {
    crate::domain::edition::source_fingerprints(pack)
}

#[test]
fn a_passed_check_turns_its_questions_into_cards() {
    let pack = pack();
    assert!(cards(&pack, &Progress::new(&pack), &fingerprints(&pack)).is_empty());
    let progress = passed(&pack, T0);
    let cards = cards(&pack, &progress, &fingerprints(&pack));
    let keys: Vec<&str> = cards.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "checking-output/q1",
            "checking-output/q2",
            "checking-output/q3",
            "checking-output/q4",
            "checking-output/q5"
        ]
    );
    assert!(cards.iter().all(|c| c.learned_at == T0));
    assert!(
        !cards[1].learned_correct,
        "q2 was answered wrong in the passing attempt"
    );
    assert!(cards.iter().all(|c| !c.fingerprint.is_empty()));
}

#[test]
fn grades_follow_the_answer_and_i_guessed() {
    let cases = [
        (true, false, Grade::Good),
        (true, true, Grade::Hard),
        (false, false, Grade::Again),
        (false, true, Grade::Again),
    ];
    for (correct, guessed, want) in cases {
        assert_eq!(Grade::of(correct, guessed), want, "{correct} {guessed}");
    }
}

/// Intervals grow after Good and shrink after Again.
#[test]
fn replay_grows_intervals_after_good_and_shrinks_them_after_again() {
    let pack = pack();
    let progress = passed(&pack, T0);
    let cards = cards(&pack, &progress, &fingerprints(&pack));
    let card = &cards[0];
    let fp = card.fingerprint.clone();
    let first = replay(card, &[], T0);
    assert!(first.due > T0, "a learned card is due later");
    let interval = |s: &CardState| s.due - s.last_review;
    let mut log = vec![review("r1", &card.key, first.due, Grade::Good, &fp)];
    fn refs(log: &[Review]) -> Vec<&Review> {
        log.iter().collect()
    }
    let second = replay(card, &refs(&log), first.due);
    assert!(
        interval(&second) > interval(&first),
        "Good lengthens the interval"
    );
    log.push(review("r2", &card.key, second.due, Grade::Good, &fp));
    let third = replay(card, &refs(&log), second.due);
    assert!(interval(&third) > interval(&second));
    log.push(review("r3", &card.key, third.due, Grade::Again, &fp));
    let lapsed = replay(card, &refs(&log), third.due);
    assert!(interval(&lapsed) < interval(&third), "Again shortens it");
    assert_eq!(lapsed.lapses, 1);
    // Hard sits between Again and Good.
    let mut hard = log[..2].to_vec();
    hard.push(review("r3h", &card.key, third.due, Grade::Hard, &fp));
    let hard = replay(card, &refs(&hard), third.due);
    assert!(interval(&lapsed) < interval(&hard));
}

/// Replaying the union of two tabs' logs gives the same state whatever order they merge in.
#[test]
fn merged_logs_replay_the_same_in_any_order() {
    let pack = pack();
    let progress = passed(&pack, T0);
    let cards = cards(&pack, &progress, &fingerprints(&pack));
    let fp = |i: usize| cards[i].fingerprint.clone();
    let mut a = ReviewLog::new("tiny-demo");
    let mut b = ReviewLog::new("tiny-demo");
    a.record(review(
        "a1",
        &cards[0].key,
        T0 + 2 * DAY,
        Grade::Good,
        &fp(0),
    ));
    a.record(review(
        "a2",
        &cards[1].key,
        T0 + 2 * DAY + 5,
        Grade::Again,
        &fp(1),
    ));
    b.record(review(
        "b1",
        &cards[0].key,
        T0 + 9 * DAY,
        Grade::Hard,
        &fp(0),
    ));
    b.record(review(
        "a1",
        &cards[0].key,
        T0 + 2 * DAY,
        Grade::Good,
        &fp(0),
    ));
    b.set_daily_limit(10, T0 + DAY);
    a.set_daily_limit(30, T0 + 2 * DAY);
    let ab = a.merge(&b);
    let ba = b.merge(&a);
    assert_eq!(ab, ba, "commutative");
    assert_eq!(ab.merge(&ab), ab, "idempotent");
    assert_eq!(ab.reviews.len(), 3);
    assert_eq!(ab.daily_limit(), 30, "the later setting wins");
    let now = T0 + 20 * DAY;
    assert_eq!(states(&cards, &ab, now), states(&cards, &ba, now));
}

/// A card whose question changed in a new pack version is reset; one whose question was removed
/// is retired.
#[test]
fn changed_questions_reset_and_removed_ones_retire() {
    let pack = pack();
    let progress = passed(&pack, T0);
    let before = cards(&pack, &progress, &fingerprints(&pack));
    let mut log = ReviewLog::new("tiny-demo");
    log.record(review(
        "r1",
        &before[0].key,
        T0 + 3 * DAY,
        Grade::Good,
        &before[0].fingerprint,
    ));
    let reviewed = states(&before, &log, T0 + 4 * DAY);
    assert!(!reviewed[0].is_new);

    let mut next = pack.clone();
    next.tracks[0].modules[0].check.questions[0].prompt = "A reworded question?".into();
    next.tracks[0].modules[0].check.questions.remove(4);
    let after = cards(&next, &progress, &fingerprints(&next));
    let reset = states(&after, &log, T0 + 4 * DAY);
    assert!(
        reset[0].is_new,
        "its question changed: the card starts again"
    );
    assert_eq!(reset[0].due, T0 + 4 * DAY, "and is due at once");
    assert!(!reset[1].is_new, "an unchanged question keeps its schedule");

    let mut removed_log = log.clone();
    removed_log.record(review(
        "r2",
        "checking-output/q5",
        T0 + 3 * DAY,
        Grade::Good,
        "x",
    ));
    assert_eq!(
        retired(&removed_log, &after),
        BTreeSet::from(["checking-output/q5".to_owned()])
    );
}

#[test]
fn the_plan_respects_the_daily_limit_and_its_setting() {
    let pack = pack();
    let progress = passed(&pack, T0);
    let cards = cards(&pack, &progress, &fingerprints(&pack));
    let log = ReviewLog::new("tiny-demo");
    let later = T0 + 60 * DAY;
    let states = states(&cards, &log, later);
    let day = |at| utc_day(at);
    let plan_with = |limit, done| plan(&states, later, limit, done, 14, &day);
    assert_eq!(
        plan_with(20, 0).today.len(),
        5,
        "all five are due after two months"
    );
    assert_eq!(plan_with(20, 0).due_today, 5);
    assert_eq!(plan_with(3, 0).today.len(), 3, "the limit caps a day");
    assert_eq!(plan_with(3, 2).today.len(), 1, "reviews done today count");
    assert_eq!(plan_with(3, 5).today.len(), 0);
    assert_eq!(plan_with(20, 0).learned, 5);
    let early = plan(&states, T0, 20, 0, 14, &day);
    assert!(
        early.today.is_empty(),
        "nothing is due on the day of the check"
    );
    assert_eq!(early.calendar.len(), 14);
    assert_eq!(
        early.calendar.iter().sum::<usize>(),
        early.due_this_week.max(early.calendar.iter().sum())
    );
    let mut log = ReviewLog::new("tiny-demo");
    assert_eq!(log.daily_limit(), DEFAULT_DAILY_LIMIT);
    log.set_daily_limit(0, T0);
    assert_eq!(log.daily_limit(), 1, "at least one a day");
}

#[test]
fn recall_per_objective_and_track() {
    let mut pack = pack();
    let module = &mut pack.tracks[0].modules[0];
    module.check.questions[0].objectives = vec!["checking-output-o1".into()];
    module.check.questions[1].objectives =
        vec!["checking-output-o1".into(), "checking-output-o2".into()];
    let progress = passed(&pack, T0);
    let cards = cards(&pack, &progress, &fingerprints(&pack));
    let log = ReviewLog::new("tiny-demo");
    let now = T0 + DAY;
    let states = states(&cards, &log, now);
    let recall = recall_by_objective(&cards, &states, now);
    assert_eq!(recall.len(), 2);
    let o1 = recall["checking-output-o1"];
    assert!(o1 > 0.0 && o1 < 1.0, "{o1}");
    let track = recall_of_track(&cards, &states, "basics", now).unwrap();
    assert!(track > 0.5, "a day after learning, recall is high: {track}");
    let much_later = recall_of_track(&cards, &states, "basics", now + 365 * DAY).unwrap();
    assert!(much_later < track, "recall decays");
    assert_eq!(recall_of_track(&cards, &states, "other", now), None);
}

#[test]
fn renewal_by_review_needs_the_rule_and_high_recall() {
    let pack = pack();
    let progress = passed(&pack, T0);
    let cards = cards(&pack, &progress, &fingerprints(&pack));
    let log = ReviewLog::new("tiny-demo");
    let now = T0 + 60 * DAY;
    let states = states(&cards, &log, now);
    let cases = [
        (false, Some(0.95), false),
        (true, Some(0.95), true),
        (true, Some(0.9), false),
        (true, None, false),
    ];
    for (allowed, recall, want) in cases {
        let session = renewal_session(allowed, recall, &cards, &states, "basics", now);
        assert_eq!(session.is_some(), want, "{allowed} {recall:?}");
        if let Some(keys) = session {
            assert_eq!(keys.len(), 5);
        }
    }
}

/// The first retrieval of a card answered wrong in its passing attempt is `Again`, so it comes
/// back sooner than one answered right.
#[test]
fn a_question_missed_in_the_passing_attempt_comes_back_sooner() {
    let pack = pack();
    let progress = passed(&pack, T0);
    let cards = cards(&pack, &progress, &fingerprints(&pack));
    let states = states(&cards, &ReviewLog::new("tiny-demo"), T0);
    assert!(states[1].due < states[0].due);
}
