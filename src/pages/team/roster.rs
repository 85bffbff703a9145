//! The roster: one row per learner and track, sortable, filterable, searchable and paginated so it
//! stays fast with 10,000 learners. The CSV export holds exactly the cells the table shows.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::calendar::local_date;
use crate::domain::identity::isolate_plain;
use crate::domain::pack::Pack;
use crate::domain::team::{
    sort_positions, to_csv, CertStatus, Filter, Member, Row, SortKey, Source,
};
use crate::i18n::Msg;
use crate::state::i18n::{use_i18n, I18n};
use crate::state::notices::use_notices;
use crate::state::profile::report_save_error;
use crate::state::progress::{now, LocalZone};
use crate::state::team::TeamState;
use crate::storage;

const PAGE: usize = 50;

const COLUMNS: [(Msg, SortKey); 7] = [
    (Msg::TeamColName, SortKey::Name),
    (Msg::TeamColTeam, SortKey::Team),
    (Msg::TeamColTrack, SortKey::Track),
    (Msg::TeamColPercent, SortKey::Percent),
    (Msg::TeamColModules, SortKey::Modules),
    (Msg::TeamColActivity, SortKey::LastActivity),
    (Msg::TeamColCert, SortKey::Certificate),
];

fn cert_label(status: CertStatus) -> Msg {
    match status {
        CertStatus::Valid => Msg::StatusValid,
        CertStatus::ExpiringSoon => Msg::StatusExpiringSoon,
        CertStatus::Expired => Msg::StatusExpired,
        CertStatus::None => Msg::TeamStatusNone,
    }
}

fn source_label(source: Source) -> Msg {
    match source {
        Source::File => Msg::TeamSourceFile,
        Source::Lrs => Msg::TeamSourceLrs,
    }
}

/// The text of each cell, shared by the table and the CSV. Dates are the viewer's local dates.
fn cells(i18n: I18n, pack: &Pack, row: &Row) -> [String; 9] {
    [
        row.name.clone(),
        row.team.clone(),
        pack.tracks
            .get(row.track)
            .map(|t| t.title.clone())
            .unwrap_or_default(),
        format!("{}%", row.percent),
        format!("{}/{}", row.done, row.total),
        row.last_activity.map_or_else(
            || i18n.t(Msg::TeamNever).to_owned(),
            |at| local_date(at, &LocalZone).iso(),
        ),
        i18n.t(cert_label(row.cert)).to_owned(),
        if row.overdue {
            i18n.t(Msg::TeamOverdue).to_owned()
        } else {
            String::new()
        },
        i18n.t(source_label(row.source)).to_owned(),
    ]
}

#[component]
pub fn RosterPanel(pack: Arc<Pack>, team: TeamState, rows: Memo<Vec<Row>>) -> impl IntoView {
    let i18n = use_i18n();
    let notices = use_notices();
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new((SortKey::Name, true));
    let page = RwSignal::new(0usize);
    let undo = RwSignal::new(None::<(Vec<(String, Member)>, String)>);
    let confirm_all = RwSignal::new(false);
    let pack = StoredValue::new(pack);

    // Positions into `rows`, filtered and sorted: 40,000 rows are neither copied nor moved.
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        let (key, ascending) = sort.get();
        rows.with(|rows| {
            let mut list = filter.positions(rows);
            sort_positions(rows, &mut list, key, ascending);
            list
        })
    });
    let pages = move || shown.with(|s| s.len().div_ceil(PAGE).max(1));
    let set_filter = move |change: &dyn Fn(&mut Filter)| {
        filter.update(|f| change(f));
        page.set(0);
    };

    let remove = move |key: String, name: String| {
        if let Some(removed) = team.update(|t| t.remove(&key)) {
            undo.set(Some((
                vec![removed],
                i18n.f(Msg::TeamRemoved, &[("name", &name)]),
            )));
        }
    };
    let remove_all = move |_| {
        let removed = team.update(|t| t.remove_all());
        let text = i18n.f(
            Msg::TeamRemovedAll,
            &[("count", &removed.len().to_string())],
        );
        undo.set(Some((removed, text)));
        confirm_all.set(false);
    };
    let restore = move |_| {
        if let Some((removed, _)) = undo.get_untracked() {
            team.update(|t| t.restore(removed));
        }
        undo.set(None);
    };
    let export = move |_| {
        let pack = pack.get_value();
        let mut lines = vec![COLUMNS
            .iter()
            .map(|(msg, _)| i18n.t(*msg).to_owned())
            .chain([
                i18n.t(Msg::TeamColDue).to_owned(),
                i18n.t(Msg::TeamColSource).to_owned(),
            ])
            .collect::<Vec<_>>()];
        rows.with_untracked(|rows| {
            shown.with_untracked(|shown| {
                lines.extend(shown.iter().map(|&i| {
                    let r = &rows[i];
                    let mut line = cells(i18n, &pack, r).to_vec();
                    // Names, teams and track titles come from people: isolated, so a right-to-left
                    // name or a stray override cannot reorder the cells after it.
                    for cell in &mut line[..3] {
                        *cell = isolate_plain(cell);
                    }
                    line
                }));
            });
        });
        let day = local_date(now(), &LocalZone).iso();
        if let Err(e) = storage::download_text(
            &format!("fluency-team-{day}.csv"),
            "text/csv;charset=utf-8",
            &to_csv(&lines),
        ) {
            report_save_error(&notices, &e);
        }
    };

    let header = move || {
        let (current, ascending) = sort.get();
        COLUMNS
            .iter()
            .map(|(msg, key)| {
                let key = *key;
                let aria = if key == current {
                    if ascending {
                        "ascending"
                    } else {
                        "descending"
                    }
                } else {
                    "none"
                };
                view! {
                    <th scope="col" aria-sort=aria>
                        <button type="button" class="sort-button" on:click=move |_| {
                            sort.update(|(k, asc)| {
                                if *k == key { *asc = !*asc } else { *k = key; *asc = true }
                            });
                        }>{i18n.s(*msg)}</button>
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let pack = pack.get_value();
        let start = page.get() * PAGE;
        rows.with(|rows| shown.with(|shown| {
            shown.iter()
                .skip(start)
                .take(PAGE)
                .map(|&i| {
                    let row = &rows[i];
                    let [name, team_name, track, percent, modules, activity, cert, due, source] = cells(i18n, &pack, row);
                    let badge = match row.cert {
                        CertStatus::Valid => "badge success",
                        CertStatus::ExpiringSoon => "badge warning",
                        CertStatus::Expired => "badge danger",
                        CertStatus::None => "badge",
                    };
                    let (key, who) = (row.key.clone(), row.name.clone());
                    let label = i18n.f(Msg::TeamRemove, &[("name", &row.name)]);
                    view! {
                        <tr class:overdue=row.overdue>
                            <th scope="row" class="user-text"><bdi class="clip" title=name.clone()>{name.clone()}</bdi></th>
                            <td class="user-text"><bdi class="clip" title=team_name.clone()>{team_name.clone()}</bdi></td>
                            <td class="user-text"><bdi class="clip" title=track.clone()>{track.clone()}</bdi></td>
                            <td class="num">{percent}</td>
                            <td class="num">{modules}</td>
                            <td class="num">{activity}</td>
                            <td><span class=badge>{cert}</span></td>
                            <td>{(!due.is_empty()).then(|| view! { <span class="badge danger">{due}</span> })}</td>
                            <td>{source}</td>
                            <td class="no-print">
                                <button type="button" class="button small secondary" aria-label=label
                                    on:click=move |_| remove(key.clone(), who.clone())>
                                    {i18n.s(Msg::TeamRemoveShort)}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        }))
    };

    let track_options = move || {
        pack.get_value()
            .tracks
            .iter()
            .enumerate()
            .map(|(i, t)| view! { <option value=i.to_string()>{t.title.clone()}</option> })
            .collect_view()
    };
    let team_options = move || {
        team.with(|t| t.team_names())
            .into_iter()
            .map(|name| view! { <option value=name.clone() dir="auto">{name.clone()}</option> })
            .collect_view()
    };
    let status_options = move || {
        [
            CertStatus::Valid,
            CertStatus::ExpiringSoon,
            CertStatus::Expired,
            CertStatus::None,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, s)| view! { <option value=i.to_string()>{i18n.s(cert_label(s))}</option> })
        .collect_view()
    };

    view! {
        <Show when=move || team.with(|t| !t.members.is_empty()) || undo.with(Option::is_some)>
        <section class="card team-roster" aria-labelledby="roster-heading">
            <div class="section-head">
                <h2 id="roster-heading">{i18n.s(Msg::TeamRosterTitle)}</h2>
                <div class="actions no-print">
                    <button type="button" class="button secondary" on:click=export>{i18n.s(Msg::TeamExportCsv)}</button>
                    <button type="button" class="button secondary" on:click=|_| { let _ = window().print(); }>{i18n.s(Msg::TeamPrint)}</button>
                </div>
            </div>
            {move || undo.get().map(|(_, text)| view! {
                <p class="notice success undo-line" role="status">
                    {text}" "
                    <button type="button" class="button small secondary" on:click=restore>{i18n.s(Msg::TeamUndo)}</button>
                </p>
            })}
            <div class="filters no-print">
                <div class="field">
                    <label for="roster-search">{i18n.s(Msg::TeamSearch)}</label>
                    <input id="roster-search" type="search" on:input=move |ev| {
                        let text = event_target_value(&ev);
                        set_filter(&|f| f.search = text.clone());
                    }/>
                </div>
                <div class="field">
                    <label for="roster-track">{i18n.s(Msg::TeamFilterTrack)}</label>
                    <select id="roster-track" on:change=move |ev| {
                        let value = event_target_value(&ev).parse::<usize>().ok();
                        set_filter(&|f| f.track = value);
                    }>
                        <option value="">{i18n.s(Msg::TeamFilterAll)}</option>
                        {track_options}
                    </select>
                </div>
                <div class="field">
                    <label for="roster-status">{i18n.s(Msg::TeamFilterStatus)}</label>
                    <select id="roster-status" on:change=move |ev| {
                        let all = [CertStatus::Valid, CertStatus::ExpiringSoon, CertStatus::Expired, CertStatus::None];
                        let value = event_target_value(&ev).parse::<usize>().ok().and_then(|i| all.get(i).copied());
                        set_filter(&|f| f.cert = value);
                    }>
                        <option value="">{i18n.s(Msg::TeamFilterAll)}</option>
                        {status_options}
                    </select>
                </div>
                <div class="field">
                    <label for="roster-team">{i18n.s(Msg::TeamFilterTeam)}</label>
                    <select id="roster-team" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        set_filter(&|f| f.team = value.clone());
                    }>
                        <option value="">{i18n.s(Msg::TeamFilterAll)}</option>
                        {team_options}
                    </select>
                </div>
                <label class="check-line">
                    <input type="checkbox" on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set_filter(&|f| f.overdue_only = on);
                    }/>
                    {i18n.s(Msg::TeamOverdueOnly)}
                </label>
            </div>
            <p class="meta" role="status">{move || i18n.f(Msg::TeamRowsCount, &[("count", &shown.with(Vec::len).to_string())])}</p>
            <div class="table-scroll" role="region" aria-labelledby="roster-caption" tabindex="0">
                <table class="roster">
                    <caption id="roster-caption">{i18n.s(Msg::TeamRosterTable)}</caption>
                    <thead>
                        <tr>
                            {header}
                            <th scope="col">{i18n.s(Msg::TeamColDue)}</th>
                            <th scope="col">{i18n.s(Msg::TeamColSource)}</th>
                            <th scope="col" class="no-print">{i18n.s(Msg::TeamColActions)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <nav class="pager no-print" aria-label=move || i18n.t(Msg::TeamPagination)>
                <button type="button" class="button small secondary" disabled=move || { page.get() == 0 }
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{i18n.s(Msg::TeamPrevPage)}</button>
                <span class="pager-label">{move || i18n.f(Msg::TeamPageOf, &[("n", &(page.get() + 1).to_string()), ("total", &pages().to_string())])}</span>
                <button type="button" class="button small secondary" disabled=move || { page.get() + 1 >= pages() }
                    on:click=move |_| page.update(|p| *p += 1)>{i18n.s(Msg::TeamNextPage)}</button>
            </nav>
            <div class="actions no-print">
                <Show when=move || !confirm_all.get()>
                    <button type="button" class="button secondary danger" disabled=move || team.with(|t| t.members.is_empty())
                        on:click=move |_| confirm_all.set(true)>{i18n.s(Msg::TeamRemoveAll)}</button>
                </Show>
                <Show when=move || confirm_all.get()>
                    <div class="notice warning" role="alert">
                        <p>{move || i18n.f(Msg::TeamRemoveAllConfirm, &[("count", &team.with(|t| t.members.len()).to_string())])}</p>
                        <div class="actions">
                            <button type="button" class="button primary" on:click=remove_all>{i18n.s(Msg::TeamRemoveAllYes)}</button>
                            <button type="button" class="button secondary" on:click=move |_| confirm_all.set(false)>{i18n.s(Msg::TeamCancel)}</button>
                        </div>
                    </div>
                </Show>
            </div>
        </section>
        </Show>
    }
}
