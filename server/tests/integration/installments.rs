//! The installment job: due installments of card pledges are charged
//! off-session once each, failures are retried after 1, 3 and 7 days and
//! then end overdue with an email; one runner at a time by lease.

use crate::common;

use common::fixtures::OpenNeed;

use chrono::{Duration, NaiveDate};
use common::fake_stripe::{self, DECLINED};
use common::{received, Backend};
use nikoo_domain::entities::codes::InstallmentStatus;
use nikoo_domain::entities::{donation, pledge, saved_card};
use nikoo_domain::giving::card_installments::run_due;
use nikoo_domain::giving::records::{NewPledge, Promise};
use nikoo_domain::pledge_schedule::Frequency;
use nikoo_domain::sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use nikoo_server::payments::stripe::Stripe;

on_both_backends!(
    due_installments_are_charged_off_session_once,
    a_declined_installment_is_retried_then_overdue_with_an_email,
    one_runner_holds_the_lease_at_a_time,
    donors_pause_resume_and_cancel_their_pledges,
    donors_change_the_amount_and_the_card_of_their_pledges,
);

/// A monthly card pledge of €10 to the euro need from `start`, charged to card `pm`.
async fn card_pledge(db: &DatabaseConnection, start: NaiveDate, pm: &str) -> pledge::Model {
    let now = common::test_now();
    let n = OpenNeed::money("EUR").find(db).await.need;
    let donor = nikoo_domain::giving::donors::upsert_donor(
        db,
        now,
        &format!("test:{pm}"),
        "Pledger",
        Some("pledger@t.example"),
    )
    .await
    .unwrap();
    let card = saved_card::ActiveModel {
        donor_id: Set(donor.id),
        provider: Set("stripe".into()),
        customer_ref: Set("cus_test".into()),
        payment_method_ref: Set(pm.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let p = nikoo_domain::giving::records::record_pledge(
        db,
        now,
        NewPledge {
            key: format!("pledge:{pm}"),
            donor_id: Some(donor.id),
            anonymous: false,
            hidden_from_center: false,
            pledging_center_id: None,
            program_id: n.program_id,
            need_id: Some(n.id),
            promise: Promise::Money {
                amount: nikoo_types::Money::from_minor(1000, nikoo_types::Currency::EUR),
                frequency: Frequency::Monthly,
                installments: None,
            },
            start_date: start,
        },
    )
    .await
    .unwrap();
    let mut row: pledge::ActiveModel = p.into();
    row.saved_card_id = Set(Some(card.id));
    row.update(db).await.unwrap()
}

async fn stripe() -> (Stripe, fake_stripe::Shared) {
    let (base, seen) = fake_stripe::start().await;
    let s = Stripe::new(
        "sk",
        "pk",
        &base,
        "http://127.0.0.1:9/v3/",
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    (s, seen)
}

async fn due_installments_are_charged_off_session_once(backend: Backend) {
    let db = common::demo_db(backend).await;
    let now = common::test_now(); // 2025-12-03 09:00 UTC
    let n = OpenNeed::money("EUR").find(&db).await.need;
    let (stripe, seen) = stripe().await;
    let before = received(&db, n.id).await;
    // Started 2025-10-03: installments of 10-03, 11-03 and 12-03 are due.
    let p = card_pledge(&db, NaiveDate::from_ymd_opt(2025, 10, 3).unwrap(), "pm_ok").await;
    let report = run_due(&db, &stripe, now).await.unwrap();
    assert_eq!((report.fell_due, report.paid), (3, 3), "{report:?}");
    assert_eq!(received(&db, n.id).await, before + 3000);
    let rows = common::installments_of(&db, p.id).await;
    assert!(
        rows.iter().all(|i| i.status == InstallmentStatus::Paid),
        "{rows:?}"
    );
    assert_eq!(
        rows.iter()
            .map(|i| i.due_date.to_string())
            .collect::<Vec<_>>(),
        ["2025-10-03", "2025-11-03", "2025-12-03"]
    );
    let gifts = donation::Entity::find()
        .filter(donation::Column::PledgeId.eq(p.id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(gifts, 3, "each installment is one donation of the pledge");
    let payment_keys: Vec<String> = {
        let mut keys = Vec::new();
        for i in &rows {
            let pay = nikoo_domain::entities::payment::Entity::find_by_id(i.payment_id.unwrap())
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            keys.push(format!("payment:{}:charge", pay.key));
        }
        keys
    };
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.off_session, ["true", "true", "true"]);
        assert_eq!(
            seen.keys, payment_keys,
            "one charge per installment, keyed by its payment"
        );
    }
    // Running again the same day charges nothing.
    let again = run_due(&db, &stripe, now).await.unwrap();
    assert_eq!((again.fell_due, again.paid), (0, 0));
    assert_eq!(received(&db, n.id).await, before + 3000);
    // A month later, the fourth.
    let later = run_due(&db, &stripe, now + Duration::days(31))
        .await
        .unwrap();
    assert_eq!((later.fell_due, later.paid), (1, 1));
    assert_eq!(received(&db, n.id).await, before + 4000);
    // A paused pledge falls due no more.
    let mut row: pledge::ActiveModel = pledge::Entity::find_by_id(p.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.status = Set(nikoo_domain::entities::codes::PledgeStatus::Paused);
    row.update(&db).await.unwrap();
    let paused = run_due(&db, &stripe, now + Duration::days(62))
        .await
        .unwrap();
    assert_eq!(paused.fell_due, 0);
}

async fn a_declined_installment_is_retried_then_overdue_with_an_email(backend: Backend) {
    let db = common::demo_db(backend).await;
    let now = common::test_now();
    let n = OpenNeed::money("EUR").find(&db).await.need;
    let (stripe, seen) = stripe().await;
    let before = received(&db, n.id).await;
    let p = card_pledge(&db, now.date_naive(), DECLINED).await;
    let pid = p.id;
    let status = |db: DatabaseConnection| async move {
        let i = common::installments_of(&db, pid).await.remove(0);
        (i.status, i.attempts, i.next_attempt_at)
    };
    run_due(&db, &stripe, now).await.unwrap();
    assert_eq!(
        status(db.clone()).await,
        (
            InstallmentStatus::Retrying,
            1,
            Some(now + Duration::days(1))
        )
    );
    // Not before its time.
    let early = run_due(&db, &stripe, now + Duration::hours(23))
        .await
        .unwrap();
    assert_eq!(early.retrying + early.overdue + early.paid, 0);
    // After 1, then 3 more, then 7 more days.
    let mut at = now + Duration::days(1);
    for (attempts, next) in [(2, Some(3)), (3, Some(7)), (4, None)] {
        run_due(&db, &stripe, at).await.unwrap();
        let (st, a, next_at) = status(db.clone()).await;
        assert_eq!(a, attempts);
        match next {
            Some(d) => {
                assert_eq!(
                    (st, next_at),
                    (InstallmentStatus::Retrying, Some(at + Duration::days(d)))
                );
                at += Duration::days(d);
            }
            None => assert_eq!((st, next_at), (InstallmentStatus::Overdue, None)),
        }
    }
    assert_eq!(received(&db, n.id).await, before, "nothing received");
    assert_eq!(seen.lock().unwrap().keys.len(), 4, "four attempts");
    let mail = common::emails_to(&db, "pledger@t.example", 10).await;
    assert_eq!(mail.len(), 1, "one email when it turned overdue");
    assert!(
        mail[0].body.contains("https://nikoo.test/fa/my/giving"),
        "{}",
        mail[0].body
    );
    // Overdue installments are not charged again by later runs.
    let after = run_due(&db, &stripe, at + Duration::days(30))
        .await
        .unwrap();
    assert_eq!(after.overdue, 0);
}

async fn one_runner_holds_the_lease_at_a_time(backend: Backend) {
    use nikoo_domain::jobs::{release, try_lease};
    let db = common::fresh_db(backend).await;
    let now = common::test_now();
    let ttl = Duration::minutes(10);
    let tries = (0..8).map(|k| {
        let db = db.clone();
        tokio::spawn(async move {
            try_lease(&db, "installments", &format!("runner-{k}"), now, ttl).await
        })
    });
    let mut winners = 0;
    for t in tries {
        if t.await.unwrap().unwrap() {
            winners += 1;
        }
    }
    assert_eq!(winners, 1, "one runner at a time");
    // Nobody else before it expires; the holder may renew; after release anyone may.
    assert!(
        !try_lease(&db, "installments", "late", now + Duration::minutes(5), ttl)
            .await
            .unwrap()
    );
    assert!(try_lease(
        &db,
        "installments",
        "late",
        now + Duration::minutes(11),
        ttl
    )
    .await
    .unwrap());
    assert!(try_lease(
        &db,
        "installments",
        "late",
        now + Duration::minutes(12),
        ttl
    )
    .await
    .unwrap());
    release(&db, "installments", "late", now + Duration::minutes(13))
        .await
        .unwrap();
    assert!(try_lease(
        &db,
        "installments",
        "next",
        now + Duration::minutes(13),
        ttl
    )
    .await
    .unwrap());
}

async fn donors_pause_resume_and_cancel_their_pledges(backend: Backend) {
    use nikoo_domain::entities::codes::PledgeStatus;
    use nikoo_domain::giving::pledges::{change_pledge, PledgeChange};
    let db = common::demo_db(backend).await;
    let now = common::test_now(); // 2025-12-03
    let n = OpenNeed::money("EUR").find(&db).await.need;
    let (stripe, _seen) = stripe().await;
    let p = card_pledge(&db, now.date_naive(), "pm_ok").await;
    let owner = common::account(&db, "owner-of-pledge@t.example", p.donor_id).await;
    let stranger = common::account(&db, "stranger@t.example", None).await;
    let before = received(&db, n.id).await;
    run_due(&db, &stripe, now).await.unwrap();
    assert_eq!(
        received(&db, n.id).await,
        before + 1000,
        "installment 1 paid"
    );
    // Only its donor may change it.
    let refused = change_pledge(&db, now, &stranger, p.id, PledgeChange::Pause).await;
    assert!(
        matches!(refused, Err(nikoo_domain::DomainError::Forbidden)),
        "{refused:?}"
    );
    let resume_active = change_pledge(&db, now, &owner, p.id, PledgeChange::Resume).await;
    assert!(resume_active
        .unwrap_err()
        .to_string()
        .contains("not_allowed"));
    // Paused over two due dates: nothing charged.
    change_pledge(&db, now, &owner, p.id, PledgeChange::Pause)
        .await
        .unwrap();
    let at = now + Duration::days(62); // 2026-02-03
    let paused = run_due(&db, &stripe, at).await.unwrap();
    assert_eq!((paused.fell_due, paused.paid), (0, 0));
    // Resumed: the missed ones are waived, not charged; the next is.
    change_pledge(&db, at, &owner, p.id, PledgeChange::Resume)
        .await
        .unwrap();
    let resumed = run_due(&db, &stripe, at).await.unwrap();
    assert_eq!(resumed.paid, 0, "{resumed:?}");
    let statuses: Vec<_> = common::installments_of(&db, p.id)
        .await
        .iter()
        .map(|i| i.status)
        .collect();
    assert_eq!(
        statuses,
        [
            InstallmentStatus::Paid,
            InstallmentStatus::Waived,
            InstallmentStatus::Waived
        ]
    );
    let next = run_due(&db, &stripe, at + Duration::days(28))
        .await
        .unwrap();
    assert_eq!(next.paid, 1);
    assert_eq!(received(&db, n.id).await, before + 2000);
    let pid = p.id;
    let status = |db: &nikoo_domain::sea_orm::DatabaseConnection| {
        let db = db.clone();
        async move {
            pledge::Entity::find_by_id(pid)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .status
        }
    };
    // Cancelled by mistake: the donor takes it back within a day (issue 16).
    change_pledge(&db, at, &owner, p.id, PledgeChange::Cancel)
        .await
        .unwrap();
    assert_eq!(status(&db).await, PledgeStatus::Cancelled);
    let undo = at + Duration::hours(23);
    change_pledge(&db, undo, &owner, p.id, PledgeChange::Resume)
        .await
        .unwrap();
    assert_eq!(status(&db).await, PledgeStatus::Active);
    // Cancelled again and a day gone: for good.
    change_pledge(&db, undo, &owner, p.id, PledgeChange::Cancel)
        .await
        .unwrap();
    let after = run_due(&db, &stripe, at + Duration::days(90))
        .await
        .unwrap();
    assert_eq!((after.fell_due, after.paid), (0, 0));
    let late = change_pledge(
        &db,
        undo + Duration::hours(24),
        &owner,
        p.id,
        PledgeChange::Resume,
    )
    .await;
    assert!(late.unwrap_err().to_string().contains("not_allowed"));
    assert_eq!(status(&db).await, PledgeStatus::Cancelled);
}

async fn donors_change_the_amount_and_the_card_of_their_pledges(backend: Backend) {
    use nikoo_domain::giving::donor_cards::{confirm_card_update, start_card_update};
    use nikoo_domain::giving::pledges::change_amount;
    use nikoo_domain::DomainError;
    use nikoo_types::Locale;
    let db = common::demo_db(backend).await;
    let now = common::test_now();
    let n = OpenNeed::money("EUR").find(&db).await.need;
    let (stripe, seen) = stripe().await;
    let p = card_pledge(&db, now.date_naive(), DECLINED).await;
    let owner = common::account(&db, "card-owner@t.example", p.donor_id).await;
    let stranger = common::account(&db, "not-the-owner@t.example", None).await;
    for days in [0, 1, 4, 11] {
        run_due(&db, &stripe, now + Duration::days(days))
            .await
            .unwrap();
    }
    assert_eq!(
        common::installments_of(&db, p.id).await[0].status,
        InstallmentStatus::Overdue
    );
    let amount_of = |id| {
        let db = db.clone();
        async move {
            pledge::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };

    // The amount: only the donor's own pledge, only a positive amount.
    let other = change_amount(&db, &stranger, p.id, "5", Locale::En).await;
    assert!(matches!(other, Err(DomainError::Forbidden)), "{other:?}");
    for bad in ["", "abc", "-5", "0"] {
        let r = change_amount(&db, &owner, p.id, bad, Locale::En).await;
        assert!(
            matches!(&r, Err(DomainError::Invalid(e)) if e.field == "amount"),
            "{bad:?}: {r:?}"
        );
    }
    assert_eq!(amount_of(p.id).await.amount_minor, Some(1000), "unchanged");
    let new = change_amount(&db, &owner, p.id, "۱۲٫۵۰", Locale::Fa)
        .await
        .unwrap();
    assert_eq!(new.minor(), 1250);
    assert_eq!(amount_of(p.id).await.amount_minor, Some(1250));
    assert_eq!(
        common::installments_of(&db, p.id).await[0].amount_minor,
        1000,
        "an installment already due keeps its amount"
    );

    // The card: only a donor with card pledges, only a setup made for them.
    let none = start_card_update(&db, &stripe, &stranger).await;
    assert!(
        matches!(&none, Err(DomainError::Invalid(e)) if e.code == "no_card_pledges"),
        "{none:?}"
    );
    start_card_update(&db, &stripe, &owner).await.unwrap();
    let donor_id = owner.donor_id.unwrap();
    assert_eq!(
        seen.lock().unwrap().setup_owner,
        format!("donor:{donor_id}")
    );
    let old_card = amount_of(p.id).await.saved_card_id;
    seen.lock().unwrap().setup_owner = "donor:0".into();
    let foreign = confirm_card_update(&db, &stripe, now, &owner, "seti_fake").await;
    assert!(
        matches!(foreign, Err(DomainError::Forbidden)),
        "{foreign:?}"
    );
    assert_eq!(amount_of(p.id).await.saved_card_id, old_card, "unchanged");
    seen.lock().unwrap().setup_owner = format!("donor:{donor_id}");
    let at = now + Duration::days(12);
    let updated = confirm_card_update(&db, &stripe, at, &owner, "seti_fake")
        .await
        .unwrap();
    assert_eq!((updated.pledges, updated.rescheduled), (1, 1));
    assert_eq!(amount_of(p.id).await.saved_card_id, Some(updated.card_id));
    let old = saved_card::Entity::find_by_id(old_card.unwrap())
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        old.removed_at.is_some(),
        "the old card is not Nikoo's to charge"
    );
    assert_eq!(seen.lock().unwrap().detached, vec![DECLINED.to_owned()]);
    let first = &common::installments_of(&db, p.id).await[0];
    assert_eq!((first.status, first.attempts), (InstallmentStatus::Due, 0));

    // The next run charges the overdue installment, at its own amount, to the new card.
    let before = received(&db, n.id).await;
    let report = run_due(&db, &stripe, at).await.unwrap();
    assert_eq!(report.paid, 1, "{report:?}");
    assert_eq!(received(&db, n.id).await, before + 1000);
    assert_eq!(
        common::installments_of(&db, p.id).await[0].status,
        InstallmentStatus::Paid
    );
}
