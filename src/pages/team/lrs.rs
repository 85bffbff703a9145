//! Loading the team from the organisation's LRS: the manager types read credentials (kept in this
//! tab's memory, or on this device if they choose), optionally a date range, and Fluency follows
//! the `more` links and adds the statements up into the same summaries as report files.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::pack::Pack;
use crate::domain::team::{parse_day, Importer, Outcome, Source};
use crate::domain::xapi::aggregate::TeamLoad;
use crate::domain::xapi::basic_auth;
use crate::domain::xapi::config::{KeptReader, OrgConfig};
use crate::domain::xapi::lrs::{read_body, resolve_more, Query, ReadError};
use crate::domain::xapi::statement::Vocabulary;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::notices::use_notices;
use crate::state::profile::report_save_error;
use crate::state::team::TeamState;
use crate::state::xapi::net::{self, monotonic_ms, LrsRequest};
use crate::state::xapi::{use_xapi, ConfigStatus};
use crate::storage;

/// Statements asked for per page. An LRS may return fewer: Ralph returns at most
/// `RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT` (100 unless raised).
const PAGE_LIMIT: usize = 10_000;
/// A page of 10,000 statements from a large store may take a while.
const PAGE_TIMEOUT_MS: u32 = 120_000;
const DAY_MS: i64 = 86_400_000;

thread_local! {
    /// Read credentials typed in this tab: they last as long as the tab, never written anywhere.
    static SESSION: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// What the panel shows after a load.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Loading { statements: usize },
    Done(Figures),
    Failed(Failure),
}

#[derive(Clone, PartialEq)]
enum Failure {
    NeedCredentials,
    BadRange,
    Read(ReadError),
}

/// What a load measured.
#[derive(Clone, Copy, PartialEq)]
struct Figures {
    statements: usize,
    learners: usize,
    added: usize,
    replaced: usize,
    /// From the first request to the last page read (network and parsing).
    load_ms: f64,
    /// Parsing the pages, rebuilding each learner's progress and filing the summaries.
    aggregate_ms: f64,
}

#[component]
pub fn LrsPanel(pack: Arc<Pack>, team: TeamState) -> impl IntoView {
    let xapi = use_xapi();
    move || {
        let config = match xapi?.config.get() {
            ConfigStatus::Ready(config) => config,
            _ => return None,
        };
        Some(view! { <LrsForm config=config pack=pack.clone() team=team/> })
    }
}

fn read_error_text(i18n: crate::state::i18n::I18n, error: &ReadError, origin: &str) -> String {
    match error {
        ReadError::Credentials { status, message } => i18n.f(
            Msg::TeamLrsErrCredentials,
            &[("status", &status.to_string()), ("message", message)],
        ),
        ReadError::Failed { status, message } => i18n.f(
            Msg::TeamLrsErrFailed,
            &[("status", &status.to_string()), ("message", message)],
        ),
        ReadError::Unreachable => i18n.t(Msg::TeamLrsErrUnreachable).to_owned(),
        ReadError::TimedOut => i18n.t(Msg::TeamLrsErrTimeout).to_owned(),
        ReadError::Blocked => i18n.f(Msg::TeamLrsErrBlocked, &[("origin", origin)]),
        ReadError::Malformed(reason) => i18n.f(Msg::TeamLrsErrMalformed, &[("reason", reason)]),
        ReadError::ForeignMore(link) => i18n.f(Msg::TeamLrsErrForeign, &[("link", link)]),
    }
}

#[component]
fn LrsForm(config: Arc<OrgConfig>, pack: Arc<Pack>, team: TeamState) -> impl IntoView {
    let i18n = use_i18n();
    let notices = use_notices();
    let kept = storage::load::<KeptReader>().value;
    let kept = (kept.endpoint == config.endpoint.url()).then_some(kept);
    let (user, pass) = SESSION
        .with(|s| s.borrow().clone())
        .or_else(|| {
            kept.as_ref()
                .map(|k| (k.username.clone(), k.password.clone()))
        })
        .unwrap_or_default();
    let username = RwSignal::new(user);
    let password = RwSignal::new(pass);
    let keep = RwSignal::new(kept.is_some());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Idle);
    let config = StoredValue::new(config);
    let pack = StoredValue::new(pack);

    let remember = move |user: &str, pass: &str| {
        SESSION.with(|s| *s.borrow_mut() = Some((user.to_owned(), pass.to_owned())));
        if keep.get_untracked() {
            let kept = KeptReader {
                endpoint: config.with_value(|c| c.endpoint.url().to_owned()),
                username: user.to_owned(),
                password: pass.to_owned(),
            };
            if let Err(error) = storage::save(&kept) {
                report_save_error(&notices, &error);
            }
        } else {
            storage::remove_scoped::<KeptReader>(None);
        }
    };
    let forget = move |_| {
        SESSION.with(|s| *s.borrow_mut() = None);
        storage::remove_scoped::<KeptReader>(None);
        username.set(String::new());
        password.set(String::new());
        keep.set(false);
    };

    let load = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(status.get_untracked(), Status::Loading { .. }) {
            return;
        }
        let (user, pass) = (username.get_untracked(), password.get_untracked());
        if user.trim().is_empty() || pass.is_empty() {
            status.set(Status::Failed(Failure::NeedCredentials));
            crate::app::focus_selector(if user.trim().is_empty() {
                "#lrs-user"
            } else {
                "#lrs-password"
            });
            return;
        }
        let since = parse_day(&from.get_untracked()).map(|day| day - 1);
        let until = parse_day(&to.get_untracked()).map(|day| day + DAY_MS - 1);
        if let (Some(since), Some(until)) = (since, until) {
            if since > until {
                status.set(Status::Failed(Failure::BadRange));
                crate::app::focus_selector("#lrs-from");
                return;
            }
        }
        remember(user.trim(), &pass);
        status.set(Status::Loading { statements: 0 });
        let (config, pack) = (config.get_value(), pack.get_value());
        let authorization = basic_auth(user.trim(), &pass);
        spawn_local(async move {
            let result = run(&config, &pack, team, &authorization, since, until, status).await;
            status.set(match result {
                Ok(figures) => Status::Done(figures),
                Err(error) => Status::Failed(Failure::Read(error)),
            });
        });
    };

    let origin = config.with_value(|c| c.endpoint.origin().to_owned());
    let message = move || {
        let origin = origin.clone();
        match status.get() {
            Status::Idle => ().into_any(),
            Status::Loading { statements } => view! {
                <p class="lrs-status" role="status" aria-busy="true">
                    {i18n.f(Msg::TeamLrsLoading, &[("count", &statements.to_string())])}
                </p>
            }
            .into_any(),
            Status::Done(f) => {
                let seconds = f.load_ms / 1000.0;
                let rate = if seconds > 0.0 {
                    f.statements as f64 / seconds
                } else {
                    0.0
                };
                let text = i18n.f(
                    Msg::TeamLrsDone,
                    &[
                        ("count", &f.statements.to_string()),
                        ("learners", &f.learners.to_string()),
                        ("seconds", &format!("{seconds:.1}")),
                        ("rate", &format!("{rate:.0}")),
                        ("ms", &format!("{:.0}", f.aggregate_ms)),
                        ("added", &f.added.to_string()),
                        ("replaced", &f.replaced.to_string()),
                    ],
                );
                view! {
                    <p class="lrs-status" role="status"
                        data-statements=f.statements.to_string()
                        data-load-ms=format!("{:.0}", f.load_ms)
                        data-aggregate-ms=format!("{:.0}", f.aggregate_ms)>
                        {text}
                    </p>
                }
                .into_any()
            }
            Status::Failed(failure) => {
                let text = match &failure {
                    Failure::NeedCredentials => i18n.t(Msg::TeamLrsNeedCredentials).to_owned(),
                    Failure::BadRange => i18n.t(Msg::TeamLrsBadRange).to_owned(),
                    Failure::Read(error) => read_error_text(i18n, error, &origin),
                };
                view! { <p class="form-error lrs-status" role="alert">{text}</p> }.into_any()
            }
        }
    };
    let (org, endpoint) =
        config.with_value(|c| (c.organisation.clone(), c.endpoint.url().to_owned()));
    let loading = move || matches!(status.get(), Status::Loading { .. });

    view! {
        <section class="card lrs-panel" aria-labelledby="lrs-heading">
            <h2 id="lrs-heading">{i18n.s(Msg::TeamLrsTitle)}</h2>
            <p>{i18n.sf(Msg::TeamLrsIntro, vec![("org", org), ("endpoint", endpoint)])}</p>
            <form class="form lrs-form" on:submit=load>
                <div class="field-row">
                    <div class="field">
                        <label for="lrs-user">{i18n.s(Msg::TeamLrsUser)}</label>
                        <input id="lrs-user" type="text" autocomplete="username"
                            prop:value=move || username.get()
                            on:input=move |ev| username.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="lrs-password">{i18n.s(Msg::TeamLrsPassword)}</label>
                        <input id="lrs-password" type="password" autocomplete="current-password"
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))/>
                    </div>
                </div>
                <div class="field">
                    <div class="check-line">
                        <input id="lrs-keep" type="checkbox" aria-describedby="lrs-keep-hint"
                            prop:checked=move || keep.get()
                            on:change=move |ev| keep.set(event_target_checked(&ev))/>
                        <label for="lrs-keep">{i18n.s(Msg::TeamLrsKeep)}</label>
                    </div>
                    <p class="hint" id="lrs-keep-hint">{i18n.s(Msg::TeamLrsKeepHint)}</p>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="lrs-from">{i18n.s(Msg::TeamLrsFrom)}</label>
                        <input id="lrs-from" type="date" prop:value=move || from.get()
                            on:input=move |ev| from.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="lrs-to">{i18n.s(Msg::TeamLrsTo)}</label>
                        <input id="lrs-to" type="date" prop:value=move || to.get()
                            on:input=move |ev| to.set(event_target_value(&ev))/>
                    </div>
                </div>
                <div class="actions">
                    <button type="submit" class="button primary" prop:disabled=loading>{i18n.s(Msg::TeamLrsLoad)}</button>
                    <button type="button" class="button secondary" on:click=forget>{i18n.s(Msg::TeamLrsForget)}</button>
                </div>
            </form>
            {message}
        </section>
    }
}

/// Fetches every page, adds the statements up and files them in the team.
async fn run(
    config: &OrgConfig,
    pack: &Pack,
    team: TeamState,
    authorization: &str,
    since: Option<i64>,
    until: Option<i64>,
    status: RwSignal<Status>,
) -> Result<Figures, ReadError> {
    let vocabulary = Vocabulary::new(&config.activity_base);
    let query = Query {
        activity: vocabulary.pack_activity(&pack.id),
        since,
        until,
        limit: PAGE_LIMIT,
    };
    let mut load = TeamLoad::new(vocabulary, &pack.id, since, until);
    let mut url = query.url(&config.endpoint);
    let started = monotonic_ms();
    let mut parse_ms = 0.0;
    loop {
        let reply = net::send(LrsRequest {
            method: "GET",
            url: &url,
            authorization,
            body: None,
            origin: config.endpoint.origin(),
            timeout_ms: PAGE_TIMEOUT_MS,
        })
        .await;
        let body = read_body(reply)?;
        let parse_start = monotonic_ms();
        let more = load.add_page(&body)?;
        parse_ms += monotonic_ms() - parse_start;
        status.set(Status::Loading {
            statements: load.counts.statements,
        });
        match more {
            Some(more) => url = resolve_more(&config.endpoint, &more)?,
            None => break,
        }
    }
    let load_ms = monotonic_ms() - started;
    let aggregate_start = monotonic_ms();
    let reports = load.reports(pack);
    let (added, replaced) = team.update(|t| {
        let mut importer = Importer::new(t, crate::state::progress::now());
        let (mut added, mut replaced) = (0, 0);
        for report in &reports {
            match importer.import_from(report, Source::Lrs).outcome {
                Outcome::Added => added += 1,
                Outcome::Replaced => replaced += 1,
                Outcome::Duplicate | Outcome::Older => {}
            }
        }
        (added, replaced)
    });
    Ok(Figures {
        statements: load.counts.statements,
        learners: reports.len(),
        added,
        replaced,
        load_ms,
        aggregate_ms: parse_ms + (monotonic_ms() - aggregate_start),
    })
}
