//! Server functions of centers and their staff: registration, the staff
//! page, invitations, removal, the admin queue and the audit logs. The
//! domain's policy decides each call.

use crate::error::AppError;
use leptos::prelude::*;
use nikoo_types::accounts::{AuditPage, CenterStaffPage, InvitationPreview, Region, StaffCenter};
#[cfg(feature = "ssr")]
use {
    super::{actor, failed, form_locale, go, notice_at, state},
    nikoo_domain::staff,
    nikoo_types::notices::Notice,
    nikoo_types::routes,
};

/// Provinces and their counties, for the registration form.
#[server(prefix = "/_sfn", endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<Region>, AppError> {
    let s = state()?;
    staff::regions(&s.db).await.map_err(failed)
}

/// The centers the caller works for.
#[server(prefix = "/_sfn", endpoint = "my_centers")]
pub async fn my_centers() -> Result<Vec<StaffCenter>, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    staff::my_centers(&s.db, a.as_ref()).await.map_err(failed)
}

/// Registers a center (pending until verified); the caller becomes its owner.
#[server(prefix = "/_sfn", endpoint = "register_center")]
pub async fn register_center(
    lang: String,
    #[server(flatten)] form: nikoo_types::accounts::CenterRegistration,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let c = staff::register_center(&s.db, s.clock.now(), a.as_ref(), form)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::center_staff(form_locale(&lang), c.id),
        Notice::CenterRegistered,
    ));
    Ok(())
}

/// A center's staff page.
#[server(prefix = "/_sfn", endpoint = "center_staff")]
pub async fn center_staff(center_id: i32) -> Result<CenterStaffPage, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    staff::staff_page(&s.db, s.clock.now(), a.as_ref(), center_id)
        .await
        .map_err(failed)
}

/// Invites someone by email to the center in a role.
#[server(prefix = "/_sfn", endpoint = "invite_member")]
pub async fn invite_member(
    lang: String,
    center_id: i32,
    email: String,
    role: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let locale = form_locale(&lang);
    staff::invite(
        &s.db,
        s.clock.now(),
        locale,
        a.as_ref(),
        center_id,
        &email,
        &role,
    )
    .await
    .map_err(failed)?;
    go(&notice_at(
        routes::center_staff(locale, center_id),
        Notice::Invited,
    ));
    Ok(())
}

/// Withdraws a pending invitation.
#[server(prefix = "/_sfn", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(
    lang: String,
    center_id: i32,
    invitation_id: i32,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    staff::revoke_invitation(&s.db, s.clock.now(), a.as_ref(), invitation_id)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::center_staff(form_locale(&lang), center_id),
        Notice::InvitationRevoked,
    ));
    Ok(())
}

/// Removes a member from the center.
#[server(prefix = "/_sfn", endpoint = "remove_member")]
pub async fn remove_member(lang: String, center_id: i32, member_id: i32) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    staff::remove_member(&s.db, s.clock.now(), a.as_ref(), member_id)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::center_staff(form_locale(&lang), center_id),
        Notice::MemberRemoved,
    ));
    Ok(())
}

/// What an invitation link offers.
#[server(prefix = "/_sfn", endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationPreview, AppError> {
    let s = state()?;
    staff::invitation_preview(&s.db, s.clock.now(), &token)
        .await
        .map_err(failed)
}

/// Accepts an invitation as the signed-in account.
#[server(prefix = "/_sfn", endpoint = "accept_invitation")]
pub async fn accept_invitation(lang: String, token: String) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let center_id = staff::accept_invitation(&s.db, s.clock.now(), a.as_ref(), &token)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::center_staff(form_locale(&lang), center_id),
        Notice::InvitationAccepted,
    ));
    Ok(())
}

/// Every center, pending first (platform admins).
#[server(prefix = "/_sfn", endpoint = "center_queue")]
pub async fn center_queue() -> Result<Vec<StaffCenter>, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    staff::center_queue(&s.db, a.as_ref()).await.map_err(failed)
}

/// Verifies (or reinstates) or suspends a center (platform admins); `change` is `verify` or `suspend`.
#[server(prefix = "/_sfn", endpoint = "center_standing")]
pub async fn change_center_standing(
    lang: String,
    center_id: i32,
    change: String,
) -> Result<(), AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    let change = match change.as_str() {
        "verify" => staff::StandingChange::Verify,
        "suspend" => staff::StandingChange::Suspend,
        _ => {
            return Err(failed(AppError::Invalid(
                nikoo_types::outcome::FieldError::new(
                    "change",
                    nikoo_types::outcome::Rule::UnknownCode,
                ),
            )))
        }
    };
    staff::change_standing(&s.db, s.clock.now(), a.as_ref(), center_id, change)
        .await
        .map_err(failed)?;
    go(&notice_at(
        routes::admin_centers(form_locale(&lang)),
        Notice::StandingChanged,
    ));
    Ok(())
}

/// The audit log: one center's (its owners, admins) or the platform's (admins).
#[server(prefix = "/_sfn", endpoint = "audit_log")]
pub async fn audit_log(center_id: Option<i32>, page: Option<u32>) -> Result<AuditPage, AppError> {
    let s = state()?;
    let a = actor(&s).await?;
    staff::audit_log(&s.db, a.as_ref(), center_id, page.unwrap_or(1))
        .await
        .map_err(failed)
}
