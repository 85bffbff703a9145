//! The Studio: trainers author, preview, validate and publish curriculum packs in the browser.

pub mod compare;
pub mod editor;
pub mod export;
pub mod fields;
pub mod home;
pub mod metadata;
pub mod open_pack;
pub mod placement;
pub mod preview;
pub mod question_editor;
pub mod session;
pub mod translate;
pub mod tree;
pub mod unit_editor;
pub mod validation_panel;

pub use home::StudioPage;

use crate::i18n::Msg;
use crate::state::i18n::I18n;
use crate::storage::StorageError;

/// The message for a storage error while creating a draft, with the draft's size.
pub(crate) fn storage_problem(i18n: I18n, error: &StorageError, bytes: usize) -> String {
    match error {
        StorageError::QuotaExceeded { .. } => {
            let kb = bytes.div_ceil(1024).to_string();
            i18n.f(Msg::StudioQuotaCreate, &[("size", kb.as_str())])
        }
        other => other.to_string(),
    }
}
