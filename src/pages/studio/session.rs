//! The open draft: the pack in a signal, the undo history, autosave and the watch on other tabs.
//! Every rule (edits, undo, when a save conflicts) is in `domain::studio`; this only wires signals
//! and storage to it.

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::pack::Pack;
use crate::domain::studio::draft::{
    on_other_tab_save, Draft, DraftIndex, DraftOrigin, Incoming, SourceRef,
};
use crate::domain::studio::tree::{Edit, History, NodeRef};
use crate::state::progress::now;
use crate::storage::{self, StorageError};

/// How long after the first unsaved change the draft is written. Typing never waits longer.
const SAVE_AFTER_MS: u64 = 400;
/// How long after typing stops the validator runs again.
const VALIDATE_AFTER_MS: u64 = 250;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    /// The browser's storage is full; the draft is this many KB.
    Full {
        kb: usize,
    },
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Session {
    pub draft: RwSignal<Draft>,
    pub selected: RwSignal<NodeRef>,
    pub save_state: RwSignal<SaveState>,
    /// Another tab saved this draft while this one had unsaved changes: its version, to choose from.
    pub conflict: RwSignal<Option<Draft>>,
    /// Bumped when typing pauses; the validation panel follows it instead of every keystroke.
    pub settled: RwSignal<u64>,
    /// Bumped whenever the history changes, so undo and redo buttons update.
    pub history_tick: RwSignal<u64>,
    history: StoredValue<History>,
    /// The stamp of the last state this tab saw in storage (its own save, or one it adopted).
    synced: StoredValue<u64>,
    save_scheduled: StoredValue<bool>,
    validate_generation: StoredValue<u64>,
    origin: StoredValue<Option<Pack>, LocalStorage>,
}

/// Opens a draft from storage; `None` when there is no such draft.
pub fn open_session(id: &str) -> Option<Session> {
    let loaded = storage::load_scoped::<Draft>(Some(id));
    if loaded.value.id != id {
        return None;
    }
    let origin = storage::load_scoped::<DraftOrigin>(Some(id)).value.pack;
    let session = Session {
        synced: StoredValue::new(loaded.value.stamp),
        draft: RwSignal::new(loaded.value),
        selected: RwSignal::new(NodeRef::Pack),
        save_state: RwSignal::new(SaveState::Saved),
        conflict: RwSignal::new(None),
        settled: RwSignal::new(0),
        history_tick: RwSignal::new(0),
        history: StoredValue::new(History::new()),
        save_scheduled: StoredValue::new(false),
        validate_generation: StoredValue::new(0),
        origin: StoredValue::new_local(origin),
    };
    let scope = id.to_owned();
    let watch = storage::watch_scoped::<Draft>(Some(&scope), move |theirs| {
        let theirs = theirs.value;
        if theirs.id.is_empty() {
            return;
        }
        let unsaved = session.save_scheduled.get_value()
            || session.save_state.get_untracked() != SaveState::Saved;
        let same = session.draft.with_untracked(|d| d.pack == theirs.pack);
        match on_other_tab_save(session.synced.get_value(), &theirs, unsaved, same) {
            Incoming::Same => {
                session.synced.set_value(theirs.stamp);
                session.conflict.set(None);
            }
            Incoming::Adopt => {
                session.synced.set_value(theirs.stamp);
                session.conflict.set(None);
                session.draft.set(theirs);
                session.settle_now();
            }
            Incoming::Conflict => session.conflict.set(Some(theirs)),
        }
    });
    // Write what is pending when the page goes away, so a reload loses nothing.
    let flush = window_event_listener(leptos::ev::pagehide, move |_| session.flush());
    let flush_before = window_event_listener(leptos::ev::beforeunload, move |_| session.flush());
    // And before a reload into a new version (the update notice sends it first).
    let flush_for_update =
        window_event_listener_untyped(crate::storage::FLUSH_EVENT, move |_| session.flush());
    on_cleanup(move || {
        session.flush();
        watch.remove();
        flush.remove();
        flush_before.remove();
        flush_for_update.remove();
    });
    Some(session)
}

impl Session {
    pub fn id(&self) -> String {
        self.draft.with_untracked(|d| d.id.clone())
    }

    pub fn origin(&self) -> Option<Pack> {
        self.origin.get_value()
    }

    /// Changes a field. Typing is not an undo step; tree edits are.
    pub fn edit(&self, change: impl FnOnce(&mut Pack)) {
        self.draft.update(|d| change(&mut d.pack));
        self.changed();
    }

    /// Changes a field as one undoable step (checkboxes, selects, adding an option).
    pub fn edit_step(&self, change: impl FnOnce(&mut Pack)) {
        let before = self.draft.with_untracked(|d| d.pack.clone());
        self.history.update_value(|h| h.record(before));
        self.history_tick.update(|n| *n += 1);
        self.edit(change);
    }

    pub fn apply(&self, edit: Edit) {
        let mut selected = None;
        self.draft.update(|d| {
            self.history
                .update_value(|h| selected = h.apply(&mut d.pack, edit));
        });
        if let Some(node) = selected {
            self.selected.set(node);
        }
        self.history_tick.update(|n| *n += 1);
        self.changed();
    }

    pub fn can_undo(&self) -> bool {
        self.history_tick.track();
        self.history.with_value(|h| h.can_undo())
    }

    pub fn can_redo(&self) -> bool {
        self.history_tick.track();
        self.history.with_value(|h| h.can_redo())
    }

    pub fn undo(&self) {
        self.draft
            .update(|d| self.history.update_value(|h| _ = h.undo(&mut d.pack)));
        self.after_history();
    }

    pub fn redo(&self) {
        self.draft
            .update(|d| self.history.update_value(|h| _ = h.redo(&mut d.pack)));
        self.after_history();
    }

    fn after_history(&self) {
        // The selection may point past the end now; fall back to the pack.
        let valid = self.draft.with_untracked(|d| {
            crate::domain::studio::tree::title_of(&d.pack, self.selected.get_untracked()).is_some()
        });
        if !valid {
            self.selected.set(NodeRef::Pack);
        }
        self.history_tick.update(|n| *n += 1);
        self.changed();
    }

    fn changed(&self) {
        if self.save_state.get_untracked() == SaveState::Saved {
            self.save_state.set(SaveState::Pending);
        }
        if !self.save_scheduled.get_value() {
            self.save_scheduled.set_value(true);
            let this = *self;
            set_timeout(
                move || {
                    // The editor may have closed meanwhile; it saved on the way out.
                    if this.is_closed() {
                        return;
                    }
                    this.save_scheduled.set_value(false);
                    this.save();
                },
                Duration::from_millis(SAVE_AFTER_MS),
            );
        }
        let generation = self.validate_generation.get_value() + 1;
        self.validate_generation.set_value(generation);
        let this = *self;
        set_timeout(
            move || {
                if !this.is_closed() && this.validate_generation.get_value() == generation {
                    this.settle_now();
                }
            },
            Duration::from_millis(VALIDATE_AFTER_MS),
        );
    }

    /// True once the editor that owned this session has been closed.
    fn is_closed(&self) -> bool {
        self.draft.is_disposed()
            || self.settled.is_disposed()
            || self.save_scheduled.is_disposed()
            || self.validate_generation.is_disposed()
    }

    pub fn settle_now(&self) {
        self.settled.update(|n| *n += 1);
    }

    /// Saves now if anything is unsaved.
    pub fn flush(&self) {
        if self.save_state.get_untracked() != SaveState::Saved {
            self.save();
        }
    }

    fn save(&self) {
        if self.conflict.with_untracked(Option::is_some) {
            // Never overwrite the other tab's work until the trainer has chosen.
            return;
        }
        let mut draft = self.draft.get_untracked();
        draft.revision += 1;
        draft.parent = self.synced.get_value();
        draft.stamp = random_stamp();
        draft.saved_at = now();
        match storage::save_scoped(Some(&draft.id), &draft) {
            Ok(()) => {
                self.synced.set_value(draft.stamp);
                self.draft.update_untracked(|d| {
                    d.revision = draft.revision;
                    d.parent = draft.parent;
                    d.stamp = draft.stamp;
                    d.saved_at = draft.saved_at;
                });
                let mut index = storage::load::<DraftIndex>().value;
                index.upsert(&draft);
                let _ = storage::save(&index);
                self.save_state.set(SaveState::Saved);
            }
            Err(StorageError::QuotaExceeded { .. }) => self.save_state.set(SaveState::Full {
                kb: draft.stored_bytes().div_ceil(1024),
            }),
            Err(error) => self.save_state.set(SaveState::Failed(error.to_string())),
        }
    }

    /// The trainer keeps this tab's version: it overwrites the other tab's.
    pub fn keep_mine(&self) {
        if let Some(theirs) = self.conflict.get_untracked() {
            self.synced.set_value(theirs.stamp);
            self.draft
                .update_untracked(|d| d.revision = d.revision.max(theirs.revision));
        }
        self.conflict.set(None);
        self.save_state.set(SaveState::Pending);
        self.save();
    }

    /// The trainer takes the other tab's version; this tab's changes are dropped. It is saved again
    /// on top of itself, so that any other tab still asking follows it.
    pub fn take_theirs(&self) {
        if let Some(theirs) = self.conflict.get_untracked() {
            self.synced.set_value(theirs.stamp);
            self.draft.set(theirs);
        }
        self.conflict.set(None);
        self.selected.set(NodeRef::Pack);
        self.save_state.set(SaveState::Pending);
        self.save();
        self.settle_now();
    }
}

/// Creates a draft from `pack` (or an empty one), stores it with its origin, and returns its id.
pub fn create_draft(pack: Option<Pack>) -> Result<String, (StorageError, usize)> {
    let time = now();
    let id = crate::domain::studio::draft::draft_id(time, random_u64());
    let draft = match &pack {
        Some(pack) => {
            let mut draft = Draft::from_pack(id.clone(), pack.clone(), time);
            // A published edition remembers the published source it translates.
            if pack.edition.is_some() {
                draft.source = Some(SourceRef::Published {
                    url: crate::state::curriculum::SHIPPED_PACK_URL.to_owned(),
                });
            }
            draft
        }
        None => Draft::new_empty(id.clone(), time),
    };
    save_new(draft, pack)
}

/// Starts a translation of the draft `source_id` into `language`, from the site's published
/// edition in that language when there is one (`start`), and returns the new draft's id.
pub fn create_translation(
    source_id: &str,
    source: &Pack,
    start: Option<Pack>,
    language: &str,
) -> Result<String, (StorageError, usize)> {
    let time = now();
    let id = crate::domain::studio::draft::draft_id(time, random_u64());
    let source_ref = SourceRef::Draft {
        id: source_id.to_owned(),
    };
    let draft = Draft::translation(id, source, source_ref, start, language, time);
    let origin = Some(draft.pack.clone());
    save_new(draft, origin)
}

fn save_new(draft: Draft, pack: Option<Pack>) -> Result<String, (StorageError, usize)> {
    let id = draft.id.clone();
    let size = draft.stored_bytes();
    storage::save_scoped(Some(&id), &draft).map_err(|e| (e, size))?;
    if pack.is_some() {
        if let Err(e) = storage::save_scoped(Some(&id), &DraftOrigin { pack }) {
            storage::remove_scoped::<Draft>(Some(&id));
            return Err((e, size));
        }
    }
    let mut index = storage::load::<DraftIndex>().value;
    index.upsert(&draft);
    let _ = storage::save(&index);
    Ok(id)
}

/// What [`delete_draft`] took out of storage: enough for [`restore_draft`] to put it back.
pub struct DeletedDraft {
    draft: Draft,
    origin: DraftOrigin,
}

impl DeletedDraft {
    /// The deleted draft's pack title, to name it in the undo line.
    pub fn title(&self) -> &str {
        &self.draft.pack.title
    }

    /// What the draft takes up in storage, in bytes, to size a full-storage message.
    pub fn stored_bytes(&self) -> usize {
        self.draft.stored_bytes()
    }
}

/// Deletes the draft `id`, its origin and its line in the index. Returns what was deleted, or
/// `None` when the draft itself could not be read (it is deleted all the same: an unreadable draft
/// cannot be opened, and its stored text has been set aside by the storage layer).
pub fn delete_draft(id: &str) -> Option<DeletedDraft> {
    let draft = storage::load_scoped::<Draft>(Some(id));
    let origin = storage::load_scoped::<DraftOrigin>(Some(id)).value;
    storage::remove_scoped::<Draft>(Some(id));
    storage::remove_scoped::<DraftOrigin>(Some(id));
    let mut index = storage::load::<DraftIndex>().value;
    index.remove(id);
    let _ = storage::save(&index);
    (draft.problem.is_none() && draft.value.id == id).then_some(DeletedDraft {
        draft: draft.value,
        origin,
    })
}

/// Puts a deleted draft back as it was: the draft, its origin and its line in the index.
///
/// # Errors
/// The storage error when the draft cannot be written (the browser's quota, say); nothing is
/// restored then.
pub fn restore_draft(deleted: &DeletedDraft) -> Result<(), StorageError> {
    let id = Some(deleted.draft.id.as_str());
    storage::save_scoped(id, &deleted.draft)?;
    if deleted.origin.pack.is_some() {
        if let Err(e) = storage::save_scoped(id, &deleted.origin) {
            storage::remove_scoped::<Draft>(id);
            return Err(e);
        }
    }
    let mut index = storage::load::<DraftIndex>().value;
    index.upsert(&deleted.draft);
    storage::save(&index)
}

/// A random, non-zero stamp (zero means "never saved").
fn random_stamp() -> u64 {
    ((js_sys::Math::random() * 9_007_199_254_740_991.0) as u64).max(1)
}

fn random_u64() -> u64 {
    (js_sys::Math::random() * 65536.0) as u64
}
