//! Studio home: the shipped pack (read-only, duplicate to edit), local drafts, a new empty pack,
//! and importing a pack file after a validation report.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::session::{create_draft, delete_draft, restore_draft, DeletedDraft};
use super::storage_problem;
use crate::components::page_title::PageTitle;
use crate::domain::pack::{Pack, PackParseError, MAX_PACK_BYTES};
use crate::domain::studio::draft::DraftIndex;
use crate::domain::validate::{validate, Severity};
use crate::i18n::Msg;
use crate::state::curriculum::{use_curriculum, Needs};
use crate::state::i18n::use_i18n;
use crate::storage;

/// What checking a chosen file produced.
#[derive(Debug, Clone, PartialEq)]
enum CheckOutcome {
    Checking,
    TooLarge {
        kb: String,
    },
    Unreadable,
    NotAPack(PackParseError),
    Checked {
        summary: Vec<(&'static str, String)>,
        problems: Vec<(Severity, String)>,
        pack: Box<Pack>,
    },
}

/// Why a pack file was refused, in the reader's language: what was found and what to do.
pub fn pack_parse_message(i18n: crate::state::i18n::I18n, error: &PackParseError) -> String {
    let n = |v: &usize| v.to_string();
    match error {
        PackParseError::TooLarge { bytes, limit } => i18n.f(
            Msg::StudioFileTooLarge,
            &[
                ("size", &bytes.div_ceil(1024).to_string()),
                ("limit", &(limit / 1024).to_string()),
            ],
        ),
        PackParseError::FormatTooNew { found, supported } => i18n.f(
            Msg::StudioPackTooNew,
            &[
                ("found", &found.to_string()),
                ("supported", &supported.to_string()),
            ],
        ),
        PackParseError::NotAnObject { found } => {
            i18n.f(Msg::StudioPackNotObject, &[("found", found)])
        }
        PackParseError::Syntax {
            line,
            column,
            message,
        } => i18n.f(
            Msg::StudioPackSyntax,
            &[
                ("line", &n(line)),
                ("column", &n(column)),
                ("message", message),
            ],
        ),
        PackParseError::Shape {
            line,
            column,
            message,
        } => i18n.f(
            Msg::StudioPackShape,
            &[
                ("line", &n(line)),
                ("column", &n(column)),
                ("message", message),
            ],
        ),
    }
}

fn check_text(text: &str) -> CheckOutcome {
    match Pack::from_json(text) {
        Err(PackParseError::TooLarge { bytes, .. }) => CheckOutcome::TooLarge {
            kb: bytes.div_ceil(1024).to_string(),
        },
        Err(error) => CheckOutcome::NotAPack(error),
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
                pack: Box::new(pack),
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
            let text = storage::read_file_text(&file).await;
            outcome.set(Some(match text {
                Some(text) => check_text(&text),
                None => CheckOutcome::Unreadable,
            }));
        });
    };

    let navigate = use_navigate();
    let create_error = RwSignal::new(None::<String>);
    let open_new = Callback::new(move |pack: Option<Pack>| match create_draft(pack) {
        Ok(id) => navigate(&format!("/studio/draft/{id}"), Default::default()),
        Err((error, bytes)) => create_error.set(Some(storage_problem(i18n, &error, bytes))),
    });
    let create_error = move || {
        create_error
            .get()
            .map(|message| view! { <p class="notice error" role="alert">{message}</p> })
    };

    let curriculum = use_curriculum();
    let shipped = move || match curriculum.pack_for(&Needs::Whole) {
        Some(Ok(pack)) => {
            let summary = i18n.sf(
                Msg::StudioShippedSummary,
                vec![
                    ("title", pack.title.clone()),
                    ("version", pack.version.clone()),
                    ("units", pack.unit_count().to_string()),
                ],
            );
            view! {
                <p class="meta">{summary}</p>
                <button type="button" class="button secondary" on:click=move |_| open_new.run(Some((*pack).clone()))>
                    {i18n.s(Msg::StudioDuplicate)}
                </button>
            }
            .into_any()
        }
        Some(Err(reason)) => view! { <p class="notice error" role="alert">{reason}</p> }.into_any(),
        None => view! { <p role="status">{i18n.s(Msg::LearnLoadingPack)}</p> }.into_any(),
    };

    let index = RwSignal::new(storage::load::<DraftIndex>().value);
    // The draft deleted last, until it is restored or another is deleted: deleting takes one click,
    // and the line it leaves offers to undo it.
    let deleted = RwSignal::new(None::<DeletedDraft>);
    let undo_error = RwSignal::new(None::<String>);
    let undo = move |_| {
        let restored =
            deleted.with_untracked(|d| d.as_ref().map(|d| (restore_draft(d), d.stored_bytes())));
        match restored {
            Some((Ok(()), _)) => {
                deleted.set(None);
                undo_error.set(None);
                index.set(storage::load::<DraftIndex>().value);
                // The restored draft heads the list; the keyboard goes on from its link.
                request_animation_frame(|| {
                    crate::app::focus_selector(".draft-list a");
                });
            }
            Some((Err(error), bytes)) => undo_error.set(Some(storage_problem(i18n, &error, bytes))),
            None => {}
        }
    };
    let undo_line = move || {
        deleted.with(|d| d.as_ref().map(|d| d.title().to_owned())).map(|title| {
            view! {
                <p class="notice success undo-line" role="status">
                    {i18n.sf(Msg::StudioDraftDeleted, vec![("title", title)])}" "
                    <button type="button" class="button small secondary draft-undo" on:click=undo>{i18n.s(Msg::StudioUndo)}</button>
                </p>
                {move || undo_error.get().map(|message| view! { <p class="notice error" role="alert">{message}</p> })}
            }
        })
    };
    let drafts_view = move || {
        let drafts = index.get().drafts;
        if drafts.is_empty() {
            return view! { <p class="hint">{i18n.s(Msg::StudioNoDrafts)}</p> }.into_any();
        }
        let rows = drafts
            .into_iter()
            .map(|d| {
                let href = format!("/studio/draft/{}", d.id);
                let id = d.id.clone();
                let label = format!("{} ({})", d.title, d.version);
                let delete_label = i18n.sf(Msg::StudioDeleteDraft, vec![("title", d.title.clone())]);
                view! {
                    <li class="draft-row">
                        <A href=href>{label}</A>
                        <button type="button" class="button secondary small" aria-label=delete_label on:click=move |_| {
                            let gone = delete_draft(&id);
                            deleted.set(gone);
                            undo_error.set(None);
                            index.set(storage::load::<DraftIndex>().value);
                            // The row and its button are gone; the keyboard goes on from Undo.
                            request_animation_frame(|| {
                                crate::app::focus_selector(".draft-undo");
                            });
                        }>{i18n.s(Msg::StudioDelete)}</button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="draft-list">{rows}</ul> }.into_any()
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
            CheckOutcome::NotAPack(error) => view! {
                <p class="notice error" role="alert">{pack_parse_message(i18n, &error)}</p>
            }
            .into_any(),
            CheckOutcome::Checked { summary, problems, pack } => {
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
                        <button type="button" class="button primary" on:click=move |_| open_new.run(Some((*pack).clone()))>
                            {i18n.s(Msg::StudioImportAsDraft)}
                        </button>
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
                <section class="card" aria-labelledby="shipped-heading">
                    <h2 id="shipped-heading">{i18n.s(Msg::StudioShippedTitle)}</h2>
                    <p class="hint">{i18n.s(Msg::StudioShippedHint)}</p>
                    {shipped}
                </section>
            </div>
            <section class="card" aria-labelledby="drafts-heading">
                <h2 id="drafts-heading">{i18n.s(Msg::StudioDraftsTitle)}</h2>
                {create_error}
                <button type="button" class="button primary" on:click=move |_| open_new.run(None)>
                    {i18n.s(Msg::StudioNewPack)}
                </button>
                {undo_line}
                {drafts_view}
            </section>
        </section>
    }
}
