//! Routes that carry files: serving uploads (`GET /uploads/{key}`), and
//! the workspace forms that send one (a disbursement with its receipt, a
//! delivery with its receipt or photo, a program's cover). Those forms are
//! plain `multipart/form-data` posts, so they work without JavaScript; each
//! answers with a redirect: to the form's page with `?notice=…` when it
//! worked, or with `?error={field}.{code}` (shown under the field,
//! translated) when the input was refused. The domain decides who may do
//! what (the policy) and checks every file (`nikoo_domain::uploads`).

use crate::routes::listed;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use nikoo_app::auth::AuthSession;
use nikoo_app::state::AppState;
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::uploads::{UploadedFile, MAX_UPLOAD_BYTES};
use nikoo_domain::{spending, uploads, DomainError};
use nikoo_types::notices::Notice;
use nikoo_types::outcome::OutcomeKind;
use nikoo_types::outcome::Rule;
use nikoo_types::routes;
use nikoo_types::Locale;
use std::collections::HashMap;

/// A request body may be this much larger than the largest file (the
/// form's other fields and the multipart framing).
const FORM_OVERHEAD_BYTES: usize = 256 * 1024;

/// The file routes.
pub fn routes(state: AppState) -> Router {
    let forms = Router::new()
        .route(
            listed("", "/{lang}/my/centers/{id}/needs/{nid}/disbursements"),
            post(disburse),
        )
        .route(
            listed("", "/{lang}/my/centers/{id}/needs/{nid}/deliveries"),
            post(deliver),
        )
        .route(
            listed("", "/{lang}/my/centers/{id}/programs/{pid}/cover"),
            post(cover),
        )
        .layer(DefaultBodyLimit::max(
            MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES,
        ));
    let updates = Router::new()
        .route(
            listed("", "/{lang}/my/centers/{id}/programs/{pid}/updates"),
            post(post_update),
        )
        .layer(DefaultBodyLimit::max(
            nikoo_domain::updates::MAX_PHOTOS * MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES,
        ));
    Router::new()
        .route(listed("", "/uploads/{key}"), get(serve))
        .merge(forms)
        .merge(updates)
        .route(
            listed("", "/{lang}/my/centers/{id}/imports"),
            post(upload_import).layer(DefaultBodyLimit::max(
                nikoo_domain::imports::MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES,
            )),
        )
        .with_state(state)
}

/// The signed-in caller as the policy sees them.
async fn actor(state: &AppState, auth: &AuthSession) -> Result<Option<Actor>, Response> {
    match &auth.user {
        Some(u) => Actor::load(&state.db, u.id).await.map_err(internal),
        None => Ok(None),
    }
}

fn internal(e: DomainError) -> Response {
    refused(&e, None)
}

/// A refusal or failure as a plain response with its outcome's status and
/// words (in `lang`, or in both languages when the path has none); a
/// server failure is logged with its cause.
fn refused(e: &DomainError, lang: Option<Locale>) -> Response {
    let outcome = e.outcome();
    if outcome.kind == OutcomeKind::Internal {
        tracing::error!(error = ?e, "file route failed");
    }
    let status =
        StatusCode::from_u16(outcome.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match lang {
        Some(l) => outcome.message(l),
        None => format!(
            "{} / {}",
            outcome.message(Locale::En),
            outcome.message(Locale::Fa)
        ),
    };
    (status, text).into_response()
}

/// `GET /uploads/{key}`: the file, with its own type; PDFs as downloads.
async fn serve(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(key): Path<String>,
) -> Response {
    let actor = match actor(&state, &auth).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    match uploads::fetch(&state.db, &state.uploads, actor.as_ref(), &key).await {
        Ok((u, bytes)) => {
            let disposition = if u.content_type == "application/pdf" {
                "attachment"
            } else {
                "inline"
            };
            let name = nikoo_types::query::percent_encode(&u.file_name);
            let cache = if u.public {
                "public, max-age=86400"
            } else {
                "private, no-store"
            };
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            for (k, v) in [
                (header::CONTENT_TYPE, u.content_type),
                (
                    header::CONTENT_DISPOSITION,
                    format!("{disposition}; filename*=UTF-8''{name}"),
                ),
                (header::CACHE_CONTROL, cache.to_owned()),
            ] {
                if let Ok(v) = HeaderValue::from_str(&v) {
                    h.insert(k, v);
                }
            }
            r
        }
        Err(e) => refused(&e, None),
    }
}

/// A multipart form: its text fields, and its files (fields `file`): the
/// first is `file`, the others (a form that takes several) follow in `more`.
struct Form {
    fields: HashMap<String, String>,
    file: Option<UploadedFile>,
    more: Vec<UploadedFile>,
}

impl Form {
    fn text(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    fn checked(&self, name: &str) -> bool {
        self.fields.contains_key(name)
    }
}

/// Reads a multipart form. A body or file over the limit stops the reading
/// with the file's `too_large` error, keeping the fields read before it
/// (so the answer can still return to the form's page).
async fn read_form(mut multipart: Multipart) -> (Form, Option<DomainError>) {
    let mut form = Form {
        fields: HashMap::new(),
        file: None,
        more: Vec::new(),
    };
    let too_large = Some(DomainError::invalid("file", Rule::TooLarge));
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return (form, None),
            Err(_) => return (form, too_large),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let Ok(bytes) = field.bytes().await else {
                return (form, too_large);
            };
            // A form sent without choosing a file has an empty, nameless part.
            if !(file_name.is_empty() && bytes.is_empty()) {
                let f = UploadedFile { file_name, bytes };
                if form.file.is_none() {
                    form.file = Some(f);
                } else {
                    form.more.push(f);
                }
            }
        } else {
            let Ok(value) = field.text().await else {
                return (form, too_large);
            };
            form.fields.insert(name, value);
        }
    }
}

/// [`answer`], keeping a refused form's fields for its page first (the
/// page shows them again; `nikoo_types::refused`).
async fn answer_keeping(
    auth: &AuthSession,
    result: Result<Notice, DomainError>,
    page: &str,
    lang: Locale,
    form: &Form,
) -> Response {
    if result.is_err() {
        let fields = form.fields.iter().map(|(n, v)| (n.as_str(), v.as_str()));
        crate::form_keys::keep(&auth.session, page, fields).await;
    }
    answer(result, page, lang)
}

/// Where a form's answer sends the browser: its page with a notice, or
/// with the refused field's error; the login page for an anonymous
/// caller; 403/404 for a refusal.
pub fn answer(result: Result<Notice, DomainError>, page: &str, lang: Locale) -> Response {
    let e = match result {
        Ok(notice) => {
            return Redirect::to(&routes::with_query(page, "notice", notice.code())).into_response()
        }
        Err(e) => e,
    };
    let outcome = e.outcome();
    match (outcome.kind, outcome.field.as_deref()) {
        (OutcomeKind::Invalid, Some(field)) => Redirect::to(&routes::with_query(
            page,
            "error",
            &format!("{field}.{}", outcome.code),
        ))
        .into_response(),
        (OutcomeKind::Unauthenticated, _) => {
            Redirect::to(&routes::login(lang, Some(page))).into_response()
        }
        _ => refused(&e, Some(lang)),
    }
}

/// The locale of a path's `{lang}`, or `None` for an unknown one.
fn locale(lang: &str) -> Option<Locale> {
    Locale::from_code(lang)
}

/// What every form route starts from: the path's locale, the signed-in
/// caller and the form as read, with the refusal reading it met, if any.
struct Posted {
    lang: Locale,
    actor: Option<Actor>,
    form: Form,
    refused: Option<DomainError>,
}

impl Posted {
    /// Reads a form route's request; an unknown `{lang}` is 404.
    async fn read(
        state: &AppState,
        auth: &AuthSession,
        lang: &str,
        multipart: Multipart,
    ) -> Result<Self, Response> {
        let lang =
            locale(lang).ok_or_else(|| (StatusCode::NOT_FOUND, "not found").into_response())?;
        let actor = actor(state, auth).await?;
        let (form, refused) = read_form(multipart).await;
        Ok(Self {
            lang,
            actor,
            form,
            refused,
        })
    }

    /// The refusal met reading the form (a file or body over the limit).
    fn check(&mut self) -> Result<(), DomainError> {
        self.refused.take().map_or(Ok(()), Err)
    }
}

/// The need page a need form returns to.
fn need_page(lang: Locale, center_id: i32, form: &Form, need_id: i32) -> String {
    let program_id: i32 = form.text("program_id").trim().parse().unwrap_or(0);
    routes::need_workspace(lang, center_id, program_id, need_id)
}

/// `POST /{lang}/my/centers/{id}/needs/{nid}/disbursements`.
async fn disburse(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((lang, center_id, need_id)): Path<(String, i32, i32)>,
    multipart: Multipart,
) -> Response {
    let mut p = match Posted::read(&state, &auth, &lang, multipart).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let page = need_page(p.lang, center_id, &p.form, need_id);
    if let Err(e) = p.check() {
        return answer(Err(e), &page, p.lang);
    }
    let (lang, form) = (p.lang, &p.form);
    let fields = spending::DisbursementForm {
        lang,
        center_id,
        need_id,
        amount: form.text("amount"),
        paid_on: form.text("paid_on"),
        payee_type: form.text("payee_type"),
        description: form.text("description"),
        receipt_public: form.checked("file_public"),
    };
    let result = spending::record_disbursement(
        &state.db,
        &state.uploads,
        state.clock.now(),
        p.actor.as_ref(),
        &fields,
        form.file.as_ref(),
    )
    .await
    .map(|_| Notice::DisbursementRecorded);
    answer_keeping(&auth, result, &page, lang, &p.form).await
}

/// `POST /{lang}/my/centers/{id}/needs/{nid}/deliveries`.
async fn deliver(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((lang, center_id, need_id)): Path<(String, i32, i32)>,
    multipart: Multipart,
) -> Response {
    let mut p = match Posted::read(&state, &auth, &lang, multipart).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let page = need_page(p.lang, center_id, &p.form, need_id);
    if let Err(e) = p.check() {
        return answer(Err(e), &page, p.lang);
    }
    let (lang, form) = (p.lang, &p.form);
    let fields = spending::DeliveryForm {
        center_id,
        need_id,
        quantity: form.text("quantity"),
        delivered_on: form.text("delivered_on"),
        households: form.text("households"),
        description: form.text("description"),
        file_public: form.checked("file_public"),
    };
    let result = spending::record_delivery(
        &state.db,
        &state.uploads,
        state.clock.now(),
        p.actor.as_ref(),
        &fields,
        form.file.as_ref(),
    )
    .await
    .map(|_| Notice::DeliveryRecorded);
    answer_keeping(&auth, result, &page, lang, &p.form).await
}

/// `POST /{lang}/my/centers/{id}/programs/{pid}/cover`.
async fn cover(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((lang, center_id, program_id)): Path<(String, i32, i32)>,
    multipart: Multipart,
) -> Response {
    let mut p = match Posted::read(&state, &auth, &lang, multipart).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (lang, actor) = (p.lang, p.actor.take());
    let page = routes::program_workspace(lang, center_id, program_id);
    let result = async {
        p.check()?;
        let form = &p.form;
        spending::set_cover(
            &state.db,
            &state.uploads,
            state.clock.now(),
            actor.as_ref(),
            center_id,
            program_id,
            form.file.as_ref(),
        )
        .await
    }
    .await
    .map(|_| Notice::CoverSaved);
    answer_keeping(&auth, result, &page, lang, &p.form).await
}

/// `POST /{lang}/my/centers/{id}/programs/{pid}/updates`: an update with
/// up to six photos (fields `file`).
async fn post_update(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((lang, center_id, program_id)): Path<(String, i32, i32)>,
    multipart: Multipart,
) -> Response {
    let mut p = match Posted::read(&state, &auth, &lang, multipart).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (lang, actor) = (p.lang, p.actor.take());
    let page = routes::program_workspace(lang, center_id, program_id);
    let result = async {
        p.check()?;
        let form = &p.form;
        let photos: Vec<UploadedFile> = form
            .file
            .iter()
            .cloned()
            .chain(form.more.iter().cloned())
            .collect();
        let fields = nikoo_domain::updates::UpdateForm {
            center_id,
            program_id,
            title_fa: form.text("title_fa"),
            title_en: form.text("title_en"),
            body_fa: form.text("body_fa"),
            body_en: form.text("body_en"),
        };
        nikoo_domain::updates::post(
            &state.db,
            &state.uploads,
            state.clock.now(),
            actor.as_ref(),
            &fields,
            &photos,
        )
        .await
    }
    .await
    .map(|_| Notice::UpdatePosted);
    answer_keeping(&auth, result, &page, lang, &p.form).await
}

/// `POST /{lang}/my/centers/{id}/imports`: a file of gifts or
/// beneficiaries to import (field `kind`, field `file`).
async fn upload_import(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((lang, center_id)): Path<(String, i32)>,
    multipart: Multipart,
) -> Response {
    let mut p = match Posted::read(&state, &auth, &lang, multipart).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (lang, actor) = (p.lang, p.actor.take());
    let page = routes::imports(lang, center_id);
    let result = async {
        p.check()?;
        let form = &p.form;
        let (name, bytes) = form
            .file
            .as_ref()
            .map_or((String::new(), Default::default()), |f| {
                (f.file_name.clone(), f.bytes.clone())
            });
        nikoo_domain::imports::upload(
            nikoo_domain::imports::Importer {
                db: &state.db,
                keys: &state.data_keys,
                now: state.clock.now(),
                actor: actor.as_ref(),
                center_id,
            },
            &form.text("kind"),
            &name,
            &bytes,
        )
        .await
    }
    .await;
    match result {
        Ok(job) => Redirect::to(&routes::with_query(
            &routes::import_job(lang, center_id, job.id),
            "notice",
            Notice::ImportUploaded.code(),
        ))
        .into_response(),
        Err(e) => answer(Err(e), &page, lang),
    }
}
