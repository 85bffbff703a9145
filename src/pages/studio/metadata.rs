//! Metadata of the pack, a track (audience, outcomes, certification rules and the final-assessment
//! bank) and a module (objectives, minutes, prerequisites and scenario exercises).

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{getter, lines, number, setter, Field, Kind};
use super::placement::PlacementEditor;
use super::question_editor::{Lens, QuestionEditor};
use super::session::Session;
use crate::domain::pack::{Audience, Module, Pack, QuestionKind, Scenario, Track};
use crate::domain::studio::tree::{fresh_id, new_question, NodeRef};
use crate::i18n::Msg;
use crate::pages::learn::audience_label;
use crate::state::i18n::use_i18n;

#[component]
pub fn PackMeta(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::Pack;
    view! {
        <Field session node field="title" label=i18n.s(Msg::StudioFieldTitle)
            get=getter(|p| Some(p.title.clone())) set=setter(|p, v| { p.title = v; Some(()) })/>
        <div class="field-row">
            <Field session node field="id" label=i18n.s(Msg::StudioFieldId) hint=i18n.s(Msg::StudioIdHint)
                get=getter(|p| Some(p.id.clone())) set=setter(|p, v| { p.id = v; Some(()) })/>
            <Field session node field="version" label=i18n.s(Msg::StudioFieldVersion)
                get=getter(|p| Some(p.version.clone())) set=setter(|p, v| { p.version = v; Some(()) })/>
            <Field session node field="language" label=i18n.s(Msg::StudioFieldLanguage)
                get=getter(|p| Some(p.language.clone())) set=setter(|p, v| { p.language = v; Some(()) })/>
        </div>
        <Field session node field="description" label=i18n.s(Msg::StudioFieldDescription) kind=Kind::Text { rows: 3 }
            get=getter(|p| Some(p.description.clone())) set=setter(|p, v| { p.description = v; Some(()) })/>
        <PlacementEditor session/>
    }
}

fn track(p: &Pack, t: usize) -> Option<&Track> {
    p.tracks.get(t)
}

fn track_mut(p: &mut Pack, t: usize) -> Option<&mut Track> {
    p.tracks.get_mut(t)
}

#[component]
pub fn TrackMeta(session: Session, t: usize) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::Track(t);
    let audience = Audience::ALL
        .into_iter()
        .map(|who| {
            let id = format!("f-t-{t}-audience-{}", who.as_str());
            let checked = move || {
                session
                    .draft
                    .with(|d| track(&d.pack, t).is_some_and(|x| x.is_for(who)))
            };
            let on_change = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                session.edit_step(move |p| {
                    if let Some(x) = track_mut(p, t) {
                        x.audience.retain(|a| *a != who);
                        if on {
                            x.audience.push(who);
                            x.audience.sort();
                        }
                    }
                });
            };
            view! {
                <div class="field check">
                    <input id=id.clone() type="checkbox" prop:checked=checked on:change=on_change/>
                    <label for=id>{i18n.s(audience_label(who))}</label>
                </div>
            }
        })
        .collect_view();
    let bank_count = Memo::new(move |_| {
        session.draft.with(|d| {
            track(&d.pack, t)
                .map(|x| x.certification.bank.len())
                .unwrap_or(0)
        })
    });
    let bank = move || {
        (0..bank_count.get())
            .map(|q| {
                let lens = Lens {
                    get: Arc::new(move |p: &Pack| track(p, t)?.certification.bank.get(q)),
                    get_mut: Arc::new(move |p: &mut Pack| {
                        track_mut(p, t)?.certification.bank.get_mut(q)
                    }),
                };
                let heading = i18n.sf(Msg::StudioBankQuestionN, vec![("n", (q + 1).to_string())]);
                view! { <QuestionEditor session node prefix=format!("b{}-", q + 1) lens heading/> }
            })
            .collect_view()
    };
    let add_bank = move |_| {
        session.edit_step(move |p| {
            if let Some(x) = track_mut(p, t) {
                let taken = x.certification.bank.iter().map(|q| q.id.clone()).collect();
                let id = fresh_id("final", &taken);
                x.certification
                    .bank
                    .push(new_question(id, QuestionKind::Single));
            }
        })
    };
    view! {
        <Field session node field="title" label=i18n.s(Msg::StudioFieldTitle)
            get=getter(move |p| track(p, t).map(|x| x.title.clone()))
            set=setter(move |p, v| { track_mut(p, t)?.title = v; Some(()) })/>
        <Field session node field="id" label=i18n.s(Msg::StudioFieldId) hint=i18n.s(Msg::StudioIdHint)
            get=getter(move |p| track(p, t).map(|x| x.id.clone()))
            set=setter(move |p, v| { track_mut(p, t)?.id = v; Some(()) })/>
        <Field session node field="summary" label=i18n.s(Msg::StudioFieldSummary) kind=Kind::Text { rows: 3 }
            get=getter(move |p| track(p, t).map(|x| x.summary.clone()))
            set=setter(move |p, v| { track_mut(p, t)?.summary = v; Some(()) })/>
        <fieldset class="field-group" id=format!("f-t-{t}-audience") tabindex="-1">
            <legend>{i18n.s(Msg::StudioFieldAudience)}</legend>
            {audience}
        </fieldset>
        <Field session node field="outcomes" label=i18n.s(Msg::StudioFieldOutcomes) kind=Kind::Text { rows: 3 } hint=i18n.s(Msg::StudioOnePerLine)
            get=getter(move |p| track(p, t).map(|x| x.outcomes.join("\n")))
            set=setter(move |p, v| { track_mut(p, t)?.outcomes = lines(&v); Some(()) })/>
        <h3>{i18n.s(Msg::StudioCertificationTitle)}</h3>
        <div class="field-row">
            <Field session node field="pass_mark" label=i18n.s(Msg::StudioFieldPassMark) kind=Kind::Number
                get=getter(move |p| track(p, t).map(|x| x.certification.pass_mark.to_string()))
                set=setter(move |p, v| { track_mut(p, t)?.certification.pass_mark = number(&v); Some(()) })/>
            <Field session node field="assessment_size" label=i18n.s(Msg::StudioFieldAssessmentSize) kind=Kind::Number
                get=getter(move |p| track(p, t).map(|x| x.certification.assessment_size.to_string()))
                set=setter(move |p, v| { track_mut(p, t)?.certification.assessment_size = number(&v); Some(()) })/>
            <Field session node field="validity_months" label=i18n.s(Msg::StudioFieldValidity) kind=Kind::Number
                get=getter(move |p| track(p, t).map(|x| x.certification.validity_months.to_string()))
                set=setter(move |p, v| { track_mut(p, t)?.certification.validity_months = number(&v); Some(()) })/>
        </div>
        <Field session node field="required_modules" label=i18n.s(Msg::StudioFieldRequired) kind=Kind::Text { rows: 3 } hint=i18n.s(Msg::StudioOneIdPerLine)
            get=getter(move |p| track(p, t).map(|x| x.certification.required_modules.join("\n")))
            set=setter(move |p, v| { track_mut(p, t)?.certification.required_modules = lines(&v); Some(()) })/>
        <section id=format!("f-t-{t}-bank") tabindex="-1" aria-labelledby=format!("bank-heading-{t}")>
            <h3 id=format!("bank-heading-{t}")>{i18n.s(Msg::StudioBankTitle)}</h3>
            {bank}
            <button type="button" class="button secondary small" on:click=add_bank>{i18n.s(Msg::StudioAddBankQuestion)}</button>
        </section>
    }
}

fn module(p: &Pack, t: usize, m: usize) -> Option<&Module> {
    p.tracks.get(t)?.modules.get(m)
}

fn module_mut(p: &mut Pack, t: usize, m: usize) -> Option<&mut Module> {
    p.tracks.get_mut(t)?.modules.get_mut(m)
}

fn scenario(p: &Pack, t: usize, m: usize, s: usize) -> Option<&Scenario> {
    module(p, t, m)?.scenarios.get(s)
}

fn scenario_mut(p: &mut Pack, t: usize, m: usize, s: usize) -> Option<&mut Scenario> {
    module_mut(p, t, m)?.scenarios.get_mut(s)
}

#[component]
pub fn ModuleMeta(session: Session, t: usize, m: usize) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::Module(t, m);
    let shape = Memo::new(move |_| {
        session.draft.with(|d| {
            module(&d.pack, t, m)
                .map(|x| {
                    x.scenarios
                        .iter()
                        .map(|s| s.questions.len())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let scenarios = move || {
        shape
            .get()
            .into_iter()
            .enumerate()
            .map(|(s, questions)| {
                let n = s + 1;
                let questions = (0..questions)
                    .map(|q| {
                        let lens = Lens {
                            get: Arc::new(move |p: &Pack| scenario(p, t, m, s)?.questions.get(q)),
                            get_mut: Arc::new(move |p: &mut Pack| {
                                scenario_mut(p, t, m, s)?.questions.get_mut(q)
                            }),
                        };
                        let heading = i18n.sf(
                            Msg::StudioScenarioQuestionN,
                            vec![("n", (q + 1).to_string())],
                        );
                        view! { <QuestionEditor session node prefix=format!("s{n}-q{}-", q + 1) lens heading/> }
                    })
                    .collect_view();
                let add_question = move |_| {
                    session.edit_step(move |p| {
                        if let Some(x) = scenario_mut(p, t, m, s) {
                            let taken = x.questions.iter().map(|q| q.id.clone()).collect();
                            let id = fresh_id(&format!("{}-q", x.id), &taken);
                            x.questions.push(new_question(id, QuestionKind::Scenario));
                        }
                    })
                };
                let remove = move |_| {
                    session.edit_step(move |p| {
                        if let Some(x) = module_mut(p, t, m) {
                            if s < x.scenarios.len() {
                                x.scenarios.remove(s);
                            }
                        }
                    })
                };
                let heading = i18n.sf(Msg::StudioScenarioN, vec![("n", n.to_string())]);
                let remove_label = i18n.sf(Msg::StudioRemoveScenarioN, vec![("n", n.to_string())]);
                view! {
                    <fieldset class="scenario-editor">
                        <legend>{heading}</legend>
                        <Field session node field=format!("s{n}-title") label=i18n.s(Msg::StudioFieldTitle)
                            get=getter(move |p| scenario(p, t, m, s).map(|x| x.title.clone()))
                            set=setter(move |p, v| { scenario_mut(p, t, m, s)?.title = v; Some(()) })/>
                        <Field session node field=format!("s{n}-id") label=i18n.s(Msg::StudioFieldId)
                            get=getter(move |p| scenario(p, t, m, s).map(|x| x.id.clone()))
                            set=setter(move |p, v| { scenario_mut(p, t, m, s)?.id = v; Some(()) })/>
                        <Field session node field=format!("s{n}-situation") label=i18n.s(Msg::StudioFieldSituation) kind=Kind::Text { rows: 4 }
                            get=getter(move |p| scenario(p, t, m, s).map(|x| x.situation.clone()))
                            set=setter(move |p, v| { scenario_mut(p, t, m, s)?.situation = v; Some(()) })/>
                        {questions}
                        <button type="button" class="button secondary small" on:click=add_question>{i18n.s(Msg::StudioAddScenarioQuestion)}</button>
                        " "
                        <button type="button" class="button secondary small" aria-label=remove_label on:click=remove>{i18n.s(Msg::StudioRemoveScenario)}</button>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add_scenario = move |_| {
        session.edit_step(move |p| {
            let taken = p
                .tracks
                .iter()
                .flat_map(|t| &t.modules)
                .flat_map(|m| {
                    std::iter::once(m.id.clone())
                        .chain(m.units.iter().map(|u| u.id.clone()))
                        .chain(m.scenarios.iter().map(|s| s.id.clone()))
                })
                .collect();
            let id = fresh_id("scenario", &taken);
            if let Some(x) = module_mut(p, t, m) {
                x.scenarios.push(Scenario {
                    id,
                    title: String::new(),
                    situation: String::new(),
                    questions: Vec::new(),
                });
            }
        })
    };
    view! {
        <Field session node field="title" label=i18n.s(Msg::StudioFieldTitle)
            get=getter(move |p| module(p, t, m).map(|x| x.title.clone()))
            set=setter(move |p, v| { module_mut(p, t, m)?.title = v; Some(()) })/>
        <div class="field-row">
            <Field session node field="id" label=i18n.s(Msg::StudioFieldId) hint=i18n.s(Msg::StudioIdHint)
                get=getter(move |p| module(p, t, m).map(|x| x.id.clone()))
                set=setter(move |p, v| { module_mut(p, t, m)?.id = v; Some(()) })/>
            <Field session node field="minutes" label=i18n.s(Msg::StudioFieldMinutes) kind=Kind::Number
                get=getter(move |p| module(p, t, m).map(|x| x.minutes.to_string()))
                set=setter(move |p, v| { module_mut(p, t, m)?.minutes = number(&v); Some(()) })/>
        </div>
        <Field session node field="summary" label=i18n.s(Msg::StudioFieldSummary) kind=Kind::Text { rows: 3 }
            get=getter(move |p| module(p, t, m).map(|x| x.summary.clone()))
            set=setter(move |p, v| { module_mut(p, t, m)?.summary = v; Some(()) })/>
        <Field session node field="objectives" label=i18n.s(Msg::StudioFieldObjectives) kind=Kind::Text { rows: 4 } hint=i18n.s(Msg::StudioOnePerLine)
            get=getter(move |p| module(p, t, m).map(|x| x.objectives.iter().map(|o| o.text()).collect::<Vec<_>>().join("\n")))
            set=setter(move |p, v| {
                let x = module_mut(p, t, m)?;
                x.objectives = crate::domain::studio::text::objectives_from_lines(&x.id, &x.objectives, &v);
                Some(())
            })/>
        <Field session node field="prerequisites" label=i18n.s(Msg::StudioFieldPrerequisites) kind=Kind::Text { rows: 2 } hint=i18n.s(Msg::StudioOneIdPerLine)
            get=getter(move |p| module(p, t, m).map(|x| x.prerequisites.join("\n")))
            set=setter(move |p, v| { module_mut(p, t, m)?.prerequisites = lines(&v); Some(()) })/>
        <section id=format!("f-m-{t}-{m}-scenarios") tabindex="-1" aria-labelledby=format!("scenarios-heading-{t}-{m}")>
            <h3 id=format!("scenarios-heading-{t}-{m}")>{i18n.s(Msg::StudioScenariosTitle)}</h3>
            {scenarios}
            <button type="button" class="button secondary small" on:click=add_scenario>{i18n.s(Msg::StudioAddScenario)}</button>
        </section>
    }
}
