//! In-kind pledges: a donor or a center (its owner or manager) pledges a
//! quantity of an in-kind need's item by a date; bad input changes
//! nothing; the receiving center's staff record the goods as they arrive,
//! the figures follow, and the pledge is fulfilled when all of it came.

use crate::common;

use common::fixtures::{Found, OpenNeed};

use chrono::Duration;
use common::Backend;
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::{GiftKind, PledgeStatus};
use nikoo_domain::entities::{audit_record, center, need, pledge};
use nikoo_domain::giving::item_pledges::{of_donor, open_at_center, options, pledge, receive};
use nikoo_domain::sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use nikoo_domain::DomainError;
use nikoo_types::giving::item_pledges::ItemPledgeForm;
use nikoo_types::giving::Anonymity;
use nikoo_types::Locale;

on_both_backends!(donors_and_centers_pledge_items_and_staff_receive_them);

async fn pledged_and_received(
    db: &DatabaseConnection,
    need_id: i32,
    program_id: i32,
) -> (i64, i64) {
    let today = common::test_now().date_naive();
    let f = nikoo_domain::ledger::figures::compute(db, today, &[program_id])
        .await
        .unwrap();
    let n = f.needs.get(&need_id).copied().unwrap_or_default();
    (n.pledged, n.received)
}

async fn pledges_count(db: &DatabaseConnection) -> u64 {
    pledge::Entity::find().count(db).await.unwrap()
}

async fn donors_and_centers_pledge_items_and_staff_receive_them(backend: Backend) {
    let db = common::demo_db(backend).await;
    let now = common::test_now(); // 2025-12-03
    let Found {
        need: n,
        program: p,
        center: c,
    } = OpenNeed::in_kind().find(&db).await;
    let other = center::Entity::find()
        .filter(center::Column::Id.ne(c.id))
        .order_by_asc(center::Column::Id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let donor = common::account(&db, "items@t.example", None).await;
    let donor_actor = Actor::load(&db, donor.id).await.unwrap().unwrap();
    let manager = common::account(&db, "other-manager@t.example", None).await;
    nikoo_domain::staff::add_member_by_operator(
        &db,
        now,
        &other.slug,
        "other-manager@t.example",
        nikoo_types::accounts::StaffRole::Manager,
    )
    .await
    .unwrap();
    let manager_actor = Actor::load(&db, manager.id).await.unwrap().unwrap();
    let coordinator = common::account(&db, "receiver@t.example", None).await;
    nikoo_domain::staff::add_member_by_operator(
        &db,
        now,
        &c.slug,
        "receiver@t.example",
        nikoo_types::accounts::StaffRole::Coordinator,
    )
    .await
    .unwrap();
    let coordinator_actor = Actor::load(&db, coordinator.id).await.unwrap().unwrap();

    let page = options(&db, now, Some(&manager_actor), &p.slug)
        .await
        .unwrap();
    assert!(page.needs.iter().any(|x| x.id == n.id));
    assert_eq!(
        page.pledge_as
            .iter()
            .map(|x| x.center_id)
            .collect::<Vec<_>>(),
        vec![other.id],
        "a manager may pledge for their own center"
    );
    assert!(options(&db, now, Some(&donor_actor), &p.slug)
        .await
        .unwrap()
        .pledge_as
        .is_empty());

    let form = |quantity: &str, due: &str, pledge_as: Option<i32>| ItemPledgeForm {
        lang: Locale::En,
        program: p.slug.clone(),
        need: n.id,
        quantity: quantity.into(),
        due_date: due.into(),
        anonymity: Anonymity::Anonymous,
        pledge_as,
    };
    let (pledged0, received0) = pledged_and_received(&db, n.id, p.id).await;
    let count0 = pledges_count(&db).await;

    // Bad input: a clear field error, nothing written.
    for (f, field) in [
        (form("0", "2025-12-20", None), "quantity"),
        (form("abc", "2025-12-20", None), "quantity"),
        (form("5", "2025-12-02", None), "due_date"),
        (form("5", "2026-12-04", None), "due_date"),
        (form("5", "20/12/2025", None), "due_date"),
    ] {
        let r = pledge(&db, now, &donor, &donor_actor, &f).await;
        assert!(
            matches!(&r, Err(DomainError::Invalid(e)) if e.field == field),
            "{f:?}: {r:?}"
        );
    }
    let mut money_need = form("5", "2025-12-20", None);
    money_need.need = need::Entity::find()
        .filter(need::Column::Kind.eq(GiftKind::Money))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = pledge(&db, now, &donor, &donor_actor, &money_need).await;
    assert!(
        matches!(&r, Err(DomainError::Invalid(e)) if e.field == "need"),
        "{r:?}"
    );
    // Only a center's owner or manager pledges for it, never the receiving center.
    for (who, actor, center_id) in [
        (&donor, &donor_actor, other.id),
        (&manager, &manager_actor, c.id),
    ] {
        let r = pledge(
            &db,
            now,
            who,
            actor,
            &form("5", "2025-12-20", Some(center_id)),
        )
        .await;
        assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    }
    assert_eq!(pledges_count(&db).await, count0, "nothing written");

    // A donor pledges 5 (digits in any script), a center pledges 4.
    let mine = pledge(
        &db,
        now,
        &donor,
        &donor_actor,
        &form("۵", "۲۰۲۵-۱۲-۲۰", None),
    )
    .await
    .unwrap();
    assert_eq!((mine.quantity, mine.kind), (Some(5), GiftKind::InKind));
    let mut public = form("4", "2025-12-04", Some(other.id));
    public.anonymity = Anonymity::Public;
    let theirs = pledge(&db, now, &manager, &manager_actor, &public)
        .await
        .unwrap();
    assert_eq!(theirs.pledging_center_id, Some(other.id));
    let audited = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("pledge.items"))
        .filter(audit_record::Column::CenterId.eq(other.id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(audited, 1, "a center's pledge is in its audit log");
    assert_eq!(
        pledged_and_received(&db, n.id, p.id).await,
        (pledged0 + 9, received0)
    );

    // The program page shows the center by name, the anonymous donor as nobody.
    let page = nikoo_domain::transparency::program_detail(&db, now, &p.slug)
        .await
        .unwrap();
    let shown: Vec<(Option<String>, Option<i64>)> = page
        .recent_pledges
        .iter()
        .filter(|x| x.quantity.is_some() && x.need.is_some())
        .take(2)
        .map(|x| {
            (
                x.by.as_ref().map(|b| b.get(Locale::Fa).to_owned()),
                x.quantity,
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![(Some(other.name_fa.clone()), Some(4)), (None, Some(5))],
        "newest first"
    );
    let json = serde_json::to_string(&page).unwrap();
    assert!(
        !json.contains("Pledger"),
        "an anonymous pledger's name is never sent"
    );

    // The receiving center sees both, the center by name, the anonymous
    // donor by name too (anonymous to the public only).
    let open = open_at_center(&db, now, c.id).await.unwrap();
    let row = |id| open.iter().find(|x| x.id == id).unwrap().clone();
    assert_eq!(row(mine.id).by.unwrap().get(Locale::En), "Pledger");
    assert!(row(theirs.id).by_center);
    // Late once its date passed.
    let later = open_at_center(&db, now + Duration::days(2), c.id)
        .await
        .unwrap();
    assert!(later.iter().find(|x| x.id == theirs.id).unwrap().late);
    assert!(!later.iter().find(|x| x.id == mine.id).unwrap().late);

    // Staff record what arrives: not more than pledged, not by another center.
    let r = receive(&db, now, Some(&manager_actor), mine.id, "2").await;
    assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    let r = receive(&db, now, Some(&coordinator_actor), mine.id, "6").await;
    assert!(
        matches!(&r, Err(DomainError::Invalid(e)) if e.code == "exceeds_pledge"),
        "{r:?}"
    );
    let r = receive(&db, now, Some(&coordinator_actor), mine.id, "0").await;
    assert!(
        matches!(&r, Err(DomainError::Invalid(e)) if e.field == "quantity"),
        "{r:?}"
    );
    receive(&db, now, Some(&coordinator_actor), mine.id, "3")
        .await
        .unwrap();
    assert_eq!(
        pledged_and_received(&db, n.id, p.id).await,
        (pledged0 + 6, received0 + 3)
    );
    let status = |id| {
        let db = db.clone();
        async move {
            pledge::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .status
        }
    };
    assert_eq!(status(mine.id).await, PledgeStatus::Active);
    receive(&db, now, Some(&coordinator_actor), mine.id, "2")
        .await
        .unwrap();
    assert_eq!(status(mine.id).await, PledgeStatus::Fulfilled);
    assert_eq!(
        pledged_and_received(&db, n.id, p.id).await,
        (pledged0 + 4, received0 + 5)
    );
    let r = receive(&db, now, Some(&coordinator_actor), mine.id, "1").await;
    assert!(
        matches!(&r, Err(DomainError::Invalid(e)) if e.field == "pledge"),
        "{r:?}"
    );

    // Three staff recording 3 of the center's 4 at once: two are refused.
    let tries: Vec<_> = (0..3)
        .map(|_| {
            let (db, who) = (db.clone(), coordinator_actor.clone());
            let id = theirs.id;
            tokio::spawn(async move { receive(&db, now, Some(&who), id, "3").await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for t in tries {
        outcomes.push(t.await.unwrap());
    }
    let over = outcomes
        .iter()
        .filter(|r| matches!(r, Err(DomainError::Invalid(e)) if e.code == "exceeds_pledge"))
        .count();
    assert_eq!(
        (outcomes.iter().filter(|r| r.is_ok()).count(), over),
        (1, 2),
        "{outcomes:?}"
    );

    // Goods that came without a pledge: staff of the center only, an
    // in-kind need of the center, a whole positive quantity.
    use nikoo_domain::giving::center_gifts::{record_items, ItemsGift};
    let walk_in = |center_id, need_id, quantity: &str| ItemsGift {
        center_id,
        need_id,
        quantity: quantity.into(),
        donor_name: "همسایه".into(),
        anonymous: true,
    };
    let r = record_items(&db, now, Some(&manager_actor), &walk_in(c.id, n.id, "7")).await;
    assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    let r = record_items(
        &db,
        now,
        Some(&manager_actor),
        &walk_in(other.id, n.id, "7"),
    )
    .await;
    assert!(
        matches!(&r, Err(DomainError::Invalid(e)) if e.field == "need"),
        "{r:?}"
    );
    let r = record_items(
        &db,
        now,
        Some(&coordinator_actor),
        &walk_in(c.id, n.id, "2.5"),
    )
    .await;
    assert!(
        matches!(&r, Err(DomainError::Invalid(e)) if e.field == "quantity"),
        "{r:?}"
    );
    let (pledged1, received1) = pledged_and_received(&db, n.id, p.id).await;
    record_items(
        &db,
        now,
        Some(&coordinator_actor),
        &walk_in(c.id, n.id, "۷"),
    )
    .await
    .unwrap();
    assert_eq!(
        pledged_and_received(&db, n.id, p.id).await,
        (pledged1, received1 + 7)
    );

    // The donor's page lists it, received in full.
    let listed = of_donor(
        &db,
        now,
        &nikoo_domain::accounts::users::find(&db, donor.id)
            .await
            .unwrap()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].received, listed[0].status.as_str()),
        (5, "fulfilled")
    );
}
