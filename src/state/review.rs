//! The spaced-review log of the open pack as a signal. Like progress, every change is merged with
//! what is stored before it is written, and other tabs' writes are merged in as they arrive, so two
//! tabs reviewing different cards both keep their reviews.

use leptos::prelude::*;

use crate::domain::review::{Review, ReviewLog};
use crate::state::notices::Notices;
use crate::state::profile::{report_read_problem, report_save_error};
use crate::storage;

#[derive(Clone, Copy)]
pub struct ReviewState {
    log: RwSignal<ReviewLog>,
    pack_id: StoredValue<String>,
    notices: Notices,
}

impl ReviewState {
    pub fn with<R>(&self, f: impl FnOnce(&ReviewLog) -> R) -> R {
        self.log.with(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&ReviewLog) -> R) -> R {
        self.log.with_untracked(f)
    }

    /// Applies a change, merges it with the stored copy and saves the result; a failed save is
    /// reported and leaves what was stored as it was.
    pub fn update(&self, change: impl FnOnce(&mut ReviewLog)) {
        let scope = self.pack_id.get_value();
        let mut next = self.log.get_untracked();
        change(&mut next);
        let stored = storage::load_scoped::<ReviewLog>(Some(&scope));
        if let Some(problem) = stored.problem {
            report_read_problem(&self.notices, problem);
        }
        let merged = stored.value.merge(&next);
        if let Err(error) = storage::save_scoped(Some(&scope), &merged) {
            report_save_error(&self.notices, &error);
        }
        self.log.set(merged);
    }

    pub fn record(&self, review: Review) {
        self.update(|log| log.record(review));
    }
}

pub fn provide_review_context(notices: Notices, pack_id: &str) -> ReviewState {
    let loaded = storage::load_scoped::<ReviewLog>(Some(pack_id));
    if let Some(problem) = loaded.problem {
        report_read_problem(&notices, problem);
    }
    let mut log = loaded.value;
    if log.pack_id.is_empty() {
        log.pack_id = pack_id.to_owned();
    }
    let state = ReviewState {
        log: RwSignal::new(log),
        pack_id: StoredValue::new(pack_id.to_owned()),
        notices,
    };
    storage::watch_scoped::<ReviewLog>(Some(pack_id), move |loaded| {
        if let Some(problem) = loaded.problem {
            report_read_problem(&notices, problem);
        }
        state.log.update(|ours| *ours = ours.merge(&loaded.value));
    });
    provide_context(state);
    state
}

pub fn use_reviews() -> ReviewState {
    expect_context::<ReviewState>()
}
