//! Integration tests of the foundation, each run on SQLite and on PostgreSQL.

use crate::common;

use common::{fresh_db, spawn_app, test_now, Backend, TestApp};
use nikoo_domain::sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use std::collections::BTreeMap;

on_both_backends!(
    seeding_twice_gives_the_same_counts,
    api_totals_equal_ledger_sums,
    unknown_slugs_are_404,
    bad_query_parameters_are_400,
    filters_and_pagination,
    persian_search_ignores_zwnj_and_arabic_letters,
    locale_redirects_and_html_attributes,
    anonymous_names_never_leave_the_server,
    ledger_entries_are_immutable,
    bad_gifts_change_nothing,
    health_check_follows_the_database,
    pledges_and_payments_move_the_figures,
    a_reversal_undoes_a_donation,
    security_headers_on_every_response,
    cross_site_posts_are_refused,
    a_bad_demo_file_loads_nothing,
    server_functions_answer_with_the_error_status,
    the_demo_covers_the_province,
    api_answers_match_their_snapshots,
    a_figure_beyond_64_bits_fails_only_its_program,
);

async fn seeding_twice_gives_the_same_counts(backend: Backend) {
    let db = fresh_db(backend).await;
    let first = nikoo_domain::demo::load(&db, test_now(), None)
        .await
        .unwrap();
    let after_first = nikoo_domain::demo::counts(&db).await.unwrap();
    nikoo_domain::db::migrate(&db).await.unwrap();
    let second = nikoo_domain::demo::load(&db, test_now(), None)
        .await
        .unwrap();
    let after_second = nikoo_domain::demo::counts(&db).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(after_first, after_second);
    let counts: BTreeMap<_, _> = after_first.into_iter().collect();
    assert!(counts["centers"] >= 6, "{counts:?}");
    assert!(counts["programs"] >= 12, "{counts:?}");
    assert!(counts["needs"] >= 40, "{counts:?}");
    assert!(counts["donations"] + counts["pledges"] >= 300, "{counts:?}");
    // Every demo donation went through the ledger: one transaction each.
    assert!(counts["ledger_transactions"] >= counts["donations"]);
    // Every demo spending is a listed disbursement on its own ledger
    // transaction, as the staff form writes it (the program page lists rows).
    let demo_spent = nikoo_domain::demo::ZANJAN_JSON
        .matches(r#""type": "disbursement""#)
        .count() as u64;
    assert!(demo_spent > 0);
    assert_eq!(counts["disbursements"], demo_spent, "{counts:?}");
    use nikoo_domain::entities::{codes::Account, disbursement, ledger_entry};
    use nikoo_domain::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    for d in disbursement::Entity::find().all(&db).await.unwrap() {
        let expensed: i64 = ledger_entry::Entity::find()
            .filter(ledger_entry::Column::TransactionId.eq(d.ledger_transaction_id))
            .filter(ledger_entry::Column::Account.eq(Account::ProgramExpense))
            .all(&db)
            .await
            .unwrap()
            .iter()
            .map(|e| e.amount_minor)
            .sum();
        assert_eq!(expensed.abs(), d.amount_minor, "{}", d.key);
    }
}

/// Sums of ledger entries per program, currency and account, by plain SQL,
/// independent of the services under test.
async fn ledger_sums(app: &TestApp) -> BTreeMap<(String, String, String), i64> {
    let backend = app.db.get_database_backend();
    let sql = "SELECT p.slug, e.currency, e.account, CAST(SUM(e.amount_minor) AS BIGINT) AS total \
               FROM ledger_entries e JOIN programs p ON p.id = e.program_id \
               GROUP BY p.slug, e.currency, e.account";
    let rows = app
        .db
        .query_all(Statement::from_string(backend, sql))
        .await
        .unwrap();
    rows.into_iter()
        .map(|r| {
            let slug: String = r.try_get("", "slug").unwrap();
            let cur: String = r.try_get("", "currency").unwrap();
            let acc: String = r.try_get("", "account").unwrap();
            let total: i64 = r.try_get("", "total").unwrap();
            ((slug, cur, acc), total)
        })
        .collect()
}

/// (received, spent) of one need by plain SQL over the ledger.
async fn need_ledger_sums(app: &TestApp, need_id: i64) -> (i64, i64) {
    let sql = format!(
        "SELECT account, CAST(SUM(amount_minor) AS BIGINT) AS total FROM ledger_entries \
         WHERE need_id = {need_id} GROUP BY account"
    );
    let rows = app
        .db
        .query_all(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap();
    let mut sums = (0, 0);
    for r in rows {
        let account: String = r.try_get("", "account").unwrap();
        let total: i64 = r.try_get("", "total").unwrap();
        match account.as_str() {
            "contributions" => sums.0 = -total,
            "program_expense" => sums.1 = total,
            _ => {}
        }
    }
    sums
}

async fn api_totals_equal_ledger_sums(backend: Backend) {
    let app = spawn_app(backend).await;
    let sums = ledger_sums(&app).await;
    let list = app.json("/api/v1/programs?per_page=100", 200).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, list["total"].as_u64().unwrap());
    assert!(items.len() >= 12);
    let mut checked = 0;
    for item in items {
        let slug = item["slug"].as_str().unwrap();
        let detail = app.json(&format!("/api/v1/programs/{slug}"), 200).await;
        assert_eq!(
            detail["totals"], item["totals"],
            "list and page agree for {slug}"
        );
        for t in item["totals"].as_array().unwrap() {
            let cur = t["currency"].as_str().unwrap().to_owned();
            let get = |acc: &str| {
                sums.get(&(slug.to_owned(), cur.clone(), acc.to_owned()))
                    .copied()
                    .unwrap_or(0)
            };
            assert_eq!(
                t["received"].as_i64().unwrap(),
                -get("contributions"),
                "{slug} {cur} received"
            );
            assert_eq!(
                t["delivered"].as_i64().unwrap(),
                get("program_expense"),
                "{slug} {cur} delivered"
            );
            assert_eq!(
                t["fees"].as_i64().unwrap(),
                get("processing_fees"),
                "{slug} {cur} fees"
            );
            checked += 1;
        }
        // Every need's figures are integers of the right kind; money needs
        // match the ledger entries designated to them.
        for need in detail["needs"].as_array().unwrap() {
            if need["kind"] == "money" {
                let id = need["id"].as_i64().unwrap();
                let (received, spent) = need_ledger_sums(&app, id).await;
                assert_eq!(
                    need["received"].as_i64().unwrap(),
                    received,
                    "{slug} need {id} received"
                );
                assert_eq!(
                    need["delivered"].as_i64().unwrap(),
                    spent,
                    "{slug} need {id} delivered"
                );
            }
            for key in ["target", "pledged", "received", "delivered"] {
                assert!(
                    need[key].as_i64().is_some(),
                    "{slug}: need {key} is an integer"
                );
            }
            match need["kind"].as_str().unwrap() {
                "money" => assert!(need["currency"].is_string() && need.get("unit").is_none()),
                "in_kind" => assert!(need["unit"].is_object() && need.get("currency").is_none()),
                other => panic!("kind {other}"),
            }
        }
    }
    assert!(checked >= 12);
    // The platform totals on the home page add up the same ledger.
    let received_irr: i64 = sums
        .iter()
        .filter(|((_, c, a), _)| c == "IRR" && a == "contributions")
        .map(|(_, v)| -v)
        .sum();
    let html = app.text("/en/", 200).await;
    let shown = nikoo_types::Money::from_minor(received_irr, nikoo_types::Currency::IRR)
        .format(nikoo_types::Locale::En);
    assert!(html.contains(&shown), "home shows total received {shown}");
}

async fn unknown_slugs_are_404(backend: Backend) {
    let app = spawn_app(backend).await;
    let v = app.json("/api/v1/programs/no-such-program", 404).await;
    assert_eq!(v["error"]["code"], "not_found");
    assert!(v["error"]["message"].is_string());
    app.json("/api/v1/centers/no-such-center", 404).await;
    for path in [
        "/fa/programs/no-such-program",
        "/en/centers/no-such-center",
        "/fa/nothing-here",
        "/de/",
        "/xx/programs",
    ] {
        let html = app.text(path, 404).await;
        assert!(html.contains("dir="), "{path} is a full page");
    }
    let html = app.text("/de/", 404).await;
    assert!(
        html.contains("صفحه پیدا نشد") && html.contains("Page not found"),
        "404 page in both languages"
    );
}

async fn bad_query_parameters_are_400(backend: Backend) {
    let app = spawn_app(backend).await;
    for q in [
        "page=abc",
        "page=0",
        "page=-1",
        "per_page=101",
        "per_page=x",
        "category=sports",
        "province=atlantis",
        "county=nowhere",
        "center=no-such-center",
    ] {
        let v = app.json(&format!("/api/v1/programs?{q}"), 400).await;
        assert!(
            v["error"]["code"].as_str().unwrap().starts_with("invalid_"),
            "{q}: {v}"
        );
        let html = app.text(&format!("/fa/programs?{q}"), 400).await;
        assert!(
            html.contains("role=\"alert\""),
            "{q}: the page explains the error"
        );
        app.text(&format!("/en/programs?{q}"), 400).await;
    }
    // A NUL byte is not an error of the database's: no 500 on either backend.
    app.json("/api/v1/programs?q=%00", 200).await;
    app.json("/api/v1/programs/%00", 404).await;
    app.text("/fa/programs/a%00b", 404).await;
    app.text("/fa/programs?q=%00", 200).await;
    // Empty parameters mean no filter.
    let v = app
        .json(
            "/api/v1/programs?q=&category=&province=&county=&center=&page=&per_page=",
            200,
        )
        .await;
    assert_eq!(v["page"], 1);
    assert_eq!(v["per_page"], 20);
}

async fn filters_and_pagination(backend: Backend) {
    let app = spawn_app(backend).await;
    let all = app.json("/api/v1/programs?per_page=100", 200).await;
    let total = all["total"].as_u64().unwrap();
    let health = app.json("/api/v1/programs?category=health", 200).await;
    let items = health["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|p| p["category"] == "health"));
    assert!((items.len() as u64) < total);
    let tarom = app.json("/api/v1/programs?county=tarom", 200).await;
    assert!(tarom["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["county"]["code"] == "tarom"));
    assert!(tarom["total"].as_u64().unwrap() > 0);
    let zanjan = app
        .json("/api/v1/programs?province=zanjan&per_page=100", 200)
        .await;
    assert_eq!(zanjan["total"], all["total"]);
    let tehran = app.json("/api/v1/programs?province=tehran", 200).await;
    assert_eq!(tehran["total"], 0);
    let p1 = app.json("/api/v1/programs?per_page=5&page=1", 200).await;
    let p2 = app.json("/api/v1/programs?per_page=5&page=2", 200).await;
    assert_eq!(p1["items"].as_array().unwrap().len(), 5);
    assert_ne!(p1["items"][0]["slug"], p2["items"][0]["slug"]);
    let past = app.json("/api/v1/programs?page=999", 200).await;
    assert!(past["items"].as_array().unwrap().is_empty());
    assert_eq!(past["total"], all["total"]);
    let center = all["items"][0]["center"]["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_center = app
        .json(&format!("/api/v1/programs?center={center}"), 200)
        .await;
    assert!(by_center["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["center"]["slug"] == center.as_str()));
    let c = app.json(&format!("/api/v1/centers/{center}"), 200).await;
    assert_eq!(
        c["county"]["code"].as_str().map(str::len).map(|n| n > 0),
        Some(true)
    );
    assert_eq!(
        c["programs"].as_array().unwrap().len() as u64,
        by_center["total"].as_u64().unwrap()
    );
    // The page shows the same filter.
    let html = app.text("/en/programs?category=health", 200).await;
    assert!(html.contains(&format!("<strong>{}</strong>", items.len())));
}

async fn persian_search_ignores_zwnj_and_arabic_letters(backend: Backend) {
    let app = spawn_app(backend).await;
    let search = |q: &str| {
        let q = nikoo_types::query::percent_encode(q);
        let app = &app;
        async move {
            let v = app
                .json(&format!("/api/v1/programs?per_page=100&q={q}"), 200)
                .await;
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["slug"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let with_zwnj = search("می\u{200C}کند").await;
    let without = search("میکند").await;
    assert!(!with_zwnj.is_empty());
    assert_eq!(with_zwnj, without);
    // Arabic yeh and kaf find Persian text.
    let persian = search("نیکوکاری").await;
    assert!(!persian.is_empty());
    assert_eq!(search("نيكوكاري").await, persian);
    assert_eq!(search("NIKOO-NO-SUCH-WORD").await, Vec::<String>::new());
    // Wildcards are literal.
    assert!(search("%").await.is_empty());
}

async fn locale_redirects_and_html_attributes(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = app.get("/").await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "/fa/");
    let vary = r.headers()["vary"].to_str().unwrap().to_ascii_lowercase();
    assert!(vary.contains("accept-language") && vary.contains("cookie"));
    let en = app
        .http
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9,fa;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(en.headers()["location"], "/en/");
    let cookie = app
        .http
        .get(app.url("/"))
        .header("accept-language", "en")
        .header("cookie", "nikoo_lang=fa")
        .send()
        .await
        .unwrap();
    assert_eq!(cookie.headers()["location"], "/fa/", "the cookie wins");
    let r = app.get("/fa/programs/?category=health").await;
    assert_eq!(r.status(), 308);
    assert_eq!(r.headers()["location"], "/fa/programs?category=health");
    assert_eq!(
        app.get("//example.org/").await.status(),
        404,
        "no open redirect"
    );
    let r = app.get("/en").await;
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["location"].to_str().unwrap()
        ),
        (302, "/en/")
    );

    let fa = app.get("/fa/").await;
    assert_eq!(fa.status(), 200);
    let set_cookie = fa
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(set_cookie.starts_with("nikoo_lang=fa"), "{set_cookie}");
    let fa = fa.text().await.unwrap();
    assert!(fa.contains("<html lang=\"fa\" dir=\"rtl\""));
    assert!(fa.contains("تومان"), "IRR in toman");
    assert!(
        fa.chars().any(|c| ('۰'..='۹').contains(&c)),
        "Persian digits"
    );
    let en = app.text("/en/programs", 200).await;
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\""));
    assert!(en.contains(" IRR"));
    // The language switch keeps the path and the query.
    let en = app.text("/en/programs?category=health", 200).await;
    assert!(
        en.contains("href=\"/fa/programs?category=health\""),
        "switch keeps path and query"
    );
}

async fn anonymous_names_never_leave_the_server(backend: Backend) {
    use nikoo_domain::giving::records::{self as giving, NewDonation, PaymentMethod};
    let app = spawn_app(backend).await;
    let list = app.json("/api/v1/programs", 200).await;
    let slug = list["items"][0]["slug"].as_str().unwrap().to_owned();
    let program = nikoo_domain::catalog::visible_programs()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.slug == slug)
        .unwrap();
    let marker = "ZZ-Anonymous-Marker-7f3a";
    let donor = nikoo_domain::giving::donors::upsert_donor(
        &app.db,
        test_now(),
        "marker-donor",
        marker,
        None,
    )
    .await
    .unwrap();
    let currency = list["items"][0]["totals"][0]["currency"].as_str().unwrap();
    giving::record_donation(
        &app.db,
        test_now(),
        NewDonation {
            key: "marker-gift".into(),
            donor_id: Some(donor.id),
            anonymous: true,
            hidden_from_center: false,
            pledging_center_id: None,
            program_id: program.id,
            need_id: None,
            pledge_id: None,
            method: PaymentMethod::Cash,
            amount: nikoo_types::Money::from_minor(
                100_000,
                nikoo_types::Currency::from_code(currency).unwrap(),
            ),
            received_at: test_now(),
        },
    )
    .await
    .unwrap();
    for path in [
        format!("/fa/programs/{slug}"),
        format!("/en/programs/{slug}"),
        format!("/api/v1/programs/{slug}"),
        "/fa/".into(),
        "/api/v1/programs".into(),
    ] {
        let body = app.text(&path, 200).await;
        assert!(
            !body.contains(marker),
            "{path} leaks an anonymous donor's name"
        );
    }
    let page = app.text(&format!("/fa/programs/{slug}"), 200).await;
    assert!(page.contains("ناشناس"));
    let page = app.text(&format!("/en/programs/{slug}"), 200).await;
    assert!(page.contains("Anonymous"));
}

async fn ledger_entries_are_immutable(backend: Backend) {
    let app = spawn_app(backend).await;
    let b = app.db.get_database_backend();
    for sql in [
        "UPDATE ledger_entries SET amount_minor = amount_minor + 1",
        "DELETE FROM ledger_entries",
        "UPDATE ledger_transactions SET kind = 'x'",
        "DELETE FROM in_kind_movements",
    ] {
        assert!(
            app.db
                .execute(Statement::from_string(b, sql))
                .await
                .is_err(),
            "{sql} must fail"
        );
    }
    // Every transaction sums to zero per currency.
    let sql = "SELECT transaction_id, currency, CAST(SUM(amount_minor) AS BIGINT) AS s FROM ledger_entries \
               GROUP BY transaction_id, currency HAVING SUM(amount_minor) <> 0";
    let unbalanced = app
        .db
        .query_all(Statement::from_string(b, sql))
        .await
        .unwrap();
    assert!(unbalanced.is_empty());
}

async fn bad_gifts_change_nothing(backend: Backend) {
    use nikoo_domain::giving::records::{
        self as giving, NewDisbursement, NewDonation, PaymentMethod,
    };
    use nikoo_domain::DomainError;
    let app = spawn_app(backend).await;
    let before = nikoo_domain::demo::counts(&app.db).await.unwrap();
    let programs = nikoo_domain::catalog::visible_programs()
        .all(&app.db)
        .await
        .unwrap();
    let (a, b) = (&programs[0], &programs[1]);
    let need_of_b = {
        use nikoo_domain::entities::need;
        use nikoo_domain::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        need::Entity::find()
            .filter(need::Column::ProgramId.eq(b.id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let gift = |need_id: Option<i32>, minor: i64| NewDonation {
        key: format!("bad-{need_id:?}-{minor}"),
        donor_id: None,
        anonymous: true,
        hidden_from_center: false,
        pledging_center_id: None,
        program_id: a.id,
        need_id,
        pledge_id: None,
        method: PaymentMethod::Cash,
        amount: nikoo_types::Money::from_minor(minor, nikoo_types::Currency::IRR),
        received_at: test_now(),
    };
    let err = giving::record_donation(&app.db, test_now(), gift(Some(need_of_b), 1000))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, DomainError::Invalid(f) if f.field == "need"),
        "{err:?}"
    );
    let err = giving::record_donation(&app.db, test_now(), gift(None, 0))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, DomainError::Invalid(f) if f.field == "amount"),
        "{err:?}"
    );
    let err = giving::record_disbursement(
        &app.db,
        test_now(),
        NewDisbursement {
            key: "too-much".into(),
            program_id: b.id,
            need_id: need_of_b,
            amount: nikoo_types::Money::from_minor(i64::MAX / 2, nikoo_types::Currency::IRR),
            memo_fa: None,
            memo_en: None,
            occurred_at: test_now(),
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, DomainError::Invalid(_)), "{err:?}");
    assert_eq!(nikoo_domain::demo::counts(&app.db).await.unwrap(), before);
}

async fn health_check_follows_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    // An entry the public overview cannot read (written past the
    // application, in a currency it does not know): the home page fails,
    // and so does the health check, saying why.
    app.db
        .execute_unprepared(
            "INSERT INTO ledger_entries (transaction_id, account, program_id, need_id, currency, amount_minor) \
             SELECT transaction_id, account, program_id, need_id, 'XXX', 0 FROM ledger_entries LIMIT 1",
        )
        .await
        .unwrap();
    assert_eq!(app.get("/en/").await.status(), 500);
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.text().await.unwrap(), "public overview failing");
    app.db.clone().close().await.unwrap();
    assert_eq!(app.get("/healthz").await.status(), 503);
}

/// The first money need of the first listed program, with its figures.
async fn first_money_need(app: &TestApp) -> (String, Value) {
    let list = app.json("/api/v1/programs?per_page=100", 200).await;
    for item in list["items"].as_array().unwrap() {
        let slug = item["slug"].as_str().unwrap().to_owned();
        let detail = app.json(&format!("/api/v1/programs/{slug}"), 200).await;
        if let Some(n) = detail["needs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["kind"] == "money")
        {
            return (slug, n.clone());
        }
    }
    panic!("no money need in the demo");
}

async fn need_now(app: &TestApp, slug: &str, id: i64) -> Value {
    let detail = app.json(&format!("/api/v1/programs/{slug}"), 200).await;
    detail["needs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
        .unwrap()
        .clone()
}

async fn pledges_and_payments_move_the_figures(backend: Backend) {
    use nikoo_domain::giving::records::{
        self as giving, NewDonation, NewPledge, PaymentMethod, Promise,
    };
    use nikoo_domain::pledge_schedule::Frequency;
    let app = spawn_app(backend).await;
    let (slug, need) = first_money_need(&app).await;
    let need_id = need["id"].as_i64().unwrap();
    let currency = nikoo_types::Currency::from_code(need["currency"].as_str().unwrap()).unwrap();
    let program = nikoo_domain::catalog::visible_programs()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.slug == slug)
        .unwrap();
    let amount = nikoo_types::Money::from_minor(7_000, currency);
    let pledge = giving::record_pledge(
        &app.db,
        test_now(),
        NewPledge {
            key: "test-pledge".into(),
            donor_id: None,
            anonymous: true,
            hidden_from_center: false,
            pledging_center_id: None,
            program_id: program.id,
            need_id: Some(need_id as i32),
            promise: Promise::Money {
                amount,
                frequency: Frequency::Monthly,
                installments: Some(3),
            },
            start_date: nikoo_domain::calendar::today(test_now()),
        },
    )
    .await
    .unwrap();
    let after_pledge = need_now(&app, &slug, need_id).await;
    assert_eq!(
        after_pledge["pledged"].as_i64().unwrap(),
        need["pledged"].as_i64().unwrap() + 21_000
    );
    assert_eq!(after_pledge["received"], need["received"]);
    // One installment paid: pledged down, received up, by the same amount.
    let gift = |key: &str, pledge_id: Option<i32>, money: nikoo_types::Money| NewDonation {
        key: key.into(),
        donor_id: None,
        anonymous: true,
        hidden_from_center: false,
        pledging_center_id: None,
        program_id: program.id,
        need_id: Some(need_id as i32),
        pledge_id,
        method: PaymentMethod::BankTransfer,
        amount: money,
        received_at: test_now(),
    };
    giving::record_donation(
        &app.db,
        test_now(),
        gift("test-installment-1", Some(pledge.id), amount),
    )
    .await
    .unwrap();
    let after_payment = need_now(&app, &slug, need_id).await;
    assert_eq!(
        after_payment["pledged"].as_i64().unwrap(),
        need["pledged"].as_i64().unwrap() + 14_000
    );
    assert_eq!(
        after_payment["received"].as_i64().unwrap(),
        need["received"].as_i64().unwrap() + 7_000
    );
    // Recording the same payment again changes nothing (idempotent by key).
    giving::record_donation(
        &app.db,
        test_now(),
        gift("test-installment-1", Some(pledge.id), amount),
    )
    .await
    .unwrap();
    assert_eq!(need_now(&app, &slug, need_id).await, after_payment);
    // A payment in another currency cannot be booked against the pledge.
    let other = if currency == nikoo_types::Currency::EUR {
        nikoo_types::Currency::IRR
    } else {
        nikoo_types::Currency::EUR
    };
    let wrong = gift(
        "test-wrong-currency",
        Some(pledge.id),
        nikoo_types::Money::from_minor(7_000, other),
    );
    assert!(giving::record_donation(&app.db, test_now(), wrong)
        .await
        .is_err());
    assert_eq!(need_now(&app, &slug, need_id).await, after_payment);
}

async fn a_reversal_undoes_a_donation(backend: Backend) {
    use nikoo_domain::entities::donation;
    use nikoo_domain::sea_orm::{EntityTrait, QueryOrder};
    let app = spawn_app(backend).await;
    let d = donation::Entity::find()
        .order_by_asc(donation::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let slug = nikoo_domain::catalog::visible_programs()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id == d.program_id)
        .unwrap()
        .slug;
    let received = |v: &Value| {
        v["totals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["currency"] == d.currency.as_str())
            .unwrap()["received"]
            .as_i64()
            .unwrap()
    };
    let before = received(&app.json(&format!("/api/v1/programs/{slug}"), 200).await);
    nikoo_domain::ledger::reverse(
        &app.db,
        test_now(),
        d.ledger_transaction_id,
        "test-reversal".into(),
    )
    .await
    .unwrap();
    let after = received(&app.json(&format!("/api/v1/programs/{slug}"), 200).await);
    assert_eq!(after, before - d.amount_minor);
    // The same reversal key cannot be posted twice.
    assert!(nikoo_domain::ledger::reverse(
        &app.db,
        test_now(),
        d.ledger_transaction_id,
        "test-reversal".into()
    )
    .await
    .is_err());
}

async fn security_headers_on_every_response(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in [
        "/",
        "/fa/",
        "/en/programs",
        "/fa/nothing",
        "/api/v1/programs",
        "/api/v1/programs?page=x",
        "/healthz",
    ] {
        let r = app.get(path).await;
        let h = r.headers();
        let get = |name: &str| {
            h.get(name)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        assert_eq!(get("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            get("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(
            get("strict-transport-security").starts_with("max-age="),
            "{path}: HSTS on https"
        );
        let csp = get("content-security-policy");
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
    }
    // A page's scripts all carry the nonce its policy names.
    let r = app.get("/fa/").await;
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    // Without card payments no page may load anything from Stripe.
    assert!(!csp.contains("stripe"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce")
        .to_owned();
    let html = r.text().await.unwrap();
    let scripts: Vec<&str> = html
        .split("<script")
        .skip(1)
        .map(|s| s.split('>').next().unwrap_or_default())
        .collect();
    assert!(!scripts.is_empty());
    for tag in scripts {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "script without the page nonce: <script{tag}>"
        );
    }
    // Each page has its own nonce.
    let other = app.get("/fa/").await.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_ne!(csp, other);
}

async fn cross_site_posts_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let post = |origin: Option<String>, cookie: Option<&str>| {
        let mut req = app
            .http
            .post(app.url("/_sfn/overview"))
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.body("")
    };
    let own = format!("http://{}", app.addr);
    assert_eq!(
        post(Some(own.clone()), None).send().await.unwrap().status(),
        200
    );
    let evil = post(
        Some("https://evil.example".into()),
        Some("nikoo_session=abc"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(evil.status(), 403);
    assert_eq!(
        post(None, None).send().await.unwrap().status(),
        200,
        "no Origin, no session: allowed"
    );
    assert_eq!(
        post(None, Some("nikoo_session=abc"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let by_referer = app
        .http
        .post(app.url("/_sfn/overview"))
        .header("referer", "https://evil.example/page")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(by_referer.status(), 403);
    // GET is never refused.
    let get = app
        .http
        .get(app.url("/fa/"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 200);
}

async fn a_bad_demo_file_loads_nothing(backend: Backend) {
    let db = fresh_db(backend).await;
    let mut file: Value = serde_json::from_str(nikoo_domain::demo::ZANJAN_JSON).unwrap();
    // The last gift names a need that does not exist: everything before it must not stay.
    let gifts = file["gifts"].as_array_mut().unwrap();
    let last = gifts
        .iter_mut()
        .rev()
        .find(|g| g["type"] == "donation")
        .unwrap();
    last["need"] = Value::String("no-such-need".into());
    let err = nikoo_domain::demo::load(&db, test_now(), Some(&file.to_string()))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no-such-need"), "{err}");
    let counts = nikoo_domain::demo::counts(&db).await.unwrap();
    assert!(
        counts.iter().all(|(_, n)| *n == 0),
        "nothing stays: {counts:?}"
    );
}

async fn server_functions_answer_with_the_error_status(backend: Backend) {
    let app = spawn_app(backend).await;
    let own = format!("http://{}", app.addr);
    let call = |path: &str, content_type: &str, body: String| {
        app.http
            .post(app.url(path))
            .header("origin", own.clone())
            .header("content-type", content_type.to_owned())
            .body(body)
            .send()
    };
    let form = "application/x-www-form-urlencoded";
    assert_eq!(
        call("/_sfn/program", form, "slug=no-such-program".into())
            .await
            .unwrap()
            .status(),
        404
    );
    let bad = call(
        "/_sfn/programs",
        "application/json",
        r#"{"raw":{"page":"x"}}"#.into(),
    )
    .await
    .unwrap();
    assert_eq!(bad.status(), 400);
    let body: Value = bad.json().await.unwrap();
    assert_eq!(body["Invalid"]["field"], "page", "{body}");
    let ok = call(
        "/_sfn/programs",
        "application/json",
        r#"{"raw":{"category":"health"}}"#.into(),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), 200);
}

async fn the_demo_covers_the_province(backend: Backend) {
    use nikoo_domain::entities::{county, province};
    use nikoo_domain::sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = spawn_app(backend).await;
    assert_eq!(
        province::Entity::find().count(&app.db).await.unwrap(),
        31,
        "all provinces of Iran"
    );
    let zanjan = county::Entity::find()
        .filter(county::Column::ProvinceCode.eq("zanjan"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(zanjan, 8, "Zanjan's eight counties");
    let list = app.json("/api/v1/programs?per_page=100", 200).await;
    let items = list["items"].as_array().unwrap();
    let categories: std::collections::BTreeSet<&str> = items
        .iter()
        .map(|p| p["category"].as_str().unwrap())
        .collect();
    assert_eq!(categories.len(), 8, "every category: {categories:?}");
    let eur: Vec<&Value> = items
        .iter()
        .filter(|p| {
            p["totals"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["currency"] == "EUR")
        })
        .collect();
    assert_eq!(eur.len(), 1, "exactly one program in EUR");
    for p in items {
        // Texts are {"fa", "en"} objects; places are {"code", "name"}.
        assert!(
            p["title"]["fa"].is_string() && p["title"].get("en").is_some(),
            "{p}"
        );
        assert!(p["county"]["code"].is_string() && p["county"]["name"]["fa"].is_string());
        assert_eq!(p["province"]["code"], "zanjan");
    }
    for remote in ["tarom", "mahneshan"] {
        let v = app
            .json(&format!("/api/v1/programs?county={remote}"), 200)
            .await;
        assert!(v["total"].as_u64().unwrap() > 0, "programs in {remote}");
    }
    // The center page shows the center, its programs and its totals.
    let center = items[0]["center"]["slug"].as_str().unwrap();
    let name = items[0]["center"]["name"]["en"].as_str().unwrap();
    let html = app.text(&format!("/en/centers/{center}"), 200).await;
    assert!(
        html.contains(name) && html.contains("class=\"funding\"") && html.contains("program-card")
    );
}

/// The public API's answers on the demo, whole (snapshots in
/// `snapshots/api_*.snap`): a page of the program list, a program with
/// its needs, spending, pledges and recent gifts, and its center. Both
/// databases give the same.
async fn api_answers_match_their_snapshots(backend: Backend) {
    let app = spawn_app(backend).await;
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap();
    let list = app.json("/api/v1/programs?per_page=3", 200).await;
    common::assert_snapshot("api_programs_page", &pretty(&list));
    let program = app.json("/api/v1/programs/ramadan-food-zanjan", 200).await;
    common::assert_snapshot("api_program", &pretty(&program));
    let center = program["center"]["slug"].as_str().unwrap().to_owned();
    let center = app.json(&format!("/api/v1/centers/{center}"), 200).await;
    common::assert_snapshot("api_center", &pretty(&center));
}

/// Two gifts of i64::MAX rials, recorded past the application (before
/// amounts were bounded, a coordinator could): that program's page fails,
/// every other page, the API and the health check go on; reversing them
/// brings the program back.
async fn a_figure_beyond_64_bits_fails_only_its_program(backend: Backend) {
    use nikoo_domain::ledger::{self, Account, NewTransaction, Posting, TransactionKind};
    use nikoo_domain::Clock;
    use nikoo_types::{Currency, Money};
    let app = spawn_app(backend).await;
    let found = crate::common::fixtures::OpenNeed::money("IRR")
        .find(&app.db)
        .await;
    let (p, n) = (found.program, found.need);
    let other = crate::common::fixtures::OpenNeed::money("EUR")
        .find(&app.db)
        .await
        .program;
    assert_ne!(p.id, other.id);
    let mut ids = Vec::new();
    for key in ["huge-1", "huge-2"] {
        let posting = |account, minor| Posting {
            account,
            program_id: Some(p.id),
            need_id: Some(n.id),
            money: Money::from_minor(minor, Currency::IRR),
        };
        let t = ledger::post(
            &app.db,
            app.clock.now(),
            NewTransaction {
                idempotency_key: key.into(),
                kind: TransactionKind::Donation,
                occurred_at: app.clock.now(),
                memo_fa: None,
                memo_en: None,
                reverses_id: None,
                postings: vec![
                    posting(Account::Cash, i64::MAX),
                    posting(Account::Contributions, -i64::MAX),
                ],
            },
        )
        .await
        .unwrap();
        ids.push(t.id);
    }
    for path in [
        "/fa/",
        "/en/",
        "/en/programs",
        "/api/v1/programs",
        "/healthz",
    ] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
    assert_eq!(
        app.get(&format!("/api/v1/programs/{}", other.slug))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get(&format!("/en/programs/{}", other.slug))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get(&format!("/api/v1/programs/{}", p.slug))
            .await
            .status(),
        500
    );
    assert_eq!(
        app.get(&format!("/en/programs/{}", p.slug)).await.status(),
        500
    );
    // One reversed, the other still passes 64 bits with the program's gifts.
    ledger::reverse(&app.db, app.clock.now(), ids[0], "huge-1-reversed".into())
        .await
        .unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/programs/{}", p.slug))
            .await
            .status(),
        500
    );
    ledger::reverse(&app.db, app.clock.now(), ids[1], "huge-2-reversed".into())
        .await
        .unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/programs/{}", p.slug))
            .await
            .status(),
        200
    );
}
