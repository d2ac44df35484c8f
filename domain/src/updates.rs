//! Updates (گزارش) a center posts to a program's donors (issue 5): a title
//! and a text in Markdown (Persian and/or English) with photos (their
//! metadata removed, public), shown on the program page and emailed
//! through the outbox, in the same transaction, to the program's donors
//! who asked for updates: accounts that said so on their page, guests who
//! ticked it when they gave. Each donor gets one email, in their language.

use crate::accounts::policy::{authorize_change_of, Action, Actor};
use crate::audit::{self, Change};
use crate::calendar::{display_instant, time_zone};
use crate::entities::codes::{ProgramStatus, UploadKind};
use crate::entities::{
    center, donation, donor, pledge, program, program_update, program_update_photo, upload, user,
};
use crate::error::DomainError;
use crate::outbox;
use crate::uploads::{check_file, store_file, url_of, UploadStore, UploadedFile};
use chrono::{DateTime, Utc};
use nikoo_types::accounts::optional_text;
use nikoo_types::mail::Message;
use nikoo_types::outcome::Rule;
use nikoo_types::transparency::PublicUpdate;
use nikoo_types::{Locale, LocalizedText};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// The most photos one update may carry.
pub const MAX_PHOTOS: usize = 6;
/// The longest update title, in characters.
const TITLE_CHARS: usize = 160;
/// The longest update text, in characters.
const BODY_CHARS: usize = 20_000;

/// An update form, as posted.
#[derive(Debug, Clone, Default)]
pub struct UpdateForm {
    pub center_id: i32,
    pub program_id: i32,
    pub title_fa: String,
    pub title_en: String,
    /// Markdown.
    pub body_fa: String,
    pub body_en: String,
}

/// Who to email an update of `program_id` to: each donor of record who gave
/// or pledged to it and asked for updates, once, with their language.
async fn recipients<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
) -> Result<BTreeMap<String, Locale>, DomainError> {
    let mut donor_ids: BTreeSet<i32> = donation::Entity::find()
        .select_only()
        .column(donation::Column::DonorId)
        .filter(donation::Column::ProgramId.eq(program_id))
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    donor_ids.extend(
        pledge::Entity::find()
            .select_only()
            .column(pledge::Column::DonorId)
            .filter(pledge::Column::ProgramId.eq(program_id))
            .into_tuple::<Option<i32>>()
            .all(db)
            .await?
            .into_iter()
            .flatten(),
    );
    let accounts: BTreeMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::DonorId.is_in(donor_ids.iter().copied()))
        .filter(user::Column::DeletedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| Some((u.donor_id?, u)))
        .collect();
    let mut to = BTreeMap::new();
    for d in donor::Entity::find()
        .filter(donor::Column::Id.is_in(donor_ids.iter().copied()))
        .all(db)
        .await?
    {
        match accounts.get(&d.id) {
            // An account decides for its donor record.
            Some(u) if u.wants_updates && u.email_verified_at.is_some() => {
                to.insert(
                    u.email.clone(),
                    Locale::from_code(&u.locale).unwrap_or_default(),
                );
            }
            Some(_) => {}
            None if d.wants_updates => {
                if let Some(email) = d.email.clone().filter(|e| !e.is_empty()) {
                    let locale = d
                        .locale
                        .as_deref()
                        .and_then(Locale::from_code)
                        .unwrap_or_default();
                    to.insert(email, locale);
                }
            }
            None => {}
        }
    }
    Ok(to)
}

/// Posts an update to a program: its photos stored (checked, metadata
/// removed, public), the update recorded, an email queued for each donor
/// who asked, and the audit record, in one transaction.
///
/// # Errors
/// `Unauthenticated`; `Forbidden` unless the caller is an owner or manager
/// of the program's center (also for a program that is not there);
/// `Invalid` naming the field: `title_fa`/`title_required`,
/// `…`/`too_long`, `file` (`too_many` or as `uploads::check_file`),
/// `change`/`archived`; `Db`.
pub async fn post(
    db: &DatabaseConnection,
    store: &UploadStore,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    form: &UpdateForm,
    photos: &[UploadedFile],
) -> Result<program_update::Model, DomainError> {
    let p = program::Entity::find_by_id(form.program_id)
        .one(db)
        .await?
        .filter(|p| p.center_id == form.center_id);
    let (actor, p) = authorize_change_of(actor, p, |p| p.center_id, Action::ManagePrograms)?;
    if p.status == ProgramStatus::Archived {
        return Err(DomainError::invalid("change", Rule::Archived));
    }
    let title = LocalizedText::new(
        optional_text("title_fa", &form.title_fa, TITLE_CHARS)?,
        optional_text("title_en", &form.title_en, TITLE_CHARS)?,
    );
    if title.fa.is_none() && title.en.is_none() {
        return Err(DomainError::invalid("title_fa", Rule::TitleRequired));
    }
    let body = LocalizedText::new(
        optional_text("body_fa", &form.body_fa, BODY_CHARS)?,
        optional_text("body_en", &form.body_en, BODY_CHARS)?,
    );
    if photos.len() > MAX_PHOTOS {
        return Err(DomainError::invalid("file", Rule::TooMany));
    }
    let checked = photos
        .iter()
        .map(|f| check_file(UploadKind::Photo, f))
        .collect::<Result<Vec<_>, _>>()?;
    let to = recipients(db, p.id).await?;
    let txn = crate::db::begin_write(db).await?;
    let update = program_update::ActiveModel {
        program_id: Set(p.id),
        title_fa: Set(title.fa.clone().unwrap_or_default()),
        title_en: Set(title.en.clone()),
        body_fa: Set(body.fa.clone()),
        body_en: Set(body.en.clone()),
        author_id: Set(Some(actor.user_id)),
        emailed: Set(i32::try_from(to.len()).unwrap_or(i32::MAX)),
        published_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (i, f) in checked.into_iter().enumerate() {
        let u = store_file(&txn, store, now, p.center_id, Some(actor.user_id), f, true).await?;
        program_update_photo::ActiveModel {
            update_id: Set(update.id),
            upload_id: Set(u.id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let name = LocalizedText::new(Some(p.title_fa.clone()), p.title_en.clone());
    for (address, locale) in &to {
        let message = Message::ProgramUpdate {
            program: name.clone(),
            slug: p.slug.clone(),
            title: title.clone(),
            text: body.clone(),
        };
        outbox::enqueue(&txn, now, address, *locale, &message).await?;
    }
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(p.center_id),
            action: "update.post",
            object_type: "program_update",
            object_id: update.id.to_string(),
            before: None,
            after: Some(json!({
                "program_id": p.id,
                "title_fa": update.title_fa,
                "title_en": update.title_en,
                "photos": photos.len(),
                "emailed": to.len(),
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(update)
}

/// A program's updates, newest first, as the public sees them.
///
/// # Errors
/// `Db`.
pub async fn of_program<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    tz: chrono_tz::Tz,
) -> Result<Vec<PublicUpdate>, DomainError> {
    let updates = program_update::Entity::find()
        .filter(program_update::Column::ProgramId.eq(program_id))
        .order_by_desc(program_update::Column::PublishedAt)
        .order_by_desc(program_update::Column::Id)
        .all(db)
        .await?;
    let photos = program_update_photo::Entity::find()
        .filter(program_update_photo::Column::UpdateId.is_in(updates.iter().map(|u| u.id)))
        .order_by_asc(program_update_photo::Column::Position)
        .all(db)
        .await?;
    let files = crate::db::rows_by::<upload::Entity, _>(
        db,
        upload::Column::Id,
        photos.iter().map(|p| p.upload_id),
        |u| u.id,
    )
    .await?;
    Ok(updates
        .into_iter()
        .map(|u| PublicUpdate {
            id: u.id,
            date: display_instant(u.published_at, tz),
            title: LocalizedText::new(Some(u.title_fa.clone()), u.title_en.clone()),
            body_html: LocalizedText::new(
                u.body_fa.as_deref().map(crate::markdown::to_safe_html),
                u.body_en.as_deref().map(crate::markdown::to_safe_html),
            ),
            photos: photos
                .iter()
                .filter(|p| p.update_id == u.id)
                .filter_map(|p| files.get(&p.upload_id))
                .filter(|f| f.public)
                .map(|f| url_of(&f.key))
                .collect(),
        })
        .collect())
}

/// The time zone of a program's center, for its updates' dates.
///
/// # Errors
/// `Db`.
pub async fn center_zone<C: ConnectionTrait>(
    db: &C,
    p: &program::Model,
) -> Result<chrono_tz::Tz, DomainError> {
    Ok(center::Entity::find_by_id(p.center_id)
        .one(db)
        .await?
        .map_or(crate::calendar::DEFAULT_TIME_ZONE, |c| {
            time_zone(&c.time_zone)
        }))
}
