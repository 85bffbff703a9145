//! The learner's signing key and issued certificates, kept in local storage.

use leptos::prelude::*;

use crate::domain::credential::{Certificates, IssuerKey};
use crate::state::notices::Notices;
use crate::state::profile::{report_read_problem, report_save_error};
use crate::state::progress::now;
use crate::storage;

#[derive(Clone, Copy)]
pub struct CertifyState {
    certificates: RwSignal<Certificates>,
    notices: Notices,
}

impl CertifyState {
    pub fn with<R>(&self, f: impl FnOnce(&Certificates) -> R) -> R {
        self.certificates.with(f)
    }

    pub fn snapshot(&self) -> Certificates {
        self.certificates.get_untracked()
    }

    /// Adds certificates (merging with what is stored) and saves them.
    pub fn add(&self, incoming: Certificates) {
        let stored = storage::load::<Certificates>();
        if let Some(problem) = stored.problem {
            report_read_problem(&self.notices, problem);
        }
        let merged = stored
            .value
            .merge(&self.certificates.get_untracked())
            .merge(&incoming);
        if let Err(error) = storage::save(&merged) {
            report_save_error(&self.notices, &error);
        }
        self.certificates.set(merged);
    }

    /// The signing seed if one exists; never creates a key.
    pub fn existing_seed(&self) -> Option<[u8; 32]> {
        let stored = storage::load::<IssuerKey>();
        if let Some(problem) = stored.problem {
            report_read_problem(&self.notices, problem);
        }
        stored.value.seed_bytes()
    }

    /// The signing seed, created from the browser's cryptographic random source on first use.
    pub fn seed(&self) -> Option<[u8; 32]> {
        if let Some(seed) = self.existing_seed() {
            return Some(seed);
        }
        let mut seed = [0u8; 32];
        window()
            .crypto()
            .ok()?
            .get_random_values_with_u8_array(&mut seed)
            .ok()?;
        if let Err(error) = storage::save(&IssuerKey::from_seed(&seed, now())) {
            report_save_error(&self.notices, &error);
            return None;
        }
        Some(seed)
    }
}

pub fn provide_certify_context(notices: Notices) -> CertifyState {
    let loaded = storage::load::<Certificates>();
    if let Some(problem) = loaded.problem {
        report_read_problem(&notices, problem);
    }
    let state = CertifyState {
        certificates: RwSignal::new(loaded.value),
        notices,
    };
    storage::watch::<Certificates>(move |loaded| {
        state
            .certificates
            .update(|ours| *ours = ours.merge(&loaded.value));
    });
    provide_context(state);
    state
}

pub fn use_certify() -> CertifyState {
    expect_context::<CertifyState>()
}
