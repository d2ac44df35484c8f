//! Card payments: the Stripe webhook's signature rules, events applied
//! exactly once in any order, refunds in the ledger, idempotent charges
//! against a fake Stripe API that times out, and a property test over
//! random event streams.

use crate::common;

use common::{received, Backend, TestApp};
use nikoo_domain::entities::codes::PaymentStatus;
use nikoo_domain::entities::{donation, ledger_entry, need, payment, program};
use nikoo_domain::giving::payments::{apply_event, PaymentUpdate, ProviderEvent};
use nikoo_domain::sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use nikoo_domain::Clock;
use stripe_webhook::Webhook;

on_both_backends!(
    signatures_are_checked_before_anything_changes,
    an_event_delivered_twenty_times_at_once_applies_once,
    a_refund_before_its_success_still_ends_refunded,
    a_stale_status_after_success_changes_nothing,
    staff_record_cash_gifts_and_refund_card_gifts,
    fees_are_read_once_and_posted_to_the_ledger,
);

const SECRET: &str = "whsec_nikoo_test";
/// The demo's euro program and its first need.
const PROGRAM: &str = "diaspora-warm-homes-mahneshan";

async fn app(backend: Backend) -> TestApp {
    let mut settings = common::test_settings();
    settings.stripe = Some(nikoo_server::settings::StripeSettings {
        secret_key: "sk_test_nikoo".into(),
        publishable_key: "pk_test_nikoo".into(),
        webhook_secret: Some(SECRET.into()),
        api_base: "http://127.0.0.1:9/".into(),
        js_url: "http://127.0.0.1:9/js.stripe.com/v3/".into(),
    });
    common::spawn_with(common::demo_db(backend).await, settings, None).await
}

/// The euro program's first money need.
async fn euro_need(db: &DatabaseConnection) -> need::Model {
    let p = program::Entity::find()
        .filter(program::Column::Slug.eq(PROGRAM))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    need::Entity::find()
        .filter(need::Column::ProgramId.eq(p.id))
        .filter(need::Column::Currency.eq("EUR"))
        .order_by_asc(need::Column::Position)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// A card payment of `minor` euro cents to the euro need, charged as `pi`.
async fn payment(db: &DatabaseConnection, key: &str, pi: &str, minor: i64) -> payment::Model {
    let n = euro_need(db).await;
    let now = common::test_now();
    payment::ActiveModel {
        key: Set(key.into()),
        provider: Set("stripe".into()),
        provider_ref: Set(Some(pi.into())),
        anonymous: Set(false),
        hidden_from_center: Set(false),
        program_id: Set(n.program_id),
        need_id: Set(Some(n.id)),
        amount_minor: Set(minor),
        currency: Set("EUR".into()),
        status: Set(PaymentStatus::Created),
        refunded_minor: Set(0),
        refund_posted_minor: Set(0),
        keep_card: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

/// A `payment_intent.*` event as Stripe sends it (only the fields Nikoo reads matter).
fn intent_event(id: &str, kind: &str, pi: &str, key: Option<&str>) -> String {
    let metadata = match key {
        Some(k) => serde_json::json!({ "nikoo_payment": k }),
        None => serde_json::json!({}),
    };
    serde_json::json!({
        "id": id, "object": "event", "type": kind, "pending_webhooks": 1,
        "data": { "object": {
            "id": pi, "object": "payment_intent", "status": kind.trim_start_matches("payment_intent."),
            "client_secret": format!("{pi}_secret"), "metadata": metadata,
            "last_payment_error": if kind.ends_with("failed") {
                serde_json::json!({ "code": "card_declined", "decline_code": "insufficient_funds" })
            } else { serde_json::Value::Null },
        }}
    })
    .to_string()
}

/// A `charge.refunded` event with the charge's cumulative `amount_refunded`.
fn refund_event(id: &str, pi: &str, refunded: i64) -> String {
    serde_json::json!({
        "id": id, "object": "event", "type": "charge.refunded",
        "data": { "object": {
            "id": format!("ch_{pi}"), "object": "charge", "payment_intent": pi,
            "amount_refunded": refunded, "refunded": false, "metadata": {},
        }}
    })
    .to_string()
}

/// Stripe's header for `payload` signed at `t` (async-stripe's own signer).
fn sign(payload: &str, t: i64) -> String {
    Webhook::generate_test_header(payload, SECRET, Some(t))
}

async fn deliver(app: &TestApp, payload: &str, signature: Option<&str>) -> u16 {
    let mut req = app
        .http
        .post(app.url("/webhooks/stripe"))
        .header("content-type", "application/json")
        .body(payload.to_owned());
    if let Some(s) = signature {
        req = req.header("stripe-signature", s);
    }
    req.send().await.unwrap().status().as_u16()
}

async fn deliver_signed(app: &TestApp, payload: &str) -> u16 {
    deliver(
        app,
        payload,
        Some(&sign(payload, app.clock.now().timestamp())),
    )
    .await
}

async fn card_gifts(db: &DatabaseConnection, key: &str) -> u64 {
    donation::Entity::find()
        .filter(donation::Column::Key.eq(format!("payment:{key}")))
        .count(db)
        .await
        .unwrap()
}

async fn signatures_are_checked_before_anything_changes(backend: Backend) {
    let app = app(backend).await;
    // With card payments on, the pages' policy lets the card form load.
    let page = app.get(&format!("/en/give/{PROGRAM}")).await;
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("frame-src http://127.0.0.1:9"), "{csp}");
    let n = euro_need(&app.db).await;
    let before = received(&app.db, n.id).await;
    payment(&app.db, "k-sig", "pi_sig", 2500).await;
    let payload = intent_event("evt_sig", "payment_intent.succeeded", "pi_sig", None);
    let now = app.clock.now().timestamp();
    // One changed byte of the body.
    let header = sign(&payload, now);
    let tampered = payload.replace("pi_sig", "pi_siG");
    assert_eq!(deliver(&app, &tampered, Some(&header)).await, 400);
    // No header, a header without v1, a wrong secret.
    assert_eq!(deliver(&app, &payload, None).await, 400);
    assert_eq!(
        deliver(&app, &payload, Some(&format!("t={now}"))).await,
        400
    );
    let foreign = Webhook::generate_test_header(&payload, "whsec_other", Some(now));
    assert_eq!(deliver(&app, &payload, Some(&foreign)).await, 400);
    // 301 s in the past and in the future.
    for t in [now - 301, now + 301] {
        assert_eq!(deliver(&app, &payload, Some(&sign(&payload, t))).await, 400);
    }
    assert_eq!(received(&app.db, n.id).await, before, "nothing changed");
    assert_eq!(card_gifts(&app.db, "k-sig").await, 0);
    // Two v1 signatures (a secret rotating), only the second valid; 300 s off is still on time.
    let valid = sign(&payload, now - 300);
    let v1 = valid.split("v1=").nth(1).unwrap();
    let rotating = format!("t={},v1={},v1={v1}", now - 300, "00".repeat(32));
    assert_eq!(deliver(&app, &payload, Some(&rotating)).await, 200);
    assert_eq!(received(&app.db, n.id).await, before + 2500);
    assert_eq!(card_gifts(&app.db, "k-sig").await, 1);
    // An event type Nikoo ignores is still acknowledged.
    let other = serde_json::json!({"id": "evt_other", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}).to_string();
    assert_eq!(deliver_signed(&app, &other).await, 200);
}

async fn an_event_delivered_twenty_times_at_once_applies_once(backend: Backend) {
    let app = app(backend).await;
    let n = euro_need(&app.db).await;
    let before = received(&app.db, n.id).await;
    payment(&app.db, "k-twenty", "pi_twenty", 1800).await;
    // Found by the key in the metadata, as when the event beats the charge's answer.
    let payload = intent_event(
        "evt_twenty",
        "payment_intent.succeeded",
        "pi_unknown_yet",
        Some("k-twenty"),
    );
    let header = sign(&payload, app.clock.now().timestamp());
    let handles: Vec<_> = (0..20)
        .map(|_| {
            let req = app
                .http
                .post(app.url("/webhooks/stripe"))
                .header("stripe-signature", header.clone())
                .body(payload.clone());
            tokio::spawn(async move { req.send().await.unwrap().status().as_u16() })
        })
        .collect();
    let mut statuses = Vec::new();
    for h in handles {
        statuses.push(h.await.unwrap());
    }
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(card_gifts(&app.db, "k-twenty").await, 1);
    assert_eq!(received(&app.db, n.id).await, before + 1800);
    let p = payment::Entity::find()
        .filter(payment::Column::Key.eq("k-twenty"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.status, PaymentStatus::Succeeded);
}

async fn a_refund_before_its_success_still_ends_refunded(backend: Backend) {
    let app = app(backend).await;
    let n = euro_need(&app.db).await;
    let before = received(&app.db, n.id).await;
    payment(&app.db, "k-early", "pi_early", 5000).await;
    // A partial refund (from Stripe's dashboard) arrives first, then a second one, out of order.
    assert_eq!(
        deliver_signed(&app, &refund_event("evt_r2", "pi_early", 3000)).await,
        200
    );
    assert_eq!(
        deliver_signed(&app, &refund_event("evt_r1", "pi_early", 1000)).await,
        200
    );
    assert_eq!(
        received(&app.db, n.id).await,
        before,
        "nothing received yet"
    );
    let success = intent_event("evt_ok", "payment_intent.succeeded", "pi_early", None);
    assert_eq!(deliver_signed(&app, &success).await, 200);
    assert_eq!(
        received(&app.db, n.id).await,
        before + 2000,
        "5000 − 3000 refunded"
    );
    // The full refund after it.
    assert_eq!(
        deliver_signed(&app, &refund_event("evt_r3", "pi_early", 5000)).await,
        200
    );
    assert_eq!(received(&app.db, n.id).await, before);
    // Replays change nothing; the ledger never goes below zero for the gift.
    for e in [refund_event("evt_r1", "pi_early", 1000), success] {
        assert_eq!(deliver_signed(&app, &e).await, 200);
    }
    assert_eq!(received(&app.db, n.id).await, before);
    assert_ledger_balanced(&app.db).await;
}

async fn a_stale_status_after_success_changes_nothing(backend: Backend) {
    let app = app(backend).await;
    let n = euro_need(&app.db).await;
    let before = received(&app.db, n.id).await;
    payment(&app.db, "k-stale", "pi_stale", 700).await;
    for (id, kind) in [
        ("evt_a", "payment_intent.succeeded"),
        ("evt_b", "payment_intent.processing"),
        ("evt_c", "payment_intent.payment_failed"),
        ("evt_d", "payment_intent.requires_action"),
    ] {
        assert_eq!(
            deliver_signed(&app, &intent_event(id, kind, "pi_stale", None)).await,
            200
        );
    }
    let p = payment::Entity::find()
        .filter(payment::Column::Key.eq("k-stale"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.status, PaymentStatus::Succeeded);
    assert_eq!(p.failure_code, None);
    assert_eq!(received(&app.db, n.id).await, before + 700);
    // A failure first, then success (the donor's retry), ends succeeded.
    payment(&app.db, "k-retry", "pi_retry", 300).await;
    for (id, kind) in [
        ("evt_e", "payment_intent.payment_failed"),
        ("evt_f", "payment_intent.succeeded"),
    ] {
        assert_eq!(
            deliver_signed(&app, &intent_event(id, kind, "pi_retry", None)).await,
            200
        );
    }
    assert_eq!(received(&app.db, n.id).await, before + 1000);
}

/// Every ledger transaction sums to zero per currency.
async fn assert_ledger_balanced(db: &DatabaseConnection) {
    let entries = ledger_entry::Entity::find().all(db).await.unwrap();
    let mut sums = std::collections::BTreeMap::<(i32, String), i64>::new();
    for e in entries {
        *sums.entry((e.transaction_id, e.currency)).or_default() += e.amount_minor;
    }
    for (k, v) in sums {
        assert_eq!(v, 0, "transaction {k:?} does not balance");
    }
}

// ------------------------------------------------------------ idempotency

/// A charge whose answer times out is retried with the same idempotency
/// key, and one charge results; the amount is the server's, not the browser's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_a_timeout_reuses_the_key_and_charges_once() {
    use nikoo_domain::giving::payments::card_gifts;
    use nikoo_types::giving::{Anonymity, CardGiftForm, GiftState};
    let db = common::demo_db(Backend::Sqlite).await;
    let (base, seen) = common::fake_stripe::start().await;
    let stripe = nikoo_server::payments::stripe::Stripe::new(
        "sk_test_fake",
        "pk_test_fake",
        &base,
        "http://127.0.0.1:9/v3/",
        std::time::Duration::from_secs(1),
    )
    .unwrap();
    let n = euro_need(&db).await;
    let now = common::test_now();
    let form = CardGiftForm {
        lang: nikoo_types::Locale::En,
        program: PROGRAM.into(),
        need: Some(n.id),
        amount: "12.50".into(),
        email: "guest@t.example".into(),
        display_name: String::new(),
        anonymity: Anonymity::Anonymous,
        keep_card: true,
        updates: false,
    };
    let before = received(&db, n.id).await;
    let started = card_gifts::start_card_gift(&db, &stripe, now, None, &form)
        .await
        .unwrap();
    assert_eq!(started.client_secret, "seti_fake_secret");
    let first =
        card_gifts::charge_card_gift(&db, &stripe, now, &started.payment_key, "seti_fake").await;
    assert!(
        matches!(&first, Err(e) if e.to_string().contains("card: unavailable")),
        "{first:?}"
    );
    assert_eq!(
        received(&db, n.id).await,
        before,
        "nothing received on a timeout"
    );
    let second = card_gifts::charge_card_gift(&db, &stripe, now, &started.payment_key, "seti_fake")
        .await
        .unwrap();
    assert!(matches!(second, GiftState::Succeeded { .. }), "{second:?}");
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.keys.len(), 2, "called twice");
        assert_eq!(seen.keys[0], seen.keys[1], "with one idempotency key");
        assert_eq!(seen.created.len(), 1, "one charge");
        assert_eq!(seen.amounts, vec!["1250".to_owned(), "1250".to_owned()]);
    }
    assert_eq!(received(&db, n.id).await, before + 1250);
    // A guest's card is not kept: keep_card is for accounts only.
    let p = payment::Entity::find()
        .filter(payment::Column::Key.eq(&started.payment_key))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(!p.keep_card && p.anonymous && !p.hidden_from_center);
}

/// IRR cannot be charged by Stripe: a clear form error, nothing recorded.
#[tokio::test]
async fn a_currency_stripe_cannot_charge_is_refused_clearly() {
    use nikoo_domain::giving::payments::card_gifts;
    use nikoo_types::giving::{Anonymity, CardGiftForm};
    let db = common::demo_db(Backend::Sqlite).await;
    let stripe = nikoo_server::payments::stripe::Stripe::new(
        "sk",
        "pk",
        "http://127.0.0.1:9/",
        "http://127.0.0.1:9/v3/",
        std::time::Duration::from_secs(1),
    )
    .unwrap();
    let form = CardGiftForm {
        lang: nikoo_types::Locale::Fa,
        program: "job-coaches-zanjan".into(),
        need: None,
        amount: "۵۰۰٬۰۰۰".into(),
        email: "guest@t.example".into(),
        display_name: String::new(),
        anonymity: Anonymity::Public,
        keep_card: false,
        updates: false,
    };
    let e = card_gifts::start_card_gift(&db, &stripe, common::test_now(), None, &form)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("amount: currency_unsupported"),
        "{e}"
    );
    assert_eq!(payment::Entity::find().count(&db).await.unwrap(), 0);
    // A bad amount is a field error too.
    let bad = CardGiftForm {
        program: PROGRAM.into(),
        amount: "12.345".into(),
        ..form
    };
    let e = card_gifts::start_card_gift(&db, &stripe, common::test_now(), None, &bad)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("amount: invalid"), "{e}");
    assert_eq!(payment::Entity::find().count(&db).await.unwrap(), 0);
}

// ------------------------------------------------------------ staff

async fn staff_record_cash_gifts_and_refund_card_gifts(backend: Backend) {
    use nikoo_domain::accounts::policy::Actor;
    use nikoo_domain::entities::codes::CenterRole;
    use nikoo_domain::giving::center_gifts::{self, OfflineGift};
    let app = app(backend).await;
    let db = &app.db;
    let now = common::test_now();
    let n = euro_need(db).await;
    let center_id = program::Entity::find_by_id(n.program_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .center_id;
    let staff = |role| Actor {
        user_id: 1,
        platform_admin: false,
        volunteer: false,
        donor_id: None,
        roles: [(center_id, role)].into_iter().collect(),
    };
    let coordinator = staff(CenterRole::Coordinator);
    let manager = staff(CenterRole::Manager);
    let elsewhere = Actor {
        roles: [(center_id + 1, CenterRole::Owner)].into_iter().collect(),
        ..staff(CenterRole::Owner)
    };
    // Audit records need an account to point at.
    nikoo_domain::accounts::create_admin(
        db,
        &nikoo_domain::secrets::PasswordHasher::new(1),
        now,
        "staff@t.example",
        "a long enough password",
    )
    .await
    .unwrap();
    let before = received(db, n.id).await;
    let form = OfflineGift {
        lang: nikoo_types::Locale::En,
        center_id,
        designation: format!("n{}", n.id),
        method: "cash".into(),
        amount: "50".into(),
        donor_name: "Maryam".into(),
        anonymous: true,
        received_on: String::new(),
    };
    // Another center's owner may not; bad input changes nothing.
    let refused = center_gifts::record_offline(db, now, Some(&elsewhere), &form).await;
    assert!(
        matches!(refused, Err(nikoo_domain::DomainError::Forbidden)),
        "{refused:?}"
    );
    for (field, bad) in [
        (
            "amount",
            OfflineGift {
                amount: "-5".into(),
                ..form.clone()
            },
        ),
        (
            "method",
            OfflineGift {
                method: "card".into(),
                ..form.clone()
            },
        ),
        (
            "designation",
            OfflineGift {
                designation: "n999999".into(),
                ..form.clone()
            },
        ),
        // A day still to come, or not a day at all.
        (
            "received_on",
            OfflineGift {
                received_on: (now.date_naive() + chrono::Duration::days(2)).to_string(),
                ..form.clone()
            },
        ),
        (
            "received_on",
            OfflineGift {
                received_on: "1404/13/40".into(),
                ..form.clone()
            },
        ),
    ] {
        let e = center_gifts::record_offline(db, now, Some(&coordinator), &bad)
            .await
            .unwrap_err();
        assert!(e.to_string().contains(field), "{field}: {e}");
    }
    assert_eq!(received(db, n.id).await, before, "nothing recorded");
    center_gifts::record_offline(db, now, Some(&coordinator), &form)
        .await
        .unwrap();
    assert_eq!(received(db, n.id).await, before + 5000);
    // Received last week, recorded today: it carries its own day (noon at
    // the center), typed in the Solar Hijri calendar with Persian digits.
    let last_week = now.date_naive() - chrono::Duration::days(7);
    let jalali = nikoo_domain::calendar::display_date(last_week).input(nikoo_types::Locale::Fa);
    let earlier = center_gifts::record_offline(
        db,
        now,
        Some(&coordinator),
        &OfflineGift {
            received_on: jalali,
            ..form.clone()
        },
    )
    .await
    .unwrap();
    assert_eq!(earlier.received_at.date_naive(), last_week);
    assert_eq!(received(db, n.id).await, before + 10000);
    // The staff page names the giver; the public API does not.
    let page = center_gifts::page(
        db,
        common::test_now(),
        Some(&coordinator),
        center_id,
        &Default::default(),
    )
    .await
    .unwrap();
    let cash = &page.gifts[0];
    assert_eq!(
        (cash.giver.as_deref(), cash.anonymous, cash.method.as_str()),
        (Some("Maryam"), true, "cash")
    );
    assert!(!page.can_refund, "coordinators do not refund");
    // The staff find a gift by its giver's name or its receipt number, a
    // page at a time; a search for markup or LIKE wildcards is text.
    let coordinator_ref = &coordinator;
    let find = |q: &str, page: u32| {
        let query = nikoo_types::giving::GiftsQuery { q: q.into(), page };
        let coordinator = coordinator_ref;
        async move {
            center_gifts::page(db, common::test_now(), Some(coordinator), center_id, &query)
                .await
                .unwrap()
        }
    };
    let named = find("maryam", 1).await;
    let givers: Vec<Option<String>> = named.gifts.iter().map(|g| g.giver.clone()).collect();
    assert!(
        named.gifts_total >= 2
            && givers
                .iter()
                .all(|g| g.as_deref().is_some_and(|n| n.contains("Maryam"))),
        "{} {givers:?}",
        named.gifts_total
    );
    let number = cash.receipt_number.unwrap();
    let by_number = find(
        &nikoo_types::digits::localize_digits(&number.to_string(), nikoo_types::Locale::Fa),
        1,
    )
    .await;
    assert_eq!(
        by_number
            .gifts
            .iter()
            .map(|g| g.receipt_number)
            .collect::<Vec<_>>(),
        vec![Some(number)]
    );
    for hostile in ["%", "_", "\\", "<b>x</b>", "'; DROP TABLE donations; --"] {
        assert_eq!(find(hostile, 1).await.gifts_total, 0, "{hostile}");
    }
    let all = find("", 1).await;
    assert!(all.gifts.len() <= nikoo_types::giving::GiftsQuery::PER_PAGE as usize);
    let past_the_end = find("", 10_000).await;
    assert!(past_the_end.gifts.is_empty() && past_the_end.gifts_total == all.gifts_total);
    let public = app.text(&format!("/api/v1/programs/{PROGRAM}"), 200).await;
    assert!(!public.contains("Maryam"));

    // A card gift, then a partial refund through the (fake) provider.
    let (base, seen) = common::fake_stripe::start().await;
    let stripe = nikoo_server::payments::stripe::Stripe::new(
        "sk",
        "pk",
        &base,
        "http://127.0.0.1:9/v3/",
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    payment(db, "k-refund", "pi_refund", 4000).await;
    let success = intent_event(
        "evt_refund_ok",
        "payment_intent.succeeded",
        "pi_refund",
        None,
    );
    assert_eq!(deliver_signed(&app, &success).await, 200);
    assert_eq!(received(db, n.id).await, before + 14000);
    let gift_id = payment::Entity::find()
        .filter(payment::Column::Key.eq("k-refund"))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .donation_id
        .unwrap();
    let refund = |actor, amount: &'static str| {
        center_gifts::refund(
            db,
            Some(&stripe),
            now,
            Some(actor),
            gift_id,
            amount,
            nikoo_types::Locale::En,
        )
    };
    assert!(matches!(
        refund(&coordinator, "5").await,
        Err(nikoo_domain::DomainError::Forbidden)
    ));
    let too_much = refund(&manager, "40.01").await.unwrap_err();
    assert!(too_much.to_string().contains("exceeds_gift"), "{too_much}");
    refund(&manager, "15").await.unwrap();
    assert_eq!(received(db, n.id).await, before + 12500);
    // Stripe's own charge.refunded for the same refund changes nothing more.
    assert_eq!(
        deliver_signed(&app, &refund_event("evt_refund_echo", "pi_refund", 1500)).await,
        200
    );
    assert_eq!(received(db, n.id).await, before + 12500);
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.refunds.len(), 1);
        assert_eq!(
            seen.refunds[0],
            (
                "pi_refund".to_owned(),
                "1500".to_owned(),
                "refund:k-refund:1500".to_owned()
            )
        );
    }
    let cash_id = page.gifts[0].id;
    let not_card = center_gifts::refund(
        db,
        Some(&stripe),
        now,
        Some(&manager),
        cash_id,
        "1",
        nikoo_types::Locale::En,
    )
    .await
    .unwrap_err();
    assert!(
        not_card.to_string().contains("not_refundable"),
        "{not_card}"
    );
    // Both changes are in the center's audit log.
    let actions: Vec<String> = nikoo_domain::entities::audit_record::Entity::find()
        .filter(nikoo_domain::entities::audit_record::Column::CenterId.eq(center_id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert!(
        actions.contains(&"gift.record".to_owned()) && actions.contains(&"gift.refund".to_owned()),
        "{actions:?}"
    );
    assert_ledger_balanced(db).await;
}

// ------------------------------------------------------------ property

mod property {
    use super::*;
    use proptest::prelude::*;

    /// One thing the provider may report about payment `0..3`.
    #[derive(Debug, Clone)]
    enum Step {
        Succeed(usize),
        Fail(usize),
        Process(usize),
        /// Cumulative refunded total, as a fraction of the amount in tenths (0..=12, capped).
        Refund(usize, i64),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0..3usize).prop_map(Step::Succeed),
            (0..3usize).prop_map(Step::Fail),
            (0..3usize).prop_map(Step::Process),
            (0..3usize, 0..=12i64).prop_map(|(i, t)| Step::Refund(i, t)),
        ]
    }

    const AMOUNTS: [i64; 3] = [1000, 2550, 99];

    /// The events of `steps` (ids by position), then duplicates of some of
    /// them, in the order `order` gives.
    fn stream(steps: &[Step], dupes: &[usize], order: &[usize]) -> Vec<ProviderEvent> {
        let mut events: Vec<ProviderEvent> = steps
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let (i, update) = match s {
                    Step::Succeed(i) => (*i, PaymentUpdate::Succeeded),
                    Step::Fail(i) => (
                        *i,
                        PaymentUpdate::Failed {
                            code: Some("card_declined".into()),
                        },
                    ),
                    Step::Process(i) => (*i, PaymentUpdate::Processing),
                    Step::Refund(i, t) => (
                        *i,
                        PaymentUpdate::Refunded {
                            total_minor: AMOUNTS[*i] * t / 10,
                            requested_by: None,
                        },
                    ),
                };
                ProviderEvent {
                    event_ref: format!("evt_{n}"),
                    event_type: "test".into(),
                    payment_key: None,
                    payment_ref: Some(format!("pi_{i}")),
                    update: Some(update),
                }
            })
            .collect();
        for d in dupes {
            if !events.is_empty() {
                let e = events[d % events.len()].clone();
                events.push(e);
            }
        }
        let mut ordered: Vec<(usize, ProviderEvent)> = events
            .into_iter()
            .enumerate()
            .map(|(n, e)| (order.get(n).copied().unwrap_or(n), e))
            .collect();
        ordered.sort_by_key(|(k, _)| *k);
        ordered.into_iter().map(|(_, e)| e).collect()
    }

    /// A migrated SQLite file with the demo and three payments, made once.
    async fn template() -> std::path::PathBuf {
        static TEMPLATE: tokio::sync::OnceCell<std::path::PathBuf> =
            tokio::sync::OnceCell::const_new();
        TEMPLATE
            .get_or_init(|| async {
                use nikoo_domain::sea_orm::ConnectionTrait;
                let dir = std::env::temp_dir().join("nikoo-tests");
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("prop-template-{}.db", std::process::id()));
                let _ = std::fs::remove_file(&path);
                let db =
                    nikoo_domain::db::connect(&format!("sqlite://{}?mode=rwc", path.display()))
                        .await
                        .unwrap();
                nikoo_domain::db::migrate(&db).await.unwrap();
                nikoo_domain::demo::load(&db, common::test_now(), None)
                    .await
                    .unwrap();
                for (i, minor) in AMOUNTS.iter().enumerate() {
                    payment(&db, &format!("k{i}"), &format!("pi_{i}"), *minor).await;
                }
                db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE);")
                    .await
                    .unwrap();
                db.close().await.unwrap();
                path
            })
            .await
            .clone()
    }

    async fn copy_of_template() -> DatabaseConnection {
        let from = template().await;
        let to = from.with_file_name(format!("prop-{}-{}.db", std::process::id(), rand_suffix()));
        std::fs::copy(&from, &to).unwrap();
        nikoo_domain::db::connect(&format!("sqlite://{}?mode=rw", to.display()))
            .await
            .unwrap()
    }

    fn rand_suffix() -> u64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        N.fetch_add(1, Ordering::SeqCst)
    }

    /// The ledger as comparable rows: (key, kind, account, need, currency, amount).
    async fn ledger(db: &DatabaseConnection) -> Vec<(String, String, i64)> {
        use nikoo_domain::entities::ledger_transaction;
        let txs = ledger_transaction::Entity::find().all(db).await.unwrap();
        let keys: std::collections::HashMap<i32, String> =
            txs.into_iter().map(|t| (t.id, t.idempotency_key)).collect();
        let mut rows: Vec<(String, String, i64)> = ledger_entry::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| {
                (
                    keys[&e.transaction_id].clone(),
                    format!("{:?}/{:?}/{}", e.account, e.need_id, e.currency),
                    e.amount_minor,
                )
            })
            .collect();
        rows.sort();
        rows
    }

    async fn received_of(db: &DatabaseConnection, key: &str) -> i64 {
        let p = payment::Entity::find()
            .filter(payment::Column::Key.eq(key))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let Some(d) = p.donation_id else { return 0 };
        let gift = donation::Entity::find_by_id(d)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let refunded: i64 = nikoo_domain::entities::payment_refund::Entity::find()
            .filter(nikoo_domain::entities::payment_refund::Column::PaymentId.eq(p.id))
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|r| r.amount_minor)
            .sum();
        gift.amount_minor - refunded
    }

    async fn run(events: &[ProviderEvent]) -> DatabaseConnection {
        let db = copy_of_template().await;
        for e in events {
            apply_event(&db, common::test_now(), "stripe", e)
                .await
                .unwrap();
        }
        db
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn any_stream_of_events_keeps_the_ledger_right(
            steps in proptest::collection::vec(step(), 0..14),
            dupes in proptest::collection::vec(0..100usize, 0..6),
            order in proptest::collection::vec(0..1000usize, 20),
        ) {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async {
                let events = stream(&steps, &dupes, &order);
                let db = run(&events).await;
                assert_ledger_balanced(&db).await;
                for (i, amount) in AMOUNTS.iter().enumerate() {
                    let succeeded = steps.iter().any(|s| matches!(s, Step::Succeed(j) if *j == i));
                    let refunded = steps
                        .iter()
                        .filter_map(|s| match s { Step::Refund(j, t) if *j == i => Some((amount * t / 10).min(*amount)), _ => None })
                        .max()
                        .unwrap_or(0);
                    let want = if succeeded { amount - refunded } else { 0 };
                    let got = received_of(&db, &format!("k{i}")).await;
                    assert_eq!(got, want, "payment {i}: received = succeeded − refunded");
                    assert!(got >= 0);
                }
                // The same stream again, on a fresh copy: an identical ledger.
                let again = run(&events).await;
                assert_eq!(ledger(&db).await, ledger(&again).await);
                // And replayed on the same database: nothing changes.
                let before = ledger(&db).await;
                for e in &events {
                    apply_event(&db, common::test_now(), "stripe", e).await.unwrap();
                }
                assert_eq!(ledger(&db).await, before);
            });
        }
    }
}

// ------------------------------------------------------------ fees

/// The fees (minor units) of the euro program in the API.
async fn program_fees(app: &TestApp) -> (i64, i64) {
    let v = app.json(&format!("/api/v1/programs/{PROGRAM}"), 200).await;
    let t = v["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["currency"] == "EUR")
        .cloned()
        .unwrap();
    (t["fees"].as_i64().unwrap(), t["received"].as_i64().unwrap())
}

/// Fee transactions in the ledger, by idempotency key.
async fn fee_transactions(db: &DatabaseConnection) -> Vec<String> {
    use nikoo_domain::entities::codes::TransactionKind;
    use nikoo_domain::entities::ledger_transaction;
    ledger_transaction::Entity::find()
        .filter(ledger_transaction::Column::Kind.eq(TransactionKind::Fee))
        .order_by_asc(ledger_transaction::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.idempotency_key)
        .collect()
}

/// The payment job reads each settled charge's fee from Stripe once and
/// posts it (processing fees debited, the need's cash credited); a zero
/// fee posts nothing, a fee settled in another currency is recorded but not
/// posted, an unsettled charge is asked about again on the next run; two
/// runs at once post each fee once; received never changes.
async fn fees_are_read_once_and_posted_to_the_ledger(backend: Backend) {
    use nikoo_domain::giving::payments::fees::{post_pending, record_fee, FeeReport, Recorded};
    let app = app(backend).await;
    let db = &app.db;
    let (base, seen) = common::fake_stripe::start().await;
    let stripe = nikoo_server::payments::stripe::Stripe::new(
        "sk_test_fake",
        "pk_test_fake",
        &base,
        "http://127.0.0.1:9/v3/",
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let n = euro_need(db).await;
    for (i, (key, pi)) in [
        ("fee-a", "pi_fee_a"),
        ("fee-b", "pi_fee_b"),
        ("fee-c", "pi_fee_c"),
        ("fee-d", "pi_fee_d"),
    ]
    .into_iter()
    .enumerate()
    {
        payment(db, key, pi, 2000).await;
        let event = intent_event(
            &format!("evt_fee_{i}"),
            "payment_intent.succeeded",
            pi,
            None,
        );
        assert_eq!(deliver_signed(&app, &event).await, 200);
    }
    // A payment that never succeeded is not asked about.
    payment(db, "fee-e", "pi_fee_e", 2000).await;
    {
        let mut s = seen.lock().unwrap();
        s.fees.insert("pi_fee_a".into(), (88, "eur".into()));
        s.fees.insert("pi_fee_b".into(), (0, "eur".into()));
        s.fees.insert("pi_fee_c".into(), (95, "usd".into()));
    }
    let (fees_before, received_before) = program_fees(&app).await;
    let cash_before = need_cash(db, n.id).await;
    let now = app.clock.now();

    let first = post_pending(db, &stripe, now).await.unwrap();
    assert_eq!(
        first,
        FeeReport {
            posted: 1,
            none: 1,
            other_currency: 1,
            pending: 1
        }
    );
    assert_eq!(fee_transactions(db).await, vec!["fee:fee-a".to_owned()]);
    assert_ledger_balanced(db).await;
    assert_eq!(
        program_fees(&app).await,
        (fees_before + 88, received_before)
    );
    assert_eq!(need_cash(db, n.id).await, cash_before - 88);
    let c = payment::Entity::find()
        .filter(payment::Column::Key.eq("fee-c"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.fee_minor, c.fee_currency.as_deref()),
        (Some(95), Some("USD"))
    );

    // Nothing new until the last charge settles; then it is posted, once,
    // however many runners go at once.
    let again = post_pending(db, &stripe, now).await.unwrap();
    assert_eq!(
        again,
        FeeReport {
            pending: 1,
            ..FeeReport::default()
        }
    );
    seen.lock()
        .unwrap()
        .fees
        .insert("pi_fee_d".into(), (61, "EUR".into()));
    let (x, y) = tokio::join!(
        post_pending(db, &stripe, now),
        post_pending(db, &stripe, now)
    );
    assert_eq!(x.unwrap().posted + y.unwrap().posted, 1);
    assert_eq!(
        fee_transactions(db).await,
        vec!["fee:fee-a".to_owned(), "fee:fee-d".to_owned()]
    );
    assert_eq!(
        program_fees(&app).await,
        (fees_before + 88 + 61, received_before)
    );
    assert_eq!(need_cash(db, n.id).await, cash_before - 88 - 61);
    // A fee already recorded is not recorded again; a negative one is refused.
    let d = payment::Entity::find()
        .filter(payment::Column::Key.eq("fee-d"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        record_fee(db, now, d.id, 61, "EUR").await.unwrap(),
        Recorded::Nothing
    );
    let e = payment::Entity::find()
        .filter(payment::Column::Key.eq("fee-e"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(record_fee(db, now, e.id, -1, "EUR").await.is_err());
    assert_eq!(fee_transactions(db).await.len(), 2);
    assert_ledger_balanced(db).await;
}

/// The cash balance of need `need_id` (all currencies) in the ledger.
async fn need_cash(db: &DatabaseConnection, need_id: i32) -> i64 {
    use nikoo_domain::entities::codes::Account;
    nikoo_domain::ledger::balances(db, None)
        .await
        .unwrap()
        .iter()
        .filter(|b| b.need_id == Some(need_id) && b.account == Account::Cash)
        .map(|b| b.amount.unwrap())
        .sum()
}
