use super::*;
use crate::domain::calendar::{FixedOffset, UTC};
use crate::domain::pack::Pack;
use crate::domain::report::{CertificateReport, ModuleReport, TrackReport, REPORT_FORMAT};

const DAY: i64 = DAY_MS;
const NOW: i64 = 20_000 * DAY;
/// An importer's clock far ahead of every report, so none counts as dated in the future.
const LATER: i64 = i64::MAX / 4;

fn pack() -> Pack {
    Pack::from_json(include_str!("../../../public/packs/fluency-core.json")).unwrap()
}

/// A report for `key` with the first `done` modules of the pack complete (score 90) and the
/// module after them tried (score 40).
fn report(pack: &Pack, key: &str, name: &str, done: usize, produced_at: Millis) -> Report {
    let ids: Vec<&str> = pack
        .tracks
        .iter()
        .flat_map(|t| t.modules.iter().map(|m| m.id.as_str()))
        .collect();
    let modules = ids
        .iter()
        .enumerate()
        .map(|(i, id)| ModuleReport {
            id: (*id).to_owned(),
            completed_at: (i < done).then_some(produced_at - DAY),
            best: match i.cmp(&done) {
                Ordering::Less => Some(90),
                Ordering::Equal => Some(40),
                Ordering::Greater => None,
            },
        })
        .collect();
    let tracks = pack
        .tracks
        .iter()
        .map(|t| {
            let finished = t
                .modules
                .iter()
                .filter(|m| {
                    ids.iter()
                        .position(|id| *id == m.id)
                        .is_some_and(|i| i < done)
                })
                .count();
            TrackReport {
                id: t.id.clone(),
                percent: (finished * 100 / t.modules.len()) as u8,
                complete: finished == t.modules.len(),
            }
        })
        .collect();
    Report {
        format: REPORT_FORMAT,
        learner: key.into(),
        name: name.into(),
        team: Some("Ops".into()),
        email: None,
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        pack_hash: pack.content_hash(),
        produced_at,
        last_activity: (done > 0).then_some(produced_at - DAY),
        modules,
        tracks,
        certificates: vec![],
    }
}

#[test]
fn deduplication_keeps_the_newest_report_per_key() {
    let pack = pack();
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, LATER);
    let cases = [
        ("did:a", 3, 100 * DAY, Outcome::Added),
        ("did:a", 3, 100 * DAY, Outcome::Duplicate),
        ("did:a", 5, 101 * DAY, Outcome::Replaced),
        ("did:a", 1, 99 * DAY, Outcome::Older),
        ("did:b", 0, 50 * DAY, Outcome::Added),
    ];
    for (key, done, at, want) in cases {
        let name = if key == "did:a" { "Ana" } else { "Ben" };
        let got = importer.import(&report(&pack, key, name, done, at));
        assert_eq!(got.outcome, want, "{key} {done} {at}");
        assert!(!got.name_clash);
    }
    assert_eq!(team.members.len(), 2);
    assert_eq!(team.members["did:a"].produced_at, 101 * DAY);
    assert_eq!(
        team.members["did:a"]
            .done
            .iter()
            .filter(|d| **d > 0)
            .count(),
        5
    );
}

#[test]
fn trust_on_first_use_warns_when_a_known_name_has_another_key() {
    let pack = pack();
    let mut team = Team::default();
    Importer::new(&mut team, LATER).import(&report(&pack, "did:a", "Ana  Lima", 1, DAY));
    // A later batch: the index is rebuilt from what is stored.
    let mut importer = Importer::new(&mut team, LATER);
    let cases = [
        ("did:a", "Ana Lima", false),
        ("did:x", "ana lima", true),
        ("did:y", "Ana Lima ", true),
        ("did:z", "Someone Else", false),
    ];
    for (key, name, clash) in cases {
        let got = importer.import(&report(&pack, key, name, 1, 2 * DAY));
        assert_eq!(got.name_clash, clash, "{key} {name}");
    }
    // The warning does not block the import: the manager decides.
    assert_eq!(team.members.len(), 4);
    // Once the first holder is removed, the name is free again.
    team.remove("did:a");
    team.remove("did:x");
    team.remove("did:y");
    let got =
        Importer::new(&mut team, LATER).import(&report(&pack, "did:w", "Ana Lima", 1, 3 * DAY));
    assert!(!got.name_clash);
}

#[test]
fn rows_and_aggregates_are_right() {
    let pack = pack();
    let first = &pack.tracks[0];
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, LATER);
    let n = first.modules.len();
    importer.import(&report(&pack, "did:a", "Ana", n, NOW - 2 * DAY));
    importer.import(&report(&pack, "did:b", "Ben", 1, NOW - 3 * DAY));
    let mut certified = report(&pack, "did:c", "Cai", n, NOW - DAY);
    certified.certificates = vec![
        CertificateReport {
            id: "old".into(),
            track_id: first.id.clone(),
            issued_at: NOW - 800 * DAY,
            expires_at: NOW - 70 * DAY,
        },
        CertificateReport {
            id: "new".into(),
            track_id: first.id.clone(),
            issued_at: NOW - DAY,
            expires_at: NOW + 700 * DAY,
        },
    ];
    importer.import(&certified);
    importer.import(&report(&pack, "did:d", "Dee", 0, NOW - 9 * DAY));

    let rows = team.rows(&pack, NOW, &UTC);
    assert_eq!(rows.len(), 4 * pack.tracks.len());
    let row = |key: &str, track: usize| {
        rows.iter()
            .find(|r| r.key == key && r.track == track)
            .unwrap()
    };
    assert_eq!(
        (
            row("did:a", 0).done,
            row("did:a", 0).total,
            row("did:a", 0).percent
        ),
        (n, n, 100)
    );
    assert_eq!(
        (row("did:b", 0).done, row("did:b", 0).percent),
        (1, (100 / n) as u8)
    );
    assert_eq!(row("did:c", 0).cert, CertStatus::Valid);
    assert_eq!(row("did:a", 0).cert, CertStatus::None);
    assert_eq!(row("did:d", 0).last_activity, None);
    assert_eq!(row("did:a", 0).last_activity, Some(NOW - 3 * DAY));

    let summaries = team.track_summaries(&pack, &rows);
    let s = &summaries[0];
    assert_eq!((s.learners, s.certified), (4, 1));
    assert_eq!(
        s.buckets,
        [1, 1, 0, 0, 0, 2],
        "0%, {}%, 100%, 100%",
        100 / n
    );
    assert_eq!(summaries[1].buckets[0] + summaries[1].buckets[1], 4);

    let stats = team.module_stats(&pack);
    assert_eq!(stats.len(), pack.module_count());
    assert_eq!(
        (stats[0].completed, stats[0].learners, stats[0].percent()),
        (3, 4, 75)
    );
    assert_eq!(stats[0].average_best, Some(78), "(90 × 3 + 40) / 4 rounded");
    assert_eq!(stats[n].completed, 0);
    assert_eq!(
        stats[n].average_best,
        Some(40),
        "Ana and Cai tried the next module"
    );
    assert_eq!(stats[n + 1].average_best, None);
}

#[test]
fn certificate_status_table() {
    let cases = [
        (0, CertStatus::None),
        (NOW + 400 * DAY, CertStatus::Valid),
        (NOW + 30 * DAY, CertStatus::ExpiringSoon),
        (NOW + DAY, CertStatus::ExpiringSoon),
        (NOW, CertStatus::Expired),
        (NOW - 5 * DAY, CertStatus::Expired),
    ];
    for (expires, want) in cases {
        assert_eq!(cert_status(expires, NOW), want, "{expires}");
    }
}

#[test]
fn due_dates_raise_overdue_flags_after_the_due_day() {
    let pack = pack();
    let track = pack.tracks[0].id.clone();
    let mut team = Team::default();
    team.set_due(&track, Some(NOW + 5 * 3_600_000));
    assert_eq!(team.due[&track], NOW, "kept as the day's midnight");
    let cases = [
        (50, NOW, false, "on the day"),
        (50, NOW + DAY - 1, false, "last moment of the day"),
        (50, NOW + DAY, true, "the day after"),
        (100, NOW + 9 * DAY, false, "complete"),
        (0, NOW + 9 * DAY, true, "not started"),
    ];
    for (percent, now, want, name) in cases {
        assert_eq!(team.is_overdue(&track, percent, now, &UTC), want, "{name}");
    }
    assert!(
        !team.is_overdue(&pack.tracks[1].id, 0, NOW + 9 * DAY, &UTC),
        "no due date"
    );

    Importer::new(&mut team, LATER).import(&report(&pack, "did:a", "Ana", 1, NOW));
    let rows = team.rows(&pack, NOW + 2 * DAY, &UTC);
    assert!(rows[0].overdue);
    assert_eq!(team.track_summaries(&pack, &rows)[0].overdue, 1);
    team.set_due(&track, None);
    assert!(!team.rows(&pack, NOW + 2 * DAY, &UTC)[0].overdue);
}

#[test]
fn filters_search_and_sorting() {
    let pack = pack();
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, LATER);
    let mut zoe = report(&pack, "did:z", "Zoë Ng", 2, NOW);
    zoe.team = Some("Sales".into());
    zoe.email = Some("zoe@example.org".into());
    importer.import(&zoe);
    importer.import(&report(&pack, "did:a", "adam Smith", 5, NOW));
    importer.import(&report(&pack, "did:m", "张伟", 0, NOW));
    let rows = team.rows(&pack, NOW, &UTC);
    let count = |filter: Filter| rows.iter().filter(|r| filter.matches(r)).count();
    let tracks = pack.tracks.len();
    assert_eq!(count(Filter::default()), 3 * tracks);
    assert_eq!(
        count(Filter {
            track: Some(0),
            ..Filter::default()
        }),
        3
    );
    assert_eq!(
        count(Filter {
            team: "Sales".into(),
            ..Filter::default()
        }),
        tracks
    );
    assert_eq!(
        count(Filter {
            search: "EXAMPLE.org".into(),
            ..Filter::default()
        }),
        tracks
    );
    assert_eq!(
        count(Filter {
            search: "张".into(),
            track: Some(0),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            cert: Some(CertStatus::Valid),
            ..Filter::default()
        }),
        0
    );
    assert_eq!(
        team.team_names(),
        vec!["Ops".to_owned(), "Sales".to_owned()]
    );

    let mut first_track: Vec<Row> = rows.iter().filter(|r| r.track == 0).cloned().collect();
    sort_rows(&mut first_track, SortKey::Name, true);
    let names: Vec<&str> = first_track.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["adam Smith", "Zoë Ng", "张伟"], "case-insensitive");
    sort_rows(&mut first_track, SortKey::Percent, false);
    assert_eq!(first_track[0].name, "adam Smith");
    assert_eq!(first_track[2].name, "张伟");
}

#[test]
fn remove_one_or_all_and_undo() {
    let pack = pack();
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, LATER);
    importer.import(&report(&pack, "did:a", "Ana", 1, NOW));
    importer.import(&report(&pack, "did:b", "Ben", 1, NOW));
    team.set_due("foundation", Some(NOW));
    let before = team.clone();
    let removed = team.remove("did:a").unwrap();
    assert_eq!(team.members.len(), 1);
    team.restore(vec![removed]);
    assert_eq!(team, before);

    let all = team.remove_all();
    assert!(team.members.is_empty());
    assert_eq!(team.due.len(), 1, "due dates stay");
    // A newer report that arrived meanwhile wins over the undo.
    Importer::new(&mut team, LATER).import(&report(&pack, "did:b", "Ben", 4, NOW + DAY));
    team.restore(all);
    assert_eq!(team.members.len(), 2);
    assert_eq!(team.members["did:b"].produced_at, NOW + DAY);
}

#[test]
fn csv_quotes_per_rfc_4180() {
    let lines = vec![
        vec!["Name".to_owned(), "Team".to_owned()],
        vec!["Okafor, Amara".to_owned(), "say \"hi\"".to_owned()],
        vec!["two\nlines".to_owned(), "cr\rhere".to_owned()],
        vec!["张伟".to_owned(), "".to_owned()],
        vec!["Zoë".to_owned(), " plain ".to_owned()],
    ];
    let csv = to_csv(&lines);
    assert_eq!(
        csv,
        "\u{feff}Name,Team\r\n\"Okafor, Amara\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"cr\rhere\"\r\n张伟,\r\nZoë, plain \r\n"
    );
    assert!(csv.as_bytes().starts_with(&[0xef, 0xbb, 0xbf]));
}

#[test]
fn csv_cells_that_look_like_formulas_stay_text() {
    let cases = [
        (
            "=HYPERLINK(\"http://x\")",
            "\"'=HYPERLINK(\"\"http://x\"\")\"",
        ),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Ana = Ana", "Ana = Ana"),
        ("2026-11-23", "2026-11-23"),
    ];
    for (cell, want) in cases {
        let csv = to_csv(&[vec![cell.to_owned()]]);
        assert_eq!(csv, format!("\u{feff}{want}\r\n"), "{cell}");
    }
}

#[test]
fn ten_thousand_learners_stay_compact() {
    let pack = pack();
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, LATER);
    let templates: Vec<Report> = (0..20)
        .map(|done| report(&pack, "", "", done, NOW))
        .collect();
    for i in 0..10_000 {
        let mut r = templates[i % 20].clone();
        r.learner = format!("did:key:z6Mk{i:044}");
        r.name = format!("Learner {i}");
        r.email = Some(format!("learner{i}@example.org"));
        importer.import(&r);
    }
    let stored = crate::domain::schema::encode(&team);
    // Browsers give an origin about 5 million characters of local storage.
    assert!(stored.len() < 4_000_000, "{} characters", stored.len());
    let decoded = crate::domain::schema::decode::<Team>(&stored)
        .unwrap()
        .value;
    assert_eq!(decoded, team);
}

#[test]
fn due_date_inputs_parse() {
    let cases = [
        (
            "2026-11-30",
            Some(
                Date {
                    year: 2026,
                    month: 11,
                    day: 30,
                }
                .to_millis(),
            ),
        ),
        (
            "2024-02-29",
            Some(
                Date {
                    year: 2024,
                    month: 2,
                    day: 29,
                }
                .to_millis(),
            ),
        ),
        ("2026-02-29", None),
        ("2026-13-01", None),
        ("", None),
        ("soon", None),
    ];
    for (text, want) in cases {
        assert_eq!(parse_day(text), want, "{text:?}");
    }
}

#[test]
fn look_alike_names_are_one_name_for_the_clash_check_and_search() {
    let pack = pack();
    let mut team = Team::default();
    let composed = "José Núñez";
    let decomposed = "Jose\u{301} Nu\u{301}n\u{303}ez";
    let cases = [
        ("did:nfd", decomposed, false),
        ("did:nfc", composed, true),
        ("did:bidi", "José Núñez\u{202E}", true),
        ("did:zwsp", "José\u{200B} Núñez", true),
        ("did:nbsp", "JOSÉ\u{00A0}NÚÑEZ", true),
        ("did:other", "Josefa Núñez", false),
    ];
    let mut importer = Importer::new(&mut team, LATER);
    for (key, name, clash) in cases {
        let got = importer.import(&report(&pack, key, name, 1, 2 * DAY));
        assert_eq!(got.name_clash, clash, "{key} {name:?}");
    }
    let rows = team.rows(&pack, NOW, &UTC);
    let found = |search: &str| {
        Filter {
            search: search.into(),
            track: Some(0),
            ..Filter::default()
        }
        .apply(&rows)
        .len()
    };
    // Every spelling of the query finds all five encodings of the name (not Josefa).
    for query in [composed, decomposed, "jose\u{301} n", "JOSÉ\u{200B} NÚ"] {
        assert_eq!(found(query), 5, "{query:?}");
    }
    assert_eq!(found("josé"), 5);
    assert_eq!(found("NU\u{301}N\u{303}EZ"), 6, "Josefa Núñez too");
    assert_eq!(found("jos"), 6);
    assert_eq!(found("\u{200B}"), 6, "an invisible query is no query");
}

#[test]
fn overdue_ends_at_the_managers_local_midnight() {
    use crate::domain::calendar::Date;
    let pack = pack();
    let track = pack.tracks[0].id.clone();
    let mut team = Team::default();
    let due = Date {
        year: 2026,
        month: 12,
        day: 15,
    };
    team.set_due(&track, parse_day(&due.iso()));
    let utc = |day: u32, hour: i64| {
        Date {
            year: 2026,
            month: 12,
            day,
        }
        .to_millis()
            + hour * 3_600_000
    };
    let los_angeles = FixedOffset(-480); // PST in December
    let new_york = FixedOffset(-300);
    let amsterdam = FixedOffset(60);
    let auckland = FixedOffset(780); // NZDT in December
    let cases = [
        (
            "17:00 on the 15th in Los Angeles",
            utc(16, 1),
            los_angeles,
            false,
        ),
        (
            "23:59 on the 15th in Los Angeles",
            utc(16, 7) + 59 * 60_000,
            los_angeles,
            false,
        ),
        (
            "00:00 on the 16th in Los Angeles",
            utc(16, 8),
            los_angeles,
            true,
        ),
        ("23:00 on the 15th in New York", utc(16, 4), new_york, false),
        (
            "00:30 on the 16th in Amsterdam",
            utc(15, 23) + 30 * 60_000,
            amsterdam,
            true,
        ),
        ("noon on the 16th in Auckland", utc(15, 23), auckland, true),
        ("noon on the 15th in Auckland", utc(14, 23), auckland, false),
        ("UTC midnight", utc(16, 0), FixedOffset(0), true),
    ];
    for (name, now, zone, want) in cases {
        assert_eq!(team.is_overdue(&track, 50, now, &zone), want, "{name}");
    }
    Importer::new(&mut team, LATER).import(&report(&pack, "did:a", "Ana", 1, utc(1, 0)));
    assert!(!team.rows(&pack, utc(16, 1), &los_angeles)[0].overdue);
    assert!(team.rows(&pack, utc(15, 23), &auckland)[0].overdue);
}

#[test]
fn a_report_from_the_future_is_flagged_and_never_blocks_genuine_ones() {
    let pack = pack();
    let mut team = Team::default();
    let year = 365 * DAY;
    fn at(team: &mut Team, now: Millis, r: Report) -> Imported {
        Importer::new(team, now).import(&r)
    }
    let future = at(&mut team, NOW, report(&pack, "did:a", "Ana", 2, NOW + year));
    assert_eq!((future.outcome, future.future), (Outcome::Added, true));
    // Today's genuine report replaces it, and so does every later one.
    let today = at(
        &mut team,
        NOW + DAY,
        report(&pack, "did:a", "Ana", 3, NOW + DAY),
    );
    assert_eq!((today.outcome, today.future), (Outcome::Replaced, false));
    assert_eq!(team.members["did:a"].produced_at, NOW + DAY);
    let later = at(
        &mut team,
        NOW + 2 * DAY,
        report(&pack, "did:a", "Ana", 4, NOW + 2 * DAY),
    );
    assert_eq!(later.outcome, Outcome::Replaced);
    // Within the clock-skew allowance nothing is flagged.
    let skewed = at(
        &mut team,
        NOW + 3 * DAY,
        report(&pack, "did:a", "Ana", 4, NOW + 3 * DAY + CLOCK_SKEW_MS),
    );
    assert_eq!((skewed.outcome, skewed.future), (Outcome::Replaced, false));
    // A genuine but older report still loses to a genuine newer one.
    let older = at(
        &mut team,
        NOW + 4 * DAY,
        report(&pack, "did:a", "Ana", 1, NOW),
    );
    assert_eq!(older.outcome, Outcome::Older);
    // A completion or certificate dated ahead of the clock is flagged too.
    let mut odd = report(&pack, "did:b", "Ben", 1, NOW);
    odd.last_activity = Some(NOW + year);
    assert!(at(&mut team, NOW, odd).future);
    let mut cert = report(&pack, "did:c", "Cy", 1, NOW);
    cert.certificates.push(CertificateReport {
        expires_at: NOW + 2 * year,
        id: "c".into(),
        issued_at: NOW + DAY,
        track_id: pack.tracks[0].id.clone(),
    });
    assert!(at(&mut team, NOW, cert).future);
}

#[test]
fn team_names_merge_look_alikes() {
    let pack = pack();
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, LATER);
    for (key, name, unit) in [
        ("did:a", "Ana", "Sales"),
        ("did:b", "Ben", "Sales\u{200B}"),
        ("did:c", "Cy", "Ops"),
    ] {
        let mut r = report(&pack, key, name, 1, NOW);
        r.team = Some(unit.into());
        importer.import(&r);
    }
    assert_eq!(team.team_names().len(), 2);
}

/// The roster keeps positions instead of copies: for every filter and sort, the positions name
/// exactly the rows `apply` and `sort_rows` give, in the same order.
#[test]
fn positions_agree_with_filtered_and_sorted_rows() {
    let pack = pack();
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, LATER);
    for (i, name) in ["Zoë Ng", "adam Smith", "张伟", "Bea", "bea", "Cy"]
        .iter()
        .enumerate()
    {
        let mut r = report(&pack, &format!("did:{i}"), name, i * 2, NOW - i as i64);
        r.team = Some(if i % 2 == 0 { "Sales" } else { "Ops" }.into());
        importer.import(&r);
    }
    let rows = team.rows(&pack, NOW, &UTC);
    let filters = [
        ("everything", Filter::default()),
        (
            "one track",
            Filter {
                track: Some(1),
                ..Filter::default()
            },
        ),
        (
            "a team, typed otherwise",
            Filter {
                team: "sales\u{200B}".into(),
                ..Filter::default()
            },
        ),
        (
            "a search",
            Filter {
                search: "BEA".into(),
                ..Filter::default()
            },
        ),
        (
            "nothing matches",
            Filter {
                search: "nobody".into(),
                ..Filter::default()
            },
        ),
    ];
    let sorts = [
        SortKey::Name,
        SortKey::Team,
        SortKey::Track,
        SortKey::Percent,
        SortKey::Modules,
        SortKey::LastActivity,
        SortKey::Certificate,
    ];
    for (name, filter) in &filters {
        for key in sorts {
            for ascending in [true, false] {
                let mut copies = filter.apply(&rows);
                sort_rows(&mut copies, key, ascending);
                let mut positions = filter.positions(&rows);
                sort_positions(&rows, &mut positions, key, ascending);
                let by_position: Vec<Row> = positions.iter().map(|&i| rows[i].clone()).collect();
                assert_eq!(
                    by_position, copies,
                    "{name}, {key:?}, ascending {ascending}"
                );
            }
        }
    }
    assert_eq!(filters[2].1.positions(&rows).len(), 3 * pack.tracks.len());
}

/// The importer looks ids up in maps; the team's id lists and members' arrays come out as when
/// each id was looked for along the list: in first-seen order, each id once.
#[test]
fn imported_ids_are_listed_once_in_first_seen_order() {
    let pack = pack();
    let mut team = Team {
        modules: vec!["kept-first".into()],
        ..Team::default()
    };
    let mut importer = Importer::new(&mut team, LATER);
    let mut first = report(&pack, "did:a", "Ana", 3, NOW);
    first.modules.reverse();
    importer.import(&first);
    importer.import(&report(&pack, "did:b", "Ben", 5, NOW));
    let mut expected = vec!["kept-first".to_owned()];
    expected.extend(first.modules.iter().map(|m| m.id.clone()));
    assert_eq!(team.modules, expected);
    let tracks: Vec<String> = pack.tracks.iter().map(|t| t.id.clone()).collect();
    assert_eq!(team.tracks, tracks);
    let ben = &team.members["did:b"];
    for (i, id) in team.modules.iter().enumerate().skip(1) {
        let position = pack
            .tracks
            .iter()
            .flat_map(|t| t.modules.iter())
            .position(|m| m.id == *id)
            .unwrap();
        assert_eq!(ben.done[i] > 0, position < 5, "{id}");
    }
}
