//! The outbox: statements wait in storage until the LRS confirms them, so that nothing is lost to
//! a closed tab, an offline train or an LRS that is down.
//!
//! Rules:
//! - **Queue first.** A statement is queued (and stored) before any attempt to send it, and stays
//!   queued until the LRS confirms it. Its id is remembered as delivered afterwards, so building
//!   it again never queues it twice.
//! - **Batches.** The oldest statements go first, [`BATCH`] at a time. A batch the LRS refuses as
//!   a whole for something one statement may cause (400, 409, 413, 422) is split in halves until
//!   the culprit stands alone.
//! - **Retry with backoff** after a network failure, a timeout, 408, 429 or any 5xx:
//!   [`backoff`] doubles from 2 seconds up to 5 minutes, with up to 20% jitter.
//! - **Give up** (but keep) what retrying cannot fix: a statement the LRS rejects (400, 422 and
//!   other 4xx) is *held* with the LRS's message until the learner asks to try again; refused
//!   credentials (401, 403), a wrong address (404, 405) or a Content-Security-Policy that blocks
//!   the endpoint stop sending altogether and say why.
//! - **409 is delivered.** Ids are derived from the record, so an LRS that already holds the id
//!   holds this record.
//! - **Two tabs.** Only one tab sends (the browser's Web Locks; [`Lease`] where they are missing),
//!   and two copies of the outbox merge record by record ([`Outbox::merge`]): queued entries
//!   join, delivered ids win over queued ones, and a cleared queue stays cleared.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::super::progress::Millis;
use super::super::schema::Schema;
use super::statement::{self, Built, Kind};

/// How many statements one request carries at most.
pub const BATCH: usize = 25;
/// The first wait after a failure.
pub const BACKOFF_BASE_MS: Millis = 2_000;
/// The longest wait between retries.
pub const BACKOFF_CAP_MS: Millis = 5 * 60_000;
/// How long a request may take before it counts as failed.
pub const REQUEST_TIMEOUT_MS: u32 = 20_000;
/// How long a [`Lease`] lasts unless renewed.
pub const LEASE_MS: Millis = 15_000;

/// A statement waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub kind: Kind,
    /// When the learner did it: the oldest go first.
    pub at: Millis,
    /// When it was queued; a cleared queue drops entries queued before it was cleared.
    pub queued_at: Millis,
    /// The statement exactly as it will be sent: its JSON text.
    pub statement: String,
    /// Set when the LRS rejected it in a way retrying cannot fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
}

/// Why the LRS would not take a statement, in its own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub status: u16,
    pub message: String,
    pub at: Millis,
}

/// A tab's claim to be the one that sends, for browsers without Web Locks. It lapses unless
/// renewed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Lease {
    pub until: Millis,
    pub tab: String,
}

/// What is stored under `fluency.xapi-outbox`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    /// Statement id → the statement waiting for it.
    pub queued: BTreeMap<String, Queued>,
    /// Statement id → when the LRS confirmed it.
    pub delivered: BTreeMap<String, Millis>,
    /// The last time the LRS confirmed a batch.
    #[serde(default)]
    pub last_success: Option<Millis>,
    /// When the learner stopped sending and the queue was emptied; entries queued before stay
    /// dropped whichever tab still had them.
    #[serde(default)]
    pub cleared_at: Option<Millis>,
    #[serde(default)]
    pub lease: Option<Lease>,
}

impl Schema for Outbox {
    const KEY: &'static str = "xapi-outbox";
    const VERSION: u32 = 1;
}

/// Counts for the learner.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Statements waiting, held ones included.
    pub waiting: usize,
    /// Of those, the ones the LRS rejected.
    pub held: usize,
    pub delivered: usize,
    pub last_success: Option<Millis>,
}

impl Outbox {
    /// Queues the statements not already queued or delivered; returns how many were added.
    pub fn enqueue(&mut self, built: Vec<Built>, now: Millis) -> usize {
        let mut added = 0;
        for b in built {
            if self.delivered.contains_key(&b.id) || self.queued.contains_key(&b.id) {
                continue;
            }
            self.queued.insert(
                b.id,
                Queued {
                    kind: b.kind,
                    at: b.at,
                    queued_at: now,
                    statement: statement::to_json(&b.statement),
                    held: None,
                },
            );
            added += 1;
        }
        added
    }

    /// The ids of the next batch: the oldest statements not held, at most `max`.
    pub fn next_batch(&self, max: usize) -> Vec<String> {
        let mut ready: Vec<(&Millis, &String)> = self
            .queued
            .iter()
            .filter(|(_, q)| q.held.is_none())
            .map(|(id, q)| (&q.at, id))
            .collect();
        ready.sort();
        ready
            .into_iter()
            .take(max.max(1))
            .map(|(_, id)| id.clone())
            .collect()
    }

    /// The request body for a batch: a JSON array of the statements, in the batch's order.
    pub fn body(&self, ids: &[String]) -> String {
        let statements: Vec<&str> = ids
            .iter()
            .filter_map(|id| self.queued.get(id).map(|q| q.statement.as_str()))
            .collect();
        format!("[{}]", statements.join(","))
    }

    /// The LRS confirmed these statements.
    pub fn mark_delivered(&mut self, ids: &[String], now: Millis) {
        for id in ids {
            self.queued.remove(id);
            self.delivered.entry(id.clone()).or_insert(now);
        }
        self.last_success = self.last_success.max(Some(now));
    }

    /// The LRS rejected this statement; it stays, held with the LRS's message.
    pub fn hold(&mut self, id: &str, status: u16, message: &str, now: Millis) {
        if let Some(q) = self.queued.get_mut(id) {
            q.held = Some(Held {
                status,
                message: message.to_owned(),
                at: now,
            });
        }
    }

    /// The learner asked to try held statements again.
    pub fn release_held(&mut self) {
        for q in self.queued.values_mut() {
            q.held = None;
        }
    }

    /// The learner stopped sending: nothing waiting will be sent. Returns how many were dropped.
    pub fn clear_queue(&mut self, now: Millis) -> usize {
        let dropped = self.queued.len();
        self.queued.clear();
        self.cleared_at = self.cleared_at.max(Some(now));
        dropped
    }

    /// The held statements with their messages, oldest first.
    pub fn held(&self) -> Vec<(&String, &Queued, &Held)> {
        let mut list: Vec<_> = self
            .queued
            .iter()
            .filter_map(|(id, q)| q.held.as_ref().map(|h| (id, q, h)))
            .collect();
        list.sort_by_key(|(_, q, _)| q.at);
        list
    }

    pub fn summary(&self) -> Summary {
        Summary {
            waiting: self.queued.len(),
            held: self.queued.values().filter(|q| q.held.is_some()).count(),
            delivered: self.delivered.len(),
            last_success: self.last_success,
        }
    }

    /// Combines two copies (two tabs, or memory and storage) record by record. Commutative and
    /// idempotent, so the order in which tabs write does not matter:
    /// - delivered ids join (the earliest time kept), and a delivered id is never queued;
    /// - queued entries join; of two copies of one entry, the later queued (then the held one,
    ///   then the later hold) is kept;
    /// - a cleared queue drops every entry queued before it was cleared;
    /// - the later success, clearing and lease win.
    pub fn merge(&self, other: &Outbox) -> Outbox {
        let mut delivered = self.delivered.clone();
        for (id, at) in &other.delivered {
            delivered
                .entry(id.clone())
                .and_modify(|t| *t = (*t).min(*at))
                .or_insert(*at);
        }
        let cleared_at = self.cleared_at.max(other.cleared_at);
        let mut queued = BTreeMap::new();
        for (id, entry) in self.queued.iter().chain(&other.queued) {
            if delivered.contains_key(id) || cleared_at.is_some_and(|c| entry.queued_at <= c) {
                continue;
            }
            match queued.get(id) {
                Some(kept) if !prefer(entry, kept) => {}
                _ => {
                    queued.insert(id.clone(), entry.clone());
                }
            }
        }
        Outbox {
            queued,
            delivered,
            last_success: self.last_success.max(other.last_success),
            cleared_at,
            lease: self.lease.clone().max(other.lease.clone()),
        }
    }

    /// Claims (or renews) the right to send for `tab` unless another tab holds a lease that has
    /// not lapsed. Returns whether `tab` holds it now. The caller stores the outbox and, after a
    /// moment, checks [`Outbox::holds_lease`] on what is stored: of two tabs that claimed at once,
    /// the stored (merged) lease names one.
    pub fn claim(&mut self, tab: &str, now: Millis) -> bool {
        match &self.lease {
            Some(lease) if lease.tab != tab && lease.until > now => false,
            _ => {
                self.lease = Some(Lease {
                    until: now + LEASE_MS,
                    tab: tab.to_owned(),
                });
                true
            }
        }
    }

    /// Whether `tab` holds an unexpired lease.
    pub fn holds_lease(&self, tab: &str, now: Millis) -> bool {
        self.lease
            .as_ref()
            .is_some_and(|l| l.tab == tab && l.until > now)
    }

    /// Gives the lease up (a tab closing), so another tab need not wait for it to lapse.
    pub fn release_lease(&mut self, tab: &str) {
        if self.lease.as_ref().is_some_and(|l| l.tab == tab) {
            self.lease = None;
        }
    }
}

/// Which of two copies of the same queued entry to keep: deterministic whatever the order.
fn prefer(candidate: &Queued, kept: &Queued) -> bool {
    // The later copy wins: it is the one a later clearing may not drop, which keeps the merge
    // associative.
    let rank = |q: &Queued| (q.queued_at, q.held.as_ref().map(|h| h.at));
    match rank(candidate).cmp(&rank(kept)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        // Two tabs built the same record differently (say, under two pack versions): the
        // smaller text wins, so both tabs keep the same one.
        std::cmp::Ordering::Equal => candidate.statement < kept.statement,
    }
}

/// How long to wait before retry number `failures` (1 for the first), with `jitter` in `[0, 1)`
/// adding up to 20%: 2 s, 4 s, 8 s … up to 5 minutes.
pub fn backoff(failures: u32, jitter: f64) -> Millis {
    let exponent = failures.saturating_sub(1).min(20);
    let base = BACKOFF_BASE_MS
        .saturating_mul(1 << exponent)
        .min(BACKOFF_CAP_MS);
    let jitter = jitter.clamp(0.0, 0.999);
    base + (base as f64 * 0.2 * jitter) as Millis
}
