//! Learning progress for the open pack as a signal. Every change is merged with what is stored
//! before it is written, so two tabs completing different units both keep their work.

use leptos::prelude::*;

use crate::domain::progress::Progress;
use crate::state::notices::Notices;
use crate::state::profile::{report_read_problem, report_save_error};
use crate::storage;

#[derive(Clone, Copy)]
pub struct ProgressState {
    progress: RwSignal<Progress>,
    /// The pack id the progress belongs to: its storage scope.
    pack_id: StoredValue<String>,
    notices: Notices,
    /// False for the Studio's preview: progress lives in memory and never touches storage.
    persist: bool,
}

impl ProgressState {
    pub fn with<R>(&self, f: impl FnOnce(&Progress) -> R) -> R {
        self.progress.with(f)
    }

    /// The pack id this progress belongs to.
    pub fn pack_id(&self) -> String {
        self.pack_id.get_value()
    }

    /// A copy of the current progress, without subscribing to changes.
    pub fn snapshot(&self) -> Progress {
        self.progress.get_untracked()
    }

    /// The saved scroll position for a unit, if the learner was last reading it.
    pub fn with_untracked_position(&self, unit_id: &str) -> Option<f32> {
        self.progress.with_untracked(|p| {
            p.position
                .as_ref()
                .filter(|pos| pos.unit == unit_id)
                .map(|pos| pos.scroll)
        })
    }

    /// Applies a change, merges it with the stored copy, and saves the result. If saving fails the
    /// change still shows in this tab, the user is told, and what was stored stays as it was.
    pub fn update(&self, change: impl FnOnce(&mut Progress)) {
        let scope = self.pack_id.get_value();
        let mut next = self.progress.get_untracked();
        change(&mut next);
        if !self.persist {
            self.progress.set(next);
            return;
        }
        let stored = storage::load_scoped::<Progress>(Some(&scope));
        if let Some(problem) = stored.problem {
            report_read_problem(&self.notices, problem);
        }
        let merged = stored.value.merge(&next);
        if let Err(error) = storage::save_scoped(Some(&scope), &merged) {
            report_save_error(&self.notices, &error);
        }
        self.progress.set(merged);
    }
}

pub fn provide_progress_context(notices: Notices, pack_id: &str) -> ProgressState {
    let loaded = storage::load_scoped::<Progress>(Some(pack_id));
    if let Some(problem) = loaded.problem {
        report_read_problem(&notices, problem);
    }
    let mut progress = loaded.value;
    if progress.pack_id.is_empty() {
        progress.pack_id = pack_id.to_owned();
    }
    let state = ProgressState {
        progress: RwSignal::new(progress),
        pack_id: StoredValue::new(pack_id.to_owned()),
        notices,
        persist: true,
    };
    storage::watch_scoped::<Progress>(Some(pack_id), move |loaded| {
        if let Some(problem) = loaded.problem {
            report_read_problem(&notices, problem);
        }
        state
            .progress
            .update(|ours| *ours = ours.merge(&loaded.value));
    });
    provide_context(state);
    state
}

/// Progress that lives only in memory, for previewing a draft as a learner. Provided in a nested
/// context so that the learner views below it use it instead of the real progress.
pub fn provide_throwaway_progress_context(notices: Notices, pack_id: &str) -> ProgressState {
    let state = ProgressState {
        progress: RwSignal::new(Progress {
            pack_id: pack_id.to_owned(),
            ..Progress::default()
        }),
        pack_id: StoredValue::new(pack_id.to_owned()),
        notices,
        persist: false,
    };
    provide_context(state);
    state
}

pub fn use_progress() -> ProgressState {
    expect_context::<ProgressState>()
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// The browser's time zone, as the domain's calendar rules take it: for each instant, the offset
/// `Date.getTimezoneOffset()` gives for that very instant (so each date gets its own DST rules).
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalZone;

impl crate::domain::calendar::Zone for LocalZone {
    fn offset_minutes(&self, at: i64) -> i32 {
        // getTimezoneOffset() is minutes *behind* UTC (positive west of Greenwich).
        -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64)).get_timezone_offset()
            as i32)
    }
}

/// `N` bytes from the browser's cryptographic random source (`crypto.getRandomValues`); `None`
/// when the browser refuses.
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    window()
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// A seed for shuffles and attempt ids.
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * (u64::MAX as f64)) as u64 ^ (now() as u64)
}
