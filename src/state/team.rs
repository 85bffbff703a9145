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
            notices,
        };
        let handle = storage::watch::<Team>(move |loaded| state.team.set(loaded.value));
        on_cleanup(move || handle.remove());
        state
    }

    pub fn with<R>(&self, f: impl FnOnce(&Team) -> R) -> R {
        self.team.with(f)
    }

    pub fn snapshot(&self) -> Team {
        self.team.get_untracked()
    }

    /// Replaces the team and saves it. If saving fails (storage full), the change still shows in
    /// this tab and the user is told it was not kept.
    pub fn set(&self, next: Team) {
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
