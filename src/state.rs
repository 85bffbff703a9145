//! Reactive state: each context wraps plain domain values in signals and is provided once, in
//! [`crate::app::App`], by its `provide_*_context` function.

pub mod certify;
pub mod curriculum;
pub mod i18n;
pub mod notices;
pub mod profile;
pub mod progress;
pub mod team;
