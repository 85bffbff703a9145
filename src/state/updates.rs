//! A new version of Fluency, announced by the service worker.
//!
//! The boot script (`tools/boot.mjs`) registers the Workbox service worker. When a new build has
//! been fully downloaded and waits to take over, it sends [`READY_EVENT`]; this module shows a
//! quiet notice, and the version running now keeps working until the learner chooses to reload.
//! Reloading sends [`APPLY_EVENT`], on which the boot script first asks every writer to write what
//! is pending ([`crate::storage::FLUSH_EVENT`]: Studio drafts, the automatic backup file), waits
//! for the writes in flight, then lets the waiting worker take over and reloads once it has.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::state::notices::{NoticeAction, Notices, Tone};

/// Sent by the boot script when a new version is installed and waiting.
pub const READY_EVENT: &str = "fluency-update-ready";
/// Sent to the boot script once pending writes are flushed: switch to the new version and reload.
pub const APPLY_EVENT: &str = "fluency-apply-update";

/// Shows the "new version" notice whenever the boot script announces one. Called once by `App`.
pub fn watch_for_updates(notices: Notices) {
    // The shell lives as long as the page, so the listener does too.
    let _ = window_event_listener_untyped(READY_EVENT, move |_| {
        notices.offer(
            Tone::Info,
            Msg::UpdateReady,
            Vec::new(),
            NoticeAction {
                label: Msg::AreaReload,
                run: apply_update,
            },
            None,
        );
    });
}

/// Asks the boot script to flush pending writes and switch to the new version.
fn apply_update() {
    if let Ok(event) = web_sys::Event::new(APPLY_EVENT) {
        let _ = window().dispatch_event(&event);
    }
}
