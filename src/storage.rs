//! The only code in Fluency that touches `localStorage`.
//!
//! Every key is `fluency.<Schema::KEY>` and holds the versioned envelope from
//! [`crate::domain::schema`]. This module adds what only a browser can do: the memory fallback when
//! storage is blocked, keeping unreadable data aside under a backup key, recognising quota errors, and
//! listening for other tabs through the `storage` event.
//!
//! Values are read, written and deleted with `gloo-storage`'s `LocalStorage`, and only after the
//! start-up probe found storage reachable, so its panicking paths (storage absent or throwing on
//! access) are never reached. Two things stay on the raw `web_sys::Storage`: the raw text of an
//! unreadable value, which recovery sets aside exactly as it was, and key iteration (gloo's
//! `get_all` parses every key and fails as a whole on one bad value).
//!
//! Reading never depends on writing: storage that is full when the app starts is still read, and
//! only writes fail ([`health`] says so, and each failed write reports `QuotaExceeded`).

use std::cell::{Cell, RefCell};

use gloo_storage::{LocalStorage, Storage as _};
use leptos::ev;
use leptos::prelude::window_event_listener;
use wasm_bindgen::JsCast;

use crate::domain::schema::{
    decode, decode_envelope, encode, envelope, DecodeError, Envelope, Schema,
};

const PREFIX: &str = "fluency.";
const BACKUP_PREFIX: &str = "fluency.backup.";
const PROBE_KEY: &str = "fluency.probe";

/// Why a value could not be written. The previously stored value is untouched in every case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("the browser's storage is full ({bytes} bytes could not be written)")]
    QuotaExceeded { bytes: usize },
    #[error("this key holds data from a newer version of Fluency (schema {found}), which this version will not overwrite")]
    HeldByNewerVersion { found: u32 },
    #[error("the browser refused to store the data: {0}")]
    Refused(String),
}

/// Something the user should hear about after a read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// The stored text could not be read. It was copied to `backup_key` and is offered as a download.
    Recovered {
        key: String,
        backup_key: String,
        original: String,
        reason: String,
    },
    /// A newer version wrote this key; we run with defaults and do not overwrite it.
    TooNew {
        key: String,
        found: u32,
        supported: u32,
    },
}

/// What a read returns: always a usable value, plus what went wrong on the way.
pub struct Loaded<T> {
    pub value: T,
    pub problem: Option<ReadProblem>,
}

enum Backend {
    /// `localStorage`, reachable. The raw object serves raw-text reads and key iteration.
    Local(web_sys::Storage),
    /// Storage is blocked or absent: values live only as long as the tab.
    Memory(RefCell<KeyList<String>>),
}

/// Whether what the app stores lasts beyond this tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// Stored values are read and written.
    Persistent,
    /// Stored values are read, but the last write (or the start-up probe) found storage full:
    /// changes stay in this tab until space is freed.
    Full,
    /// Storage is blocked or absent: everything is kept in memory for this tab only.
    MemoryOnly,
}

/// A few values by key. Fluency keeps a handful of keys, and a list costs the first download far
/// less code than a map.
struct KeyList<V>(Vec<(String, V)>);

impl<V> KeyList<V> {
    const fn new() -> Self {
        KeyList(Vec::new())
    }

    fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn insert(&mut self, key: &str, value: V) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }

    fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }

    fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

thread_local! {
    static BACKEND: Backend = open_backend();
    /// Set when the start-up probe or a later write ran out of quota; cleared by a write that fits.
    static FULL: Cell<bool> = const { Cell::new(false) };
    /// Keys whose stored data came from a newer version; writing to them is refused.
    static HELD_KEYS: RefCell<KeyList<u32>> = const { RefCell::new(KeyList::new()) };
}

fn open_backend() -> Backend {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Backend::Memory(RefCell::new(KeyList::new()));
    };
    // Some browsers hand out a storage object that throws on first write (private modes). A probe
    // that fails only for lack of space is different: what is stored can still be read.
    match storage.set_item(PROBE_KEY, "1") {
        Ok(()) => {
            let _ = storage.remove_item(PROBE_KEY);
            Backend::Local(storage)
        }
        Err(error) => match classify(error, 1) {
            StorageError::QuotaExceeded { .. } => {
                FULL.with(|f| f.set(true));
                Backend::Local(storage)
            }
            _ => Backend::Memory(RefCell::new(KeyList::new())),
        },
    }
}

/// False when storage is blocked and everything is kept in memory for this tab only.
pub fn is_persistent() -> bool {
    BACKEND.with(|b| matches!(b, Backend::Local(_)))
}

/// How storage stands now: persistent, readable but full, or memory only.
pub fn health() -> Health {
    if !is_persistent() {
        Health::MemoryOnly
    } else if FULL.with(Cell::get) {
        Health::Full
    } else {
        Health::Persistent
    }
}

/// `fluency.<KEY>`, or `fluency.<KEY>.<scope>` for values kept once per pack.
fn full_key<S: Schema>(scope: Option<&str>) -> String {
    match scope {
        Some(scope) => format!("{PREFIX}{}.{scope}", S::KEY),
        None => format!("{PREFIX}{}", S::KEY),
    }
}

/// The stored text under a key, exactly as it is.
fn read_raw(key: &str) -> Option<String> {
    BACKEND.with(|b| match b {
        Backend::Local(s) => s.get_item(key).ok().flatten(),
        Backend::Memory(m) => m.borrow().get(key).cloned(),
    })
}

/// What a read found under a key.
enum Found {
    Missing,
    /// An envelope, parsed.
    Envelope(Envelope),
    /// Text that is not an envelope (kept as it was, for recovery).
    Unreadable(String),
}

fn read_envelope(key: &str) -> Found {
    let raw = |key: &str| read_raw(key).map_or(Found::Missing, Found::Unreadable);
    let local = BACKEND.with(|b| matches!(b, Backend::Local(_)));
    if !local {
        return match read_raw(key).map(|t| serde_json::from_str::<Envelope>(&t)) {
            Some(Ok(envelope)) => Found::Envelope(envelope),
            Some(Err(_)) => raw(key),
            None => Found::Missing,
        };
    }
    match LocalStorage::get::<Envelope>(key) {
        Ok(envelope) => Found::Envelope(envelope),
        Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => Found::Missing,
        // Not an envelope: read the raw text again, to keep it aside as it is.
        Err(_) => raw(key),
    }
}

/// Writes text as it is (recovery's copy of unreadable data).
fn write_raw(key: &str, value: &str) -> Result<(), StorageError> {
    let result = BACKEND.with(|b| match b {
        Backend::Local(s) => s.set_item(key, value).map_err(|e| classify(e, value.len())),
        Backend::Memory(m) => {
            m.borrow_mut().insert(key, value.to_owned());
            Ok(())
        }
    });
    note_write(&result);
    result
}

/// Writes a value in the current envelope with `gloo-storage`.
fn write_value<S: Schema>(key: &str, value: &S) -> Result<(), StorageError> {
    let result = BACKEND.with(|b| match b {
        Backend::Local(_) => LocalStorage::set(key, envelope(value)).map_err(|e| match e {
            gloo_storage::errors::StorageError::JsError(js) => {
                if js.name == "QuotaExceededError" {
                    StorageError::QuotaExceeded {
                        bytes: encode(value).len(),
                    }
                } else {
                    StorageError::Refused(js.message)
                }
            }
            other => StorageError::Refused(other.to_string()),
        }),
        Backend::Memory(m) => {
            m.borrow_mut().insert(key, encode(value));
            Ok(())
        }
    });
    note_write(&result);
    result
}

fn note_write(result: &Result<(), StorageError>) {
    match result {
        Ok(()) => FULL.with(|f| f.set(false)),
        Err(StorageError::QuotaExceeded { .. }) => FULL.with(|f| f.set(true)),
        Err(_) => {}
    }
}

fn classify(error: wasm_bindgen::JsValue, bytes: usize) -> StorageError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => {
            StorageError::QuotaExceeded { bytes }
        }
        Some(e) => StorageError::Refused(e.message()),
        None => StorageError::Refused(format!("{error:?}")),
    }
}

/// Reads a value, migrating it if needed. Never fails: problems come back beside a default value.
pub fn load<S: Schema>() -> Loaded<S> {
    load_scoped::<S>(None)
}

/// Like [`load`], for a value kept once per scope (such as progress per pack id).
pub fn load_scoped<S: Schema>(scope: Option<&str>) -> Loaded<S> {
    let key = full_key::<S>(scope);
    match read_envelope(&key) {
        Found::Missing => Loaded {
            value: S::default(),
            problem: None,
        },
        Found::Envelope(envelope) => settle::<S>(&key, None, decode_envelope::<S>(envelope)),
        Found::Unreadable(raw) => interpret::<S>(&key, &raw),
    }
}

fn interpret<S: Schema>(key: &str, raw: &str) -> Loaded<S> {
    settle::<S>(key, Some(raw), decode::<S>(raw))
}

/// Turns a decode result into a usable value, setting unreadable data aside. `raw` is the stored
/// text when the caller has it; otherwise it is read again only if it has to be kept aside.
fn settle<S: Schema>(
    key: &str,
    raw: Option<&str>,
    decoded: Result<crate::domain::schema::Decoded<S>, DecodeError>,
) -> Loaded<S> {
    match decoded {
        Ok(decoded) => {
            HELD_KEYS.with(|h| h.borrow_mut().remove(key));
            if decoded.was_migrated(S::VERSION) {
                // Best effort: if the upgrade cannot be written the old data still decodes next time.
                let _ = write_value(key, &decoded.value);
            }
            Loaded {
                value: decoded.value,
                problem: None,
            }
        }
        Err(DecodeError::TooNew { found, supported }) => {
            HELD_KEYS.with(|h| h.borrow_mut().insert(key, found));
            Loaded {
                value: S::default(),
                problem: Some(ReadProblem::TooNew {
                    key: key.to_owned(),
                    found,
                    supported,
                }),
            }
        }
        Err(error) => {
            let Some(raw) = raw.map(str::to_owned).or_else(|| read_raw(key)) else {
                return Loaded {
                    value: S::default(),
                    problem: None,
                };
            };
            let raw = raw.as_str();
            let backup_key = format!(
                "{BACKUP_PREFIX}{}.{}",
                key.trim_start_matches(PREFIX),
                js_sys::Date::now() as u64
            );
            // Keep the original before anything else can write to the key. If even the backup cannot be
            // written, the original stays in place under its own key and is still offered for download.
            let kept_aside = write_raw(&backup_key, raw).is_ok();
            if kept_aside {
                remove_raw(key);
            }
            Loaded {
                value: S::default(),
                problem: Some(ReadProblem::Recovered {
                    key: key.to_owned(),
                    backup_key: if kept_aside {
                        backup_key
                    } else {
                        key.to_owned()
                    },
                    original: raw.to_owned(),
                    reason: error.to_string(),
                }),
            }
        }
    }
}

fn remove_raw(key: &str) {
    BACKEND.with(|b| match b {
        Backend::Local(_) => LocalStorage::delete(key),
        Backend::Memory(m) => {
            m.borrow_mut().remove(key);
        }
    });
}

/// The stored text of a schema's key, exactly as it is: no decoding, no migration, nothing set
/// aside. For the shell's quick looks at data whose type lives in the areas.
pub fn peek<S: Schema>() -> Option<String> {
    read_raw(&full_key::<S>(None))
}

/// Writes a value in the current envelope. On any error the previous value stays as it was.
pub fn save<S: Schema>(value: &S) -> Result<(), StorageError> {
    save_scoped(None, value)
}

/// Like [`save`], for a value kept once per scope.
pub fn save_scoped<S: Schema>(scope: Option<&str>, value: &S) -> Result<(), StorageError> {
    let key = full_key::<S>(scope);
    if let Some(found) = HELD_KEYS.with(|h| h.borrow().get(&key).copied()) {
        return Err(StorageError::HeldByNewerVersion { found });
    }
    write_value(&key, value)
}

/// Removes a value kept once per scope (such as a deleted draft).
pub fn remove_scoped<S: Schema>(scope: Option<&str>) {
    remove_raw(&full_key::<S>(scope));
}

/// Every backup key currently kept, newest last.
pub fn backup_keys() -> Vec<String> {
    let mut keys: Vec<String> = BACKEND.with(|b| match b {
        Backend::Local(s) => (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .collect(),
        Backend::Memory(m) => m.borrow().keys().cloned().collect(),
    });
    keys.retain(|k| k.starts_with(BACKUP_PREFIX));
    keys.sort();
    keys
}

/// Calls `apply` whenever another tab changes this schema's key. The value is decoded exactly as on
/// load, so corrupt or newer data written elsewhere is reported the same way.
pub fn watch<S: Schema + 'static>(
    apply: impl Fn(Loaded<S>) + 'static,
) -> leptos::prelude::WindowListenerHandle {
    watch_scoped::<S>(None, apply)
}

/// Like [`watch`], for a value kept once per scope.
pub fn watch_scoped<S: Schema + 'static>(
    scope: Option<&str>,
    apply: impl Fn(Loaded<S>) + 'static,
) -> leptos::prelude::WindowListenerHandle {
    let key = full_key::<S>(scope);
    window_event_listener(ev::storage, move |event: web_sys::StorageEvent| {
        // `key` is null when another tab called `localStorage.clear()`.
        let changed = event.key();
        if changed.as_deref().is_some_and(|k| k != key) {
            return;
        }
        let loaded = match event.new_value() {
            Some(raw) if changed.is_some() => interpret::<S>(&key, &raw),
            _ => Loaded {
                value: S::default(),
                problem: None,
            },
        };
        apply(loaded);
    })
}

/// Reads a file the user chose or dropped as text; `None` when the browser cannot read it.
pub async fn read_file_text(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
        .map(String::from)
}

/// Offers text as a file download, without any network request.
pub fn download_text(file_name: &str, mime: &str, contents: &str) -> Result<(), StorageError> {
    let refused = |e: wasm_bindgen::JsValue| StorageError::Refused(format!("{e:?}"));
    let window = web_sys::window().ok_or_else(|| StorageError::Refused("no window".into()))?;
    let document = window
        .document()
        .ok_or_else(|| StorageError::Refused("no document".into()))?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The window event that asks every pending writer to write now: the Studio's draft autosave and
/// the automatic backup file listen for it. The boot script sends it before a reload into a new
/// version (tools/boot.mjs).
pub const FLUSH_EVENT: &str = "fluency-flush";

/// Records a write in flight where the boot script finds it (`globalThis.fluencyPendingWrites`):
/// before reloading into a new version it waits until these have settled.
pub fn track_pending(write: &js_sys::Promise) {
    // Writes to one file run one after another, so only the latest can still be in flight.
    let list = js_sys::Array::new();
    list.push(write);
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &wasm_bindgen::JsValue::from_str("fluencyPendingWrites"),
        &list,
    );
}

/// The scopes under which values of a schema are kept, such as every pack id with progress.
pub fn scopes<S: Schema>() -> Vec<String> {
    let prefix = format!("{PREFIX}{}.", S::KEY);
    let mut found: Vec<String> = BACKEND.with(|b| match b {
        Backend::Local(s) => (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_owned))
            .collect(),
        Backend::Memory(m) => m
            .borrow()
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_owned))
            .collect(),
    });
    found.sort();
    found
}

/// `navigator.storage`, where the browser has it (secure contexts only).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let manager =
        js_sys::Reflect::get(&navigator, &wasm_bindgen::JsValue::from_str("storage")).ok()?;
    (!manager.is_undefined()).then(|| manager.unchecked_into())
}

async fn resolve_bool(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?)
        .await
        .ok()?
        .as_bool()
}

/// Whether the browser holds Fluency's data persistently (`navigator.storage.persisted()`), so
/// that it is not cleared under storage pressure. `None` where the browser cannot say.
pub async fn is_stored_persistently() -> Option<bool> {
    resolve_bool(storage_manager()?.persisted()).await
}

/// Asks the browser to hold Fluency's data persistently (`navigator.storage.persist()`); returns
/// its answer, or `None` where it cannot be asked. Chromium answers without a prompt, from how the
/// site is used (installed, bookmarked, visited often); Firefox asks the learner.
pub async fn ask_to_store_persistently() -> Option<bool> {
    resolve_bool(storage_manager()?.persist()).await
}

/// How much storage the site uses and may use, in bytes (`navigator.storage.estimate()`), as
/// `(usage, quota)`. Browsers round both, and the quota is only what the browser would allow now.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate: web_sys::StorageEstimate = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function backupFileModule() { return import('/backup-file.js'); }"
)]
extern "C" {
    /// `public/backup-file.js`, imported on first use so that the first download does not carry it.
    #[wasm_bindgen(js_name = backupFileModule)]
    fn backup_file_module() -> js_sys::Promise;
}

/// Calls a function of `public/backup-file.js` and waits for its promise.
async fn call_backup_file(
    name: &str,
    args: &[wasm_bindgen::JsValue],
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let module = wasm_bindgen_futures::JsFuture::from(backup_file_module()).await?;
    let function: js_sys::Function =
        js_sys::Reflect::get(&module, &wasm_bindgen::JsValue::from_str(name))?.dyn_into()?;
    let args: js_sys::Array = args.iter().collect();
    let result = function.apply(&wasm_bindgen::JsValue::NULL, &args)?;
    match result.dyn_into::<js_sys::Promise>() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

/// Whether Fluency may write to the automatic backup file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAccess {
    /// No file has been chosen in this browser.
    NoFile,
    Granted,
    /// The permission lapsed (typically at the next visit); a click can grant it again.
    Lapsed,
    Denied,
}

/// Why the automatic backup file could not be set up or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupFileError {
    #[error("this browser cannot write to a file it keeps")]
    Unsupported,
    #[error("no file was chosen")]
    Cancelled,
    #[error("{0}")]
    Browser(String),
}

fn js_error(error: wasm_bindgen::JsValue) -> BackupFileError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "AbortError" => BackupFileError::Cancelled,
        Some(e) => BackupFileError::Browser(e.message()),
        None => BackupFileError::Browser(
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| format!("{error:?}")),
        ),
    }
}

/// Whether this browser can keep a backup file up to date by itself (the File System Access API's
/// `showSaveFilePicker`, in Chromium-based browsers, and IndexedDB to keep the file's handle).
pub fn backup_file_supported() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let has = |name: &str| {
        js_sys::Reflect::get(&window, &wasm_bindgen::JsValue::from_str(name))
            .is_ok_and(|v| !v.is_undefined() && !v.is_null())
    };
    has("showSaveFilePicker") && has("indexedDB")
}

/// Lets the learner choose the automatic backup file (the browser's save dialog) and keeps its
/// handle in IndexedDB; returns the file's name.
pub async fn choose_backup_file(suggested_name: &str) -> Result<String, BackupFileError> {
    if !backup_file_supported() {
        return Err(BackupFileError::Unsupported);
    }
    let name = call_backup_file("chooseFile", &[suggested_name.into()])
        .await
        .map_err(js_error)?;
    Ok(name.as_string().unwrap_or_default())
}

/// Forgets the automatic backup file (the file itself stays where it is).
pub async fn forget_backup_file() -> Result<(), BackupFileError> {
    call_backup_file("forgetFile", &[])
        .await
        .map(|_| ())
        .map_err(js_error)
}

/// Whether Fluency may write to the automatic backup file; with `ask`, a lapsed permission is
/// requested again (call it from a click).
pub async fn backup_file_access(ask: bool) -> Result<FileAccess, BackupFileError> {
    if !backup_file_supported() {
        return Ok(FileAccess::NoFile);
    }
    let state = call_backup_file("fileAccess", &[ask.into()])
        .await
        .map_err(js_error)?;
    Ok(match state.as_string().as_deref() {
        Some("granted") => FileAccess::Granted,
        Some("prompt") => FileAccess::Lapsed,
        Some("denied") => FileAccess::Denied,
        _ => FileAccess::NoFile,
    })
}

/// Replaces the automatic backup file's contents with `text`. The write counts as pending until it
/// settles, so a reload into a new version waits for it ([`track_pending`]).
pub async fn write_backup_file(text: &str) -> Result<(), BackupFileError> {
    // A promise the boot script can wait for, registered before anything is awaited.
    let mut settle = None;
    let pending = js_sys::Promise::new(&mut |resolve, _| settle = Some(resolve));
    track_pending(&pending);
    let written = call_backup_file("writeFile", &[text.into()]).await;
    if let Some(resolve) = settle {
        let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    }
    written.map(|_| ()).map_err(js_error)
}
