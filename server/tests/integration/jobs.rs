//! Background jobs (issue 12): the runner runs the jobs a deployment can
//! run, each under its own lease; pledges paid to the center are scheduled
//! and go overdue without any card provider; two runners never run one job
//! at once, a dead runner's lease is taken over once it expires, a running
//! job's lease is renewed; two senders over one outbox send each email once.

use crate::common;

use common::fixtures::{Found, OpenNeed};

use chrono::{Duration, NaiveDate};
use common::Backend;
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::InstallmentStatus;
use nikoo_domain::entities::outbox_email;
use nikoo_domain::sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use nikoo_domain::{Clock, FixedClock};
use nikoo_server::jobs::{Job, JobContext, Missing, Outcome, Runner};
use nikoo_server::mail::MailTransport;
use nikoo_types::giving::{Anonymity, CardPledgeForm};
use nikoo_types::Locale;
use std::sync::{Arc, Mutex};

on_both_backends!(
    offline_installments_fall_due_and_go_overdue_without_a_card_provider,
    one_runner_runs_a_job_and_a_dead_runner_is_replaced,
    a_running_job_keeps_its_lease,
    two_senders_send_each_email_once,
);

/// Records what it is asked to send, taking `delay` per email.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<String>>,
    delay: std::time::Duration,
}

#[async_trait::async_trait]
impl MailTransport for Recorder {
    async fn send(&self, email: &nikoo_server::mail::Rendered) -> Result<(), String> {
        tokio::time::sleep(self.delay).await;
        self.sent.lock().unwrap().push(email.to.clone());
        Ok(())
    }
}

/// A job context on `db` at `clock`, without a card provider, with
/// `mailer` as the email transport when given.
fn context(
    db: &DatabaseConnection,
    clock: &FixedClock,
    mailer: Option<Arc<Recorder>>,
) -> JobContext {
    JobContext {
        db: db.clone(),
        clock: clock.shared(),
        payments: None,
        mailer: mailer.map(|m| m as nikoo_server::mail::SharedMailer),
        public_url: "https://nikoo.test".into(),
        grace_days: 14,
    }
}

async fn emails_to(db: &DatabaseConnection, to: &str) -> Vec<nikoo_server::mail::Rendered> {
    common::emails_to(db, to, 100).await
}

/// Puts `n` emails in the outbox, to `reader0@…` and on; answers their
/// addresses, in order.
async fn fill_outbox(db: &DatabaseConnection, n: usize) -> Vec<String> {
    let mut to = Vec::new();
    for k in 0..n {
        let address = format!("reader{k}@t.example");
        nikoo_domain::outbox::enqueue(
            db,
            common::test_now(),
            &address,
            Locale::En,
            &nikoo_types::mail::Message::AccountExists,
        )
        .await
        .unwrap();
        to.push(address);
    }
    to
}

fn at(day: &str) -> chrono::DateTime<chrono::Utc> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc()
}

async fn offline_installments_fall_due_and_go_overdue_without_a_card_provider(backend: Backend) {
    let db = common::demo_db(backend).await;
    let clock = FixedClock::new(common::test_now()); // 2025-12-03, Tehran
    let runner = Runner::new(context(&db, &clock, None));
    let Found {
        need: n,
        program: p,
        ..
    } = OpenNeed::money("IRR").find(&db).await;
    let donor = common::account(&db, "monthly@t.example", None).await;
    let actor = Actor::load(&db, donor.id).await.unwrap().unwrap();
    let form = CardPledgeForm {
        lang: Locale::En,
        program: p.slug.clone(),
        need: Some(n.id),
        amount: "1000000".into(),
        frequency: "monthly".into(),
        installments: String::new(),
        anonymity: Anonymity::Public,
    };
    let pledge = nikoo_domain::giving::offline_pledges::pledge(
        &db,
        clock.now(),
        &donor,
        &actor,
        &form,
        None,
    )
    .await
    .unwrap();
    assert_eq!(common::installments_of(&db, pledge.id).await.len(), 1);

    // What `nikoo jobs run-once` does, with no card provider and no SMTP:
    // the card jobs and the outbox are skipped, the offline job runs.
    let run = |at: chrono::DateTime<chrono::Utc>| {
        clock.set(at);
        let runner = runner.clone();
        async move { runner.run_each_once(&Job::ALL).await.unwrap() }
    };
    let offline = |outcomes: Vec<(Job, Outcome)>| outcomes[1].1.clone();
    // 17 December in Tehran: the 14 days of grace are not over.
    assert_eq!(
        offline(run(at("2025-12-17")).await),
        Outcome::Ran("0 fell due, 0 overdue".into())
    );
    // 20:45 UTC on 17 December is 00:15 on the 18th in Tehran: over.
    let outcomes = run(at("2025-12-17") + Duration::minutes(11 * 60 + 45)).await;
    assert_eq!(
        outcomes,
        vec![
            (
                Job::CardInstallments,
                Outcome::Skipped(Missing::CardProvider)
            ),
            (
                Job::OfflineInstallments,
                Outcome::Ran("0 fell due, 1 overdue".into())
            ),
            (Job::Fees, Outcome::Skipped(Missing::CardProvider)),
            (Job::Outbox, Outcome::Skipped(Missing::Mailer)),
            (Job::FormKeys, Outcome::Ran("0 deleted".into())),
        ],
        "installment 1 (3 December) is overdue after 14 days of grace, in the center's time zone"
    );
    let overdue_mail = emails_to(&db, "monthly@t.example").await;
    assert_eq!(overdue_mail.len(), 1, "the donor is told once");
    assert!(
        overdue_mail[0].body.contains("Installment 1")
            && overdue_mail[0].body.contains("/en/my/giving"),
        "{}",
        overdue_mail[0].body
    );

    // The second and third installments as the clock moves, once each.
    run(at("2026-01-03")).await;
    run(at("2026-01-04")).await;
    let rows = common::installments_of(&db, pledge.id).await;
    let dates: Vec<NaiveDate> = rows.iter().map(|i| i.due_date).collect();
    assert_eq!(
        dates,
        [
            NaiveDate::from_ymd_opt(2025, 12, 3),
            NaiveDate::from_ymd_opt(2026, 1, 3)
        ]
        .map(Option::unwrap)
    );
    run(at("2026-02-03")).await;
    let rows = common::installments_of(&db, pledge.id).await;
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows.iter().map(|i| i.status).collect::<Vec<_>>(),
        vec![
            InstallmentStatus::Overdue,
            InstallmentStatus::Overdue,
            InstallmentStatus::Due
        ],
        "installment 2 (3 January) is past its grace on 3 February; 3 is not"
    );
    assert!(
        rows.iter().all(|i| i.next_attempt_at.is_none()),
        "nothing is charged"
    );
    let mail = emails_to(&db, "monthly@t.example").await;
    assert_eq!(mail.len(), 2);
    assert!(mail[0].body.contains("Installment 2"), "{}", mail[0].body);
    run(at("2026-02-03")).await;
    assert_eq!(
        emails_to(&db, "monthly@t.example").await.len(),
        2,
        "not twice"
    );

    // The center's staff still see both to record; the donor sees them overdue.
    let due = nikoo_domain::giving::offline_pledges::due_at_center(&db, clock.now(), p.center_id)
        .await
        .unwrap();
    let listed: Vec<i32> = due
        .iter()
        .filter(|d| rows.iter().any(|i| i.id == d.installment_id))
        .map(|d| d.number)
        .collect();
    assert_eq!(listed, vec![1, 2, 3]);
    let donor = nikoo_domain::accounts::users::find(&db, donor.id)
        .await
        .unwrap()
        .unwrap();
    let page = nikoo_domain::giving::my_giving::my_giving(&db, None, clock.now(), &donor)
        .await
        .unwrap();
    let statuses: Vec<String> = page
        .pledges
        .iter()
        .find(|x| x.id == pledge.id)
        .unwrap()
        .schedule
        .iter()
        .take(3)
        .map(|i| i.status.clone())
        .collect();
    assert_eq!(statuses, vec!["overdue", "overdue", "due"]);

    // `nikoo jobs list` shows the run and a free lease.
    let listed = nikoo_server::jobs::list(runner.context()).await.unwrap();
    let offline = listed
        .iter()
        .find(|r| r[0] == "offline-installments")
        .unwrap();
    assert_eq!(offline[3], "ok: 0 fell due, 0 overdue");
    assert_eq!(offline[4], "free");
    let card = listed.iter().find(|r| r[0] == "card-installments").unwrap();
    assert!(card[5].starts_with("off:"), "{card:?}");
}

async fn one_runner_runs_a_job_and_a_dead_runner_is_replaced(backend: Backend) {
    let db = common::fresh_db(backend).await;
    let clock = FixedClock::new(common::test_now());
    let mailer = Arc::new(Recorder {
        delay: std::time::Duration::from_millis(100),
        ..Recorder::default()
    });
    let ids = fill_outbox(&db, 5).await;
    let a = Runner::new(context(&db, &clock, Some(mailer.clone())));
    let b = Runner::new(context(&db, &clock, Some(mailer.clone())));
    assert_ne!(a.holder(), b.holder(), "a holder is unique per runner");
    let (ra, rb) = tokio::join!(a.run_once(Job::Outbox), b.run_once(Job::Outbox));
    let mut outcomes = vec![ra.unwrap(), rb.unwrap()];
    outcomes.sort_by_key(|o| matches!(o, Outcome::Busy));
    assert_eq!(
        outcomes,
        vec![Outcome::Ran("5 sent, 0 failed".into()), Outcome::Busy],
        "one runs, the other skips"
    );
    let mut sent = mailer.sent.lock().unwrap().clone();
    sent.sort_unstable();
    assert_eq!(sent, ids);

    // A runner that died holding the lease: skipped until the lease expires.
    assert!(nikoo_domain::jobs::try_lease(
        &db,
        "outbox",
        "dead:1:x",
        clock.now(),
        Job::Outbox.lease()
    )
    .await
    .unwrap());
    fill_outbox(&db, 1).await;
    assert_eq!(b.run_once(Job::Outbox).await.unwrap(), Outcome::Busy);
    clock.set(clock.now() + Job::Outbox.lease() - Duration::seconds(1));
    assert_eq!(b.run_once(Job::Outbox).await.unwrap(), Outcome::Busy);
    clock.set(clock.now() + Duration::seconds(1));
    assert_eq!(
        b.run_once(Job::Outbox).await.unwrap(),
        Outcome::Ran("1 sent, 0 failed".into())
    );

    // A runner shutting down gives back the leases it holds.
    assert!(
        nikoo_domain::jobs::try_lease(&db, "fees", a.holder(), clock.now(), Job::Fees.lease())
            .await
            .unwrap()
    );
    a.release().await.unwrap();
    assert!(
        nikoo_domain::jobs::try_lease(&db, "fees", b.holder(), clock.now(), Job::Fees.lease())
            .await
            .unwrap()
    );
}

async fn a_running_job_keeps_its_lease(backend: Backend) {
    let db = common::fresh_db(backend).await;
    let clock = FixedClock::new(common::test_now());
    let mailer = Arc::new(Recorder {
        delay: std::time::Duration::from_millis(100),
        ..Recorder::default()
    });
    fill_outbox(&db, 10).await;
    let slow = Runner::new(context(&db, &clock, Some(mailer.clone())))
        .renewing_every(std::time::Duration::from_millis(20));
    let other = Runner::new(context(&db, &clock, Some(mailer.clone())));
    let running = tokio::spawn({
        let slow = slow.clone();
        async move { slow.run_once(Job::Outbox).await.unwrap() }
    });
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    // Past the lease as first taken: only a renewal keeps it.
    clock.set(clock.now() + Job::Outbox.lease() + Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    assert_eq!(other.run_once(Job::Outbox).await.unwrap(), Outcome::Busy);
    assert_eq!(
        running.await.unwrap(),
        Outcome::Ran("10 sent, 0 failed".into())
    );
    assert_eq!(mailer.sent.lock().unwrap().len(), 10);
    assert_eq!(
        other.run_once(Job::Outbox).await.unwrap(),
        Outcome::Ran("0 sent, 0 failed".into()),
        "released when done"
    );
}

async fn two_senders_send_each_email_once(backend: Backend) {
    let db = common::fresh_db(backend).await;
    let clock = FixedClock::new(common::test_now());
    let ids = fill_outbox(&db, 8).await;
    let mailer = Arc::new(Recorder {
        delay: std::time::Duration::from_millis(20),
        ..Recorder::default()
    });
    // Two senders over one outbox, without the lease (as if it were lost).
    let send = || {
        let (db, clock, mailer) = (db.clone(), clock.shared(), mailer.clone());
        tokio::spawn(async move {
            nikoo_server::mail::send_pending(&db, &clock, mailer.as_ref(), "https://nikoo.test")
                .await
                .unwrap()
        })
    };
    let (one, two) = (send(), send());
    let (one, two) = (one.await.unwrap(), two.await.unwrap());
    assert_eq!(one.sent + two.sent, 8, "{one:?} {two:?}");
    let mut sent = mailer.sent.lock().unwrap().clone();
    sent.sort_unstable();
    assert_eq!(sent, ids, "each email once");
    let unsent = outbox_email::Entity::find()
        .filter(outbox_email::Column::SentAt.is_null())
        .all(&db)
        .await
        .unwrap();
    assert!(unsent.is_empty());
    let attempts: Vec<i32> = outbox_email::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .iter()
        .map(|e| e.attempts)
        .collect();
    assert!(attempts.iter().all(|a| *a == 1), "{attempts:?}");
}
