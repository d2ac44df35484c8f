//! Centers and their staff: registration (pending until a platform admin
//! verifies it), verification and suspension, membership by emailed
//! invitation, removal, and the audit log pages. Every function asks
//! [`crate::accounts::policy`] first and audits its change in the same transaction.

use crate::accounts::policy::{authorize, authorize_change_of, Action, Actor};
use crate::accounts::throttle;
use crate::audit::{self, Change};
use crate::calendar::{display_instant, DEFAULT_TIME_ZONE};
use crate::catalog::{self, NewCenter};
use crate::entities::{
    center, center_member,
    codes::{CenterRole, CenterStatus},
    county, invitation, province, user,
};
use crate::outbox;
use crate::secrets::{new_token, token_hash};
use crate::DomainError;
use chrono::{DateTime, Duration, Utc};
use nikoo_types::accounts::{
    optional_text, parse_email, AuditPage, CenterStaffPage, CenterStanding, FieldError,
    InvitationPreview, Member, PendingInvitation, Region, StaffCenter, StaffRole,
};
use nikoo_types::mail::Message;
use nikoo_types::outcome::Rule;
use nikoo_types::transparency::Place;
use nikoo_types::{Locale, LocalizedText};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// How long an invitation works (7 days).
pub const INVITATION_DAYS: i64 = 7;

/// The role as the pages name it.
pub fn staff_role(r: CenterRole) -> StaffRole {
    match r {
        CenterRole::Owner => StaffRole::Owner,
        CenterRole::Manager => StaffRole::Manager,
        CenterRole::Coordinator => StaffRole::Coordinator,
    }
}

fn center_role(r: StaffRole) -> CenterRole {
    match r {
        StaffRole::Owner => CenterRole::Owner,
        StaffRole::Manager => CenterRole::Manager,
        StaffRole::Coordinator => CenterRole::Coordinator,
    }
}

fn standing(s: CenterStatus) -> CenterStanding {
    match s {
        CenterStatus::Pending => CenterStanding::Pending,
        CenterStatus::Verified => CenterStanding::Verified,
        CenterStatus::Suspended => CenterStanding::Suspended,
    }
}

fn center_json(c: &center::Model) -> serde_json::Value {
    json!({"slug": c.slug, "name_fa": c.name_fa, "name_en": c.name_en, "county": c.county_code, "status": c.status.to_value()})
}

async fn staff_centers<C: ConnectionTrait>(
    db: &C,
    centers: Vec<center::Model>,
    actor: &Actor,
) -> Result<Vec<StaffCenter>, DomainError> {
    let counties: HashMap<String, county::Model> = county::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code.clone(), c))
        .collect();
    let provinces: HashMap<String, province::Model> = province::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code.clone(), p))
        .collect();
    Ok(centers
        .into_iter()
        .map(|c| {
            let county = counties.get(&c.county_code);
            let province = county.and_then(|k| provinces.get(&k.province_code));
            StaffCenter {
                id: c.id,
                slug: c.slug.clone(),
                name: LocalizedText::new(Some(c.name_fa.clone()), c.name_en.clone()),
                county: county.map_or_else(LocalizedText::default, |k| {
                    LocalizedText::new(Some(k.name_fa.clone()), Some(k.name_en.clone()))
                }),
                province: province.map_or_else(LocalizedText::default, |p| {
                    LocalizedText::new(Some(p.name_fa.clone()), Some(p.name_en.clone()))
                }),
                standing: standing(c.status),
                my_role: actor.role_at(c.id).map(staff_role),
                registered: display_instant(c.created_at, DEFAULT_TIME_ZONE),
            }
        })
        .collect())
}

pub use nikoo_types::accounts::CenterRegistration;

/// A URL slug for a new center: its English name in ASCII (or `center`)
/// and a random suffix.
fn new_slug(name_en: Option<&str>) -> String {
    let base: String = name_en
        .unwrap_or("")
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let base = base
        .split('-')
        .filter(|p| !p.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "center".to_owned()
    } else {
        base
    };
    format!("{base}-{}", &new_token()[..6])
}

/// Registers a center for the signed-in `actor`, who becomes its owner. The
/// center is `pending`: invisible to the public until an admin verifies it.
///
/// # Errors
/// [`DomainError::Unauthenticated`]; [`DomainError::Invalid`]
/// (`name_fa`/`name_required`, `province`, `county`/`county_not_in_province`, `too_long`);
/// [`DomainError::Db`].
pub async fn register_center(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    form: CenterRegistration,
) -> Result<center::Model, DomainError> {
    let actor = authorize(actor, Action::RegisterCenter)?;
    let name_fa = optional_text("name_fa", &form.name_fa, 120)?;
    let name_en = optional_text("name_en", &form.name_en, 120)?;
    let address_fa = optional_text("address_fa", &form.address_fa, 300)?;
    let address_en = optional_text("address_en", &form.address_en, 300)?;
    let description_fa = optional_text("description_fa", &form.description_fa, 4000)?;
    let description_en = optional_text("description_en", &form.description_en, 4000)?;
    let name = match (&name_fa, &name_en) {
        (None, None) => return Err(DomainError::invalid("name_fa", Rule::NameRequired)),
        _ => LocalizedText::new(name_fa.clone().or_else(|| name_en.clone()), name_en.clone()),
    };
    if province::Entity::find_by_id(form.province.trim().to_owned())
        .one(db)
        .await?
        .is_none()
    {
        return Err(FieldError::new("province", Rule::UnknownCode).into());
    }
    let county = county::Entity::find_by_id(form.county.trim().to_owned())
        .one(db)
        .await?
        .ok_or(FieldError::new("county", Rule::UnknownCode))?;
    if county.province_code != form.province.trim() {
        return Err(FieldError::new("county", Rule::CountyNotInProvince).into());
    }
    let txn = crate::db::begin_write(db).await?;
    let c = catalog::create_center(
        &txn,
        now,
        NewCenter {
            slug: new_slug(name_en.as_deref()),
            county_code: county.code,
            name,
            description: LocalizedText::new(description_fa, description_en),
            address: LocalizedText::new(address_fa, address_en),
            time_zone: String::new(),
            status: CenterStatus::Pending,
        },
    )
    .await?;
    let m = center_member::ActiveModel {
        center_id: Set(c.id),
        user_id: Set(actor.user_id),
        role: Set(CenterRole::Owner),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(c.id),
            action: "center.register",
            object_type: "center",
            object_id: c.id.to_string(),
            before: None,
            after: Some(json!({"center": center_json(&c), "owner_member": m.id})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

/// Every province with its counties, in the reference order (public data).
///
/// # Errors
/// [`DomainError::Db`].
pub async fn regions<C: ConnectionTrait>(db: &C) -> Result<Vec<Region>, DomainError> {
    let counties = county::Entity::find()
        .order_by_asc(county::Column::NameEn)
        .all(db)
        .await?;
    let place = |code: &str, fa: &str, en: &str| Place {
        code: code.to_owned(),
        name: LocalizedText::new(Some(fa.to_owned()), Some(en.to_owned())),
    };
    Ok(province::Entity::find()
        .order_by_asc(province::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Region {
            province: place(&p.code, &p.name_fa, &p.name_en),
            counties: counties
                .iter()
                .filter(|c| c.province_code == p.code)
                .map(|c| place(&c.code, &c.name_fa, &c.name_en))
                .collect(),
        })
        .collect())
}

/// The centers `actor` works for, by name.
///
/// # Errors
/// [`DomainError::Unauthenticated`]; [`DomainError::Db`].
pub async fn my_centers(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
) -> Result<Vec<StaffCenter>, DomainError> {
    let actor = authorize(actor, Action::ReadOwnAccount)?;
    let ids: Vec<i32> = actor.roles.keys().copied().collect();
    let centers = center::Entity::find()
        .filter(center::Column::Id.is_in(ids))
        .order_by_asc(center::Column::NameFa)
        .all(db)
        .await?;
    staff_centers(db, centers, actor).await
}

/// Every center, pending first then by registration (platform admins).
///
/// # Errors
/// [`DomainError::Unauthenticated`], [`DomainError::NotFound`]; [`DomainError::Db`].
pub async fn center_queue(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
) -> Result<Vec<StaffCenter>, DomainError> {
    let actor = authorize(actor, Action::ReadCenterQueue)?;
    let centers = center::Entity::find()
        .order_by_asc(center::Column::CreatedAt)
        .order_by_asc(center::Column::Id)
        .all(db)
        .await?;
    let mut rows = staff_centers(db, centers, actor).await?;
    rows.sort_by_key(|c| c.standing != CenterStanding::Pending);
    Ok(rows)
}

/// What an admin does to a center's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandingChange {
    /// Verify a pending center, or reinstate a suspended one.
    Verify,
    /// Suspend: its public pages go away, its data stays.
    Suspend,
}

/// Verifies or suspends a center (platform admins), audited.
///
/// # Errors
/// [`DomainError::Unauthenticated`], [`DomainError::Forbidden`], [`DomainError::NotFound`]; [`DomainError::Db`].
pub async fn change_standing(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
    change: StandingChange,
) -> Result<center::Model, DomainError> {
    let action = match change {
        StandingChange::Verify => Action::VerifyCenter,
        StandingChange::Suspend => Action::SuspendCenter,
    };
    let actor = authorize(actor, action)?;
    let txn = crate::db::begin_write(db).await?;
    let c = center::Entity::find_by_id(center_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let before = center_json(&c);
    let status = match change {
        StandingChange::Verify => CenterStatus::Verified,
        StandingChange::Suspend => CenterStatus::Suspended,
    };
    let mut row: center::ActiveModel = c.into();
    row.status = Set(status);
    let c = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(c.id),
            action: match change {
                StandingChange::Verify => "center.verify",
                StandingChange::Suspend => "center.suspend",
            },
            object_type: "center",
            object_id: c.id.to_string(),
            before: Some(before),
            after: Some(center_json(&c)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

/// A center's staff page: members, pending invitations and what the viewer may do.
///
/// # Errors
/// [`DomainError::Unauthenticated`], [`DomainError::NotFound`]; [`DomainError::Db`].
pub async fn staff_page(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    center_id: i32,
) -> Result<CenterStaffPage, DomainError> {
    let actor = authorize(actor, Action::ReadCenterStaff(center_id))?;
    let c = center::Entity::find_by_id(center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let center = staff_centers(db, vec![c], actor).await?.remove(0);
    let members = center_member::Entity::find()
        .filter(center_member::Column::CenterId.eq(center_id))
        .order_by_asc(center_member::Column::Role)
        .order_by_asc(center_member::Column::Id)
        .all(db)
        .await?;
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(members.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut members: Vec<Member> = members
        .into_iter()
        .filter_map(|m| {
            let u = users.get(&m.user_id)?;
            Some(Member {
                id: m.id,
                display_name: u.display_name.clone(),
                email: u.email.clone(),
                role: staff_role(m.role),
                since: display_instant(m.created_at, DEFAULT_TIME_ZONE),
            })
        })
        .collect();
    members.sort_by_key(|m| m.role);
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CenterId.eq(center_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| PendingInvitation {
            id: i.id,
            email: i.email,
            role: staff_role(i.role),
            expires: display_instant(i.expires_at, DEFAULT_TIME_ZONE),
        })
        .collect();
    let can_invite = StaffRole::ALL
        .into_iter()
        .filter(|r| {
            crate::accounts::policy::allows(
                actor,
                Action::InviteMember {
                    center_id,
                    role: center_role(*r),
                },
            )
        })
        .collect();
    Ok(CenterStaffPage {
        center,
        members,
        invitations,
        can_invite,
        can_remove_members: crate::accounts::policy::allows(actor, Action::RemoveMember(center_id)),
        can_read_audit: crate::accounts::policy::allows(actor, Action::ReadCenterAudit(center_id)),
    })
}

/// Invites `email` to `center_id` in `role` and emails the link, in `locale`.
///
/// # Errors
/// [`DomainError::Unauthenticated`]; [`DomainError::Invalid`] (`role`, `email`,
/// `already_member`); [`DomainError::Forbidden`]; [`DomainError::Db`].
pub async fn invite(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    locale: Locale,
    actor: Option<&Actor>,
    center_id: i32,
    email: &str,
    role: &str,
) -> Result<(), DomainError> {
    let role = StaffRole::from_code(role).ok_or(FieldError::new("role", Rule::UnknownCode))?;
    let actor = authorize(
        actor,
        Action::InviteMember {
            center_id,
            role: center_role(role),
        },
    )?;
    let email = parse_email("email", email)?;
    let c = catalog::verified_center(db, center_id).await?;
    let attempt = throttle::take(
        db,
        now,
        &[
            (
                throttle::INVITE_PER_CENTER,
                &throttle::center_subject(center_id),
            ),
            (
                throttle::INVITE_PER_RECIPIENT,
                &throttle::account_subject(&email),
            ),
        ],
    )
    .await?;
    let txn = crate::db::begin_write(db).await?;
    throttle::settle(&txn, attempt, true).await?;
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .filter(user::Column::DeletedAt.is_null())
        .one(&txn)
        .await?;
    if let Some(u) = existing {
        let member = center_member::Entity::find()
            .filter(center_member::Column::CenterId.eq(center_id))
            .filter(center_member::Column::UserId.eq(u.id))
            .count(&txn)
            .await?;
        if member > 0 {
            return Err(DomainError::invalid("email", Rule::AlreadyMember));
        }
    }
    let token = new_token();
    let inv = invitation::ActiveModel {
        center_id: Set(center_id),
        email: Set(email.clone()),
        role: Set(center_role(role)),
        token_hash: Set(token_hash(&token)),
        invited_by: Set(actor.user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let inviter = user::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let center_name = LocalizedText::new(Some(c.name_fa.clone()), c.name_en.clone());
    outbox::enqueue(
        &txn,
        now,
        &email,
        locale,
        &Message::Invitation {
            center: center_name,
            role: role.code().to_owned(),
            inviter,
            token,
        },
    )
    .await?;
    audit::record(&txn, now, Change {
        actor_user_id: Some(actor.user_id),
        center_id: Some(center_id),
        action: "member.invite",
        object_type: "invitation",
        object_id: inv.id.to_string(),
        before: None,
        after: Some(json!({"email": email, "role": role.code(), "expires_at": inv.expires_at.to_rfc3339()})),
    })
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws a pending invitation.
///
/// # Errors
/// [`DomainError::Unauthenticated`], [`DomainError::Forbidden`]; [`DomainError::Db`].
pub async fn revoke_invitation(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    invitation_id: i32,
) -> Result<(), DomainError> {
    let inv = invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?;
    let (actor, inv) = authorize_change_of(actor, inv, |i| i.center_id, Action::RevokeInvitation)?;
    let center_id = inv.center_id;
    if inv.accepted_at.is_some() || inv.revoked_at.is_some() {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let mut row: invitation::ActiveModel = inv.clone().into();
    row.revoked_at = Set(Some(now));
    row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "member.revoke_invitation",
            object_type: "invitation",
            object_id: inv.id.to_string(),
            before: Some(json!({"email": inv.email, "role": staff_role(inv.role).code()})),
            after: Some(json!({"revoked": true})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a member (owners only); a center keeps at least one owner.
///
/// # Errors
/// [`DomainError::Unauthenticated`], [`DomainError::Forbidden`];
/// [`DomainError::Invalid`] (`last_owner`); [`DomainError::Db`].
pub async fn remove_member(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    member_id: i32,
) -> Result<(), DomainError> {
    let m = center_member::Entity::find_by_id(member_id).one(db).await?;
    let (actor, m) = authorize_change_of(actor, m, |m| m.center_id, Action::RemoveMember)?;
    let center_id = m.center_id;
    let txn = crate::db::begin_write(db).await?;
    if m.role == CenterRole::Owner
        && crate::accounts::policy::owner_count(&txn, center_id).await? <= 1
    {
        return Err(DomainError::invalid("member", Rule::LastOwner));
    }
    center_member::Entity::delete_by_id(m.id).exec(&txn).await?;
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: Some(actor.user_id),
            center_id: Some(center_id),
            action: "member.remove",
            object_type: "member",
            object_id: m.id.to_string(),
            before: Some(json!({"user_id": m.user_id, "role": staff_role(m.role).code()})),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn usable_invitation<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    token: &str,
) -> Result<(invitation::Model, bool), DomainError> {
    let inv = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .ok_or(FieldError::new("token", Rule::InvalidToken))?;
    let usable = inv.accepted_at.is_none() && inv.revoked_at.is_none() && inv.expires_at > now;
    Ok((inv, usable))
}

/// What an invitation link offers (anyone holding the token may see it).
///
/// # Errors
/// [`DomainError::Invalid`] (`token`, `invalid_token`); [`DomainError::Db`].
pub async fn invitation_preview(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    token: &str,
) -> Result<InvitationPreview, DomainError> {
    let (inv, usable) = usable_invitation(db, now, token).await?;
    let c = center::Entity::find_by_id(inv.center_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(InvitationPreview {
        center_name: LocalizedText::new(Some(c.name_fa), c.name_en),
        role: staff_role(inv.role),
        email: inv.email,
        usable,
    })
}

/// Accepts an invitation as the signed-in `actor`, whose email must be the
/// invited one. Returns the center's id.
///
/// # Errors
/// [`DomainError::Unauthenticated`]; [`DomainError::Invalid`] (`token`:
/// `invalid_token` or `other_account`); [`DomainError::Db`].
pub async fn accept_invitation(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<&Actor>,
    token: &str,
) -> Result<i32, DomainError> {
    let actor = authorize(actor, Action::AcceptInvitation)?;
    let txn = crate::db::begin_write(db).await?;
    let (inv, usable) = usable_invitation(&txn, now, token).await?;
    if !usable {
        return Err(DomainError::invalid("token", Rule::InvalidToken));
    }
    let me = user::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    if me.email != inv.email {
        return Err(DomainError::invalid("token", Rule::OtherAccount));
    }
    let existing = center_member::Entity::find()
        .filter(center_member::Column::CenterId.eq(inv.center_id))
        .filter(center_member::Column::UserId.eq(me.id))
        .one(&txn)
        .await?;
    let before = existing
        .as_ref()
        .map(|m| json!({"role": staff_role(m.role).code()}));
    let member = match existing {
        Some(m) if m.role <= inv.role => m,
        Some(m) => {
            let mut row: center_member::ActiveModel = m.into();
            row.role = Set(inv.role);
            row.update(&txn).await?
        }
        None => {
            center_member::ActiveModel {
                center_id: Set(inv.center_id),
                user_id: Set(me.id),
                role: Set(inv.role),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let center_id = inv.center_id;
    let mut row: invitation::ActiveModel = inv.clone().into();
    row.accepted_at = Set(Some(now));
    row.accepted_by = Set(Some(me.id));
    row.update(&txn).await?;
    audit::record(&txn, now, Change {
        actor_user_id: Some(me.id),
        center_id: Some(center_id),
        action: "member.accept_invitation",
        object_type: "member",
        object_id: member.id.to_string(),
        before,
        after: Some(json!({"user_id": me.id, "role": staff_role(member.role).code(), "invitation": inv.id})),
    })
    .await?;
    txn.commit().await?;
    Ok(center_id)
}

/// Page `page` (1-based; 0 reads as 1) of the audit log: a center's (its
/// owners and admins) or the platform's (admins), newest first.
///
/// # Errors
/// [`DomainError::Unauthenticated`], [`DomainError::NotFound`]; [`DomainError::Db`].
pub async fn audit_log(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    center_id: Option<i32>,
    page: u32,
) -> Result<AuditPage, DomainError> {
    match center_id {
        Some(c) => authorize(actor, Action::ReadCenterAudit(c))?,
        None => authorize(actor, Action::ReadPlatformAudit)?,
    };
    let page = page.max(1);
    let per_page = u64::from(AuditPage::PER_PAGE);
    Ok(AuditPage {
        entries: audit::list(db, center_id, u64::from(page - 1) * per_page, per_page).await?,
        page,
        total: audit::count(db, center_id).await?,
    })
}

/// Makes the account with `email` a member of the center with `slug` in
/// `role`, for an operator at the command line (e.g. a center's first
/// owner when it was imported rather than registered); audited with no
/// acting account. An existing membership gets the new role.
///
/// # Errors
/// `NotFound` for an unknown center or account; `Db`.
pub async fn add_member_by_operator(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    center_slug: &str,
    email: &str,
    role: StaffRole,
) -> Result<center_member::Model, DomainError> {
    let c = center::Entity::find()
        .filter(center::Column::Slug.eq(center_slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let email = email.trim().to_lowercase();
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    let existing = center_member::Entity::find()
        .filter(center_member::Column::CenterId.eq(c.id))
        .filter(center_member::Column::UserId.eq(u.id))
        .one(&txn)
        .await?;
    let before = existing
        .as_ref()
        .map(|m| json!({"role": staff_role(m.role).code()}));
    let member = match existing {
        Some(m) => {
            let mut row: center_member::ActiveModel = m.into();
            row.role = Set(center_role(role));
            row.update(&txn).await?
        }
        None => {
            center_member::ActiveModel {
                center_id: Set(c.id),
                user_id: Set(u.id),
                role: Set(center_role(role)),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(
        &txn,
        now,
        Change {
            actor_user_id: None,
            center_id: Some(c.id),
            action: "member.add_by_operator",
            object_type: "center_member",
            object_id: member.id.to_string(),
            before,
            after: Some(json!({"email": email, "role": role.code()})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(member)
}
