//! Every error and warning from the domain validator, each located; choosing one selects its node
//! and focuses the field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::session::Session;
use crate::domain::studio::tree::problem_target;
use crate::domain::validate::{Report, Severity};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;

/// Focuses the element with `id`, or the editor's heading when the field is not on screen.
pub fn focus_field(id: &str) {
    let doc = document();
    let target = doc
        .get_element_by_id(id)
        .or_else(|| doc.get_element_by_id("detail-heading"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[component]
pub fn ValidationPanel(session: Session, report: Memo<Report>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let report = report.get();
        let mut problems: Vec<_> = report.problems.iter().collect();
        problems.sort_by_key(|p| p.severity);
        problems
            .into_iter()
            .map(|problem| {
                let (class, label) = match problem.severity {
                    Severity::Error => ("problem error", Msg::StudioSeverityError),
                    Severity::Warning => ("problem warning", Msg::StudioSeverityWarning),
                };
                let location = problem.location.clone();
                let field = problem.field;
                let text = problem.to_string();
                let jump = move |_| {
                    let (node, id) = session
                        .draft
                        .with_untracked(|d| problem_target(&d.pack, &location, field));
                    session.selected.set(node);
                    request_animation_frame(move || focus_field(&id));
                };
                view! {
                    <li class=class>
                        <button type="button" class="problem-jump" on:click=jump>
                            <span class="badge">{i18n.s(label)}</span>
                            " "
                            <span class="problem-text">{text}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let summary = move || {
        let report = report.get();
        let errors = report.errors().count().to_string();
        let warnings = report.warnings().count().to_string();
        i18n.f(
            Msg::StudioValidationSummary,
            &[("errors", errors.as_str()), ("warnings", warnings.as_str())],
        )
    };
    view! {
        <section class="card validation-panel" aria-labelledby="validation-heading">
            <h2 id="validation-heading">{i18n.s(Msg::StudioValidationTitle)}</h2>
            <p role="status" class="meta">{summary}</p>
            <ul class="problems">{rows}</ul>
        </section>
    }
}
