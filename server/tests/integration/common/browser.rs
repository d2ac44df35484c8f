//! A browser for integration tests: a session cookie, pages and server
//! function calls as the pages make them, and accounts to sign in with.
#![allow(dead_code)]

use super::TestApp;
use nikoo_domain::entities::{center_member, codes::CenterRole, user};
use nikoo_domain::sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use nikoo_domain::Clock;

pub const COOKIE: &str = "__Host-nikoo_session";
pub const PASSWORD: &str = "درست-رمز-۱۲۳۴";

/// A browser: its session cookie, if any.
#[derive(Debug, Default, Clone)]
pub struct Browser {
    pub cookie: Option<String>,
}

/// A response's status, body, `Location`, `Set-Cookie` and `Cache-Control`.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub set_cookie: Vec<String>,
    pub cache_control: Option<String>,
}

impl Browser {
    pub fn remember(&mut self, r: &reqwest::Response) {
        for v in r.headers().get_all("set-cookie") {
            let v = v.to_str().unwrap();
            if let Some(rest) = v.strip_prefix(&format!("{COOKIE}=")) {
                let value = rest.split(';').next().unwrap().to_owned();
                self.cookie = if value.is_empty() || v.contains("Max-Age=0") {
                    None
                } else {
                    Some(value)
                };
            }
        }
    }

    pub async fn send(&mut self, req: reqwest::RequestBuilder) -> Answer {
        let req = match &self.cookie {
            Some(c) => req.header("cookie", format!("{COOKIE}={c}")),
            None => req,
        };
        let r = req.send().await.unwrap();
        self.remember(&r);
        let header = |name: &str| {
            r.headers()
                .get(name)
                .map(|l| l.to_str().unwrap().to_owned())
        };
        Answer {
            status: r.status().as_u16(),
            location: header("location"),
            cache_control: header("cache-control"),
            set_cookie: r
                .headers()
                .get_all("set-cookie")
                .iter()
                .map(|v| v.to_str().unwrap().to_owned())
                .collect(),
            body: r.text().await.unwrap(),
        }
    }

    /// Calls server function `endpoint` as the page's JavaScript does (same origin).
    pub async fn call(&mut self, app: &TestApp, endpoint: &str, form: &[(&str, String)]) -> Answer {
        self.call_from(app, endpoint, form, &format!("http://{}", app.addr))
            .await
    }

    pub async fn call_from(
        &mut self,
        app: &TestApp,
        endpoint: &str,
        form: &[(&str, String)],
        origin: &str,
    ) -> Answer {
        let req = app
            .http
            .post(app.url(&format!("/_sfn/{endpoint}")))
            .header("origin", origin)
            .header("accept", "application/json")
            .form(form);
        self.send(req).await
    }

    pub async fn page(&mut self, app: &TestApp, path: &str) -> Answer {
        let req = app.http.get(app.url(path)).header("accept", "text/html");
        self.send(req).await
    }

    pub async fn me(&mut self, app: &TestApp) -> Option<i64> {
        let a = self.call(app, "me", &[]).await;
        assert_eq!(a.status, 200, "{a:?}");
        serde_json::from_str::<serde_json::Value>(&a.body).unwrap()["user_id"].as_i64()
    }

    pub async fn log_in(&mut self, app: &TestApp, email: &str, password: &str) -> Answer {
        let form = [
            ("lang", "fa".to_owned()),
            ("email", email.to_owned()),
            ("password", password.to_owned()),
        ];
        self.call(app, "log_in", &form).await
    }
}

pub fn f(pairs: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    pairs
        .iter()
        .map(|(k, v)| {
            (
                &*Box::leak((*k).to_owned().into_boxed_str()),
                (*v).to_owned(),
            )
        })
        .collect()
}

/// A verified account with the test password; `admin` makes it a platform admin.
pub async fn account(app: &TestApp, email: &str, admin: bool) -> user::Model {
    let hasher = nikoo_domain::secrets::PasswordHasher::new(2);
    let now = app.clock.now();
    let form = nikoo_domain::accounts::SignUp {
        email: email.into(),
        password: PASSWORD.into(),
        display_name: email.split('@').next().unwrap().into(),
        locale: nikoo_types::Locale::Fa,
    };
    nikoo_domain::accounts::sign_up(&app.db, &hasher, now, form, &format!("test:{email}"))
        .await
        .unwrap();
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: user::ActiveModel = u.into();
    row.email_verified_at = Set(Some(now));
    row.platform_admin = Set(admin);
    row.update(&app.db).await.unwrap()
}

pub async fn member(
    app: &TestApp,
    center_id: i32,
    user_id: i32,
    role: CenterRole,
) -> center_member::Model {
    center_member::ActiveModel {
        center_id: Set(center_id),
        user_id: Set(user_id),
        role: Set(role),
        created_at: Set(app.clock.now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
}

pub async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let mut b = Browser::default();
    let a = b.log_in(app, email, PASSWORD).await;
    assert_eq!(a.status, 200, "log in {email}: {a:?}");
    assert!(b.cookie.is_some());
    b
}
