//! Pure domain logic: no Leptos, no web-sys, no gloo. Everything here is plain Rust, tested on the host
//! with `cargo test`, and called by the thin view layer.

pub mod backup;
pub mod calendar;
pub mod certification;
pub mod credential;
pub mod edition;
pub mod history;
pub mod identity;
pub mod item_lint;
pub mod manifest;
pub mod markdown;
pub mod open_badge;
pub mod pack;
pub mod pack_parts;
pub mod placement;
pub mod profile;
pub mod progress;
pub mod qr;
pub mod quiz;
pub mod report;
pub mod review;
pub mod safekeeping;
pub mod schema;
pub mod semver;
pub mod studio;
pub mod team;
pub mod validate;
pub mod xapi;
