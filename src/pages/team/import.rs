//! Importing reports: many files at once (picker, or dropped files and folders), or pasted links. Every report is
//! verified; each gets a result line with its reason when it is rejected.

use std::collections::VecDeque;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use wasm_bindgen_futures::JsFuture;

use crate::domain::calendar::local_date;
use crate::domain::history::PackHistory;
use crate::domain::pack::Pack;
use crate::domain::report::{
    parse_bytes, parse_link, Report, ReportError, SignatureBatch, SignedReport,
    MAX_REPORT_FILE_BYTES,
};
use crate::domain::team::{Importer, Outcome};
use crate::i18n::Msg;
use crate::pages::team::drop;
use crate::pages::team::verify::Verifier;
use crate::state::curriculum::use_curriculum;
use crate::state::i18n::{use_i18n, I18n};
use crate::state::progress::LocalZone;
use crate::state::team::TeamState;

/// Reports per batch sent to a verification worker; the progress bar moves as each is checked.
const CHUNK: usize = 500;
/// Batches handed to the workers and not yet answered, at most: two per worker on a two-core
/// machine, so each always has one queued.
const IN_FLIGHT: usize = 4;
/// Result lines shown; accepted reports beyond this are only counted.
const MAX_LINES: usize = 200;

enum Input {
    File(web_sys::File),
    Link(String),
}

#[derive(Clone, PartialEq)]
enum Verdict {
    Accepted(Outcome),
    Duplicate,
    Older,
    Invalid(ReportError),
    TooLarge,
}

#[derive(Clone, PartialEq)]
struct Line {
    label: String,
    name: String,
    verdict: Verdict,
    clash: bool,
    /// The curriculum version an accepted report was made with, when it is not the current one.
    older_version: Option<String>,
    /// When the report claims a time beyond the manager's clock, that time.
    future: Option<i64>,
}

#[derive(Clone, PartialEq, Default)]
struct Results {
    lines: Vec<Line>,
    added: usize,
    replaced: usize,
    rejected: usize,
}

/// The file's bytes, copied once into wasm memory (cheaper than decoding to a JS string first).
async fn read_bytes(file: &web_sys::File) -> Vec<u8> {
    JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .unwrap_or_default()
}

/// Marks the end of an import phase on the page's performance timeline, as `team-import:<phase>`.
/// Each mark closes the interval since the previous one (the first follows `team-import:start`),
/// so a profiler or the Team bench can sum the time spent per phase; marks cost microseconds.
fn mark(phase: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(&format!("team-import:{phase}"));
    }
}

/// A checked report: its result line's label, the learner's name, and the report or why not.
type Checked = (String, String, Result<Report, Verdict>);

/// Merges checked reports into the importer's team, counting them and adding a result line each.
fn merge(importer: &mut Importer, pack: &Pack, checked: &[Checked], out: &mut Results) {
    for (label, name, checked) in checked {
        let older_version = checked
            .as_ref()
            .ok()
            .filter(|r| r.pack_id == pack.id && r.pack_version != pack.version)
            .map(|r| r.pack_version.clone());
        let (verdict, clash, future) = match checked {
            Ok(report) => {
                let imported = importer.import(report);
                let verdict = match imported.outcome {
                    Outcome::Duplicate => Verdict::Duplicate,
                    Outcome::Older => Verdict::Older,
                    outcome => Verdict::Accepted(outcome),
                };
                (
                    verdict,
                    imported.name_clash,
                    imported.future.then_some(report.produced_at),
                )
            }
            Err(verdict) => (verdict.clone(), false, None),
        };
        match verdict {
            Verdict::Accepted(Outcome::Added) => out.added += 1,
            Verdict::Accepted(_) => out.replaced += 1,
            _ => out.rejected += 1,
        }
        out.lines.push(Line {
            label: label.clone(),
            name: name.clone(),
            verdict,
            clash,
            older_version,
            future,
        });
    }
}

async fn run(
    inputs: Vec<Input>,
    pack: Arc<Pack>,
    history: LocalResource<Arc<PackHistory>>,
    team: TeamState,
    progress: RwSignal<Option<(usize, usize)>>,
    results: RwSignal<Option<Results>>,
) {
    mark("start");
    progress.set(Some((0, inputs.len())));
    let mut entries: Vec<(String, Result<SignedReport, Verdict>)> = Vec::new();
    for input in inputs {
        match input {
            Input::File(file) => {
                let label = file.name();
                if file.size() > MAX_REPORT_FILE_BYTES as f64 {
                    entries.push((label, Err(Verdict::TooLarge)));
                    continue;
                }
                let bytes = read_bytes(&file).await;
                mark("read");
                let parsed = parse_bytes(&bytes);
                mark("parse");
                let many = parsed.len() > 1;
                for (i, entry) in parsed.into_iter().enumerate() {
                    let label = if many {
                        format!("{label} #{}", i + 1)
                    } else {
                        label.clone()
                    };
                    entries.push((label, entry.map_err(Verdict::Invalid)));
                }
            }
            Input::Link(link) => {
                let label: String = link.chars().take(48).collect();
                entries.push((label, parse_link(&link).map_err(Verdict::Invalid)));
            }
        }
    }
    let total = entries.len();
    // Reports made against any published version are accepted, not only the current one.
    let history = history.await;
    let knows = history.knows_or_current(&pack);
    mark("history");
    // Phase 1, asynchronous: check every signature, reporting progress as batches finish. Up to
    // IN_FLIGHT batches are with the workers at once, so a worker never waits for the page to
    // prepare its next batch, and the page prepares batches while the workers check. Each batch
    // is merged into a copy of the team as soon as it is checked, while the workers check the next.
    let mut checked_reports = Vec::with_capacity(total);
    let revision = team.revision();
    let mut next = team.snapshot();
    let mut out = Results::default();
    {
        let mut importer = Importer::new(&mut next, crate::state::progress::now());
        let mut verifier = Verifier::new();
        let batch_of = |chunk: &[(String, Result<SignedReport, Verdict>)]| {
            let mut batch = SignatureBatch::with_capacity(chunk.len());
            for (_, entry) in chunk {
                batch.push(entry.as_ref().ok());
            }
            batch
        };
        let mut chunks: VecDeque<Vec<(String, Result<SignedReport, Verdict>)>> = VecDeque::new();
        let mut entries = entries.into_iter().peekable();
        while entries.peek().is_some() {
            chunks.push_back(entries.by_ref().take(CHUNK).collect());
        }
        let mut waiting = VecDeque::with_capacity(IN_FLIGHT);
        let mut done = 0;
        loop {
            while waiting.len() < IN_FLIGHT {
                let Some(chunk) = chunks.pop_front() else {
                    break;
                };
                let job = verifier.start(batch_of(&chunk));
                waiting.push_back((chunk, job));
                mark("prepare");
            }
            let Some((chunk, job)) = waiting.pop_front() else {
                break;
            };
            let valid = verifier.finish(job).await;
            mark("wait");
            done += chunk.len();
            let from = checked_reports.len();
            for ((label, entry), signature_valid) in chunk.into_iter().zip(valid) {
                let name = entry
                    .as_ref()
                    .map(|s| s.report.name.clone())
                    .unwrap_or_default();
                let checked = entry.and_then(|s| {
                    s.verify_with(signature_valid, &knows)
                        .map_err(Verdict::Invalid)
                });
                checked_reports.push((label, name, checked));
            }
            merge(&mut importer, &pack, &checked_reports[from..], &mut out);
            progress.set(Some((done, total)));
            mark("collect");
            // Waiting for a worker lets the page repaint; checking here does not.
            if !verifier.uses_workers() {
                crate::state::tasks::yield_to_browser().await;
            }
        }
    }
    // Phase 2: if the team changed while the checks ran (a removal, an undo, another tab), the
    // merge is done again into the team as it is now, so that no change is overwritten by the
    // copy taken before the checks.
    if team.revision() != revision {
        next = team.snapshot();
        out = Results::default();
        let mut importer = Importer::new(&mut next, crate::state::progress::now());
        merge(&mut importer, &pack, &checked_reports, &mut out);
    }
    mark("merge");
    team.set(next);
    mark("save");
    // Problems first, so they are never hidden behind thousands of accepted reports.
    out.lines.sort_by_key(|l| {
        !l.clash && l.future.is_none() && matches!(l.verdict, Verdict::Accepted(_))
    });
    progress.set(None);
    results.set(Some(out));
    mark("results");
}

fn verdict_text(i18n: I18n, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Accepted(Outcome::Added) => i18n.t(Msg::TeamOutcomeAdded).to_owned(),
        Verdict::Accepted(_) => i18n.t(Msg::TeamOutcomeReplaced).to_owned(),
        Verdict::Duplicate => i18n.t(Msg::TeamRejectDuplicate).to_owned(),
        Verdict::Older => i18n.t(Msg::TeamRejectOlder).to_owned(),
        Verdict::TooLarge => i18n.t(Msg::TeamRejectTooLarge).to_owned(),
        Verdict::Invalid(ReportError::Malformed(reason)) => {
            i18n.f(Msg::TeamRejectMalformed, &[("reason", reason)])
        }
        Verdict::Invalid(ReportError::Tampered) => i18n.t(Msg::TeamRejectTampered).to_owned(),
        Verdict::Invalid(ReportError::UnsupportedFormat(format)) => {
            i18n.f(Msg::TeamRejectFormat, &[("format", &format.to_string())])
        }
        Verdict::Invalid(ReportError::UnknownPack { pack, version }) => i18n.f(
            Msg::TeamRejectUnknownPack,
            &[("pack", pack), ("version", version)],
        ),
        Verdict::Invalid(ReportError::TooManyEntries { limit }) => {
            i18n.f(Msg::TeamRejectTooMany, &[("limit", &limit.to_string())])
        }
        Verdict::Invalid(ReportError::NotAReport { entry, found }) => i18n.f(
            Msg::TeamRejectNotReport,
            &[("entry", &entry.to_string()), ("found", found)],
        ),
    }
}

/// The text before and after `{name}` in a message, so the name can be put in its own `<bdi>`.
fn split_at_name(template: &str) -> (String, String) {
    template
        .split_once("{name}")
        .map_or((template.to_owned(), String::new()), |(a, b)| {
            (a.to_owned(), b.to_owned())
        })
}

#[component]
pub fn ImportPanel(pack: Arc<Pack>, team: TeamState) -> impl IntoView {
    let i18n = use_i18n();
    let progress = RwSignal::new(None::<(usize, usize)>);
    let results = RwSignal::new(None::<Results>);
    let links = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let pack = StoredValue::new(pack);

    let start = move |inputs: Vec<Input>| {
        if inputs.is_empty() || progress.get_untracked().is_some() {
            return;
        }
        results.set(None);
        let history = use_curriculum().history;
        spawn_local(run(
            inputs,
            pack.get_value(),
            history,
            team,
            progress,
            results,
        ));
    };
    let files_of = |list: Option<web_sys::FileList>| -> Vec<Input> {
        let Some(list) = list else { return Vec::new() };
        (0..list.length())
            .filter_map(|i| list.get(i))
            .map(Input::File)
            .collect()
    };

    // A link opened directly (/team/import#...) carries one report in its fragment.
    let hash = use_location().hash.get_untracked();
    if hash.len() > 1 {
        start(vec![Input::Link(hash)]);
        // Drop the fragment once read, so a reload cannot bring back a learner the manager has
        // since removed.
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some("/team/import"),
            );
        }
    }

    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let inputs = files_of(input.files());
        input.set_value("");
        start(inputs);
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(transfer) = ev.data_transfer() else {
            return;
        };
        let entries = drop::entries(&transfer);
        if entries.is_empty() {
            start(files_of(transfer.files()));
            return;
        }
        spawn_local(async move {
            let files = drop::files_in(entries).await;
            start(files.into_iter().map(Input::File).collect());
        });
    };
    let import_links = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let inputs: Vec<Input> = links
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Input::Link(l.to_owned()))
            .collect();
        links.set(String::new());
        start(inputs);
    };

    let report = move || {
        results.get().map(|r| {
            let shown = r.lines.len().min(MAX_LINES);
            let more = r.lines.len() - shown;
            let items = r
                .lines
                .iter()
                .take(MAX_LINES)
                .map(|line| {
                    let accepted = matches!(line.verdict, Verdict::Accepted(_));
                    let class = if accepted { "result accepted" } else { "result rejected" };
                    // The name is someone else's text: isolated, so its direction cannot turn the
                    // sentence around it.
                    let clash = line.clash.then(|| {
                        let (before, after) = split_at_name(i18n.t(Msg::TeamNameClash));
                        view! { <p class="warning-text">{before}<bdi>{line.name.clone()}</bdi>{after}</p> }
                    });
                    let future = line.future.map(|at| {
                        let date = local_date(at, &LocalZone).iso();
                        view! { <p class="warning-text">{i18n.f(Msg::TeamFutureDated, &[("date", &date)])}</p> }
                    });
                    view! {
                        <li class=class>
                            <bdi class="result-label">{line.label.clone()}</bdi>
                            {(!line.name.is_empty()).then(|| view! { <strong class="user-text"><bdi title=line.name.clone()>{line.name.clone()}</bdi></strong> })}
                            <span>{verdict_text(i18n, &line.verdict)}</span>
                            {line.older_version.clone().filter(|_| accepted).map(|version| {
                                let current = pack.with_value(|p| p.version.clone());
                                view! { <span class="meta">{i18n.f(Msg::TeamOlderVersion, &[("version", &version), ("current", &current)])}</span> }
                            })}
                            {clash}
                            {future}
                        </li>
                    }
                })
                .collect_view();
            let summary = i18n.f(
                Msg::TeamImportSummary,
                &[
                    ("added", &r.added.to_string()),
                    ("replaced", &r.replaced.to_string()),
                    ("rejected", &r.rejected.to_string()),
                ],
            );
            view! {
                <section class="import-results" aria-labelledby="import-results-heading">
                    <h3 id="import-results-heading">{i18n.s(Msg::TeamResultsTitle)}</h3>
                    <p role="status" class="import-summary">{summary}</p>
                    <ul class="results" tabindex="0" aria-labelledby="import-results-heading">{items}</ul>
                    {(more > 0).then(|| view! { <p class="meta">{i18n.f(Msg::TeamResultsMore, &[("count", &more.to_string())])}</p> })}
                </section>
            }
        })
    };

    view! {
        <section class="card team-import" aria-labelledby="import-heading">
            <h2 id="import-heading">{i18n.s(Msg::TeamImportTitle)}</h2>
            <div class="drop-zone" class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=drop>
                <div class="field">
                    <label for="team-files">{i18n.s(Msg::TeamImportFiles)}</label>
                    <input id="team-files" type="file" multiple accept=".json,application/json" on:change=choose/>
                </div>
                <p class="meta">{i18n.s(Msg::TeamImportDrop)}</p>
            </div>
            <form class="form" on:submit=import_links>
                <div class="field">
                    <label for="team-links">{i18n.s(Msg::TeamImportLinks)}</label>
                    <textarea id="team-links" rows="2" prop:value=move || links.get()
                        on:input=move |ev| links.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="submit" class="button secondary">{i18n.s(Msg::TeamImportLinksButton)}</button>
                </div>
            </form>
            {move || progress.get().map(|(done, total)| view! {
                <div class="import-progress">
                    <progress aria-labelledby="import-progress-text" max=total.max(1).to_string() value=done.to_string()></progress>
                    <p id="import-progress-text" role="status">
                        {i18n.f(Msg::TeamImporting, &[("done", &done.to_string()), ("total", &total.to_string())])}
                    </p>
                </div>
            })}
            {report}
        </section>
    }
}
