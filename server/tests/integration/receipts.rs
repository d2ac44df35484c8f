//! Receipts and statements: every donation gets the next number of the
//! center that received it (1, 2, 3, … per center, no repeats under
//! concurrency, no gaps after a rollback), and a donor's yearly statement
//! holds exactly the gifts received in that Solar Hijri or Gregorian year,
//! less what was refunded.

use crate::common;

use common::fixtures::OpenNeed;

use chrono::{DateTime, Utc};
use common::Backend;
use nikoo_domain::entities::codes::{PaymentMethod, PaymentStatus};
use nikoo_domain::entities::{donation, need, payment, program};
use nikoo_domain::giving::payments::events::{apply_update, lock_payment, PaymentUpdate};
use nikoo_domain::giving::records::{record_donation, NewDonation};
use nikoo_domain::sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use nikoo_types::{Calendar, Currency, Money};
use std::collections::BTreeMap;

on_both_backends!(
    receipts_are_numbered_per_center_without_repeats_or_gaps,
    a_statement_holds_one_year_of_the_donors_gifts,
    a_donations_receipt_is_for_its_center_and_its_donor,
);

/// Receipt numbers of each center's donations, in number order.
async fn numbers_by_center(db: &DatabaseConnection) -> BTreeMap<i32, Vec<i32>> {
    let programs: BTreeMap<i32, i32> = program::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.center_id))
        .collect();
    let mut by_center: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for d in donation::Entity::find().all(db).await.unwrap() {
        assert_eq!(d.center_id, Some(programs[&d.program_id]), "{d:?}");
        by_center
            .entry(programs[&d.program_id])
            .or_default()
            .push(d.receipt_number.expect("every donation has a number"));
    }
    for v in by_center.values_mut() {
        v.sort_unstable();
    }
    by_center
}

fn cash(key: String, n: &need::Model, minor: i64, at: DateTime<Utc>) -> NewDonation {
    NewDonation {
        key,
        donor_id: None,
        anonymous: true,
        hidden_from_center: false,
        pledging_center_id: None,
        program_id: n.program_id,
        need_id: Some(n.id),
        pledge_id: None,
        method: PaymentMethod::Cash,
        amount: Money::from_minor(minor, Currency::EUR),
        received_at: at,
    }
}

async fn receipts_are_numbered_per_center_without_repeats_or_gaps(backend: Backend) {
    let db = common::demo_db(backend).await;
    let now = common::test_now();
    let demo = numbers_by_center(&db).await;
    assert!(demo.len() > 1, "the demo has gifts at several centers");
    for (center, numbers) in &demo {
        let expected: Vec<i32> = (1..=numbers.len() as i32).collect();
        assert_eq!(numbers, &expected, "center {center}: 1, 2, 3, …");
    }
    let n = OpenNeed::money("EUR").find(&db).await.need;
    let center_id = program::Entity::find_by_id(n.program_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .center_id;

    // A donation rolled back gives its number back.
    let txn = nikoo_domain::db::begin_write(&db).await.unwrap();
    let gone = record_donation(&txn, now, cash("rolled-back".into(), &n, 100, now))
        .await
        .unwrap();
    let before = demo.get(&center_id).map_or(0, Vec::len) as i32;
    assert_eq!(gone.receipt_number, Some(before + 1));
    txn.rollback().await.unwrap();

    // Twelve donations at once: twelve new numbers, one each.
    let mut tasks = Vec::new();
    for i in 0..12 {
        let (db, n) = (db.clone(), n.clone());
        tasks.push(tokio::spawn(async move {
            let txn = nikoo_domain::db::begin_write(&db).await.unwrap();
            let d = record_donation(&txn, now, cash(format!("burst-{i}"), &n, 100, now))
                .await
                .unwrap();
            txn.commit().await.unwrap();
            d.receipt_number.unwrap()
        }));
    }
    let mut got = Vec::new();
    for t in tasks {
        got.push(t.await.unwrap());
    }
    got.sort_unstable();
    assert_eq!(got, ((before + 1)..=(before + 12)).collect::<Vec<_>>());

    // Other centers' numbering is their own.
    let after = numbers_by_center(&db).await;
    for (center, numbers) in &after {
        let expected: Vec<i32> = (1..=numbers.len() as i32).collect();
        assert_eq!(numbers, &expected, "center {center} after the burst");
        if *center != center_id {
            assert_eq!(Some(numbers), demo.get(center), "center {center} untouched");
        }
    }
    // The receipt shows the number.
    let first = donation::Entity::find()
        .filter(donation::Column::Key.eq("burst-0"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(got.contains(&first.receipt_number.unwrap()));
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&Utc)
}

/// A card gift of `minor` euro cents by `donor_id` received at `when`.
async fn card_gift(
    db: &DatabaseConnection,
    donor_id: i32,
    n: &need::Model,
    minor: i64,
    when: DateTime<Utc>,
) -> payment::Model {
    let p = payment::ActiveModel {
        key: Set(nikoo_domain::secrets::new_token()),
        provider: Set("stripe".into()),
        provider_ref: Set(Some(format!("pi_{}", nikoo_domain::secrets::new_token()))),
        donor_id: Set(Some(donor_id)),
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
        created_at: Set(when),
        updated_at: Set(when),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    apply(db, p.id, when, PaymentUpdate::Succeeded).await
}

async fn apply(
    db: &DatabaseConnection,
    id: i32,
    when: DateTime<Utc>,
    update: PaymentUpdate,
) -> payment::Model {
    let txn = nikoo_domain::db::begin_write(db).await.unwrap();
    let locked = lock_payment(&txn, id).await.unwrap();
    let p = apply_update(&txn, when, locked, &update).await.unwrap();
    txn.commit().await.unwrap();
    p
}

async fn a_statement_holds_one_year_of_the_donors_gifts(backend: Backend) {
    use nikoo_domain::giving::statements::statement;
    let db = common::demo_db(backend).await;
    let now = common::test_now();
    let n = OpenNeed::money("EUR").find(&db).await.need;
    let donor = nikoo_domain::giving::donors::upsert_donor(&db, now, "test:stmt", "Shirin", None)
        .await
        .unwrap();
    let user = common::account(&db, "shirin@t.example", Some(donor.id)).await;
    let stranger = common::account(&db, "other@t.example", None).await;
    // Nowruz 1405 is 2026-03-21 (Tehran): the 19th is still 1404.
    let esfand = card_gift(&db, donor.id, &n, 2000, at("2026-03-19T12:00:00Z")).await;
    let farvardin = card_gift(&db, donor.id, &n, 3000, at("2026-03-22T12:00:00Z")).await;
    let spring = card_gift(&db, donor.id, &n, 500, at("2025-06-01T12:00:00Z")).await;
    apply(
        &db,
        farvardin.id,
        at("2026-04-01T12:00:00Z"),
        PaymentUpdate::Refunded {
            total_minor: 1200,
            requested_by: None,
        },
    )
    .await;
    let number = |p: &payment::Model| {
        let id = p.donation_id.unwrap();
        let db = db.clone();
        async move {
            donation::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .receipt_number
        }
    };

    let s1404 = statement(&db, &user, 1404, Calendar::Persian)
        .await
        .unwrap();
    assert_eq!(s1404.donor_name, "Shirin");
    let amounts: Vec<i64> = s1404.lines.iter().map(|l| l.amount.minor()).collect();
    assert_eq!(
        amounts,
        vec![500, 2000],
        "1404: 11 Khordad and 28 Esfand, oldest first"
    );
    assert_eq!(s1404.lines[1].date.jalali, [1404, 12, 28]);
    assert_eq!(s1404.lines[1].receipt_number, number(&esfand).await);
    assert_eq!(s1404.totals.len(), 1);
    assert_eq!(s1404.totals[0].net.minor(), 2500);
    assert_eq!(s1404.years, vec![1405, 1404]);

    let s1405 = statement(&db, &user, 1405, Calendar::Persian)
        .await
        .unwrap();
    assert_eq!(s1405.lines.len(), 1);
    assert_eq!(s1405.lines[0].receipt_number, number(&farvardin).await);
    assert_eq!(s1405.lines[0].refunded.minor(), 1200);
    let t = &s1405.totals[0];
    assert_eq!(
        (t.given.minor(), t.refunded.minor(), t.net.minor()),
        (3000, 1200, 1800)
    );

    let g2026 = statement(&db, &user, 2026, Calendar::Gregorian)
        .await
        .unwrap();
    assert_eq!(g2026.lines.len(), 2, "both March gifts are in 2026");
    assert_eq!(g2026.totals[0].net.minor(), 2000 + 3000 - 1200);
    let g2025 = statement(&db, &user, 2025, Calendar::Gregorian)
        .await
        .unwrap();
    assert_eq!(g2025.lines.len(), 1);
    assert_eq!(g2025.lines[0].receipt_number, number(&spring).await);

    // Nobody else's gifts, and a year without any is empty.
    let none = statement(&db, &stranger, 1404, Calendar::Persian)
        .await
        .unwrap();
    assert!(none.lines.is_empty() && none.totals.is_empty() && none.years.is_empty());
    let empty = statement(&db, &user, 1390, Calendar::Persian)
        .await
        .unwrap();
    assert!(empty.lines.is_empty());
    assert_eq!(empty.years, vec![1405, 1404]);
}

/// Any donation's receipt (a cash gift here) is shown to the receiving
/// center's staff and to the donor of record, with the center's receipt
/// number and the giver named as the viewer may know them; to anyone else
/// it does not exist, and without an account one must sign in.
async fn a_donations_receipt_is_for_its_center_and_its_donor(backend: Backend) {
    use nikoo_domain::accounts::policy::Actor;
    use nikoo_domain::entities::codes::CenterRole;
    use nikoo_domain::giving::receipts::of_donation;
    use nikoo_domain::DomainError;
    use nikoo_types::giving::Anonymity;
    let db = common::demo_db(backend).await;
    let now = common::test_now();
    let n = OpenNeed::money("EUR").find(&db).await.need;
    let center_id = program::Entity::find_by_id(n.program_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .center_id;
    let giver =
        nikoo_domain::giving::donors::upsert_donor(&db, now, "receipt-giver", "Parisa R.", None)
            .await
            .unwrap();
    let gift = |key: &str, hidden: bool| NewDonation {
        donor_id: Some(giver.id),
        anonymous: hidden,
        hidden_from_center: hidden,
        ..cash(key.into(), &n, 4200, now)
    };
    let named = record_donation(&db, now, gift("receipt-named", false))
        .await
        .unwrap();
    let hidden = record_donation(&db, now, gift("receipt-hidden", true))
        .await
        .unwrap();
    let actor = |roles: &[(i32, CenterRole)], donor_id| Actor {
        user_id: 1,
        platform_admin: false,
        volunteer: false,
        donor_id,
        roles: roles.iter().copied().collect(),
    };
    let staff = actor(&[(center_id, CenterRole::Coordinator)], None);
    let donor = actor(&[], Some(giver.id));
    let elsewhere = actor(&[(center_id + 1, CenterRole::Owner)], None);
    let stranger = actor(&[], Some(giver.id + 1));

    let r = of_donation(&db, Some(&staff), named.id).await.unwrap();
    assert_eq!(r.number, named.receipt_number);
    assert!(r.number.is_some());
    assert_eq!(r.amount, Money::from_minor(4200, Currency::EUR));
    assert_eq!(r.method, "cash");
    assert_eq!(r.anonymity, Anonymity::Public);
    assert_eq!(
        r.received_from.as_ref().and_then(|t| t.en.as_deref()),
        Some("Parisa R.")
    );
    // Hidden from the center: the staff's receipt names no one; the donor's does.
    let for_staff = of_donation(&db, Some(&staff), hidden.id).await.unwrap();
    assert_eq!(for_staff.received_from, None);
    assert_eq!(for_staff.anonymity, Anonymity::HiddenFromCenter);
    let for_donor = of_donation(&db, Some(&donor), hidden.id).await.unwrap();
    assert_eq!(
        for_donor
            .received_from
            .as_ref()
            .and_then(|t| t.fa.as_deref()),
        Some("Parisa R.")
    );
    assert_eq!(for_donor.number, hidden.receipt_number);
    for (who, a) in [
        ("another center's owner", &elsewhere),
        ("another donor", &stranger),
    ] {
        assert!(
            matches!(
                of_donation(&db, Some(a), named.id).await,
                Err(DomainError::NotFound)
            ),
            "{who}"
        );
    }
    assert!(matches!(
        of_donation(&db, Some(&staff), 999_999).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        of_donation(&db, None, named.id).await,
        Err(DomainError::Unauthenticated)
    ));
}
