//! Learning records: the consent screen (`/profile/records`), the panel in Profile that says what
//! was sent and lets the learner stop, and the prompt on Learn pages while they have not decided.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsValue;

use crate::components::page_title::PageTitle;
use crate::domain::credential::Certificates;
use crate::domain::pack::Pack;
use crate::domain::xapi::config::OrgConfig;
use crate::domain::xapi::consent::{Identity, IdentityError, IdentityForm, Learner, Standing};
use crate::domain::xapi::statement::{
    examples, statements, to_json, Kind, Records, Sender, Vocabulary,
};
use crate::i18n::Msg;
use crate::pages::learn::gate::WithPack;
use crate::state::certify::use_certify;
use crate::state::i18n::{use_i18n, I18n};
use crate::state::progress::{now, use_progress};
use crate::state::xapi::net::site_origin;
use crate::state::xapi::{stop_message, use_xapi, ConfigStatus, XapiState};

/// A moment as the learner's browser writes it in their language.
fn local_time(i18n: I18n, at: i64) -> String {
    let tag = i18n.language.get_untracked().tag();
    js_sys::Date::new(&JsValue::from_f64(at as f64))
        .to_locale_string(tag, &JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

fn kind_msg(kind: Kind) -> Msg {
    match kind {
        Kind::UnitCompleted => Msg::XapiKindUnit,
        Kind::CheckResult => Msg::XapiKindCheck,
        Kind::ScenarioResult => Msg::XapiKindScenario,
        Kind::ModuleCompleted => Msg::XapiKindModule,
        Kind::FinalResult => Msg::XapiKindFinal,
        Kind::CertificateIssued => Msg::XapiKindCertificate,
    }
}

fn identity_error_msg(error: IdentityError) -> Msg {
    match error {
        IdentityError::AccountMissing => Msg::XapiErrAccount,
        IdentityError::EmailMissing => Msg::XapiErrEmail,
        IdentityError::EmailInvalid => Msg::XapiErrEmailInvalid,
        IdentityError::TooLong => Msg::XapiErrTooLong,
        IdentityError::NotConfirmed => Msg::XapiErrConfirm,
    }
}

/// The field to focus for a problem.
fn identity_error_field(error: IdentityError, use_email: bool) -> &'static str {
    match error {
        IdentityError::AccountMissing => "records-account",
        IdentityError::EmailMissing | IdentityError::EmailInvalid => "records-email",
        IdentityError::TooLong if use_email => "records-email",
        IdentityError::TooLong => "records-account",
        IdentityError::NotConfirmed => "records-confirm",
    }
}

fn focus_id(id: &str) {
    crate::app::focus_selector(&format!("#{id}"));
}

/// Who the records name, in words: the account name or the address.
fn identity_text(learner: &Learner) -> String {
    match &learner.identity {
        Identity::Account { name } => name.clone(),
        Identity::Email { address } => address.clone(),
    }
}

/// Says plainly when the page's security policy keeps it from reaching the LRS.
#[component]
fn PolicyWarning(config: Arc<OrgConfig>) -> impl IntoView {
    let i18n = use_i18n();
    let xapi = use_xapi();
    let blocked = xapi.is_some_and(|x| !x.policy_allows(&config));
    let origin = config.endpoint.origin().to_owned();
    blocked.then(|| {
        view! {
            <p class="notice warning" role="alert">
                {i18n.sf(Msg::XapiPolicyBlocks, vec![("origin", origin)])}
            </p>
        }
    })
}

/// The panel in Profile: where the learner stands, what was sent, what waits, and "stop".
#[component]
pub fn RecordsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let Some(xapi) = use_xapi() else {
        return ().into_any();
    };
    let stopped_now = RwSignal::new(None::<String>);
    view! {
        {move || match xapi.config.get() {
            ConfigStatus::Loading | ConfigStatus::Absent => ().into_any(),
            ConfigStatus::Invalid(reason) => view! {
                <section class="card" aria-labelledby="records-heading">
                    <h2 id="records-heading">{i18n.s(Msg::XapiTitle)}</h2>
                    <p class="notice warning" role="alert">
                        {i18n.sf(Msg::XapiInvalidConfig, vec![("reason", reason)])}
                    </p>
                </section>
            }
            .into_any(),
            ConfigStatus::Ready(config) => view! {
                <section class="card records-panel" aria-labelledby="records-heading">
                    <h2 id="records-heading">{i18n.s(Msg::XapiTitle)}</h2>
                    <PolicyWarning config=config.clone()/>
                    <Standing xapi=xapi config=config stopped_now=stopped_now/>
                </section>
            }
            .into_any(),
        }}
    }
    .into_any()
}

#[component]
fn Standing(
    xapi: XapiState,
    config: Arc<OrgConfig>,
    stopped_now: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let org = config.organisation.clone();
    let config = StoredValue::new(config);
    let status = move || {
        let summary = xapi.summary();
        let org = org.clone();
        let standing = xapi.standing_with(|s| match s {
            Standing::Undecided => (0, None, None),
            Standing::Declined => (1, None, None),
            Standing::Given { learner, .. } => (2, Some(identity_text(learner)), None),
            Standing::Stopped { at } => (3, None, Some(at)),
        });
        let Some((state, identity, stopped_at)) = standing else {
            return ().into_any();
        };
        let endpoint = config.with_value(|c| c.endpoint.url().to_owned());
        match state {
            0 => view! {
                <p>{i18n.sf(Msg::XapiAsked, vec![("org", org)])}</p>
                <p><A href="/profile/records" attr:class="button primary">{i18n.s(Msg::XapiReview)}</A></p>
            }
            .into_any(),
            1 => view! {
                <p>{i18n.sf(Msg::XapiDeclined, vec![("org", org)])}</p>
                <p><A href="/profile/records" attr:class="button secondary">{i18n.s(Msg::XapiReviewAgain)}</A></p>
            }
            .into_any(),
            2 => {
                let waiting = i18n.f(Msg::XapiWaiting, &[("count", &summary.waiting.to_string())]);
                let last = match summary.last_success {
                    Some(at) => i18n.f(Msg::XapiLastSuccess, &[("time", &local_time(i18n, at))]),
                    None => i18n.t(Msg::XapiNeverSent).to_owned(),
                };
                let problem = xapi.problem().map(|stop| {
                    let (msg, args) = stop_message(&stop, config.with_value(|c| c.endpoint.origin().to_owned()).as_str());
                    view! { <p class="notice warning" role="alert">{i18n.sf(msg, args)}</p> }
                });
                let held = xapi.held_messages();
                let held = (!held.is_empty()).then(|| {
                    let items = held
                        .into_iter()
                        .map(|(status, message)| {
                            view! { <li>{i18n.f(Msg::XapiHeldItem, &[("status", &status.to_string()), ("message", &message)])}</li> }
                        })
                        .collect_view();
                    view! {
                        <div class="notice warning" role="alert">
                            <p>{i18n.f(Msg::XapiHeldTitle, &[("count", &summary.held.to_string())])}</p>
                            <ul>{items}</ul>
                        </div>
                    }
                });
                let stop = move |_| {
                    let config = config.get_value();
                    let before = xapi.summary();
                    let dropped = xapi.stop(&config);
                    let last = before
                        .last_success
                        .map_or_else(|| "—".to_owned(), |at| local_time(i18n, at));
                    stopped_now.set(Some(i18n.f(
                        Msg::XapiStoppedNow,
                        &[
                            ("count", &before.delivered.to_string()),
                            ("org", &config.organisation),
                            ("time", &last),
                            ("dropped", &dropped.to_string()),
                        ],
                    )));
                };
                view! {
                    <p>{i18n.sf(Msg::XapiSendingTo, vec![
                        ("org", org),
                        ("endpoint", endpoint),
                        ("identity", identity.unwrap_or_default()),
                    ])}</p>
                    <ul class="plain records-counts">
                        <li class="records-waiting">{waiting}</li>
                        <li class="records-last">{last}</li>
                    </ul>
                    {move || xapi.is_sending().then(|| view! { <p class="meta" role="status">{i18n.s(Msg::XapiSendingNow)}</p> })}
                    {problem}
                    {held}
                    <div class="actions">
                        <button type="button" class="button secondary" on:click=move |_| xapi.retry_now()>
                            {i18n.s(Msg::XapiTryAgain)}
                        </button>
                        <A href="/profile/records" attr:class="button secondary">{i18n.s(Msg::XapiChange)}</A>
                        <button type="button" class="button danger" on:click=stop>{i18n.s(Msg::XapiStop)}</button>
                    </div>
                }
                .into_any()
            }
            _ => {
                let date = stopped_at.map(|at| local_time(i18n, at)).unwrap_or_default();
                view! {
                    <p>{i18n.sf(Msg::XapiStoppedOn, vec![
                        ("date", date),
                        ("count", summary.delivered.to_string()),
                        ("org", org),
                    ])}</p>
                    <p><A href="/profile/records" attr:class="button secondary">{i18n.s(Msg::XapiStartAgain)}</A></p>
                }
                .into_any()
            }
        }
    };
    view! {
        {status}
        <p class="records-stopped" role="status">{move || stopped_now.get()}</p>
    }
}

/// Shown on Learn pages while the learner has not decided.
#[component]
pub fn RecordsPrompt() -> impl IntoView {
    let i18n = use_i18n();
    let xapi = use_xapi();
    move || {
        let xapi = xapi?;
        let config = xapi.ready()?;
        let undecided = xapi.standing_with(|s| matches!(s, Standing::Undecided))?;
        undecided.then(|| {
            view! {
                <aside class="card records-prompt" aria-labelledby="records-prompt-heading">
                    <h2 id="records-prompt-heading">{i18n.s(Msg::XapiTitle)}</h2>
                    <p>{i18n.sf(Msg::XapiAsked, vec![("org", config.organisation.clone())])}</p>
                    <p><A href="/profile/records" attr:class="button primary">{i18n.s(Msg::XapiReview)}</A></p>
                </aside>
            }
        })
    }
}

/// `/profile/records`: the consent screen.
#[component]
pub fn RecordsPage() -> impl IntoView {
    let i18n = use_i18n();
    let xapi = use_xapi();
    let body = move || {
        let Some(xapi) = xapi else {
            return ().into_any();
        };
        match xapi.config.get() {
            ConfigStatus::Loading => view! {
                <div class="page loading" aria-busy="true">
                    <div class="spinner" aria-hidden="true"></div>
                </div>
            }
            .into_any(),
            ConfigStatus::Ready(config) => {
                view! { <WithPack page=move |pack| view! { <ConsentForm xapi=xapi config=config.clone() pack=pack/> }/> }.into_any()
            }
            ConfigStatus::Absent | ConfigStatus::Invalid(_) => view! {
                <section class="page narrow">
                    <header class="page-header">
                        <PageTitle text=i18n.sf(Msg::XapiTitle, vec![])/>
                    </header>
                    <p class="lead">{i18n.s(Msg::XapiNoConfig)}</p>
                    <p><A href="/profile">{i18n.s(Msg::XapiBackToProfile)}</A></p>
                </section>
            }
            .into_any(),
        }
    };
    view! { {body} }
}

#[component]
fn ConsentForm(xapi: XapiState, config: Arc<OrgConfig>, pack: Arc<Pack>) -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    let certify = use_certify();
    let navigate = use_navigate();
    let earlier_given = xapi
        .standing_with(|s| match s {
            Standing::Given { learner, .. } => Some(learner.clone()),
            _ => None,
        })
        .flatten();
    let is_change = earlier_given.is_some();
    let form = RwSignal::new(
        earlier_given
            .as_ref()
            .map(IdentityForm::from_learner)
            .unwrap_or_default(),
    );
    let include_earlier = RwSignal::new(false);
    let error = RwSignal::new(None::<IdentityError>);
    let org = config.organisation.clone();
    let home = config.account_home_page.clone();
    let vocabulary = Vocabulary::new(&config.activity_base);
    let origin = site_origin();

    // What the learner did before today, counted with a stand-in key: ids do not matter here, and
    // no key is made before the learner agrees.
    let (count_pack, count_vocabulary, count_origin) =
        (pack.clone(), vocabulary.clone(), origin.clone());
    let count_home = home.clone();
    let earlier = Memo::new(move |_| {
        let certificates: Certificates = certify.with(Clone::clone);
        let learner = Learner {
            identity: Identity::Account {
                name: String::new(),
            },
            display_name: String::new(),
            team: String::new(),
        };
        progress.with(|p| {
            statements(
                Records {
                    pack: &count_pack,
                    editions: &[],
                    progress: p,
                    certificates: &certificates,
                    site_origin: &count_origin,
                },
                Sender {
                    learner: &learner,
                    key: "did:key:…",
                    home_page: &count_home,
                },
                &count_vocabulary,
                i64::MIN,
            )
            .len()
        })
    });

    // One example of each kind, as the learner would send it with what they typed.
    let (example_pack, example_home) = (pack.clone(), home.clone());
    let example_list = move || {
        let f = form.get();
        let learner = Learner {
            identity: if f.use_email {
                Identity::Email {
                    address: f.email.trim().to_owned(),
                }
            } else {
                Identity::Account {
                    name: f.account_name.trim().to_owned(),
                }
            },
            display_name: f.display_name.trim().to_owned(),
            team: f.team.trim().to_owned(),
        };
        let key = xapi
            .learner_key_if_any()
            .unwrap_or_else(|| "did:key:…".to_owned());
        examples(
            &example_pack,
            Sender {
                learner: &learner,
                key: &key,
                home_page: &example_home,
            },
            &vocabulary,
            &origin,
            now(),
        )
        .into_iter()
        .map(|built| {
            let json = crate::domain::xapi::pretty_json(&to_json(&built.statement));
            view! {
                <li>
                    <span>{i18n.s(kind_msg(built.kind))}</span>
                    <details>
                        <summary>{i18n.s(Msg::XapiExample)}</summary>
                        <pre class="report-json">{json}</pre>
                    </details>
                </li>
            }
        })
        .collect_view()
    };

    let agree_config = config.clone();
    let agree_navigate = navigate.clone();
    let agree = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match f.learner() {
            Ok(learner) => {
                error.set(None);
                xapi.give(&agree_config, learner, include_earlier.get_untracked());
                agree_navigate("/profile", Default::default());
            }
            Err(problem) => {
                error.set(Some(problem));
                focus_id(identity_error_field(problem, f.use_email));
            }
        }
    };
    let decline_config = config.clone();
    let decline = move |_| {
        xapi.decline(&decline_config);
        navigate("/profile", Default::default());
    };

    let field = move |get: fn(&IdentityForm) -> String, set: fn(&mut IdentityForm, String)| {
        (
            move || form.with(get),
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                form.update(|f| set(f, value));
            },
        )
    };
    let (account_value, account_input) =
        field(|f| f.account_name.clone(), |f, v| f.account_name = v);
    let (email_value, email_input) = field(|f| f.email.clone(), |f, v| f.email = v);
    let (name_value, name_input) = field(|f| f.display_name.clone(), |f, v| f.display_name = v);
    let (team_value, team_input) = field(|f| f.team.clone(), |f, v| f.team = v);
    let invalid = move |which: &'static str| {
        move || {
            error
                .get()
                .is_some_and(|e| identity_error_field(e, form.with(|f| f.use_email)) == which)
        }
    };
    let endpoint = config.endpoint.url().to_owned();
    let policy_config = config.clone();
    let account_label = i18n.sf(Msg::XapiAccountLabel, vec![("org", org.clone())]);
    let account_hint = i18n.sf(Msg::XapiAccountHint, vec![("home", home.clone())]);

    view! {
        <section class="page narrow records-page">
            <header class="page-header">
                <p class="eyebrow">{i18n.s(Msg::XapiTitle)}</p>
                <PageTitle text=i18n.sf(Msg::XapiConsentTitle, vec![("org", org.clone())])/>
                <p class="lead">{i18n.sf(Msg::XapiConsentIntro, vec![("org", org.clone()), ("endpoint", endpoint)])}</p>
            </header>
            <PolicyWarning config=policy_config/>
            <form class="card form" on:submit=agree novalidate>
                <fieldset class="field">
                    <legend>{i18n.s(Msg::XapiIdentifyLegend)}</legend>
                    <div class="choices">
                        <div class="choice">
                            <input type="radio" name="records-by" id="records-by-account"
                                prop:checked=move || form.with(|f| !f.use_email)
                                on:change=move |_| form.update(|f| f.use_email = false)/>
                            <label for="records-by-account">{i18n.s(Msg::XapiByAccount)}</label>
                        </div>
                        <div class="choice">
                            <input type="radio" name="records-by" id="records-by-email"
                                prop:checked=move || form.with(|f| f.use_email)
                                on:change=move |_| form.update(|f| f.use_email = true)/>
                            <label for="records-by-email">{i18n.s(Msg::XapiByEmail)}</label>
                        </div>
                    </div>
                </fieldset>
                <Show
                    when=move || form.with(|f| !f.use_email)
                    fallback=move || view! {
                        <div class="field">
                            <label for="records-email">{i18n.s(Msg::XapiEmailLabel)}</label>
                            <input id="records-email" type="email" autocomplete="email" maxlength="200"
                                aria-describedby="records-email-hint"
                                aria-invalid=move || invalid("records-email")().to_string()
                                prop:value=email_value on:input=email_input/>
                            <p class="hint" id="records-email-hint">{i18n.s(Msg::XapiEmailHint)}</p>
                        </div>
                    }
                >
                    <div class="field">
                        <label for="records-account">{account_label}</label>
                        <input id="records-account" type="text" autocomplete="username" maxlength="200"
                            aria-describedby="records-account-hint"
                            aria-invalid=move || invalid("records-account")().to_string()
                            prop:value=account_value on:input=account_input/>
                        <p class="hint" id="records-account-hint">{account_hint}</p>
                    </div>
                </Show>
                <div class="field">
                    <label for="records-name">{i18n.s(Msg::XapiNameLabel)}</label>
                    <input id="records-name" type="text" autocomplete="name" maxlength="200"
                        aria-describedby="records-name-hint" prop:value=name_value on:input=name_input/>
                    <p class="hint" id="records-name-hint">{i18n.s(Msg::XapiNameHint)}</p>
                </div>
                <div class="field">
                    <label for="records-team">{i18n.s(Msg::XapiTeamLabel)}</label>
                    <input id="records-team" type="text" maxlength="200" prop:value=team_value on:input=team_input/>
                </div>
                <section aria-labelledby="records-what">
                    <h2 id="records-what">{i18n.s(Msg::XapiWhatTitle)}</h2>
                    <p>{i18n.s(Msg::XapiWhatIntro)}</p>
                    <ul class="records-kinds">{example_list}</ul>
                </section>
                <div class="check-line">
                    <input id="records-earlier" type="checkbox"
                        prop:checked=move || include_earlier.get()
                        on:change=move |ev| include_earlier.set(event_target_checked(&ev))/>
                    <label for="records-earlier">{move || i18n.f(Msg::XapiEarlier, &[("count", &earlier.get().to_string())])}</label>
                </div>
                <div class="check-line">
                    <input id="records-confirm" type="checkbox"
                        aria-invalid=move || invalid("records-confirm")().to_string()
                        prop:checked=move || form.with(|f| f.confirmed)
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            form.update(|f| f.confirmed = checked);
                        }/>
                    <label for="records-confirm">{i18n.sf(Msg::XapiConfirm, vec![("org", org.clone())])}</label>
                </div>
                {move || error.get().map(|e| view! {
                    <p class="form-error" role="alert">{i18n.s(identity_error_msg(e))}</p>
                })}
                <div class="actions">
                    <button type="submit" class="button primary">
                        {i18n.s(if is_change { Msg::XapiSave } else { Msg::XapiAgree })}
                    </button>
                    <button type="button" class="button secondary" on:click=decline>{i18n.s(Msg::XapiNotNow)}</button>
                </div>
            </form>
        </section>
    }
}
