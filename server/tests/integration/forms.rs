//! Forms done once (issue 16): a form posted twice with the key its page
//! rendered into it records once; a refused form gives its key back, so
//! the corrected form records; the same holds for a file form, whose key
//! is in its address. Posted as a browser without JavaScript posts them
//! (`application/x-www-form-urlencoded`, `Referer`, no `Accept: json`).

use crate::common::browser::{f, signed_in, Answer, Browser};
use crate::common::fixtures::{staff, OpenNeed};
use crate::common::{spawn_app, Backend, TestApp};
use nikoo_domain::entities::codes::CenterRole;
use nikoo_domain::entities::{disbursement, donation};
use nikoo_domain::sea_orm::{EntityTrait, PaginatorTrait};

on_both_backends!(
    a_form_sent_twice_records_once,
    a_refused_form_may_be_sent_again,
    a_file_form_sent_twice_records_once,
    a_refused_form_comes_back_as_typed,
);

/// Posts `form` to server function `endpoint` from `page`, as a plain form.
async fn post(
    b: &mut Browser,
    app: &TestApp,
    endpoint: &str,
    page: &str,
    form: &[(&str, String)],
) -> Answer {
    let origin = format!("http://{}", app.addr);
    let req = app
        .http
        .post(app.url(&format!("/_sfn/{endpoint}")))
        .header("origin", &origin)
        .header("referer", format!("{origin}{page}"))
        .header("accept", "text/html")
        .form(form);
    b.send(req).await
}

async fn donations(app: &TestApp) -> u64 {
    donation::Entity::find().count(&app.db).await.unwrap()
}

/// A signed-in manager of the demo center with an open rial need, the
/// gifts page and a cash gift form for that need's program.
async fn manager(app: &TestApp) -> (Browser, String, Vec<(&'static str, String)>) {
    let irr = OpenNeed::money("IRR").find(&app.db).await;
    staff(app, "forms@t.example", irr.center.id, CenterRole::Manager).await;
    let b = signed_in(app, "forms@t.example").await;
    let page = format!("/en/my/centers/{}/gifts", irr.center.id);
    let form = f(&[
        ("lang", "en"),
        ("center_id", &irr.center.id.to_string()),
        ("designation", &format!("p{}", irr.program.id)),
        ("method", "cash"),
        ("amount", "250000"),
        ("donor_name", "Zahra"),
    ]);
    (b, page, form)
}

fn with_key(form: &[(&'static str, String)], key: &str) -> Vec<(&'static str, String)> {
    let mut form = form.to_vec();
    form.push(("form_key", key.to_owned()));
    form
}

async fn a_form_sent_twice_records_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (mut b, page, form) = manager(&app).await;
    let before = donations(&app).await;
    let sent = with_key(&form, &nikoo_domain::form_keys::new_key());

    let first = post(&mut b, &app, "record_offline_gift", &page, &sent).await;
    assert!(
        first
            .location
            .as_deref()
            .unwrap_or_default()
            .contains("notice=gift_recorded"),
        "{first:?}"
    );
    assert_eq!(donations(&app).await, before + 1);

    // The same rendered form again (a second click, a refresh): back to
    // the page, saying so, and nothing recorded.
    let again = post(&mut b, &app, "record_offline_gift", &page, &sent).await;
    assert_eq!(again.status, 303, "{again:?}");
    assert_eq!(
        again.location.as_deref(),
        Some(format!("{page}?notice=already_sent").as_str())
    );
    assert_eq!(donations(&app).await, before + 1);

    // The page rendered again carries a new key: a second gift is a second gift.
    let html = b.page(&app, &page).await.body;
    assert!(
        html.contains("name=\"form_key\""),
        "the gift form carries a key"
    );
    let next = with_key(&form, &nikoo_domain::form_keys::new_key());
    post(&mut b, &app, "record_offline_gift", &page, &next).await;
    assert_eq!(donations(&app).await, before + 2);
}

async fn a_refused_form_may_be_sent_again(backend: Backend) {
    let app = spawn_app(backend).await;
    let (mut b, page, form) = manager(&app).await;
    let before = donations(&app).await;
    let key = nikoo_domain::form_keys::new_key();
    let mut refused = with_key(&form, &key);
    for (name, value) in &mut refused {
        if *name == "amount" {
            *value = "<b>ten</b>".into();
        }
    }
    let a = post(&mut b, &app, "record_offline_gift", &page, &refused).await;
    assert!(
        a.location.as_deref().unwrap_or_default().contains("__err="),
        "{a:?}"
    );
    assert_eq!(donations(&app).await, before);
    // Corrected and sent with the same key: recorded.
    let a = post(
        &mut b,
        &app,
        "record_offline_gift",
        &page,
        &with_key(&form, &key),
    )
    .await;
    assert!(
        a.location
            .as_deref()
            .unwrap_or_default()
            .contains("notice=gift_recorded"),
        "{a:?}"
    );
    assert_eq!(donations(&app).await, before + 1);
}

async fn a_file_form_sent_twice_records_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let irr = OpenNeed::money("IRR").find(&app.db).await;
    staff(&app, "spend@t.example", irr.center.id, CenterRole::Manager).await;
    let mut b = signed_in(&app, "spend@t.example").await;
    // Money to spend first.
    let page = format!("/en/my/centers/{}/gifts", irr.center.id);
    let form = f(&[
        ("lang", "en"),
        ("center_id", &irr.center.id.to_string()),
        ("designation", &format!("n{}", irr.need.id)),
        ("method", "cash"),
        ("amount", "500000"),
        ("donor_name", ""),
    ]);
    post(&mut b, &app, "record_offline_gift", &page, &form).await;
    let before = disbursement::Entity::find().count(&app.db).await.unwrap();
    let key = nikoo_domain::form_keys::new_key();
    let origin = format!("http://{}", app.addr);
    let action = format!(
        "/en/my/centers/{}/needs/{}/disbursements?form_key={key}",
        irr.center.id, irr.need.id
    );
    let send = |b: &mut Browser| {
        let multipart = reqwest::multipart::Form::new()
            .text("lang", "en")
            .text("program_id", irr.program.id.to_string())
            .text("amount", "1000")
            .text(
                "paid_on",
                crate::common::test_now().date_naive().to_string(),
            )
            .text("payee_type", "supplier")
            .text("description", "Heaters");
        let req = app
            .http
            .post(app.url(&action))
            .header("origin", &origin)
            .header("referer", format!("{origin}/en/x"))
            .multipart(multipart);
        let b = b.clone();
        async move {
            let mut b = b;
            b.send(req).await
        }
    };
    let first = send(&mut b).await;
    assert!(
        first
            .location
            .as_deref()
            .unwrap_or_default()
            .contains("notice="),
        "{first:?}"
    );
    let after_first = disbursement::Entity::find().count(&app.db).await.unwrap();
    let again = send(&mut b).await;
    assert!(
        again
            .location
            .as_deref()
            .unwrap_or_default()
            .contains("notice=already_sent"),
        "{again:?}"
    );
    assert_eq!(
        disbursement::Entity::find().count(&app.db).await.unwrap(),
        after_first
    );
    assert_eq!(after_first, before + 1, "{first:?}");
}

async fn a_refused_form_comes_back_as_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let (mut b, page, form) = manager(&app).await;
    let before = donations(&app).await;
    let mut refused = with_key(&form, &nikoo_domain::form_keys::new_key());
    for (name, value) in &mut refused {
        match *name {
            "amount" => *value = "ten thousand".into(),
            "donor_name" => *value = "</title><b>Zahra</b>".into(),
            _ => {}
        }
    }
    refused.push(("received_on", "1404/09/10".into()));
    let a = post(&mut b, &app, "record_offline_gift", &page, &refused).await;
    assert!(
        a.location.as_deref().unwrap_or_default().contains("__err="),
        "{a:?}"
    );
    assert_eq!(donations(&app).await, before);
    // The page the refusal returns to shows what was typed, escaped.
    let back = a.location.clone().unwrap_or_default();
    let back = back
        .split_once(&app.addr.to_string())
        .map_or(back.as_str(), |(_, path)| path);
    let html = b.page(&app, back).await.body;
    assert!(
        html.contains("value=\"ten thousand\""),
        "the amount comes back"
    );
    assert!(
        html.contains("&lt;/title&gt;&lt;b&gt;Zahra&lt;/b&gt;"),
        "the name comes back, escaped"
    );
    assert!(!html.contains("<b>Zahra</b>"));
    assert!(html.contains("value=\"1404/09/10\""), "the date comes back");
    let designation = refused
        .iter()
        .find(|(n, _)| *n == "designation")
        .unwrap()
        .1
        .clone();
    assert!(
        html.contains(&format!("value=\"{designation}\" selected")),
        "the designation stays chosen"
    );
    // Once: the next visit shows an empty form.
    let again = b.page(&app, &page).await.body;
    assert!(!again.contains("ten thousand"));

    // A refused log-in keeps the address, never the password.
    let mut visitor = Browser::default();
    let origin = format!("http://{}", app.addr);
    let req = app
        .http
        .post(app.url("/_sfn/log_in"))
        .header("origin", &origin)
        .header("referer", format!("{origin}/en/login"))
        .header("accept", "text/html")
        .form(&[
            ("lang", "en"),
            ("email", "forms@t.example"),
            ("password", "a wrong secret"),
            ("form_key", &nikoo_domain::form_keys::new_key()),
        ]);
    let refused = visitor.send(req).await;
    assert!(
        refused
            .location
            .as_deref()
            .unwrap_or_default()
            .contains("__err="),
        "{refused:?}"
    );
    let login = visitor.page(&app, "/en/login").await.body;
    assert!(login.contains("value=\"forms@t.example\""));
    assert!(!login.contains("a wrong secret"));
}
