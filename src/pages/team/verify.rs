//! Signature checks for report batches in the browser: Web Crypto's Ed25519 in workers (one per core,
//! off the main thread), else Web Crypto on the main thread, else the domain's own verifier. All three
//! give the same answers; the first is much faster for thousands of reports.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::report::SignatureParts;

const WORKER_URL: &str = "/team-verify-worker.js";

/// The verification workers, created on first use and kept for the page's lifetime.
#[derive(Clone)]
pub struct Verifier {
    workers: Vec<web_sys::Worker>,
    /// False once the browser showed it has no Ed25519 in Web Crypto.
    web_crypto: bool,
}

impl Verifier {
    pub fn new() -> Verifier {
        let cores = window().navigator().hardware_concurrency() as usize;
        let workers = (0..cores.clamp(1, 4))
            .map_while(|_| web_sys::Worker::new(WORKER_URL).ok())
            .collect();
        Verifier {
            workers,
            web_crypto: true,
        }
    }

    /// Starts checking a batch; the workers run while the caller prepares the next one.
    pub fn start(&self, parts: Vec<Option<SignatureParts>>) -> Job {
        let replies = (self.web_crypto && !self.workers.is_empty())
            .then(|| post_to_workers(&self.workers, &parts))
            .flatten();
        Job { parts, replies }
    }

    /// Whether each signature of the batch is valid, in order. Undecodable parts are invalid.
    pub async fn finish(&mut self, job: Job) -> Vec<bool> {
        if let Some(replies) = job.replies {
            if let Some(valid) = collect(replies, job.parts.len()).await {
                return valid;
            }
            self.workers.clear();
        }
        if self.web_crypto {
            if let Some(valid) = on_main_thread(&job.parts).await {
                return valid;
            }
            self.web_crypto = false;
        }
        job.parts
            .iter()
            .map(|p| p.as_ref().is_some_and(SignatureParts::verify))
            .collect()
    }
}

/// A batch being checked.
pub struct Job {
    parts: Vec<Option<SignatureParts>>,
    replies: Option<js_sys::Promise>,
}

impl Drop for Verifier {
    fn drop(&mut self) {
        for worker in &self.workers {
            worker.terminate();
        }
    }
}

/// Resolves with the worker's next reply.
fn reply(worker: &web_sys::Worker) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
    })
}

fn post_to_workers(
    workers: &[web_sys::Worker],
    parts: &[Option<SignatureParts>],
) -> Option<js_sys::Promise> {
    let size = parts.len().div_ceil(workers.len()).max(1);
    let replies = js_sys::Array::new();
    for (worker, slice) in workers.iter().zip(parts.chunks(size)) {
        // Four flat arrays per worker rather than three small arrays per report.
        let (mut keys, mut signatures) = (
            Vec::with_capacity(32 * slice.len()),
            Vec::with_capacity(64 * slice.len()),
        );
        let mut messages = Vec::new();
        let mut offsets = Vec::with_capacity(slice.len() + 1);
        offsets.push(0u32);
        for part in slice {
            match part {
                Some(p) => {
                    keys.extend_from_slice(&p.public_key);
                    signatures.extend_from_slice(&p.signature);
                    messages.extend_from_slice(&p.message);
                }
                None => {
                    keys.extend_from_slice(&[0; 32]);
                    signatures.extend_from_slice(&[0; 64]);
                }
            }
            offsets.push(u32::try_from(messages.len()).ok()?);
        }
        let job = js_sys::Object::new();
        js_sys::Reflect::set(&job, &"keys".into(), &js_sys::Uint8Array::from(&keys[..])).ok()?;
        js_sys::Reflect::set(
            &job,
            &"signatures".into(),
            &js_sys::Uint8Array::from(&signatures[..]),
        )
        .ok()?;
        js_sys::Reflect::set(
            &job,
            &"messages".into(),
            &js_sys::Uint8Array::from(&messages[..]),
        )
        .ok()?;
        js_sys::Reflect::set(
            &job,
            &"offsets".into(),
            &js_sys::Uint32Array::from(&offsets[..]),
        )
        .ok()?;
        let promise = reply(worker);
        worker.post_message(&job).ok()?;
        replies.push(&promise);
    }
    Some(js_sys::Promise::all(&replies))
}

async fn collect(replies: js_sys::Promise, expected: usize) -> Option<Vec<bool>> {
    let events = JsFuture::from(replies).await.ok()?;
    let mut valid = Vec::with_capacity(expected);
    for event in js_sys::Array::from(&events).iter() {
        let data = event.dyn_into::<web_sys::MessageEvent>().ok()?.data();
        if data.is_null() {
            return None;
        }
        valid.extend(
            js_sys::Array::from(&data)
                .iter()
                .map(|v| v.as_bool() == Some(true)),
        );
    }
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
