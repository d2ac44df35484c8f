//! Integration tests of accounts, sessions, the policy and the audit log,
//! each run on SQLite and on PostgreSQL, through the real router.

use crate::common;

use chrono::Duration;
use common::{spawn_app, Backend, TestApp};
use nikoo_domain::entities::{center, center_member, codes::CenterRole, user};
use nikoo_domain::sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use nikoo_domain::Clock;
use std::collections::BTreeSet;

on_both_backends!(
    authorization_matrix,
    session_ids_rotate_and_logout_ends_the_session,
    password_change_ends_other_sessions,
    cross_site_posts_are_refused_and_change_nothing,
    the_eleventh_failed_login_is_throttled_until_the_back_off,
    known_and_unknown_emails_get_the_same_answers,
    passwords_are_stored_as_argon2id,
    a_change_and_its_audit_record_commit_together,
    sign_up_verify_and_log_in,
    a_newer_reset_link_ends_the_older_ones,
    parallel_attempts_cannot_pass_a_limit_together,
    sign_ups_are_throttled_per_client_behind_a_trusted_proxy,
);

use common::browser::{account, f, member, signed_in, Answer, Browser, COOKIE, PASSWORD};

/// The actors of the matrix, in column order.
const ACTORS: [&str; 8] = [
    "anonymous",
    "donor",
    "volunteer",
    "coordinator of another center",
    "coordinator",
    "manager",
    "owner",
    "admin",
];

/// A file the site build wrote under the test servers' site folder for
/// static route `route` (`cargo leptos build` first).
fn a_static_file(route: &str) -> String {
    // The fonts and illustrations are kept in the repository (public/).
    if route.starts_with("/fonts/") {
        return "vazirmatn-5.3.0/fa-400.woff2".into();
    }
    if route.starts_with("/illustrations/") {
        return "health.svg".into();
    }
    let site = nikoo_server::settings::Settings::for_tests("").site_root;
    let dir = format!("{site}/pkg");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e} (run `cargo leptos build` first)"))
        .filter_map(Result::ok)
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .find(|f| f.ends_with(".css"))
        .unwrap_or_else(|| panic!("no style sheet in {dir}"))
}

/// What a request's answer means for the policy: `Y` allowed (any other
/// status below 500), `L` sign in first (401, or a redirect to the login
/// page), `H` hidden (404), `F` forbidden (403).
fn outcome(a: &Answer) -> char {
    assert!(a.status < 500, "server error: {a:?}");
    match a.status {
        401 => 'L',
        302 | 303
            if a.location
                .as_deref()
                .is_some_and(|l| l.contains("/login?next=")) =>
        {
            'L'
        }
        403 => 'F',
        404 => 'H',
        _ => 'Y',
    }
}

async fn authorization_matrix(backend: Backend) {
    let app = spawn_app(backend).await;
    let centers = center::Entity::find()
        .order_by_asc(center::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let (a, b) = (centers[0].clone(), centers[1].clone());
    let pending = {
        let mut row: center::ActiveModel = centers[2].clone().into();
        row.status = Set(nikoo_domain::entities::codes::CenterStatus::Pending);
        row.update(&app.db).await.unwrap()
    };
    let emails = [
        "donor@t.example",
        "volunteer@t.example",
        "coord-b@t.example",
        "coord@t.example",
        "manager@t.example",
        "owner@t.example",
        "admin@t.example",
    ];
    let mut users = Vec::new();
    for e in emails {
        users.push(account(&app, e, e.starts_with("admin")).await);
    }
    let mut volunteer: user::ActiveModel = users[1].clone().into();
    volunteer.volunteer = Set(true);
    volunteer.update(&app.db).await.unwrap();
    member(&app, b.id, users[2].id, CenterRole::Coordinator).await;
    member(&app, a.id, users[3].id, CenterRole::Coordinator).await;
    member(&app, a.id, users[4].id, CenterRole::Manager).await;
    member(&app, a.id, users[5].id, CenterRole::Owner).await;
    let leaving = account(&app, "leaving@t.example", false).await;
    let leaving = member(&app, a.id, leaving.id, CenterRole::Coordinator).await;
    let owner_actor = nikoo_domain::accounts::policy::Actor::load(&app.db, users[5].id)
        .await
        .unwrap();
    nikoo_domain::staff::invite(
        &app.db,
        app.clock.now(),
        nikoo_types::Locale::Fa,
        owner_actor.as_ref(),
        a.id,
        "invited@t.example",
        "coordinator",
    )
    .await
    .unwrap();
    let invitation = nikoo_domain::entities::invitation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    let mut browsers = vec![Browser::default()];
    for e in emails {
        browsers.push(signed_in(&app, e).await);
    }

    let aid = a.id.to_string();
    let a_programs = nikoo_domain::sea_orm::sea_query::Query::select()
        .column(nikoo_domain::entities::program::Column::Id)
        .from(nikoo_domain::entities::program::Entity)
        .and_where(nikoo_domain::entities::program::Column::CenterId.eq(a.id))
        .to_owned();
    // A gift to center A (for the refund row: allowed callers get a clear 400,
    // as it was not paid by card).
    let a_gift = nikoo_domain::entities::donation::Entity::find()
        .filter(nikoo_domain::entities::donation::Column::ProgramId.in_subquery(a_programs.clone()))
        .one(&app.db)
        .await
        .unwrap()
        .expect("center A has gifts")
        .id;
    // A pledge to center A's programs, if the demo has one (for the
    // cancellation row: allowed callers get a clear 400, no reason given).
    let a_pledge = nikoo_domain::entities::pledge::Entity::find()
        .filter(nikoo_domain::entities::pledge::Column::ProgramId.in_subquery(a_programs.clone()))
        .one(&app.db)
        .await
        .unwrap()
        .expect("center A has pledges")
        .id;
    let a_program = nikoo_domain::entities::program::Entity::find()
        .filter(nikoo_domain::entities::program::Column::CenterId.eq(a.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("center A has programs")
        .id;
    let a_need = nikoo_domain::entities::need::Entity::find()
        .filter(nikoo_domain::entities::need::Column::ProgramId.eq(a_program))
        .one(&app.db)
        .await
        .unwrap()
        .expect("its program has needs")
        .id;
    let a_beneficiary = nikoo_domain::beneficiaries::records::create(
        &app.db,
        &nikoo_server::settings::Settings::for_tests("x").data_keys,
        app.clock.now(),
        owner_actor.as_ref(),
        a.id,
        &nikoo_types::beneficiaries::BeneficiaryForm {
            household_size: "3".into(),
            county: a.county_code.clone(),
            consent_on: "2025-11-01".into(),
            consent_scope: "records".into(),
            name: "Matrix".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    let a_import = nikoo_domain::imports::upload(
        nikoo_domain::imports::Importer {
            db: &app.db,
            keys: &nikoo_server::settings::Settings::for_tests("x").data_keys,
            now: app.clock.now(),
            actor: owner_actor.as_ref(),
            center_id: a.id,
        },
        "donations",
        "gifts.csv",
        "date,amount,program\n2025-11-01,100,x\n".as_bytes(),
    )
    .await
    .unwrap()
    .id;
    let program_slug = nikoo_domain::entities::program::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .slug;

    // Leptos pages: pattern → concrete path, expectation per actor.
    let pages: Vec<(&str, String, &str)> = vec![
        ("/{lang}", "/fa".into(), "YYYYYYYY"),
        ("/{lang}/programs", "/fa/programs".into(), "YYYYYYYY"),
        (
            "/{lang}/programs/{slug}",
            format!("/en/programs/{program_slug}"),
            "YYYYYYYY",
        ),
        (
            "/{lang}/centers/{slug}",
            format!("/fa/centers/{}", a.slug),
            "YYYYYYYY",
        ),
        ("/{lang}/signup", "/fa/signup".into(), "YYYYYYYY"),
        ("/{lang}/login", "/fa/login".into(), "YYYYYYYY"),
        (
            "/{lang}/verify-email",
            "/fa/verify-email?token=x".into(),
            "YYYYYYYY",
        ),
        (
            "/{lang}/forgot-password",
            "/fa/forgot-password".into(),
            "YYYYYYYY",
        ),
        (
            "/{lang}/reset-password",
            "/fa/reset-password?token=x".into(),
            "YYYYYYYY",
        ),
        (
            "/{lang}/invitations/accept",
            "/fa/invitations/accept?token=x".into(),
            "YYYYYYYY",
        ),
        ("/{lang}/account", "/fa/account".into(), "LYYYYYYY"),
        ("/{lang}/my/centers", "/fa/my/centers".into(), "LYYYYYYY"),
        (
            "/{lang}/my/centers/new",
            "/en/my/centers/new".into(),
            "LYYYYYYY",
        ),
        (
            "/{lang}/my/centers/{id}",
            format!("/fa/my/centers/{aid}"),
            "LHHHYYYY",
        ),
        (
            "/{lang}/my/centers/{id}/audit",
            format!("/fa/my/centers/{aid}/audit"),
            "LHHHHHYY",
        ),
        (
            "/{lang}/admin/centers",
            "/fa/admin/centers".into(),
            "LHHHHHHY",
        ),
        ("/{lang}/admin/audit", "/en/admin/audit".into(), "LHHHHHHY"),
        (
            "/{lang}/give/{slug}",
            format!("/fa/give/{program_slug}"),
            "YYYYYYYY",
        ),
        (
            "/{lang}/my/centers/{id}/gifts",
            format!("/en/my/centers/{aid}/gifts"),
            "LHHHYYYY",
        ),
        (
            "/{lang}/pledge/{slug}",
            format!("/en/pledge/{program_slug}"),
            "LYYYYYYY",
        ),
        ("/{lang}/my/giving", "/fa/my/giving".into(), "LYYYYYYY"),
        (
            "/{lang}/pledge-items/{slug}",
            format!("/fa/pledge-items/{program_slug}"),
            "LYYYYYYY",
        ),
        (
            "/{lang}/my/giving/statement/{year}",
            "/en/my/giving/statement/2025?calendar=gregorian".into(),
            "LYYYYYYY",
        ),
        // A receipt is found by its unguessable key alone; a wrong key is 404 to all.
        ("/{lang}/gifts/{key}", "/en/gifts/nope".into(), "HHHHHHHH"),
        (
            "/{lang}/my/centers/{id}/programs",
            format!("/en/my/centers/{aid}/programs"),
            "LHHHYYYY",
        ),
        (
            "/{lang}/my/centers/{id}/programs/{pid}",
            format!("/fa/my/centers/{aid}/programs/{a_program}"),
            "LHHHYYYY",
        ),
        (
            "/{lang}/my/centers/{id}/programs/{pid}/needs/{nid}",
            format!("/en/my/centers/{aid}/programs/{a_program}/needs/{a_need}"),
            "LHHHYYYY",
        ),
        (
            "/{lang}/my/centers/{id}/beneficiaries",
            format!("/fa/my/centers/{aid}/beneficiaries"),
            "LHHHYYYH",
        ),
        (
            "/{lang}/my/centers/{id}/beneficiaries/{bid}",
            format!("/en/my/centers/{aid}/beneficiaries/{a_beneficiary}"),
            "LHHHHYYH",
        ),
        (
            "/{lang}/my/centers/{id}/imports",
            format!("/en/my/centers/{aid}/imports"),
            "LHHHYYYH",
        ),
        (
            "/{lang}/my/centers/{id}/imports/{job}",
            format!("/fa/my/centers/{aid}/imports/{a_import}"),
            "LHHHYYYH",
        ),
        // Any donation's receipt: its center's staff (and the donor of record).
        (
            "/{lang}/receipts/{id}",
            format!("/fa/receipts/{a_gift}"),
            "LHHHYYYY",
        ),
    ];
    let listed: BTreeSet<String> = nikoo_server::page_routes()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    let tabled: BTreeSet<String> = pages.iter().map(|p| p.0.to_owned()).collect();
    assert_eq!(listed, tabled, "every page has a row in the matrix");

    // Non-page routes: the router's table (the policy's own rows below).
    for r in nikoo_server::routes::ROUTES
        .iter()
        .filter(|r| r.access != nikoo_server::routes::Access::Policy)
    {
        let slug = if r.path.contains("/programs/") {
            &program_slug
        } else {
            &a.slug
        };
        let path = r
            .path
            .replace("{lang}", "fa")
            .replace("{slug}", slug)
            .replace("{*file}", &a_static_file(r.path));
        for (i, browser) in browsers.iter_mut().enumerate() {
            let answer = match r.method {
                "GET" => browser.page(&app, &path).await,
                _ => browser.send(app.http.post(app.url(&path)).body("{}")).await,
            };
            let got = match (r.access, answer.status) {
                // No signature: refused whoever the session is.
                (nikoo_server::routes::Access::Signed, 400) => 'S',
                _ => outcome(&answer),
            };
            let want = match r.access {
                nikoo_server::routes::Access::Public => 'Y',
                nikoo_server::routes::Access::Signed => 'S',
                nikoo_server::routes::Access::Policy => unreachable!("tested below"),
            };
            assert_eq!(got, want, "{} {path} as {}", r.method, ACTORS[i]);
        }
    }

    // Routes the policy decides per object: a private upload of center A
    // (its staff only), and the workspace forms that carry a file, posted
    // empty (allowed callers are sent back to the form with an error).
    let private_upload = {
        let file = nikoo_domain::uploads::UploadedFile {
            file_name: "r.pdf".into(),
            bytes: b"%PDF-1.4\n%%EOF\n".to_vec().into(),
        };
        let checked = nikoo_domain::uploads::check_file(
            nikoo_domain::entities::codes::UploadKind::Receipt,
            &file,
        )
        .unwrap();
        nikoo_domain::uploads::store_file(
            &app.db,
            &app.uploads,
            app.clock.now(),
            a.id,
            None,
            checked,
            false,
        )
        .await
        .unwrap()
        .key
    };
    let policy_routes: Vec<(&str, String, &str)> = vec![
        (
            "/uploads/{key}",
            format!("/uploads/{private_upload}"),
            "LHHHYYYY",
        ),
        (
            "/{lang}/my/centers/{id}/needs/{nid}/disbursements",
            format!("/fa/my/centers/{aid}/needs/{a_need}/disbursements"),
            "LFFFFYYF",
        ),
        (
            "/{lang}/my/centers/{id}/needs/{nid}/deliveries",
            format!("/en/my/centers/{aid}/needs/{a_need}/deliveries"),
            "LFFFYYYF",
        ),
        (
            "/{lang}/my/centers/{id}/programs/{pid}/cover",
            format!("/fa/my/centers/{aid}/programs/{a_program}/cover"),
            "LFFFFYYF",
        ),
        (
            "/{lang}/my/centers/{id}/imports",
            format!("/fa/my/centers/{aid}/imports"),
            "LFFFYYYF",
        ),
        (
            "/{lang}/my/centers/{id}/programs/{pid}/updates",
            format!("/en/my/centers/{aid}/programs/{a_program}/updates"),
            "LFFFFYYF",
        ),
    ];
    let policy_listed: BTreeSet<&str> = nikoo_server::routes::ROUTES
        .iter()
        .filter(|r| r.access == nikoo_server::routes::Access::Policy)
        .map(|r| r.path)
        .collect();
    let policy_tabled: BTreeSet<&str> = policy_routes.iter().map(|r| r.0).collect();
    assert_eq!(
        policy_listed, policy_tabled,
        "every policy route has a row in the matrix"
    );
    // The whole matrix as observed, one row per route and server function
    // (snapshot: `snapshots/authorization_matrix.snap`).
    let mut table = vec![
        format!("callers, in column order: {}", ACTORS.join(", ")),
        "Y allowed · L sent to log in · H hidden (404) · F forbidden (403) · S signature refused"
            .to_owned(),
        String::new(),
    ];
    for (pattern, path, want) in &policy_routes {
        let method = nikoo_server::routes::ROUTES
            .iter()
            .find(|r| r.path == *pattern)
            .unwrap()
            .method;
        let mut seen = String::new();
        for (i, browser) in browsers.iter_mut().enumerate() {
            let answer = if method == "GET" {
                browser.page(&app, path).await
            } else {
                let empty =
                    reqwest::multipart::Form::new().text("program_id", a_program.to_string());
                let req = app
                    .http
                    .post(app.url(path))
                    .header("origin", format!("http://{}", app.addr))
                    .multipart(empty);
                browser.send(req).await
            };
            seen.push(outcome(&answer));
            assert_eq!(
                outcome(&answer),
                want.chars().nth(i).unwrap(),
                "{method} {path} as {}: {answer:?}",
                ACTORS[i]
            );
        }
        table.push(format!("{:<62} {seen}", format!("{method} {pattern}")));
    }

    // The light client (ARCHITECTURE.md): a page holding an island is one
    // `islands::page_has_islands` lists, so it loads the wasm; no other
    // page loads a script file or the wasm.
    let mut islands_seen = 0;
    for (pattern, path, want) in &pages {
        let mut seen = String::new();
        for (i, browser) in browsers.iter_mut().enumerate() {
            let answer = browser.page(&app, path).await;
            let listed = nikoo_app::islands::page_has_islands(path.split('?').next().unwrap());
            if answer.body.contains("<leptos-island") {
                islands_seen += 1;
                assert!(listed, "GET {path} as {} holds an island", ACTORS[i]);
                assert!(
                    answer.body.contains(".wasm"),
                    "GET {path}: islands without their wasm"
                );
            }
            if !listed {
                assert!(
                    !answer.body.contains(".wasm") && !answer.body.contains("type=\"module\""),
                    "GET {path} as {} loads the wasm",
                    ACTORS[i]
                );
            }
            let got = outcome(&answer);
            seen.push(got);
            assert_eq!(
                got,
                want.chars().nth(i).unwrap(),
                "GET {path} as {}",
                ACTORS[i]
            );
        }
        table.push(format!("{:<62} {seen}", format!("GET {pattern}")));
    }
    assert!(
        islands_seen > 0,
        "no page rendered an island: the check above saw none"
    );

    // Server functions: endpoint, arguments per actor, expectation per actor.
    type Args = Box<dyn Fn(usize) -> Vec<(&'static str, String)>>;
    let fixed = |pairs: Vec<(&'static str, String)>| -> Args { Box::new(move |_| pairs.clone()) };
    let fns: Vec<(&str, Args, &str)> = vec![
        ("me", fixed(vec![]), "YYYYYYYY"),
        ("overview", fixed(vec![]), "YYYYYYYY"),
        ("filters", fixed(vec![]), "YYYYYYYY"),
        ("program", fixed(f(&[("slug", &program_slug)])), "YYYYYYYY"),
        ("center", fixed(f(&[("slug", &a.slug)])), "YYYYYYYY"),
        ("regions", fixed(vec![]), "YYYYYYYY"),
        ("invitation", fixed(f(&[("token", "nope")])), "YYYYYYYY"),
        (
            "sign_up",
            Box::new(|i| {
                f(&[
                    ("lang", "fa"),
                    ("email", &format!("new{i}@t.example")),
                    ("password", PASSWORD),
                    ("display_name", "N"),
                ])
            }),
            "YYYYYYYY",
        ),
        (
            "verify_email",
            fixed(f(&[("lang", "fa"), ("token", "nope")])),
            "YYYYYYYY",
        ),
        (
            "log_in",
            fixed(f(&[
                ("lang", "fa"),
                ("email", "nobody@t.example"),
                ("password", "wrong-password"),
            ])),
            "YYYYYYYY",
        ),
        (
            "request_password_reset",
            fixed(f(&[("lang", "fa"), ("email", "nobody@t.example")])),
            "YYYYYYYY",
        ),
        (
            "reset_password",
            fixed(f(&[
                ("lang", "fa"),
                ("token", "nope"),
                ("new_password", PASSWORD),
            ])),
            "YYYYYYYY",
        ),
        (
            "change_password",
            fixed(f(&[
                ("lang", "fa"),
                ("current_password", "wrong-password"),
                ("new_password", PASSWORD),
            ])),
            "LYYYYYYY",
        ),
        (
            "update_profile",
            Box::new(|i| {
                let mut v = f(&[("display_name", "Someone"), ("locale", "fa")]);
                if i == 2 {
                    v.push(("volunteer", "on".into()));
                }
                v
            }),
            "LYYYYYYY",
        ),
        (
            "delete_account",
            fixed(f(&[("lang", "fa"), ("password", "wrong-password")])),
            "LYYYYYYY",
        ),
        ("my_centers", fixed(vec![]), "LYYYYYYY"),
        (
            "register_center",
            fixed(f(&[
                ("lang", "fa"),
                ("name_fa", ""),
                ("name_en", ""),
                ("province", "zanjan"),
                ("county", "zanjan"),
                ("address_fa", ""),
                ("address_en", ""),
                ("description_fa", ""),
                ("description_en", ""),
            ])),
            "LYYYYYYY",
        ),
        ("center_staff", fixed(f(&[("center_id", &aid)])), "LHHHYYYY"),
        (
            "invite_member",
            Box::new(move |i| {
                f(&[
                    ("lang", "fa"),
                    ("center_id", &a.id.to_string()),
                    ("email", &format!("invitee{i}@t.example")),
                    ("role", "coordinator"),
                ])
            }),
            "LFFFFYYF",
        ),
        (
            "revoke_invitation",
            fixed(f(&[
                ("lang", "fa"),
                ("center_id", &aid),
                ("invitation_id", &invitation.id.to_string()),
            ])),
            "LFFFFYYF",
        ),
        (
            "remove_member",
            fixed(f(&[
                ("lang", "fa"),
                ("center_id", &aid),
                ("member_id", &leaving.id.to_string()),
            ])),
            "LFFFFFYF",
        ),
        (
            "accept_invitation",
            fixed(f(&[("lang", "fa"), ("token", "nope")])),
            "LYYYYYYY",
        ),
        ("center_queue", fixed(vec![]), "LHHHHHHY"),
        (
            "center_standing",
            fixed(f(&[
                ("lang", "fa"),
                ("center_id", &pending.id.to_string()),
                ("change", "verify"),
            ])),
            "LFFFFFFY",
        ),
        ("audit_log", fixed(f(&[("center_id", &aid)])), "LHHHHHYY"),
        (
            "gift_options",
            fixed(f(&[("slug", &program_slug)])),
            "YYYYYYYY",
        ),
        // Anyone may give; without a card provider (as here) the answer is a
        // translated 400, never 401/403/404.
        (
            "charge_card_gift",
            fixed(f(&[("payment_key", "nope"), ("setup_ref", "seti_x")])),
            "YYYYYYYY",
        ),
        (
            "refresh_card_gift",
            fixed(f(&[("payment_key", "nope")])),
            "YYYYYYYY",
        ),
        (
            "gift_receipt",
            fixed(f(&[("payment_key", "nope")])),
            "HHHHHHHH",
        ),
        ("center_gifts", fixed(f(&[("center_id", &aid)])), "LHHHYYYY"),
        (
            "center_programs",
            fixed(f(&[("center_id", &aid)])),
            "LHHHYYYY",
        ),
        (
            "program_workspace",
            fixed(f(&[
                ("lang", "fa"),
                ("center_id", &aid),
                ("program_id", &a_program.to_string()),
            ])),
            "LHHHYYYY",
        ),
        (
            "need_workspace",
            fixed(f(&[
                ("lang", "fa"),
                ("center_id", &aid),
                ("need_id", &a_need.to_string()),
            ])),
            "LHHHYYYY",
        ),
        // Changes with a bad field: a translated 400 for owners and managers.
        (
            "create_program",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("title_fa", ""),
                ("title_en", ""),
                ("summary_fa", ""),
                ("summary_en", ""),
                ("description_fa", ""),
                ("description_en", ""),
                ("category", "health"),
                ("county", "zanjan"),
                ("start_date", "2025-12-03"),
                ("end_date", ""),
            ])),
            "LFFFFYYF",
        ),
        (
            "update_program",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("program_id", &a_program.to_string()),
                ("title_fa", ""),
                ("title_en", ""),
                ("summary_fa", ""),
                ("summary_en", ""),
                ("description_fa", ""),
                ("description_en", ""),
                ("category", "health"),
                ("county", "zanjan"),
                ("start_date", "2025-12-03"),
                ("end_date", ""),
            ])),
            "LFFFFYYF",
        ),
        (
            "change_program_status",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("program_id", &a_program.to_string()),
                ("change", "no-such-change"),
            ])),
            "LFFFFYYF",
        ),
        (
            "add_need",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("program_id", &a_program.to_string()),
                ("kind", "money"),
                ("title_fa", ""),
                ("title_en", ""),
            ])),
            "LFFFFYYF",
        ),
        (
            "update_need",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("program_id", &a_program.to_string()),
                ("need_id", &a_need.to_string()),
                ("title_fa", ""),
                ("title_en", ""),
            ])),
            "LFFFFYYF",
        ),
        (
            "close_need",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("program_id", &a_program.to_string()),
                ("need_id", &a_need.to_string()),
                ("reason", ""),
            ])),
            "LFFFFYYF",
        ),
        (
            "beneficiaries",
            fixed(f(&[("center_id", &aid)])),
            "LHHHYYYH",
        ),
        (
            "beneficiary",
            fixed(f(&[
                ("center_id", &aid),
                ("beneficiary_id", &a_beneficiary.to_string()),
            ])),
            "LHHHHYYH",
        ),
        // A change with a bad field: a translated 400 for owners and managers.
        (
            "save_beneficiary",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("household_size", "0"),
                ("county", "zanjan"),
                ("consent_on", "2025-11-01"),
                ("consent_scope", "x"),
                ("name", "x"),
            ])),
            "LFFFFYYF",
        ),
        (
            "find_beneficiaries",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("national_id", "123"),
            ])),
            "LFFFFYYF",
        ),
        (
            "link_beneficiary",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("beneficiary_id", &a_beneficiary.to_string()),
                ("need_id", &a_need.to_string()),
                ("unlink", "on"),
            ])),
            "LFFFFYYF",
        ),
        ("imports", fixed(f(&[("center_id", &aid)])), "LHHHYYYH"),
        (
            "import",
            fixed(f(&[("center_id", &aid), ("job_id", &a_import.to_string())])),
            "LHHHYYYH",
        ),
        // A column the file does not have, or a job not checked yet: a
        // translated 400 for the center's staff.
        (
            "check_import",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("job_id", &a_import.to_string()),
                ("map_date", "99"),
            ])),
            "LFFFYYYF",
        ),
        (
            "commit_import",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("job_id", &a_import.to_string()),
            ])),
            "LFFFYYYF",
        ),
        (
            "donation_receipt",
            fixed(f(&[("donation_id", &a_gift.to_string())])),
            "LHHHYYYY",
        ),
        ("my_giving", fixed(vec![]), "LYYYYYYY"),
        (
            "record_offline_gift",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("designation", "p0"),
                ("method", "cash"),
                ("amount", "1"),
                ("donor_name", ""),
            ])),
            "LFFFYYYF",
        ),
        (
            "refund_gift",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("donation_id", &a_gift.to_string()),
                ("amount", "1"),
            ])),
            "LFFFFYYF",
        ),
        // No reason given: a translated 400 for those allowed.
        (
            "correct_gift",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("what", "gift"),
                ("id", &a_gift.to_string()),
                ("reason", ""),
            ])),
            "LFFFFYYF",
        ),
        (
            "correct_gift",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("what", "pledge"),
                ("id", &a_pledge.to_string()),
                ("reason", ""),
            ])),
            "LFFFFFYY",
        ),
        // Someone else's (or no) pledge: refused like any other's.
        (
            "change_pledge",
            fixed(f(&[
                ("lang", "en"),
                ("pledge_id", "999999"),
                ("change", "pause"),
            ])),
            "LFFFFFFF",
        ),
        (
            "giving_statement",
            fixed(f(&[("year", "1404"), ("calendar", "persian")])),
            "LYYYYYYY",
        ),
        (
            "change_pledge_amount",
            fixed(f(&[
                ("lang", "en"),
                ("pledge_id", "999999"),
                ("amount", "5"),
            ])),
            "LFFFFFFF",
        ),
        (
            "item_pledge_options",
            fixed(f(&[("slug", &program_slug)])),
            "LYYYYYYY",
        ),
        // A past date: a translated 400 for anyone signed in.
        (
            "pledge_items",
            fixed(f(&[
                ("lang", "en"),
                ("program", &program_slug),
                ("need", "0"),
                ("quantity", "1"),
                ("due_date", "2000-01-01"),
                ("anonymity", "public"),
            ])),
            "LYYYYYYY",
        ),
        (
            "receive_pledged_items",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("pledge_id", "999999"),
                ("quantity", "1"),
            ])),
            "LFFFFFFF",
        ),
        // A bad amount: a translated 400 for anyone signed in.
        (
            "pledge_offline",
            fixed(f(&[
                ("lang", "en"),
                ("program", &program_slug),
                ("amount", "-1"),
                ("frequency", "monthly"),
                ("installments", ""),
                ("anonymity", "public"),
            ])),
            "LYYYYYYY",
        ),
        (
            "record_items_gift",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("need", "0"),
                ("quantity", "1"),
                ("donor_name", ""),
            ])),
            "LFFFYYYF",
        ),
        (
            "record_installment",
            fixed(f(&[
                ("lang", "en"),
                ("center_id", &aid),
                ("installment_id", "999999"),
                ("method", "cash"),
            ])),
            "LFFFFFFF",
        ),
        // Signed in: a translated 400 (no card pledge, no card provider here).
        ("start_card_update", fixed(vec![]), "LYYYYYYY"),
        (
            "confirm_card_update",
            fixed(f(&[("setup_ref", "seti_x")])),
            "LYYYYYYY",
        ),
        // Last: it signs everyone out.
        ("log_out", fixed(f(&[("lang", "fa")])), "YYYYYYYY"),
    ];
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.trim_start_matches("/_sfn/").to_owned())
        .collect();
    let tabled: BTreeSet<String> = fns
        .iter()
        .map(|f| f.0.to_owned())
        .chain(
            [
                "programs",
                "start_card_gift",
                "start_card_pledge",
                "confirm_card_pledge",
            ]
            .map(str::to_owned),
        )
        .collect();
    assert_eq!(
        registered, tabled,
        "every server function has a row in the matrix"
    );
    // Pledges take JSON and need an account: 401 for anonymous; signed in,
    // the translated 400 of no card provider here.
    for (endpoint, args) in [
        ("start_card_pledge", serde_json::json!({})),
        (
            "confirm_card_pledge",
            serde_json::json!({"setup_ref": "seti_x"}),
        ),
    ] {
        for (i, browser) in browsers.iter_mut().enumerate() {
            let mut body = serde_json::json!({"form": {
                "lang": "en", "program": program_slug, "amount": "10", "frequency": "monthly",
            }});
            if let Some(extra) = args.as_object() {
                for (k, v) in extra {
                    body[k] = v.clone();
                }
            }
            let a = browser
                .send(
                    app.http
                        .post(app.url(&format!("/_sfn/{endpoint}")))
                        .header("origin", format!("http://{}", app.addr))
                        .header("accept", "application/json")
                        .json(&body),
                )
                .await;
            let want = if i == 0 { 401 } else { 400 };
            assert_eq!(a.status, want, "{endpoint} as {}: {a:?}", ACTORS[i]);
        }
    }
    for (endpoint, args, want) in &fns {
        let mut seen = String::new();
        for (i, browser) in browsers.iter_mut().enumerate() {
            let got = outcome(&browser.call(&app, endpoint, &args(i)).await);
            seen.push(got);
            assert_eq!(
                got,
                want.chars().nth(i).unwrap(),
                "server fn {endpoint} as {}",
                ACTORS[i]
            );
        }
        table.push(format!("{:<62} {seen}", format!("POST /_sfn/{endpoint}")));
    }
    common::assert_snapshot("authorization_matrix", &table.join("\n"));
    // `programs` takes JSON: public.
    let r = app
        .http
        .post(app.url("/_sfn/programs"))
        .json(&serde_json::json!({"raw": {}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // `start_card_gift` takes JSON: anyone may give; no card provider here, so 400.
    for browser in browsers.iter_mut() {
        let form = serde_json::json!({"form": {
            "lang": "en", "program": program_slug, "amount": "10", "email": "g@t.example",
        }});
        let a = browser
            .send(
                app.http
                    .post(app.url("/_sfn/start_card_gift"))
                    .header("origin", format!("http://{}", app.addr))
                    .header("accept", "application/json")
                    .json(&form),
            )
            .await;
        assert_eq!(a.status, 400, "{a:?}");
        assert!(a.body.contains("unavailable"), "{a:?}");
    }
    // The platform audit log is the admins' alone.
    let mut admin = signed_in(&app, "admin@t.example").await;
    let mut owner = signed_in(&app, "owner@t.example").await;
    assert_eq!(outcome(&admin.call(&app, "audit_log", &[]).await), 'Y');
    assert_eq!(outcome(&owner.call(&app, "audit_log", &[]).await), 'H');
    // The allowed changes happened, and were audited.
    let audited: Vec<String> = nikoo_domain::entities::audit_record::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    for action in [
        "member.invite",
        "member.revoke_invitation",
        "member.remove",
        "center.verify",
    ] {
        assert!(
            audited.iter().any(|a| a == action),
            "{action} audited: {audited:?}"
        );
    }
    assert!(center_member::Entity::find_by_id(leaving.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_none());
}

async fn session_ids_rotate_and_logout_ends_the_session(backend: Backend) {
    session_rules(&spawn_app(backend).await).await;
}

/// Sessions in Redis (`REDIS_URL`) follow the same rules, each one a key
/// that expires after the idle timeout, and none of them in the database.
#[tokio::test]
async fn sessions_in_redis_follow_the_same_rules() {
    use tower_sessions_redis_store::fred::prelude::{Builder, ClientLike, Config, KeysInterface};
    let redis_url = common::redis_url();
    let db = common::demo_db(Backend::Sqlite).await;
    let app = common::spawn_with_sessions(db, Some(&redis_url)).await;
    let cookie = session_rules(&app).await;
    let redis = Builder::from_config(Config::from_url(&redis_url).unwrap())
        .build()
        .unwrap();
    redis.init().await.unwrap();
    let ttl: i64 = redis.ttl(cookie.as_str()).await.unwrap();
    assert!(
        (3500..=3600).contains(&ttl),
        "the idle timeout is the key's TTL: {ttl}"
    );
    let table = app
        .db
        .query_one(nikoo_domain::sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) FROM tower_sessions",
        ))
        .await;
    assert!(table.is_err(), "no session table in the database");
}

/// The session rules every store must keep; returns the cookie of a session
/// it leaves signed in.
async fn session_rules(app: &TestApp) -> String {
    let u = account(app, "sara@t.example", false).await;
    // A planted cookie is never adopted.
    let mut b = Browser {
        cookie: Some("planted-by-an-attacker".into()),
    };
    let signed_in_answer = b.log_in(app, "sara@t.example", PASSWORD).await;
    assert_eq!(signed_in_answer.status, 200);
    let first = b.cookie.clone().unwrap();
    assert_ne!(first, "planted-by-an-attacker");
    // The cookie: host-only, https-only, script-proof, lax, and as long-lived as the idle timeout.
    let cookie = signed_in_answer
        .set_cookie
        .iter()
        .find(|c| c.starts_with(COOKIE))
        .expect("a session cookie");
    for part in [
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        "Secure",
        "Max-Age=3600",
    ] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    // A private page, read signed in, is never cached.
    let account_page = b.page(app, "/en/account").await;
    assert_eq!(account_page.status, 200);
    assert_eq!(account_page.cache_control.as_deref(), Some("no-store"));
    assert_eq!(b.me(app).await, Some(i64::from(u.id)));
    // A second sign-in on the signed-in session rotates again; the old id is dead.
    assert_eq!(b.log_in(app, "sara@t.example", PASSWORD).await.status, 200);
    let second = b.cookie.clone().unwrap();
    assert_ne!(first, second);
    assert_eq!(
        Browser {
            cookie: Some(first)
        }
        .me(app)
        .await,
        None
    );
    assert_eq!(b.me(app).await, Some(i64::from(u.id)));
    // Logout ends the session on the server: replaying its cookie is anonymous.
    assert_eq!(
        b.call(app, "log_out", &f(&[("lang", "en")])).await.status,
        200
    );
    assert_eq!(
        Browser {
            cookie: Some(second)
        }
        .me(app)
        .await,
        None
    );
    // The absolute lifetime ends a session however busy it is.
    let mut c = signed_in(app, "sara@t.example").await;
    app.clock.set(app.clock.now() + Duration::hours(13));
    assert_eq!(c.me(app).await, None);
    let mut d = signed_in(app, "sara@t.example").await;
    assert_eq!(d.me(app).await, Some(i64::from(u.id)));
    d.cookie.unwrap()
}

async fn password_change_ends_other_sessions(backend: Backend) {
    let app = spawn_app(backend).await;
    let u = account(&app, "reza@t.example", false).await;
    let mut phone = signed_in(&app, "reza@t.example").await;
    let mut laptop = signed_in(&app, "reza@t.example").await;
    let form = f(&[
        ("lang", "fa"),
        ("current_password", PASSWORD),
        ("new_password", "a brand new passphrase"),
    ]);
    let a = phone.call(&app, "change_password", &form).await;
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(
        phone.me(&app).await,
        Some(i64::from(u.id)),
        "the changing session continues"
    );
    assert_eq!(laptop.me(&app).await, None, "every other session ends");
    assert_eq!(
        Browser::default()
            .log_in(&app, "reza@t.example", PASSWORD)
            .await
            .status,
        400
    );
    assert_eq!(
        Browser::default()
            .log_in(&app, "reza@t.example", "a brand new passphrase")
            .await
            .status,
        200
    );
}

async fn cross_site_posts_are_refused_and_change_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let u = account(&app, "mina@t.example", false).await;
    let mut b = signed_in(&app, "mina@t.example").await;
    let form = f(&[("display_name", "Hacked"), ("locale", "en")]);
    let a = b
        .call_from(&app, "update_profile", &form, "https://evil.example")
        .await;
    assert_eq!(a.status, 403);
    let after = user::Entity::find_by_id(u.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (after.display_name, after.locale),
        (u.display_name, u.locale)
    );
    // Without Origin or Referer, a request carrying the session cookie is refused too.
    let req = app.http.post(app.url("/_sfn/update_profile")).form(&form);
    assert_eq!(b.send(req).await.status, 403);
    // The cookie written as another parser might misread it (a space before
    // `=`, percent-encoded) is the session cookie to the guard as well.
    let session = b.cookie.clone().unwrap();
    for cookie in [
        format!("{COOKIE} ={session}"),
        format!("a=1;{COOKIE}= {session} "),
        format!("{COOKIE}={}", session.replace('-', "%2D")),
    ] {
        let req = app
            .http
            .post(app.url("/_sfn/update_profile"))
            .header("cookie", &cookie)
            .form(&form);
        assert_eq!(req.send().await.unwrap().status(), 403, "{cookie}");
    }
    let after = user::Entity::find_by_id(u.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(after.display_name, "Hacked");
}

async fn the_eleventh_failed_login_is_throttled_until_the_back_off(backend: Backend) {
    let app = spawn_app(backend).await;
    account(&app, "owner@t.example", false).await;
    let mut attacker = Browser::default();
    for i in 0..10 {
        let a = attacker
            .log_in(&app, "owner@t.example", &format!("guess number {i}"))
            .await;
        assert_eq!(a.status, 400, "attempt {i}: {a:?}");
        app.clock.set(app.clock.now() + Duration::seconds(2));
    }
    // The 11th within the minute is refused, even with the right password.
    let a = attacker.log_in(&app, "owner@t.example", PASSWORD).await;
    assert_eq!(a.status, 429, "{a:?}");
    let mut owner = Browser::default();
    assert_eq!(
        owner.log_in(&app, "owner@t.example", PASSWORD).await.status,
        429
    );
    // After the back-off the owner gets in.
    app.clock.set(app.clock.now() + Duration::seconds(61));
    assert_eq!(
        owner.log_in(&app, "owner@t.example", PASSWORD).await.status,
        200
    );
}

async fn known_and_unknown_emails_get_the_same_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    account(&app, "known@t.example", false).await;
    let mut b = Browser::default();
    let answers = |email: &str| {
        vec![
            (
                "sign_up",
                f(&[
                    ("lang", "fa"),
                    ("email", email),
                    ("password", PASSWORD),
                    ("display_name", "X"),
                ]),
            ),
            (
                "log_in",
                f(&[
                    ("lang", "fa"),
                    ("email", email),
                    ("password", "not the password"),
                ]),
            ),
            (
                "request_password_reset",
                f(&[("lang", "fa"), ("email", email)]),
            ),
        ]
    };
    for ((endpoint, known), (_, unknown)) in answers("known@t.example")
        .into_iter()
        .zip(answers("unknown@t.example"))
    {
        let k = b.call(&app, endpoint, &known).await;
        let u = b.call(&app, endpoint, &unknown).await;
        assert_eq!(
            (k.status, &k.body, &k.location),
            (u.status, &u.body, &u.location),
            "{endpoint}"
        );
    }
    // The known address got a reminder, not a second account.
    let to_known = common::emails_to(&app.db, "known@t.example", 10).await;
    assert!(
        to_known
            .iter()
            .any(|e| e.body.contains("/fa/forgot-password")),
        "{to_known:?}"
    );
    let users = user::Entity::find()
        .filter(user::Column::Email.eq("known@t.example"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
}

async fn passwords_are_stored_as_argon2id(backend: Backend) {
    let app = spawn_app(backend).await;
    let u = account(&app, "hash@t.example", false).await;
    assert!(
        u.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        u.password_hash
    );
    assert!(!u.password_hash.contains(PASSWORD));
}

async fn a_change_and_its_audit_record_commit_together(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = account(&app, "admin@t.example", true).await;
    let actor = nikoo_domain::accounts::policy::Actor::load(&app.db, admin.id)
        .await
        .unwrap();
    let c = center::Entity::find().one(&app.db).await.unwrap().unwrap();
    // Make audit writes fail: the status change must roll back with it.
    let (fail, unfail) = match backend {
        Backend::Sqlite => (
            "CREATE TRIGGER audit_fails BEFORE INSERT ON audit_records BEGIN SELECT RAISE(ABORT, 'audit down'); END;".to_owned(),
            "DROP TRIGGER audit_fails;".to_owned(),
        ),
        Backend::Postgres => (
            "CREATE FUNCTION audit_fails() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END; $$ LANGUAGE plpgsql; \
             CREATE TRIGGER audit_fails BEFORE INSERT ON audit_records FOR EACH ROW EXECUTE FUNCTION audit_fails();".to_owned(),
            "DROP TRIGGER audit_fails ON audit_records;".to_owned(),
        ),
    };
    app.db.execute_unprepared(&fail).await.unwrap();
    let now = app.clock.now();
    let change = nikoo_domain::staff::StandingChange::Suspend;
    assert!(
        nikoo_domain::staff::change_standing(&app.db, now, actor.as_ref(), c.id, change)
            .await
            .is_err()
    );
    let still = center::Entity::find_by_id(c.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status, c.status, "no change without its audit record");
    app.db.execute_unprepared(&unfail).await.unwrap();
    nikoo_domain::staff::change_standing(&app.db, now, actor.as_ref(), c.id, change)
        .await
        .unwrap();
    let records = nikoo_domain::audit::list(&app.db, Some(c.id), 0, 10)
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].action, "center.suspend");
    assert!(records[0].before.as_deref().unwrap().contains("verified"));
    assert!(records[0].after.as_deref().unwrap().contains("suspended"));
    // A suspended center's public page is gone; its data stays.
    assert_eq!(
        app.get(&format!("/api/v1/centers/{}", c.slug))
            .await
            .status(),
        404
    );
    assert!(center::Entity::find_by_id(c.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());
}

async fn sign_up_verify_and_log_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut b = Browser::default();
    let form = f(&[
        ("lang", "en"),
        ("email", " New@T.example "),
        ("password", "short"),
        ("display_name", "New"),
    ]);
    let a = b.call(&app, "sign_up", &form).await;
    assert_eq!(a.status, 400);
    assert!(a.body.contains("too_short"), "{a:?}");
    assert_eq!(
        user::Entity::find()
            .filter(user::Column::Email.eq("new@t.example"))
            .count(&app.db)
            .await
            .unwrap(),
        0,
        "a refused sign-up writes nothing"
    );
    let form = f(&[
        ("lang", "en"),
        ("email", " New@T.example "),
        ("password", PASSWORD),
        ("display_name", "New"),
    ]);
    assert_eq!(b.call(&app, "sign_up", &form).await.status, 200);
    // Not verified yet: the right password says so, a wrong one does not.
    assert!(b
        .log_in(&app, "new@t.example", PASSWORD)
        .await
        .body
        .contains("email_not_verified"));
    assert!(b
        .log_in(&app, "new@t.example", "wrong wrong")
        .await
        .body
        .contains("invalid_credentials"));
    let email = common::emails_to(&app.db, "new@t.example", 1)
        .await
        .remove(0);
    let token = email
        .body
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert!(email
        .body
        .contains("https://nikoo.test/en/verify-email?token="));
    // Opening the link changes nothing; posting its form verifies once.
    assert_eq!(
        b.page(&app, &format!("/en/verify-email?token={token}"))
            .await
            .status,
        200
    );
    assert!(b
        .log_in(&app, "new@t.example", PASSWORD)
        .await
        .body
        .contains("email_not_verified"));
    assert_eq!(
        b.call(
            &app,
            "verify_email",
            &f(&[("lang", "en"), ("token", &token)])
        )
        .await
        .status,
        200
    );
    assert_eq!(
        b.call(
            &app,
            "verify_email",
            &f(&[("lang", "en"), ("token", &token)])
        )
        .await
        .status,
        400,
        "spent"
    );
    assert_eq!(b.log_in(&app, "new@t.example", PASSWORD).await.status, 200);
    // Without JavaScript, a failing form comes back to its page with the error.
    let req = app
        .http
        .post(app.url("/_sfn/log_in"))
        .header("origin", format!("http://{}", app.addr))
        .header("referer", app.url("/fa/login"))
        .header("accept", "text/html")
        .form(&f(&[
            ("lang", "fa"),
            ("email", "new@t.example"),
            ("password", "nope nope"),
        ]));
    let a = Browser::default().send(req).await;
    assert_eq!(a.status, 302);
    let back = a.location.unwrap();
    assert!(
        back.contains("/fa/login?") && back.contains("__err="),
        "{back}"
    );
    let page = Browser::default()
        .page(
            &app,
            back.trim_start_matches(&format!("http://{}", app.addr)),
        )
        .await;
    assert!(
        page.body.contains("ایمیل یا گذرواژه نادرست است."),
        "translated error on the page"
    );
}

/// The token of the newest password-reset email to `email`.
async fn newest_reset_token(app: &TestApp, email: &str) -> String {
    let mail = common::emails_to(&app.db, email, 1).await;
    let body = &mail.first().expect("a reset email").body;
    let at = body.find("token=").expect("a link with its token") + "token=".len();
    body[at..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

async fn a_newer_reset_link_ends_the_older_ones(backend: Backend) {
    use nikoo_domain::accounts::{request_password_reset, reset_password};
    let app = spawn_app(backend).await;
    let hasher = nikoo_domain::secrets::PasswordHasher::new(2);
    let email = "reset@t.example";
    account(&app, email, false).await;
    let now = app.clock.now();
    request_password_reset(&app.db, now, email, "10.0.0.1")
        .await
        .unwrap();
    let older = newest_reset_token(&app, email).await;
    request_password_reset(&app.db, now, email, "10.0.0.1")
        .await
        .unwrap();
    let newer = newest_reset_token(&app, email).await;
    assert_ne!(older, newer);
    let refused = reset_password(&app.db, &hasher, now, &older, "a new password 1")
        .await
        .unwrap_err();
    assert_eq!(refused.outcome().code, "invalid_token", "{refused:?}");
    // Two requests with the newer link at once: one sets the password.
    let (a, b) = tokio::join!(
        reset_password(&app.db, &hasher, now, &newer, "a new password 2"),
        reset_password(&app.db, &hasher, now, &newer, "a new password 3"),
    );
    assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{a:?} {b:?}");
    // The older link stays dead after the newer one was used.
    assert!(
        reset_password(&app.db, &hasher, now, &older, "a new password 4")
            .await
            .is_err()
    );
    // Links requested at once: only one of them works.
    let other = "reset2@t.example";
    let u = account(&app, other, false).await;
    let requests = (0..3).map(|i| {
        let db = app.db.clone();
        tokio::spawn(async move {
            request_password_reset(&db, now, other, &format!("10.3.{i}.1")).await
        })
    });
    for r in all(requests).await {
        r.unwrap().unwrap();
    }
    let live = nikoo_domain::entities::email_token::Entity::find()
        .filter(nikoo_domain::entities::email_token::Column::UserId.eq(u.id))
        .filter(nikoo_domain::entities::email_token::Column::UsedAt.is_null())
        .filter(
            nikoo_domain::entities::email_token::Column::Purpose
                .eq(nikoo_domain::entities::codes::TokenPurpose::ResetPassword),
        )
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(live, 1, "links requested at once that still work");
}

/// Every task of `tasks`, all started before any is awaited.
async fn all<T>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<Result<T, tokio::task::JoinError>> {
    let started: Vec<_> = tasks.collect();
    let mut done = Vec::with_capacity(started.len());
    for t in started {
        done.push(t.await);
    }
    done
}

/// Check and record are one step: of 60 wrong passwords sent at once for
/// one account, at most the limit (10) are evaluated (under a burst all
/// may be refused; once it passes, the owner gets in); of 8 sign-ups at once
/// for one address, at most 3; of 25 invitations at once from one center
/// to 25 addresses, at most 20.
async fn parallel_attempts_cannot_pass_a_limit_together(backend: Backend) {
    use nikoo_domain::accounts::{log_in, sign_up, throttle, SignUp};
    use nikoo_domain::DomainError;
    let app = spawn_app(backend).await;
    account(&app, "target@t.example", false).await;
    let hasher = nikoo_domain::secrets::PasswordHasher::new(4);
    let now = app.clock.now();
    let attempts = (0..60).map(|i| {
        let (db, hasher) = (app.db.clone(), hasher.clone());
        tokio::spawn(async move {
            log_in(
                &db,
                &hasher,
                now,
                "target@t.example",
                &format!("guess {i}"),
                &format!("10.0.{i}.1"),
            )
            .await
        })
    });
    let results = all(attempts).await;
    let throttled = results
        .iter()
        .filter(|r| matches!(r.as_ref().unwrap(), Err(DomainError::Throttled { .. })))
        .count();
    let evaluated = results.len() - throttled;
    assert!(
        evaluated <= throttle::LOGIN_PER_ACCOUNT.limit as usize,
        "{evaluated} of 60 passwords were checked"
    );
    // Sign-ups for one address at once: at most 3 emails to it.
    let signups = (0..8).map(|i| {
        let (db, hasher) = (app.db.clone(), hasher.clone());
        tokio::spawn(async move {
            let form = SignUp {
                email: "victim@t.example".into(),
                password: "long enough".into(),
                display_name: "V".into(),
                locale: nikoo_types::Locale::En,
            };
            sign_up(&db, &hasher, now, form, &format!("10.1.{i}.1")).await
        })
    });
    let results = all(signups).await;
    let passed = results
        .iter()
        .filter(|r| r.as_ref().unwrap().is_ok())
        .count();
    assert!(passed <= 3, "{passed} sign-ups passed");
    assert!(
        results.iter().all(|r| matches!(
            r.as_ref().unwrap(),
            Ok(_) | Err(DomainError::Throttled { .. })
        )),
        "every refusal is a throttle: {results:?}"
    );
    // Refused attempts are not counted: after the burst, the address can
    // still be signed up for while fewer than 3 passed.
    let after = sign_up(
        &app.db,
        &hasher,
        now,
        SignUp {
            email: "victim@t.example".into(),
            password: "long enough".into(),
            display_name: "V".into(),
            locale: nikoo_types::Locale::En,
        },
        "10.2.0.1",
    )
    .await;
    assert_eq!(after.is_ok(), passed < 3, "{after:?} after {passed} passed");
    assert!(
        common::emails_to(&app.db, "victim@t.example", 10)
            .await
            .len()
            <= 3
    );
    // The burst over, the owner signs in with the right password.
    app.clock.set(now + Duration::seconds(61));
    log_in(
        &app.db,
        &hasher,
        app.clock.now(),
        "target@t.example",
        PASSWORD,
        "10.9.9.9",
    )
    .await
    .unwrap();
    // Invitations from one center at once.
    let c = center::Entity::find()
        .filter(center::Column::Status.eq(nikoo_domain::entities::codes::CenterStatus::Verified))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let owner = account(&app, "inviting-owner@t.example", false).await;
    member(&app, c.id, owner.id, CenterRole::Owner).await;
    let actor = nikoo_domain::accounts::policy::Actor::load(&app.db, owner.id)
        .await
        .unwrap()
        .unwrap();
    let invites = (0..25).map(|i| {
        let (db, actor) = (app.db.clone(), actor.clone());
        tokio::spawn(async move {
            nikoo_domain::staff::invite(
                &db,
                now,
                nikoo_types::Locale::En,
                Some(&actor),
                c.id,
                &format!("staff{i}@t.example"),
                "coordinator",
            )
            .await
        })
    });
    let sent = all(invites)
        .await
        .into_iter()
        .filter(|r| r.as_ref().unwrap().is_ok())
        .count();
    assert!(
        sent <= throttle::INVITE_PER_CENTER.limit as usize,
        "{sent} invitations sent"
    );
}

/// Behind a trusted reverse proxy, sign-ups are counted per forwarded
/// client (IPv6 by its /64): 30 an hour pass from one network, the 31st
/// is refused as throttled and writes nothing, another client still signs
/// up, and a forged `X-Forwarded-For` from an untrusted peer is ignored.
async fn sign_ups_are_throttled_per_client_behind_a_trusted_proxy(backend: Backend) {
    use nikoo_domain::accounts::throttle::SIGNUP_PER_IP;
    let mut settings = common::test_settings();
    settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    let app = common::spawn_with(common::demo_db(backend).await, settings, None).await;
    let sign_up = |email: String, client: &'static str| {
        let req = app
            .http
            .post(app.url("/_sfn/sign_up"))
            .header("origin", format!("http://{}", app.addr))
            .header("accept", "application/json")
            // A forged first hop, then what the proxy appended.
            .header("x-forwarded-for", format!("203.0.113.250, {client}"))
            .form(&f(&[
                ("lang", "en"),
                ("email", &email),
                ("password", PASSWORD),
                ("display_name", "Proxy"),
            ]));
        async move { Browser::default().send(req).await }
    };
    for i in 0..SIGNUP_PER_IP.limit {
        let a = sign_up(format!("p{i}@t.example"), "2001:db8:5:6::1").await;
        assert_eq!(a.status, 200, "sign-up {i}: {a:?}");
    }
    let refused = sign_up("over@t.example".into(), "2001:db8:5:6:ffff::9").await;
    assert_eq!(refused.status, 429, "{refused:?}");
    assert!(refused.body.contains("Throttled"), "{refused:?}");
    assert_eq!(
        user::Entity::find()
            .filter(user::Column::Email.eq("over@t.example"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let other = sign_up("other@t.example".into(), "198.51.100.3").await;
    assert_eq!(other.status, 200, "{other:?}");
    // Without trusted proxies the header is the client's word: ignored, so
    // all these come from 127.0.0.1 and the 31st is refused.
    let plain = spawn_app(backend).await;
    let mut last = 0;
    for i in 0..=SIGNUP_PER_IP.limit {
        let req = plain
            .http
            .post(plain.url("/_sfn/sign_up"))
            .header("origin", format!("http://{}", plain.addr))
            .header("accept", "application/json")
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .form(&f(&[
                ("lang", "en"),
                ("email", &format!("q{i}@t.example")),
                ("password", PASSWORD),
                ("display_name", "Forged"),
            ]));
        last = Browser::default().send(req).await.status;
    }
    assert_eq!(last, 429);
}
