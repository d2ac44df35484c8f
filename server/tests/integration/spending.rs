//! Spending and its evidence (issue 5), on SQLite and PostgreSQL:
//! disbursements keep money's designation (a need's gifts, then the
//! program's, never more); deliveries never exceed the stock; receipts and
//! photos are checked (size, type from the bytes, plain names), photos lose
//! their EXIF and text metadata, private files reach only their center's
//! staff; bad input and refused callers change nothing; the program page
//! and the API show the chain with the receipts made public.

use crate::common;

use common::fixtures;

use common::browser::signed_in;
use common::{Backend, TestApp};
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::{Account, CenterRole, Movement, PaymentMethod};
use nikoo_domain::entities::{
    audit_record, center, disbursement, in_kind_movement, ledger_transaction, need, program, upload,
};
use nikoo_domain::giving::records::{record_donation, record_movement, NewDonation, NewMovement};
use nikoo_domain::sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use nikoo_domain::spending::{self, DeliveryForm, DisbursementForm};
use nikoo_domain::uploads::UploadedFile;
use nikoo_domain::{workspace, Clock, DomainError};
use nikoo_types::workspace::{NeedFields, ProgramFields};
use nikoo_types::{Currency, Locale, Money, Quantity};

on_both_backends!(
    disbursements_spend_only_what_the_need_and_the_program_hold,
    deliveries_stay_within_the_stock_and_photos_lose_their_metadata,
    file_forms_refuse_bad_files_through_the_route,
);

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str, as_name: &str) -> UploadedFile {
    UploadedFile {
        file_name: as_name.into(),
        bytes: std::fs::read(format!("{FIXTURES}/{name}")).unwrap().into(),
    }
}

/// A published EUR program of the demo's first center with two money
/// needs and an in-kind one; its manager, coordinator and another center's owner.
struct Setup {
    center: center::Model,
    program: program::Model,
    need: need::Model,
    other_need: need::Model,
    items: need::Model,
    manager: Actor,
    coordinator: Actor,
    outsider: Actor,
}

async fn setup(app: &TestApp) -> Setup {
    let db = &app.db;
    let now = app.clock.now();
    let centers = center::Entity::find()
        .order_by_asc(center::Column::Id)
        .all(db)
        .await
        .unwrap();
    let (c, other) = (centers[0].clone(), centers[1].clone());
    let manager = fixtures::staff(app, "manager@s.example", c.id, CenterRole::Manager).await;
    let coordinator = fixtures::staff(app, "coord@s.example", c.id, CenterRole::Coordinator).await;
    let outsider = fixtures::staff(app, "owner@s.example", other.id, CenterRole::Owner).await;
    let form = ProgramFields {
        title_fa: "بازسازی خانه‌ها".into(),
        title_en: "Home repairs".into(),
        category: "housing_heating".into(),
        county: c.county_code.clone(),
        start_date: "2025-11-01".into(),
        ..ProgramFields::default()
    };
    let program = workspace::create_program(db, now, Some(&manager), c.id, &form)
        .await
        .unwrap();
    let money = |title: &str| NeedFields {
        kind: "money".into(),
        title_fa: title.into(),
        target_amount: "500".into(),
        currency: "EUR".into(),
        ..NeedFields::default()
    };
    let add = |f: NeedFields| {
        let (m, p) = (&manager, program.id);
        async move {
            workspace::add_need(db, now, Some(m), c.id, p, &f, Locale::En)
                .await
                .unwrap()
        }
    };
    let need = add(money("سقف")).await;
    let other_need = add(money("پنجره")).await;
    let items = add(NeedFields {
        kind: "in_kind".into(),
        title_fa: "پتو".into(),
        unit_fa: "تخته".into(),
        target_quantity: "20".into(),
        ..NeedFields::default()
    })
    .await;
    workspace::change_status(db, now, Some(&manager), c.id, program.id, "publish")
        .await
        .unwrap();
    Setup {
        center: c,
        program,
        need,
        other_need,
        items,
        manager,
        coordinator,
        outsider,
    }
}

async fn give(
    db: &DatabaseConnection,
    key: &str,
    program_id: i32,
    need_id: Option<i32>,
    cents: i64,
) {
    record_donation(
        db,
        common::test_now(),
        NewDonation {
            key: key.into(),
            donor_id: None,
            anonymous: true,
            hidden_from_center: false,
            pledging_center_id: None,
            program_id,
            need_id,
            pledge_id: None,
            method: PaymentMethod::Cash,
            amount: Money::from_minor(cents, Currency::EUR),
            received_at: common::test_now(),
        },
    )
    .await
    .unwrap();
}

/// Cash of `program_id` by designation (need id, or `None` for the program as a whole).
async fn cash(db: &DatabaseConnection, program_id: i32, need_id: Option<i32>) -> i64 {
    nikoo_domain::ledger::balances(db, Some(&[program_id]))
        .await
        .unwrap()
        .iter()
        .filter(|b| b.account == Account::Cash && b.need_id == need_id)
        .map(|b| b.amount.unwrap())
        .sum()
}

fn spend(s: &Setup, need_id: i32, amount: &str) -> DisbursementForm {
    DisbursementForm {
        lang: Locale::En,
        center_id: s.center.id,
        need_id,
        amount: amount.into(),
        paid_on: "2025-12-01".into(),
        payee_type: "supplier".into(),
        description: "Roof sheets from Zanjan market".into(),
        receipt_public: true,
    }
}

/// Rows that a refused change must not add.
async fn counts(db: &DatabaseConnection) -> [u64; 5] {
    [
        disbursement::Entity::find().count(db).await.unwrap(),
        ledger_transaction::Entity::find().count(db).await.unwrap(),
        upload::Entity::find().count(db).await.unwrap(),
        in_kind_movement::Entity::find().count(db).await.unwrap(),
        audit_record::Entity::find().count(db).await.unwrap(),
    ]
}

fn field(e: DomainError) -> String {
    match e {
        DomainError::Invalid(f) => format!("{}.{}", f.field, f.code),
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn disbursements_spend_only_what_the_need_and_the_program_hold(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    let s = setup(&app).await;
    let p = s.program.id;
    give(db, "g-need", p, Some(s.need.id), 10_000).await;
    give(db, "g-program", p, None, 5_000).await;
    give(db, "g-other", p, Some(s.other_need.id), 3_000).await;
    let store = &app.uploads;

    // Who may spend: the center's owners and managers.
    for (who, a) in [("coordinator", &s.coordinator), ("outsider", &s.outsider)] {
        let e = spending::record_disbursement(
            db,
            store,
            now,
            Some(a),
            &spend(&s, s.need.id, "1"),
            None,
        )
        .await;
        assert!(matches!(e, Err(DomainError::Forbidden)), "{who}: {e:?}");
    }
    // Bad input changes nothing.
    let before = counts(db).await;
    let receipt = fixture("receipt.pdf", "receipt.pdf");
    let bad: Vec<(DisbursementForm, Option<UploadedFile>, &str)> = vec![
        (spend(&s, s.need.id, "0"), None, "amount.not_positive"),
        (spend(&s, s.need.id, "1.234"), None, "amount.invalid"),
        (spend(&s, s.need.id, "150.01"), None, "amount.exceeds_fund"),
        (
            DisbursementForm {
                paid_on: "2025-12-04".into(),
                ..spend(&s, s.need.id, "1")
            },
            None,
            "paid_on.in_future",
        ),
        (
            DisbursementForm {
                paid_on: "yesterday".into(),
                ..spend(&s, s.need.id, "1")
            },
            None,
            "paid_on.invalid",
        ),
        (
            DisbursementForm {
                payee_type: "friend".into(),
                ..spend(&s, s.need.id, "1")
            },
            None,
            "payee_type.unknown_code",
        ),
        (
            DisbursementForm {
                description: " ".into(),
                ..spend(&s, s.need.id, "1")
            },
            None,
            "description.required",
        ),
        (spend(&s, s.items.id, "1"), None, "need.not_a_money_need"),
        (
            spend(&s, s.need.id, "1"),
            Some(fixture("page.html.png", "page.png")),
            "file.wrong_type",
        ),
        (
            spend(&s, s.need.id, "1"),
            Some(fixture("receipt.pdf", "../../x")),
            "file.bad_name",
        ),
    ];
    for (form, file, want) in bad {
        let e =
            spending::record_disbursement(db, store, now, Some(&s.manager), &form, file.as_ref())
                .await
                .unwrap_err();
        assert_eq!(field(e), want);
    }
    assert_eq!(counts(db).await, before, "nothing written");

    // 120 of the need's 100 + the program's 50: the need's first.
    let first = spending::record_disbursement(
        db,
        store,
        now,
        Some(&s.manager),
        &spend(&s, s.need.id, "120"),
        Some(&receipt),
    )
    .await
    .unwrap();
    assert_eq!(cash(db, p, Some(s.need.id)).await, 0);
    assert_eq!(cash(db, p, None).await, 3_000);
    assert_eq!(
        cash(db, p, Some(s.other_need.id)).await,
        3_000,
        "another need's money stays"
    );
    // 30 left for this need (the program's); 31 is too much.
    let e = spending::record_disbursement(
        db,
        store,
        now,
        Some(&s.manager),
        &spend(&s, s.need.id, "31"),
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(field(e), "amount.exceeds_fund");
    let private = DisbursementForm {
        receipt_public: false,
        ..spend(&s, s.need.id, "30")
    };
    spending::record_disbursement(
        db,
        store,
        now,
        Some(&s.manager),
        &private,
        Some(&fixture("gps.jpg", "roof.jpg")),
    )
    .await
    .unwrap();
    assert_eq!(cash(db, p, None).await, 0);
    // Two managers spending the other need's 30 at once: one succeeds.
    let both = spend(&s, s.other_need.id, "30");
    let (x, y) = tokio::join!(
        spending::record_disbursement(db, store, now, Some(&s.manager), &both, None),
        spending::record_disbursement(db, store, now, Some(&s.manager), &both, None),
    );
    assert_eq!(x.is_ok() as u8 + y.is_ok() as u8, 1, "{x:?} {y:?}");
    assert_eq!(cash(db, p, Some(s.other_need.id)).await, 0);

    // The API and the page show the chain: delivered figures and the lines.
    let v = app
        .json(&format!("/api/v1/programs/{}", s.program.slug), 200)
        .await;
    let need = v["needs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == s.need.id)
        .unwrap()
        .clone();
    assert_eq!(
        (need["received"].as_i64(), need["delivered"].as_i64()),
        (Some(10_000), Some(15_000))
    );
    let lines = v["spending"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    let public_line = lines
        .iter()
        .find(|l| l["receipt"].is_string())
        .unwrap()
        .clone();
    let url = public_line["receipt"].as_str().unwrap().to_owned();
    assert_eq!(public_line["receipt_type"], "application/pdf");
    assert_eq!(public_line["payee_type"], "supplier");
    let private_line = lines.iter().find(|l| l["receipt_private"] == true).unwrap();
    assert!(
        private_line.get("receipt").is_none(),
        "a private receipt's address is not published"
    );

    // A public receipt is anyone's to download; a private one only its center's staff's.
    let r = app.get(&url).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        &std::fs::read(format!("{FIXTURES}/receipt.pdf")).unwrap()[..]
    );
    let private_key = upload::Entity::find()
        .filter(upload::Column::Public.eq(false))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .key;
    let private_url = format!("/uploads/{private_key}");
    assert_eq!(app.get(&private_url).await.status(), 401);
    let mut outsider = signed_in(&app, "owner@s.example").await;
    assert_eq!(outsider.page(&app, &private_url).await.status, 404);
    let mut coordinator = signed_in(&app, "coord@s.example").await;
    let seen = coordinator.page(&app, &private_url).await;
    assert_eq!(seen.status, 200);
    assert!(
        !seen.body.contains("NikooTestCam"),
        "stored without its EXIF"
    );
    assert_eq!(app.get("/uploads/not-a-key").await.status(), 404);

    // Each disbursement is audited with its receipt.
    let audits = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("disbursement.record"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audits, 3);
    let _ = first;
}

async fn deliveries_stay_within_the_stock_and_photos_lose_their_metadata(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    let s = setup(&app).await;
    let store = &app.uploads;
    record_movement(
        db,
        now,
        NewMovement {
            key: "blankets-in".into(),
            movement: Movement::Received,
            program_id: s.program.id,
            need_id: s.items.id,
            quantity: Quantity::new(10).unwrap(),
            donor_id: None,
            anonymous: true,
            pledge_id: None,
            beneficiary_count: None,
            memo_fa: None,
            memo_en: None,
            upload_id: None,
            recorded_by: None,
            occurred_at: now,
        },
    )
    .await
    .unwrap();
    let form = |quantity: &str, households: &str| DeliveryForm {
        center_id: s.center.id,
        need_id: s.items.id,
        quantity: quantity.into(),
        delivered_on: "۱۴۰۴/۰۹/۱۱".into(),
        households: households.into(),
        description: "پتو برای روستای گیلوان".into(),
        file_public: true,
    };
    let before = counts(db).await;
    for (f, file, want) in [
        (form("11", "3"), None, "quantity.exceeds_stock"),
        (form("0", "3"), None, "quantity.not_positive"),
        (form("2", "-1"), None, "households.out_of_range"),
        (
            form("2", "3"),
            Some(fixture("receipt.pdf", "a/b.pdf")),
            "file.bad_name",
        ),
        (
            form("2", "3"),
            Some(fixture("page.html.png", "photo.png")),
            "file.wrong_type",
        ),
    ] {
        let e = spending::record_delivery(db, store, now, Some(&s.coordinator), &f, file.as_ref())
            .await
            .unwrap_err();
        assert_eq!(field(e), want);
    }
    assert!(matches!(
        spending::record_delivery(db, store, now, Some(&s.outsider), &form("1", ""), None).await,
        Err(DomainError::Forbidden)
    ));
    assert_eq!(counts(db).await, before, "nothing written");

    // Coordinators record deliveries; the photo is stored without its EXIF.
    let original = std::fs::read(format!("{FIXTURES}/gps.jpg")).unwrap();
    assert!(
        original.windows(4).any(|w| w == b"Exif"),
        "the fixture has EXIF"
    );
    let m = spending::record_delivery(
        db,
        store,
        now,
        Some(&s.coordinator),
        &form("6", "3"),
        Some(&fixture("gps.jpg", "handover.jpg")),
    )
    .await
    .unwrap();
    assert_eq!(m.beneficiary_count, Some(3));
    let u = upload::Entity::find_by_id(m.upload_id.unwrap())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let stored = store.get(&u.key).await.unwrap();
    assert!(!stored.windows(4).any(|w| w == b"Exif"), "no EXIF");
    assert!(
        !stored.windows(12).any(|w| w == b"NikooTestCam"),
        "no camera"
    );
    let jpeg = img_parts::jpeg::Jpeg::from_bytes(stored.clone()).unwrap();
    assert!(jpeg
        .segments_by_marker(img_parts::jpeg::markers::APP1)
        .next()
        .is_none());
    assert_eq!(jpeg.dimensions(), Some((8, 8)), "still the picture");
    // A PNG's text chunks go too.
    let png = spending::record_delivery(
        db,
        store,
        now,
        Some(&s.coordinator),
        &form("1", "12"),
        Some(&fixture("text.png", "handover.png")),
    )
    .await
    .unwrap();
    let u = upload::Entity::find_by_id(png.upload_id.unwrap())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let stored = store.get(&u.key).await.unwrap();
    assert!(
        !stored.windows(6).any(|w| w == b"Zanjan"),
        "no location text"
    );
    assert!(std::fs::read(format!("{FIXTURES}/text.png"))
        .unwrap()
        .windows(6)
        .any(|w| w == b"Zanjan"));

    // The public page: delivered quantity, households by the small-cell rule.
    let v = app
        .json(&format!("/api/v1/programs/{}", s.program.slug), 200)
        .await;
    let items = v["needs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == s.items.id)
        .unwrap()
        .clone();
    assert_eq!(
        (items["received"].as_i64(), items["delivered"].as_i64()),
        (Some(10), Some(7))
    );
    let lines: Vec<&serde_json::Value> = v["spending"].as_array().unwrap().iter().collect();
    let households: Vec<&serde_json::Value> = lines.iter().map(|l| &l["households"]).collect();
    assert!(
        households.contains(&&serde_json::json!("fewer_than_10")),
        "{households:?}"
    );
    assert!(
        households.contains(&&serde_json::json!({"exact": 12})),
        "{households:?}"
    );
    let html = app
        .text(&format!("/fa/programs/{}", s.program.slug), 200)
        .await;
    let cells: Vec<&str> = html
        .split("class=\"households\">")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap_or_default())
        .collect();
    assert!(
        cells.contains(&"کمتر از ۱۰") && cells.contains(&"۱۲"),
        "{cells:?}"
    );
    assert!(!cells.contains(&"۳"), "the small count is not on the page");
    // The staff's view shows the exact count.
    let w = workspace::need_workspace(
        db,
        now,
        Some(&s.coordinator),
        s.center.id,
        s.items.id,
        Locale::Fa,
    )
    .await
    .unwrap();
    assert!(w
        .spending
        .iter()
        .any(|l| l.households == Some(nikoo_types::counts::PublicCount::Exact(3))));
}

async fn file_forms_refuse_bad_files_through_the_route(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let s = setup(&app).await;
    give(&app.db, "g-need", s.program.id, Some(s.need.id), 10_000).await;
    let mut manager = signed_in(&app, "manager@s.example").await;
    let path = format!(
        "/fa/my/centers/{}/needs/{}/disbursements",
        s.center.id, s.need.id
    );
    let post = |parts: Vec<(&'static str, String)>, file: Option<(&'static str, Vec<u8>)>| {
        let mut form = reqwest::multipart::Form::new().text("program_id", s.program.id.to_string());
        for (k, v) in parts {
            form = form.text(k, v);
        }
        if let Some((name, bytes)) = file {
            form = form.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        }
        app.http
            .post(app.url(&path))
            .header("origin", format!("http://{}", app.addr))
            .multipart(form)
    };
    let fields = || {
        vec![
            ("amount", "۲۰".to_owned()),
            ("paid_on", "1404/09/10".to_owned()),
            ("payee_type", "supplier".to_owned()),
            ("description", "ورق سقف".to_owned()),
        ]
    };
    let page = format!(
        "/fa/my/centers/{}/programs/{}/needs/{}",
        s.center.id, s.program.id, s.need.id
    );
    let before = counts(&app.db).await;
    let too_big = vec![b'%'; nikoo_domain::uploads::MAX_UPLOAD_BYTES + 1];
    for (file, want) in [
        (("big.pdf", too_big), "file.too_large"),
        (
            (
                "page.png",
                std::fs::read(format!("{FIXTURES}/page.html.png")).unwrap(),
            ),
            "file.wrong_type",
        ),
        (
            (
                "../../x",
                std::fs::read(format!("{FIXTURES}/receipt.pdf")).unwrap(),
            ),
            "file.bad_name",
        ),
    ] {
        let a = manager.send(post(fields(), Some(file))).await;
        assert_eq!(a.status, 303, "{a:?}");
        assert_eq!(
            a.location.as_deref(),
            Some(format!("{page}?error={want}").as_str())
        );
    }
    // A body far over the limit is refused the same way.
    let huge = vec![b'%'; nikoo_domain::uploads::MAX_UPLOAD_BYTES * 2];
    let a = manager.send(post(fields(), Some(("huge.pdf", huge)))).await;
    assert!(
        a.location
            .as_deref()
            .is_some_and(|l| l.ends_with("error=file.too_large")),
        "{a:?}"
    );
    assert_eq!(counts(&app.db).await, before, "nothing written");
    // The error is shown on the page, translated.
    let shown = manager
        .page(&app, &format!("{page}?error=file.wrong_type"))
        .await;
    assert!(
        shown.body.contains("این نوع فایل پذیرفته نیست"),
        "translated error on the page"
    );
    // A good one: recorded, and back to the page with a notice.
    let ok = manager
        .send(post(
            fields(),
            Some((
                "رسید.pdf",
                std::fs::read(format!("{FIXTURES}/receipt.pdf")).unwrap(),
            )),
        ))
        .await;
    assert_eq!(
        ok.location.as_deref(),
        Some(format!("{page}?notice=disbursement_recorded").as_str())
    );
    let d = disbursement::Entity::find()
        .filter(disbursement::Column::NeedId.eq(s.need.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (d.amount_minor, d.paid_on.to_string()),
        (2_000, "2025-12-01".to_owned())
    );
    let u = upload::Entity::find_by_id(d.receipt_upload_id.unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((u.file_name.as_str(), u.public), ("رسید.pdf", false));
    // Cross-site posts never reach the route.
    let evil = reqwest::multipart::Form::new().text("program_id", s.program.id.to_string());
    let cross = manager
        .send(
            app.http
                .post(app.url(&path))
                .header("origin", "https://evil.example")
                .multipart(evil),
        )
        .await;
    assert_eq!(cross.status, 403);
    // A cover: a photo only.
    let cover = format!(
        "/en/my/centers/{}/programs/{}/cover",
        s.center.id, s.program.id
    );
    let pdf = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(std::fs::read(format!("{FIXTURES}/receipt.pdf")).unwrap())
            .file_name("c.pdf"),
    );
    let a = manager
        .send(
            app.http
                .post(app.url(&cover))
                .header("origin", format!("http://{}", app.addr))
                .multipart(pdf),
        )
        .await;
    assert!(
        a.location
            .as_deref()
            .is_some_and(|l| l.ends_with("error=file.wrong_type")),
        "{a:?}"
    );
    let jpg = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(std::fs::read(format!("{FIXTURES}/gps.jpg")).unwrap())
            .file_name("cover.jpg"),
    );
    let a = manager
        .send(
            app.http
                .post(app.url(&cover))
                .header("origin", format!("http://{}", app.addr))
                .multipart(jpg),
        )
        .await;
    assert!(
        a.location
            .as_deref()
            .is_some_and(|l| l.ends_with("notice=cover_saved")),
        "{a:?}"
    );
    let v = app
        .json(&format!("/api/v1/programs/{}", s.program.slug), 200)
        .await;
    let src = v["cover"].as_str().unwrap();
    assert_eq!(app.get(src).await.headers()["content-type"], "image/jpeg");
    let html = app
        .text(&format!("/en/programs/{}", s.program.slug), 200)
        .await;
    assert!(html.contains(&format!("src=\"{src}\"")));
}

/// The SQLite file (and its write-ahead log) and every stored upload are
/// readable by their owner only, whatever the umask.
#[cfg(unix)]
#[tokio::test]
async fn the_database_and_uploads_are_owner_only() {
    use nikoo_domain::sea_orm::TransactionTrait;
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = std::env::temp_dir().join(format!("nikoo-owner-only-{}", std::process::id()));
    let db_file = dir.join("db/nikoo.db");
    let db = nikoo_domain::db::connect(&format!("sqlite://{}?mode=rwc", db_file.display()))
        .await
        .unwrap();
    nikoo_domain::db::migrate(&db).await.unwrap();
    assert_eq!(mode(&db_file), 0o600);
    assert_eq!(mode(&dir.join("db/nikoo.db-wal")), 0o600);
    let uploads = dir.join("uploads");
    let store = nikoo_domain::uploads::UploadStore::local(&uploads).unwrap();
    assert_eq!(mode(&uploads), 0o700);
    let checked = nikoo_domain::uploads::check_file(
        nikoo_domain::entities::codes::UploadKind::Photo,
        &fixture("photo.png", "photo.png"),
    )
    .unwrap();
    let txn = db.begin().await.unwrap();
    let stored =
        nikoo_domain::uploads::store_file(&txn, &store, common::test_now(), 1, None, checked, true)
            .await;
    // No center 1 in an empty database: the row may fail, the file is written first.
    drop(stored);
    txn.rollback().await.unwrap();
    let files: Vec<_> = std::fs::read_dir(&uploads)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(mode(&files[0]), 0o600);
    db.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
