use super::*;
use crate::domain::progress::{check_key, scenario_key, Attempt, Progress};

const SHIPPED: &str = include_str!("../../../public/packs/fluency-core.json");

fn shipped() -> Pack {
    Pack::from_json(SHIPPED).unwrap()
}

fn tiny() -> Pack {
    Pack::from_json(crate::domain::pack::tests::EXAMPLE).unwrap()
}

#[test]
fn split_then_assembled_is_the_pack_itself() {
    for pack in [tiny(), shipped()] {
        let (outline, tracks) = split(&pack);
        assert_eq!(outline.hash, pack.content_hash());
        // Through JSON, as the files travel.
        let outline = Outline::from_json(&serde_json::to_string(&outline).unwrap()).unwrap();
        let mut partial = PartialPack::new(outline);
        assert_eq!(partial.whole(), None, "{}: nothing loaded yet", pack.id);
        for part in tracks.into_iter().rev() {
            let part = TrackPart::from_json(&serde_json::to_string(&part).unwrap()).unwrap();
            partial.add(part).unwrap();
        }
        let whole = partial.whole().expect("every track loaded");
        assert_eq!(whole, pack);
        assert_eq!(whole.content_hash(), pack.content_hash());
    }
}

#[test]
fn the_outline_leaves_out_the_heavy_content_only() {
    let pack = shipped();
    let (outline, _) = split(&pack);
    let text = serde_json::to_string(&outline).unwrap();
    assert!(
        text.len() * 8 < SHIPPED.len(),
        "outline {} bytes",
        text.len()
    );
    let original = &pack.tracks[0].modules[0];
    let outlined = &outline.pack.tracks[0].modules[0];
    assert_eq!(outlined.id, original.id);
    assert_eq!(outlined.title, original.title);
    assert_eq!(outlined.objectives, original.objectives);
    assert_eq!(outlined.prerequisites, original.prerequisites);
    assert_eq!(outlined.minutes, original.minutes);
    let ids = |units: &[crate::domain::pack::Unit]| {
        units
            .iter()
            .map(|u| (u.id.clone(), u.title.clone(), u.minutes))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&outlined.units), ids(&original.units));
    assert!(outlined
        .units
        .iter()
        .all(|u| u.body.is_empty() && u.sources.is_empty()));
    assert!(outlined.check.questions.is_empty());
    assert_eq!(
        outlined.scenarios.iter().map(|s| &s.id).collect::<Vec<_>>(),
        original.scenarios.iter().map(|s| &s.id).collect::<Vec<_>>()
    );
    assert!(outline
        .pack
        .tracks
        .iter()
        .all(|t| t.certification.bank.is_empty()));
    assert_eq!(outline.pack.placement, pack.placement);
    assert_eq!(outline.pack.version, pack.version);
}

#[test]
fn progress_reads_the_same_on_the_outline() {
    let pack = shipped();
    let (outline, _) = split(&pack);
    let track = &pack.tracks[1];
    let mut progress = Progress::new(&pack);
    let module = &track.modules[0];
    progress.complete_unit(&module.units[0].id, 1);
    for key in [
        check_key(&module.id),
        scenario_key(&module.scenarios[0].id),
        check_key("gone"),
    ] {
        progress.record_attempt(
            &key,
            Attempt {
                id: key.clone(),
                at: 2,
                correct: 5,
                total: 5,
                answers: Vec::new(),
            },
        );
    }
    let outlined = outline.pack.track(&track.id).unwrap();
    assert_eq!(
        progress.track_percent(outlined),
        progress.track_percent(track)
    );
    assert_eq!(
        progress.minutes_remaining(outlined),
        progress.minutes_remaining(track)
    );
    let pass = track.certification.pass_mark;
    for (a, b) in outlined.modules.iter().zip(&track.modules) {
        assert_eq!(
            progress.module_remaining(a, pass),
            progress.module_remaining(b, pass),
            "{}",
            b.id
        );
        assert_eq!(
            progress.missing_prerequisites(&outline.pack, a).len(),
            progress.missing_prerequisites(&pack, b).len()
        );
    }
    assert_eq!(progress.orphans(&outline.pack), progress.orphans(&pack));
}

#[test]
fn a_view_has_the_tracks_asked_for_in_full() {
    let pack = shipped();
    let (outline, tracks) = split(&pack);
    let mut partial = PartialPack::new(outline.clone());
    let leadership = tracks
        .iter()
        .find(|t| t.track.id == "leadership")
        .unwrap()
        .clone();
    partial.add(leadership).unwrap();
    assert!(partial.is_loaded("leadership"));
    assert_eq!(
        partial.missing(),
        vec!["foundation", "technical", "frontline"]
    );
    let view = partial.view(["leadership", "foundation"]);
    assert_eq!(
        view.track("leadership"),
        pack.track("leadership"),
        "loaded: in full"
    );
    assert_eq!(
        view.track("foundation"),
        outline.pack.track("foundation"),
        "not loaded: outlined"
    );
    assert_eq!(partial.view([]), outline.pack);
    assert_eq!(partial.outline(), &outline.pack);
    assert_eq!(partial.hash(), pack.content_hash());
}

#[test]
fn parts_of_another_pack_or_track_are_refused() {
    let (outline, _) = split(&shipped());
    let mut partial = PartialPack::new(outline);
    let (_, tiny_tracks) = split(&tiny());
    let other = tiny_tracks[0].clone();
    assert!(matches!(
        partial.add(other.clone()),
        Err(PartsError::OtherPack { .. })
    ));
    let mut unknown = other;
    unknown.hash = partial.hash().to_owned();
    assert_eq!(
        partial.add(unknown.clone()),
        Err(PartsError::UnknownTrack(unknown.track.id))
    );
    assert!(!partial.has_track("nope"));
}

#[test]
fn newer_or_broken_parts_are_refused_with_a_reason() {
    assert!(matches!(
        Outline::from_json(r#"{"parts":1,"hash":"x","pack":{}}"#),
        Err(PartsError::Unreadable(_))
    ));
    let (outline, tracks) = split(&tiny());
    let mut newer = serde_json::to_value(&outline).unwrap();
    newer["parts"] = 9.into();
    assert_eq!(
        Outline::from_json(&newer.to_string()),
        Err(PartsError::FormatTooNew {
            found: 9,
            supported: PARTS_FORMAT
        })
    );
    let mut newer = serde_json::to_value(&tracks[0]).unwrap();
    newer["parts"] = 9.into();
    assert!(matches!(
        TrackPart::from_json(&newer.to_string()),
        Err(PartsError::FormatTooNew { .. })
    ));
    assert!(matches!(
        TrackPart::from_json("nope"),
        Err(PartsError::Unreadable(_))
    ));
}

#[test]
fn where_parts_are_served() {
    let cases = [
        (
            "/packs/fluency-core.json",
            "foundation",
            Some("/packs/fluency-core/outline.json"),
            Some("/packs/fluency-core/track-foundation.json"),
        ),
        (
            "/packs/fluency-core.zh-CN.json",
            "front_line-2",
            Some("/packs/fluency-core.zh-CN/outline.json"),
            Some("/packs/fluency-core.zh-CN/track-front_line-2.json"),
        ),
        ("/packs/a.json", "../x", Some("/packs/a/outline.json"), None),
        ("/packs/../a.json", "t", None, None),
        ("/other/a.json", "t", None, None),
        ("/packs/a.txt", "t", None, None),
        ("/packs/.json", "t", None, None),
        ("/packs/sub/a.json", "t", None, None),
    ];
    for (pack, track, outline, part) in cases {
        assert_eq!(outline_url(pack).as_deref(), outline, "{pack}");
        assert_eq!(track_url(pack, track).as_deref(), part, "{pack} {track}");
    }
}
