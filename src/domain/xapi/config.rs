//! The organisation's configuration: a `fluency.config.json` a deployer puts next to the static
//! site. Without it (or without its `lrs` part) Fluency sends nothing anywhere.
//!
//! ```json
//! {
//!   "organisation": "Example Ltd",
//!   "accountHomePage": "https://intranet.example.org",
//!   "lrs": {
//!     "endpoint": "https://lrs.example.org/xAPI/",
//!     "username": "fluency-learners",
//!     "password": "a write-only secret"
//!   },
//!   "activityBase": "https://learn.example.org"
//! }
//! ```
//!
//! The credentials travel to every visitor's browser, so they must only allow writing statements
//! (`docs/deploy.md`). A manager types their own read credentials on the Team page.

use serde::Deserialize;

/// The file's path on the site.
pub const CONFIG_PATH: &str = "/fluency.config.json";
/// A larger file cannot be a configuration; it is refused before parsing.
pub const MAX_CONFIG_BYTES: usize = 64 * 1024;

/// The file as written. Unknown fields are refused, so a misspelt key is reported instead of
/// being silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConfigFile {
    organisation: String,
    #[serde(default)]
    account_home_page: Option<String>,
    #[serde(default)]
    activity_base: Option<String>,
    #[serde(default)]
    lrs: Option<LrsFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LrsFile {
    endpoint: String,
    username: String,
    password: String,
}

/// An LRS's xAPI base address: absolute, `http` or `https`, ending with `/`, without credentials,
/// query or fragment. Resources such as `statements` are resolved against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: String,
    origin_len: usize,
}

impl Endpoint {
    /// Parses an endpoint. Plain `http` is accepted only on loopback (`127.0.0.1`, `[::1]`,
    /// `localhost`), where tests and local trials run.
    pub fn parse(text: &str) -> Result<Endpoint, ConfigError> {
        let text = text.trim();
        let bad = || ConfigError::EndpointNotUrl(text.to_owned());
        let (scheme, rest) = text.split_once("://").ok_or_else(bad)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(bad());
        }
        if rest.contains(['?', '#', ' ', '\\']) || rest.is_empty() {
            return Err(bad());
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.is_empty() || authority.contains('@') {
            return Err(bad());
        }
        let authority = authority.to_ascii_lowercase();
        // An IPv6 literal is bracketed; a port follows the host after the last colon.
        let host_end = if authority.starts_with('[') {
            authority.find(']').ok_or_else(bad)? + 1
        } else {
            authority.rfind(':').unwrap_or(authority.len())
        };
        let (host, port) = authority.split_at(host_end);
        let port_ok = port.is_empty()
            || port
                .strip_prefix(':')
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if host.is_empty() || !port_ok {
            return Err(bad());
        }
        let loopback = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
        if scheme == "http" && !loopback {
            return Err(ConfigError::EndpointNotHttps(text.to_owned()));
        }
        let origin = format!("{scheme}://{authority}");
        let mut url = format!("{origin}{}", if path.is_empty() { "/" } else { path });
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(Endpoint {
            origin_len: origin.len(),
            url,
        })
    }

    /// The base address, ending with `/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `scheme://host[:port]`: what a Content-Security-Policy's `connect-src` must list.
    pub fn origin(&self) -> &str {
        &self.url[..self.origin_len]
    }

    /// The Statements resource.
    pub fn statements_url(&self) -> String {
        format!("{}statements", self.url)
    }
}

/// Basic-auth credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl Credentials {
    /// The `Authorization` header value.
    pub fn header(&self) -> String {
        super::basic_auth(&self.username, &self.password)
    }
}

impl std::fmt::Debug for Credentials {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, ***)", self.username)
    }
}

/// What the app needs from a valid configuration with an LRS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgConfig {
    /// The organisation's name, shown on the consent screen.
    pub organisation: String,
    pub endpoint: Endpoint,
    /// Write credentials every learner's browser uses.
    pub credentials: Credentials,
    /// `actor.account.homePage`: the system whose account names identify learners.
    pub account_home_page: String,
    /// The base of activity, type and extension IRIs, without a trailing `/`: the file's
    /// `activityBase`, or the site's own origin.
    pub activity_base: String,
}

/// Why a configuration file cannot be used. The app then sends nothing and says why in Profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "fluency.config.json is not valid: {0}. Fix the file next to the site; see docs/deploy.md"
    )]
    Invalid(String),
    #[error("fluency.config.json is larger than 64 KB, which no configuration needs")]
    TooLarge,
    #[error("the LRS endpoint “{0}” is not an absolute http(s) address without credentials, query or fragment")]
    EndpointNotUrl(String),
    #[error("the LRS endpoint “{0}” must use https (plain http is only accepted on this computer's loopback address)")]
    EndpointNotHttps(String),
    #[error("“{0}” is not an absolute http(s) address; accountHomePage and activityBase must be")]
    NotAnAddress(String),
    #[error("fluency.config.json names an LRS but no accountHomePage, which identifies learners' accounts")]
    MissingHomePage,
    #[error("fluency.config.json gives an empty {0}")]
    Empty(&'static str),
}

fn absolute_address(text: &str) -> Result<String, ConfigError> {
    let trimmed = text.trim();
    let ok = ["https://", "http://"].iter().any(|scheme| {
        trimmed
            .get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            && trimmed.len() > scheme.len()
    }) && !trimmed.contains([' ', '#', '?', '\\']);
    if ok {
        Ok(trimmed.to_owned())
    } else {
        Err(ConfigError::NotAnAddress(trimmed.to_owned()))
    }
}

/// Reads the configuration. `Ok(None)`: a valid file that names no LRS. `site_origin` is the
/// default base of activity ids.
pub fn parse_config(text: &str, site_origin: &str) -> Result<Option<OrgConfig>, ConfigError> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(ConfigError::TooLarge);
    }
    let file: ConfigFile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ConfigError::Invalid(e.to_string()))?;
    let Some(lrs) = file.lrs else {
        return Ok(None);
    };
    let organisation = file.organisation.trim().to_owned();
    if organisation.is_empty() {
        return Err(ConfigError::Empty("organisation"));
    }
    if lrs.username.is_empty() {
        return Err(ConfigError::Empty("lrs.username"));
    }
    let endpoint = Endpoint::parse(&lrs.endpoint)?;
    let account_home_page = absolute_address(
        file.account_home_page
            .as_deref()
            .ok_or(ConfigError::MissingHomePage)?,
    )?;
    let activity_base = match file.activity_base.as_deref() {
        Some(base) => absolute_address(base)?,
        None => site_origin.to_owned(),
    };
    Ok(Some(OrgConfig {
        organisation,
        endpoint,
        credentials: Credentials {
            username: lrs.username,
            password: lrs.password,
        },
        account_home_page,
        activity_base: activity_base.trim_end_matches('/').to_owned(),
    }))
}

/// Whether a Content-Security-Policy lets the page connect to `target_origin` (`fetch`), as its
/// `connect-src` (or else `default-src`) directive says. `self_origin` is the page's own. This
/// reads the policy the page carries in its `<meta>` tag, so the app can say before anything is
/// sent that the deployer has not yet allowed the LRS (docs/deploy.md). Host sources match by
/// scheme, host (with `*.` wildcards) and port; a path in a source is not checked.
pub fn policy_allows_connect(policy: &str, target_origin: &str, self_origin: &str) -> bool {
    let directive = |name: &str| {
        policy.split(';').find_map(|d| {
            let mut words = d.split_whitespace();
            words
                .next()
                .filter(|w| w.eq_ignore_ascii_case(name))
                .map(|_| words.map(str::to_owned).collect::<Vec<_>>())
        })
    };
    let Some(sources) = directive("connect-src").or_else(|| directive("default-src")) else {
        return true;
    };
    let split = |origin: &str| -> Option<(String, String, String)> {
        let (scheme, rest) = origin.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let rest = rest.to_ascii_lowercase();
        let host_end = if rest.starts_with('[') {
            rest.find(']')? + 1
        } else {
            rest.rfind(':').unwrap_or(rest.len())
        };
        let (host, port) = rest.split_at(host_end);
        let port = match port.strip_prefix(':') {
            Some(p) => p.to_owned(),
            None if scheme == "https" => "443".to_owned(),
            None => "80".to_owned(),
        };
        Some((scheme, host.to_owned(), port))
    };
    let Some((scheme, host, port)) = split(target_origin) else {
        return false;
    };
    let self_scheme = self_origin
        .split("://")
        .next()
        .unwrap_or("https")
        .to_ascii_lowercase();
    sources.iter().any(|source| {
        let source = source.to_ascii_lowercase();
        match source.as_str() {
            "'none'" => false,
            "*" => scheme == "http" || scheme == "https",
            "'self'" => split(self_origin) == Some((scheme.clone(), host.clone(), port.clone())),
            s if s.ends_with(':') && !s.contains('/') => s.trim_end_matches(':') == scheme,
            s if s.starts_with('\'') => false,
            s => {
                let (source_scheme, rest) = match s.split_once("://") {
                    Some((sc, rest)) => (Some(sc), rest),
                    None => (None, s),
                };
                let scheme_ok = match source_scheme {
                    Some(sc) => sc == scheme,
                    // A scheme-less source allows the page's scheme, and https for an http page.
                    None => scheme == self_scheme || (self_scheme == "http" && scheme == "https"),
                };
                let authority = rest.split('/').next().unwrap_or("");
                let host_end = if authority.starts_with('[') {
                    authority.find(']').map_or(authority.len(), |i| i + 1)
                } else {
                    authority.rfind(':').unwrap_or(authority.len())
                };
                let (source_host, source_port) = authority.split_at(host_end);
                let source_port = source_port.strip_prefix(':');
                let host_ok = match source_host.strip_prefix("*.") {
                    Some(suffix) => host.ends_with(&format!(".{suffix}")),
                    None => source_host == host,
                };
                let port_ok = match source_port {
                    Some("*") => true,
                    Some(p) => p == port,
                    None => port == if scheme == "https" { "443" } else { "80" },
                };
                scheme_ok && host_ok && port_ok
            }
        }
    })
}

/// A manager's read credentials, stored under `fluency.lrs-reader` only when they choose to keep
/// them on this device (otherwise they live in the tab's memory for the session).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct KeptReader {
    /// The endpoint they are for: credentials never go to another LRS.
    pub endpoint: String,
    pub username: String,
    pub password: String,
}

impl super::super::schema::Schema for KeptReader {
    const KEY: &'static str = "lrs-reader";
    const VERSION: u32 = 1;
}
