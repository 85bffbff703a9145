//! Cooperative scheduling: long work in the browser's main thread is cut into tasks, so that input
//! and painting are never held up for long (the "long task" of the W3C Long Tasks API is one over
//! 50 ms; Lighthouse's total blocking time adds up what each goes over).

use leptos::prelude::window;
use wasm_bindgen_futures::JsFuture;

/// Ends the current task and resumes in a new one (a `setTimeout(0)` callback), after the browser
/// has had the chance to handle input and paint.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}
