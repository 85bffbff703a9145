//! What an LRS answers, and what Fluency makes of it: which failures are worth retrying, the
//! LRS's own error message, the addresses of statement queries and their `more` links.

use serde::Deserialize;

use super::super::progress::Millis;
use super::config::Endpoint;
use super::{encode_query_value, iso_timestamp};

/// How a request ended, as the browser layer saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The LRS answered with this status and body.
    Answered { status: u16, body: String },
    /// No answer: offline, the LRS down, a refused connection or a CORS refusal.
    NetworkFailed,
    /// No answer within the time limit.
    TimedOut,
    /// The page's Content-Security-Policy does not allow the LRS's origin (`connect-src`).
    BlockedByPolicy,
}

/// Why sending stops until something changes (the configuration, or the learner's "try again").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Stop {
    #[error("the LRS refused the credentials (HTTP {status}): {message}")]
    Credentials { status: u16, message: String },
    #[error("the LRS address answered HTTP {status}: {message}; check the endpoint in fluency.config.json")]
    Address { status: u16, message: String },
    #[error("this site's Content-Security-Policy does not allow connections to the LRS; add its origin to connect-src")]
    Blocked,
}

/// What to do with a batch after a POST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The LRS holds every statement of the batch (2xx, or 409: it has these ids already).
    Delivered,
    /// The batch was refused as a whole for something one statement may cause: send it in halves.
    Split,
    /// A failure that may pass: wait ([`super::outbox::backoff`]) and try again.
    Retry,
    /// The LRS rejects this one statement; keep it, with the LRS's message, until the learner asks
    /// to try again.
    Hold { status: u16, message: String },
    /// Stop sending altogether.
    Stop(Stop),
}

/// Classifies the answer to a POST of `batch_len` statements.
pub fn classify_post(reply: &Reply, batch_len: usize) -> Outcome {
    let (status, body) = match reply {
        Reply::Answered { status, body } => (*status, body.as_str()),
        Reply::NetworkFailed | Reply::TimedOut => return Outcome::Retry,
        Reply::BlockedByPolicy => return Outcome::Stop(Stop::Blocked),
    };
    let message = || lrs_message(body, status);
    match status {
        200..=299 => Outcome::Delivered,
        409 if batch_len <= 1 => Outcome::Delivered,
        401 | 403 => Outcome::Stop(Stop::Credentials {
            status,
            message: message(),
        }),
        404 | 405 => Outcome::Stop(Stop::Address {
            status,
            message: message(),
        }),
        408 | 429 | 500..=599 => Outcome::Retry,
        400..=499 if batch_len > 1 => Outcome::Split,
        400..=499 => Outcome::Hold {
            status,
            message: message(),
        },
        _ => Outcome::Retry,
    }
}

/// Why a manager's read did not work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the LRS refused these credentials (HTTP {status}): {message}")]
    Credentials { status: u16, message: String },
    #[error("the LRS answered HTTP {status}: {message}")]
    Failed { status: u16, message: String },
    #[error("the LRS could not be reached; check the connection and try again")]
    Unreachable,
    #[error("the LRS took too long to answer; try a shorter date range")]
    TimedOut,
    #[error("this site's Content-Security-Policy does not allow connections to the LRS; add its origin to connect-src")]
    Blocked,
    #[error("the LRS's answer is not a statement result ({0})")]
    Malformed(String),
    #[error("the LRS's “more” link points to another site ({0}); it was not followed, so your credentials stay with the LRS")]
    ForeignMore(String),
}

/// The body of a successful read, or why there is none.
pub fn read_body(reply: Reply) -> Result<String, ReadError> {
    match reply {
        Reply::Answered { status, body } if (200..300).contains(&status) => Ok(body),
        Reply::Answered { status, body } if status == 401 || status == 403 => {
            Err(ReadError::Credentials {
                message: lrs_message(&body, status),
                status,
            })
        }
        Reply::Answered { status, body } => Err(ReadError::Failed {
            message: lrs_message(&body, status),
            status,
        }),
        Reply::NetworkFailed => Err(ReadError::Unreachable),
        Reply::TimedOut => Err(ReadError::TimedOut),
        Reply::BlockedByPolicy => Err(ReadError::Blocked),
    }
}

#[derive(Deserialize)]
struct ErrorItem {
    #[serde(default)]
    msg: Option<String>,
    #[serde(default)]
    loc: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Detail {
    Text(String),
    Items(Vec<ErrorItem>),
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    detail: Option<Detail>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// The LRS's own explanation of a failed request, short enough to show: FastAPI's `detail`
/// (Ralph), `message` or `error` (other LRSs), or the start of a plain-text body. Falls back to
/// the status's standard reason.
pub fn lrs_message(body: &str, status: u16) -> String {
    let from_json = serde_json::from_str::<ErrorBody>(body)
        .ok()
        .and_then(|e| match e.detail {
            Some(Detail::Text(text)) => Some(text),
            Some(Detail::Items(items)) => {
                let parts: Vec<String> = items
                    .iter()
                    .take(3)
                    .filter_map(|i| {
                        let msg = i.msg.as_deref()?;
                        let at: Vec<String> = i
                            .loc
                            .iter()
                            .skip(1)
                            .map(|l| l.as_str().map_or_else(|| l.to_string(), str::to_owned))
                            .collect();
                        Some(if at.is_empty() {
                            msg.to_owned()
                        } else {
                            format!("{msg} ({})", at.join("."))
                        })
                    })
                    .collect();
                (!parts.is_empty()).then(|| parts.join("; "))
            }
            None => e.message.or(e.error),
        });
    let text = from_json.unwrap_or_else(|| {
        let trimmed = body.trim();
        if trimmed.starts_with('<') || trimmed.starts_with('{') {
            String::new()
        } else {
            trimmed.to_owned()
        }
    });
    let text: String = text.chars().filter(|c| !c.is_control()).take(300).collect();
    if text.trim().is_empty() {
        reason(status).to_owned()
    } else {
        text
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "no explanation given",
    }
}

/// What a manager asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The pack's version- and language-free activity; statements about its items are related.
    pub activity: String,
    /// Only statements after this moment (exclusive, as xAPI's `since`).
    pub since: Option<Millis>,
    /// Only statements up to this moment (inclusive, as xAPI's `until`).
    pub until: Option<Millis>,
    /// Statements per page; an LRS may return fewer (Ralph caps it at
    /// `RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT`).
    pub limit: usize,
}

impl Query {
    /// The first page's address: `GET statements?activity=…&related_activities=true…`.
    pub fn url(&self, endpoint: &Endpoint) -> String {
        let mut url = format!(
            "{}?activity={}&related_activities=true&limit={}",
            endpoint.statements_url(),
            encode_query_value(&self.activity),
            self.limit
        );
        if let Some(since) = self.since {
            url.push_str(&format!(
                "&since={}",
                encode_query_value(&iso_timestamp(since))
            ));
        }
        if let Some(until) = self.until {
            url.push_str(&format!(
                "&until={}",
                encode_query_value(&iso_timestamp(until))
            ));
        }
        url
    }
}

/// Resolves a `more` link (xAPI: a relative IRL to the LRS's server root, though some LRSs give
/// an absolute one) to the address to fetch. Links to another origin are refused: they would
/// carry the manager's credentials away.
pub fn resolve_more(endpoint: &Endpoint, more: &str) -> Result<String, ReadError> {
    let more = more.trim();
    if more.starts_with('/') && !more.starts_with("//") {
        return Ok(format!("{}{more}", endpoint.origin()));
    }
    let origin = endpoint.origin();
    let same_origin = more
        .get(..origin.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(origin))
        && more[origin.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == '/' || c == '?');
    if same_origin {
        Ok(more.to_owned())
    } else {
        Err(ReadError::ForeignMore(more.to_owned()))
    }
}
