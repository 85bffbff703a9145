use super::*;
use crate::domain::pack::tests::EXAMPLE;

fn pack() -> Pack {
    Pack::from_json(EXAMPLE).unwrap()
}

fn attempt(id: &str, at: Millis, correct: u32, total: u32) -> Attempt {
    Attempt {
        id: id.into(),
        at,
        correct,
        total,
        answers: Vec::new(),
    }
}

const MODULE: &str = "checking-output";
const UNIT: &str = "checking-output-why";

#[test]
fn completing_a_unit_keeps_the_first_time() {
    let mut p = Progress::new(&pack());
    p.complete_unit(UNIT, 2_000);
    p.complete_unit(UNIT, 1_000);
    assert_eq!(p.units[UNIT], 2_000);
}

#[test]
fn best_attempt_table() {
    let cases: Vec<(Vec<Attempt>, Option<&str>)> = vec![
        (vec![], None),
        (vec![attempt("a", 1, 3, 5)], Some("a")),
        (
            vec![attempt("a", 1, 3, 5), attempt("b", 2, 5, 5)],
            Some("b"),
        ),
        (
            vec![attempt("a", 1, 5, 5), attempt("b", 2, 3, 5)],
            Some("a"),
        ),
        (
            vec![attempt("a", 1, 4, 5), attempt("b", 2, 4, 5)],
            Some("a"),
        ),
        (
            vec![attempt("a", 1, 4, 5), attempt("b", 2, 9, 10)],
            Some("b"),
        ),
    ];
    for (attempts, want) in cases {
        let mut p = Progress::default();
        for a in attempts.clone() {
            p.record_attempt("check:x", a);
        }
        assert_eq!(
            p.best("check:x").map(|a| a.id.as_str()),
            want,
            "{attempts:?}"
        );
    }
}

#[test]
fn two_tabs_merge_record_by_record() {
    let base = Progress::new(&pack());
    let mut tab_a = base.clone();
    let mut tab_b = base.clone();
    tab_a.complete_unit("unit-1", 100);
    tab_a.record_attempt("check:m", attempt("a1", 110, 3, 5));
    tab_a.move_to(Position {
        track: "t".into(),
        module: "m".into(),
        unit: "unit-1".into(),
        scroll: 0.5,
        at: 120,
    });
    tab_b.complete_unit("unit-2", 200);
    tab_b.complete_unit("unit-1", 50);
    tab_b.record_attempt("check:m", attempt("b1", 210, 5, 5));
    tab_b.record_attempt("check:m", attempt("a1", 110, 3, 5));

    for merged in [tab_a.merge(&tab_b), tab_b.merge(&tab_a)] {
        assert_eq!(merged.units.len(), 2);
        assert_eq!(merged.units["unit-1"], 50, "earliest completion wins");
        assert_eq!(
            merged.attempt_count("check:m"),
            2,
            "the shared attempt is kept once"
        );
        assert_eq!(merged.best("check:m").unwrap().id, "b1");
        assert_eq!(merged.position.as_ref().unwrap().unit, "unit-1");
    }
    assert_eq!(
        tab_a.merge(&tab_b),
        tab_b.merge(&tab_a),
        "merge is order independent"
    );
    assert_eq!(
        tab_a.merge(&tab_a),
        tab_a,
        "merging with itself changes nothing"
    );
}

#[test]
fn later_position_and_placement_win() {
    let mut a = Progress::default();
    let mut b = Progress::default();
    let at = |t: Millis, unit: &str| Position {
        track: "t".into(),
        module: "m".into(),
        unit: unit.into(),
        scroll: 0.0,
        at: t,
    };
    a.move_to(at(10, "new"));
    b.move_to(at(5, "old"));
    a.placement = Some(PlacementRecord {
        at: 1,
        track: "leadership".into(),
        known_modules: BTreeSet::new(),
    });
    b.placement = Some(PlacementRecord {
        at: 2,
        track: "technical".into(),
        known_modules: BTreeSet::new(),
    });
    let merged = a.merge(&b);
    assert_eq!(merged.position.unwrap().unit, "new");
    assert_eq!(merged.placement.unwrap().track, "technical");
}

#[test]
fn module_and_track_percentages() {
    let pack = pack();
    let track = &pack.tracks[0];
    let module = &track.modules[0];
    let scenario = &module.scenarios[0].id;
    let mut p = Progress::new(&pack);
    // One unit, the check and one scenario: three items.
    assert_eq!(p.module_percent(module, 80), 0);
    assert_eq!(p.minutes_remaining(track), 12);
    p.complete_unit(UNIT, 1);
    assert_eq!(p.module_percent(module, 80), 33);
    assert_eq!(p.minutes_remaining(track), 8);
    p.record_attempt(&check_key(MODULE), attempt("x", 2, 3, 5));
    assert!(
        !p.is_module_complete(module, 80),
        "60% is under the pass mark"
    );
    p.record_attempt(&check_key(MODULE), attempt("y", 3, 4, 5));
    assert!(
        !p.is_module_complete(module, 80),
        "the scenario is still to pass"
    );
    assert_eq!(p.module_percent(module, 80), 66);
    assert_eq!(
        p.minutes_remaining(track),
        8,
        "practice time stays until the scenario is passed"
    );
    p.record_attempt(&scenario_key(scenario), attempt("s", 4, 3, 5));
    assert!(
        !p.is_module_complete(module, 80),
        "3 of 5 is under the pass mark"
    );
    p.record_attempt(&scenario_key(scenario), attempt("s2", 5, 4, 5));
    assert!(p.is_module_complete(module, 80));
    assert_eq!(p.track_percent(track), 100);
    assert_eq!(p.minutes_remaining(track), 0);
}

/// A module completed under the rule before scenarios counted shows exactly what is new.
#[test]
fn what_a_module_still_needs() {
    let pack = pack();
    let module = &pack.tracks[0].modules[0];
    let scenario = module.scenarios[0].id.as_str();
    let mut p = Progress::new(&pack);
    let left = p.module_remaining(module, 80);
    assert_eq!(
        left,
        Remaining {
            units: vec![UNIT],
            check: true,
            scenarios: vec![scenario],
        }
    );
    assert_eq!(left.count(), 3);
    // Under the old rule this was a complete module: units read and check passed.
    p.complete_unit(UNIT, 1);
    p.record_attempt(&check_key(MODULE), attempt("c", 2, 5, 5));
    let left = p.module_remaining(module, 80);
    assert_eq!(
        left,
        Remaining {
            units: vec![],
            check: false,
            scenarios: vec![scenario],
        }
    );
    assert_eq!(left.count(), 1, "one scenario left");
    p.record_attempt(&scenario_key(scenario), attempt("s", 3, 5, 5));
    assert!(p.module_remaining(module, 80).is_empty());
}

#[test]
fn streaks_count_consecutive_local_days() {
    use crate::domain::calendar::FixedOffset;
    let day = 86_400_000;
    let now = 10 * day + 3_600_000; // 01:00 UTC on day 10
    let cases: Vec<(Vec<Millis>, i32, u32)> = vec![
        (vec![], 0, 0),
        (vec![now], 0, 1),
        (vec![now - day, now - 2 * day], 0, 2),
        (vec![now, now - day, now - 3 * day], 0, 2),
        (vec![now - 3 * day], 0, 0),
        // At UTC-120 minutes it is still day 9 locally, so "now" and "a day earlier" are days 9 and 8.
        (vec![now, now - day], -120, 2),
    ];
    for (times, offset, want) in cases {
        let mut p = Progress::default();
        for (n, t) in times.iter().enumerate() {
            p.complete_unit(&format!("u{n}"), *t);
        }
        assert_eq!(
            p.streak_days(now, &FixedOffset(offset)),
            want,
            "{times:?} at offset {offset}"
        );
    }
}

/// America/New_York around the 2026 spring-forward change (8 March, 07:00 UTC): EST before, EDT after.
fn new_york(at: Millis) -> i32 {
    let change = crate::domain::calendar::Date {
        year: 2026,
        month: 3,
        day: 8,
    }
    .to_millis()
        + 7 * 3_600_000;
    if at < change {
        -300
    } else {
        -240
    }
}

#[test]
fn streaks_place_each_day_with_its_own_offset_across_a_dst_change() {
    let hour = 3_600_000;
    let utc = |day: u32, h: i64, m: i64| {
        crate::domain::calendar::Date {
            year: 2026,
            month: 3,
            day,
        }
        .to_millis()
            + h * hour
            + m * 60_000
    };
    let late_on_7th = utc(8, 4, 30); // 23:30 EST on 7 March
    let noon_on_8th = utc(8, 16, 0); // 12:00 EDT on 8 March
    let ten_on_9th = utc(9, 14, 0); // 10:00 EDT on 9 March
    let cases: Vec<(&str, Vec<Millis>, u32)> = vec![
        (
            "7 and 9 March are not consecutive",
            vec![late_on_7th, ten_on_9th],
            1,
        ),
        (
            "7 and 8 March are, seen on the 9th",
            vec![late_on_7th, noon_on_8th],
            2,
        ),
        (
            "7, 8 and 9 March",
            vec![late_on_7th, noon_on_8th, ten_on_9th],
            3,
        ),
    ];
    for (name, times, want) in cases {
        let mut p = Progress::default();
        for (n, t) in times.iter().enumerate() {
            p.complete_unit(&format!("u{n}"), *t);
        }
        assert_eq!(p.streak_days(ten_on_9th + hour, &new_york), want, "{name}");
    }
}

#[test]
fn progress_on_removed_ids_is_reported_not_dropped() {
    let pack = pack();
    let mut p = Progress::new(&pack);
    p.complete_unit(UNIT, 1);
    p.complete_unit("renamed-unit", 2);
    p.record_attempt(&check_key(MODULE), attempt("a", 3, 5, 5));
    p.record_attempt(&check_key("old-module"), attempt("b", 4, 5, 5));
    let orphans = p.orphans(&pack);
    assert_eq!(orphans.units, vec!["renamed-unit"]);
    assert_eq!(orphans.quizzes, vec!["check:old-module"]);
    assert!(p.units.contains_key("renamed-unit"), "kept");
    assert!(Progress::new(&pack).orphans(&pack).is_empty());
}

#[test]
fn prerequisites_lock_until_complete() {
    let mut pack = pack();
    let mut second = pack.tracks[0].modules[0].clone();
    second.id = "second".into();
    second.prerequisites = vec![MODULE.into()];
    pack.tracks[0].modules.push(second.clone());
    let mut p = Progress::new(&pack);
    let missing: Vec<&str> = p
        .missing_prerequisites(&pack, &second)
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(missing, [MODULE]);
    p.complete_unit(UNIT, 1);
    p.record_attempt(&check_key(MODULE), attempt("a", 2, 5, 5));
    assert_eq!(
        p.missing_prerequisites(&pack, &second).len(),
        1,
        "its scenario is still to pass"
    );
    let scenario = &pack.tracks[0].modules[0].scenarios[0].id;
    p.record_attempt(&scenario_key(scenario), attempt("s", 2, 5, 5));
    assert!(p.missing_prerequisites(&pack, &second).is_empty());
    assert!(p
        .missing_prerequisites(&pack, &pack.tracks[0].modules[0])
        .is_empty());
}

#[test]
fn merge_keeps_the_newer_pack_version() {
    let versioned = |v: &str| Progress {
        pack_version: v.into(),
        ..Progress::default()
    };
    let cases = [
        ("1.0.0", "1.2.0", "1.2.0"),
        ("2.0.0", "1.9.9", "2.0.0"),
        ("", "1.0.0", "1.0.0"),
        ("1.0.0", "", "1.0.0"),
    ];
    for (a, b, want) in cases {
        assert_eq!(
            versioned(a).merge(&versioned(b)).pack_version,
            want,
            "{a} + {b}"
        );
        assert_eq!(
            versioned(b).merge(&versioned(a)).pack_version,
            want,
            "{b} + {a}"
        );
    }
}

/// A track "basics" of two modules, "m1" (units a, b) and "m2" (units c, d), from the example pack.
fn two_modules() -> Pack {
    let mut pack = pack();
    let track = &mut pack.tracks[0];
    let template = track.modules[0].clone();
    let unit = template.units[0].clone();
    track.modules = ["m1", "m2"]
        .iter()
        .zip([["a", "b"], ["c", "d"]])
        .map(|(id, units)| {
            let mut module = template.clone();
            module.id = (*id).into();
            module.units = units
                .iter()
                .map(|u| {
                    let mut unit = unit.clone();
                    unit.id = (*u).into();
                    unit
                })
                .collect();
            module
        })
        .collect();
    pack
}

fn at(module: &str, unit: &str) -> Option<Position> {
    Some(Position {
        track: "basics".into(),
        module: module.into(),
        unit: unit.into(),
        scroll: 0.4,
        at: 1,
    })
}

/// A case of [`resume_target_table`]: the saved position, the units complete, and the expected
/// (module, unit, at_position).
type ResumeCase = (
    Option<Position>,
    Vec<&'static str>,
    Option<(&'static str, &'static str, bool)>,
);

#[test]
fn resume_target_table() {
    let pack = two_modules();
    let cases: Vec<ResumeCase> = vec![
        (None, vec![], None),
        (at("m1", "a"), vec![], Some(("m1", "a", true))),
        (at("m1", "a"), vec!["b"], Some(("m1", "a", true))),
        (at("m1", "a"), vec!["a"], Some(("m1", "b", false))),
        (at("m1", "b"), vec!["a", "b"], Some(("m2", "c", false))),
        (at("m1", "b"), vec!["a", "b", "c"], Some(("m2", "d", false))),
        // Units skipped earlier in the track come round once the rest are done.
        (at("m2", "d"), vec!["b", "c", "d"], Some(("m1", "a", false))),
        (at("m2", "c"), vec!["a", "b", "c", "d"], None),
        // A position this pack does not have leads nowhere.
        (at("m1", "gone"), vec![], None),
        (at("m2", "a"), vec![], None),
    ];
    for (position, done, want) in cases {
        let mut p = Progress::new(&pack);
        p.position = position.clone();
        for unit in &done {
            p.complete_unit(unit, 5);
        }
        let got = resume_target(&pack, &p);
        assert_eq!(
            got.as_ref()
                .map(|r| (r.module.as_str(), r.unit.as_str(), r.at_position)),
            want,
            "{position:?} with {done:?} complete"
        );
        if let Some(r) = got {
            assert_eq!(r.track, "basics");
        }
    }
}

#[test]
fn reading_start_table() {
    let pack = two_modules();
    let module = &pack.tracks[0].modules[0];
    let cases: Vec<(Vec<&str>, ReadingStart)> = vec![
        (vec![], ReadingStart::Start("a")),
        (vec!["a"], ReadingStart::Continue("b")),
        (vec!["b"], ReadingStart::Start("a")),
        (vec!["a", "b"], ReadingStart::Again("a")),
        // Another module's units do not count.
        (vec!["c", "d"], ReadingStart::Start("a")),
    ];
    for (done, want) in cases {
        let mut p = Progress::new(&pack);
        for unit in &done {
            p.complete_unit(unit, 5);
        }
        assert_eq!(reading_start(module, &p), Some(want), "{done:?} complete");
    }
    let mut empty = module.clone();
    empty.units.clear();
    assert_eq!(reading_start(&empty, &Progress::new(&pack)), None);
}
