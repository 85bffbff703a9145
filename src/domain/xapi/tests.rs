use serde_json::{json, Value};

use super::aggregate::TeamLoad;
use super::config::{parse_config, ConfigError, Endpoint};
use super::consent::{Consent, Decision, Identity, IdentityError, IdentityForm, Learner, Standing};
use super::lrs::{
    classify_post, lrs_message, read_body, resolve_more, Outcome, Query, ReadError, Reply, Stop,
};
use super::outbox::{backoff, Outbox, BATCH, LEASE_MS};
use super::statement::{examples, statements, Built, Kind, Records, Sender, Vocabulary};
use super::*;
use crate::domain::credential::{sign, Attestation, Certificates};
use crate::domain::pack::Pack;
use crate::domain::progress::{check_key, final_key, scenario_key, Attempt, Progress};
use crate::domain::report::{Report, Sharer};
use crate::domain::team::{Importer, Source, Team};

const KEY: &str = "did:key:z6MkLearnerExample";
const BASE: &str = "https://learn.example.org";
const HOME: &str = "https://intranet.example.org";
const ORIGIN: &str = "https://learn.example.org";
const HOUR: i64 = 3_600_000;
/// 2026-12-01T09:00:00.000Z
const T0: i64 = 1_796_115_600_000;

/// The tiny example pack with a second unit and a second module, so that module completion,
/// ordering and parents can be seen.
fn pack() -> Pack {
    let mut pack = Pack::from_json(include_str!("../../../docs/examples/tiny-pack.json")).unwrap();
    let track = &mut pack.tracks[0];
    let mut second_unit = track.modules[0].units[0].clone();
    second_unit.id = "checking-output-how".into();
    second_unit.title = "How to check".into();
    track.modules[0].units.push(second_unit);
    let mut module = track.modules[0].clone();
    module.id = "sources".into();
    module.title = "Finding sources".into();
    module.units.truncate(1);
    module.units[0].id = "sources-where".into();
    module.scenarios.clear();
    track.modules.push(module);
    track.certification.pass_mark = 80;
    pack
}

/// The same pack in Simplified Chinese: same ids, translated titles.
fn chinese_edition(pack: &Pack) -> Pack {
    let mut zh = pack.clone();
    zh.language = "zh-CN".into();
    zh.tracks[0].title = "基础".into();
    zh.tracks[0].modules[0].title = "检查 AI 输出".into();
    zh.tracks[0].modules[0].units[0].title = "流畅不等于正确".into();
    zh
}

fn learner() -> Learner {
    Learner {
        identity: Identity::Account {
            name: "ada.lovelace".into(),
        },
        display_name: "Ada Lovelace".into(),
        team: "Support".into(),
    }
}

fn attempt(id: &str, at: i64, correct: u32, total: u32) -> Attempt {
    Attempt {
        id: id.into(),
        at,
        correct,
        total,
        answers: Vec::new(),
    }
}

/// Unit 1 read, check failed then passed, the scenario passed, unit 2 read last (which
/// completes the module), the final passed.
fn progress(pack: &Pack) -> Progress {
    let module = &pack.tracks[0].modules[0];
    let mut p = Progress::new(pack);
    p.complete_unit(&module.units[0].id, T0);
    p.record_attempt(&check_key(&module.id), attempt("c1", T0 + HOUR, 2, 5));
    p.record_attempt(&check_key(&module.id), attempt("c2", T0 + 2 * HOUR, 5, 5));
    p.record_attempt(
        &scenario_key(&module.scenarios[0].id),
        attempt("s1", T0 + 3 * HOUR, 3, 4),
    );
    p.complete_unit(&module.units[1].id, T0 + 4 * HOUR);
    p.record_attempt(
        &final_key(&pack.tracks[0].id),
        attempt("f1", T0 + 5 * HOUR, 9, 10),
    );
    p
}

fn certificates(pack: &Pack, progress: &Progress) -> Certificates {
    let track = &pack.tracks[0];
    let claims = crate::domain::credential::claims_for(
        pack,
        track,
        progress,
        Attestation {
            full_name: "Ada Lovelace".into(),
            email: None,
        },
        "cert-1".into(),
        T0 + 6 * HOUR,
        &crate::domain::calendar::UTC,
    );
    Certificates {
        issued: vec![sign(claims, &[7; 32])],
    }
}

fn build(
    pack: &Pack,
    progress: &Progress,
    certs: &Certificates,
    key: &str,
    since: i64,
) -> Vec<Built> {
    let learner = learner();
    statements(
        Records {
            pack,
            editions: &[],
            progress,
            certificates: certs,
            site_origin: ORIGIN,
        },
        Sender {
            learner: &learner,
            key,
            home_page: HOME,
        },
        &Vocabulary::new(BASE),
        since,
    )
}

fn value(b: &Built) -> Value {
    serde_json::to_value(&b.statement).unwrap()
}

#[test]
fn statement_ids_are_version_5_uuids_of_the_key_and_record() {
    // Vectors from Python's uuid.uuid5 with the same namespace.
    let cases = [
        (
            "did:key:z6MkExample\nunit\nfluency-core\ngenai-what-it-is",
            "ff5cffc7-d24e-58a1-9127-38b91b877a66",
        ),
        ("", "694fb928-26e1-5ae0-a88d-909a5fa400da"),
    ];
    for (name, want) in cases {
        assert_eq!(statement_uuid(name), want, "{name:?}");
        let id = statement_uuid(name);
        assert_eq!(&id[14..15], "5", "version nibble");
        assert!("89ab".contains(&id[19..20]), "RFC 9562 variant");
    }
}

#[test]
fn timestamps_are_written_and_read_as_xapi_wants() {
    assert_eq!(iso_timestamp(T0), "2026-12-01T09:00:00.000Z");
    assert_eq!(iso_timestamp(T0 + 61_001), "2026-12-01T09:01:01.001Z");
    assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
    let cases: [(&str, Option<i64>); 10] = [
        ("2026-12-01T09:00:00.000Z", Some(T0)),
        ("2026-12-01T09:00:00Z", Some(T0)),
        ("2026-12-01T10:00:00+01:00", Some(T0)),
        ("2026-12-01T08:30:00.250-00:30", Some(T0 + 250)),
        ("2026-12-01T09:00:00.123456+00:00", Some(T0 + 123)),
        ("2026-12-01T09:00:00.5Z", Some(T0 + 500)),
        ("2026-12-01T09:00:00", None),
        ("2026-02-30T09:00:00Z", None),
        ("2026-12-01T25:00:00Z", None),
        ("yesterday", None),
    ];
    for (text, want) in cases {
        assert_eq!(parse_timestamp(text), want, "{text}");
    }
}

#[test]
fn basic_auth_and_query_values_are_encoded() {
    let cases = [
        (
            "fluency-learner",
            "learner-secret",
            "Basic Zmx1ZW5jeS1sZWFybmVyOmxlYXJuZXItc2VjcmV0",
        ),
        ("a", "", "Basic YTo="),
        ("李", "pässword", "Basic 5p2OOnDDpHNzd29yZA=="),
    ];
    for (user, password, want) in cases {
        assert_eq!(basic_auth(user, password), want);
    }
    assert_eq!(
        encode_query_value("https://x.org/a b?c=d&e"),
        "https%3A%2F%2Fx.org%2Fa%20b%3Fc%3Dd%26e"
    );
    assert_eq!(encode_query_value("safe-._~09AZ"), "safe-._~09AZ");
}

#[test]
fn configuration_is_read_and_checked() {
    let lrs = |endpoint: &str| {
        format!(
            r#"{{"organisation":"Example Ltd","accountHomePage":"https://intranet.example.org","lrs":{{"endpoint":"{endpoint}","username":"u","password":"p"}}}}"#
        )
    };
    type Check = fn(&Result<Option<config::OrgConfig>, ConfigError>) -> bool;
    let cases: Vec<(String, Check)> = vec![
        (lrs("https://lrs.example.org/xAPI/"), |r| {
            let c = r.as_ref().unwrap().as_ref().unwrap();
            c.endpoint.url() == "https://lrs.example.org/xAPI/"
                && c.endpoint.origin() == "https://lrs.example.org"
                && c.activity_base == "https://site.example.org"
                && c.credentials.header() == "Basic dTpw"
        }),
        (lrs("https://LRS.example.org:8443/xAPI"), |r| {
            let c = r.as_ref().unwrap().as_ref().unwrap();
            c.endpoint.url() == "https://lrs.example.org:8443/xAPI/"
                && c.endpoint.statements_url() == "https://lrs.example.org:8443/xAPI/statements"
        }),
        (lrs("http://127.0.0.1:8100/xAPI/"), |r| matches!(r, Ok(Some(_)))),
        (lrs("http://[::1]:8100/"), |r| {
            r.as_ref().unwrap().as_ref().unwrap().endpoint.origin() == "http://[::1]:8100"
        }),
        (lrs("http://lrs.example.org/xAPI/"), |r| {
            matches!(r, Err(ConfigError::EndpointNotHttps(_)))
        }),
        (lrs("https://user:pw@lrs.example.org/"), |r| {
            matches!(r, Err(ConfigError::EndpointNotUrl(_)))
        }),
        (lrs("ftp://lrs.example.org/"), |r| matches!(r, Err(ConfigError::EndpointNotUrl(_)))),
        (lrs("https://lrs.example.org/xAPI/?a=1"), |r| {
            matches!(r, Err(ConfigError::EndpointNotUrl(_)))
        }),
        (lrs("https://lrs.example.org:port/"), |r| {
            matches!(r, Err(ConfigError::EndpointNotUrl(_)))
        }),
        (r#"{"organisation":"Example Ltd"}"#.into(), |r| matches!(r, Ok(None))),
        (
            r#"{"organisation":"X","lrs":{"endpoint":"https://l.example/","username":"u","password":"p"}}"#.into(),
            |r| matches!(r, Err(ConfigError::MissingHomePage)),
        ),
        (
            r#"{"organisation":"X","accountHomePage":"intranet","lrs":{"endpoint":"https://l.example/","username":"u","password":"p"}}"#.into(),
            |r| matches!(r, Err(ConfigError::NotAnAddress(_))),
        ),
        (
            r#"{"organisation":"","accountHomePage":"https://h.example","lrs":{"endpoint":"https://l.example/","username":"u","password":"p"}}"#.into(),
            |r| matches!(r, Err(ConfigError::Empty("organisation"))),
        ),
        (
            r#"{"organisation":"X","accountHomePage":"https://h.example","activityBase":"https://learn.example/","lrs":{"endpoint":"https://l.example/","username":"u","password":"p"}}"#.into(),
            |r| r.as_ref().unwrap().as_ref().unwrap().activity_base == "https://learn.example",
        ),
        (r#"{"organisation":"X","lrs":{"endpont":"x"}}"#.into(), |r| {
            matches!(r, Err(ConfigError::Invalid(m)) if m.contains("endpont"))
        }),
        ("<html>not json</html>".into(), |r| matches!(r, Err(ConfigError::Invalid(_)))),
        (" ".repeat(70_000), |r| matches!(r, Err(ConfigError::TooLarge))),
    ];
    for (text, check) in cases {
        let result = parse_config(&text, "https://site.example.org");
        assert!(
            check(&result),
            "{} gave {result:?}",
            &text[..text.len().min(120)]
        );
    }
    // Debug output never shows the password.
    let config = parse_config(&lrs("https://l.example/"), "https://s.example")
        .unwrap()
        .unwrap();
    assert!(!format!("{config:?}").contains("\"p\""));
    assert!(format!("{:?}", config.credentials).contains("***"));
}

#[test]
fn consent_is_per_endpoint_and_the_latest_decision_wins_in_every_tab() {
    let e = "https://lrs.example.org/xAPI/";
    let given = |at| Decision::Given {
        at,
        endpoint: e.into(),
        organisation: "Example".into(),
        learner: learner(),
        since: at,
    };
    let stopped = |at| Decision::Stopped {
        at,
        endpoint: e.into(),
    };
    let with = |d: Option<Decision>| Consent { decision: d };
    assert_eq!(with(None).standing(e), Standing::Undecided);
    assert!(with(Some(given(5))).allows_sending(e));
    assert!(!with(Some(given(5))).allows_sending("https://other.example/"));
    assert_eq!(
        with(Some(given(5))).standing("https://other.example/"),
        Standing::Undecided
    );
    assert_eq!(
        with(Some(stopped(9))).standing(e),
        Standing::Stopped { at: 9 }
    );
    let cases = [
        (Some(given(5)), Some(stopped(9)), Some(stopped(9))),
        (Some(given(9)), Some(stopped(5)), Some(given(9))),
        (Some(given(5)), Some(stopped(5)), Some(stopped(5))),
        (None, Some(given(5)), Some(given(5))),
        (None, None, None),
    ];
    for (a, b, want) in cases {
        let (a, b) = (with(a), with(b));
        assert_eq!(a.merge(&b).decision, want, "{a:?} + {b:?}");
        assert_eq!(b.merge(&a).decision, want, "commutative");
        assert_eq!(a.merge(&a), a, "idempotent");
    }
}

#[test]
fn the_consent_form_names_what_to_fix() {
    let form = |use_email, account: &str, email: &str, confirmed| IdentityForm {
        use_email,
        account_name: account.into(),
        email: email.into(),
        display_name: "  Ada ".into(),
        team: String::new(),
        confirmed,
    };
    let cases = [
        (
            form(false, " ada ", "", true),
            Ok(Identity::Account { name: "ada".into() }),
        ),
        (
            form(false, "  ", "", true),
            Err(IdentityError::AccountMissing),
        ),
        (
            form(true, "ada", "", true),
            Err(IdentityError::EmailMissing),
        ),
        (
            form(true, "", "ada@", true),
            Err(IdentityError::EmailInvalid),
        ),
        (
            form(true, "", "ada@example", true),
            Err(IdentityError::EmailInvalid),
        ),
        (
            form(true, "", "a da@example.org", true),
            Err(IdentityError::EmailInvalid),
        ),
        (
            form(true, "", "ada@example.org", true),
            Ok(Identity::Email {
                address: "ada@example.org".into(),
            }),
        ),
        (
            form(false, "ada", "", false),
            Err(IdentityError::NotConfirmed),
        ),
        (
            form(false, &"x".repeat(201), "", true),
            Err(IdentityError::TooLong),
        ),
    ];
    for (form, want) in cases {
        let got = form.learner().map(|l| {
            assert_eq!(l.display_name, "Ada");
            l.identity
        });
        assert_eq!(got, want, "{form:?}");
    }
    let round = IdentityForm::from_learner(&learner());
    assert_eq!(round.account_name, "ada.lovelace");
    assert!(
        !round.confirmed,
        "changing an identity asks to confirm again"
    );
}

#[test]
fn every_kind_of_record_becomes_its_statement() {
    let pack = pack();
    let progress = progress(&pack);
    let certs = certificates(&pack, &progress);
    let built = build(&pack, &progress, &certs, KEY, i64::MIN);
    let base = "https://learn.example.org/xapi/activities/tiny-demo/1.0.0/en";
    let adl = "http://adlnet.gov/expapi/verbs/";
    // (kind, verb, object id, scaled score, success)
    type Said = (Kind, String, String, Option<f64>, Option<bool>);
    let want: Vec<Said> = vec![
        (
            Kind::UnitCompleted,
            format!("{adl}completed"),
            format!("{base}/unit/checking-output-why"),
            None,
            None,
        ),
        (
            Kind::CheckResult,
            format!("{adl}failed"),
            format!("{base}/check/checking-output"),
            Some(0.4),
            Some(false),
        ),
        (
            Kind::CheckResult,
            format!("{adl}passed"),
            format!("{base}/check/checking-output"),
            Some(1.0),
            Some(true),
        ),
        (
            Kind::ScenarioResult,
            format!("{adl}failed"),
            format!("{base}/scenario/checking-output-report"),
            Some(0.75),
            Some(false),
        ),
        (
            Kind::UnitCompleted,
            format!("{adl}completed"),
            format!("{base}/unit/checking-output-how"),
            None,
            None,
        ),
        (
            Kind::FinalResult,
            format!("{adl}passed"),
            format!("{base}/final/basics"),
            Some(0.9),
            Some(true),
        ),
        (
            Kind::CertificateIssued,
            "http://id.tincanapi.com/verb/earned".into(),
            format!("{base}/certificate/basics"),
            None,
            Some(true),
        ),
    ];
    let got: Vec<_> = built
        .iter()
        .map(|b| {
            let v = value(b);
            (
                b.kind,
                v["verb"]["id"].as_str().unwrap().to_owned(),
                v["object"]["id"].as_str().unwrap().to_owned(),
                v["result"]["score"]["scaled"].as_f64(),
                v["result"]["success"].as_bool(),
            )
        })
        .collect();
    assert_eq!(got, want);
    // The scenario failed at 3/4 < 80%, so the module is not complete and has no statement.
    assert!(!built.iter().any(|b| b.kind == Kind::ModuleCompleted));
}

#[test]
fn module_completed_follows_the_rule_that_scenarios_count() {
    let pack = pack();
    let mut progress = progress(&pack);
    let module = &pack.tracks[0].modules[0];
    let pass_at = T0 + 7 * HOUR;
    progress.record_attempt(
        &scenario_key(&module.scenarios[0].id),
        attempt("s2", pass_at, 4, 4),
    );
    let built = build(&pack, &progress, &Certificates::default(), KEY, i64::MIN);
    let completed: Vec<&Built> = built
        .iter()
        .filter(|b| b.kind == Kind::ModuleCompleted)
        .collect();
    assert_eq!(completed.len(), 1);
    let v = value(completed[0]);
    assert_eq!(v["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
    assert_eq!(
        v["object"]["id"],
        "https://learn.example.org/xapi/activities/tiny-demo/1.0.0/en/module/checking-output"
    );
    assert_eq!(
        v["object"]["definition"]["type"],
        "http://adlnet.gov/expapi/activities/module"
    );
    assert_eq!(
        v["timestamp"],
        iso_timestamp(pass_at),
        "completed when its last item was done"
    );
    assert_eq!(
        v["context"]["contextActivities"]["parent"][0]["id"],
        "https://learn.example.org/xapi/activities/tiny-demo/1.0.0/en/track/basics"
    );
}

#[test]
fn a_statement_carries_actor_names_grouping_and_extensions() {
    let pack = pack();
    let zh = chinese_edition(&pack);
    let progress = progress(&pack);
    let certs = certificates(&pack, &progress);
    let learner = learner();
    let built = statements(
        Records {
            pack: &pack,
            editions: &[&pack, &zh],
            progress: &progress,
            certificates: &certs,
            site_origin: ORIGIN,
        },
        Sender {
            learner: &learner,
            key: KEY,
            home_page: HOME,
        },
        &Vocabulary::new(BASE),
        i64::MIN,
    );
    let unit = value(&built[0]);
    assert_eq!(
        unit,
        json!({
            "id": built[0].id,
            "actor": {
                "objectType": "Agent",
                "name": "Ada Lovelace",
                "account": { "homePage": HOME, "name": "ada.lovelace" }
            },
            "verb": {
                "id": "http://adlnet.gov/expapi/verbs/completed",
                "display": { "en-US": "completed", "zh-CN": "完成了" }
            },
            "object": {
                "objectType": "Activity",
                "id": "https://learn.example.org/xapi/activities/tiny-demo/1.0.0/en/unit/checking-output-why",
                "definition": {
                    "type": "http://adlnet.gov/expapi/activities/lesson",
                    "name": { "en": "Fluent is not the same as right", "zh-CN": "流畅不等于正确" }
                }
            },
            "result": { "completion": true },
            "context": {
                "revision": "1.0.0",
                "platform": "Fluency",
                "language": "en",
                "contextActivities": {
                    "parent": [{ "objectType": "Activity", "id": "https://learn.example.org/xapi/activities/tiny-demo/1.0.0/en/module/checking-output" }],
                    "grouping": [
                        { "objectType": "Activity", "id": "https://learn.example.org/xapi/activities/tiny-demo/unit/checking-output-why" },
                        { "objectType": "Activity", "id": "https://learn.example.org/xapi/activities/tiny-demo" }
                    ]
                },
                "extensions": {
                    "https://learn.example.org/xapi/extensions/learner-key": KEY,
                    "https://learn.example.org/xapi/extensions/team": "Support"
                }
            },
            "timestamp": "2026-12-01T09:00:00.000Z"
        })
    );
    let check = value(&built[2]);
    assert_eq!(
        check["object"]["definition"]["name"]["zh-CN"],
        "知识检查：检查 AI 输出"
    );
    assert_eq!(
        check["result"]["score"],
        json!({"scaled": 1.0, "raw": 5, "min": 0, "max": 5})
    );
    let certificate = value(built.last().unwrap());
    let ext = &certificate["result"]["extensions"];
    let link = ext["https://learn.example.org/xapi/extensions/verify-link"]
        .as_str()
        .unwrap();
    assert_eq!(
        link,
        format!("{ORIGIN}/verify#{}", certs.issued[0].to_fragment())
    );
    assert_eq!(
        ext["https://learn.example.org/xapi/extensions/certificate-id"],
        "cert-1"
    );
    assert_eq!(
        parse_timestamp(
            ext["https://learn.example.org/xapi/extensions/expires"]
                .as_str()
                .unwrap()
        ),
        Some(certs.issued[0].claims.expires_at)
    );

    // Identified by e-mail, without a name or team, when the learner chooses so.
    let by_mail = Learner {
        identity: Identity::Email {
            address: "ada@example.org".into(),
        },
        display_name: String::new(),
        team: String::new(),
    };
    let built = statements(
        Records {
            pack: &pack,
            editions: &[],
            progress: &progress,
            certificates: &certs,
            site_origin: ORIGIN,
        },
        Sender {
            learner: &by_mail,
            key: KEY,
            home_page: HOME,
        },
        &Vocabulary::new(BASE),
        i64::MIN,
    );
    let v = value(&built[0]);
    assert_eq!(
        v["actor"],
        json!({"objectType": "Agent", "mbox": "mailto:ada@example.org"})
    );
    assert!(v["context"]["extensions"]
        .get("https://learn.example.org/xapi/extensions/team")
        .is_none());
}

#[test]
fn ids_are_deterministic_per_learner_and_record() {
    let pack = pack();
    let progress = progress(&pack);
    let certs = certificates(&pack, &progress);
    let first = build(&pack, &progress, &certs, KEY, i64::MIN);
    let again = build(&pack, &progress, &certs, KEY, i64::MIN);
    assert_eq!(first, again, "building again gives the same statements");
    let ids: std::collections::BTreeSet<&str> = first.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), first.len(), "every record has its own id");
    let other = build(
        &pack,
        &progress,
        &certs,
        "did:key:z6MkSomeoneElse",
        i64::MIN,
    );
    assert!(
        other.iter().all(|b| !ids.contains(b.id.as_str())),
        "another learner's ids differ"
    );
    // The id names the record, not the pack version: a new version does not resend old records.
    let mut newer = pack.clone();
    newer.version = "1.1.0".into();
    let rebuilt = build(&newer, &progress, &certs, KEY, i64::MIN);
    assert_eq!(
        rebuilt.iter().map(|b| &b.id).collect::<Vec<_>>(),
        first.iter().map(|b| &b.id).collect::<Vec<_>>()
    );
    assert_eq!(
        first[0].id,
        statement_uuid(&format!("{KEY}\nunit\ntiny-demo\nchecking-output-why"))
    );
}

#[test]
fn scores_are_scaled_between_0_and_1() {
    let cases = [
        (0, 5, 0.0),
        (3, 5, 0.6),
        (5, 5, 1.0),
        (7, 9, 7.0 / 9.0),
        (0, 0, 0.0),
        (6, 5, 1.0),
    ];
    for (correct, total, scaled) in cases {
        let score = statement::Score::of(correct, total);
        assert_eq!(score.scaled, scaled, "{correct}/{total}");
        assert!(score.raw <= score.max && score.min == 0);
    }
}

#[test]
fn only_records_made_since_consent_are_built() {
    let pack = pack();
    let progress = progress(&pack);
    let certs = certificates(&pack, &progress);
    let since = T0 + 4 * HOUR;
    let kinds: Vec<Kind> = build(&pack, &progress, &certs, KEY, since)
        .iter()
        .map(|b| b.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            Kind::UnitCompleted,
            Kind::FinalResult,
            Kind::CertificateIssued
        ]
    );
    assert!(build(&pack, &progress, &certs, KEY, T0 + 100 * HOUR).is_empty());
}

#[test]
fn the_consent_screen_has_one_example_of_every_kind() {
    let pack = pack();
    let learner = learner();
    let sender = Sender {
        learner: &learner,
        key: KEY,
        home_page: HOME,
    };
    let built = examples(&pack, sender, &Vocabulary::new(BASE), ORIGIN, T0);
    assert_eq!(built.iter().map(|b| b.kind).collect::<Vec<_>>(), Kind::ALL);
    assert!(built
        .iter()
        .all(|b| b.statement.actor.account.as_ref().unwrap().name == "ada.lovelace"));
}

fn built_pair() -> (Vec<Built>, Vec<Built>) {
    let pack = pack();
    let progress = progress(&pack);
    let certs = certificates(&pack, &progress);
    let all = build(&pack, &progress, &certs, KEY, i64::MIN);
    let (a, b) = all.split_at(3);
    (a.to_vec(), b.to_vec())
}

#[test]
fn the_outbox_queues_once_and_sends_oldest_first_in_batches() {
    let (first, rest) = built_pair();
    let mut outbox = Outbox::default();
    assert_eq!(outbox.enqueue(first.clone(), 10), 3);
    assert_eq!(outbox.enqueue(first.clone(), 11), 0, "already queued");
    assert_eq!(outbox.enqueue(rest.clone(), 12), rest.len());
    let order: Vec<String> = first.iter().chain(&rest).map(|b| b.id.clone()).collect();
    assert_eq!(outbox.next_batch(BATCH), order);
    assert_eq!(outbox.next_batch(2), order[..2]);
    let body: Vec<Value> = serde_json::from_str(&outbox.body(&order[..2])).unwrap();
    assert_eq!(body, vec![value(&first[0]), value(&first[1])]);

    outbox.mark_delivered(&order[..2], 20);
    assert_eq!(
        outbox.enqueue(first.clone(), 21),
        0,
        "delivered ids are never queued again"
    );
    assert_eq!(outbox.next_batch(BATCH), order[2..]);
    outbox.hold(&order[2], 400, "bad statement", 22);
    assert_eq!(outbox.next_batch(BATCH), order[3..], "held statements wait");
    assert_eq!(outbox.held().len(), 1);
    let summary = outbox.summary();
    assert_eq!(
        (
            summary.waiting,
            summary.held,
            summary.delivered,
            summary.last_success
        ),
        (order.len() - 2, 1, 2, Some(20))
    );
    outbox.release_held();
    assert_eq!(outbox.next_batch(BATCH), order[2..]);
    assert_eq!(outbox.clear_queue(30), order.len() - 2);
    assert!(outbox.next_batch(BATCH).is_empty());
}

#[test]
fn two_copies_of_the_outbox_merge_record_by_record() {
    let (first, rest) = built_pair();
    let mut a = Outbox::default();
    a.enqueue(first.clone(), 10);
    let mut b = Outbox::default();
    b.enqueue(first[1..].to_vec(), 11);
    b.enqueue(rest.clone(), 11);
    b.mark_delivered(&[first[1].id.clone()], 15);
    let mut c = a.clone();
    c.hold(&first[0].id, 422, "no", 16);
    let mut cleared = b.clone();
    cleared.clear_queue(12);
    let mut later = Outbox::default();
    later.enqueue(first.clone(), 13);

    let copies = [
        Outbox::default(),
        a.clone(),
        b.clone(),
        c.clone(),
        cleared.clone(),
        later.clone(),
    ];
    for x in &copies {
        assert_eq!(x.merge(x), *x, "idempotent");
        for y in &copies {
            assert_eq!(x.merge(y), y.merge(x), "commutative");
            for z in &copies {
                assert_eq!(x.merge(y).merge(z), x.merge(&y.merge(z)), "associative");
            }
        }
    }
    let ab = a.merge(&b);
    assert!(
        !ab.queued.contains_key(&first[1].id),
        "delivered in one tab means delivered"
    );
    assert!(
        ab.queued.contains_key(&first[0].id) && ab.queued.contains_key(&rest[0].id),
        "nothing queued is lost"
    );
    assert_eq!(ab.last_success, Some(15));
    assert!(
        a.merge(&cleared).queued.is_empty(),
        "what was queued before the learner stopped stays dropped"
    );
    assert_eq!(
        later.merge(&cleared).queued.len(),
        first.len() - 1,
        "what was queued after stays (but for the one delivered)"
    );
    assert!(
        a.merge(&c).queued[&first[0].id].held.is_some(),
        "a hold is kept"
    );
}

#[test]
fn a_lease_lets_one_tab_send_at_a_time() {
    let mut outbox = Outbox::default();
    // (tab, now, claimed)
    let steps = [
        ("a", 0, true),
        ("b", 1, false),
        ("a", 10, true),
        ("b", 10 + LEASE_MS - 1, false),
        ("b", 10 + LEASE_MS, true),
        ("a", 10 + LEASE_MS + 1, false),
    ];
    for (tab, now, claimed) in steps {
        assert_eq!(outbox.claim(tab, now), claimed, "{tab} at {now}");
        assert_eq!(outbox.holds_lease(tab, now), claimed);
    }
    outbox.release_lease("b");
    assert!(outbox.claim("a", 10 + LEASE_MS + 2));

    // Two tabs claim at the same moment from the same stored copy: the stored merge names one.
    let stored = Outbox::default();
    let (mut x, mut y) = (stored.clone(), stored.clone());
    assert!(x.claim("tab-x", 100) && y.claim("tab-y", 100));
    let settled = stored.merge(&x).merge(&y);
    assert_eq!(settled, stored.merge(&y).merge(&x));
    assert!(settled.holds_lease("tab-x", 101) != settled.holds_lease("tab-y", 101));
}

#[test]
fn backoff_doubles_to_a_cap_with_bounded_jitter() {
    let cases = [
        (1, 0.0, 2_000),
        (2, 0.0, 4_000),
        (3, 0.0, 8_000),
        (8, 0.0, 256_000),
        (9, 0.0, 300_000),
        (50, 0.0, 300_000),
        (1, 0.5, 2_200),
        (9, 0.99, 359_400),
    ];
    for (failures, jitter, want) in cases {
        assert_eq!(
            backoff(failures, jitter),
            want,
            "{failures} failures, jitter {jitter}"
        );
    }
}

#[test]
fn answers_to_a_post_are_sorted_into_what_to_do() {
    let answer = |status: u16, body: &str| Reply::Answered {
        status,
        body: body.into(),
    };
    let hold = |status, message: &str| Outcome::Hold {
        status,
        message: message.into(),
    };
    let cases = [
        (answer(200, r#"["id"]"#), 3, Outcome::Delivered),
        (answer(204, ""), 1, Outcome::Delivered),
        (
            answer(
                409,
                r#"{"detail":"Differing statements already exist with the same ID: x"}"#,
            ),
            1,
            Outcome::Delivered,
        ),
        (answer(409, ""), 4, Outcome::Split),
        (
            answer(
                400,
                r#"{"detail":"Duplicate statement IDs in the list of statements"}"#,
            ),
            2,
            Outcome::Split,
        ),
        (answer(400, r#"{"detail":"bad"}"#), 1, hold(400, "bad")),
        (
            answer(
                422,
                r#"{"detail":[{"msg":"Field required","loc":["body",0,"verb"]}]}"#,
            ),
            1,
            hold(422, "Field required (0.verb)"),
        ),
        (answer(413, ""), 2, Outcome::Split),
        (answer(413, ""), 1, hold(413, "Payload Too Large")),
        (
            answer(401, r#"{"detail":"Invalid authentication credentials"}"#),
            1,
            Outcome::Stop(Stop::Credentials {
                status: 401,
                message: "Invalid authentication credentials".into(),
            }),
        ),
        (
            answer(403, ""),
            5,
            Outcome::Stop(Stop::Credentials {
                status: 403,
                message: "Forbidden".into(),
            }),
        ),
        (
            answer(404, r#"{"detail":"Not Found"}"#),
            1,
            Outcome::Stop(Stop::Address {
                status: 404,
                message: "Not Found".into(),
            }),
        ),
        (answer(408, ""), 1, Outcome::Retry),
        (answer(429, ""), 1, Outcome::Retry),
        (answer(500, ""), 1, Outcome::Retry),
        (answer(503, "<html>down</html>"), 9, Outcome::Retry),
        (Reply::NetworkFailed, 1, Outcome::Retry),
        (Reply::TimedOut, 1, Outcome::Retry),
        (Reply::BlockedByPolicy, 1, Outcome::Stop(Stop::Blocked)),
    ];
    for (reply, batch, want) in cases {
        assert_eq!(classify_post(&reply, batch), want, "{reply:?} for {batch}");
    }
}

#[test]
fn the_lrs_message_is_short_and_readable() {
    let cases = [
        (
            r#"{"detail":"Invalid authentication credentials"}"#,
            401,
            "Invalid authentication credentials",
        ),
        (
            r#"{"detail":[{"msg":"a","loc":["body","x"]},{"msg":"b","loc":[]}]}"#,
            422,
            "a (x); b",
        ),
        (
            r#"{"message":"Unauthorized client"}"#,
            401,
            "Unauthorized client",
        ),
        (r#"{"error":"bad_request"}"#, 400, "bad_request"),
        ("Statement is invalid\n", 400, "Statement is invalid"),
        ("<html><body>nginx</body></html>", 502, "Bad Gateway"),
        ("", 404, "Not Found"),
        (r#"{"other":1}"#, 418, "no explanation given"),
    ];
    for (body, status, want) in cases {
        assert_eq!(lrs_message(body, status), want, "{body}");
    }
    assert_eq!(lrs_message(&"x".repeat(1000), 400).len(), 300);
}

#[test]
fn reads_name_their_failure() {
    let cases = [
        (
            Reply::Answered {
                status: 200,
                body: "{}".into(),
            },
            Ok("{}".to_owned()),
        ),
        (
            Reply::Answered {
                status: 401,
                body: r#"{"detail":"Invalid authentication credentials"}"#.into(),
            },
            Err(ReadError::Credentials {
                status: 401,
                message: "Invalid authentication credentials".into(),
            }),
        ),
        (
            Reply::Answered {
                status: 500,
                body: String::new(),
            },
            Err(ReadError::Failed {
                status: 500,
                message: "Internal Server Error".into(),
            }),
        ),
        (Reply::NetworkFailed, Err(ReadError::Unreachable)),
        (Reply::BlockedByPolicy, Err(ReadError::Blocked)),
    ];
    for (reply, want) in cases {
        assert_eq!(read_body(reply.clone()), want, "{reply:?}");
    }
}

#[test]
fn queries_and_more_links_stay_with_the_lrs() {
    let endpoint = Endpoint::parse("https://lrs.example.org/xAPI/").unwrap();
    let query = Query {
        activity: "https://learn.example.org/xapi/activities/tiny-demo".into(),
        since: Some(T0),
        until: None,
        limit: 500,
    };
    assert_eq!(
        query.url(&endpoint),
        "https://lrs.example.org/xAPI/statements?activity=https%3A%2F%2Flearn.example.org%2Fxapi%2Factivities%2Ftiny-demo&related_activities=true&limit=500&since=2026-12-01T09%3A00%3A00.000Z"
    );
    let cases = [
        (
            "/xAPI/statements?search_after=x&limit=500",
            Ok("https://lrs.example.org/xAPI/statements?search_after=x&limit=500".to_owned()),
        ),
        (
            "https://lrs.example.org/xAPI/statements?p=2",
            Ok("https://lrs.example.org/xAPI/statements?p=2".to_owned()),
        ),
        (
            "HTTPS://LRS.example.org/xAPI/statements",
            Ok("HTTPS://LRS.example.org/xAPI/statements".to_owned()),
        ),
        ("https://evil.example/steal", Err(())),
        ("//evil.example/steal", Err(())),
        ("https://lrs.example.org.evil.example/x", Err(())),
        ("https://lrs.example.org@evil.example/x", Err(())),
    ];
    for (more, want) in cases {
        let got = resolve_more(&endpoint, more)
            .map_err(|e| assert!(matches!(e, ReadError::ForeignMore(_))));
        assert_eq!(got, want, "{more}");
    }
}

/// Wraps statements as the LRS returns them (with `stored` and `authority`), `per_page` a page.
fn pages(built: &[Built], per_page: usize) -> Vec<String> {
    let chunks: Vec<&[Built]> = built.chunks(per_page).collect();
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let statements: Vec<Value> = chunk
                .iter()
                .map(|b| {
                    let mut v = value(b);
                    v["stored"] = json!("2026-12-02T00:00:00+00:00");
                    v["authority"] =
                        json!({"objectType": "Agent", "mbox": "mailto:lrs@example.org"});
                    v
                })
                .collect();
            let mut page = json!({ "statements": statements });
            if i + 1 < chunks.len() {
                page["more"] = json!(format!("/xAPI/statements?page={}", i + 1));
            }
            page.to_string()
        })
        .collect()
}

#[test]
fn statements_from_the_lrs_add_up_to_the_same_report_as_a_file() {
    let pack = pack();
    let mut progress = progress(&pack);
    progress.record_attempt(
        &scenario_key(&pack.tracks[0].modules[0].scenarios[0].id),
        attempt("s2", T0 + 7 * HOUR, 4, 4),
    );
    let certs = certificates(&pack, &progress);
    let mut built = build(&pack, &progress, &certs, KEY, i64::MIN);
    // A second learner, by e-mail, with one unit.
    let mut other = Progress::new(&pack);
    other.complete_unit("sources-where", T0 + HOUR);
    let bob = Learner {
        identity: Identity::Email {
            address: "bob@example.org".into(),
        },
        display_name: String::new(),
        team: String::new(),
    };
    built.extend(statements(
        Records {
            pack: &pack,
            editions: &[],
            progress: &other,
            certificates: &Certificates::default(),
            site_origin: ORIGIN,
        },
        Sender {
            learner: &bob,
            key: "did:key:z6MkBob",
            home_page: HOME,
        },
        &Vocabulary::new(BASE),
        i64::MIN,
    ));
    let mut load = TeamLoad::new(Vocabulary::new(BASE), &pack.id, None, None);
    let mut more = Vec::new();
    for page in pages(&built, 4) {
        more.push(load.add_page(&page).unwrap());
    }
    assert_eq!(more.last(), Some(&None), "the last page has no more link");
    assert_eq!(more[0].as_deref(), Some("/xAPI/statements?page=1"));
    assert_eq!(load.counts.statements, built.len());
    assert_eq!(load.counts.used, built.len());
    assert_eq!(load.learner_count(), 2);

    let reports = load.reports(&pack);
    let latest = built
        .iter()
        .filter(|b| b.statement.actor.account.is_some())
        .map(|b| b.at)
        .max()
        .unwrap();
    let mut expected = Report::build(
        &pack,
        &progress,
        &certs,
        &Sharer {
            name: "Ada Lovelace".into(),
            team: "Support".into(),
            email: String::new(),
        },
        latest,
    );
    expected.learner = KEY.into();
    let ada = reports.iter().find(|r| r.learner == KEY).unwrap();
    assert_eq!(
        (
            &ada.modules,
            &ada.tracks,
            &ada.certificates,
            ada.last_activity,
            &ada.name,
            &ada.team,
            ada.produced_at
        ),
        (
            &expected.modules,
            &expected.tracks,
            &expected.certificates,
            expected.last_activity,
            &expected.name,
            &expected.team,
            expected.produced_at
        )
    );
    let bob = reports
        .iter()
        .find(|r| r.learner == "did:key:z6MkBob")
        .unwrap();
    assert_eq!(
        (bob.name.as_str(), bob.email.as_deref()),
        ("bob@example.org", Some("bob@example.org"))
    );

    // Into the team, with the source kept on each row.
    let mut team = Team::default();
    let mut importer = Importer::new(&mut team, T0 + 8 * HOUR);
    for report in &reports {
        importer.import_from(report, Source::Lrs);
    }
    let rows = team.rows(&pack, T0 + 8 * HOUR, &crate::domain::calendar::UTC);
    assert!(rows.iter().all(|r| r.source == Source::Lrs));
    assert_eq!(
        rows.iter().find(|r| r.key == KEY).unwrap().percent,
        66,
        "4 of the track's 6 items"
    );
}

#[test]
fn statements_outside_the_pack_or_range_are_left_out() {
    let pack = pack();
    let progress = progress(&pack);
    let built = build(&pack, &progress, &Certificates::default(), KEY, i64::MIN);
    let mut statements: Vec<Value> = built.iter().map(value).collect();
    // Another tool's statement, another pack's, and one without a timestamp.
    statements.push(json!({"id": "x", "actor": {"mbox": "mailto:a@b.c"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}, "object": {"id": "https://elsewhere.example/course"}, "timestamp": "2026-12-01T09:00:00Z"}));
    let mut other_pack = value(&built[0]);
    other_pack["context"]["contextActivities"]["grouping"] =
        json!([{"id": "https://learn.example.org/xapi/activities/other-pack/unit/u1"}]);
    statements.push(other_pack);
    let mut untimed = value(&built[0]);
    untimed.as_object_mut().unwrap().remove("timestamp");
    statements.push(untimed);
    // xAPI 1.0.0's single grouping activity is still understood.
    let mut single = value(&built[0]);
    single["context"]["contextActivities"]["grouping"] = json!({"id": "https://learn.example.org/xapi/activities/tiny-demo/unit/checking-output-how"});
    statements.push(single);
    let page = json!({ "statements": statements, "more": "" }).to_string();

    let mut load = TeamLoad::new(Vocabulary::new(BASE), &pack.id, None, None);
    assert_eq!(
        load.add_page(&page).unwrap(),
        None,
        "an empty more link means no more"
    );
    assert_eq!(
        (load.counts.statements, load.counts.used),
        (built.len() + 4, built.len() + 1)
    );

    // A date range: only what happened after T0 + 1h and up to T0 + 3h.
    let mut ranged = TeamLoad::new(
        Vocabulary::new(BASE),
        &pack.id,
        Some(T0 + HOUR),
        Some(T0 + 3 * HOUR),
    );
    ranged.add_page(&page).unwrap();
    assert_eq!(ranged.counts.used, 2, "the passing check and the scenario");

    let mut broken = TeamLoad::new(Vocabulary::new(BASE), &pack.id, None, None);
    assert!(matches!(
        broken.add_page("{\"statements\": 3}"),
        Err(ReadError::Malformed(_))
    ));
    assert!(matches!(
        broken.add_page("<html>"),
        Err(ReadError::Malformed(_))
    ));
}

#[test]
fn summaries_stored_before_sources_existed_read_as_files() {
    let member: crate::domain::team::Member = serde_json::from_str(r#"{"n":"Ada","p":1}"#).unwrap();
    assert_eq!(member.source, Source::File);
    let text = serde_json::to_string(&member).unwrap();
    assert!(
        !text.contains("\"s\""),
        "files keep the stored form unchanged: {text}"
    );
    let lrs = crate::domain::team::Member {
        source: Source::Lrs,
        ..member
    };
    assert!(serde_json::to_string(&lrs).unwrap().contains(r#""s":"l""#));
}

#[test]
fn the_meta_policy_says_whether_the_lrs_may_be_reached() {
    use super::config::policy_allows_connect;
    let strict = "default-src 'none'; script-src 'self'; connect-src 'self'";
    let page = "http://127.0.0.1:8092";
    let cases = [
        (strict, "http://127.0.0.1:8102", false),
        (strict, "http://127.0.0.1:8092", true),
        (
            "default-src 'none'; connect-src 'self' http://127.0.0.1:8102",
            "http://127.0.0.1:8102",
            true,
        ),
        (
            "connect-src 'self' https://lrs.example.org",
            "https://lrs.example.org",
            true,
        ),
        (
            "connect-src 'self' https://lrs.example.org",
            "https://lrs.example.org:8443",
            false,
        ),
        (
            "connect-src https://*.example.org",
            "https://lrs.example.org",
            true,
        ),
        (
            "connect-src https://*.example.org",
            "https://example.org",
            false,
        ),
        (
            "connect-src lrs.example.org:*",
            "https://lrs.example.org:8443",
            true,
        ),
        ("connect-src https:", "https://anything.example", true),
        ("connect-src *", "https://anything.example", true),
        ("connect-src 'none'", "https://lrs.example.org", false),
        ("default-src 'self'", "https://lrs.example.org", false),
        ("script-src 'self'", "https://lrs.example.org", true),
        ("", "https://lrs.example.org", true),
    ];
    for (policy, target, want) in cases {
        assert_eq!(
            policy_allows_connect(policy, target, page),
            want,
            "{policy} → {target}"
        );
    }
}

#[test]
fn json_is_laid_out_for_people_and_keeps_its_meaning() {
    let compact = r#"{"a":[1,{"b":"x, \"y\": {z}"}],"c":{},"d":[]}"#;
    let pretty = pretty_json(compact);
    assert_eq!(
        pretty,
        "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x, \\\"y\\\": {z}\"\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}"
    );
    let a: Value = serde_json::from_str(compact).unwrap();
    let b: Value = serde_json::from_str(&pretty).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_shell_sees_a_decision_to_send_without_decoding_it() {
    use super::consent::stored_as_given;
    let given = Consent {
        decision: Some(Decision::Given {
            at: 1,
            endpoint: "e".into(),
            organisation: "o".into(),
            learner: learner(),
            since: 1,
        }),
    };
    let stopped = Consent {
        decision: Some(Decision::Stopped {
            at: 2,
            endpoint: "e".into(),
        }),
    };
    use crate::domain::schema::encode;
    assert!(stored_as_given(&encode(&given)));
    assert!(!stored_as_given(&encode(&stopped)));
    assert!(!stored_as_given(&encode(&Consent::default())));
    assert!(!stored_as_given("not json"));
}
