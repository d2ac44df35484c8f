//! Fixture builders: the demo's records a test starts from, and staff
//! accounts, so that every module asks for them the same way.
//!
//! ```ignore
//! let eur = OpenNeed::money("EUR").find(&db).await;          // any center
//! let irr = OpenNeed::money("IRR").of_center(c.id).find(&db).await;
//! let items = OpenNeed::in_kind().find(&db).await;
//! let manager = fixtures::staff(&app, "m@t.example", c.id, CenterRole::Manager).await;
//! ```

use super::browser::{account, member};
use super::TestApp;
use nikoo_domain::accounts::policy::Actor;
use nikoo_domain::entities::codes::{CenterRole, GiftKind, NeedStatus, ProgramStatus};
use nikoo_domain::entities::{center, need, program};
use nikoo_domain::sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

/// An open need of a public, active program (the demo's), with its
/// program and center: the one a donor can give or pledge to.
pub struct Found {
    pub need: need::Model,
    pub program: program::Model,
    pub center: center::Model,
}

/// What [`Found`] a test asks for: a money need in one currency or an
/// in-kind need, optionally of one center. The first such need by id is
/// taken, so a test gets the same one on both databases.
pub struct OpenNeed {
    kind: GiftKind,
    currency: Option<&'static str>,
    center_id: Option<i32>,
}

impl OpenNeed {
    /// A money need in `currency` (ISO 4217: `"EUR"`, `"IRR"`).
    pub fn money(currency: &'static str) -> OpenNeed {
        OpenNeed {
            kind: GiftKind::Money,
            currency: Some(currency),
            center_id: None,
        }
    }

    /// An in-kind need (an item counted in its unit).
    pub fn in_kind() -> OpenNeed {
        OpenNeed {
            kind: GiftKind::InKind,
            currency: None,
            center_id: None,
        }
    }

    /// Only needs of center `center_id`'s programs.
    pub fn of_center(self, center_id: i32) -> OpenNeed {
        OpenNeed {
            center_id: Some(center_id),
            ..self
        }
    }

    /// The first matching need; panics when the demo has none.
    pub async fn find(self, db: &DatabaseConnection) -> Found {
        let mut needs = need::Entity::find()
            .filter(need::Column::Kind.eq(self.kind))
            .filter(need::Column::Status.eq(NeedStatus::Open));
        if let Some(currency) = self.currency {
            needs = needs.filter(need::Column::Currency.eq(currency));
        }
        for n in needs.order_by_asc(need::Column::Id).all(db).await.unwrap() {
            let mut programs = nikoo_domain::catalog::visible_programs()
                .filter(program::Column::Id.eq(n.program_id))
                .filter(program::Column::Status.eq(ProgramStatus::Active));
            if let Some(center_id) = self.center_id {
                programs = programs.filter(program::Column::CenterId.eq(center_id));
            }
            if let Some(p) = programs.one(db).await.unwrap() {
                let c = center::Entity::find_by_id(p.center_id)
                    .one(db)
                    .await
                    .unwrap()
                    .unwrap();
                return Found {
                    need: n,
                    program: p,
                    center: c,
                };
            }
        }
        panic!(
            "the demo has an open {:?} need ({:?}, center {:?}) of a public program",
            self.kind, self.currency, self.center_id
        );
    }
}

/// The demo's first two centers, by id.
pub async fn two_centers(db: &DatabaseConnection) -> (center::Model, center::Model) {
    let c = center::Entity::find()
        .order_by_asc(center::Column::Id)
        .all(db)
        .await
        .unwrap();
    (c[0].clone(), c[1].clone())
}

/// A new account with `email` holding `role` at center `center_id`, as the
/// policy loads it.
pub async fn staff(app: &TestApp, email: &str, center_id: i32, role: CenterRole) -> Actor {
    let u = account(app, email, false).await;
    member(app, center_id, u.id, role).await;
    Actor::load(&app.db, u.id).await.unwrap().unwrap()
}
