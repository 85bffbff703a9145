//! Per-track completion charts (SVG, with a text alternative), due dates, and module bottlenecks.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::certification::Date;
use crate::domain::pack::Pack;
use crate::domain::team::{parse_day, Row, BUCKETS};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::state::team::TeamState;

const BAR: usize = 36;
const STEP: usize = 50;
const BASE: usize = 112;
const TALL: usize = 90;

#[component]
pub fn TrackCharts(pack: Arc<Pack>, team: TeamState, rows: Memo<Vec<Row>>) -> impl IntoView {
    let i18n = use_i18n();
    let pack = StoredValue::new(pack);
    let cards = move || {
        let pack = pack.get_value();
        let summaries = rows.with(|rows| team.with(|t| t.track_summaries(&pack, rows)));
        summaries
            .into_iter()
            .map(|s| {
                let track = &pack.tracks[s.track];
                let title = i18n.f(Msg::TeamChartTitle, &[("track", &track.title)]);
                let described = BUCKETS
                    .iter()
                    .zip(s.buckets)
                    .map(|(label, n)| format!("{label}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let desc = i18n.f(Msg::TeamChartDesc, &[("buckets", &described)]);
                let most = s.buckets.iter().copied().max().unwrap_or(0).max(1);
                let bars = s
                    .buckets
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let height = n * TALL / most;
                        let x = 8 + i * STEP;
                        view! {
                            <rect class="bar" x=x.to_string() y=(BASE - height).to_string()
                                width=BAR.to_string() height=height.to_string()></rect>
                            <text class="count" x=(x + BAR / 2).to_string() y=(BASE - height - 4).to_string()>{n.to_string()}</text>
                            <text class="axis" x=(x + BAR / 2).to_string() y=(BASE + 16).to_string()>{BUCKETS[i]}</text>
                        }
                    })
                    .collect_view();
                let (title_id, desc_id, due_id) = (
                    format!("chart-title-{}", s.track),
                    format!("chart-desc-{}", s.track),
                    format!("due-{}", s.track),
                );
                let labelled = format!("{title_id} {desc_id}");
                let track_id = track.id.clone();
                let due_value = s.due.map(|d| Date::from_millis(d).iso()).unwrap_or_default();
                view! {
                    <article class="card track-chart">
                        <h3>{track.title.clone()}</h3>
                        <p class="meta">
                            {i18n.f(Msg::TeamLearners, &[("count", &s.learners.to_string())])}" · "
                            <strong>{i18n.f(Msg::TeamCertified, &[("count", &s.certified.to_string())])}</strong>
                            {(s.overdue > 0).then(|| view! {
                                " · "<span class="badge danger">{i18n.f(Msg::TeamOverdueCount, &[("count", &s.overdue.to_string())])}</span>
                            })}
                        </p>
                        <svg class="chart" viewBox="0 0 310 140" role="img" aria-labelledby=labelled>
                            <title id=title_id>{title}</title>
                            <desc id=desc_id>{desc}</desc>
                            <line class="baseline" x1="0" y1=BASE.to_string() x2="310" y2=BASE.to_string()></line>
                            {bars}
                        </svg>
                        <div class="field no-print">
                            <label for=due_id.clone()>{i18n.f(Msg::TeamDueLabel, &[("track", &track.title)])}</label>
                            <input id=due_id type="date" prop:value=due_value on:change=move |ev| {
                                let due = parse_day(&event_target_value(&ev));
                                team.update(|t| t.set_due(&track_id, due));
                            }/>
                        </div>
                    </article>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || team.with(|t| !t.members.is_empty())>
            <section class="team-tracks" aria-labelledby="tracks-heading">
                <h2 id="tracks-heading">{i18n.s(Msg::TeamTracksTitle)}</h2>
                <div class="card-grid">{cards}</div>
            </section>
        </Show>
    }
}

#[component]
pub fn ModuleStats(pack: Arc<Pack>, team: TeamState) -> impl IntoView {
    let i18n = use_i18n();
    let pack = StoredValue::new(pack);
    let body = move || {
        let pack = pack.get_value();
        team.with(|t| t.module_stats(&pack))
            .into_iter()
            .map(|m| {
                let track = pack.tracks[m.track].title.clone();
                let percent = m.percent();
                let average = m
                    .average_best
                    .map_or_else(|| i18n.t(Msg::TeamNotTaken).to_owned(), |a| format!("{a}%"));
                view! {
                    <tr>
                        <td>{track}</td>
                        <th scope="row">{m.module_title.clone()}</th>
                        <td>
                            <span class="num">{format!("{percent}% ({}/{})", m.completed, m.learners)}</span>
                            <progress aria-hidden="true" max="100" value=percent.to_string()></progress>
                        </td>
                        <td class="num">{average}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || team.with(|t| !t.members.is_empty())>
            <section class="card team-modules" aria-labelledby="modules-heading">
                <h2 id="modules-heading">{i18n.s(Msg::TeamModulesTitle)}</h2>
                <p>{i18n.s(Msg::TeamModulesIntro)}</p>
                <div class="table-scroll" role="region" aria-labelledby="modules-caption" tabindex="0">
                    <table class="module-stats">
                        <caption id="modules-caption">{i18n.s(Msg::TeamModulesTable)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{i18n.s(Msg::TeamColTrack)}</th>
                                <th scope="col">{i18n.s(Msg::TeamColModule)}</th>
                                <th scope="col">{i18n.s(Msg::TeamColCompleted)}</th>
                                <th scope="col">{i18n.s(Msg::TeamColAverage)}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </section>
        </Show>
    }
}
