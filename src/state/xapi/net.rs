//! The browser's side of talking to an LRS: `fetch` with xAPI's headers and a time limit, the
//! Content-Security-Policy signals, Web Locks, and a clock. Every decision about what a reply
//! means is the domain's ([`crate::domain::xapi::lrs`]).

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::{set_timeout_with_handle, window, window_event_listener_untyped};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::xapi::lrs::Reply;
use crate::domain::xapi::XAPI_VERSION;

thread_local! {
    /// Addresses the page's Content-Security-Policy refused to connect to, as the browser reported
    /// them (`securitypolicyviolation`).
    static BLOCKED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts recording the page's Content-Security-Policy refusals (once per page).
fn listen_for_policy_violations() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let handle = window_event_listener_untyped("securitypolicyviolation", |event| {
        if let Some(violation) = event.dyn_ref::<web_sys::SecurityPolicyViolationEvent>() {
            let uri = violation.blocked_uri();
            BLOCKED.with(|b| b.borrow_mut().push(uri));
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// Whether the browser reported that the policy blocked a connection to `origin`.
fn policy_blocked(origin: &str) -> bool {
    BLOCKED.with(|b| b.borrow().iter().any(|uri| uri.starts_with(origin)))
}

/// The Content-Security-Policy in the page's `<meta>` tag, if it has one.
pub fn meta_policy() -> Option<String> {
    window()
        .document()?
        .query_selector(r#"meta[http-equiv="Content-Security-Policy"]"#)
        .ok()
        .flatten()?
        .get_attribute("content")
}

/// The page's origin, such as `https://learn.example.org`.
pub fn site_origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Whether the browser believes it is online.
pub fn is_online() -> bool {
    window().navigator().on_line()
}

/// Milliseconds since the epoch.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A monotonic clock in milliseconds, for measuring durations.
pub fn monotonic_ms() -> f64 {
    window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = set_timeout_with_handle(
            move || {
                let _ = resolve.call0(&JsValue::NULL);
            },
            Duration::from_millis(u64::from(ms)),
        );
    });
    let _ = JsFuture::from(promise).await;
}

/// One request to an LRS.
pub struct LrsRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    /// The `Authorization` header value.
    pub authorization: &'a str,
    /// A JSON body.
    pub body: Option<&'a str>,
    /// The LRS's origin, to recognise a Content-Security-Policy refusal.
    pub origin: &'a str,
    /// How long the request may take.
    pub timeout_ms: u32,
}

/// Sends a request with xAPI's version header, no cookies and a time limit, and says how it ended.
pub async fn send(request: LrsRequest<'_>) -> Reply {
    listen_for_policy_violations();
    let Ok(headers) = web_sys::Headers::new() else {
        return Reply::NetworkFailed;
    };
    let _ = headers.set("Authorization", request.authorization);
    let _ = headers.set("X-Experience-API-Version", XAPI_VERSION);
    let init = web_sys::RequestInit::new();
    init.set_method(request.method);
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(body) = request.body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers_headers(&headers);
    let controller = web_sys::AbortController::new().ok();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = controller.clone().and_then(|controller| {
        let timed_out = timed_out.clone();
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            Duration::from_millis(u64::from(request.timeout_ms)),
        )
        .ok()
    });
    let reply = match JsFuture::from(window().fetch_with_str_and_init(request.url, &init)).await {
        Ok(value) => {
            let response: web_sys::Response = value.unchecked_into();
            let status = response.status();
            let body = match response.text() {
                Ok(promise) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_string()),
                Err(_) => None,
            };
            match body {
                Some(body) => Reply::Answered { status, body },
                None if timed_out.get() => Reply::TimedOut,
                None => Reply::NetworkFailed,
            }
        }
        Err(_) if timed_out.get() => Reply::TimedOut,
        Err(_) => {
            // The browser reports a policy refusal as an event queued beside the failed fetch;
            // give it a moment to arrive before deciding what the failure was.
            sleep(30).await;
            if policy_blocked(request.origin) {
                Reply::BlockedByPolicy
            } else {
                Reply::NetworkFailed
            }
        }
    };
    if let Some(timer) = timer {
        timer.clear();
    }
    reply
}

/// Asks the browser's Web Locks for the right to send learning records, held for as long as this
/// tab lives: one tab sends, the others queue, and when the sending tab closes the next one in
/// line takes over. `on_granted` runs when this tab holds it. Returns false when the browser has
/// no Web Locks (then the outbox's lease decides).
pub fn request_sender_lock(on_granted: impl FnOnce() + 'static) -> bool {
    let navigator: JsValue = window().navigator().into();
    let Ok(locks) = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")) else {
        return false;
    };
    let Ok(request) = js_sys::Reflect::get(&locks, &JsValue::from_str("request")) else {
        return false;
    };
    let Some(request) = request.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let callback = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
        on_granted();
        // Never settles: the lock is held until the tab goes away.
        js_sys::Promise::new(&mut |_, _| {})
    });
    request
        .call2(&locks, &JsValue::from_str("fluency.xapi-sender"), &callback)
        .is_ok()
}
