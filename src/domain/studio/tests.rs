use super::diff::{bumped, diff, propose_bump, Bump, ChangeKind, ItemKind};
use super::draft::{draft_id, on_other_tab_save, Draft, DraftIndex, Incoming};
use super::tree::{apply, locate, problem_target, Edit, History, NodeRef};
use crate::domain::pack::tests::EXAMPLE;
use crate::domain::pack::{Pack, QuestionKind};
use crate::domain::schema::{decode, encode};
use crate::domain::validate::{validate, Segment};

fn example() -> Pack {
    Pack::from_json(EXAMPLE).unwrap()
}

fn scratch() -> Pack {
    Draft::new_empty("d1".into(), 0).pack
}

#[test]
fn building_a_pack_from_scratch_through_edits() {
    let mut pack = scratch();
    let steps = [
        (Edit::AddTrack, Some(NodeRef::Track(0))),
        (Edit::AddModule(0), Some(NodeRef::Module(0, 0))),
        (Edit::AddUnit(0, 0), Some(NodeRef::Unit(0, 0, 0))),
        (Edit::AddUnit(0, 0), Some(NodeRef::Unit(0, 0, 1))),
        (
            Edit::AddQuestion(0, 0, QuestionKind::Single),
            Some(NodeRef::Question(0, 0, 0)),
        ),
        (
            Edit::AddQuestion(0, 0, QuestionKind::TrueFalse),
            Some(NodeRef::Question(0, 0, 1)),
        ),
        (Edit::AddUnit(3, 0), None),
        (Edit::Delete(NodeRef::Pack), None),
    ];
    for (edit, want) in steps {
        assert_eq!(apply(&mut pack, edit.clone()), want, "{edit:?}");
    }
    let module = &pack.tracks[0].modules[0];
    assert_eq!(module.units[0].id, "unit-1");
    assert_eq!(module.units[1].id, "unit-2");
    assert_eq!(module.check.questions[1].options[0].id, "true");
    assert_eq!(pack.tracks[0].certification.required_modules, ["module-1"]);
    // New questions have no correct option, and the validator says so.
    let lines = validate(&pack).lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("question 1: no option is marked correct")),
        "{lines:#?}"
    );
}

#[test]
fn rename_delete_and_move_table() {
    let base = {
        let mut p = scratch();
        for edit in [
            Edit::AddTrack,
            Edit::AddModule(0),
            Edit::AddUnit(0, 0),
            Edit::AddUnit(0, 0),
            Edit::AddUnit(0, 0),
        ] {
            apply(&mut p, edit);
        }
        p
    };
    let unit_ids = |p: &Pack| -> Vec<String> {
        p.tracks[0].modules[0]
            .units
            .iter()
            .map(|u| u.id.clone())
            .collect()
    };
    let cases: Vec<(Edit, Option<NodeRef>, Vec<&str>)> = vec![
        (
            Edit::Move(NodeRef::Unit(0, 0, 0), 1),
            Some(NodeRef::Unit(0, 0, 1)),
            vec!["unit-2", "unit-1", "unit-3"],
        ),
        (
            Edit::Move(NodeRef::Unit(0, 0, 2), -1),
            Some(NodeRef::Unit(0, 0, 1)),
            vec!["unit-1", "unit-3", "unit-2"],
        ),
        (
            Edit::Move(NodeRef::Unit(0, 0, 0), -1),
            Some(NodeRef::Unit(0, 0, 0)),
            vec!["unit-1", "unit-2", "unit-3"],
        ),
        (
            Edit::MoveTo(NodeRef::Unit(0, 0, 0), 9),
            Some(NodeRef::Unit(0, 0, 2)),
            vec!["unit-2", "unit-3", "unit-1"],
        ),
        (
            Edit::MoveTo(NodeRef::Unit(0, 0, 2), 0),
            Some(NodeRef::Unit(0, 0, 0)),
            vec!["unit-3", "unit-1", "unit-2"],
        ),
        (
            Edit::Delete(NodeRef::Unit(0, 0, 1)),
            Some(NodeRef::Module(0, 0)),
            vec!["unit-1", "unit-3"],
        ),
        (
            Edit::Delete(NodeRef::Unit(0, 0, 7)),
            None,
            vec!["unit-1", "unit-2", "unit-3"],
        ),
        (
            Edit::Rename(NodeRef::Unit(0, 0, 1), "Second".into()),
            Some(NodeRef::Unit(0, 0, 1)),
            vec!["unit-1", "unit-2", "unit-3"],
        ),
    ];
    for (edit, want_node, want_ids) in cases {
        let mut pack = base.clone();
        assert_eq!(apply(&mut pack, edit.clone()), want_node, "{edit:?}");
        assert_eq!(unit_ids(&pack), want_ids, "{edit:?}");
    }
    let mut pack = base.clone();
    apply(
        &mut pack,
        Edit::Rename(NodeRef::Unit(0, 0, 1), "Second".into()),
    );
    assert_eq!(pack.tracks[0].modules[0].units[1].title, "Second");
    apply(&mut pack, Edit::Delete(NodeRef::Module(0, 0)));
    assert!(pack.tracks[0].certification.required_modules.is_empty());
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut pack = scratch();
    let mut history = History::new();
    let start = pack.clone();
    assert!(!history.can_undo());
    history.apply(&mut pack, Edit::AddTrack);
    let one_track = pack.clone();
    history.apply(&mut pack, Edit::Rename(NodeRef::Track(0), "Ops".into()));
    // A stale edit records nothing.
    assert_eq!(
        history.apply(&mut pack, Edit::Delete(NodeRef::Track(5))),
        None
    );
    assert!(history.undo(&mut pack));
    assert_eq!(pack, one_track);
    assert!(history.undo(&mut pack));
    assert_eq!(pack, start);
    assert!(!history.undo(&mut pack));
    assert!(history.redo(&mut pack));
    assert_eq!(pack, one_track);
    // A new edit clears the redo stack.
    history.apply(&mut pack, Edit::AddTrack);
    assert!(!history.can_redo());
    for _ in 0..History::DEPTH + 10 {
        history.apply(&mut pack, Edit::AddTrack);
    }
    let mut steps = 0;
    while history.undo(&mut pack) {
        steps += 1;
    }
    assert_eq!(steps, History::DEPTH);
}

#[test]
fn node_keys_round_trip() {
    for node in [
        NodeRef::Pack,
        NodeRef::Track(2),
        NodeRef::Module(0, 3),
        NodeRef::Unit(1, 2, 3),
        NodeRef::Question(0, 0, 9),
    ] {
        assert_eq!(NodeRef::parse_key(&node.key()), Some(node));
    }
    for bad in ["", "x-1", "u-1", "t-a", "q-1-2-3-4"] {
        assert_eq!(NodeRef::parse_key(bad), None, "{bad}");
    }
}

#[test]
fn problems_locate_their_node_and_field() {
    let pack = example();
    let t = || Segment::Track("basics".into());
    let m = || Segment::Module("checking-output".into());
    let cases = [
        (vec![], Some("title"), NodeRef::Pack, "f-pack-title"),
        (
            vec![t()],
            Some("pass_mark"),
            NodeRef::Track(0),
            "f-t-0-pass-mark",
        ),
        (
            vec![t(), m()],
            Some("objectives"),
            NodeRef::Module(0, 0),
            "f-m-0-0-objectives",
        ),
        (
            vec![t(), m(), Segment::Unit("checking-output-why".into())],
            Some("body"),
            NodeRef::Unit(0, 0, 0),
            "f-u-0-0-0-body",
        ),
        (
            vec![t(), m(), Segment::Question(2), Segment::Option(1)],
            Some("feedback"),
            NodeRef::Question(0, 0, 1),
            "f-q-0-0-1-o1-feedback",
        ),
        (
            vec![
                t(),
                m(),
                Segment::Scenario("s".into()),
                Segment::Question(1),
            ],
            Some("prompt"),
            NodeRef::Module(0, 0),
            "f-m-0-0-prompt",
        ),
        (
            vec![Segment::Track("gone".into())],
            None,
            NodeRef::Pack,
            "f-pack-title",
        ),
    ];
    for (location, field, node, id) in cases {
        assert_eq!(locate(&pack, &location), node, "{location:?}");
        assert_eq!(
            problem_target(&pack, &location, field),
            (node, id.to_owned())
        );
    }
}

#[test]
fn diff_lists_exactly_what_changed() {
    let old = example();
    assert!(diff(&old, &old).is_empty());
    assert_eq!(propose_bump(&old, &old), Bump::None);

    let mut changed = old.clone();
    changed.tracks[0].modules[0].units[0]
        .body
        .push_str("\n\nMore.");
    let changes = diff(&old, &changed);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].kind, changes[0].item, changes[0].id.as_str()),
        (ChangeKind::Changed, ItemKind::Unit, "checking-output-why")
    );
    assert_eq!(propose_bump(&old, &changed), Bump::Patch);

    let mut added = old.clone();
    apply(&mut added, Edit::AddUnit(0, 0));
    apply(&mut added, Edit::AddQuestion(0, 0, QuestionKind::Multiple));
    let kinds: Vec<(ChangeKind, ItemKind)> = diff(&old, &added)
        .iter()
        .map(|c| (c.kind, c.item))
        .collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::Added, ItemKind::Unit),
            (ChangeKind::Added, ItemKind::Question)
        ]
    );
    assert_eq!(propose_bump(&old, &added), Bump::Minor);

    let mut removed = old.clone();
    apply(&mut removed, Edit::Delete(NodeRef::Question(0, 0, 0)));
    let changes = diff(&old, &removed);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Removed);
    assert_eq!(changes[0].place, "check:checking-output");
    assert_eq!(
        propose_bump(&old, &removed),
        Bump::Minor,
        "a removal changes what new certificates require; earlier ones stand"
    );

    let mut stricter = old.clone();
    stricter.tracks[0].certification.pass_mark = 90;
    assert_eq!(propose_bump(&old, &stricter), Bump::Minor);
    let mut rekeyed = old.clone();
    for option in &mut rekeyed.tracks[0].modules[0].check.questions[0].options {
        option.correct = !option.correct;
    }
    assert_eq!(
        propose_bump(&old, &rekeyed),
        Bump::Patch,
        "a corrected key is a correction; only a person can decide it invalidates certificates"
    );

    let mut retitled = old.clone();
    retitled.description = "Other".into();
    assert!(diff(&old, &retitled).is_empty());
    assert_eq!(propose_bump(&old, &retitled), Bump::Patch);
}

#[test]
fn bumped_versions_table() {
    let cases = [
        ("1.2.3", Bump::None, "1.2.3"),
        ("1.2.3", Bump::Patch, "1.2.4"),
        ("1.2.3", Bump::Minor, "1.3.0"),
        ("1.2.3", Bump::Major, "2.0.0"),
        ("nonsense", Bump::Patch, "0.1.0"),
    ];
    for (version, bump, want) in cases {
        assert_eq!(bumped(version, bump), want);
    }
}

#[test]
fn drafts_round_trip_and_detect_other_tabs() {
    let draft = Draft::from_pack("d1".into(), example(), 5);
    let back = decode::<Draft>(&encode(&draft)).unwrap().value;
    assert_eq!(back, draft);
    assert_eq!(
        draft.origin.as_ref().map(|o| o.hash.clone()),
        Some(example().content_hash())
    );
    let mut index = DraftIndex::default();
    index.upsert(&draft);
    index.upsert(&Draft::new_empty("d2".into(), 6));
    index.upsert(&draft);
    let ids: Vec<&str> = index.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d1", "d2"]);
    index.remove("d1");
    assert_eq!(index.drafts.len(), 1);
    assert!(crate::domain::validate::is_slug(&draft_id(
        1_700_000_000_000,
        77
    )));
    let theirs = |parent: u64| Draft {
        stamp: 99,
        parent,
        ..draft.clone()
    };
    // (stamp this tab last saw, their parent, unsaved here, same pack) → decision
    let cases = [
        (7, 7, false, false, Incoming::Adopt),
        (7, 7, true, false, Incoming::Conflict),
        // Both tabs saved from the same state at once: each sees the other's as a race.
        (8, 7, false, false, Incoming::Conflict),
        (8, 7, true, false, Incoming::Conflict),
        (8, 7, true, true, Incoming::Same),
        (7, 7, false, true, Incoming::Same),
    ];
    for (synced, parent, unsaved, same, want) in cases {
        assert_eq!(
            on_other_tab_save(synced, &theirs(parent), unsaved, same),
            want,
            "{synced} {parent} {unsaved} {same}"
        );
    }
}

/// The objective picker offers what the validator accepts: a check or scenario question its own
/// module's objectives, a final-assessment question those of every module the certificate requires.
/// Ticking one on a question that named none clears the validator's warning for it.
#[test]
fn objective_choices_follow_the_validators_scopes() {
    use super::tree::{objective_choices, toggle_objective};
    let pack = Pack::from_json(include_str!("../../../public/packs/fluency-core.json")).unwrap();
    let frontline = pack
        .tracks
        .iter()
        .position(|t| t.id == "frontline")
        .unwrap();
    let module = &pack.tracks[frontline].modules[0];
    let own: Vec<String> = module
        .objective_ids()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    // (node, ids expected to be offered, at least)
    let cases = [
        (NodeRef::Question(frontline, 0, 0), own.clone(), own.len()),
        (NodeRef::Module(frontline, 0), own.clone(), own.len()),
    ];
    for (node, expected, count) in cases {
        let offered: Vec<String> = objective_choices(&pack, node)
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(offered, expected, "{node:?}");
        assert_eq!(offered.len(), count);
    }
    // The bank: the track's own modules and the Foundation modules they build on.
    let bank: Vec<String> = objective_choices(&pack, NodeRef::Track(frontline))
        .into_iter()
        .map(|c| c.id)
        .collect();
    for id in &own {
        assert!(bank.contains(id), "{id}");
    }
    let foundation_first = pack.tracks[0].modules[0].objective_ids()[0].0.clone();
    assert!(bank.contains(&foundation_first));
    assert!(objective_choices(&pack, NodeRef::Pack).is_empty());

    // A question with no objective: a warning; ticking one clears it; unticking brings it back.
    let mut edited = pack.clone();
    let choices = objective_choices(&edited, NodeRef::Question(frontline, 0, 0));
    let question = &mut edited.tracks[frontline].modules[0].check.questions[0];
    question.objectives.clear();
    let warns = |p: &Pack| {
        validate(p)
            .problems
            .iter()
            .any(|i| i.message.contains("names no objective"))
    };
    assert!(warns(&edited));
    let question = &mut edited.tracks[frontline].modules[0].check.questions[0];
    toggle_objective(question, &choices, &choices[1].id, true);
    toggle_objective(question, &choices, &choices[0].id, true);
    assert_eq!(
        question.objectives,
        [choices[0].id.clone(), choices[1].id.clone()]
    );
    assert!(!warns(&edited));
    let question = &mut edited.tracks[frontline].modules[0].check.questions[0];
    toggle_objective(question, &choices, &choices[0].id, false);
    toggle_objective(question, &choices, &choices[1].id, false);
    assert!(question.objectives.is_empty());
    assert!(warns(&edited));
}
