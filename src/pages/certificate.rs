//! One issued certificate, designed to print on a single landscape page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::page_title::PageTitle;
use crate::components::qr_code::QrCode;
use crate::domain::calendar::local_date;
use crate::domain::credential::SignedCertificate;
use crate::domain::open_badge;
use crate::i18n::Msg;
use crate::state::certify::{use_certify, CertifyState};
use crate::state::i18n::use_i18n;
use crate::state::notices::{use_notices, Notices, Tone};
use crate::state::profile::report_save_error;
use crate::state::progress::{now, LocalZone};
use crate::storage;

#[component]
pub fn CertificatePage() -> impl IntoView {
    let i18n = use_i18n();
    let certify = use_certify();
    let notices = use_notices();
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let Some(certificate) = certify.with(|c| c.find(&id).cloned()) else {
            return view! {
                <section class="page narrow empty-state">
                    <PageTitle text=i18n.sf(Msg::CertificateHeading, vec![])/>
                    <p class="lead">{i18n.s(Msg::CertificateNotFound)}</p>
                </section>
            }
            .into_any();
        };
        let origin = window().location().origin().unwrap_or_default();
        let link = format!("{origin}/verify#{}", certificate.to_fragment());
        let claims = certificate.claims.clone();
        let issued = local_date(claims.issued_at, &LocalZone).iso();
        let expires = local_date(claims.expires_at, &LocalZone).iso();
        let print = move |_| {
            let _ = window().print();
        };
        // The edition's language: signed in newer certificates, from the history for older ones.
        let curriculum = crate::state::curriculum::use_curriculum();
        let edition_claims = claims.clone();
        let edition_language = Signal::derive(move || {
            let history = curriculum.history.get();
            match history {
                Some(history) => edition_claims.edition_language(&history).map(str::to_owned),
                None => (!edition_claims.pack_language.is_empty())
                    .then(|| edition_claims.pack_language.clone()),
            }
        });
        let badge_certificate = certificate.clone();
        let badge_link = link.clone();
        let download_badge =
            move |_| download_open_badge(certify, notices, &badge_certificate, &badge_link);
        let file_certificate = certificate.clone();
        let download_file = move |_| {
            let name = format!("fluency-{}.json", file_certificate.claims.id);
            if let Err(error) =
                storage::download_text(&name, "application/json", &file_certificate.to_file())
            {
                report_save_error(&notices, &error);
            }
        };
        view! {
            <section class="page certificate-page">
                <article class="certificate" aria-labelledby="certificate-title">
                    <p class="eyebrow">"Fluency"</p>
                    <div id="certificate-title">
                        <PageTitle text=i18n.sf(Msg::CertificateHeading, vec![])/>
                    </div>
                    <p class="awarded">{i18n.s(Msg::CertificateAwarded)}</p>
                    <p class="learner user-text"><bdi>{claims.learner_name.clone()}</bdi></p>
                    <p class="awarded">{i18n.s(Msg::CertificateCompleted)}</p>
                    <p class="track-name user-text" lang=edition_language><bdi>{claims.track_title.clone()}</bdi></p>
                    <p class="attested">{i18n.s(Msg::CertificateSelfAttested)}</p>
                    <dl class="certificate-facts">
                        <div><dt>{i18n.sf(Msg::CertificateIssued, vec![("date", issued)])}</dt></div>
                        <div><dt>{i18n.sf(Msg::CertificateExpires, vec![("date", expires)])}</dt></div>
                        <div><dt>{i18n.sf(Msg::CertificateCurriculum, vec![("pack", claims.pack_id.clone()), ("version", claims.pack_version.clone())])}</dt></div>
                        {move || edition_language.get().map(|tag| {
                            let name = crate::domain::profile::Language::name_of(&tag);
                            view! { <div class="certificate-language"><dt>{i18n.sf(Msg::CertificateLanguage, vec![("language", name)])}</dt></div> }
                        })}
                    </dl>
                    <p class="evidence" lang=edition_language>{claims.evidence.clone()}</p>
                    // A QR code is promised only when one could be drawn for this link.
                    {if crate::domain::qr::encode(&link).is_some() {
                        view! {
                            <div class="certificate-verify">
                                <QrCode text=link.clone() label=i18n.s(Msg::CertificateQrLabel)/>
                                <p class="meta">{i18n.s(Msg::CertificateQrHint)}</p>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <div class="certificate-verify">
                                <p class="meta">{i18n.s(Msg::CertificateQrTooLong)}</p>
                            </div>
                        }.into_any()
                    }}
                    <p class="issuer meta break">{claims.issuer.clone()}</p>
                </article>
                <div class="card certificate-tools">
                    <div class="field">
                        <label for="verify-link">{i18n.s(Msg::CertificateVerifyLink)}</label>
                        <input id="verify-link" type="text" readonly prop:value=link.clone()/>
                    </div>
                    <div class="actions">
                        <a class="button secondary" href=link>{i18n.s(Msg::VerifyTitle)}</a>
                        <button type="button" class="button secondary" on:click=download_file>{i18n.s(Msg::CertificateDownloadFile)}</button>
                        <button type="button" class="button secondary" on:click=download_badge>{i18n.s(Msg::CertificateBadgeDownload)}</button>
                        <button type="button" class="button primary" on:click=print>{i18n.s(Msg::CertificatePrint)}</button>
                    </div>
                    <p class="meta">{i18n.s(Msg::CertificateBadgeHint)}</p>
                    <TrackRecall pack_id=claims.pack_id.clone() track_id=claims.track_id.clone()/>
                </div>
            </section>
        }
        .into_any()
    }
}

/// The learner's current recall for the certificate's track, from spaced review. The certificate
/// itself stays a record of the day it was issued.
#[component]
fn TrackRecall(pack_id: String, track_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let curriculum = crate::state::curriculum::use_curriculum();
    move || {
        let pack = curriculum
            .pack_for(&crate::state::curriculum::Needs::Whole)?
            .ok()?;
        if pack.id != pack_id {
            return None;
        }
        let at = now();
        let pairs = crate::pages::learn::review::card_states(&pack, at);
        let (sources, states): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
        let recall = crate::domain::review::recall_of_track(&sources, &states, &track_id, at)?;
        let percent = ((recall * 100.0).round() as u32).to_string();
        Some(
            view! { <p class="meta" data-testid="track-recall">{i18n.f(Msg::CertificateRecall, &[("percent", &percent)])}</p> },
        )
    }
}

/// Signs an Open Badges 3.0 credential for the certificate with the learner's key and downloads it.
fn download_open_badge(
    certify: CertifyState,
    notices: Notices,
    certificate: &SignedCertificate,
    link: &str,
) {
    let unsigned = open_badge::credential(certificate, link);
    let signed = certify
        .existing_seed()
        .ok_or(open_badge::BadgeError::ForeignKey)
        .and_then(|seed| open_badge::sign_credential(unsigned, &seed, now()));
    match signed {
        Ok(badge) => {
            let text = serde_json::to_string_pretty(&badge).unwrap_or_default();
            let name = format!("fluency-{}-open-badge.json", certificate.claims.id);
            if let Err(error) = storage::download_text(&name, "application/json", &text) {
                report_save_error(&notices, &error);
            }
        }
        Err(_) => notices.say(Tone::Warning, Msg::CertificateBadgeForeignKey),
    }
}
