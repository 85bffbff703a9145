//! Fluency: an AI-literacy academy that runs entirely in the browser.
//!
//! `domain`, `i18n` and `site` are plain Rust and build on any target, so `cargo test` exercises them on the
//! host. Everything that needs a browser is compiled for `wasm32` only.

pub mod domain;
pub mod i18n;
pub mod site;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub use app::App;
