//! The learner profile as a signal: loaded once, saved on every change, kept in step with other tabs,
//! and reflected on `<html>` (`lang` and `data-theme`).

use leptos::prelude::*;

use crate::domain::profile::{Language, Profile};
use crate::i18n::Msg;
use crate::state::notices::{Download, Notices, Tone};
use crate::storage::{self, ReadProblem, StorageError};

#[derive(Clone, Copy)]
pub struct ProfileState {
    profile: RwSignal<Profile>,
    /// Bumped after each successful save, so forms can show a "saved" state.
    saves: RwSignal<u32>,
    notices: Notices,
}

impl ProfileState {
    pub fn with<R>(&self, f: impl FnOnce(&Profile) -> R) -> R {
        self.profile.with(f)
    }

    pub fn saves(&self) -> u32 {
        self.saves.get()
    }

    /// Changes the profile and stores it. If storing fails, the change still applies to this tab and
    /// the user is told that it was not saved; what was stored before is left as it was.
    pub fn update(&self, change: impl FnOnce(&mut Profile)) {
        let mut next = self.profile.get_untracked();
        change(&mut next);
        if next == self.profile.get_untracked() {
            return;
        }
        match storage::save(&next) {
            Ok(()) => self.saves.update(|n| *n += 1),
            Err(error) => report_save_error(&self.notices, &error),
        }
        self.profile.set(next);
    }
}

pub fn report_save_error(notices: &Notices, error: &StorageError) {
    match error {
        StorageError::QuotaExceeded { .. } => notices.say(Tone::Error, Msg::NoticeQuota),
        StorageError::HeldByNewerVersion { .. } => notices.say(Tone::Error, Msg::NoticeHeldByNewer),
        StorageError::Refused(reason) => notices.push(
            Tone::Error,
            Msg::NoticeSaveRefused,
            vec![("reason", reason.clone())],
            None,
        ),
    }
}

pub fn report_read_problem(notices: &Notices, problem: ReadProblem) {
    match problem {
        ReadProblem::Recovered {
            key,
            backup_key,
            original,
            ..
        } => notices.push(
            Tone::Warning,
            Msg::NoticeRecovered,
            vec![("key", key), ("backup", backup_key.clone())],
            Some(Download {
                file_name: format!("{backup_key}.txt"),
                contents: original,
            }),
        ),
        ReadProblem::TooNew { key, .. } => {
            notices.push(Tone::Warning, Msg::NoticeTooNew, vec![("key", key)], None)
        }
    }
}

pub fn provide_profile_context(notices: Notices) -> ProfileState {
    let loaded = storage::load::<Profile>();
    if let Some(problem) = loaded.problem {
        report_read_problem(&notices, problem);
    }
    match storage::health() {
        storage::Health::MemoryOnly => notices.say(Tone::Warning, Msg::NoticeMemoryOnly),
        storage::Health::Full => notices.say(Tone::Warning, Msg::NoticeStorageFull),
        storage::Health::Persistent => {}
    }
    let state = ProfileState {
        profile: RwSignal::new(loaded.value),
        saves: RwSignal::new(0),
        notices,
    };
    storage::watch::<Profile>(move |loaded| {
        if let Some(problem) = loaded.problem {
            report_read_problem(&notices, problem);
        } else if loaded.value != state.profile.get_untracked() {
            notices.say(Tone::Info, Msg::NoticeOtherTab);
        }
        state.profile.set(loaded.value);
    });
    provide_context(state);
    state
}

pub fn use_profile() -> ProfileState {
    expect_context::<ProfileState>()
}

/// Keeps `<html lang>` and `<html data-theme>` in step with the profile.
pub fn reflect_on_document(state: ProfileState, language: Memo<Language>) {
    Effect::new(move |_| {
        let theme = state.with(|p| p.theme);
        let lang = language.get();
        let Some(root) = document().document_element() else {
            return;
        };
        let _ = root.set_attribute("lang", lang.tag());
        match theme.attribute() {
            Some(value) => {
                let _ = root.set_attribute("data-theme", value);
            }
            None => {
                let _ = root.remove_attribute("data-theme");
            }
        }
    });
}

/// Whether the operating system currently asks for a dark theme.
pub fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}
