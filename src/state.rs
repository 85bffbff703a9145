//! Reactive state: each context wraps plain domain values in signals and is provided once, in
//! [`crate::app::App`] (or, for the areas loaded on demand, by [`areas::provide_area_contexts`]), by its
//! `provide_*_context` function.

pub mod areas;
pub mod certify;
pub mod curriculum;
pub mod i18n;
pub mod nav;
pub mod notices;
pub mod privacy;
pub mod profile;
pub mod progress;
pub mod review;
pub mod safekeeping;
pub mod tasks;
pub mod team;
pub mod updates;
pub mod xapi;
