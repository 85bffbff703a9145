//! Compare a draft with the version it came from: units and questions added, removed or changed.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::page_title::PageTitle;
use crate::domain::studio::diff::{diff, ChangeKind, ItemKind};
use crate::domain::studio::draft::{Draft, DraftOrigin};
use crate::i18n::Msg;
use crate::state::i18n::use_i18n;
use crate::storage;

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("draft").unwrap_or_default());
    let draft = storage::load_scoped::<Draft>(Some(&id)).value;
    let origin = storage::load_scoped::<DraftOrigin>(Some(&id)).value.pack;
    let back = format!("/studio/draft/{id}");
    let body = match origin {
        None => {
            view! { <p class="notice info">{i18n.s(Msg::StudioCompareNoOrigin)}</p> }.into_any()
        }
        Some(origin) => {
            let changes = diff(&origin, &draft.pack);
            let intro = i18n.sf(
                Msg::StudioCompareIntro,
                vec![
                    ("from", origin.version.clone()),
                    ("count", changes.len().to_string()),
                ],
            );
            let rows = changes
                .into_iter()
                .map(|c| {
                    let kind = match c.kind {
                        ChangeKind::Added => Msg::StudioChangeAdded,
                        ChangeKind::Removed => Msg::StudioChangeRemoved,
                        ChangeKind::Changed => Msg::StudioChangeChanged,
                    };
                    let item = match c.item {
                        ItemKind::Unit => Msg::StudioKindUnit,
                        ItemKind::Question => Msg::StudioKindQuestion,
                    };
                    view! {
                        <tr>
                            <td>{i18n.s(kind)}</td>
                            <td>{i18n.s(item)}</td>
                            <td>{c.title}</td>
                            <td><code>{c.id}</code></td>
                            <td><code>{c.place}</code></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p>{intro}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="compare-caption">
                    <table class="changes">
                        <caption id="compare-caption">{i18n.s(Msg::StudioCompareCaption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{i18n.s(Msg::StudioColChange)}</th>
                                <th scope="col">{i18n.s(Msg::StudioColKind)}</th>
                                <th scope="col">{i18n.s(Msg::StudioColTitle)}</th>
                                <th scope="col">{i18n.s(Msg::StudioColId)}</th>
                                <th scope="col">{i18n.s(Msg::StudioColWhere)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="page">
            <header class="page-header">
                <p class="eyebrow"><A href=back>{i18n.s(Msg::StudioBackToEditor)}</A></p>
                <PageTitle text=i18n.sf(Msg::StudioCompareTitle, vec![("title", draft.pack.title.clone())])/>
            </header>
            {body}
        </section>
    }
}
