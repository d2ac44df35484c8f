//! Corrections by staff (issue 14): a cash gift or goods recorded by
//! mistake are reversed once, with a reason, by an owner or manager, and
//! every figure drops them; money already spent or goods already handed
//! out are not reversed; a pledge is cancelled by the receiving center's
//! owner or a platform admin, and its donor is told why. Bad input
//! changes nothing.

use crate::common;

use common::fixtures::{self, Found, OpenNeed};
use common::{received, Backend};
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::{
    CenterRole, InstallmentStatus, Movement, PaymentMethod, PledgeStatus, TransactionKind,
};
use nikoo_domain::entities::{
    audit_record, donation, in_kind_movement, installment, ledger_transaction, pledge,
};
use nikoo_domain::giving::center_gifts::{self, ItemsGift, OfflineGift};
use nikoo_domain::giving::corrections::{cancel_pledge, reverse_gift, reverse_items};
use nikoo_domain::sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use nikoo_domain::{Clock, DomainError};

on_both_backends!(
    a_mistaken_gift_is_reversed_once_with_a_reason,
    goods_received_by_mistake_are_reversed_unless_handed_out,
    a_pledge_is_cancelled_by_the_receiving_center_and_its_donor_told,
);

/// The field and code of an `Invalid` refusal.
fn refusal<T: std::fmt::Debug>(r: Result<T, DomainError>) -> (String, String) {
    match r {
        Err(DomainError::Invalid(f)) => (f.field, f.code.code().to_owned()),
        other => panic!("not a refused input: {other:?}"),
    }
}

/// A reason as an attacker would type it (`hostile_text::HOSTILE`).
const HOSTILE_REASON: &str = crate::hostile_text::HOSTILE[0];

async fn a_mistaken_gift_is_reversed_once_with_a_reason(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    let Found {
        need: n, center: c, ..
    } = OpenNeed::money("EUR").find(db).await;
    let coordinator =
        fixtures::staff(&app, "fix-coord@t.example", c.id, CenterRole::Coordinator).await;
    let manager = fixtures::staff(&app, "fix-manager@t.example", c.id, CenterRole::Manager).await;
    let (first, second) = fixtures::two_centers(db).await;
    let other_center = if first.id == c.id {
        second.id
    } else {
        first.id
    };
    let elsewhere =
        fixtures::staff(&app, "fix-else@t.example", other_center, CenterRole::Owner).await;
    let form = OfflineGift {
        lang: nikoo_types::Locale::En,
        center_id: c.id,
        designation: format!("n{}", n.id),
        method: "cash".into(),
        amount: "50".into(),
        donor_name: "Mistyped".into(),
        anonymous: false,
        received_on: String::new(),
    };
    let before = received(db, n.id).await;
    let gift = center_gifts::record_offline(db, now, Some(&coordinator), &form)
        .await
        .unwrap();
    assert_eq!(received(db, n.id).await, before + 5000);

    // Who may not, and bad reasons, change nothing.
    for actor in [&coordinator, &elsewhere] {
        let r = reverse_gift(db, now, Some(actor), gift.id, "typo").await;
        assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    }
    let r = reverse_gift(db, now, Some(&manager), 999_999, "typo").await;
    assert!(
        matches!(r, Err(DomainError::Forbidden)),
        "no such gift: {r:?}"
    );
    assert_eq!(
        refusal(reverse_gift(db, now, Some(&manager), gift.id, "  ").await),
        ("reason".into(), "required".into())
    );
    assert_eq!(
        refusal(reverse_gift(db, now, Some(&manager), gift.id, &"x".repeat(501)).await),
        ("reason".into(), "too_long".into())
    );
    assert_eq!(received(db, n.id).await, before + 5000, "nothing reversed");
    let unchanged = donation::Entity::find_by_id(gift.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged.reversed_at, None);

    // The manager reverses it: every figure drops it, the ledger keeps both.
    reverse_gift(db, now, Some(&manager), gift.id, HOSTILE_REASON)
        .await
        .unwrap();
    assert_eq!(received(db, n.id).await, before);
    let reversal = ledger_transaction::Entity::find()
        .filter(ledger_transaction::Column::ReversesId.eq(gift.ledger_transaction_id))
        .one(db)
        .await
        .unwrap()
        .expect("a reversing transaction");
    assert_eq!(reversal.kind, TransactionKind::Reversal);
    let reversed = donation::Entity::find_by_id(gift.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        reversed.reversal_reason.as_deref(),
        Some(HOSTILE_REASON.trim())
    );
    assert_eq!(
        reversed.receipt_number, gift.receipt_number,
        "its number stays"
    );
    let audited = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("gift.reverse"))
        .filter(audit_record::Column::ObjectId.eq(gift.id.to_string()))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    // Once only.
    assert_eq!(
        refusal(reverse_gift(db, now, Some(&manager), gift.id, "again").await),
        ("gift".into(), "already_reversed".into())
    );
    assert_eq!(received(db, n.id).await, before);
    // The gifts page shows it reversed, with the reason; its receipt says so.
    let page = center_gifts::page(db, now, Some(&manager), c.id, &Default::default())
        .await
        .unwrap();
    let row = page.gifts.iter().find(|g| g.id == gift.id).unwrap();
    assert_eq!(row.reversal_reason.as_deref(), Some(HOSTILE_REASON.trim()));
    assert!(!row.reversible);
    assert!(page.can_correct);
    let receipt = nikoo_domain::giving::receipts::of_donation(db, Some(&manager), gift.id)
        .await
        .unwrap();
    assert_eq!(receipt.state, nikoo_types::giving::ReceiptState::Reversed);
    // The staff page shows the reason as text, whatever it holds.
    for (i, reason) in crate::hostile_text::HOSTILE.iter().enumerate().skip(1) {
        let g = center_gifts::record_offline(db, now, Some(&coordinator), &form)
            .await
            .unwrap();
        reverse_gift(db, now, Some(&manager), g.id, &format!("{reason} {i}"))
            .await
            .unwrap();
    }
    let mut b = common::browser::signed_in(&app, "fix-manager@t.example").await;
    for lang in ["fa", "en"] {
        let path = format!("/{lang}/my/centers/{}/gifts", c.id);
        let html = b.page(&app, &path).await.body;
        crate::hostile_text::assert_inert(&path, &html);
        assert!(
            html.contains("&lt;x-injected&gt;"),
            "{path}: the reason is shown"
        );
    }
    // A card gift is refunded, not reversed.
    let card = nikoo_domain::giving::records::record_donation(
        db,
        now,
        nikoo_domain::giving::records::NewDonation {
            key: "card:fix".into(),
            donor_id: None,
            anonymous: true,
            hidden_from_center: false,
            pledging_center_id: None,
            program_id: n.program_id,
            need_id: Some(n.id),
            pledge_id: None,
            method: PaymentMethod::Card,
            amount: nikoo_types::Money::from_minor(
                700,
                nikoo_types::Currency::from_code("EUR").unwrap(),
            ),
            received_at: now,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        refusal(reverse_gift(db, now, Some(&manager), card.id, "typo").await),
        ("gift".into(), "not_reversible".into())
    );

    // Money already spent is not reversed.
    let spent = center_gifts::record_offline(db, now, Some(&coordinator), &form)
        .await
        .unwrap();
    let held: i64 = nikoo_domain::ledger::balances(db, Some(&[n.program_id]))
        .await
        .unwrap()
        .iter()
        .filter(|b| {
            b.account == nikoo_domain::ledger::Account::Cash
                && b.need_id == Some(n.id)
                && b.currency == "EUR"
        })
        .map(|b| b.amount.unwrap())
        .sum();
    nikoo_domain::giving::records::record_disbursement(
        db,
        now,
        nikoo_domain::giving::records::NewDisbursement {
            key: "fix-spend".into(),
            program_id: n.program_id,
            need_id: n.id,
            amount: nikoo_types::Money::from_minor(
                held,
                nikoo_types::Currency::from_code("EUR").unwrap(),
            ),
            memo_fa: None,
            memo_en: None,
            occurred_at: now,
        },
    )
    .await
    .unwrap();
    let after_spending = received(db, n.id).await;
    assert_eq!(
        refusal(reverse_gift(db, now, Some(&manager), spent.id, "typo").await),
        ("gift".into(), "exceeds_fund".into())
    );
    assert_eq!(received(db, n.id).await, after_spending);
}

async fn goods_received_by_mistake_are_reversed_unless_handed_out(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    let Found {
        need: n, center: c, ..
    } = OpenNeed::in_kind().find(db).await;
    let coordinator =
        fixtures::staff(&app, "items-coord@t.example", c.id, CenterRole::Coordinator).await;
    let owner = fixtures::staff(&app, "items-owner@t.example", c.id, CenterRole::Owner).await;
    // What the center holds: received (reversals included) minus delivered.
    let stock = || async {
        in_kind_movement::Entity::find()
            .filter(in_kind_movement::Column::NeedId.eq(n.id))
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|m| match m.kind {
                Movement::Received => m.quantity,
                Movement::Delivered => -m.quantity,
            })
            .sum::<i64>()
    };
    let gift = |quantity: &str| ItemsGift {
        center_id: c.id,
        need_id: n.id,
        quantity: quantity.into(),
        donor_name: String::new(),
        anonymous: true,
    };
    let before = stock().await;
    center_gifts::record_items(db, now, Some(&coordinator), &gift("10"))
        .await
        .unwrap();
    let newest = || async {
        in_kind_movement::Entity::find()
            .filter(in_kind_movement::Column::NeedId.eq(n.id))
            .order_by_desc(in_kind_movement::Column::Id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    let m = newest().await;
    assert_eq!(stock().await, before + 10);
    let r = reverse_items(db, now, Some(&coordinator), m.id, "typo").await;
    assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    assert_eq!(
        refusal(reverse_items(db, now, Some(&owner), m.id, "").await),
        ("reason".into(), "required".into())
    );
    assert_eq!(stock().await, before + 10);
    let reversal = reverse_items(db, now, Some(&owner), m.id, "ده به جای یک")
        .await
        .unwrap();
    assert_eq!((reversal.quantity, reversal.reverses_id), (-10, Some(m.id)));
    assert_eq!(stock().await, before);
    assert_eq!(
        refusal(reverse_items(db, now, Some(&owner), m.id, "again").await),
        ("movement".into(), "already_reversed".into())
    );
    assert_eq!(
        refusal(reverse_items(db, now, Some(&owner), reversal.id, "undo").await),
        ("movement".into(), "not_reversible".into())
    );
    let page = center_gifts::page(db, now, Some(&owner), c.id, &Default::default())
        .await
        .unwrap();
    let row = page
        .received_items
        .iter()
        .find(|r| r.movement_id == m.id)
        .expect("listed");
    assert_eq!(row.reversal_reason.as_deref(), Some("ده به جای یک"));
    assert!(
        page.received_items
            .iter()
            .all(|r| r.movement_id != reversal.id),
        "a reversal is shown on what it reverses, not as goods"
    );

    // Goods handed out already are not reversed.
    center_gifts::record_items(db, now, Some(&coordinator), &gift("4"))
        .await
        .unwrap();
    let arrived = newest().await;
    let held = stock().await;
    nikoo_domain::giving::records::record_movement(
        db,
        now,
        nikoo_domain::giving::records::NewMovement {
            key: "items-out".into(),
            movement: Movement::Delivered,
            program_id: n.program_id,
            need_id: n.id,
            quantity: nikoo_types::Quantity::parse(&held.to_string()).unwrap(),
            donor_id: None,
            anonymous: true,
            pledge_id: None,
            beneficiary_count: Some(1),
            upload_id: None,
            recorded_by: None,
            memo_fa: None,
            memo_en: None,
            occurred_at: now,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        refusal(reverse_items(db, now, Some(&owner), arrived.id, "typo").await),
        ("movement".into(), "exceeds_stock".into())
    );
    assert_eq!(stock().await, 0);
}

async fn a_pledge_is_cancelled_by_the_receiving_center_and_its_donor_told(backend: Backend) {
    use nikoo_types::giving::{Anonymity, CardPledgeForm};
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    let Found {
        need: n,
        program: p,
        center: c,
    } = OpenNeed::money("IRR").find(db).await;
    let owner = fixtures::staff(&app, "cancel-owner@t.example", c.id, CenterRole::Owner).await;
    let manager =
        fixtures::staff(&app, "cancel-manager@t.example", c.id, CenterRole::Manager).await;
    let admin_user = common::browser::account(&app, "cancel-admin@t.example", true).await;
    let admin = Actor::load(db, admin_user.id).await.unwrap().unwrap();
    let donor_user = common::browser::account(&app, "pledger@t.example", false).await;
    let donor_actor = Actor::load(db, donor_user.id).await.unwrap().unwrap();
    let donor_user = nikoo_domain::accounts::users::find(db, donor_user.id)
        .await
        .unwrap()
        .unwrap();
    let form = CardPledgeForm {
        lang: nikoo_types::Locale::En,
        program: p.slug.clone(),
        need: Some(n.id),
        amount: "100000".into(),
        frequency: "monthly".into(),
        installments: "6".into(),
        anonymity: Anonymity::Public,
    };
    let pledge_once = || {
        nikoo_domain::giving::offline_pledges::pledge(
            db,
            now,
            &donor_user,
            &donor_actor,
            &form,
            None,
        )
    };
    let first = pledge_once().await.unwrap();
    assert!(
        installment::Entity::find()
            .filter(installment::Column::PledgeId.eq(first.id))
            .filter(installment::Column::Status.eq(InstallmentStatus::Due))
            .count(db)
            .await
            .unwrap()
            > 0,
        "its first installment is due"
    );
    let r = cancel_pledge(db, now, Some(&manager), first.id, "abuse").await;
    assert!(
        matches!(r, Err(DomainError::Forbidden)),
        "managers do not: {r:?}"
    );
    let r = cancel_pledge(db, now, Some(&donor_actor), first.id, "abuse").await;
    assert!(matches!(r, Err(DomainError::Forbidden)), "{r:?}");
    assert_eq!(
        refusal(cancel_pledge(db, now, Some(&owner), first.id, "").await),
        ("reason".into(), "required".into())
    );
    let still = pledge::Entity::find_by_id(first.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status, PledgeStatus::Active);
    let listed = center_gifts::page(db, now, Some(&owner), c.id, &Default::default())
        .await
        .unwrap();
    assert!(listed.pledges.iter().any(|l| l.id == first.id));
    assert!(listed.can_cancel_pledges);

    cancel_pledge(db, now, Some(&owner), first.id, HOSTILE_REASON)
        .await
        .unwrap();
    let cancelled = pledge::Entity::find_by_id(first.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cancelled.status, PledgeStatus::Cancelled);
    assert_eq!(cancelled.cancelled_by, Some(owner.user_id));
    assert_eq!(
        installment::Entity::find()
            .filter(installment::Column::PledgeId.eq(first.id))
            .filter(
                installment::Column::Status
                    .is_in([InstallmentStatus::Due, InstallmentStatus::Overdue])
            )
            .count(db)
            .await
            .unwrap(),
        0,
        "nothing more is asked"
    );
    let mail = common::emails_to(db, "pledger@t.example", 5).await;
    let told = mail
        .iter()
        .find(|m| m.body.contains(HOSTILE_REASON.trim()))
        .expect("the donor is emailed the reason");
    assert!(
        told.subject.contains(&p.title_fa), // the donor's account is in Persian
        "{}",
        told.subject
    );
    assert_eq!(
        refusal(cancel_pledge(db, now, Some(&owner), first.id, "again").await),
        ("pledge".into(), "not_allowed".into())
    );
    let audited = audit_record::Entity::find()
        .filter(audit_record::Column::Action.eq("pledge.cancel"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    // A platform admin may cancel any center's.
    let second = pledge_once().await.unwrap();
    cancel_pledge(db, now, Some(&admin), second.id, "reported")
        .await
        .unwrap();
    let gone = center_gifts::page(db, now, Some(&owner), c.id, &Default::default())
        .await
        .unwrap();
    assert!(gone
        .pledges
        .iter()
        .all(|l| l.id != first.id && l.id != second.id));
}
