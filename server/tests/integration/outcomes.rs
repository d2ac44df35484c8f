//! One outcome per error at every boundary: each `DomainError` variant
//! through a server function's error, the public API, a file route's
//! answer and the command line gives the same status, code and field.
//! Before issue 13 the API answered 500 for a refused input, a refusal and
//! a missing sign-in, and the file routes answered in hard-coded English.

use axum::response::IntoResponse;
use nikoo_app::error::AppError;
use nikoo_domain::sea_orm::DbErr;
use nikoo_domain::DomainError;
use nikoo_server::api::ApiError;
use nikoo_types::outcome::Rule;
use nikoo_types::Locale;

/// A way to make one `DomainError` (it is not `Clone`), its status and code.
type Case = (fn() -> DomainError, u16, &'static str);

/// Each variant, made afresh, with its status and code.
fn cases() -> Vec<Case> {
    vec![
        (|| DomainError::NotFound, 404, "not_found"),
        (
            || DomainError::Conflict("slug taken".into()),
            409,
            "conflict",
        ),
        (
            || DomainError::invalid("amount", Rule::NotPositive),
            400,
            "not_positive",
        ),
        (|| DomainError::Forbidden, 403, "forbidden"),
        (|| DomainError::Unauthenticated, 401, "unauthenticated"),
        (
            || DomainError::Throttled {
                retry_after_secs: 120,
            },
            429,
            "throttled",
        ),
        (|| DomainError::Unexpected("a bug".into()), 500, "internal"),
        (
            || DomainError::Db(DbErr::Custom("the database is down".into())),
            500,
            "internal",
        ),
    ]
}

#[tokio::test]
async fn every_error_has_one_outcome_at_every_boundary() {
    for (make, status, code) in cases() {
        let outcome = make().outcome();
        assert_eq!((outcome.status(), outcome.code.as_str()), (status, code));
        let field = outcome.field.clone();
        assert_eq!(field.is_some(), status == 400);

        // A server function's error: the same status and outcome.
        let app = AppError::from(make());
        assert_eq!(app.status(), status, "{code}: server function");
        assert_eq!(app.outcome().code, code, "{code}: server function");

        // The public API: the same status; a refused input names its field and rule.
        let api = ApiError::from(make()).into_response();
        assert_eq!(api.status().as_u16(), status, "{code}: API");
        let body = axum::body::to_bytes(api.into_body(), 1 << 16)
            .await
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        match &field {
            Some(f) => {
                assert_eq!(json["error"]["code"], format!("invalid_{f}"));
                assert_eq!(json["error"]["rule"], code);
            }
            None => assert_eq!(json["error"]["code"], code),
        }
        assert!(
            !json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("database"),
            "the cause is never shown: {json}"
        );

        // A file route: a refused input back to its page with the error, a
        // missing sign-in to the login page, the rest with their status
        // and translated words.
        let page = "/fa/my/centers/1/programs/2";
        let answer = nikoo_server::files::answer(Err(make()), page, Locale::Fa);
        let location = answer
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        match (status, &field) {
            (400, Some(f)) => assert_eq!(
                location.as_deref(),
                Some(format!("{page}?error={f}.{code}").as_str())
            ),
            (401, _) => assert!(
                location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/fa/login?next=")),
                "{location:?}"
            ),
            _ => {
                assert_eq!(answer.status().as_u16(), status, "{code}: file route");
                let text = axum::body::to_bytes(answer.into_body(), 1 << 16)
                    .await
                    .unwrap();
                let text = String::from_utf8(text.to_vec()).unwrap();
                assert!(!text.is_ascii(), "{code}: in Persian: {text}");
            }
        }

        // The command line: the exit code of the kind, the outcome's words.
        match nikoo_server::cli::refusal(&make()) {
            Some((exit, line)) => {
                assert_eq!(exit, outcome.kind.exit_code(), "{code}: command line");
                assert_eq!(line.contains(':'), field.is_some(), "{line}");
            }
            None => assert_eq!(status, 500, "{code}: only server failures propagate"),
        }
    }
}
