//! The center workspace (issue 5), on SQLite and PostgreSQL: owners and
//! managers create, edit, publish, pause, complete and archive programs
//! and add, edit, close and reopen their needs; bad input is refused with
//! the field at fault and changes nothing; every change is audited; staff
//! of another center can neither read nor change any of it; the public
//! pages and API follow each stage.

use crate::common;

use common::fixtures;

use common::{Backend, TestApp};
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::{CenterRole, ProgramStatus};
use nikoo_domain::entities::{audit_record, need, program};
use nikoo_domain::sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use nikoo_domain::workspace;
use nikoo_domain::{Clock, DomainError};
use nikoo_types::workspace::{NeedFields, ProgramFields};
use nikoo_types::Locale;

on_both_backends!(
    programs_and_needs_are_run_by_the_centers_managers,
    bad_program_and_need_forms_change_nothing,
);

/// An account with `role` at `center_id`, as the policy sees it.
async fn staff(db: &DatabaseConnection, email: &str, center_id: i32, role: CenterRole) -> Actor {
    let u = common::account(db, email, None).await;
    Actor {
        user_id: u.id,
        platform_admin: false,
        volunteer: false,
        donor_id: None,
        roles: [(center_id, role)].into_iter().collect(),
    }
}

fn fields(title_fa: &str, title_en: &str) -> ProgramFields {
    ProgramFields {
        title_fa: title_fa.into(),
        title_en: title_en.into(),
        summary_fa: "گرمای زمستان برای خانواده‌های روستایی".into(),
        summary_en: "Winter heating for rural families".into(),
        description_fa: "**بخاری** و سوخت\n\n<script>alert(1)</script>".into(),
        description_en: "Heaters and *fuel*.".into(),
        category: "housing_heating".into(),
        county: "tarom".into(),
        start_date: "۱۴۰۴/۰۹/۱۲".into(),
        end_date: "2026-03-20".into(),
    }
}

fn money_need(title: &str, amount: &str, currency: &str) -> NeedFields {
    NeedFields {
        kind: "money".into(),
        title_fa: title.into(),
        target_amount: amount.into(),
        currency: currency.into(),
        ..NeedFields::default()
    }
}

fn item_need(title: &str, unit: &str, quantity: &str) -> NeedFields {
    NeedFields {
        kind: "in_kind".into(),
        title_fa: title.into(),
        unit_fa: unit.into(),
        target_quantity: quantity.into(),
        priority: "high".into(),
        deadline: "1404/10/30".into(),
        ..NeedFields::default()
    }
}

/// The code of a refused form's field error.
fn field_code(e: DomainError) -> (String, String) {
    match e {
        DomainError::Invalid(f) => (f.field, f.code.code().to_owned()),
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn audit_actions(db: &DatabaseConnection, center_id: i32) -> Vec<String> {
    audit_record::Entity::find()
        .filter(audit_record::Column::CenterId.eq(center_id))
        .order_by_asc(audit_record::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect()
}

async fn api_status(app: &TestApp, slug: &str) -> u16 {
    app.get(&format!("/api/v1/programs/{slug}"))
        .await
        .status()
        .as_u16()
}

async fn programs_and_needs_are_run_by_the_centers_managers(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    let (a, b) = fixtures::two_centers(db).await;
    let manager = staff(db, "manager@w.example", a.id, CenterRole::Manager).await;
    let coordinator = staff(db, "coord@w.example", a.id, CenterRole::Coordinator).await;
    let other_owner = staff(db, "owner-b@w.example", b.id, CenterRole::Owner).await;

    // Who may create: the center's owners and managers only.
    let form = fields("گرمای زمستان طارم", "Warm Winter in Tarom");
    for (who, actor) in [("coordinator", &coordinator), ("other owner", &other_owner)] {
        let e = workspace::create_program(db, now, Some(actor), a.id, &form).await;
        assert!(matches!(e, Err(DomainError::Forbidden)), "{who}: {e:?}");
    }
    assert!(matches!(
        workspace::create_program(db, now, None, a.id, &form).await,
        Err(DomainError::Unauthenticated)
    ));
    // An empty form is refused with every missing field at once, and
    // creates nothing.
    let empty =
        workspace::create_program(db, now, Some(&manager), a.id, &ProgramFields::default()).await;
    let Err(DomainError::Fields(refused)) = empty else {
        panic!("every field at once: {empty:?}");
    };
    let refused: Vec<&str> = refused.iter().map(|f| f.field.as_str()).collect();
    for field in ["title_fa", "category", "start_date"] {
        assert!(refused.contains(&field), "{field} in {refused:?}");
    }
    let p = workspace::create_program(db, now, Some(&manager), a.id, &form)
        .await
        .unwrap();
    assert_eq!(p.status, ProgramStatus::Draft);
    assert_eq!(p.slug, "warm-winter-in-tarom");
    assert_eq!(p.start_date.to_string(), "2025-12-03", "a Solar Hijri date");
    // A second program with the same English title gets its own slug.
    let twin = workspace::create_program(db, now, Some(&manager), a.id, &form)
        .await
        .unwrap();
    assert_eq!(twin.slug, "warm-winter-in-tarom-2");
    assert_eq!(
        api_status(&app, &p.slug).await,
        404,
        "a draft is not public"
    );

    // Staff of the center read the workspace; only managers may change it.
    let w = workspace::workspace(db, now, Some(&coordinator), a.id, p.id, Locale::Fa)
        .await
        .unwrap();
    assert!(!w.can_manage);
    assert_eq!(w.fields.title_en, "Warm Winter in Tarom");
    // The date fields show the page's calendar: Solar Hijri in Persian
    // digits in Persian, ISO in English; either reads back as the same day.
    assert_eq!(w.fields.start_date, "۱۴۰۴/۰۹/۱۲");
    let en = workspace::workspace(db, now, Some(&coordinator), a.id, p.id, Locale::En)
        .await
        .unwrap();
    assert_eq!(en.fields.start_date, "2025-12-03");
    for shown in [&w.fields.start_date, &en.fields.start_date] {
        assert_eq!(
            nikoo_domain::calendar::parse_date_input(shown),
            Some(p.start_date)
        );
    }
    assert!(matches!(
        workspace::workspace(db, now, Some(&other_owner), a.id, p.id, Locale::Fa).await,
        Err(DomainError::NotFound)
    ));
    // Another center's id in the path does not reach this program.
    assert!(matches!(
        workspace::workspace(db, now, Some(&other_owner), b.id, p.id, Locale::Fa).await,
        Err(DomainError::NotFound)
    ));
    let list = workspace::center_programs(db, now, Some(&manager), a.id)
        .await
        .unwrap();
    assert!(list.can_manage);
    assert_eq!(list.programs[0].id, twin.id, "newest first");

    // Publishing needs an open need.
    let e = workspace::change_status(db, now, Some(&manager), a.id, p.id, "publish")
        .await
        .unwrap_err();
    assert_eq!(field_code(e), ("change".into(), "needs_a_need".into()));
    let money = workspace::add_need(
        db,
        now,
        Some(&manager),
        a.id,
        p.id,
        &money_need("سوخت زمستانی", "۵٬۰۰۰٬۰۰۰", "IRR"),
        Locale::Fa,
    )
    .await
    .unwrap();
    assert_eq!(
        money.target_minor,
        Some(50_000_000),
        "toman typed, rials kept"
    );
    let items = workspace::add_need(
        db,
        now,
        Some(&manager),
        a.id,
        p.id,
        &item_need("بخاری نفتی", "دستگاه", "۴۰"),
        Locale::Fa,
    )
    .await
    .unwrap();
    assert_eq!(items.target_quantity, Some(40));
    assert_eq!(
        items.deadline.map(|d| d.to_string()).as_deref(),
        Some("2026-01-20")
    );
    assert!(matches!(
        workspace::add_need(
            db,
            now,
            Some(&coordinator),
            a.id,
            p.id,
            &money_need("x", "1", "IRR"),
            Locale::Fa
        )
        .await,
        Err(DomainError::Forbidden)
    ));
    workspace::change_status(db, now, Some(&manager), a.id, p.id, "publish")
        .await
        .unwrap();
    let v = app.json(&format!("/api/v1/programs/{}", p.slug), 200).await;
    assert_eq!(v["status"], "active");
    let needs = v["needs"].as_array().unwrap();
    assert_eq!(needs.len(), 2);
    assert_eq!(needs[0]["target"], 50_000_000);
    assert_eq!(needs[0]["state"], "open");
    assert_eq!(needs[1]["unit"]["fa"], "دستگاه");
    assert_eq!(needs[1]["priority"], "high");
    let html = v["description_html"]["fa"].as_str().unwrap();
    assert!(html.contains("<strong>بخاری</strong>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    // The public page renders it, with the give links of an active program.
    let page = app.text(&format!("/fa/programs/{}", p.slug), 200).await;
    assert!(page.contains("<strong>بخاری</strong>"));
    assert!(page.contains(&format!("/fa/give/{}", p.slug)));

    // Editing keeps the slug; search finds the new words.
    let mut edited = fields("گرمای زمستان طارم و ماهنشان", "Warm Winter in Tarom");
    edited.summary_en = "Heaters for Gilvan villages".into();
    workspace::update_program(db, now, Some(&manager), a.id, p.id, &edited)
        .await
        .unwrap();
    let found = app.json("/api/v1/programs?q=Gilvan", 200).await;
    assert_eq!(found["items"][0]["slug"], p.slug.as_str());
    // A need keeps its kind and currency whatever its form says.
    let mut change = money_need("سوخت زمستانی", "۶٬۰۰۰٬۰۰۰", "EUR");
    change.kind = "in_kind".into();
    let saved =
        workspace::update_need(db, now, Some(&manager), a.id, money.id, &change, Locale::Fa)
            .await
            .unwrap();
    assert_eq!(
        (saved.kind, saved.currency.as_deref(), saved.target_minor),
        (money.kind, Some("IRR"), Some(60_000_000))
    );

    // Closing a need needs a reason, shown publicly; it can be reopened.
    let e = workspace::close_need(db, now, Some(&manager), a.id, items.id, "  ")
        .await
        .unwrap_err();
    assert_eq!(field_code(e), ("reason".into(), "required".into()));
    workspace::close_need(db, now, Some(&manager), a.id, items.id, "اهدا شد از اداره")
        .await
        .unwrap();
    let v = app.json(&format!("/api/v1/programs/{}", p.slug), 200).await;
    assert_eq!(v["needs"][1]["state"], "closed");
    assert_eq!(v["needs"][1]["closed_reason"], "اهدا شد از اداره");
    let again = workspace::close_need(db, now, Some(&manager), a.id, items.id, "x")
        .await
        .unwrap_err();
    assert_eq!(
        field_code(again),
        ("reason".into(), "already_closed".into())
    );
    workspace::reopen_need(db, now, Some(&manager), a.id, items.id)
        .await
        .unwrap();
    // Another center's owner cannot touch the need, through either center.
    for c in [a.id, b.id] {
        assert!(matches!(
            workspace::close_need(db, now, Some(&other_owner), c, items.id, "x").await,
            Err(DomainError::Forbidden)
        ));
    }

    // Paused: public, but takes no gifts. Then completed, then archived.
    workspace::change_status(db, now, Some(&manager), a.id, p.id, "pause")
        .await
        .unwrap();
    let page = app.text(&format!("/en/programs/{}", p.slug), 200).await;
    assert!(
        !page.contains(&format!("/en/give/{}", p.slug)),
        "no give link"
    );
    let e = workspace::change_status(db, now, Some(&manager), a.id, p.id, "publish")
        .await
        .unwrap_err();
    assert_eq!(field_code(e), ("change".into(), "not_allowed".into()));
    for step in ["resume", "complete", "archive"] {
        workspace::change_status(db, now, Some(&manager), a.id, p.id, step)
            .await
            .unwrap();
    }
    assert_eq!(
        api_status(&app, &p.slug).await,
        404,
        "archived is not public"
    );
    let e = workspace::update_program(db, now, Some(&manager), a.id, p.id, &edited)
        .await
        .unwrap_err();
    assert_eq!(field_code(e), ("change".into(), "archived".into()));

    // Every change is in the center's audit log, in order.
    let actions = audit_actions(db, a.id).await;
    let expected = [
        "program.create",
        "program.create",
        "need.create",
        "need.create",
        "program.status",
        "program.update",
        "need.update",
        "need.close",
        "need.reopen",
        "program.status",
        "program.status",
        "program.status",
        "program.status",
    ];
    assert_eq!(actions, expected);
}

async fn bad_program_and_need_forms_change_nothing(backend: Backend) {
    let db = common::demo_db(backend).await;
    let now = common::test_now();
    let (a, _) = fixtures::two_centers(&db).await;
    let manager = staff(&db, "manager@w.example", a.id, CenterRole::Manager).await;
    let before = (
        program::Entity::find().count(&db).await.unwrap(),
        need::Entity::find().count(&db).await.unwrap(),
        audit_record::Entity::find().count(&db).await.unwrap(),
    );
    let long = "ا".repeat(161);
    let cases: Vec<(ProgramFields, (&str, &str))> = vec![
        (fields(" ", ""), ("title_fa", "title_required")),
        (fields(&long, ""), ("title_fa", "too_long")),
        (
            ProgramFields {
                category: "casino".into(),
                ..fields("ط", "")
            },
            ("category", "unknown_code"),
        ),
        (
            ProgramFields {
                county: "nowhere".into(),
                ..fields("ط", "")
            },
            ("county", "unknown_code"),
        ),
        (
            ProgramFields {
                start_date: "1404/13/01".into(),
                ..fields("ط", "")
            },
            ("start_date", "invalid"),
        ),
        (
            ProgramFields {
                start_date: String::new(),
                ..fields("ط", "")
            },
            ("start_date", "required"),
        ),
        (
            ProgramFields {
                end_date: "2025-01-01".into(),
                ..fields("ط", "")
            },
            ("end_date", "before_start"),
        ),
    ];
    for (form, (field, code)) in cases {
        let e = workspace::create_program(&db, now, Some(&manager), a.id, &form)
            .await
            .unwrap_err();
        assert_eq!(field_code(e), (field.into(), code.into()));
    }
    let p = program::Entity::find()
        .filter(program::Column::CenterId.eq(a.id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let needs: Vec<(NeedFields, (&str, &str))> = vec![
        (money_need("", "100", "IRR"), ("title_fa", "title_required")),
        (
            money_need("پول", "abc", "IRR"),
            ("target_amount", "invalid"),
        ),
        (
            money_need("پول", "0", "IRR"),
            ("target_amount", "not_positive"),
        ),
        (
            money_need("پول", "100", "XXX"),
            ("currency", "unknown_code"),
        ),
        (
            NeedFields {
                kind: "favour".into(),
                ..money_need("پول", "100", "IRR")
            },
            ("kind", "unknown_code"),
        ),
        (item_need("کالا", "", "5"), ("unit_fa", "unit_required")),
        (
            item_need("کالا", "بسته", "0"),
            ("target_quantity", "not_positive"),
        ),
        (
            item_need("کالا", "بسته", "2.5"),
            ("target_quantity", "not_positive"),
        ),
        (
            NeedFields {
                deadline: "30/10/1404".into(),
                ..item_need("کالا", "بسته", "5")
            },
            ("deadline", "invalid"),
        ),
        (
            NeedFields {
                priority: "urgent!!".into(),
                ..item_need("کالا", "بسته", "5")
            },
            ("priority", "unknown_code"),
        ),
    ];
    for (form, (field, code)) in needs {
        let e = workspace::add_need(&db, now, Some(&manager), a.id, p.id, &form, Locale::Fa)
            .await
            .unwrap_err();
        assert_eq!(field_code(e), (field.into(), code.into()), "{form:?}");
    }
    let e = workspace::change_status(&db, now, Some(&manager), a.id, p.id, "explode")
        .await
        .unwrap_err();
    assert_eq!(field_code(e), ("change".into(), "unknown_code".into()));
    let after = (
        program::Entity::find().count(&db).await.unwrap(),
        need::Entity::find().count(&db).await.unwrap(),
        audit_record::Entity::find().count(&db).await.unwrap(),
    );
    assert_eq!(before, after, "nothing written");
    // Every refusal has a translated message in both languages.
    for (field, code) in [("title_fa", "title_required"), ("deadline", "invalid")] {
        let e = nikoo_types::outcome::FieldError::new(
            field,
            nikoo_types::outcome::Rule::from_code(code).unwrap(),
        );
        assert_ne!(e.message(Locale::Fa), e.message(Locale::En));
        assert!(!e.message(Locale::Fa).is_ascii());
    }
}
