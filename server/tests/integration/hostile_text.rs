//! No markup from user text, anywhere in a page (issue 14): every text a
//! user types into a center, a program, a need, an update or a giver's
//! name is tried with hostile values, and every public and staff page
//! that shows it is read, `<head>` included, for markup that was not
//! escaped. Later features add their fields and pages through
//! [`HOSTILE`] and [`assert_inert`].

use crate::common;

use common::browser::{account, member, signed_in, Browser};
use common::{Backend, TestApp};
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::{CenterRole, CenterStatus};
use nikoo_domain::sea_orm::EntityTrait;
use nikoo_domain::staff::StandingChange;
use nikoo_domain::Clock;
use nikoo_types::accounts::CenterRegistration;
use nikoo_types::workspace::{NeedFields, ProgramFields};
use nikoo_types::Locale;

on_both_backends!(hostile_text_stays_text_on_every_page);

/// The marker element hostile values try to inject: escaped, it shows as
/// text (`&lt;x-injected`); unescaped, the page has an element by that name.
pub const MARKER: &str = "x-injected";

/// Hostile values for a text field, each built around [`MARKER`]: closing
/// the title and opening a refresh, breaking out of an attribute, a
/// script, a formula for spreadsheets, a right-to-left override.
pub const HOSTILE: [&str; 5] = [
    "</title><x-injected></x-injected><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "\"><x-injected a=\"",
    "<script>x-injected</script></textarea><x-injected>",
    "=HYPERLINK(\"https://evil.example\",\"<x-injected>\")",
    "نام \u{202E}<x-injected>\u{202C} مرکز",
];

/// A value for field number `i` of a form: one of [`HOSTILE`] in turn,
/// kept within `max` characters.
pub fn hostile(i: usize, max: usize) -> String {
    HOSTILE[i % HOSTILE.len()].chars().take(max).collect()
}

/// Fails when `html` (the page at `path`) carries markup a user typed:
/// an element named [`MARKER`], a refresh, or a `<title>` holding a tag.
pub fn assert_inert(path: &str, html: &str) {
    assert!(
        !html.contains(&format!("<{MARKER}")),
        "{path}: an injected element: …{}…",
        around(html, &format!("<{MARKER}"))
    );
    assert!(
        !html.to_ascii_lowercase().contains("<meta http-equiv"),
        "{path}: an injected refresh"
    );
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or_default();
    assert!(!title.contains('<'), "{path}: markup in <title>{title}");
    assert!(
        !title.contains('\u{202E}'),
        "{path}: a right-to-left override in <title>"
    );
}

fn around(html: &str, needle: &str) -> String {
    let at = html.find(needle).unwrap_or(0);
    html[at.saturating_sub(80)..(at + 120).min(html.len())].to_owned()
}

async fn page(app: &TestApp, b: &mut Browser, path: &str) -> String {
    let a = b.page(app, path).await;
    assert!(a.status < 500, "{path}: {}", a.status);
    a.body
}

async fn hostile_text_stays_text_on_every_page(backend: Backend) {
    let app = common::spawn_app(backend).await;
    let db = &app.db;
    let now = app.clock.now();
    // A center registered with hostile names, address and description.
    let founder = account(&app, "founder@h.example", false).await;
    let founder_actor = Actor::load(db, founder.id).await.unwrap().unwrap();
    let c = nikoo_domain::staff::register_center(
        db,
        now,
        Some(&founder_actor),
        CenterRegistration {
            name_fa: hostile(0, 120),
            name_en: hostile(1, 120),
            province: "zanjan".into(),
            county: "tarom".into(),
            address_fa: hostile(2, 200),
            address_en: hostile(3, 200),
            description_fa: hostile(4, 500),
            description_en: hostile(0, 500),
        },
    )
    .await
    .unwrap();
    let admin = account(&app, "admin@h.example", true).await;
    let admin_actor = Actor::load(db, admin.id).await.unwrap().unwrap();
    // The admin's queue shows every language's name, escaped.
    let mut admin_browser = signed_in(&app, "admin@h.example").await;
    for lang in ["fa", "en"] {
        let path = format!("/{lang}/admin/centers");
        let html = page(&app, &mut admin_browser, &path).await;
        assert_inert(&path, &html);
        // Both names, as text: the Persian one closes a title, the English
        // one breaks out of an attribute.
        for shown in ["&lt;/title&gt;&lt;x-injected&gt;", "&gt;&lt;x-injected a="] {
            assert!(html.contains(shown), "{path}: {shown} is not shown");
        }
    }
    nikoo_domain::staff::change_standing(db, now, Some(&admin_actor), c.id, StandingChange::Verify)
        .await
        .unwrap();
    let c = nikoo_domain::entities::center::Entity::find_by_id(c.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, CenterStatus::Verified);
    let manager = account(&app, "manager@h.example", false).await;
    member(&app, c.id, manager.id, CenterRole::Manager).await;
    let manager_actor = Actor::load(db, manager.id).await.unwrap().unwrap();
    // A program and its needs, every text hostile.
    let p = nikoo_domain::workspace::create_program(
        db,
        now,
        Some(&manager_actor),
        c.id,
        &ProgramFields {
            title_fa: hostile(0, 150),
            title_en: format!("Warm homes {}", hostile(1, 100)),
            summary_fa: hostile(2, 300),
            summary_en: hostile(3, 300),
            description_fa: hostile(4, 2000),
            description_en: hostile(0, 2000),
            category: "housing_heating".into(),
            county: "tarom".into(),
            start_date: "2025-12-01".into(),
            end_date: String::new(),
        },
    )
    .await
    .unwrap();
    let money = nikoo_domain::workspace::add_need(
        db,
        now,
        Some(&manager_actor),
        c.id,
        p.id,
        &NeedFields {
            kind: "money".into(),
            title_fa: hostile(1, 150),
            title_en: hostile(2, 150),
            target_amount: "1000".into(),
            currency: "EUR".into(),
            ..NeedFields::default()
        },
        Locale::En,
    )
    .await
    .unwrap();
    let items = nikoo_domain::workspace::add_need(
        db,
        now,
        Some(&manager_actor),
        c.id,
        p.id,
        &NeedFields {
            kind: "in_kind".into(),
            title_fa: hostile(3, 150),
            title_en: hostile(4, 150),
            unit_fa: hostile(0, 40),
            unit_en: hostile(1, 40),
            target_quantity: "10".into(),
            ..NeedFields::default()
        },
        Locale::En,
    )
    .await
    .unwrap();
    nikoo_domain::workspace::change_status(db, now, Some(&manager_actor), c.id, p.id, "publish")
        .await
        .unwrap();
    // A named cash gift and an update, hostile too.
    nikoo_domain::giving::center_gifts::record_offline(
        db,
        now,
        Some(&manager_actor),
        &nikoo_domain::giving::center_gifts::OfflineGift {
            lang: Locale::En,
            center_id: c.id,
            designation: format!("n{}", money.id),
            method: "cash".into(),
            amount: "12.50".into(),
            donor_name: hostile(2, 80),
            anonymous: false,
            received_on: String::new(),
        },
    )
    .await
    .unwrap();
    nikoo_domain::updates::post(
        db,
        &app.uploads,
        now,
        Some(&manager_actor),
        &nikoo_domain::updates::UpdateForm {
            center_id: c.id,
            program_id: p.id,
            title_fa: hostile(3, 150),
            title_en: hostile(4, 150),
            body_fa: hostile(0, 2000),
            body_en: hostile(1, 2000),
        },
        &[],
    )
    .await
    .unwrap();
    // A donor and the manager rename themselves with hostile names (the
    // staff page lists the manager's; the donor's shows on their pages).
    account(&app, "donor@h.example", false).await;
    for email in ["donor@h.example", "manager@h.example"] {
        let mut b = signed_in(&app, email).await;
        let renamed = b
            .call(
                &app,
                "update_profile",
                &common::browser::f(&[("display_name", &hostile(0, 80)), ("locale", "en")]),
            )
            .await;
        assert!(renamed.status < 400, "{renamed:?}");
    }

    // Every page that shows any of it, in both languages.
    let mut public = Browser::default();
    let mut staff = signed_in(&app, "manager@h.example").await;
    let mut donor_browser = signed_in(&app, "donor@h.example").await;
    for lang in ["fa", "en"] {
        let public_pages = [
            format!("/{lang}/"),
            format!("/{lang}/programs"),
            format!("/{lang}/programs?q=warm"),
            format!("/{lang}/programs/{}", p.slug),
            format!("/{lang}/centers/{}", c.slug),
            format!("/{lang}/give/{}?need={}", p.slug, money.id),
            format!("/{lang}/pledge/{}?need={}", p.slug, money.id),
            format!("/{lang}/pledge-items/{}?need={}", p.slug, items.id),
        ];
        for path in &public_pages {
            let html = page(&app, &mut public, path).await;
            assert_inert(path, &html);
        }
        let staff_pages = [
            format!("/{lang}/my/centers"),
            format!("/{lang}/my/centers/{}", c.id),
            format!("/{lang}/my/centers/{}/gifts", c.id),
            format!("/{lang}/my/centers/{}/programs", c.id),
            format!("/{lang}/my/centers/{}/programs/{}", c.id, p.id),
            format!(
                "/{lang}/my/centers/{}/programs/{}/needs/{}",
                c.id, p.id, money.id
            ),
            format!(
                "/{lang}/my/centers/{}/programs/{}/needs/{}",
                c.id, p.id, items.id
            ),
            format!("/{lang}/my/centers/{}/beneficiaries", c.id),
            format!("/{lang}/my/centers/{}/imports", c.id),
        ];
        for path in &staff_pages {
            let html = page(&app, &mut staff, path).await;
            assert_inert(path, &html);
        }
        for path in [format!("/{lang}/account"), format!("/{lang}/my/giving")] {
            let html = page(&app, &mut donor_browser, &path).await;
            assert_inert(&path, &html);
        }
        let path = format!("/{lang}/admin/audit");
        let html = page(&app, &mut admin_browser, &path).await;
        assert_inert(&path, &html);
    }
    // The program page's title is the escaped hostile title, not markup.
    let html = page(&app, &mut public, &format!("/fa/programs/{}", p.slug)).await;
    assert!(
        html.contains("&lt;/title&gt;"),
        "the title is shown as text"
    );
}

#[test]
fn the_checker_sees_injected_markup() {
    assert_inert(
        "ok",
        "<html><head><title>&lt;/title&gt;</title></head></html>",
    );
    for bad in [
        "<title>a</title><x-injected>",
        "<title>x<b>y</b></title>",
        "<meta http-equiv=\"refresh\" content=\"0\">",
        "<title>a\u{202E}b</title>",
    ] {
        let caught = std::panic::catch_unwind(|| assert_inert("bad", bad));
        assert!(caught.is_err(), "{bad}");
    }
}
