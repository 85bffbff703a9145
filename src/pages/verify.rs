//! Verifies a certificate from a link, entirely in the browser: the signature, the expiry date and
//! the curriculum version it names.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::components::page_title::PageTitle;
use crate::domain::calendar::local_date;
use crate::domain::credential::{read_certificate, Verdict, MAX_CERTIFICATE_FILE_BYTES};
use crate::i18n::Msg;
use crate::pages::learn::gate::WithPack;
use crate::state::curriculum::use_curriculum;
use crate::state::i18n::use_i18n;
use crate::state::progress::{now, LocalZone};
use crate::storage;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let input = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<String>);
    let file_problem = RwSignal::new(None::<String>);
    let read_file = move |file: web_sys::File| {
        file_problem.set(None);
        if file.size() > MAX_CERTIFICATE_FILE_BYTES as f64 {
            file_problem.set(Some(
                i18n.f(Msg::VerifyFileTooLarge, &[("name", &file.name())]),
            ));
            return;
        }
        spawn_local(async move {
            let text = storage::read_file_text(&file).await.unwrap_or_default();
            input.set(String::new());
            checked.set(Some(text));
        });
    };
    let choose = move |ev: leptos::ev::Event| {
        let picker: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = picker.files().and_then(|list| list.get(0)) {
            read_file(file);
        }
        picker.set_value("");
    };
    let dragging = RwSignal::new(false);
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|list| list.get(0))
        {
            read_file(file);
        }
    };
    // A link opened directly carries the certificate in its fragment.
    let hash = location.hash.get_untracked();
    if hash.len() > 1 {
        checked.set(Some(hash.clone()));
        input.set(format!(
            "{}/verify{hash}",
            window().location().origin().unwrap_or_default()
        ));
    }
    view! {
        <section class="page narrow">
            <header class="page-header">
                <PageTitle text=i18n.sf(Msg::VerifyTitle, vec![])/>
                <p class="lead">{i18n.s(Msg::VerifyIntro)}</p>
            </header>
            <form class="card form drop-zone" class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=drop
                on:submit=move |ev| {
                ev.prevent_default();
                checked.set(Some(input.get_untracked()));
            }>
                <div class="field">
                    <label for="verify-input">{i18n.s(Msg::VerifyInput)}</label>
                    <textarea id="verify-input" rows="3"
                        prop:value=move || input.get()
                        on:input=move |ev| input.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="submit" class="button primary">{i18n.s(Msg::VerifyButton)}</button>
                </div>
                <div class="field">
                    <label for="verify-file">{i18n.s(Msg::VerifyFile)}</label>
                    <input id="verify-file" type="file" accept=".json,application/json" on:change=choose/>
                    <p class="meta">{i18n.s(Msg::VerifyDropHint)}</p>
                    <p class="form-error" role="alert">{move || file_problem.get()}</p>
                </div>
            </form>
            <WithPack page=move |pack| {
                let curriculum = use_curriculum();
                move || {
                    // Wait for the history of published versions, so that a certificate earned
                    // against an earlier version never flashes "unknown".
                    let history = curriculum.history.get()?;
                    let pack = pack.clone();
                    checked.get().map(|text| {
                        let knows = history.knows_or_current(&pack);
                        let certificate = read_certificate(&text);
                        let verdict = certificate.as_ref().map_or(Verdict::Unreadable, |c| c.verify(now(), &knows));
                        let (class, title) = match verdict {
                            Verdict::Valid => ("verdict-card notice success", Msg::VerdictValid),
                            Verdict::Tampered => ("verdict-card notice error", Msg::VerdictTampered),
                            Verdict::Expired => ("verdict-card notice warning", Msg::VerdictExpired),
                            Verdict::UnknownPack => ("verdict-card notice warning", Msg::VerdictUnknownPack),
                            Verdict::Unreadable => ("verdict-card notice error", Msg::VerdictUnreadable),
                        };
                        let details = certificate.map(|c| {
                            let signature_ok = c.signature_is_valid();
                            let expires = local_date(c.claims.expires_at, &LocalZone).iso();
                            let expired = verdict == Verdict::Expired;
                            let pack_ok = knows(&c.claims.pack_id, &c.claims.pack_version, &c.claims.pack_hash);
                            let claims = c.claims.clone();
                            view! {
                                <p class="learner-line user-text"><strong><bdi>{claims.learner_name.clone()}</bdi></strong>" · "<bdi lang=claims.edition_language(&history).map(str::to_owned)>{claims.track_title.clone()}</bdi></p>
                                <ul class="checks">
                                    <li>{if signature_ok {
                                        i18n.f(Msg::VerifyCheckedSignature, &[("issuer", &claims.issuer)])
                                    } else {
                                        i18n.t(Msg::VerifyFailedSignature).to_owned()
                                    }}</li>
                                    {signature_ok.then(|| view! {
                                        <li>{if expired {
                                            i18n.f(Msg::VerifyFailedExpiry, &[("date", &expires)])
                                        } else {
                                            i18n.f(Msg::VerifyCheckedExpiry, &[("date", &expires)])
                                        }}</li>
                                        <li>{if pack_ok {
                                            i18n.f(Msg::VerifyCheckedPack, &[("pack", &claims.pack_id), ("version", &claims.pack_version)])
                                        } else {
                                            i18n.f(Msg::VerifyFailedPack, &[("pack", &claims.pack_id), ("version", &claims.pack_version)])
                                        }}</li>
                                        {claims.edition_language(&history).map(|tag| view! {
                                            <li class="verify-language">{i18n.f(Msg::VerifyLanguage, &[("language", &crate::domain::profile::Language::name_of(tag))])}</li>
                                        })}
                                        {(pack_ok && claims.pack_id == pack.id && claims.pack_version != pack.version).then(|| view! {
                                            <li>{i18n.f(Msg::VerifyOlderVersion, &[("version", &claims.pack_version), ("current", &pack.version)])}</li>
                                        })}
                                    })}
                                </ul>
                                // What the learner attested holds only for the claims they signed.
                                {signature_ok.then(|| view! { <p class="meta">{i18n.s(Msg::CertificateSelfAttested)}</p> })}
                            }
                        });
                        let unreadable = (verdict == Verdict::Unreadable).then(|| view! { <p>{i18n.s(Msg::VerifyUnreadableWhy)}</p> });
                        view! {
                            <div class=class role="status">
                                <h2>{i18n.s(title)}</h2>
                                {details}
                                {unreadable}
                            </div>
                        }
                    })
                }
            }/>
        </section>
    }
}
