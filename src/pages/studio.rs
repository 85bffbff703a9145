use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::page_title::PageTitle;
use crate::domain::pack::{Pack, PackParseError, MAX_PACK_BYTES};
use crate::domain::validate::{validate, Severity};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

/// What checking a chosen file produced.
#[derive(Debug, Clone, PartialEq)]
enum CheckOutcome {
    Checking,
    TooLarge {
        kb: String,
    },
    Unreadable,
    NotAPack(String),
    Checked {
        summary: Vec<(&'static str, String)>,
        problems: Vec<(Severity, String)>,
    },
}

fn check_text(text: &str) -> CheckOutcome {
    match Pack::from_json(text) {
        Err(PackParseError::TooLarge { bytes, .. }) => CheckOutcome::TooLarge {
            kb: bytes.div_ceil(1024).to_string(),
        },
        Err(error) => CheckOutcome::NotAPack(error.to_string()),
        Ok(pack) => {
            let report = validate(&pack);
            let mut problems: Vec<(Severity, String)> = report
                .problems
                .iter()
                .map(|p| (p.severity, p.to_string()))
                .collect();
            problems.sort_by_key(|(severity, _)| *severity);
            CheckOutcome::Checked {
                summary: vec![
                    ("title", pack.title.clone()),
                    ("version", pack.version.clone()),
                    ("tracks", pack.tracks.len().to_string()),
                    ("modules", pack.module_count().to_string()),
                    ("units", pack.unit_count().to_string()),
                    ("hash", pack.content_hash()),
                ],
                problems,
            }
        }
    }
}

#[component]
pub fn StudioPage() -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(None::<CheckOutcome>);

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        // Refuse oversized files before reading a byte, so the page stays responsive.
        if file.size() > MAX_PACK_BYTES as f64 {
            outcome.set(Some(CheckOutcome::TooLarge {
                kb: ((file.size() / 1024.0).ceil() as u64).to_string(),
            }));
            return;
        }
        outcome.set(Some(CheckOutcome::Checking));
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
                .map(String::from);
            outcome.set(Some(match text {
                Some(text) => check_text(&text),
                None => CheckOutcome::Unreadable,
            }));
        });
    };

    let limit_kb = (MAX_PACK_BYTES / 1024).to_string();
    let report = move || {
        let limit_kb = limit_kb.clone();
        outcome.get().map(|result| match result {
            CheckOutcome::Checking => view! { <p role="status">{i18n.s(Msg::StudioChecking)}</p> }.into_any(),
            CheckOutcome::TooLarge { kb } => view! {
                <p class="notice error" role="alert">
                    {i18n.sf(Msg::StudioFileTooLarge, vec![("size", kb.clone()), ("limit", limit_kb.clone())])}
                </p>
            }
            .into_any(),
            CheckOutcome::Unreadable => {
                view! { <p class="notice error" role="alert">{i18n.s(Msg::StudioFileUnreadable)}</p> }.into_any()
            }
            CheckOutcome::NotAPack(reason) => view! {
                <p class="notice error" role="alert">{i18n.sf(Msg::StudioNotJson, vec![("reason", reason.clone())])}</p>
            }
            .into_any(),
            CheckOutcome::Checked { summary, problems } => {
                let errors = problems.iter().filter(|(s, _)| *s == Severity::Error).count().to_string();
                let warnings = problems.iter().filter(|(s, _)| *s == Severity::Warning).count().to_string();
                let clean = problems.is_empty();
                let has_errors = errors != "0";
                let summary_text = move || {
                    let args: Vec<(&str, &str)> = summary.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    i18n.f(Msg::StudioPackSummary, &args)
                };
                let rows = problems
                    .into_iter()
                    .map(|(severity, line)| {
                        let (class, label) = match severity {
                            Severity::Error => ("problem error", Msg::StudioSeverityError),
                            Severity::Warning => ("problem warning", Msg::StudioSeverityWarning),
                        };
                        view! {
                            <li class=class>
                                <span class="badge">{i18n.s(label)}</span>
                                <span class="problem-text">{line}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="report" role="status">
                        <p class="meta break">{summary_text}</p>
                        {clean.then(|| view! { <p class="notice success">{i18n.s(Msg::StudioReportOk)}</p> })}
                        {has_errors.then(|| {
                            let errors = errors.clone();
                            view! { <p class="notice error">{i18n.sf(Msg::StudioReportErrors, vec![("count", errors.clone())])}</p> }
                        })}
                        {(warnings != "0").then(|| {
                            let warnings = warnings.clone();
                            view! { <p class="notice warning">{i18n.sf(Msg::StudioReportWarnings, vec![("count", warnings.clone())])}</p> }
                        })}
                        <ul class="problems">{rows}</ul>
                    </div>
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="page">
            <header class="page-header">
                <p class="eyebrow">{i18n.s(Msg::RoleTrainer)}</p>
                <PageTitle text=i18n.sf(Msg::StudioTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::StudioIntro)}</p>
            </header>
            <div class="two-col wide-first">
                <section class="card" aria-labelledby="check-heading">
                    <h2 id="check-heading">{i18n.s(Msg::StudioCheckTitle)}</h2>
                    <p class="hint" id="pack-file-hint">{i18n.s(Msg::StudioCheckHint)}</p>
                    <div class="field">
                        <label for="pack-file">{i18n.s(Msg::StudioChooseFile)}</label>
                        <input
                            id="pack-file"
                            type="file"
                            accept=".json,application/json"
                            aria-describedby="pack-file-hint"
                            on:change=on_file
                        />
                    </div>
                    {report}
                </section>
                <aside class="card quiet">
                    <h2>{i18n.s(Msg::StudioComingTitle)}</h2>
                    <p>{i18n.s(Msg::StudioComingBody)}</p>
                </aside>
            </div>
        </section>
    }
}
