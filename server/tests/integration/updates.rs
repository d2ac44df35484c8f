//! Updates a center posts to a program (issue 5), on SQLite and
//! PostgreSQL: owners and managers post a Markdown text with photos (their
//! metadata removed); the program page shows it; each donor who asked for
//! updates (an account's setting, a guest's choice when giving) is emailed
//! once, in their language, and no one else; bad input changes nothing.

use crate::common;

use common::fixtures;

use common::browser::account;
use common::Backend;
use nikoo_domain::entities::codes::{CenterRole, PaymentMethod};
use nikoo_domain::entities::{donor, outbox_email, program, program_update, upload, user};
use nikoo_domain::giving::donors::upsert_donor;
use nikoo_domain::giving::records::{record_donation, NewDonation};
use nikoo_domain::sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use nikoo_domain::updates::{post, UpdateForm};
use nikoo_domain::uploads::UploadedFile;
use nikoo_domain::{Clock, DomainError};
use nikoo_types::{Currency, Money};

on_both_backends!(updates_reach_the_donors_who_asked);

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str, as_name: &str) -> UploadedFile {
    UploadedFile {
        file_name: as_name.into(),
        bytes: std::fs::read(format!("{FIXTURES}/{name}")).unwrap().into(),
    }
}

/// A donor of record who gave `program` 10 rials.
async fn giver(
    db: &DatabaseConnection,
    p: &program::Model,
    key: &str,
    email: &str,
    wants: bool,
    locale: &str,
) -> donor::Model {
    let now = common::test_now();
    let d = upsert_donor(db, now, key, key, Some(email)).await.unwrap();
    let mut row: donor::ActiveModel = d.into();
    row.wants_updates = Set(wants);
    row.locale = Set(Some(locale.into()));
    let d = row.update(db).await.unwrap();
    record_donation(
        db,
        now,
        NewDonation {
            key: format!("gift-{key}"),
            donor_id: Some(d.id),
            anonymous: false,
            hidden_from_center: false,
            pledging_center_id: None,
            program_id: p.id,
            need_id: None,
            pledge_id: None,
            method: PaymentMethod::Cash,
            amount: Money::from_minor(10, Currency::IRR),
            received_at: now,
        },
    )
    .await
    .unwrap();
    d
}

async fn outbox_to(db: &DatabaseConnection) -> Vec<(String, String)> {
    outbox_email::Entity::find()
        .order_by_asc(outbox_email::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            let r = nikoo_server::mail::render(&e, "https://nikoo.test").unwrap();
            (r.to, r.subject)
        })
        .collect()
}

async fn updates_reach_the_donors_who_asked(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    let store = &app.uploads;
    // An IRR program of the demo's first center (gifts without a need).
    let p = nikoo_domain::catalog::visible_programs()
        .order_by_asc(program::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let manager =
        fixtures::staff(&app, "manager@u.example", p.center_id, CenterRole::Manager).await;
    let coordinator = fixtures::staff(
        &app,
        "coord@u.example",
        p.center_id,
        CenterRole::Coordinator,
    )
    .await;
    let outsider = fixtures::staff(
        &app,
        "outsider@u.example",
        p.center_id + 1,
        CenterRole::Owner,
    )
    .await;
    giver(db, &p, "guest-yes", "guest-yes@u.example", true, "en").await;
    giver(db, &p, "guest-no", "guest-no@u.example", false, "fa").await;
    // An account's own setting decides for its donor record.
    let with_account = giver(db, &p, "account-yes", "ignored@u.example", false, "en").await;
    let u = account(&app, "member@u.example", false).await;
    let mut row: user::ActiveModel = u.into();
    row.donor_id = Set(Some(with_account.id));
    row.wants_updates = Set(true);
    row.locale = Set("fa".into());
    row.update(db).await.unwrap();

    let form = UpdateForm {
        center_id: p.center_id,
        program_id: p.id,
        title_fa: "بخاری‌ها رسید".into(),
        title_en: "The heaters arrived".into(),
        body_fa: "**۲۰ بخاری** به روستاها رسید. <script>x()</script>".into(),
        body_en: "Twenty heaters reached the villages.".into(),
    };
    let outbox_before = outbox_to(db).await.len();
    let count = || async { program_update::Entity::find().count(db).await.unwrap() };
    for (who, a) in [("coordinator", &coordinator), ("outsider", &outsider)] {
        let e = post(db, store, now, Some(a), &form, &[]).await;
        assert!(matches!(e, Err(DomainError::Forbidden)), "{who}: {e:?}");
    }
    let seven: Vec<UploadedFile> = (0..7)
        .map(|i| fixture("gps.jpg", &format!("{i}.jpg")))
        .collect();
    for (f, photos, want) in [
        (
            UpdateForm {
                title_fa: " ".into(),
                title_en: String::new(),
                ..form.clone()
            },
            vec![],
            "title_fa.title_required",
        ),
        (form.clone(), seven, "file.too_many"),
        (
            form.clone(),
            vec![fixture("page.html.png", "photo.png")],
            "file.wrong_type",
        ),
        (
            form.clone(),
            vec![fixture("receipt.pdf", "r.pdf")],
            "file.wrong_type",
        ),
    ] {
        match post(db, store, now, Some(&manager), &f, &photos).await {
            Err(DomainError::Invalid(e)) => assert_eq!(format!("{}.{}", e.field, e.code), want),
            other => panic!("{want}: {other:?}"),
        }
    }
    assert_eq!(count().await, 0, "nothing posted");
    assert_eq!(outbox_to(db).await.len(), outbox_before, "nothing emailed");

    let photos = [
        fixture("gps.jpg", "heaters.jpg"),
        fixture("text.png", "village.png"),
    ];
    let update = post(db, store, now, Some(&manager), &form, &photos)
        .await
        .unwrap();
    assert_eq!(update.emailed, 2);
    let sent: Vec<(String, String)> = outbox_to(db).await.split_off(outbox_before);
    let mut to: Vec<&str> = sent.iter().map(|(t, _)| t.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, vec!["guest-yes@u.example", "member@u.example"]);
    let fa_mail = sent.iter().find(|(t, _)| t == "member@u.example").unwrap();
    assert!(
        fa_mail.1.contains("بخاری‌ها رسید"),
        "in the account's language: {}",
        fa_mail.1
    );
    let en_mail = sent
        .iter()
        .find(|(t, _)| t == "guest-yes@u.example")
        .unwrap();
    assert!(en_mail.1.contains("The heaters arrived"), "{}", en_mail.1);

    // The program page shows it, its text made safe, its photos without metadata.
    let v = app.json(&format!("/api/v1/programs/{}", p.slug), 200).await;
    let shown = &v["updates"][0];
    assert_eq!(shown["title"]["en"], "The heaters arrived");
    let html = shown["body_html"]["fa"].as_str().unwrap();
    assert!(
        html.contains("<strong>۲۰ بخاری</strong>") && !html.contains("<script"),
        "{html}"
    );
    let srcs: Vec<&str> = shown["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(srcs.len(), 2);
    let jpeg = app.get(srcs[0]).await;
    assert_eq!(jpeg.headers()["content-type"], "image/jpeg");
    let bytes = jpeg.bytes().await.unwrap();
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif"),
        "stored without EXIF"
    );
    let page = app.text(&format!("/en/programs/{}", p.slug), 200).await;
    assert!(page.contains("The heaters arrived") && page.contains(&format!("src=\"{}\"", srcs[1])));
    assert_eq!(
        upload::Entity::find()
            .filter(upload::Column::Public.eq(true))
            .count(db)
            .await
            .unwrap(),
        2
    );
}
