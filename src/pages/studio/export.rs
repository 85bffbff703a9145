//! Export: the proposed version bump, the content hash, and the download, blocked while errors
//! exist.

use leptos::prelude::*;

use super::session::Session;
use crate::domain::studio::diff::{bumped, propose_bump, Bump};
use crate::domain::validate::Report;
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::storage;

#[component]
pub fn ExportPanel(session: Session, report: Memo<Report>) -> impl IntoView {
    let i18n = use_i18n();
    let origin = session.origin();
    let has_origin = origin.is_some();
    let proposal = Memo::new(move |_| {
        session.settled.track();
        let pack = session.draft.with_untracked(|d| d.pack.clone());
        let bump = match &origin {
            Some(origin) => propose_bump(origin, &pack),
            None => Bump::None,
        };
        let base = origin
            .as_ref()
            .map(|o| o.version.clone())
            .unwrap_or_else(|| pack.version.clone());
        (
            bump,
            bumped(&base, bump),
            pack.version.clone(),
            pack.content_hash(),
        )
    });
    let blocked = move || report.with(|r| r.has_errors());
    let error = RwSignal::new(None::<String>);
    let download = move |_| {
        if blocked() {
            return;
        }
        let pack = session.draft.with_untracked(|d| d.pack.clone());
        let text = serde_json::to_string_pretty(&pack).unwrap_or_default();
        let name = format!("{}-{}.json", pack.id, pack.version);
        if let Err(e) = storage::download_text(&name, "application/json", &text) {
            error.set(Some(e.to_string()));
        }
    };
    let use_proposed = move |_| {
        let (_, next, _, _) = proposal.get_untracked();
        session.edit_step(move |p| p.version = next);
    };
    let bump_text = move || {
        let (bump, next, current, _) = proposal.get();
        let kind = match bump {
            Bump::None => Msg::StudioBumpNone,
            Bump::Patch => Msg::StudioBumpPatch,
            Bump::Minor => Msg::StudioBumpMinor,
            Bump::Major => Msg::StudioBumpMajor,
        };
        let kind = i18n.t(kind);
        i18n.f(
            Msg::StudioBumpProposal,
            &[
                ("kind", kind),
                ("next", next.as_str()),
                ("current", current.as_str()),
            ],
        )
    };
    let differs = move || {
        let (bump, next, current, _) = proposal.get();
        bump != Bump::None && next != current
    };
    // An edition says, before it is exported, what is not translated from the current source.
    let source_ref = session.draft.with_untracked(|d| d.source.clone());
    let is_edition = source_ref.is_some();
    let source = LocalResource::new(move || super::translate::load_source(source_ref.clone()));
    let edition_warning = move || {
        if !is_edition {
            return None;
        }
        let source = source.get().flatten()?;
        session.settled.track();
        let status = session
            .draft
            .with_untracked(|d| crate::domain::edition::status(&source, &d.pack));
        (!status.is_current()).then(|| {
            let text = i18n.f(
                Msg::StudioEditionIncomplete,
                &[
                    ("untranslated", &status.untranslated.len().to_string()),
                    ("stale", &status.stale.len().to_string()),
                ],
            );
            view! { <p class="notice warning" role="status" data-testid="edition-incomplete">{text}</p> }
        })
    };
    view! {
        <section class="card export-panel" aria-labelledby="export-heading">
            <h2 id="export-heading">{i18n.s(Msg::StudioExportTitle)}</h2>
            {edition_warning}
            {has_origin.then(|| view! { <p>{bump_text}</p> <p class="hint">{i18n.s(Msg::StudioBumpRule)}</p> })}
            {move || differs().then(|| view! {
                <button type="button" class="button secondary small" on:click=use_proposed>{i18n.s(Msg::StudioUseProposed)}</button>
            })}
            <p class="meta break">
                {i18n.s(Msg::StudioContentHash)} " " <code data-testid="content-hash">{move || proposal.get().3}</code>
            </p>
            {move || blocked().then(|| view! { <p class="notice error" id="export-blocked">{i18n.s(Msg::StudioExportBlocked)}</p> })}
            <button type="button" class="button primary" disabled=blocked
                aria-describedby=move || blocked().then_some("export-blocked") on:click=download>
                {i18n.s(Msg::StudioExportButton)}
            </button>
            {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
        </section>
    }
}
