//! The JSON Schema and the Rust model describe the same fields, and the format document names them.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use fluency::domain::pack::{Audience, Pack, PlacementOption, PlacementQuestion};
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(include_str!("../public/schema/pack.schema.json")).unwrap()
}

/// The example pack with every optional field filled in, serialised by the Rust model.
fn full_pack() -> Value {
    let mut pack = Pack::from_json(include_str!("../docs/examples/tiny-pack.json")).unwrap();
    pack.placement = vec![PlacementQuestion {
        id: "p1".into(),
        prompt: "What do you do?".into(),
        options: vec![PlacementOption {
            id: "a".into(),
            text: "I lead".into(),
            points_to: Some(Audience::Leader),
            knows_modules: vec!["checking-output".into()],
        }],
    }];
    pack.tracks[0].modules[0].prerequisites = vec!["checking-output".into()];
    pack.tracks[0].certification.review_renewal = true;
    let source = pack.clone();
    pack.language = "zh-CN".into();
    fluency::domain::edition::mark_translated(&source, &mut pack, None);
    serde_json::to_value(&pack).unwrap()
}

fn keys(object: &Value) -> BTreeSet<String> {
    object.as_object().unwrap().keys().cloned().collect()
}

fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
    if name == "pack" {
        schema
    } else {
        &schema["$defs"][name]
    }
}

fn property_names(def: &Value) -> BTreeSet<String> {
    keys(&def["properties"])
}

fn required_names(def: &Value) -> BTreeSet<String> {
    def["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn schema_properties_match_the_model() {
    let schema = schema();
    let pack = full_pack();
    let track = &pack["tracks"][0];
    let module = &track["modules"][0];
    let unit_def = def(&schema, "unit");
    let placement_option_def = &def(&schema, "placementQuestion")["properties"]["options"]["items"];
    let source_def = &unit_def["properties"]["sources"]["items"];
    let check_def = &def(&schema, "module")["properties"]["check"];
    let cases: Vec<(&str, &Value, &Value)> = vec![
        ("pack", &pack, def(&schema, "pack")),
        ("track", track, def(&schema, "track")),
        (
            "certification",
            &track["certification"],
            def(&schema, "certification"),
        ),
        ("module", module, def(&schema, "module")),
        ("check", &module["check"], check_def),
        ("unit", &module["units"][0], unit_def),
        ("source", &module["units"][0]["sources"][0], source_def),
        (
            "scenario",
            &module["scenarios"][0],
            def(&schema, "scenario"),
        ),
        (
            "question",
            &module["check"]["questions"][0],
            def(&schema, "question"),
        ),
        (
            "option",
            &module["check"]["questions"][0]["options"][0],
            def(&schema, "option"),
        ),
        (
            "placement question",
            &pack["placement"][0],
            def(&schema, "placementQuestion"),
        ),
        ("edition", &pack["edition"], def(&schema, "edition")),
        (
            "objective",
            &module["objectives"][0],
            &def(&schema, "objective")["oneOf"][1],
        ),
        (
            "placement option",
            &pack["placement"][0]["options"][0],
            placement_option_def,
        ),
    ];
    for (name, value, def) in cases {
        assert_eq!(
            keys(value),
            property_names(def),
            "{name}: model and schema list different fields"
        );
        let missing: Vec<_> = required_names(def)
            .difference(&keys(value))
            .cloned()
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: schema requires {missing:?}, which the model does not write"
        );
        assert_eq!(
            def["additionalProperties"],
            Value::Bool(false),
            "{name}: unknown fields must be refused"
        );
    }
}

#[test]
fn enums_match_the_model() {
    let schema = schema();
    let audiences: Vec<String> = ["everyone", "leader", "technical", "frontline"]
        .map(String::from)
        .to_vec();
    let from_schema: Vec<String> = schema["$defs"]["audience"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(from_schema, audiences);
    for audience in &audiences {
        let parsed: Audience = serde_json::from_value(Value::String(audience.clone())).unwrap();
        assert_eq!(
            serde_json::to_value(parsed).unwrap(),
            Value::String(audience.clone())
        );
    }
    let kinds = schema["$defs"]["question"]["properties"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .clone();
    for kind in kinds {
        let parsed: fluency::domain::pack::QuestionKind =
            serde_json::from_value(kind.clone()).unwrap();
        assert_eq!(serde_json::to_value(parsed).unwrap(), kind);
    }
}

#[test]
fn the_format_document_names_every_field() {
    let doc = include_str!("../docs/pack-format.md");
    let schema = schema();
    let mut names = property_names(&schema);
    for def in schema["$defs"].as_object().unwrap().values() {
        if def.get("properties").is_some() {
            names.extend(property_names(def));
        }
    }
    names.extend([
        "questions".to_owned(),
        "knows_modules".to_owned(),
        "points_to".to_owned(),
    ]);
    let undocumented: Vec<_> = names
        .iter()
        .filter(|n| !doc.contains(&format!("`{n}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "docs/pack-format.md does not describe {undocumented:?}"
    );
}

#[test]
fn the_documented_example_validates_cleanly() {
    let pack = Pack::from_json(include_str!("../docs/examples/tiny-pack.json")).unwrap();
    let report = fluency::domain::validate::validate(&pack);
    assert!(report.problems.is_empty(), "{:#?}", report.lines());
}
