//! The learner's decision about sending learning records, and how they are identified in them.
//!
//! Nothing is sent without a [`Decision::Given`] for the configured endpoint. A decision names the
//! endpoint it was made for: when the organisation moves to another LRS the learner is asked again.
//! The latest decision wins, in every tab.

use serde::{Deserialize, Serialize};

use super::super::progress::Millis;
use super::super::schema::Schema;

/// The longest account name, e-mail, display name or team accepted.
pub const MAX_IDENTITY_CHARS: usize = 200;

/// How statements identify the learner: the inverse functional identifier of xAPI's Agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// `actor.account`: an account name on the organisation's `accountHomePage`.
    Account { name: String },
    /// `actor.mbox`: only when the learner chooses it.
    Email { address: String },
}

/// Who the statements are about, as the learner confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learner {
    pub identity: Identity,
    /// `actor.name`; empty leaves it out.
    #[serde(default)]
    pub display_name: String,
    /// The team the learner names, carried as an extension; empty leaves it out.
    #[serde(default)]
    pub team: String,
}

/// One decision, with when it was made and for which endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Send records made at or after `since` (the moment of consent, or the start of time when
    /// the learner also chose to send what they did before).
    Given {
        at: Millis,
        endpoint: String,
        organisation: String,
        learner: Learner,
        since: Millis,
    },
    /// The learner said no; they can change their mind in Profile.
    Declined { at: Millis, endpoint: String },
    /// The learner stopped sending; nothing more is sent.
    Stopped { at: Millis, endpoint: String },
}

impl Decision {
    pub fn at(&self) -> Millis {
        match self {
            Decision::Given { at, .. }
            | Decision::Declined { at, .. }
            | Decision::Stopped { at, .. } => *at,
        }
    }

    pub fn endpoint(&self) -> &str {
        match self {
            Decision::Given { endpoint, .. }
            | Decision::Declined { endpoint, .. }
            | Decision::Stopped { endpoint, .. } => endpoint,
        }
    }

    /// Breaks ties between decisions made in the same millisecond in two tabs: the more
    /// cautious one wins.
    fn caution(&self) -> u8 {
        match self {
            Decision::Given { .. } => 0,
            Decision::Declined { .. } => 1,
            Decision::Stopped { .. } => 2,
        }
    }
}

/// What is stored under `fluency.xapi-consent`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub decision: Option<Decision>,
}

impl Schema for Consent {
    const KEY: &'static str = "xapi-consent";
    const VERSION: u32 = 1;
}

/// Whether stored consent text (the envelope under `fluency.xapi-consent`) holds a decision to
/// send, without decoding it: what the shell needs to word its privacy note. The envelope is
/// compact JSON this module writes, where a decision to send always reads `"decision":{"given":`
/// (quotes inside any typed text are escaped, so no name can imitate it).
pub fn stored_as_given(raw: &str) -> bool {
    raw.contains(r#""decision":{"given":"#)
}

/// Where the learner stands with the configured endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing<'a> {
    /// Never asked for this endpoint (or asked for another one).
    Undecided,
    Given {
        learner: &'a Learner,
        since: Millis,
        at: Millis,
    },
    Declined,
    Stopped {
        at: Millis,
    },
}

impl Consent {
    /// The learner's standing with `endpoint`.
    pub fn standing(&self, endpoint: &str) -> Standing<'_> {
        match &self.decision {
            Some(d) if d.endpoint() != endpoint => Standing::Undecided,
            None => Standing::Undecided,
            Some(Decision::Given {
                learner, since, at, ..
            }) => Standing::Given {
                learner,
                since: *since,
                at: *at,
            },
            Some(Decision::Declined { .. }) => Standing::Declined,
            Some(Decision::Stopped { at, .. }) => Standing::Stopped { at: *at },
        }
    }

    /// Whether records may be sent to `endpoint`.
    pub fn allows_sending(&self, endpoint: &str) -> bool {
        matches!(self.standing(endpoint), Standing::Given { .. })
    }

    /// Records a new decision.
    pub fn decide(&mut self, decision: Decision) {
        self.decision = Some(decision);
    }

    /// Combines two tabs' copies: the later decision wins; at the same moment, the more cautious.
    pub fn merge(&self, other: &Consent) -> Consent {
        let pick = match (&self.decision, &other.decision) {
            (Some(a), Some(b)) => {
                if (b.at(), b.caution()) > (a.at(), a.caution()) {
                    Some(b.clone())
                } else {
                    Some(a.clone())
                }
            }
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        Consent { decision: pick }
    }
}

/// What the learner chose on the consent screen, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityForm {
    pub use_email: bool,
    pub account_name: String,
    pub email: String,
    pub display_name: String,
    pub team: String,
    /// The learner ticked that the account name (or address) is theirs.
    pub confirmed: bool,
}

/// Why the consent form cannot be accepted yet. Each names the field to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("enter your account name")]
    AccountMissing,
    #[error("enter your e-mail address")]
    EmailMissing,
    #[error("the e-mail address is not complete (it needs a name, an @ and a domain)")]
    EmailInvalid,
    #[error("the text is longer than 200 characters")]
    TooLong,
    #[error("confirm that this identifies you")]
    NotConfirmed,
}

/// Trims a field and removes control characters; `Err` when it is too long.
fn clean(text: &str) -> Result<String, IdentityError> {
    let cleaned: String = text.trim().chars().filter(|c| !c.is_control()).collect();
    if cleaned.chars().count() > MAX_IDENTITY_CHARS {
        Err(IdentityError::TooLong)
    } else {
        Ok(cleaned)
    }
}

/// A plausible address: one `@`, a local part, and a dotted domain without spaces.
fn is_email(address: &str) -> bool {
    match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !address.contains(char::is_whitespace)
        }
        None => false,
    }
}

impl IdentityForm {
    /// The learner as the statements will name them, or the first thing to fix.
    pub fn learner(&self) -> Result<Learner, IdentityError> {
        let identity = if self.use_email {
            let address = clean(&self.email)?;
            if address.is_empty() {
                return Err(IdentityError::EmailMissing);
            }
            if !is_email(&address) {
                return Err(IdentityError::EmailInvalid);
            }
            Identity::Email { address }
        } else {
            let name = clean(&self.account_name)?;
            if name.is_empty() {
                return Err(IdentityError::AccountMissing);
            }
            Identity::Account { name }
        };
        let learner = Learner {
            identity,
            display_name: clean(&self.display_name)?,
            team: clean(&self.team)?,
        };
        if !self.confirmed {
            return Err(IdentityError::NotConfirmed);
        }
        Ok(learner)
    }

    /// The form filled from an earlier decision, to change it.
    pub fn from_learner(learner: &Learner) -> IdentityForm {
        let (use_email, account_name, email) = match &learner.identity {
            Identity::Account { name } => (false, name.clone(), String::new()),
            Identity::Email { address } => (true, String::new(), address.clone()),
        };
        IdentityForm {
            use_email,
            account_name,
            email,
            display_name: learner.display_name.clone(),
            team: learner.team.clone(),
            confirmed: false,
        }
    }
}
