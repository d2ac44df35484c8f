//! Imports (issue 5), on SQLite and PostgreSQL: a file with one bad row
//! imports nothing and reports that row; the corrected file imports
//! everything in one go; importing it again adds nothing; two equal rows
//! stay two; beneficiaries come from an XLSX file with Persian headers,
//! their details sealed, a repeated national id refused; who may import
//! what is the policy's.

use crate::common;

use common::fixtures::{self, Found, OpenNeed};

use common::browser::account;
use common::Backend;
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::CenterRole;
use nikoo_domain::entities::{beneficiary, donation, import_job};
use nikoo_domain::imports::{self, ImportProgress};
use nikoo_domain::sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use nikoo_domain::{Clock, DomainError};
use nikoo_types::Locale;
use std::collections::HashMap;

on_both_backends!(
    a_bad_row_imports_nothing_and_a_file_imports_once,
    beneficiaries_come_from_xlsx_sealed_and_once,
);

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Uploads `file` (its name and bytes) and runs the dry run with the
/// guessed columns.
async fn upload_and_check(
    db: &DatabaseConnection,
    keys: &nikoo_domain::beneficiaries::personal_data::DataKeys,
    a: &Actor,
    center_id: i32,
    kind: &str,
    file: (&str, &[u8]),
    progress: &ImportProgress,
) -> (i32, imports::Outcome) {
    let (name, bytes) = file;
    let now = common::test_now();
    let job = imports::upload(
        nikoo_domain::imports::Importer {
            db,
            keys,
            now,
            actor: Some(a),
            center_id,
        },
        kind,
        name,
        bytes,
    )
    .await
    .unwrap();
    let view = imports::job(db, Some(a), center_id, job.id, progress)
        .await
        .unwrap();
    let mapping: HashMap<String, usize> = view
        .mapping
        .iter()
        .filter_map(|(f, c)| Some((f.clone(), (*c)?)))
        .collect();
    let outcome = imports::check(
        nikoo_domain::imports::Importer {
            db,
            keys,
            now,
            actor: Some(a),
            center_id,
        },
        job.id,
        mapping,
        Locale::Fa,
        progress,
    )
    .await
    .unwrap();
    (job.id, outcome)
}

async fn a_bad_row_imports_nothing_and_a_file_imports_once(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let keys = nikoo_server::settings::Settings::for_tests("x").data_keys;
    let now = app.clock.now();
    let progress = ImportProgress::default();
    let first = fixtures::two_centers(db).await.0;
    let Found {
        center: c,
        program: p,
        need: n,
    } = OpenNeed::money("IRR").of_center(first.id).find(db).await;
    let coordinator = fixtures::staff(&app, "coord@i.example", c.id, CenterRole::Coordinator).await;
    let outsider = fixtures::staff(&app, "owner@i.example", c.id + 1, CenterRole::Owner).await;
    let title = p.title_fa.clone();
    let need_title = n.title_fa.clone();
    // Persian headers, toman amounts (Persian page), both calendars, a
    // semicolon-free CSV with a byte-order mark; rows 4 and 5 are equal.
    let good = format!(
        "\u{feff}تاریخ,مبلغ,طرح,نیاز,روش,نام نیکوکار\n\
         1404/09/01,\"۱۰۰٬۰۰۰\",{title},{need_title},نقدی,مریم احمدی\n\
         2025-11-23,250000,{title},,واریز بانکی,\n\
         1404/09/05,50000,{title},{need_title},cash,علی\n\
         1404/09/05,50000,{title},{need_title},cash,علی\n"
    );
    let bad = good.replace("2025-11-23,250000", "2025-11-23,abc");
    let donations_before = donation::Entity::find().count(db).await.unwrap();
    let received_before = common::received(db, n.id).await;

    let (job, outcome) = upload_and_check(
        db,
        &keys,
        &coordinator,
        c.id,
        "donations",
        ("gifts.csv", bad.as_bytes()),
        &progress,
    )
    .await;
    assert_eq!((outcome.rows, outcome.error_rows), (4, 1));
    let e = &outcome.errors[0];
    assert_eq!(
        (e.row, e.field.as_str(), e.code.code()),
        (3, "amount", "invalid")
    );
    assert!(e.message(Locale::Fa).contains("مبلغ"));
    let refused = imports::commit(db, &keys, now, Some(&coordinator), c.id, job, &progress).await;
    assert!(
        matches!(refused, Err(DomainError::Invalid(ref f)) if f.code == "not_ready"),
        "{refused:?}"
    );
    assert_eq!(
        donation::Entity::find().count(db).await.unwrap(),
        donations_before,
        "nothing imported"
    );

    // The corrected file: everything, once.
    let (job, outcome) = upload_and_check(
        db,
        &keys,
        &coordinator,
        c.id,
        "donations",
        ("gifts.csv", good.as_bytes()),
        &progress,
    )
    .await;
    assert_eq!(outcome.error_rows, 0, "{:?}", outcome.errors);
    // The file is sealed at rest, and the dry run's language kept (its
    // amounts were read in toman).
    let stored = import_job::Entity::find_by_id(job)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let name = "مریم احمدی".as_bytes();
    assert!(!stored.file_bytes.windows(name.len()).any(|w| w == name));
    assert_eq!(stored.checked_lang, "fa");
    let done = imports::commit(db, &keys, now, Some(&coordinator), c.id, job, &progress)
        .await
        .unwrap();
    assert_eq!(
        (done.created, done.already),
        (4, 0),
        "two equal rows stay two"
    );
    // A second press of "import" finds the job taken; the file is gone.
    let twice = imports::commit(db, &keys, now, Some(&coordinator), c.id, job, &progress).await;
    assert!(
        matches!(&twice, Err(DomainError::Invalid(f)) if f.code == "not_ready"),
        "{:?}",
        twice.map(|o| o.created)
    );
    let stored = import_job::Entity::find_by_id(job)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.file_bytes.is_empty(), "deleted once imported");
    assert_eq!(
        donation::Entity::find().count(db).await.unwrap(),
        donations_before + 4
    );
    assert_eq!(
        common::received(db, n.id).await,
        received_before + 1_000_000 + 500_000 + 500_000,
        "toman typed, rials recorded, on the need's ledger"
    );
    let view = imports::job(db, Some(&coordinator), c.id, job, &progress)
        .await
        .unwrap();
    assert_eq!((view.status.code(), view.created), ("imported", 4));
    let imported: Vec<donation::Model> = donation::Entity::find()
        .filter(donation::Column::Key.starts_with("import:"))
        .all(db)
        .await
        .unwrap();
    assert!(imported.iter().all(|d| d.receipt_number.is_some()));
    assert_eq!(
        imported.iter().filter(|d| d.anonymous).count(),
        1,
        "the row without a name"
    );

    // The same file again: nothing twice.
    let (job, outcome) = upload_and_check(
        db,
        &keys,
        &coordinator,
        c.id,
        "donations",
        ("again.csv", good.as_bytes()),
        &progress,
    )
    .await;
    assert_eq!(outcome.error_rows, 0);
    let again = imports::commit(db, &keys, now, Some(&coordinator), c.id, job, &progress)
        .await
        .unwrap();
    assert_eq!((again.created, again.already), (0, 4));
    assert_eq!(
        donation::Entity::find().count(db).await.unwrap(),
        donations_before + 4
    );

    // Another center's staff can neither see nor run this center's imports.
    assert!(matches!(
        imports::job(db, Some(&outsider), c.id, job, &progress).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        imports::upload(
            nikoo_domain::imports::Importer {
                db,
                keys: &keys,
                now,
                actor: Some(&outsider),
                center_id: c.id,
            },
            "donations",
            "x.csv",
            good.as_bytes()
        )
        .await,
        Err(DomainError::Forbidden)
    ));
    // Files that are not CSV or XLSX, or are empty, are refused clearly.
    for (name, bytes, code) in [
        ("x.pdf", &b"%PDF-1.4"[..], "wrong_type"),
        ("x.csv", &b"only,a,header\n"[..], "no_rows"),
        ("x.xlsx", &b"not a zip"[..], "wrong_type"),
    ] {
        match imports::upload(
            nikoo_domain::imports::Importer {
                db,
                keys: &keys,
                now,
                actor: Some(&coordinator),
                center_id: c.id,
            },
            "donations",
            name,
            bytes,
        )
        .await
        {
            Err(DomainError::Invalid(f)) => assert_eq!(f.code, code, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

async fn beneficiaries_come_from_xlsx_sealed_and_once(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let keys = nikoo_server::settings::Settings::for_tests("x").data_keys;
    let now = app.clock.now();
    let progress = ImportProgress::default();
    let first = fixtures::two_centers(db).await.0;
    let c = OpenNeed::money("IRR")
        .of_center(first.id)
        .find(db)
        .await
        .center;
    let manager = fixtures::staff(&app, "manager@i.example", c.id, CenterRole::Manager).await;
    let coordinator = fixtures::staff(&app, "coord@i.example", c.id, CenterRole::Coordinator).await;
    let xlsx = std::fs::read(format!("{FIXTURES}/beneficiaries.xlsx")).unwrap();
    assert!(
        matches!(
            imports::upload(
                nikoo_domain::imports::Importer {
                    db,
                    keys: &keys,
                    now,
                    actor: Some(&coordinator),
                    center_id: c.id,
                },
                "beneficiaries",
                "b.xlsx",
                &xlsx
            )
            .await,
            Err(DomainError::Forbidden)
        ),
        "coordinators do not import personal data"
    );
    let (job, outcome) = upload_and_check(
        db,
        &keys,
        &manager,
        c.id,
        "beneficiaries",
        ("b.xlsx", &xlsx),
        &progress,
    )
    .await;
    assert_eq!(
        (outcome.rows, outcome.error_rows),
        (3, 0),
        "{:?}",
        outcome.errors
    );
    let done = imports::commit(db, &keys, now, Some(&manager), c.id, job, &progress)
        .await
        .unwrap();
    assert_eq!(done.created, 3);
    let rows = beneficiary::Entity::find()
        .filter(beneficiary::Column::CenterId.eq(c.id))
        .order_by_asc(beneficiary::Column::Id)
        .all(db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].household_size, 4);
    assert_eq!(rows[0].categories, "food_essentials");
    assert_eq!(rows[1].categories, "health,education");
    assert_eq!(
        rows[0].consent_on.map(|d| d.to_string()).as_deref(),
        Some("2025-11-20")
    );
    assert!(!format!("{:?}", rows).contains("XLSX-IMPORT"), "sealed");
    let opened = nikoo_domain::beneficiaries::records::record(
        db,
        &keys,
        now,
        Some(&manager),
        c.id,
        rows[1].id,
    )
    .await
    .unwrap();
    assert_eq!(
        (opened.details.name.as_str(), opened.details.phone.as_str()),
        ("XLSX-IMPORT-TWO", "09125550102")
    );
    // Again: nothing twice.
    let (job, outcome) = upload_and_check(
        db,
        &keys,
        &manager,
        c.id,
        "beneficiaries",
        ("b.xlsx", &xlsx),
        &progress,
    )
    .await;
    assert_eq!(outcome.error_rows, 0);
    let again = imports::commit(db, &keys, now, Some(&manager), c.id, job, &progress)
        .await
        .unwrap();
    assert_eq!((again.created, again.already), (0, 3));
    // A CSV naming one of them again (another file) is refused at its row.
    let csv = format!(
        "national id,name,household size,county,consent date,consent scope\n\
         {},Someone,3,zanjan,2025-11-20,records\n",
        opened.details.national_id
    );
    let (_, outcome) = upload_and_check(
        db,
        &keys,
        &manager,
        c.id,
        "beneficiaries",
        ("dup.csv", csv.as_bytes()),
        &progress,
    )
    .await;
    assert_eq!(outcome.error_rows, 1);
    assert_eq!(
        (outcome.errors[0].row, outcome.errors[0].code.code()),
        (2, "duplicate")
    );
    assert_eq!(
        beneficiary::Entity::find()
            .filter(beneficiary::Column::CenterId.eq(c.id))
            .count(db)
            .await
            .unwrap(),
        3
    );
}

/// A pending center (anyone may register one) imports nothing; while a
/// large file is read, the server keeps answering `/healthz` within a
/// second (files are read on blocking threads, two at a time). One
/// worker thread serves the test, the server and the upload, so a reading
/// that held it would hold `/healthz` too.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn pending_centers_import_nothing_and_reading_blocks_no_one() {
    let app = common::spawn_app(Backend::Sqlite).await;
    let db = app.db.clone();
    let keys = nikoo_server::settings::Settings::for_tests("x").data_keys;
    let now = app.clock.now();
    let founder = account(&app, "founder@i.example", false).await;
    let founder_actor = Actor::load(&db, founder.id).await.unwrap().unwrap();
    let pending = nikoo_domain::staff::register_center(
        &db,
        now,
        Some(&founder_actor),
        nikoo_types::accounts::CenterRegistration {
            name_fa: "مرکز تازه".into(),
            name_en: "A new center".into(),
            province: "zanjan".into(),
            county: "tarom".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let owner = Actor::load(&db, founder.id).await.unwrap().unwrap();
    let csv = "amount,method\n100,cash\n";
    match imports::upload(
        nikoo_domain::imports::Importer {
            db: &db,
            keys: &keys,
            now,
            actor: Some(&owner),
            center_id: pending.id,
        },
        "donations",
        "gifts.csv",
        csv.as_bytes(),
    )
    .await
    {
        Err(DomainError::Invalid(f)) => {
            assert_eq!((f.field.as_str(), f.code.code()), ("center", "not_allowed"));
        }
        other => panic!("a pending center imported: {other:?}"),
    }
    // A verified center's staff upload the largest CSV allowed.
    let c = fixtures::two_centers(&db).await.0;
    let manager = fixtures::staff(&app, "manager@big.example", c.id, CenterRole::Manager).await;
    let mut big = String::from("amount,method,donor_name,date\n");
    let mut i = 0;
    while big.len() < imports::MAX_IMPORT_BYTES - 64 && i < 99_000 {
        big.push_str(&format!(
            "{},cash,Donor number {i},2025-11-{:02}\n",
            1000 + i,
            1 + i % 28
        ));
        i += 1;
    }
    let upload = {
        let (db, keys) = (db.clone(), keys.clone());
        tokio::spawn(async move {
            imports::upload(
                nikoo_domain::imports::Importer {
                    db: &db,
                    keys: &keys,
                    now,
                    actor: Some(&manager),
                    center_id: c.id,
                },
                "donations",
                "big.csv",
                big.as_bytes(),
            )
            .await
        })
    };
    let mut answered = 0;
    while !upload.is_finished() {
        let started = std::time::Instant::now();
        let r = app
            .http
            .get(app.url("/healthz"))
            .timeout(std::time::Duration::from_secs(1))
            .send()
            .await
            .expect("/healthz answers within a second during the upload");
        assert_eq!(r.status(), 200);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        answered += 1;
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let job = upload.await.unwrap().unwrap();
    assert_eq!(usize::try_from(job.rows).unwrap(), i);
    assert!(answered > 0);
}
