//! The learner's certificates, newest first, with their status today.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_title::PageTitle;
use crate::domain::calendar::local_date;
use crate::domain::certification::{status, Status};
use crate::i18n::Msg;
use crate::state::certify::use_certify;
use crate::state::i18n::use_i18n;
use crate::state::progress::{now, LocalZone};

#[component]
pub fn CertificatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let certify = use_certify();
    let rows = move || {
        let mut list = certify.with(|c| c.issued.clone());
        list.sort_by_key(|c| std::cmp::Reverse(c.claims.issued_at));
        if list.is_empty() {
            return view! { <p class="card empty-card">{i18n.s(Msg::CertificatesEmpty)}</p> }
                .into_any();
        }
        let today = now();
        let items = list
            .into_iter()
            .map(|certificate| {
                let claims = certificate.claims;
                let current = status(claims.expires_at, today);
                let renew = (current == Status::Expired).then(|| {
                    let href = format!("/learn/{}/certify", claims.track_id);
                    view! { <A href=href attr:class="button secondary small">{i18n.s(Msg::CertificatesRenew)}</A> }
                });
                let (class, label) = match current {
                    Status::Valid => ("badge success", Msg::StatusValid),
                    Status::ExpiringSoon => ("badge warning", Msg::StatusExpiringSoon),
                    Status::Expired => ("badge danger", Msg::StatusExpired),
                };
                let href = format!("/certificates/{}", claims.id);
                let issued = local_date(claims.issued_at, &LocalZone).iso();
                let expires = local_date(claims.expires_at, &LocalZone).iso();
                view! {
                    <li class="practice-row">
                        <div>
                            <A href=href>{claims.track_title.clone()}</A>
                            <p class="meta">
                                {i18n.sf(Msg::CertificateIssued, vec![("date", issued)])}
                                " · "
                                {i18n.sf(Msg::CertificateExpires, vec![("date", expires)])}
                            </p>
                        </div>
                        <span class="row-end">
                            <span class=class>{i18n.s(label)}</span>
                            {renew}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="practice">{items}</ul> }.into_any()
    };
    view! {
        <section class="page narrow">
            <header class="page-header">
                <PageTitle text=i18n.sf(Msg::CertificatesTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::CertificateSelfAttested)}</p>
            </header>
            {rows}
        </section>
    }
}
