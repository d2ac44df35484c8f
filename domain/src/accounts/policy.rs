//! The one authorization policy: every private read and every change is
//! decided here, per object. Pages, server functions and the API only ask.
//!
//! Outcomes (issue 3): an anonymous caller must sign in
//! ([`DomainError::Unauthenticated`]); a signed-in caller asking to read
//! what they may not see is told it does not exist ([`DomainError::NotFound`]);
//! a refused change is [`DomainError::Forbidden`]. The README's role × action
//! table is this module in words.

use crate::entities::{center_member, codes::CenterRole};
use crate::DomainError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::BTreeMap;

/// A signed-in account with everything the policy looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i32,
    pub platform_admin: bool,
    pub volunteer: bool,
    /// The account's donor record, whose gifts are the account's own.
    pub donor_id: Option<i32>,
    /// The account's role at each center it works for, by center id.
    pub roles: BTreeMap<i32, CenterRole>,
}

impl Actor {
    /// The actor of account `user_id`, or `None` when it does not exist or was deleted.
    ///
    /// # Errors
    /// [`DomainError::Db`].
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        user_id: i32,
    ) -> Result<Option<Actor>, DomainError> {
        let Some(u) = crate::accounts::users::find(db, user_id).await? else {
            return Ok(None);
        };
        let roles = center_member::Entity::find()
            .filter(center_member::Column::UserId.eq(user_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.center_id, m.role))
            .collect();
        Ok(Some(Actor {
            user_id: u.id,
            platform_admin: u.platform_admin,
            volunteer: u.volunteer,
            donor_id: u.donor_id,
            roles,
        }))
    }

    /// The actor's role at `center_id`.
    pub fn role_at(&self, center_id: i32) -> Option<CenterRole> {
        self.roles.get(&center_id).copied()
    }
}

/// Something a caller asks to do. Center-scoped actions name their center.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See one's own account page, centers and invitations.
    ReadOwnAccount,
    /// Change one's own profile or password, or delete the account.
    ChangeOwnAccount,
    /// Register a new center (it starts pending).
    RegisterCenter,
    /// Accept an invitation addressed to one's own email.
    AcceptInvitation,
    /// See a center's staff page (members, invitations, standing).
    ReadCenterStaff(i32),
    /// Invite someone to a center in a role.
    InviteMember { center_id: i32, role: CenterRole },
    /// Withdraw a pending invitation of a center.
    RevokeInvitation(i32),
    /// Remove a member from a center.
    RemoveMember(i32),
    /// See a center's audit log.
    ReadCenterAudit(i32),
    /// See the queue of centers awaiting verification, and all centers.
    ReadCenterQueue,
    /// Verify (or reinstate) a center.
    VerifyCenter,
    /// Suspend a center: its public pages go away, its data stays.
    SuspendCenter,
    /// See the whole platform's audit log.
    ReadPlatformAudit,
    /// See the gifts a center received (with the names the center may see).
    ReadCenterGifts(i32),
    /// Record a cash or bank-transfer gift a center received.
    RecordGift(i32),
    /// Refund (part of) a card gift a center received, through the provider.
    RefundGift(i32),
    /// Reverse a cash or bank-transfer gift, or goods received, recorded
    /// by mistake (with a reason): a center's owners and managers.
    CorrectGift(i32),
    /// Cancel a pledge to one of a center's programs (with a reason; the
    /// donor is told): the center's owners, or a platform admin.
    CancelPledge(i32),
    /// Pledge support from a center to another center's program.
    PledgeForCenter(i32),
    /// See one donation's receipt: the receiving center's staff, platform
    /// admins, or the donor of record (`donor_id`, when the gift has one).
    ReadReceipt {
        center_id: i32,
        donor_id: Option<i32>,
    },
    /// See a center's programs and needs in the workspace (drafts included).
    ReadCenterPrograms(i32),
    /// Create, edit, publish, pause, complete or archive a center's
    /// programs, and add, edit, close or reopen their needs.
    ManagePrograms(i32),
    /// See a center's private uploads (receipts, photos not made public).
    ReadUploads(i32),
    /// Record money spent from a program's fund (a disbursement).
    RecordSpending(i32),
    /// Record goods handed to beneficiaries (an in-kind delivery).
    RecordDelivery(i32),
    /// See a center's beneficiaries by code (nothing personal): its staff only.
    ReadBeneficiaries(i32),
    /// Open a beneficiary's personal details (audited): the center's owners and managers.
    ReadBeneficiaryDetails(i32),
    /// Record, change or link a center's beneficiaries: its owners and managers.
    ManageBeneficiaries(i32),
    /// See a center's imports: its staff.
    ReadImports(i32),
}

impl Action {
    /// Whether the action changes something (refusals are 403) or only reads (404).
    pub fn is_change(self) -> bool {
        !matches!(
            self,
            Action::ReadOwnAccount
                | Action::ReadCenterStaff(_)
                | Action::ReadCenterAudit(_)
                | Action::ReadCenterQueue
                | Action::ReadPlatformAudit
                | Action::ReadCenterGifts(_)
                | Action::ReadReceipt { .. }
                | Action::ReadCenterPrograms(_)
                | Action::ReadUploads(_)
                | Action::ReadBeneficiaries(_)
                | Action::ReadBeneficiaryDetails(_)
                | Action::ReadImports(_)
        )
    }
}

/// Whether `actor` may do `action`, before the outcome is mapped to an error.
pub fn allows(actor: &Actor, action: Action) -> bool {
    use CenterRole::{Coordinator, Manager, Owner};
    match action {
        Action::ReadOwnAccount
        | Action::ChangeOwnAccount
        | Action::RegisterCenter
        | Action::AcceptInvitation => true,
        Action::ReadCenterStaff(c) => actor.role_at(c).is_some() || actor.platform_admin,
        Action::InviteMember { center_id, role } => match actor.role_at(center_id) {
            Some(Owner) => true,
            Some(Manager) => role == Coordinator,
            _ => false,
        },
        Action::RevokeInvitation(c) => matches!(actor.role_at(c), Some(Owner | Manager)),
        Action::RemoveMember(c) => actor.role_at(c) == Some(Owner),
        Action::ReadCenterAudit(c) => actor.role_at(c) == Some(Owner) || actor.platform_admin,
        Action::ReadCenterQueue
        | Action::VerifyCenter
        | Action::SuspendCenter
        | Action::ReadPlatformAudit => actor.platform_admin,
        Action::ReadCenterGifts(c) | Action::ReadCenterPrograms(c) | Action::ReadUploads(c) => {
            actor.role_at(c).is_some() || actor.platform_admin
        }
        Action::RecordGift(c)
        | Action::RecordDelivery(c)
        | Action::ReadBeneficiaries(c)
        | Action::ReadImports(c) => actor.role_at(c).is_some(),
        Action::CancelPledge(c) => actor.role_at(c) == Some(Owner) || actor.platform_admin,
        Action::RefundGift(c)
        | Action::CorrectGift(c)
        | Action::PledgeForCenter(c)
        | Action::ManagePrograms(c)
        | Action::RecordSpending(c)
        | Action::ReadBeneficiaryDetails(c)
        | Action::ManageBeneficiaries(c) => {
            matches!(actor.role_at(c), Some(Owner | Manager))
        }
        Action::ReadReceipt {
            center_id,
            donor_id,
        } => {
            actor.role_at(center_id).is_some()
                || actor.platform_admin
                || (donor_id.is_some() && actor.donor_id == donor_id)
        }
    }
}

/// Decides `action` for `actor` (`None`: anonymous).
///
/// # Errors
/// [`DomainError::Unauthenticated`] for an anonymous caller,
/// [`DomainError::NotFound`] for a refused read, [`DomainError::Forbidden`]
/// for a refused change.
pub fn authorize(actor: Option<&Actor>, action: Action) -> Result<&Actor, DomainError> {
    let actor = actor.ok_or(DomainError::Unauthenticated)?;
    if allows(actor, action) {
        Ok(actor)
    } else if action.is_change() {
        Err(DomainError::Forbidden)
    } else {
        Err(DomainError::NotFound)
    }
}

/// Decides a change to an object of a center, looked up by id: `object`
/// is `None` when no such object exists, and that is refused exactly like
/// another center's object, so an id reveals nothing.
///
/// # Errors
/// As [`authorize`]; [`DomainError::Forbidden`] for a missing object.
pub fn authorize_change_of<T>(
    actor: Option<&Actor>,
    object: Option<T>,
    center_of: impl Fn(&T) -> i32,
    action: impl Fn(i32) -> Action,
) -> Result<(&Actor, T), DomainError> {
    // Center ids start at 1, so 0 is no one's center.
    let center_id = object.as_ref().map_or(0, &center_of);
    let actor = authorize(actor, action(center_id))?;
    Ok((actor, object.ok_or(DomainError::Forbidden)?))
}

/// How many owners `center_id` has (a center keeps at least one).
///
/// # Errors
/// [`DomainError::Db`].
pub async fn owner_count<C: ConnectionTrait>(db: &C, center_id: i32) -> Result<u64, DomainError> {
    Ok(center_member::Entity::find()
        .filter(center_member::Column::CenterId.eq(center_id))
        .filter(center_member::Column::Role.eq(CenterRole::Owner))
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(admin: bool, roles: &[(i32, CenterRole)]) -> Actor {
        Actor {
            user_id: 1,
            platform_admin: admin,
            volunteer: false,
            donor_id: None,
            roles: roles.iter().copied().collect(),
        }
    }

    #[test]
    fn a_coordinator_of_one_center_can_do_nothing_at_another() {
        let a = actor(false, &[(1, CenterRole::Coordinator)]);
        assert!(authorize(Some(&a), Action::ReadCenterStaff(1)).is_ok());
        assert!(matches!(
            authorize(Some(&a), Action::ReadCenterStaff(2)),
            Err(DomainError::NotFound)
        ));
        assert!(matches!(
            authorize(Some(&a), Action::RemoveMember(2)),
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            authorize(
                Some(&a),
                Action::InviteMember {
                    center_id: 1,
                    role: CenterRole::Coordinator
                }
            ),
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            authorize(None, Action::ReadCenterStaff(1)),
            Err(DomainError::Unauthenticated)
        ));
    }

    #[test]
    fn managers_invite_coordinators_owners_invite_anyone() {
        let m = actor(false, &[(1, CenterRole::Manager)]);
        let o = actor(false, &[(1, CenterRole::Owner)]);
        for role in [
            CenterRole::Owner,
            CenterRole::Manager,
            CenterRole::Coordinator,
        ] {
            let invite = Action::InviteMember { center_id: 1, role };
            assert_eq!(allows(&m, invite), role == CenterRole::Coordinator);
            assert!(allows(&o, invite));
        }
        assert!(!allows(&m, Action::ReadCenterAudit(1)));
        assert!(allows(&o, Action::ReadCenterAudit(1)));
        assert!(!allows(&o, Action::VerifyCenter));
        assert!(allows(&actor(true, &[]), Action::VerifyCenter));
        assert!(
            !allows(&actor(true, &[]), Action::RemoveMember(1)),
            "admins do not run centers"
        );
    }

    #[test]
    fn a_receipt_is_for_the_receiving_center_and_the_donor_of_record() {
        let receipt = |donor_id| Action::ReadReceipt {
            center_id: 1,
            donor_id,
        };
        let donor = Actor {
            donor_id: Some(7),
            ..actor(false, &[])
        };
        assert!(allows(&donor, receipt(Some(7))));
        assert!(!allows(&donor, receipt(Some(8))));
        assert!(
            !allows(&actor(false, &[]), receipt(None)),
            "no donor of record"
        );
        assert!(allows(
            &actor(false, &[(1, CenterRole::Coordinator)]),
            receipt(None)
        ));
        assert!(!allows(
            &actor(false, &[(2, CenterRole::Owner)]),
            receipt(Some(7))
        ));
        assert!(allows(&actor(true, &[]), receipt(Some(7))));
        assert!(matches!(
            authorize(Some(&donor), receipt(Some(8))),
            Err(DomainError::NotFound)
        ));
    }
}
