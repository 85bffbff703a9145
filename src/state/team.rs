//! The manager's team as a signal: loaded when the Team page opens (it can be large, so no other
//! page pays for it), saved after every change, and kept in step with other tabs.

use leptos::prelude::*;

use crate::domain::team::Team;
use crate::state::notices::Notices;
use crate::state::profile::{report_read_problem, report_save_error};
use crate::storage;

#[derive(Clone, Copy)]
pub struct TeamState {
    team: RwSignal<Team>,
    /// Counts the changes to `team` since the page opened: one more for each [`TeamState::set`]
    /// and each change from another tab.
    revision: StoredValue<u64>,
    notices: Notices,
}

impl TeamState {
    pub fn load(notices: Notices) -> TeamState {
        let loaded = storage::load::<Team>();
        if let Some(problem) = loaded.problem {
            report_read_problem(&notices, problem);
        }
        let state = TeamState {
            team: RwSignal::new(loaded.value),
            revision: StoredValue::new(0),
            notices,
        };
        let handle = storage::watch::<Team>(move |loaded| {
            state.revision.update_value(|r| *r += 1);
            state.team.set(loaded.value);
        });
        on_cleanup(move || handle.remove());
        state
    }

    pub fn with<R>(&self, f: impl FnOnce(&Team) -> R) -> R {
        self.team.with(f)
    }

    /// A number that changes whenever the team does: equal revisions mean no change between them.
    pub fn revision(&self) -> u64 {
        self.revision.get_value()
    }

    pub fn snapshot(&self) -> Team {
        self.team.get_untracked()
    }

    /// Replaces the team and saves it. If saving fails (storage full), the change still shows in
    /// this tab and the user is told it was not kept.
    pub fn set(&self, next: Team) {
        self.revision.update_value(|r| *r += 1);
        if let Err(error) = storage::save(&next) {
            report_save_error(&self.notices, &error);
        }
        self.team.set(next);
    }

    pub fn update<R>(&self, change: impl FnOnce(&mut Team) -> R) -> R {
        let mut next = self.snapshot();
        let out = change(&mut next);
        self.set(next);
        out
    }
}
