//! Whether the learner agreed to send learning records to their organisation: the shell words its
//! privacy notes (footer, home page) by it, so they never say "nothing is sent" when something is.
//!
//! The shell reads the stored decision without decoding it (its type lives in the areas); the
//! records context (`state::xapi`) keeps the signal up to date once an area has loaded.

use leptos::prelude::*;

use crate::domain::xapi::consent::{stored_as_given, Consent};
use crate::storage;

/// True while a decision to send learning records stands.
#[derive(Clone, Copy)]
pub struct RecordsShared(pub RwSignal<bool>);

/// Called once by `App`.
pub fn provide_records_shared_context() -> RecordsShared {
    let given = storage::peek::<Consent>().is_some_and(|raw| stored_as_given(&raw));
    let shared = RecordsShared(RwSignal::new(given));
    provide_context(shared);
    shared
}

pub fn use_records_shared() -> Option<RecordsShared> {
    use_context::<RecordsShared>()
}
