use leptos::prelude::*;

#[allow(unused_imports)]
use super::{content_lang, PackText};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::gate::{MissingContent, WithPack};
use super::route_module;
use crate::components::page_title::PageTitle;
use crate::domain::progress::{check_key, scenario_key};
use crate::i18n::Msg;
use crate::state::curriculum::Needs;
use crate::state::i18n::use_i18n;
use crate::state::progress::use_progress;

#[component]
pub fn ModulePage() -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    let params = use_params_map();
    view! {
        <WithPack needs=Needs::RouteTrack page=move |pack| {
            let Some((track, module)) = route_module(&pack, params) else {
                return view! { <MissingContent/> }.into_any();
            };
            let title = module.title.clone();
            let base = format!("/learn/{}/{}", track.id, module.id);
            // The main button opens the first unit not yet complete, and says whether it starts,
            // continues or reads again (domain::progress::reading_start).
            let reading_module = module.clone();
            let reading_base = base.clone();
            let reading = move || {
                use crate::domain::progress::{reading_start, ReadingStart};
                let start = progress.with(|p| reading_start(&reading_module, p))?;
                let (unit, label) = match start {
                    ReadingStart::Start(unit) => (unit, Msg::LearnStartModule),
                    ReadingStart::Continue(unit) => (unit, Msg::LearnContinueModule),
                    ReadingStart::Again(unit) => (unit, Msg::LearnReadAgain),
                };
                let href = format!("{reading_base}/{unit}");
                Some(view! { <A href=href attr:class="button primary">{i18n.s(label)}</A> })
            };
            let recall = super::review::recall_when_whole();
            let objectives = module
                .objective_ids()
                .into_iter()
                .map(|(id, text)| {
                    view! { <li><PackText text=text.to_owned()/><super::review::RecallOf recall=recall objective=id/></li> }
                })
                .collect_view();
            let prerequisites = module
                .prerequisites
                .iter()
                .filter_map(|id| pack.find_module(id))
                .map(|(t, m)| {
                    let href = format!("/learn/{}/{}", t.id, m.id);
                    let title = m.title.clone();
                    view! { <li><A href=href><PackText text=title/></A></li> }
                })
                .collect_view();
            let has_prerequisites = !module.prerequisites.is_empty();
            let units = module
                .units
                .iter()
                .map(|unit| {
                    let href = format!("{base}/{}", unit.id);
                    let unit_title = unit.title.clone();
                    let minutes = unit.minutes.to_string();
                    let unit_id = unit.id.clone();
                    let done = Memo::new(move |_| progress.with(|p| p.is_unit_complete(&unit_id)));
                    view! {
                        <li class:done=done>
                            <A href=href><PackText text=unit_title/></A>
                            <span class="meta">{i18n.sf(Msg::LearnMinutes, vec![("count", minutes)])}</span>
                            <Show when=move || done.get()>
                                <span class="badge success">{i18n.s(Msg::LearnCompleted)}</span>
                            </Show>
                        </li>
                    }
                })
                .collect_view();
            let checks = module.check.questions.len().to_string();
            let pass_mark = track.certification.pass_mark;
            let check_href = format!("{base}/check");
            let check_quiz = check_key(&module.id);
            let best_check = move || {
                progress.with(|p| match p.best(&check_quiz) {
                    Some(a) => i18n.f(Msg::LearnBestScore, &[("percent", &a.percent().to_string())]),
                    None => i18n.t(Msg::LearnNotTried).to_owned(),
                })
            };
            let module_for_check = module.clone();
            let check_passed = Memo::new(move |_| progress.with(|p| p.check_passed(&module_for_check, pass_mark)));
            let exercises = module
                .scenarios
                .iter()
                .map(|scenario| {
                    let href = format!("{base}/scenario/{}", scenario.id);
                    let title = scenario.title.clone();
                    let quiz = scenario_key(&scenario.id);
                    let for_passed = scenario.clone();
                    let passed = Memo::new(move |_| progress.with(|p| p.scenario_passed(&for_passed, pass_mark)));
                    let best = move || {
                        progress.with(|p| match p.best(&quiz) {
                            Some(a) => i18n.f(Msg::LearnBestScore, &[("percent", &a.percent().to_string())]),
                            None => i18n.t(Msg::LearnNotTried).to_owned(),
                        })
                    };
                    view! {
                        <li class="practice-row">
                            <div>
                                <p class="eyebrow">{i18n.s(Msg::LearnExercise)}</p>
                                <A href=href><PackText text=title/></A>
                            </div>
                            <span class="meta">{best}</span>
                            <Show when=move || passed.get()>
                                <span class="badge success">{i18n.s(Msg::LearnPassedBadge)}</span>
                            </Show>
                        </li>
                    }
                })
                .collect_view();
            let module_for_percent = module.clone();
            let percent = Memo::new(move |_| progress.with(|p| p.module_percent(&module_for_percent, pass_mark)));
            // Exactly what is left, so a learner who finished the module under an older rule sees
            // what a newer one adds ("one scenario to pass").
            let module_for_left = module.clone();
            let still_to_do = move || {
                progress.with(|p| {
                    let left = p.module_remaining(&module_for_left, pass_mark);
                    if left.is_empty() {
                        return i18n.t(Msg::LearnModuleDone).to_owned();
                    }
                    let mut items = Vec::new();
                    match left.units.len() {
                        0 => {}
                        1 => items.push(i18n.t(Msg::LearnLeftOneUnit).to_owned()),
                        n => items.push(i18n.f(Msg::LearnLeftUnits, &[("count", &n.to_string())])),
                    }
                    if left.check {
                        items.push(i18n.t(Msg::LearnLeftCheck).to_owned());
                    }
                    match left.scenarios.len() {
                        0 => {}
                        1 => items.push(i18n.t(Msg::LearnLeftOneScenario).to_owned()),
                        n => items.push(i18n.f(Msg::LearnLeftScenarios, &[("count", &n.to_string())])),
                    }
                    let separator = if i18n.language.get() == crate::domain::profile::Language::SimplifiedChinese { "、" } else { ", " };
                    i18n.f(Msg::LearnStillToDo, &[("items", &items.join(separator))])
                })
            };
            let track_href = format!("/learn/{}", track.id);
            let track_title = track.title.clone();
            let unit_count = module.units.len().to_string();
            let summary = module.summary.clone();
            view! {
                <section class="page">
                    <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                        <A exact=true href="/learn">{i18n.s(Msg::LearnBackToCatalog)}</A>
                        <span aria-hidden="true">" / "</span>
                        <A exact=true href=track_href><PackText text=track_title/></A>
                    </nav>
                    <header class="page-header">
                        <PageTitle text=Signal::derive(move || title.clone()) lang=content_lang()/>
                        <p class="lead" lang=content_lang()>{summary}</p>
                        {reading}
                    </header>
                    <div class="two-col wide-first">
                        <div>
                            <h2>{i18n.sf(Msg::LearnUnits, vec![("count", unit_count.clone())])}</h2>
                            <div class="progress-line">
                                <progress max="100" value=move || percent.get().to_string() aria-label=i18n.s(Msg::LearnReadingProgress)></progress>
                                <span class="meta">{move || i18n.f(Msg::LearnPercentDone, &[("percent", &percent.get().to_string())])}</span>
                            </div>
                            <p class="still-to-do" data-testid="still-to-do">{still_to_do}</p>
                            <ol class="unit-list">{units}</ol>
                            <ul class="practice">
                                <li class="practice-row">
                                    <div>
                                        <p class="eyebrow">{i18n.sf(Msg::LearnCheckQuestions, vec![("count", checks)])}</p>
                                        <A href=check_href>{i18n.s(Msg::LearnTakeCheck)}</A>
                                    </div>
                                    <span class="meta">{best_check}</span>
                                    <Show when=move || check_passed.get()>
                                        <span class="badge success">{i18n.s(Msg::LearnPassedBadge)}</span>
                                    </Show>
                                </li>
                                {exercises}
                            </ul>
                        </div>
                        <aside class="card quiet">
                            <h2>{i18n.s(Msg::LearnObjectives)}</h2>
                            <ul class="checklist">{objectives}</ul>
                            {has_prerequisites.then(|| view! {
                                <h2>{i18n.s(Msg::LearnPrerequisites)}</h2>
                                <ul class="plain">{prerequisites}</ul>
                            })}
                        </aside>
                    </div>
                </section>
            }
            .into_any()
        }/>
    }
}
