//! What only the lazily loaded areas use: their messages, and the curriculum, progress and
//! certificate contexts.
//!
//! They are provided on the app's root owner when the first area starts (`AreaStart` in
//! `crate::app`), from code that lives in the area chunks, so the shell's first download does not
//! carry the pack parser, progress rules or certificate store. Once provided they live as long as the app, exactly as if
//! `App` had provided them.

use leptos::prelude::*;

use crate::state::certify::provide_certify_context;
use crate::state::curriculum::{provide_curriculum_context, Curriculum, Needs, SHIPPED_PACK_ID};
use crate::state::notices::use_notices;
use crate::state::profile::use_profile;
use crate::state::progress::provide_progress_context;
use crate::state::safekeeping::provide_safekeeping_context;

thread_local! {
    /// The app's root owner, so that area contexts outlive the page that first needed them, and
    /// can be provided from an area's start, which runs outside any component.
    static ROOT_OWNER: std::cell::RefCell<Option<Owner>> = const { std::cell::RefCell::new(None) };
}

/// Called once by `App`.
pub fn provide_root_owner() {
    let owner = Owner::current();
    ROOT_OWNER.with(|root| *root.borrow_mut() = owner);
}

/// Loads the area messages and provides the area contexts on the root owner unless they are there
/// already.
pub fn provide_area_contexts() {
    crate::i18n::load_area_messages();
    let Some(root) = ROOT_OWNER.with(|root| root.borrow().clone()) else {
        return;
    };
    root.with(|| {
        if use_context::<Curriculum>().is_some() {
            return;
        }
        let notices = use_notices();
        let profile = use_profile();
        let curriculum = provide_curriculum_context();
        let progress = provide_progress_context(notices, SHIPPED_PACK_ID);
        let reviews = crate::state::review::provide_review_context(notices, SHIPPED_PACK_ID);
        let certify = provide_certify_context(notices);
        crate::state::xapi::provide_xapi_context(notices, curriculum, progress, certify);
        provide_safekeeping_context(notices, profile, progress, reviews, certify);
        // Remember which pack version the progress was last used with; recertification compares it.
        Effect::new(move |_| {
            if let Some(Ok(pack)) = curriculum.pack_for(&Needs::Outline) {
                if progress.with(|p| p.pack_version != pack.version) {
                    progress.update(|p| p.pack_version.clone_from(&pack.version));
                }
            }
        });
    });
}
