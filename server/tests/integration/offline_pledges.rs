//! Pledges paid to the center by bank transfer or cash: a donor, or a
//! center through its owner or manager, pledges monthly (in rials too);
//! installment 1 is due at once, the job adds the next ones without
//! charging anything, and the receiving center's staff record each
//! installment's gift, once, which the ledger and the donor's page show.

use crate::common;

use common::fixtures::{Found, OpenNeed};

use chrono::Duration;
use common::fake_stripe;
use common::{received, Backend};
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::InstallmentStatus;
use nikoo_domain::entities::{audit_record, center, donation, installment};
use nikoo_domain::giving::offline_pledges::{due_at_center, pledge, record_installment};
use nikoo_domain::sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use nikoo_domain::DomainError;
use nikoo_server::payments::stripe::Stripe;
use nikoo_types::giving::{Anonymity, CardPledgeForm};
use nikoo_types::Locale;

on_both_backends!(pledges_paid_to_the_center_are_recorded_by_its_staff);

async fn pledges_paid_to_the_center_are_recorded_by_its_staff(backend: Backend) {
    let db = common::demo_db(backend).await;
    let now = common::test_now(); // 2025-12-03
    let Found {
        need: n,
        program: p,
        center: c,
    } = OpenNeed::money("IRR").find(&db).await;
    let other = center::Entity::find()
        .filter(center::Column::Id.ne(c.id))
        .order_by_asc(center::Column::Id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let add = |email: &'static str, slug: String, role| {
        let db = db.clone();
        async move {
            let u = common::account(&db, email, None).await;
            if let Some(role) = role {
                nikoo_domain::staff::add_member_by_operator(&db, now, &slug, email, role)
                    .await
                    .unwrap();
            }
            let a = Actor::load(&db, u.id).await.unwrap().unwrap();
            (u, a)
        }
    };
    use nikoo_types::accounts::StaffRole;
    let (donor, donor_actor) = add("offline@t.example", String::new(), None).await;
    let (manager, manager_actor) = add(
        "giving-manager@t.example",
        other.slug.clone(),
        Some(StaffRole::Manager),
    )
    .await;
    let (_, coordinator) = add(
        "recorder@t.example",
        c.slug.clone(),
        Some(StaffRole::Coordinator),
    )
    .await;
    let (_, stranger_staff) = add(
        "elsewhere@t.example",
        other.slug.clone(),
        Some(StaffRole::Coordinator),
    )
    .await;
    let form = |amount: &str, count: &str| CardPledgeForm {
        lang: Locale::Fa,
        program: p.slug.clone(),
        need: Some(n.id),
        amount: amount.into(),
        frequency: "monthly".into(),
        installments: count.into(),
        anonymity: Anonymity::HiddenFromCenter,
    };
    let before = installment::Entity::find().count(&db).await.unwrap();

    // Bad input changes nothing.
    for (f, field) in [
        (form("0", "3"), "amount"),
        (form("abc", "3"), "amount"),
        (form("100", "0"), "installments"),
        (form("100", "999"), "installments"),
    ] {
        let r = pledge(&db, now, &donor, &donor_actor, &f, None).await;
        assert!(
            matches!(&r, Err(DomainError::Invalid(e)) if e.field == field),
            "{f:?}: {r:?}"
        );
    }
    let r = pledge(
        &db,
        now,
        &donor,
        &donor_actor,
        &form("100", "3"),
        Some(other.id),
    )
    .await;
    assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    let r = pledge(
        &db,
        now,
        &manager,
        &manager_actor,
        &form("100", "3"),
        Some(c.id),
    )
    .await;
    assert!(
        matches!(r, Err(DomainError::Forbidden)),
        "the receiving center: {r:?}"
    );
    assert_eq!(
        installment::Entity::find().count(&db).await.unwrap(),
        before
    );

    // A donor pledges ۵۰۰٬۰۰۰ toman (5,000,000 rials) monthly, 3 times; a
    // center pledges 200,000 toman monthly, open-ended.
    let mine = pledge(&db, now, &donor, &donor_actor, &form("۵۰۰٬۰۰۰", "۳"), None)
        .await
        .unwrap();
    assert_eq!(mine.amount_minor, Some(5_000_000));
    assert_eq!(mine.saved_card_id, None);
    let mut public = form("200000", "");
    public.anonymity = Anonymity::Public;
    let theirs = pledge(&db, now, &manager, &manager_actor, &public, Some(other.id))
        .await
        .unwrap();
    assert_eq!(theirs.pledging_center_id, Some(other.id));
    let audited = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("pledge.money"))
        .filter(audit_record::Column::CenterId.eq(other.id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    let first = common::installments_of(&db, mine.id).await;
    assert_eq!(first.len(), 1, "installment 1 is due at once");
    assert_eq!(
        (first[0].status, first[0].next_attempt_at),
        (InstallmentStatus::Due, None)
    );

    // A month later the card job charges nothing and the offline job adds
    // installment 2 (of each pledge).
    let (base, seen) = fake_stripe::start().await;
    let stripe = Stripe::new(
        "sk",
        "pk",
        &base,
        "http://127.0.0.1:9/v3/",
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let month = now + Duration::days(31);
    let report = nikoo_domain::giving::card_installments::run_due(&db, &stripe, month)
        .await
        .unwrap();
    assert_eq!(
        report.paid + report.retrying + report.overdue,
        0,
        "{report:?}"
    );
    assert!(
        seen.lock().unwrap().keys.is_empty(),
        "no charge was asked for"
    );
    // The card job leaves pledges paid to the center alone; theirs adds them.
    assert_eq!(common::installments_of(&db, mine.id).await.len(), 1);
    let offline = nikoo_domain::giving::offline_pledges::run_due(&db, month, 14)
        .await
        .unwrap();
    assert_eq!(offline.fell_due, 2, "{offline:?}");
    assert_eq!(common::installments_of(&db, mine.id).await.len(), 2);
    // The demo's pledges (their gifts recorded without installments) are
    // not scheduled after the fact: only the two made here have rows.
    let scheduled: std::collections::BTreeSet<i32> = installment::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.pledge_id)
        .collect();
    assert_eq!(scheduled, [mine.id, theirs.id].into());

    // The center's staff see them (the donor's name is hidden from the
    // center; the pledging center's is not), late once past their day.
    let due = due_at_center(&db, month, c.id).await.unwrap();
    let row = |id| due.iter().find(|d| d.installment_id == id).unwrap().clone();
    let one = row(first[0].id);
    assert_eq!(
        (one.number, one.amount.minor(), one.late),
        (1, 5_000_000, true)
    );
    assert_eq!(one.by, None, "hidden from the center");
    let theirs_one = common::installments_of(&db, theirs.id).await[0].id;
    assert_eq!(
        row(theirs_one).by.map(|b| b.get(Locale::Fa).to_owned()),
        Some(other.name_fa.clone())
    );

    // Recording: staff of the center only, a known method, once.
    let r = record_installment(&db, month, Some(&stranger_staff), first[0].id, "cash").await;
    assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    let r = record_installment(&db, month, Some(&coordinator), first[0].id, "card").await;
    assert!(
        matches!(&r, Err(DomainError::Invalid(e)) if e.field == "method"),
        "{r:?}"
    );
    let received_before = received(&db, n.id).await;
    record_installment(&db, month, Some(&coordinator), first[0].id, "bank_transfer")
        .await
        .unwrap();
    let again = record_installment(&db, month, Some(&coordinator), first[0].id, "cash").await;
    assert!(
        matches!(&again, Err(DomainError::Invalid(e)) if e.field == "pledge"),
        "{again:?}"
    );
    assert_eq!(received(&db, n.id).await, received_before + 5_000_000);
    let paid = &common::installments_of(&db, mine.id).await[0];
    assert_eq!(paid.status, InstallmentStatus::Paid);
    let gift = donation::Entity::find_by_id(paid.donation_id.unwrap())
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (gift.pledge_id, gift.amount_minor),
        (Some(mine.id), 5_000_000)
    );
    assert!(gift.receipt_number.is_some());
    assert!(due_at_center(&db, month, c.id)
        .await
        .unwrap()
        .iter()
        .all(|d| d.installment_id != paid.id));

    // Four staff recording installment 2 at once: one gift, and a clear
    // refusal for the others (not a database error).
    let second = common::installments_of(&db, mine.id).await[1].id;
    let tries: Vec<_> = (0..4)
        .map(|_| {
            let (db, who) = (db.clone(), coordinator.clone());
            tokio::spawn(
                async move { record_installment(&db, month, Some(&who), second, "cash").await },
            )
        })
        .collect();
    let mut outcomes = Vec::new();
    for t in tries {
        outcomes.push(t.await.unwrap());
    }
    let recorded = outcomes.iter().filter(|r| r.is_ok()).count();
    let refused = outcomes
        .iter()
        .filter(|r| matches!(r, Err(DomainError::Invalid(e)) if e.field == "pledge"))
        .count();
    assert_eq!((recorded, refused), (1, 3), "{outcomes:?}");
    assert_eq!(received(&db, n.id).await, received_before + 2 * 5_000_000);
    let second_paid = common::installments_of(&db, mine.id).await[1].clone();
    assert_eq!(second_paid.status, InstallmentStatus::Paid);

    // The donor's page shows installments 1 and 2 paid, 3 upcoming.
    let user = nikoo_domain::accounts::users::find(&db, donor.id)
        .await
        .unwrap()
        .unwrap();
    let page = nikoo_domain::giving::my_giving::my_giving(&db, None, month, &user)
        .await
        .unwrap();
    let statuses: Vec<String> = page
        .pledges
        .iter()
        .find(|x| x.id == mine.id)
        .unwrap()
        .schedule
        .iter()
        .map(|i| i.status.clone())
        .collect();
    assert_eq!(statuses, vec!["paid", "paid", "upcoming"]);
}
