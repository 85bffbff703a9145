//! Certification for a track: the checklist, the final assessment and issuing the certificate.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::components::page_title::PageTitle;
use crate::components::quiz::Quiz;
use crate::domain::certification::{
    checklist, may_take_final, renewal, version_update, ModuleChange, Renewal, RenewalReason,
    Requirement,
};
use crate::domain::credential::{
    base64url_encode, claims_for, email_hash, is_plausible_email, sign, uuid_v4, Attestation,
    Certificates,
};
use crate::domain::pack::Track;
use crate::domain::progress::final_key;
use crate::domain::quiz::Shuffler;
use crate::domain::safekeeping::PersistMoment;
use crate::i18n::Msg;
use crate::pages::learn::gate::{MissingContent, WithPack};
use crate::state::certify::use_certify;
use crate::state::i18n::{use_i18n, I18n};
use crate::state::profile::use_profile;
use crate::state::progress::{now, random_bytes, random_seed, use_progress, LocalZone};
use crate::state::safekeeping::use_safekeeping;

#[component]
pub fn FinalPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    view! {
        <WithPack page=move |pack| {
            let track_id = params.with(|p| p.get("track").unwrap_or_default());
            let Some(track) = pack.track(&track_id).cloned() else {
                return view! { <MissingContent/> }.into_any();
            };
            let draw = RwSignal::new(random_seed());
            let rules = track.certification.clone();
            let key = final_key(&track.id);
            let title = track.title.clone();
            let back = format!("/learn/{}/certify", track.id);
            let quiz = move || {
                let mut rng = Shuffler::new(draw.get());
                let questions: Vec<_> = rng
                    .draw(rules.bank.len(), rules.assessment_size as usize)
                    .into_iter()
                    .filter_map(|i| rules.bank.get(i).cloned())
                    .collect();
                view! {
                    <Quiz
                        questions=questions
                        pass_mark=rules.pass_mark
                        quiz_key=key.clone()
                        on_retry=Callback::new(move |_| draw.set(random_seed()))
                        summative=true
                    />
                }
            };
            view! {
                <section class="page narrow">
                    <nav class="breadcrumb" aria-label=i18n.s(Msg::LearnBreadcrumb)>
                        <A exact=true href=back>{i18n.s(Msg::CertifyLink)}</A>
                    </nav>
                    <header class="page-header">
                        <PageTitle text=i18n.sf(Msg::FinalTitle, vec![("track", title)])/>
                    </header>
                    {quiz}
                </section>
            }
            .into_any()
        }/>
    }
}

#[component]
pub fn CertifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let progress = use_progress();
    let profile = use_profile();
    let certify = use_certify();
    let safekeeping = use_safekeeping();
    let navigate = use_navigate();
    view! {
        <WithPack page=move |pack| {
            let track_id = params.with(|p| p.get("track").unwrap_or_default());
            let Some(track) = pack.track(&track_id).cloned() else {
                return view! { <MissingContent/> }.into_any();
            };
            let name = RwSignal::new(profile.with(|p| p.display_name.clone()));
            let email = RwSignal::new(String::new());
            let honest = RwSignal::new(false);
            let problem = RwSignal::new(None::<Msg>);
            let renewal_pack = pack.clone();
            let renewal_track = track.clone();
            // `?renew=early`: the learner chose to renew for a newer minor version although their
            // certificate still stands.
            let early = query.with_untracked(|q| q.get("renew").as_deref() == Some("early"));
            let due = Memo::new(move |_| {
                certify.with(|c| {
                    let issued = c.issued.iter().map(|s| &s.claims);
                    renewal(&renewal_pack, &renewal_track, issued.clone(), now()).or_else(|| {
                        early
                            .then(|| version_update(&renewal_pack, &renewal_track, issued, now()))
                            .flatten()
                            .map(|update| update.early_renewal())
                    })
                })
            });
            let for_list = track.clone();
            let list_pack = pack.clone();
            let items = move || {
                let attested = honest.get() && !name.get().trim().is_empty();
                due.with(|r| progress.with(|p| checklist(&list_pack, &for_list, p, attested, r.as_ref())))
            };
            let for_final = track.clone();
            let final_pack = pack.clone();
            let final_open = move || due.with(|r| progress.with(|p| may_take_final(&final_pack, &for_final, p, r.as_ref())));
            let rules = track.certification.clone();
            let row_pack = pack.clone();
            let rows = move || {
                items()
                    .into_iter()
                    .map(|item| {
                        let met = item.is_met();
                        let label = match &item {
                            Requirement::Module { track, id, .. } => {
                                let module = row_pack.find_module(id).map(|(_, m)| m);
                                let title = module.map(|m| m.title.clone()).unwrap_or_else(|| id.clone());
                                // A module is complete only with its scenario exercises passed too.
                                let req = if module.is_some_and(|m| !m.scenarios.is_empty()) {
                                    Msg::CertifyModuleReqScenarios
                                } else {
                                    Msg::CertifyModuleReq
                                };
                                let href = format!("/learn/{track}/{id}");
                                view! { <A href=href>{i18n.f(req, &[("module", &title)])}</A> }.into_any()
                            }
                            Requirement::FinalAssessment { .. } => {
                                let text = i18n.f(Msg::CertifyFinalReq, &[
                                    ("size", &rules.assessment_size.to_string()),
                                    ("bank", &rules.bank.len().to_string()),
                                    ("mark", &rules.pass_mark.to_string()),
                                ]);
                                view! { <span>{text}</span> }.into_any()
                            }
                            Requirement::Attestation { .. } => view! { <span>{i18n.t(Msg::CertifyAttestReq)}</span> }.into_any(),
                        };
                        view! {
                            <li class:met=met>
                                <span class=if met { "badge success" } else { "badge" }>
                                    {if met { i18n.t(Msg::CertifyMet) } else { i18n.t(Msg::CertifyMissing) }}
                                </span>
                                {label}
                            </li>
                        }
                    })
                    .collect_view()
            };
            let final_href = format!("/learn/{}/final", track.id);
            let issue_pack = pack.clone();
            let issue_track = track.clone();
            let navigate = navigate.clone();
            let issue = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let full_name = name.get_untracked().trim().to_owned();
                if full_name.is_empty() {
                    problem.set(Some(Msg::CertifyNeedName));
                    return;
                }
                let address = email.get_untracked();
                if !address.trim().is_empty() && !is_plausible_email(&address) {
                    problem.set(Some(Msg::CertifyBadEmail));
                    return;
                }
                if !honest.get_untracked() {
                    problem.set(Some(Msg::CertifyNeedHonesty));
                    return;
                }
                let snapshot = progress.snapshot();
                let ready = due.with_untracked(|r| checklist(&issue_pack, &issue_track, &snapshot, true, r.as_ref()))
                    .iter()
                    .all(Requirement::is_met);
                if !ready {
                    problem.set(Some(Msg::CertifyNotYet));
                    return;
                }
                let Some(seed) = certify.seed() else {
                    return;
                };
                let Some(random) = random_bytes::<32>() else {
                    return;
                };
                let salt = base64url_encode(&random[16..]);
                let attestation = Attestation {
                    full_name,
                    email: (!address.trim().is_empty()).then(|| (email_hash(&address, &salt), salt)),
                };
                let mut id_bytes = [0u8; 16];
                id_bytes.copy_from_slice(&random[..16]);
                let id = uuid_v4(id_bytes);
                let claims = claims_for(&issue_pack, &issue_track, &snapshot, attestation, id.clone(), now(), &LocalZone);
                certify.add(Certificates { issued: vec![sign(claims, &seed)] });
                safekeeping.after(PersistMoment::CertificateIssued);
                navigate(&format!("/certificates/{id}"), Default::default());
            };
            // Renewal by review: when the newest certificate is expiring soon or has lapsed, the
            // track allows it, and the learner's recall for the track is above 0.9.
            let by_review = {
                let at = now();
                let nearing = certify.with(|c| {
                    c.issued
                        .iter()
                        .filter(|s| s.claims.pack_id == pack.id && s.claims.track_id == track.id)
                        .max_by_key(|s| s.claims.issued_at)
                        .is_some_and(|s| {
                            crate::domain::certification::status(s.claims.expires_at, at)
                                != crate::domain::certification::Status::Valid
                        })
                });
                let open = nearing && track.certification.review_renewal && {
                    let pairs = crate::pages::learn::review::card_states(&pack, at);
                    let (sources, states): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
                    crate::domain::review::renewal_session(
                        true,
                        crate::domain::review::recall_of_track(&sources, &states, &track.id, at),
                        &sources,
                        &states,
                        &track.id,
                        at,
                    )
                    .is_some_and(|keys| !keys.is_empty())
                };
                open.then(|| {
                    let href = format!("/learn/review?renew={}", track.id);
                    view! {
                        <div class="notice info" role="status">
                            <p>{i18n.s(Msg::CertifyRenewByReview)}</p>
                            <A href=href attr:class="button secondary small">{i18n.s(Msg::ReviewOpen)}</A>
                        </div>
                    }
                })
            };
            let title = track.title.clone();
            view! {
                <section class="page narrow">
                    <header class="page-header">
                        <PageTitle text=i18n.sf(Msg::CertifyTitle, vec![("track", title)])/>
                        <p class="lead">{i18n.s(Msg::CertifyIntro)}</p>
                    </header>
                    {move || due.get().map(|r| view! { <RenewalNotice renewal=r track=track.clone()/> })}
                    <h2>{i18n.s(Msg::CertifyChecklist)}</h2>
                    <ul class="requirements">{rows}</ul>
                    <div class="actions">
                        <Show
                            when=final_open
                            fallback=move || view! { <p class="muted">{i18n.s(Msg::CertifyFinalLocked)}</p> }
                        >
                            <A href=final_href.clone() attr:class="button secondary">{i18n.s(Msg::CertifyTakeFinal)}</A>
                        </Show>
                    </div>
                    {by_review}
                    <form class="card form attest" on:submit=issue novalidate>
                        <div class="field">
                            <label for="cert-name">{i18n.s(Msg::CertifyName)}</label>
                            <input id="cert-name" type="text" autocomplete="name" maxlength="80"
                                prop:value=move || name.get()
                                on:input=move |ev| name.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="cert-email">{i18n.s(Msg::CertifyEmail)}</label>
                            <input id="cert-email" type="email" autocomplete="email"
                                prop:value=move || email.get()
                                on:input=move |ev| email.set(event_target_value(&ev))/>
                        </div>
                        <div class="check-line">
                            <input id="cert-honesty" type="checkbox"
                                prop:checked=move || honest.get()
                                on:change=move |ev| honest.set(event_target_checked(&ev))/>
                            <label for="cert-honesty">{i18n.s(Msg::CertifyHonesty)}</label>
                        </div>
                        <div class="actions">
                            <button type="submit" class="button primary">{i18n.s(Msg::CertifyIssue)}</button>
                            <p class="form-error" role="alert">{move || problem.get().map(|m| i18n.t(m))}</p>
                        </div>
                    </form>
                </section>
            }
            .into_any()
        }/>
    }
}

/// Why the learner is asked to recertify, and which modules changed since their last certificate.
#[component]
fn RenewalNotice(renewal: Renewal, track: Track) -> impl IntoView {
    let i18n = use_i18n();
    let reason = renewal_reason(i18n, &renewal.reason);
    let changes = match renewal.changes {
        None => view! { <p>{i18n.s(Msg::RenewChangesUnknown)}</p> }.into_any(),
        Some(list) if list.is_empty() => view! { <p>{i18n.s(Msg::RenewNoChanges)}</p> }.into_any(),
        Some(list) => {
            let rows = list
                .into_iter()
                .map(|change| match change {
                    ModuleChange::Added { id, title } => {
                        let href = format!("/learn/{}/{}", track.id, id);
                        view! { <li><A href=href>{title}</A>" "<span class="badge">{i18n.s(Msg::RenewAdded)}</span></li> }.into_any()
                    }
                    ModuleChange::Changed { id, title } => {
                        let href = format!("/learn/{}/{}", track.id, id);
                        view! { <li><A href=href>{title}</A>" "<span class="badge">{i18n.s(Msg::RenewChanged)}</span></li> }.into_any()
                    }
                    ModuleChange::Removed { id } => {
                        view! { <li>{i18n.f(Msg::RenewRemoved, &[("module", &id)])}</li> }.into_any()
                    }
                })
                .collect_view();
            view! {
                <p>{i18n.s(Msg::RenewChangedIntro)}</p>
                <ul class="renewal-changes">{rows}</ul>
            }
            .into_any()
        }
    };
    view! {
        <section class="card renewal" aria-labelledby="renewal-heading">
            <h2 id="renewal-heading">{i18n.s(Msg::RenewHeading)}</h2>
            <p>{reason}</p>
            {changes}
            <p class="muted">{i18n.s(Msg::RenewHistoryKept)}</p>
        </section>
    }
}

/// Why recertification is due, in the learner's language.
pub fn renewal_reason(i18n: I18n, reason: &RenewalReason) -> String {
    match reason {
        RenewalReason::Lapsed => i18n.t(Msg::RenewLapsed).to_owned(),
        RenewalReason::NewMajorVersion { from, to } => {
            i18n.f(Msg::RenewNewVersion, &[("from", from), ("to", to)])
        }
        RenewalReason::EarlyForNewVersion { from, to } => {
            i18n.f(Msg::RenewEarly, &[("from", from), ("to", to)])
        }
    }
}
