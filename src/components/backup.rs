//! Download and restore a personal backup. Importing shows what would change before anything is
//! applied, and merges instead of replacing.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::safekeeping::BackupStatus;
use crate::domain::backup::{
    merge_profile, new_reviews, restore_preview, Backup, ProfileField, RestorePreview,
    MAX_BACKUP_BYTES,
};
use crate::domain::credential::IssuerKey;
use crate::domain::pack::Audience;
use crate::domain::profile::{Role, ThemePreference};
use crate::domain::progress::Progress;
use crate::domain::review::ReviewLog;
use crate::i18n::Msg;
use crate::state::certify::use_certify;
use crate::state::i18n::{use_i18n, I18n};
use crate::state::notices::use_notices;
use crate::state::profile::{report_save_error, use_profile};
use crate::state::progress::use_progress;
use crate::state::review::use_reviews;
use crate::state::safekeeping::use_safekeeping;
use crate::storage;

#[derive(Clone)]
enum Pending {
    Ready(Backup, RestorePreview),
    Failed(String),
}

/// One restored profile setting, as the preview names it.
fn profile_field_text(i18n: I18n, field: &ProfileField) -> String {
    let pair = |label: Msg, value: &str| {
        i18n.f(
            Msg::BackupProfileField,
            &[("label", i18n.t(label)), ("value", value)],
        )
    };
    match field {
        ProfileField::Name(name) => pair(Msg::ProfileName, name),
        ProfileField::Role(role) => pair(
            Msg::ProfileRole,
            i18n.t(match role {
                Role::Learner => Msg::RoleLearner,
                Role::Trainer => Msg::RoleTrainer,
                Role::Manager => Msg::RoleManager,
            }),
        ),
        ProfileField::Path(path) => pair(
            Msg::PathTitle,
            i18n.t(match path {
                Audience::Leader => Msg::LearnAudienceLeader,
                Audience::Technical => Msg::LearnAudienceTechnical,
                Audience::Frontline => Msg::LearnAudienceFrontline,
                Audience::Everyone => Msg::LearnAudienceEveryone,
            }),
        ),
        ProfileField::Language(language) => pair(Msg::ProfileLanguage, language.native_name()),
        ProfileField::Theme(theme) => pair(
            Msg::ProfileTheme,
            i18n.t(match theme {
                ThemePreference::System => Msg::ThemeSystem,
                ThemePreference::Light => Msg::ThemeLight,
                ThemePreference::Dark => Msg::ThemeDark,
            }),
        ),
    }
}

#[component]
pub fn BackupPanel() -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_progress();
    let notices = use_notices();
    let certify = use_certify();
    let reviews = use_reviews();
    let pending = RwSignal::new(None::<Pending>);
    let applied = RwSignal::new(false);

    let profile = use_profile();
    let safekeeping = use_safekeeping();
    let download = move |_| safekeeping.download_backup();

    let choose = move |ev: leptos::ev::Event| {
        applied.set(false);
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > MAX_BACKUP_BYTES as f64 {
            pending.set(Some(Pending::Failed(format!(
                "the file is {} KB, over the {} KB limit",
                (file.size() / 1024.0).ceil() as u64,
                MAX_BACKUP_BYTES / 1024
            ))));
            return;
        }
        spawn_local(async move {
            let text = storage::read_file_text(&file).await.unwrap_or_default();
            let outcome = match Backup::from_json(&text) {
                Ok(backup) => {
                    let current = BTreeMap::from([(progress.pack_id(), progress.snapshot())]);
                    let mut known = current.clone();
                    for pack_id in backup.progress.keys() {
                        if !known.contains_key(pack_id) {
                            known.insert(
                                pack_id.clone(),
                                storage::load_scoped::<Progress>(Some(pack_id)).value,
                            );
                        }
                    }
                    let has_key = storage::load::<IssuerKey>().value.seed_bytes().is_some();
                    let mut changes = profile.with(|current| {
                        certify.with(|certificates| {
                            restore_preview(&known, current, certificates, has_key, &backup)
                        })
                    });
                    let mut logs = BTreeMap::from([(
                        progress.pack_id(),
                        reviews.with_untracked(Clone::clone),
                    )]);
                    for pack_id in backup.reviews.keys() {
                        if !logs.contains_key(pack_id) {
                            logs.insert(
                                pack_id.clone(),
                                storage::load_scoped::<ReviewLog>(Some(pack_id)).value,
                            );
                        }
                    }
                    changes.new_reviews = new_reviews(&logs, &backup);
                    Pending::Ready(backup, changes)
                }
                Err(error) => Pending::Failed(error.to_string()),
            };
            pending.set(Some(outcome));
        });
    };

    let apply = move |_| {
        let Some(Pending::Ready(backup, _)) = pending.get_untracked() else {
            return;
        };
        let open_pack = progress.pack_id();
        profile.update(|p| *p = merge_profile(p, &backup.profile));
        certify.add(backup.certificates);
        let has_key = storage::load::<IssuerKey>().value.seed_bytes().is_some();
        if let (false, Some(key)) = (has_key, backup.issuer_key) {
            if let Err(error) = storage::save(&key) {
                report_save_error(&notices, &error);
            }
        }
        for (pack_id, incoming) in &backup.reviews {
            if *pack_id == open_pack {
                reviews.update(|log| *log = log.merge(incoming));
            } else {
                let stored = storage::load_scoped::<ReviewLog>(Some(pack_id)).value;
                if let Err(error) = storage::save_scoped(Some(pack_id), &stored.merge(incoming)) {
                    report_save_error(&notices, &error);
                }
            }
        }
        for (pack_id, incoming) in backup.progress {
            if pack_id == open_pack {
                progress.update(|p| *p = p.merge(&incoming));
            } else {
                let stored = storage::load_scoped::<Progress>(Some(&pack_id)).value;
                if let Err(error) = storage::save_scoped(Some(&pack_id), &stored.merge(&incoming)) {
                    report_save_error(&notices, &error);
                }
            }
        }
        pending.set(None);
        applied.set(true);
    };

    let review = move || {
        pending.get().map(|state| match state {
            Pending::Failed(reason) => view! {
                <p class="notice error" role="alert">{i18n.f(Msg::BackupFailed, &[("reason", &reason)])}</p>
            }
            .into_any(),
            Pending::Ready(_, changes) => {
                let anything = changes.changes_anything();
                let profile_line = (!changes.profile.is_empty()).then(|| {
                    let fields = changes
                        .profile
                        .iter()
                        .map(|field| profile_field_text(i18n, field))
                        .collect::<Vec<_>>()
                        .join(i18n.t(Msg::BackupListSeparator));
                    view! { <li class="user-text">{i18n.f(Msg::BackupPreviewProfile, &[("fields", &fields)])}</li> }
                });
                let certificates_line = (changes.new_certificates > 0).then(|| view! {
                    <li>{i18n.f(Msg::BackupPreviewCertificates, &[("count", &changes.new_certificates.to_string())])}</li>
                });
                let key_line = changes.restores_key.then(|| view! { <li>{i18n.s(Msg::BackupPreviewKey)}</li> });
                let reviews_line = (changes.new_reviews > 0).then(|| view! {
                    <li>{i18n.f(Msg::BackupPreviewReviews, &[("count", &changes.new_reviews.to_string())])}</li>
                });
                let lines = changes
                    .packs
                    .iter()
                    .filter(|c| c.changes_anything())
                    .map(|c| {
                        let text = i18n.f(
                            Msg::BackupPreviewPack,
                            &[
                                ("pack", &c.pack_id),
                                ("units", &c.new_units.to_string()),
                                ("attempts", &c.new_attempts.to_string()),
                            ],
                        );
                        view! { <li>{text}</li> }
                    })
                    .collect_view();
                view! {
                    <div class="card import-preview" role="status">
                        <h3>{i18n.s(Msg::BackupPreviewTitle)}</h3>
                        {if anything {
                            view! {
                                <ul class="checklist">{profile_line}{lines}{certificates_line}{key_line}{reviews_line}</ul>
                                <p class="muted">{i18n.s(Msg::BackupPreviewSafe)}</p>
                            }
                            .into_any()
                        } else {
                            view! { <p>{i18n.s(Msg::BackupPreviewNothing)}</p> }.into_any()
                        }}
                        <div class="actions">
                            {anything.then(|| view! {
                                <button type="button" class="button primary" on:click=apply>{i18n.s(Msg::BackupApply)}</button>
                            })}
                            <button type="button" class="button secondary" on:click=move |_| pending.set(None)>
                                {i18n.s(Msg::BackupCancel)}
                            </button>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="card quiet" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{i18n.s(Msg::BackupTitle)}</h2>
            <p>{i18n.s(Msg::BackupIntro)}</p>
            <div class="actions">
                <button type="button" class="button secondary" on:click=download>{i18n.s(Msg::BackupDownload)}</button>
            </div>
            <BackupStatus/>
            <div class="field">
                <label for="backup-file">{i18n.s(Msg::BackupRestore)}</label>
                <input id="backup-file" type="file" accept=".json,application/json" on:change=choose/>
            </div>
            {review}
            <Show when=move || applied.get()>
                <p class="saved-state" role="status">{i18n.s(Msg::BackupApplied)}</p>
            </Show>
        </section>
    }
}
