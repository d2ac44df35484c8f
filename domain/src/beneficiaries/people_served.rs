//! People served, as the public sees them (ARCHITECTURE.md invariant 5): for
//! every need, program, center and the platform, the households linked to
//! its needs (each counted once) and the people in them, after the
//! small-cell rule (`nikoo_types::suppression`).
//!
//! The counts form a tree — needs in a program, programs in a center,
//! centers on the platform — and each level is published with the one
//! above it, so each parent and its children are suppressed as one table;
//! a count hidden in one table is hidden in every other it appears in, and
//! the tables are suppressed again until nothing changes. People are
//! hidden wherever households are (the people of one household would name
//! its size), and suppressed by the same rule on their own.

use crate::catalog::visible_programs;
use crate::entities::{beneficiary, need, need_beneficiary};
use crate::error::DomainError;
use nikoo_types::counts::PublicCount;
use nikoo_types::suppression::suppress_table;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Households and people of one published count.
pub use nikoo_types::counts::Served;

/// Which level of the tree a count is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Node {
    Need(i32),
    Program(i32),
    Center(i32),
    Platform,
}

/// The published counts of every public need, program and center, and of
/// the platform.
#[derive(Debug, Clone, Default)]
pub struct ServedCounts {
    counts: HashMap<Node, Served>,
}

impl ServedCounts {
    fn get(&self, node: Node) -> Served {
        self.counts.get(&node).copied().unwrap_or(Served::NONE)
    }

    /// A need's count.
    pub fn need(&self, id: i32) -> Served {
        self.get(Node::Need(id))
    }

    /// A program's count (its needs' households, each once).
    pub fn program(&self, id: i32) -> Served {
        self.get(Node::Program(id))
    }

    /// A center's count (its public programs', each household once).
    pub fn center(&self, id: i32) -> Served {
        self.get(Node::Center(id))
    }

    /// The platform's count.
    pub fn platform(&self) -> Served {
        self.get(Node::Platform)
    }
}

/// One measure (households or people) of every node, with the tree.
struct Measure {
    value: HashMap<Node, u64>,
    hidden: BTreeSet<Node>,
}

/// Suppresses every table of the tree (`children` of each parent) until
/// no more cells are hidden.
fn settle(m: &mut Measure, tables: &BTreeMap<Node, Vec<Node>>) {
    loop {
        let before = m.hidden.len();
        for (parent, children) in tables {
            let parts: Vec<u64> = children.iter().map(|c| m.value[c]).collect();
            let pre: Vec<bool> = children.iter().map(|c| m.hidden.contains(c)).collect();
            let (cells, total) =
                suppress_table(&parts, m.value[parent], &pre, m.hidden.contains(parent));
            for (c, cell) in children.iter().zip(cells) {
                if cell.is_hidden() {
                    m.hidden.insert(*c);
                }
            }
            if total.is_hidden() {
                m.hidden.insert(*parent);
            }
        }
        if m.hidden.len() == before {
            return;
        }
    }
}

fn cell(value: u64, hidden: bool) -> PublicCount {
    match (hidden, PublicCount::primary(value)) {
        (false, _) => PublicCount::Exact(value),
        (true, PublicCount::FewerThan10) => PublicCount::FewerThan10,
        (true, _) => PublicCount::Suppressed,
    }
}

/// The published counts of the public programs' needs and everything above them.
///
/// # Errors
/// `Db`.
pub async fn compute<C: ConnectionTrait>(db: &C) -> Result<ServedCounts, DomainError> {
    let programs = visible_programs().all(db).await?;
    let program_center: HashMap<i32, i32> = programs.iter().map(|p| (p.id, p.center_id)).collect();
    let needs = need::Entity::find()
        .filter(need::Column::ProgramId.is_in(program_center.keys().copied()))
        .all(db)
        .await?;
    let links = need_beneficiary::Entity::find()
        .filter(need_beneficiary::Column::NeedId.is_in(needs.iter().map(|n| n.id)))
        .all(db)
        .await?;
    let sizes: HashMap<i32, u64> = beneficiary::Entity::find()
        .filter(beneficiary::Column::Id.is_in(links.iter().map(|l| l.beneficiary_id)))
        .filter(beneficiary::Column::Status.eq("active"))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, u64::try_from(b.household_size).unwrap_or(0)))
        .collect();

    // Who each node serves, and the tree's tables.
    let mut served: BTreeMap<Node, BTreeSet<i32>> = BTreeMap::new();
    let mut tables: BTreeMap<Node, Vec<Node>> = BTreeMap::new();
    served.entry(Node::Platform).or_default();
    for p in &programs {
        let (pn, cn) = (Node::Program(p.id), Node::Center(p.center_id));
        served.entry(pn).or_default();
        served.entry(cn).or_default();
        tables.entry(cn).or_default().push(pn);
        if !tables.entry(Node::Platform).or_default().contains(&cn) {
            tables.entry(Node::Platform).or_default().push(cn);
        }
    }
    for n in &needs {
        served.entry(Node::Need(n.id)).or_default();
        tables
            .entry(Node::Program(n.program_id))
            .or_default()
            .push(Node::Need(n.id));
    }
    let need_program: HashMap<i32, i32> = needs.iter().map(|n| (n.id, n.program_id)).collect();
    for l in links
        .iter()
        .filter(|l| sizes.contains_key(&l.beneficiary_id))
    {
        let Some(&program_id) = need_program.get(&l.need_id) else {
            continue;
        };
        let center_id = program_center[&program_id];
        for node in [
            Node::Need(l.need_id),
            Node::Program(program_id),
            Node::Center(center_id),
            Node::Platform,
        ] {
            served.entry(node).or_default().insert(l.beneficiary_id);
        }
    }

    let mut households = Measure {
        value: served.iter().map(|(n, s)| (*n, s.len() as u64)).collect(),
        hidden: BTreeSet::new(),
    };
    settle(&mut households, &tables);
    let mut people = Measure {
        value: served
            .iter()
            .map(|(n, s)| (*n, s.iter().map(|b| sizes[b]).sum()))
            .collect(),
        hidden: households.hidden.clone(),
    };
    settle(&mut people, &tables);
    Ok(ServedCounts {
        counts: served
            .keys()
            .map(|n| {
                (
                    *n,
                    Served {
                        households: cell(households.value[n], households.hidden.contains(n)),
                        people: cell(people.value[n], people.hidden.contains(n)),
                    },
                )
            })
            .collect(),
    })
}
