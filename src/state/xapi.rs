//! Learning records as signals: the organisation's configuration, the learner's consent, and the
//! outbox that sends statements to the LRS.
//!
//! Provided with the other area contexts, so its code travels in the area chunks. It reads
//! `fluency.config.json` from the site (same origin), and contacts the LRS only once the learner
//! has agreed. Statements are built from progress and certificates whenever they change
//! ([`crate::domain::xapi::statement::statements`]), queued in storage, and sent by the one tab
//! that holds the browser's Web Lock (the outbox's lease where Web Locks are missing), in
//! batches, with the retry and give-up rules of [`crate::domain::xapi::outbox`].

pub mod net;

use std::sync::Arc;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::domain::report::learner_id;
use crate::domain::xapi::config::{parse_config, policy_allows_connect, OrgConfig, CONFIG_PATH};
use crate::domain::xapi::consent::{Consent, Decision, Learner, Standing};
use crate::domain::xapi::lrs::{classify_post, Outcome, Reply, Stop};
use crate::domain::xapi::outbox::{backoff, Outbox, Summary, BATCH, REQUEST_TIMEOUT_MS};
use crate::domain::xapi::statement::{statements, Records, Sender, Vocabulary};
use crate::i18n::Msg;
use crate::state::certify::CertifyState;
use crate::state::curriculum::{Curriculum, Needs};
use crate::state::notices::{Notices, Tone};
use crate::state::privacy::{use_records_shared, RecordsShared};
use crate::state::profile::{report_read_problem, report_save_error};
use crate::state::progress::ProgressState;
use crate::storage;
use net::{is_online, now, LrsRequest};

/// What the site's configuration says.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigStatus {
    Loading,
    /// No configuration, or one without an LRS: nothing is ever sent.
    Absent,
    /// A configuration that cannot be used, with the reason.
    Invalid(String),
    Ready(Arc<OrgConfig>),
}

/// The sending machinery's private state in this tab.
#[derive(Default)]
struct Runner {
    /// A flush is running in this tab.
    flushing: bool,
    /// Another flush was asked for while one was running.
    again: bool,
    /// Failed attempts in a row, for the backoff.
    failures: u32,
    /// This tab is the one that sends.
    leader: bool,
    /// Leadership has been asked for.
    asked: bool,
    /// A retry is scheduled.
    retry: Option<TimeoutHandle>,
    /// The tab's id for the lease (browsers without Web Locks).
    tab: String,
}

#[derive(Clone, Copy)]
pub struct XapiState {
    pub config: RwSignal<ConfigStatus>,
    consent: RwSignal<Consent>,
    outbox: RwSignal<Outbox>,
    problem: RwSignal<Option<Stop>>,
    sending: RwSignal<bool>,
    runner: StoredValue<Runner, LocalStorage>,
    notices: Notices,
    progress: ProgressState,
    certify: CertifyState,
    curriculum: Curriculum,
    /// The shell's "records are shared" flag, for its privacy notes.
    shared: Option<RecordsShared>,
}

impl XapiState {
    /// The configuration when it names an LRS.
    pub fn ready(&self) -> Option<Arc<OrgConfig>> {
        match self.config.get() {
            ConfigStatus::Ready(config) => Some(config),
            _ => None,
        }
    }

    /// The learner's standing with the configured LRS, as an owned value for views.
    pub fn standing_with<R>(&self, f: impl FnOnce(Standing<'_>) -> R) -> Option<R> {
        let config = self.ready()?;
        Some(self.consent.with(|c| f(c.standing(config.endpoint.url()))))
    }

    /// Counts for Profile.
    pub fn summary(&self) -> Summary {
        self.outbox.with(Outbox::summary)
    }

    /// The held statements' LRS messages, newest problem first.
    pub fn held_messages(&self) -> Vec<(u16, String)> {
        self.outbox.with(|o| {
            let mut list: Vec<(u16, String)> = o
                .held()
                .into_iter()
                .map(|(_, _, h)| (h.status, h.message.clone()))
                .collect();
            list.dedup();
            list
        })
    }

    pub fn problem(&self) -> Option<Stop> {
        self.problem.get()
    }

    pub fn is_sending(&self) -> bool {
        self.sending.get()
    }

    /// Whether the page's own policy (its `<meta>` tag) lets it reach the configured LRS.
    pub fn policy_allows(&self, config: &OrgConfig) -> bool {
        net::meta_policy().is_none_or(|policy| {
            policy_allows_connect(&policy, config.endpoint.origin(), &net::site_origin())
        })
    }

    /// The learner's `did:key`, created on first use (it also signs certificates and reports).
    pub fn learner_key(&self) -> Option<String> {
        self.certify.seed().map(|seed| learner_id(&seed))
    }

    /// The learner's `did:key` if they have one already; never creates a key.
    pub fn learner_key_if_any(&self) -> Option<String> {
        self.certify.existing_seed().map(|seed| learner_id(&seed))
    }

    fn save_consent(&self, decision: Decision) {
        let stored = storage::load::<Consent>();
        if let Some(problem) = stored.problem {
            report_read_problem(&self.notices, problem);
        }
        let mut next = stored.value.merge(&self.consent.get_untracked());
        next.decide(decision);
        if let Err(error) = storage::save(&next) {
            report_save_error(&self.notices, &error);
        }
        self.consent.set(next);
        self.tell_shell();
    }

    /// Keeps the shell's privacy notes true to the decision.
    fn tell_shell(&self) {
        if let Some(shared) = self.shared {
            let given = self
                .consent
                .with_untracked(|c| matches!(c.decision, Some(Decision::Given { .. })));
            if shared.0.get_untracked() != given {
                shared.0.set(given);
            }
        }
    }

    /// The learner agreed. `include_earlier`: also send what they did before today.
    pub fn give(&self, config: &OrgConfig, learner: Learner, include_earlier: bool) {
        let at = now();
        let _ = self.learner_key();
        self.save_consent(Decision::Given {
            at,
            endpoint: config.endpoint.url().to_owned(),
            organisation: config.organisation.clone(),
            learner,
            since: if include_earlier { i64::MIN } else { at },
        });
        self.problem.set(None);
        self.start();
    }

    /// The learner said no.
    pub fn decline(&self, config: &OrgConfig) {
        self.save_consent(Decision::Declined {
            at: now(),
            endpoint: config.endpoint.url().to_owned(),
        });
    }

    /// The learner stopped sending: nothing more is sent, and what was waiting is dropped.
    /// Returns how many records were waiting.
    pub fn stop(&self, config: &OrgConfig) -> usize {
        let at = now();
        self.save_consent(Decision::Stopped {
            at,
            endpoint: config.endpoint.url().to_owned(),
        });
        let mut dropped = 0;
        self.update_outbox(|o| dropped = o.clear_queue(at));
        dropped
    }

    /// "Try again": held statements and a stopped sender get another chance now.
    pub fn retry_now(&self) {
        self.update_outbox(Outbox::release_held);
        self.problem.set(None);
        self.runner.update_value(|r| {
            r.failures = 0;
            if let Some(handle) = r.retry.take() {
                handle.clear();
            }
        });
        self.flush();
    }

    /// Applies a change to the outbox merged with what is stored, and saves it.
    fn update_outbox(&self, change: impl FnOnce(&mut Outbox)) {
        let stored = storage::load::<Outbox>();
        if let Some(problem) = stored.problem {
            report_read_problem(&self.notices, problem);
        }
        let mut next = stored.value.merge(&self.outbox.get_untracked());
        change(&mut next);
        if let Err(error) = storage::save(&next) {
            report_save_error(&self.notices, &error);
        }
        self.outbox.set(next);
    }

    /// Merges what is stored into this tab's copy, without writing.
    fn refresh_outbox(&self) {
        let stored = storage::load::<Outbox>().value;
        self.outbox.update(|ours| *ours = ours.merge(&stored));
    }

    fn allowed(&self) -> Option<Arc<OrgConfig>> {
        let config = match self.config.get_untracked() {
            ConfigStatus::Ready(config) => config,
            _ => return None,
        };
        self.consent
            .with_untracked(|c| c.allows_sending(config.endpoint.url()))
            .then_some(config)
    }

    /// Builds the statements the records call for and queues the new ones.
    fn enqueue_new(&self) {
        let Some(config) = self.allowed() else {
            return;
        };
        // Statements count each module's questions: the whole pack, which this read also asks
        // for (and, inside the effect below, waits for), only once sending is allowed.
        let Some(Ok(pack)) = self.curriculum.pack_for(&Needs::Whole) else {
            return;
        };
        let Some(key) = self.learner_key() else {
            return;
        };
        let Some((learner, since)) =
            self.consent
                .with_untracked(|c| match c.standing(config.endpoint.url()) {
                    Standing::Given { learner, since, .. } => Some((learner.clone(), since)),
                    _ => None,
                })
        else {
            return;
        };
        let progress = self.progress.snapshot();
        let certificates = self.certify.snapshot();
        let origin = net::site_origin();
        let built = statements(
            Records {
                pack: &pack,
                editions: &[],
                progress: &progress,
                certificates: &certificates,
                site_origin: &origin,
            },
            Sender {
                learner: &learner,
                key: &key,
                home_page: &config.account_home_page,
            },
            &Vocabulary::new(&config.activity_base),
            since,
        );
        let fresh = self.outbox.with_untracked(|o| {
            built
                .iter()
                .any(|b| !o.queued.contains_key(&b.id) && !o.delivered.contains_key(&b.id))
        });
        if fresh {
            let at = now();
            self.update_outbox(|o| {
                o.enqueue(built, at);
            });
        }
        self.flush();
    }

    /// Asks to become the tab that sends, once.
    fn start(&self) {
        if self.allowed().is_none() || self.runner.with_value(|r| r.asked) {
            self.enqueue_new();
            return;
        }
        self.runner.update_value(|r| r.asked = true);
        let this = *self;
        let has_locks = net::request_sender_lock(move || {
            this.runner.update_value(|r| r.leader = true);
            this.flush();
        });
        if !has_locks {
            self.lease_loop();
        }
        self.enqueue_new();
    }

    /// Without Web Locks: claim or renew the outbox's lease every few seconds, and lead while the
    /// stored lease names this tab.
    fn lease_loop(&self) {
        let this = *self;
        let tab = self.runner.with_value(|r| r.tab.clone());
        let mut claimed = false;
        self.update_outbox(|o| claimed = o.claim(&tab, now()));
        if claimed {
            // Another tab may have claimed at the same moment; the stored merge names one.
            set_timeout(
                move || {
                    let leads = storage::load::<Outbox>().value.holds_lease(&tab, now());
                    this.runner.update_value(|r| r.leader = leads);
                    if leads {
                        this.flush();
                    }
                },
                Duration::from_millis(300),
            );
        } else {
            self.runner.update_value(|r| r.leader = false);
        }
        set_timeout(move || this.lease_loop(), Duration::from_millis(5_000));
    }

    /// Sends what is waiting, if this tab is the one that sends and the learner agreed.
    pub fn flush(&self) {
        let leader = self.runner.with_value(|r| r.leader);
        if !leader || self.allowed().is_none() || self.problem.get_untracked().is_some() {
            return;
        }
        let busy = self.runner.with_value(|r| r.flushing);
        if busy {
            self.runner.update_value(|r| r.again = true);
            return;
        }
        self.runner.update_value(|r| {
            r.flushing = true;
            r.again = false;
        });
        let this = *self;
        leptos::task::spawn_local(async move {
            loop {
                this.flush_once().await;
                let again = this.runner.with_value(|r| r.again);
                this.runner.update_value(|r| r.again = false);
                if !again {
                    break;
                }
            }
            this.runner.update_value(|r| r.flushing = false);
            this.sending.set(false);
        });
    }

    async fn flush_once(&self) {
        let mut size = BATCH;
        loop {
            let Some(config) = self.allowed() else {
                return;
            };
            if !is_online() {
                // The `online` event flushes again.
                return;
            }
            // Another tab may have queued since: work from the merged copy.
            self.refresh_outbox();
            let (batch, body) = self.outbox.with_untracked(|o| {
                let batch = o.next_batch(size);
                let body = o.body(&batch);
                (batch, body)
            });
            if batch.is_empty() {
                return;
            }
            self.sending.set(true);
            let reply = net::send(LrsRequest {
                method: "POST",
                url: &config.endpoint.statements_url(),
                authorization: &config.credentials.header(),
                body: Some(&body),
                origin: config.endpoint.origin(),
                timeout_ms: REQUEST_TIMEOUT_MS,
            })
            .await;
            if self.allowed().is_none() {
                // The learner stopped while the request was on its way; what it carried is
                // delivered or not, but nothing more goes.
                if matches!(
                    reply,
                    Reply::Answered {
                        status: 200..=299,
                        ..
                    }
                ) {
                    self.update_outbox(|o| o.mark_delivered(&batch, now()));
                }
                return;
            }
            match classify_post(&reply, batch.len()) {
                Outcome::Delivered => {
                    self.runner.update_value(|r| r.failures = 0);
                    self.update_outbox(|o| o.mark_delivered(&batch, now()));
                }
                Outcome::Split => size = (batch.len() / 2).max(1),
                Outcome::Hold { status, message } => {
                    self.update_outbox(|o| o.hold(&batch[0], status, &message, now()));
                    self.notices.push(
                        Tone::Warning,
                        Msg::XapiNoticeHeld,
                        vec![("message", message)],
                        None,
                    );
                }
                Outcome::Retry => {
                    self.schedule_retry();
                    return;
                }
                Outcome::Stop(stop) => {
                    let (msg, args) = stop_message(&stop, config.endpoint.origin());
                    self.notices.push(Tone::Warning, msg, args, None);
                    self.problem.set(Some(stop));
                    return;
                }
            }
        }
    }

    fn schedule_retry(&self) {
        let failures = self.runner.with_value(|r| r.failures) + 1;
        let wait = backoff(failures, js_sys::Math::random());
        let this = *self;
        let handle = set_timeout_with_handle(
            move || {
                this.runner.update_value(|r| r.retry = None);
                this.flush();
            },
            Duration::from_millis(wait.max(0) as u64),
        )
        .ok();
        self.runner.update_value(|r| {
            r.failures = failures;
            if let Some(old) = r.retry.take() {
                old.clear();
            }
            r.retry = handle;
        });
    }
}

/// The message (and its values) that explains why sending stopped.
pub fn stop_message(stop: &Stop, origin: &str) -> (Msg, Vec<(&'static str, String)>) {
    match stop {
        Stop::Credentials { status, message } => (
            Msg::XapiStopCredentials,
            vec![("status", status.to_string()), ("message", message.clone())],
        ),
        Stop::Address { status, message } => (
            Msg::XapiStopAddress,
            vec![("status", status.to_string()), ("message", message.clone())],
        ),
        Stop::Blocked => (Msg::XapiStopBlocked, vec![("origin", origin.to_owned())]),
    }
}

/// Reads the site's configuration file. A missing file (or an HTML page a host returns for any
/// unknown path) means no LRS.
async fn load_config() -> ConfigStatus {
    let Ok(text) = crate::state::curriculum::fetch_text(CONFIG_PATH).await else {
        return ConfigStatus::Absent;
    };
    if text.trim_start().starts_with('<') {
        return ConfigStatus::Absent;
    }
    match parse_config(&text, &net::site_origin()) {
        Ok(Some(config)) => ConfigStatus::Ready(Arc::new(config)),
        Ok(None) => ConfigStatus::Absent,
        Err(error) => ConfigStatus::Invalid(error.to_string()),
    }
}

/// Provided once, on the root owner, by the first area that renders.
pub fn provide_xapi_context(
    notices: Notices,
    curriculum: Curriculum,
    progress: ProgressState,
    certify: CertifyState,
) -> XapiState {
    let consent = storage::load::<Consent>();
    if let Some(problem) = consent.problem {
        report_read_problem(&notices, problem);
    }
    let outbox = storage::load::<Outbox>();
    if let Some(problem) = outbox.problem {
        report_read_problem(&notices, problem);
    }
    let state = XapiState {
        config: RwSignal::new(ConfigStatus::Loading),
        consent: RwSignal::new(consent.value),
        outbox: RwSignal::new(outbox.value),
        problem: RwSignal::new(None),
        sending: RwSignal::new(false),
        runner: StoredValue::new_local(Runner {
            tab: format!("{:016x}", crate::state::progress::random_seed()),
            ..Runner::default()
        }),
        notices,
        progress,
        certify,
        curriculum,
        shared: use_records_shared(),
    };
    state.tell_shell();
    storage::watch::<Consent>(move |loaded| {
        state
            .consent
            .update(|ours| *ours = ours.merge(&loaded.value));
        state.tell_shell();
        state.start();
    });
    storage::watch::<Outbox>(move |loaded| {
        state
            .outbox
            .update(|ours| *ours = ours.merge(&loaded.value));
        state.flush();
    });
    let online = window_event_listener(ev::online, move |_| state.flush());
    std::mem::forget(online);
    leptos::task::spawn_local(async move {
        let status = load_config().await;
        state.config.set(status);
        state.start();
    });
    // New records: whenever progress, certificates or the pack change.
    Effect::new(move |_| {
        progress.with(|_| ());
        certify.with(|_| ());
        let _ = curriculum.pack_for(&Needs::Outline);
        state.enqueue_new();
    });
    provide_context(state);
    state
}

/// The records context, when an area has provided it.
pub fn use_xapi() -> Option<XapiState> {
    use_context::<XapiState>()
}
