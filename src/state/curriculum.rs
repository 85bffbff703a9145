//! The shipped curriculum, fetched on demand from `packs/` so it never weighs on the initial load.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::history::{PackHistory, HISTORY_URL};
use crate::domain::pack::Pack;

/// Where the shipped pack is served from, relative to the app's root.
pub const SHIPPED_PACK_URL: &str = "/packs/fluency-core.json";
/// The shipped pack's id, which is also the storage scope of its progress.
pub const SHIPPED_PACK_ID: &str = "fluency-core";

#[derive(Clone, Copy)]
pub struct Curriculum {
    pub pack: LocalResource<Result<Arc<Pack>, String>>,
    /// Every published pack version (`packs/history.json`), so that certificates and reports earned
    /// against an earlier version keep verifying. Empty when the file cannot be fetched: the
    /// current pack is then the only version known.
    pub history: LocalResource<Arc<PackHistory>>,
}

pub fn provide_curriculum_context() -> Curriculum {
    let curriculum = Curriculum {
        pack: LocalResource::new(|| fetch_pack(SHIPPED_PACK_URL)),
        history: LocalResource::new(fetch_history),
    };
    provide_context(curriculum);
    curriculum
}

pub fn use_curriculum() -> Curriculum {
    expect_context::<Curriculum>()
}

async fn fetch_pack(url: &'static str) -> Result<Arc<Pack>, String> {
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
