//! Browser tests of the storage module, run by wasm-bindgen-test in headless Chromium against the
//! real `localStorage`. On the host this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use fluency::domain::profile::{Language, Profile, Role, ThemePreference};
use fluency::storage::{self, ReadProblem, StorageError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "fluency.profile";

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn reset() {
    local().clear().unwrap();
}

fn sample() -> Profile {
    Profile {
        display_name: "Mei Lin".into(),
        role: Some(Role::Learner),
        language: Some(Language::SimplifiedChinese),
        theme: ThemePreference::Dark,
        path: None,
    }
}

#[wasm_bindgen_test]
fn saves_and_loads_in_a_versioned_envelope() {
    reset();
    assert!(storage::is_persistent());
    storage::save(&sample()).unwrap();
    let raw = local().get_item(KEY).unwrap().unwrap();
    assert!(raw.starts_with(r#"{"schema":2,"data":"#), "{raw}");
    let loaded = storage::load::<Profile>();
    assert_eq!(loaded.value, sample());
    assert!(loaded.problem.is_none());
}

#[wasm_bindgen_test]
fn a_missing_key_gives_the_default_quietly() {
    reset();
    let loaded = storage::load::<Profile>();
    assert_eq!(loaded.value, Profile::default());
    assert!(loaded.problem.is_none());
}

#[wasm_bindgen_test]
fn unreadable_data_is_kept_under_a_backup_key() {
    reset();
    local().set_item(KEY, "{not json").unwrap();
    let loaded = storage::load::<Profile>();
    assert_eq!(loaded.value, Profile::default());
    let Some(ReadProblem::Recovered {
        backup_key,
        original,
        ..
    }) = loaded.problem
    else {
        panic!("expected a recovery report");
    };
    assert_eq!(original, "{not json");
    assert!(
        backup_key.starts_with("fluency.backup.profile."),
        "{backup_key}"
    );
    assert_eq!(
        local().get_item(&backup_key).unwrap().as_deref(),
        Some("{not json")
    );
    assert_eq!(
        local().get_item(KEY).unwrap(),
        None,
        "the bad value moves aside"
    );
    assert_eq!(storage::backup_keys(), vec![backup_key]);
    // The key is usable again.
    storage::save(&sample()).unwrap();
    assert_eq!(storage::load::<Profile>().value, sample());
}

#[wasm_bindgen_test]
fn newer_data_is_refused_and_never_overwritten() {
    reset();
    let newer = r#"{"schema":99,"data":{"future":true}}"#;
    local().set_item(KEY, newer).unwrap();
    let loaded = storage::load::<Profile>();
    assert!(matches!(
        loaded.problem,
        Some(ReadProblem::TooNew {
            found: 99,
            supported: 2,
            ..
        })
    ));
    assert_eq!(
        storage::save(&sample()),
        Err(StorageError::HeldByNewerVersion { found: 99 })
    );
    assert_eq!(local().get_item(KEY).unwrap().as_deref(), Some(newer));
    // Once the key holds current data again (say the user cleared it), writing works.
    local().remove_item(KEY).unwrap();
    local()
        .set_item(KEY, &fluency::domain::schema::encode(&sample()))
        .unwrap();
    assert!(storage::load::<Profile>().problem.is_none());
    storage::save(&Profile::default()).unwrap();
}

#[wasm_bindgen_test]
fn a_full_storage_reports_quota_and_keeps_the_previous_value() {
    reset();
    storage::save(&sample()).unwrap();
    let before = local().get_item(KEY).unwrap();

    // Fill the origin's quota with progressively smaller chunks until not even one character fits.
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while !chunk.is_empty() {
        if local().set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let mut changed = sample();
    changed.display_name = "Someone Else Entirely".into();
    let result = storage::save(&changed);
    assert!(
        matches!(result, Err(StorageError::QuotaExceeded { .. })),
        "{result:?}"
    );
    assert_eq!(
        local().get_item(KEY).unwrap(),
        before,
        "previous value intact"
    );
    reset();
}

#[wasm_bindgen_test]
fn other_tabs_changes_arrive_through_the_storage_event() {
    reset();
    let seen: Rc<RefCell<Vec<Profile>>> = Rc::default();
    let sink = seen.clone();
    let handle = storage::watch::<Profile>(move |loaded| sink.borrow_mut().push(loaded.value));

    let fire = |key: &str, value: Option<&str>| {
        let init = web_sys::StorageEventInit::new();
        init.set_key(Some(key));
        init.set_new_value(value);
        let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
        web_sys::window()
            .unwrap()
            .unchecked_ref::<web_sys::EventTarget>()
            .dispatch_event(&event)
            .unwrap();
    };
    fire("unrelated.key", Some("x"));
    fire(KEY, Some(&fluency::domain::schema::encode(&sample())));
    fire(KEY, None);
    handle.remove();
    fire(KEY, Some(&fluency::domain::schema::encode(&sample())));

    assert_eq!(*seen.borrow(), vec![sample(), Profile::default()]);
}

#[wasm_bindgen_test]
fn a_full_storage_is_still_read_and_says_it_is_full() {
    reset();
    storage::save(&sample()).unwrap();
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while !chunk.is_empty() {
        if local().set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let mut changed = sample();
    changed.display_name = "Someone Else Entirely".into();
    assert!(matches!(
        storage::save(&changed),
        Err(StorageError::QuotaExceeded { .. })
    ));
    assert_eq!(storage::health(), storage::Health::Full);
    // Reading does not depend on writing: the stored profile is still there.
    let loaded = storage::load::<Profile>();
    assert_eq!(loaded.value, sample());
    assert!(loaded.problem.is_none());
    // Once space is freed, a write fits and storage is healthy again.
    reset();
    storage::save(&sample()).unwrap();
    assert_eq!(storage::health(), storage::Health::Persistent);
}

#[wasm_bindgen_test]
fn values_written_through_gloo_storage_are_plain_envelopes() {
    reset();
    storage::save(&sample()).unwrap();
    let raw = local().get_item(KEY).unwrap().unwrap();
    assert_eq!(raw, fluency::domain::schema::encode(&sample()));
    storage::remove_scoped::<Profile>(None);
    assert_eq!(local().get_item(KEY).unwrap(), None);
}
