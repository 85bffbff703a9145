//! The shipped curriculum, fetched on demand from `packs/` so it never weighs on the initial load,
//! in the edition of the reader's language when the manifest lists one.
//!
//! The site serves each pack file in parts (`domain::pack_parts`): an outline of the whole pack and
//! one file per track. A page says what it needs ([`Needs`]): the catalogue reads the outline, a
//! track's pages read their track, and only what names the pack by its content hash (certificates,
//! reports, the Studio) waits for every track. Where a site serves no parts, the whole file is read
//! instead, as before.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::history::{PackHistory, HISTORY_URL};
use crate::domain::manifest::{Choice, Manifest, ManifestPack, Reason, MANIFEST_URL};
use crate::domain::pack::{Pack, Track};
use crate::domain::pack_parts::{outline_url, track_url, Outline, PartialPack, TrackPart};
use crate::state::i18n::use_i18n;
use crate::state::tasks::yield_to_browser;

/// Where the shipped pack is served from, relative to the app's root.
pub const SHIPPED_PACK_URL: &str = "/packs/fluency-core.json";
/// The shipped pack's id, which is also the storage scope of its progress.
pub const SHIPPED_PACK_ID: &str = "fluency-core";

/// What a page needs of the curriculum before it can show anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    /// Ids, titles and minutes of everything: the catalogue, the dashboard, the placement.
    Outline,
    /// One track in full, and the outline of the others.
    Track(String),
    /// The track named by the route's `:track` parameter (resolved by `WithPack`).
    RouteTrack,
    /// The whole pack: what names it by its content hash (certificates, reports, the Studio).
    Whole,
}

/// The pack file the reader's language calls for, as the site serves it.
#[derive(Clone)]
enum Base {
    /// In parts: the file's URL and its outline.
    Parts { url: String, outline: Arc<Outline> },
    /// As one file, where the site serves no parts.
    Whole(Arc<Pack>),
}

impl Base {
    /// The pack's own fields (id, version, edition), whichever way it is served.
    fn header(&self) -> &Pack {
        match self {
            Base::Parts { outline, .. } => &outline.pack,
            Base::Whole(pack) => pack,
        }
    }
}

type Loaded = Result<Arc<Track>, String>;

#[derive(Clone, Copy)]
pub struct Curriculum {
    /// The file in the reader's language: its edition when the site has one, the source otherwise.
    /// It follows the UI language, so switching language switches the lessons without a reload.
    base: LocalResource<Result<Base, String>>,
    /// Tracks that arrived (or failed), by `<pack hash> <track id>`.
    tracks: RwSignal<BTreeMap<String, Loaded>>,
    /// Tracks asked for, so that each is fetched once.
    requested: StoredValue<BTreeSet<String>>,
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

impl Curriculum {
    /// The pack with at least what `needs` asks for in full (tracked): `None` while it loads,
    /// an error to show with a retry when it cannot be fetched. Asking starts the fetches. The
    /// same `needs` gives the same pack until the language changes.
    pub fn pack_for(&self, needs: &Needs) -> Option<Result<Arc<Pack>, String>> {
        let (url, outline) = match self.base.get()? {
            Err(reason) => return Some(Err(reason)),
            Ok(Base::Whole(pack)) => return Some(Ok(pack)),
            Ok(Base::Parts { url, outline }) => (url, outline),
        };
        let wanted: Vec<String> = match needs {
            Needs::Outline | Needs::RouteTrack => Vec::new(),
            Needs::Track(id) => outline
                .pack
                .track(id)
                .map(|t| vec![t.id.clone()])
                .unwrap_or_default(),
            Needs::Whole => outline.pack.tracks.iter().map(|t| t.id.clone()).collect(),
        };
        let mut partial = PartialPack::new(Outline::clone(&outline));
        let mut waiting = false;
        for id in &wanted {
            let key = format!("{} {id}", outline.hash);
            match self.tracks.with(|t| t.get(&key).cloned()) {
                Some(Ok(track)) => {
                    let part = TrackPart {
                        parts: outline.parts,
                        hash: outline.hash.clone(),
                        track: Track::clone(&track),
                    };
                    if let Err(e) = partial.add(part) {
                        return Some(Err(e.to_string()));
                    }
                }
                Some(Err(reason)) => return Some(Err(reason)),
                None => {
                    waiting = true;
                    self.request(&url, &outline, id, key);
                }
            }
        }
        (!waiting).then(|| Ok(Arc::new(partial.view(wanted.iter().map(String::as_str)))))
    }

    /// Fetches one track, once.
    fn request(&self, url: &str, outline: &Arc<Outline>, id: &str, key: String) {
        if self.requested.with_value(|r| r.contains(&key)) {
            return;
        }
        self.requested.update_value(|r| {
            r.insert(key.clone());
        });
        let (url, outline, id, tracks) =
            (url.to_owned(), outline.clone(), id.to_owned(), self.tracks);
        leptos::task::spawn_local(async move {
            let loaded = fetch_track(&url, &outline, &id).await;
            tracks.update(|t| {
                t.insert(key, loaded);
            });
        });
    }

    /// Tries again after a failed fetch: the file, or the tracks that could not be fetched.
    pub fn retry(&self) {
        let failed: Vec<String> = self.tracks.with_untracked(|t| {
            t.iter()
                .filter(|(_, loaded)| loaded.is_err())
                .map(|(key, _)| key.clone())
                .collect()
        });
        self.requested
            .update_value(|r| r.retain(|key| !failed.contains(key)));
        self.tracks.update(|t| t.retain(|_, loaded| loaded.is_ok()));
        if matches!(self.base.get_untracked(), Some(Err(_))) {
            self.base.refetch();
        }
    }
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
        base: LocalResource::new(move || {
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
                let mut loaded = fetch_base(&choice.url).await;
                if choice.reason == Reason::Edition && loaded.is_err() {
                    // An edition that cannot be read never keeps a learner from learning.
                    choice = entry.choose(&wanted, true);
                    choice.reason = Reason::Missing;
                    loaded = fetch_base(&choice.url).await;
                }
                if let Ok(base) = &loaded {
                    let pack = base.header();
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
        tracks: RwSignal::new(BTreeMap::new()),
        requested: StoredValue::new(BTreeSet::new()),
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

/// The pack file at `url`: its outline when the site serves it in parts, else the whole file.
async fn fetch_base(url: &str) -> Result<Base, String> {
    if let Some(at) = outline_url(url) {
        let text = fetch_text(&at).await;
        // Reading the file and drawing the page that waits for it are separate tasks.
        yield_to_browser().await;
        if let Ok(outline) =
            text.and_then(|text| Outline::from_json(&text).map_err(|e| e.to_string()))
        {
            yield_to_browser().await;
            return Ok(Base::Parts {
                url: url.to_owned(),
                outline: Arc::new(outline),
            });
        }
    }
    fetch_pack(url).await.map(Base::Whole)
}

/// One track of the pack whose outline is `outline`. If its part cannot be read, the whole file
/// is, provided it is the same pack (the site may have been updated meanwhile).
async fn fetch_track(url: &str, outline: &Outline, id: &str) -> Loaded {
    let part = match track_url(url, id) {
        Some(at) => {
            let text = fetch_text(&at).await;
            yield_to_browser().await;
            text.and_then(|text| TrackPart::from_json(&text).map_err(|e| e.to_string()))
        }
        None => Err(format!("the track {id} cannot be fetched on its own")),
    };
    let mut partial = PartialPack::new(outline.clone());
    if let Ok(part) = part {
        if partial.add(part).is_ok() {
            if let Some(track) = partial.view([id]).track(id) {
                yield_to_browser().await;
                return Ok(Arc::new(track.clone()));
            }
        }
    }
    let whole = fetch_pack(url).await?;
    if whole.content_hash() != outline.hash {
        return Err("the curriculum changed on the server; reload the page".to_owned());
    }
    whole
        .track(id)
        .cloned()
        .map(Arc::new)
        .ok_or_else(|| format!("the pack has no track {id}"))
}

/// The text of the pack file at `url`, put together from its parts when the site serves them (so
/// that it comes from the service worker's cache offline, which keeps the parts only), else the
/// file itself.
pub async fn fetch_pack_text(url: &str) -> Result<String, String> {
    if let Some(outline) = match outline_url(url) {
        Some(at) => fetch_text(&at)
            .await
            .ok()
            .and_then(|text| Outline::from_json(&text).ok()),
        None => None,
    } {
        let mut partial = PartialPack::new(outline);
        let ids: Vec<String> = partial.missing().into_iter().map(str::to_owned).collect();
        for id in ids {
            let part = match track_url(url, &id) {
                Some(at) => fetch_text(&at)
                    .await
                    .and_then(|text| TrackPart::from_json(&text).map_err(|e| e.to_string())),
                None => Err(format!("the track {id} cannot be fetched on its own")),
            };
            if part
                .and_then(|p| partial.add(p).map_err(|e| e.to_string()))
                .is_err()
            {
                return fetch_text(url).await;
            }
        }
        if let Some(pack) = partial.whole() {
            return serde_json::to_string(&pack).map_err(|e| e.to_string());
        }
    }
    fetch_text(url).await
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
