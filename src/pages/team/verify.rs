//! Signature checks for report batches in the browser: Web Crypto's Ed25519 in workers (one per core,
//! off the main thread), else Web Crypto on the main thread, else the domain's own verifier. All three
//! give the same answers; the first is much faster for thousands of reports.
//!
//! Batches go to the workers in turn, several at a time: a worker answers its batches in the order
//! it got them, so it always has the next one queued while it checks the current one, and the page
//! prepares further batches meanwhile.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::report::{SignatureBatch, SignatureParts};

const WORKER_URL: &str = "/team-verify-worker.js";

/// The `(resolve, reject)` functions of the replies a worker still owes, oldest first.
type Owed = Rc<RefCell<VecDeque<(js_sys::Function, js_sys::Function)>>>;

/// One verification worker and the replies it owes.
struct Lane {
    worker: web_sys::Worker,
    owed: Owed,
    /// Set when the worker failed: it gets nothing more, since it would never answer.
    failed: Rc<Cell<bool>>,
    // Typed as Leptos' own event handlers are, so that they need no glue of their own in the
    // shell's JS.
    _on_message: Closure<dyn FnMut(web_sys::Event)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Lane {
    fn new() -> Option<Lane> {
        let worker = web_sys::Worker::new(WORKER_URL).ok()?;
        let owed: Owed = Rc::default();
        let replies = owed.clone();
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some((resolve, _)) = replies.borrow_mut().pop_front() {
                let _ = resolve.call1(&JsValue::NULL, &event);
            }
        });
        let (unanswered, failed) = (owed.clone(), Rc::new(Cell::new(false)));
        let failing = failed.clone();
        // A worker that fails (its script did not load, say) answers nothing it owes.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |error: web_sys::Event| {
            failing.set(true);
            for (_, reject) in unanswered.borrow_mut().drain(..) {
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Lane {
            worker,
            owed,
            failed,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Posts a batch (four flat arrays rather than three small ones per report); resolves with
    /// the worker's reply.
    fn post(&self, batch: &SignatureBatch) -> Option<js_sys::Promise> {
        if self.failed.get() {
            return None;
        }
        let job = js_sys::Object::new();
        let keys = js_sys::Uint8Array::from(&batch.keys[..]);
        js_sys::Reflect::set(&job, &"keys".into(), &keys).ok()?;
        let signatures = js_sys::Uint8Array::from(&batch.signatures[..]);
        js_sys::Reflect::set(&job, &"signatures".into(), &signatures).ok()?;
        let messages = js_sys::Uint8Array::from(&batch.messages[..]);
        js_sys::Reflect::set(&job, &"messages".into(), &messages).ok()?;
        let offsets = js_sys::Uint32Array::from(&batch.offsets[..]);
        js_sys::Reflect::set(&job, &"offsets".into(), &offsets).ok()?;
        let owed = self.owed.clone();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            owed.borrow_mut().push_back((resolve, reject));
        });
        if self.worker.post_message(&job).is_err() {
            self.owed.borrow_mut().pop_back();
            return None;
        }
        Some(promise)
    }
}

/// The verification workers, created on first use and kept for the page's lifetime.
pub struct Verifier {
    lanes: Vec<Lane>,
    /// The lane the next batch goes to.
    next: usize,
    /// False once a worker showed it cannot check (no Ed25519 in its Web Crypto, or it failed).
    use_workers: bool,
    /// False once the browser showed it has no Ed25519 in Web Crypto.
    web_crypto: bool,
}

impl Verifier {
    /// One worker per core, at most four; none when workers cannot be started.
    pub fn new() -> Verifier {
        let cores = window().navigator().hardware_concurrency() as usize;
        let lanes: Vec<Lane> = (0..cores.clamp(1, 4)).map_while(|_| Lane::new()).collect();
        Verifier {
            use_workers: !lanes.is_empty(),
            lanes,
            next: 0,
            web_crypto: true,
        }
    }

    /// Starts checking a batch on the next worker in turn; the caller may start more before it
    /// finishes any.
    pub fn start(&mut self, batch: SignatureBatch) -> Job {
        let reply = if self.use_workers && self.web_crypto {
            let lane = &self.lanes[self.next % self.lanes.len()];
            self.next += 1;
            lane.post(&batch)
        } else {
            None
        };
        Job { batch, reply }
    }

    /// Whether batches still go to the workers (rather than being checked on this thread).
    pub fn uses_workers(&self) -> bool {
        self.use_workers && self.web_crypto
    }

    /// Whether each signature of the batch is valid, in order. Entries that cannot be checked
    /// are invalid.
    pub async fn finish(&mut self, job: Job) -> Vec<bool> {
        let n = job.batch.len();
        let checkable = |valid: Vec<bool>| -> Vec<bool> {
            valid
                .into_iter()
                .zip(&job.batch.checkable)
                .map(|(v, c)| v && *c)
                .collect()
        };
        if let Some(reply) = job.reply {
            if let Some(valid) = collect(reply, n).await {
                return checkable(valid);
            }
            self.use_workers = false;
        }
        let parts: Vec<Option<SignatureParts>> = (0..n).map(|i| job.batch.parts(i)).collect();
        if self.web_crypto {
            if let Some(valid) = on_main_thread(&parts).await {
                return checkable(valid);
            }
            self.web_crypto = false;
        }
        parts
            .iter()
            .map(|p| p.as_ref().is_some_and(SignatureParts::verify))
            .collect()
    }
}

/// A batch being checked.
pub struct Job {
    batch: SignatureBatch,
    reply: Option<js_sys::Promise>,
}

impl Drop for Verifier {
    fn drop(&mut self) {
        for lane in &self.lanes {
            lane.worker.set_onmessage(None);
            lane.worker.set_onerror(None);
            lane.worker.terminate();
        }
    }
}

/// The worker's answer: one boolean per entry, or `None` when it could not check them.
async fn collect(reply: js_sys::Promise, expected: usize) -> Option<Vec<bool>> {
    let event = JsFuture::from(reply).await.ok()?;
    let data = event.dyn_into::<web_sys::MessageEvent>().ok()?.data();
    if data.is_null() {
        return None;
    }
    let valid: Vec<bool> = js_sys::Array::from(&data)
        .iter()
        .map(|v| v.as_bool() == Some(true))
        .collect();
    (valid.len() == expected).then_some(valid)
}

fn settled_values(settled: JsValue) -> Vec<Option<JsValue>> {
    js_sys::Array::from(&settled)
        .iter()
        .map(|item| {
            let status = js_sys::Reflect::get(&item, &JsValue::from_str("status")).ok()?;
            (status.as_string()? == "fulfilled")
                .then(|| js_sys::Reflect::get(&item, &JsValue::from_str("value")).ok())
                .flatten()
        })
        .collect()
}

/// Checks a batch of signatures with the browser's own Ed25519 (Web Crypto), all at once, which is
/// much faster than doing the curve arithmetic in wasm. `None` when the browser has no Ed25519; the
/// caller then uses the domain's verifier, which gives the same answers.
async fn on_main_thread(parts: &[Option<SignatureParts>]) -> Option<Vec<bool>> {
    let subtle = window().crypto().ok()?.subtle();
    let usages = js_sys::Array::of1(&JsValue::from_str("verify"));
    let imports = js_sys::Array::new();
    for part in parts {
        let promise = match part {
            Some(p) => {
                let raw = js_sys::Uint8Array::from(&p.public_key[..]);
                subtle
                    .import_key_with_str("raw", &raw, "Ed25519", false, &usages)
                    .unwrap_or_else(|e| js_sys::Promise::reject(&e))
            }
            None => js_sys::Promise::reject(&JsValue::NULL),
        };
        imports.push(&promise);
    }
    let keys = settled_values(
        JsFuture::from(js_sys::Promise::all_settled(&imports))
            .await
            .ok()?,
    );
    if keys.iter().all(Option::is_none) && parts.iter().any(Option::is_some) {
        return None;
    }
    let checks = js_sys::Array::new();
    for (part, key) in parts.iter().zip(&keys) {
        let promise = match (part, key) {
            (Some(p), Some(key)) => subtle
                .verify_with_str_and_u8_array_and_u8_array(
                    "Ed25519",
                    key.unchecked_ref(),
                    &p.signature,
                    &p.message,
                )
                .unwrap_or_else(|e| js_sys::Promise::reject(&e)),
            _ => js_sys::Promise::resolve(&JsValue::FALSE),
        };
        checks.push(&promise);
    }
    let results = settled_values(
        JsFuture::from(js_sys::Promise::all_settled(&checks))
            .await
            .ok()?,
    );
    Some(
        results
            .into_iter()
            .map(|r| r.and_then(|v| v.as_bool()).unwrap_or(false))
            .collect(),
    )
}
