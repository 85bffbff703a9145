//! Keeping the learner's work safe from the browser: persistent storage, backup reminders and the
//! automatic backup file. The rules are [`crate::domain::safekeeping`]'s; this module asks the
//! browser (through [`crate::storage`]) and shows notices. Provided with the other area contexts.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::backup::Backup;
use crate::domain::calendar::local_date;
use crate::domain::credential::IssuerKey;
use crate::domain::progress::{Millis, Progress};
use crate::domain::review::ReviewLog;
use crate::domain::safekeeping::{
    backup_reminder, should_ask_persist, uncovered, AutoFile, PersistMoment, Safekeeping,
};
use crate::i18n::Msg;
use crate::state::certify::CertifyState;
use crate::state::notices::{NoticeAction, Notices, Tone};
use crate::state::profile::{report_read_problem, report_save_error, ProfileState};
use crate::state::progress::{now, LocalZone, ProgressState};
use crate::state::review::ReviewState;
use crate::storage::{self, BackupFileError, FileAccess};

/// How long after a change the automatic backup file is rewritten, so that a burst of changes
/// (a quiz attempt and the unit before it) makes one write.
const WRITE_AFTER_MS: u64 = 1_000;

/// The automatic backup file in this tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// The browser cannot keep a file up to date (no File System Access API): reminders instead.
    Unsupported,
    /// Not known yet (the browser is being asked).
    Checking,
    /// No file chosen.
    Off,
    /// Fluency writes to the file after each change; when it last did, in this tab.
    Active { written_at: Option<Millis> },
    /// The browser's permission to write lapsed; the learner can grant it again.
    Lapsed,
    /// The last write failed, with the browser's reason.
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct SafekeepingState {
    keeping: RwSignal<Safekeeping>,
    /// Whether the browser holds the data persistently; `None` until known, or where it cannot say.
    persisted: RwSignal<Option<bool>>,
    file: RwSignal<FileState>,
    write_scheduled: StoredValue<bool>,
    notices: Notices,
    profile: ProfileState,
    progress: ProgressState,
    reviews: ReviewState,
    certify: CertifyState,
}

impl SafekeepingState {
    pub fn with<R>(&self, f: impl FnOnce(&Safekeeping) -> R) -> R {
        self.keeping.with(f)
    }

    /// Whether the browser holds the data persistently, tracked; `None` while unknown.
    pub fn persisted(&self) -> Option<bool> {
        self.persisted.get()
    }

    /// The automatic backup file's state, tracked.
    pub fn file(&self) -> FileState {
        self.file.get()
    }

    /// Applies a change, merges it with the stored copy, and saves the result.
    fn update(&self, change: impl FnOnce(&mut Safekeeping)) {
        let mut next = self.keeping.get_untracked();
        change(&mut next);
        let stored = storage::load::<Safekeeping>();
        if let Some(problem) = stored.problem {
            report_read_problem(&self.notices, problem);
        }
        let merged = stored.value.merge(&next);
        if let Err(error) = storage::save(&merged) {
            report_save_error(&self.notices, &error);
        }
        self.keeping.set(merged);
    }

    /// Everything the learner has done, as one backup: the profile, the progress and review log of
    /// every pack stored in this browser, the signing key and the certificates.
    pub fn current_backup(&self) -> Backup {
        let mut progress: BTreeMap<String, Progress> = storage::scopes::<Progress>()
            .into_iter()
            .map(|pack_id| {
                let stored = storage::load_scoped::<Progress>(Some(&pack_id)).value;
                (pack_id, stored)
            })
            .collect();
        // The open pack's progress may hold changes storage refused.
        let open = self.progress.snapshot();
        let merged = progress
            .get(&self.progress.pack_id())
            .map_or_else(|| open.clone(), |stored| stored.merge(&open));
        progress.insert(self.progress.pack_id(), merged);
        let mut backup = Backup::new(self.profile.with(Clone::clone), progress, now());
        let key = storage::load::<IssuerKey>().value;
        backup.issuer_key = key.seed_bytes().is_some().then_some(key);
        backup.certificates = self.certify.snapshot();
        backup.reviews = storage::scopes::<ReviewLog>()
            .into_iter()
            .map(|pack_id| {
                let stored = storage::load_scoped::<ReviewLog>(Some(&pack_id)).value;
                (pack_id, stored)
            })
            .collect();
        let open = self.reviews.with_untracked(Clone::clone);
        let merged = backup
            .reviews
            .get(&self.progress.pack_id())
            .map_or_else(|| open.clone(), |stored| stored.merge(&open));
        backup.reviews.insert(self.progress.pack_id(), merged);
        backup
    }

    /// Offers a backup file for download and records what it holds.
    pub fn download_backup(&self) {
        let backup = self.current_backup();
        let day = local_date(backup.exported_at, &LocalZone).iso();
        match storage::download_text(
            &format!("fluency-backup-{day}.json"),
            "application/json",
            &backup.to_json(),
        ) {
            Ok(()) => {
                self.update(|k| k.record_backup(&backup));
                self.notices.withdraw(Msg::BackupReminder);
            }
            Err(error) => report_save_error(&self.notices, &error),
        }
    }

    /// Called after a unit is completed or a certificate issued: asks for persistent storage if
    /// the rule says this is the moment ([`should_ask_persist`]), with one line on why.
    pub fn after(&self, moment: PersistMoment) {
        let this = *self;
        spawn_local(async move {
            // A browser that cannot say cannot be asked either.
            let Some(persisted) = storage::is_stored_persistently().await else {
                return;
            };
            this.persisted.set(Some(persisted));
            if !this
                .keeping
                .with_untracked(|k| should_ask_persist(k, moment, persisted))
            {
                return;
            }
            let at = now();
            this.update(|k| {
                k.persist_asked.entry(moment).or_insert(at);
            });
            let message = match moment {
                PersistMoment::UnitCompleted => Msg::PersistAskUnit,
                PersistMoment::CertificateIssued => Msg::PersistAskCertificate,
            };
            this.notices.offer(
                Tone::Info,
                message,
                Vec::new(),
                NoticeAction {
                    label: Msg::PersistKeep,
                    run: || with_state(SafekeepingState::ask_persist),
                },
                None,
            );
        });
    }

    /// Asks the browser to keep the data persistently and says what it answered, in a notice.
    pub fn ask_persist(&self) {
        self.request_persist(true, |_| {});
    }

    /// Like [`Self::ask_persist`], for a control that shows the answer beside itself (Profile):
    /// the state changes, no notice is raised at the top of the page, out of view, and `answered`
    /// gets the browser's answer (`None` when it could not be asked).
    pub fn ask_persist_here(&self, answered: impl FnOnce(Option<bool>) + 'static) {
        self.request_persist(false, answered);
    }

    fn request_persist(&self, announce: bool, answered: impl FnOnce(Option<bool>) + 'static) {
        let this = *self;
        spawn_local(async move {
            let answer = storage::ask_to_store_persistently().await;
            // Set only on a change, so that what shows the state is not drawn afresh (a status
            // line beside it keeps its place and is announced).
            if answer.is_some() && answer != this.persisted.get_untracked() {
                this.persisted.set(answer);
            }
            match answer {
                Some(true) if announce => this.notices.say(Tone::Info, Msg::PersistGranted),
                Some(false) if announce => this.notices.say(Tone::Warning, Msg::PersistDenied),
                _ => {}
            }
            answered(answer);
        });
    }

    /// Shows the backup reminder if the rule calls for one ([`backup_reminder`]). An automatic
    /// backup file that is being written makes reminders unnecessary.
    fn remind_if_due(&self) {
        if matches!(self.file.get_untracked(), FileState::Active { .. }) {
            return;
        }
        let backup = self.current_backup();
        let certificates = self.certify.snapshot();
        let due = self.keeping.with_untracked(|k| {
            backup_reminder(
                backup.progress.values(),
                &certificates,
                k,
                backup.exported_at,
            )
        });
        let Some(reminder) = due else {
            return;
        };
        self.notices.offer(
            Tone::Warning,
            Msg::BackupReminder,
            vec![("date", local_date(reminder.oldest, &LocalZone).iso())],
            NoticeAction {
                label: Msg::BackupDownload,
                run: || with_state(SafekeepingState::download_backup),
            },
            Some(|| {
                with_state(|state| {
                    let at = now();
                    state.update(|k| k.reminder_dismissed_at = Some(at));
                })
            }),
        );
    }

    /// Lets the learner choose the automatic backup file, then writes it at once.
    pub fn choose_file(&self) {
        let this = *self;
        spawn_local(async move {
            match storage::choose_backup_file("fluency-backup.json").await {
                Ok(name) => {
                    let at = now();
                    this.update(|k| {
                        k.auto_file = Some(AutoFile {
                            name: Some(name),
                            at,
                        })
                    });
                    this.file.set(FileState::Active { written_at: None });
                    this.notices.withdraw(Msg::BackupReminder);
                    this.write_now(true).await;
                }
                Err(BackupFileError::Cancelled) => {}
                Err(error) => this.file.set(FileState::Failed(error.to_string())),
            }
        });
    }

    /// Stops writing to the automatic backup file (the file stays where it is).
    pub fn stop_file(&self) {
        let this = *self;
        spawn_local(async move {
            let _ = storage::forget_backup_file().await;
            let at = now();
            this.update(|k| k.auto_file = Some(AutoFile { name: None, at }));
            this.file.set(FileState::Off);
        });
    }

    /// Asks the browser again for permission to write the file (call it from a click).
    pub fn grant_file(&self) {
        let this = *self;
        spawn_local(async move {
            match storage::backup_file_access(true).await {
                Ok(FileAccess::Granted) => {
                    this.notices.withdraw(Msg::AutoFileLapsed);
                    this.file.set(FileState::Active { written_at: None });
                    this.write_now(false).await;
                }
                Ok(FileAccess::NoFile) => this.file.set(FileState::Off),
                Ok(FileAccess::Lapsed | FileAccess::Denied) => this.file.set(FileState::Lapsed),
                Err(error) => this.file.set(FileState::Failed(error.to_string())),
            }
        });
    }

    /// Rewrites the automatic backup file a moment after a change, if one is active.
    fn schedule_write(&self) {
        if !matches!(
            self.file.get_untracked(),
            FileState::Active { .. } | FileState::Lapsed
        ) || self.write_scheduled.get_value()
        {
            return;
        }
        self.write_scheduled.set_value(true);
        let this = *self;
        set_timeout(
            move || {
                this.write_scheduled.set_value(false);
                spawn_local(async move { this.write_now(false).await });
            },
            Duration::from_millis(WRITE_AFTER_MS),
        );
    }

    /// Writes the automatic backup file now, if it is active and holds less than there is (or
    /// `always`), and records what it holds. If the permission lapsed, the learner is told.
    async fn write_now(&self, always: bool) {
        let lapsed = match self.file.get_untracked() {
            FileState::Active { .. } => false,
            FileState::Lapsed => true,
            _ => return,
        };
        let backup = self.current_backup();
        let behind = !self.keeping.with_untracked(|k| {
            uncovered(backup.progress.values(), &backup.certificates, k).is_empty()
        });
        if !(always || behind) {
            return;
        }
        if lapsed {
            return self.lapsed();
        }
        match storage::write_backup_file(&backup.to_json()).await {
            Ok(()) => {
                self.update(|k| k.record_backup(&backup));
                self.file.set(FileState::Active {
                    written_at: Some(backup.exported_at),
                });
            }
            Err(error) => self.report_file_trouble(error).await,
        }
    }

    /// A write failed: a lapsed permission is the learner's to grant again; anything else is shown.
    async fn report_file_trouble(&self, error: BackupFileError) {
        match storage::backup_file_access(false).await {
            Ok(FileAccess::Lapsed | FileAccess::Denied) => self.lapsed(),
            _ => self.file.set(FileState::Failed(error.to_string())),
        }
    }

    fn lapsed(&self) {
        self.file.set(FileState::Lapsed);
        let name = self
            .keeping
            .with_untracked(|k| k.auto_file_name().unwrap_or_default().to_owned());
        self.notices.offer(
            Tone::Warning,
            Msg::AutoFileLapsed,
            vec![("name", name)],
            NoticeAction {
                label: Msg::AutoFileGrant,
                run: || with_state(SafekeepingState::grant_file),
            },
            None,
        );
    }
}

thread_local! {
    /// The state, for the notices' actions, which are plain functions (see
    /// [`crate::state::notices::NoticeAction`]).
    static STATE: Cell<Option<SafekeepingState>> = const { Cell::new(None) };
}

fn with_state(run: impl FnOnce(&SafekeepingState)) {
    if let Some(state) = STATE.with(Cell::get) {
        run(&state);
    }
}

pub fn provide_safekeeping_context(
    notices: Notices,
    profile: ProfileState,
    progress: ProgressState,
    reviews: ReviewState,
    certify: CertifyState,
) -> SafekeepingState {
    let loaded = storage::load::<Safekeeping>();
    if let Some(problem) = loaded.problem {
        report_read_problem(&notices, problem);
    }
    let supported = storage::backup_file_supported();
    let state = SafekeepingState {
        keeping: RwSignal::new(loaded.value),
        persisted: RwSignal::new(None),
        file: RwSignal::new(if supported {
            FileState::Checking
        } else {
            FileState::Unsupported
        }),
        write_scheduled: StoredValue::new(false),
        notices,
        profile,
        progress,
        reviews,
        certify,
    };
    storage::watch::<Safekeeping>(move |loaded| {
        state
            .keeping
            .update(|ours| *ours = ours.merge(&loaded.value));
    });
    // Pending work is written before a reload into a new version.
    let _ = window_event_listener_untyped(storage::FLUSH_EVENT, move |_| {
        spawn_local(async move { state.write_now(false).await });
    });
    // Rewrite the file after each change to what the learner did.
    Effect::new(move |previous: Option<(usize, usize, usize)>| {
        let records =
            progress.with(|p| p.units.len() + p.attempts.values().map(Vec::len).sum::<usize>());
        let current = (
            records,
            reviews.with(|r| r.reviews.len()),
            certify.with(|c| c.issued.len()),
        );
        if previous.is_some_and(|p| p != current) {
            state.schedule_write();
        }
        current
    });
    spawn_local(async move {
        state.persisted.set(storage::is_stored_persistently().await);
        if supported {
            let file = match storage::backup_file_access(false).await {
                Ok(FileAccess::Granted) => FileState::Active { written_at: None },
                Ok(FileAccess::Lapsed | FileAccess::Denied) => FileState::Lapsed,
                Ok(FileAccess::NoFile) => FileState::Off,
                Err(error) => FileState::Failed(error.to_string()),
            };
            state.file.set(file);
            // Writes what was done meanwhile, or says that the permission lapsed.
            state.write_now(false).await;
        }
        state.remind_if_due();
    });
    STATE.with(|s| s.set(Some(state)));
    provide_context(state);
    state
}

pub fn use_safekeeping() -> SafekeepingState {
    expect_context::<SafekeepingState>()
}
