//! Beneficiaries (issue 5, ARCHITECTURE.md invariant 5), on SQLite and
//! PostgreSQL: personal details are sealed at rest and found again only by
//! the center's owners and managers, every opening audited; audit records
//! name changed fields, never values; duplicates are found by keyed hashes
//! within a center; staff of another center see and change nothing; and
//! the privacy canary: with marker strings as names and national ids,
//! no public page, API answer or hydration payload carries any of them,
//! and counts follow the small-cell rule.

use crate::common;

use common::fixtures;

use common::Backend;
use nikoo_domain::beneficiaries;
use nikoo_domain::entities::codes::CenterRole;
use nikoo_domain::entities::{audit_record, beneficiary, center, need, program};
use nikoo_domain::sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use nikoo_domain::{Clock, DomainError};
use nikoo_types::beneficiaries::BeneficiaryForm;

on_both_backends!(
    records_are_sealed_private_and_audited,
    the_public_sees_counts_only_never_a_name,
);

/// A valid national id whose first nine digits are `nine` (its check digit computed).
fn national_id(nine: &str) -> String {
    let d: Vec<u32> = nine.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = d.iter().enumerate().map(|(i, x)| x * (10 - i as u32)).sum();
    let r = sum % 11;
    format!("{nine}{}", if r < 2 { r } else { 11 - r })
}

fn form(c: &center::Model, name: &str, id: &str, phone: &str) -> BeneficiaryForm {
    BeneficiaryForm {
        household_size: "۴".into(),
        county: c.county_code.clone(),
        categories: vec!["food_essentials".into(), "housing_heating".into()],
        consent_on: "1404/09/01".into(),
        consent_scope: "نگهداری پرونده برای پیگیری کمک‌ها".into(),
        name: name.into(),
        national_id: id.into(),
        phone: phone.into(),
        address: format!("{name} address"),
        notes: format!("{name} notes"),
    }
}

fn field(e: DomainError) -> String {
    match e {
        DomainError::Invalid(f) => format!("{}.{}", f.field, f.code),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// What the beneficiary and audit tables hold, as text (each row's every
/// column; the sealed bytes as they are), to look for plaintext at rest.
async fn everything_stored(db: &DatabaseConnection) -> String {
    let mut all = String::new();
    for b in beneficiary::Entity::find().all(db).await.unwrap() {
        all.push_str(&format!("{b:?}\n"));
        all.push_str(&String::from_utf8_lossy(&b.details_ciphertext));
        all.push_str(&String::from_utf8_lossy(&b.details_nonce));
    }
    for r in audit_record::Entity::find().all(db).await.unwrap() {
        all.push_str(&format!("{r:?}\n"));
    }
    all
}

async fn records_are_sealed_private_and_audited(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let keys = nikoo_server::settings::Settings::for_tests("x").data_keys;
    let now = app.clock.now();
    let (a, b) = fixtures::two_centers(db).await;
    let manager = fixtures::staff(&app, "manager@b.example", a.id, CenterRole::Manager).await;
    let coordinator = fixtures::staff(&app, "coord@b.example", a.id, CenterRole::Coordinator).await;
    let outsider = fixtures::staff(&app, "owner@b.example", b.id, CenterRole::Owner).await;
    let (name, id) = ("MARKER-NAME-Zohreh-5501", national_id("005500123"));
    let f = form(&a, name, &id, "۰۹۱۲ ۱۱۱ ۲۲۳۳");

    // Who may record: the center's owners and managers.
    for who in [&coordinator, &outsider] {
        assert!(matches!(
            beneficiaries::create(db, &keys, now, Some(who), a.id, &f).await,
            Err(DomainError::Forbidden)
        ));
    }
    // Bad input changes nothing.
    let before = beneficiary::Entity::find().count(db).await.unwrap();
    for (bad, want) in [
        (
            BeneficiaryForm {
                household_size: "0".into(),
                ..f.clone()
            },
            "household_size.out_of_range",
        ),
        (
            BeneficiaryForm {
                national_id: "0012345675".into(),
                ..f.clone()
            },
            "national_id.invalid",
        ),
        (
            BeneficiaryForm {
                phone: "021-555".into(),
                ..f.clone()
            },
            "phone.invalid",
        ),
        (
            BeneficiaryForm {
                consent_on: String::new(),
                ..f.clone()
            },
            "consent_on.required",
        ),
        (
            BeneficiaryForm {
                consent_on: "2026-01-01".into(),
                ..f.clone()
            },
            "consent_on.in_future",
        ),
        (
            BeneficiaryForm {
                name: " ".into(),
                ..f.clone()
            },
            "name.required",
        ),
        (
            BeneficiaryForm {
                county: "nowhere".into(),
                ..f.clone()
            },
            "county.unknown_code",
        ),
        (
            BeneficiaryForm {
                categories: vec!["magic".into()],
                ..f.clone()
            },
            "categories.unknown_code",
        ),
    ] {
        let e = beneficiaries::create(db, &keys, now, Some(&manager), a.id, &bad)
            .await
            .unwrap_err();
        assert_eq!(field(e), want);
    }
    assert_eq!(beneficiary::Entity::find().count(db).await.unwrap(), before);

    let rec = beneficiaries::create(db, &keys, now, Some(&manager), a.id, &f)
        .await
        .unwrap();
    assert!(rec.code.ends_with("-0001"), "{}", rec.code);
    let second = beneficiaries::create(
        db,
        &keys,
        now,
        Some(&manager),
        a.id,
        &form(&a, "Second", "", "09121112233"),
    )
    .await
    .unwrap();
    assert!(second.code.ends_with("-0002"));
    // At rest: no name, no national id, no phone, in any table.
    let stored = everything_stored(db).await;
    for secret in [name, id.as_str(), "09121112233", "9121112233"] {
        assert!(!stored.contains(secret), "{secret} is stored in the clear");
    }
    // The same national id again is refused; a shared phone is not.
    let again = beneficiaries::create(
        db,
        &keys,
        now,
        Some(&manager),
        a.id,
        &form(&a, "Other", &id, ""),
    )
    .await;
    assert_eq!(field(again.unwrap_err()), "national_id.duplicate");
    let found = beneficiaries::find_duplicates(
        db,
        &keys,
        now,
        Some(&manager),
        a.id,
        "",
        "+98 912 111 2233",
    )
    .await
    .unwrap();
    let codes: Vec<&str> = found.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, vec![rec.code.as_str(), second.code.as_str()]);
    let by_id = beneficiaries::find_duplicates(db, &keys, now, Some(&manager), a.id, &id, "")
        .await
        .unwrap();
    assert_eq!(by_id.len(), 1);
    assert_eq!(by_id[0].matched, "national_id");
    // Another center finds nothing by the same id (its hashes differ), and
    // may not search this one's.
    let b_manager = fixtures::staff(&app, "manager-b@b.example", b.id, CenterRole::Manager).await;
    assert!(
        beneficiaries::find_duplicates(db, &keys, now, Some(&b_manager), b.id, &id, "")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        beneficiaries::find_duplicates(db, &keys, now, Some(&b_manager), a.id, &id, "").await,
        Err(DomainError::Forbidden)
    ));

    // The list: codes for all staff; details for owners and managers only.
    let list = beneficiaries::page(db, now, Some(&coordinator), a.id, 1)
        .await
        .unwrap();
    assert!(!list.can_manage);
    assert_eq!(list.rows.len(), 2);
    assert!(!format!("{:?}", serde_json::to_string(&list).unwrap()).contains(name));
    assert!(matches!(
        beneficiaries::page(db, now, Some(&outsider), a.id, 1).await,
        Err(DomainError::NotFound)
    ));
    for who in [&coordinator, &outsider] {
        assert!(matches!(
            beneficiaries::record(db, &keys, now, Some(who), a.id, rec.id).await,
            Err(DomainError::NotFound)
        ));
    }
    let reads_before = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("beneficiary.read"))
        .count(db)
        .await
        .unwrap();
    let opened = beneficiaries::record(db, &keys, now, Some(&manager), a.id, rec.id)
        .await
        .unwrap();
    assert_eq!(opened.details.name, name);
    assert_eq!(opened.details.national_id, id);
    assert_eq!(opened.details.phone, "09121112233");
    let reads = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("beneficiary.read"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(reads.len() as u64, reads_before + 1, "the read is audited");
    let last = reads.last().unwrap();
    assert_eq!(
        (last.actor_user_id, last.object_id.as_str()),
        (Some(manager.user_id), rec.id.to_string().as_str())
    );
    // Another key cannot open it.
    let stranger_keys = nikoo_domain::beneficiaries::personal_data::DataKeys::from_master(&[9; 32]);
    assert!(
        beneficiaries::record(db, &stranger_keys, now, Some(&manager), a.id, rec.id)
            .await
            .is_err()
    );

    // A change is audited by the fields it changed, never their values.
    let changed = BeneficiaryForm {
        phone: "09351234567".into(),
        notes: "NEW-NOTE-MARKER".into(),
        ..f.clone()
    };
    assert!(matches!(
        beneficiaries::update(db, &keys, now, Some(&outsider), a.id, rec.id, &changed).await,
        Err(DomainError::Forbidden)
    ));
    beneficiaries::update(db, &keys, now, Some(&manager), a.id, rec.id, &changed)
        .await
        .unwrap();
    let update = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("beneficiary.update"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let after: serde_json::Value =
        serde_json::from_str(update.after_json.as_deref().unwrap()).unwrap();
    assert_eq!(
        after["personal_fields_changed"],
        serde_json::json!(["phone", "notes"])
    );
    let log = everything_stored(db).await;
    for secret in [
        name,
        id.as_str(),
        "09351234567",
        "NEW-NOTE-MARKER",
        "09121112233",
    ] {
        assert!(!log.contains(secret), "{secret} is in the audit log");
    }

    // Links: to the center's own needs only.
    let own_need = need::Entity::find()
        .filter(
            need::Column::ProgramId.in_subquery(
                nikoo_domain::sea_orm::sea_query::Query::select()
                    .column(program::Column::Id)
                    .from(program::Entity)
                    .and_where(program::Column::CenterId.eq(a.id))
                    .to_owned(),
            ),
        )
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let other_need = need::Entity::find()
        .filter(
            need::Column::ProgramId.in_subquery(
                nikoo_domain::sea_orm::sea_query::Query::select()
                    .column(program::Column::Id)
                    .from(program::Entity)
                    .and_where(program::Column::CenterId.eq(b.id))
                    .to_owned(),
            ),
        )
        .one(db)
        .await
        .unwrap()
        .unwrap();
    beneficiaries::link(db, now, Some(&manager), a.id, rec.id, own_need.id, true)
        .await
        .unwrap();
    assert!(matches!(
        beneficiaries::link(db, now, Some(&manager), a.id, rec.id, other_need.id, true).await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        beneficiaries::link(db, now, Some(&outsider), a.id, rec.id, own_need.id, false).await,
        Err(DomainError::Forbidden)
    ));
    let page = beneficiaries::page(db, now, Some(&manager), a.id, 1)
        .await
        .unwrap();
    let row = page.rows.iter().find(|r| r.id == rec.id).unwrap();
    assert_eq!(
        row.needs.iter().map(|n| n.need_id).collect::<Vec<_>>(),
        vec![own_need.id]
    );
}

async fn the_public_sees_counts_only_never_a_name(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let keys = &nikoo_server::settings::Settings::for_tests("x").data_keys;
    let now = app.clock.now();
    let (a, _) = fixtures::two_centers(db).await;
    let manager = fixtures::staff(&app, "manager@c.example", a.id, CenterRole::Manager).await;
    // A public program of the center with two needs.
    let p = nikoo_domain::catalog::visible_programs()
        .filter(program::Column::CenterId.eq(a.id))
        .order_by_asc(program::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.eq(p.id))
        .order_by_asc(need::Column::Id)
        .all(db)
        .await
        .unwrap();
    assert!(needs.len() >= 2, "the demo program has two needs");
    let mut markers = Vec::new();
    for i in 0..12u32 {
        let name = format!("CANARY-NAME-{i:02}-Qx");
        let id = national_id(&format!("{:09}", 771_000_100 + i));
        let phone = format!("0912{:07}", 7_700_000 + i);
        let b = beneficiaries::create(
            db,
            keys,
            now,
            Some(&manager),
            a.id,
            &form(&a, &name, &id, &phone),
        )
        .await
        .unwrap();
        let target = if i < 11 { needs[0].id } else { needs[1].id };
        beneficiaries::link(db, now, Some(&manager), a.id, b.id, target, true)
            .await
            .unwrap();
        markers.extend([name, id, phone, b.code]);
    }

    // Every public page, in both languages (HTML with its hydration
    // payload), the API and the public server functions.
    let mut public = Vec::new();
    for lang in ["fa", "en"] {
        for path in [
            format!("/{lang}/"),
            format!("/{lang}/programs?per_page=100"),
            format!("/{lang}/programs/{}", p.slug),
            format!("/{lang}/centers/{}", a.slug),
            format!("/{lang}/give/{}", p.slug),
        ] {
            public.push((path.clone(), app.text(&path, 200).await));
        }
    }
    for path in [
        "/api/v1/programs?per_page=100".to_owned(),
        format!("/api/v1/programs/{}", p.slug),
        format!("/api/v1/centers/{}", a.slug),
    ] {
        public.push((path.clone(), app.text(&path, 200).await));
    }
    for (endpoint, arg) in [
        ("program", ("slug", p.slug.clone())),
        ("center", ("slug", a.slug.clone())),
        ("overview", ("x", String::new())),
    ] {
        let r = app
            .http
            .post(app.url(&format!("/_sfn/{endpoint}")))
            .form(&[arg])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{endpoint}");
        public.push((endpoint.to_owned(), r.text().await.unwrap()));
    }
    for (path, body) in &public {
        for m in &markers {
            assert!(!body.contains(m.as_str()), "{m} on {path}");
        }
    }

    // Counts: 11 + 1 households in a program of 12; the 1 reads "fewer
    // than 10", and the 11 is hidden with it (else 12 − 11 would give it away).
    let v = app.json(&format!("/api/v1/programs/{}", p.slug), 200).await;
    assert_eq!(v["served"]["households"], serde_json::json!({"exact": 12}));
    assert_eq!(v["served"]["people"], serde_json::json!({"exact": 48}));
    let served = |id: i32| {
        v["needs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()["served"]
            .clone()
    };
    assert_eq!(served(needs[1].id)["households"], "fewer_than_10");
    assert_eq!(served(needs[0].id)["households"], "suppressed");
    assert_eq!(served(needs[0].id)["people"], "suppressed");
    let c = app.json(&format!("/api/v1/centers/{}", a.slug), 200).await;
    assert_eq!(c["served"]["households"], serde_json::json!({"exact": 12}));
    let page = app.text(&format!("/fa/programs/{}", p.slug), 200).await;
    assert!(page.contains("کمتر از ۱۰") && page.contains("محرمانه"));
    assert!(
        page.contains(r#"class="served""#),
        "the program's households line"
    );
    // A program nobody is linked to says nothing of households served
    // (no zero beside the households its deliveries name).
    let other = app.text("/en/programs/beekeeping-ijrud", 200).await;
    assert!(!other.contains(r#"class="served""#));
    assert!(!other.contains(r#"<dd class="households""#));
}
