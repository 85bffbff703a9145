//! The shipped curriculum, fetched on demand from `packs/` so it never weighs on the initial load,
//! in the edition of the reader's language when the manifest lists one.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::history::{PackHistory, HISTORY_URL};
use crate::domain::manifest::{Choice, Manifest, ManifestPack, Reason, MANIFEST_URL};
use crate::domain::pack::Pack;
use crate::state::i18n::use_i18n;

/// Where the shipped pack is served from, relative to the app's root.
pub const SHIPPED_PACK_URL: &str = "/packs/fluency-core.json";
/// The shipped pack's id, which is also the storage scope of its progress.
pub const SHIPPED_PACK_ID: &str = "fluency-core";

#[derive(Clone, Copy)]
pub struct Curriculum {
    /// The pack in the reader's language: its edition when the site has one, the source otherwise.
    /// It follows the UI language, so switching language switches the lessons without a reload.
    pub pack: LocalResource<Result<Arc<Pack>, String>>,
    /// Every published pack version (`packs/history.json`), so that certificates and reports earned
    /// against an earlier version keep verifying. Empty when the file cannot be fetched: the
    /// current pack is then the only version known.
    pub history: LocalResource<Arc<PackHistory>>,
    /// Which file is being read and why, once the pack has loaded.
    pub reading: RwSignal<Option<Reading>>,
    /// The learner chose to read the source language instead of an edition.
    pub prefer_source: RwSignal<bool>,
}

/// What the learner is reading: the manifest's choice, and whether an edition is behind its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub choice: Choice,
    /// The reader's UI language, which the choice was made for.
    pub wanted: String,
    /// The source's language and version, for "read in English instead" and out-of-date notices.
    pub source_language: String,
    pub source_version: String,
    /// An edition translating an older version of its source.
    pub out_of_date: bool,
}

pub fn provide_curriculum_context() -> Curriculum {
    let i18n = use_i18n();
    let reading = RwSignal::new(None::<Reading>);
    let prefer_source = RwSignal::new(false);
    // The manifest is fetched once and kept. It is deliberately not a resource: awaiting a resource
    // inside the pack's fetcher would subscribe the pack to it, and its arrival would fetch and
    // deliver the pack a second time, remounting the page (and a quiz half answered) under the reader.
    let manifest = StoredValue::new_local(None::<Manifest>);
    let curriculum = Curriculum {
        pack: LocalResource::new(move || {
            let wanted = i18n.language.get().tag().to_owned();
            let prefer_source = prefer_source.get();
            async move {
                let manifest = match manifest.get_value() {
                    Some(known) => known,
                    None => {
                        let fetched = match fetch_text(MANIFEST_URL).await {
                            Ok(text) => Manifest::from_json(&text).unwrap_or_default(),
                            Err(_) => Manifest::default(),
                        };
                        manifest.set_value(Some(fetched.clone()));
                        fetched
                    }
                };
                let entry = manifest
                    .pack(SHIPPED_PACK_ID)
                    .cloned()
                    .unwrap_or(ManifestPack {
                        id: SHIPPED_PACK_ID.to_owned(),
                        title: String::new(),
                        version: String::new(),
                        language: "en".to_owned(),
                        url: SHIPPED_PACK_URL.to_owned(),
                        editions: Vec::new(),
                    });
                let mut choice = entry.choose(&wanted, prefer_source);
                let mut loaded = fetch_pack(&choice.url).await;
                if choice.reason == Reason::Edition && loaded.is_err() {
                    // An edition that cannot be read never keeps a learner from learning.
                    choice = entry.choose(&wanted, true);
                    choice.reason = Reason::Missing;
                    loaded = fetch_pack(&choice.url).await;
                }
                if let Ok(pack) = &loaded {
                    let out_of_date = choice.reason == Reason::Edition
                        && !entry.version.is_empty()
                        && (pack.version != entry.version
                            || pack
                                .edition
                                .as_ref()
                                .is_some_and(|e| e.source_version != entry.version));
                    reading.set(Some(Reading {
                        choice: choice.clone(),
                        wanted: wanted.clone(),
                        source_language: entry.language.clone(),
                        source_version: entry.version.clone(),
                        out_of_date,
                    }));
                }
                loaded
            }
        }),
        history: LocalResource::new(fetch_history),
        reading,
        prefer_source,
    };
    provide_context(curriculum);
    curriculum
}

pub fn use_curriculum() -> Curriculum {
    expect_context::<Curriculum>()
}

async fn fetch_pack(url: &str) -> Result<Arc<Pack>, String> {
    let text = fetch_text(url).await?;
    Pack::from_json(&text)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

async fn fetch_history() -> Arc<PackHistory> {
    let history = match fetch_text(HISTORY_URL).await {
        Ok(text) => PackHistory::from_json(&text).unwrap_or_else(|e| {
            leptos::logging::warn!("{HISTORY_URL}: {e}");
            PackHistory::default()
        }),
        Err(e) => {
            leptos::logging::warn!("{HISTORY_URL}: {e}");
            PackHistory::default()
        }
    };
    Arc::new(history)
}

/// GETs a same-origin file as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let promise = window().fetch_with_str(url);
    let response: web_sys::Response = JsFuture::from(promise)
        .await
        .map_err(|_| "the network request failed".to_owned())?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| "the response has no body".to_owned())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "the response could not be read".to_owned())
}
