//! Small-cell suppression of published counts of people (ARCHITECTURE.md
//! invariant 5), after CDC WONDER's rule: a count from 1 to 9 is shown as
//! "fewer than 10" (primary suppression); where a total and its parts are
//! published together, further cells are hidden (secondary, or
//! complementary, suppression) until no hidden count can be worked out
//! exactly by subtracting the shown ones from the total.
//!
//! What an onlooker knows of a hidden cell: "fewer than 10" means 1–9;
//! "suppressed" means 0 or 10 and up (it would read "fewer than 10"
//! otherwise). A table is checked by working out, for each hidden part,
//! every value it could take given the total and what the other hidden
//! parts could be (a subset-sum over the hidden total); a part with one
//! possible value is exposed, and the smallest shown part is hidden next,
//! or the total when none is left. Tables whose parts overlap (one
//! household served by two needs) do not add up to their total, so nothing
//! can be subtracted; they are checked as if they did, which can only hide more.

use crate::counts::{PublicCount, SMALLEST_SHOWN};

/// What an onlooker may assume of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Shown(u64),
    /// 1–9.
    Small,
    /// 0, or 10 and more.
    NotSmall,
}

fn known(value: u64, hidden: bool) -> Known {
    match (hidden, (1..SMALLEST_SHOWN).contains(&value)) {
        (false, _) => Known::Shown(value),
        (true, true) => Known::Small,
        (true, false) => Known::NotSmall,
    }
}

/// Whether `v` fits what is known of a hidden cell.
fn fits(k: Known, v: u64) -> bool {
    match k {
        Known::Shown(x) => v == x,
        Known::Small => (1..SMALLEST_SHOWN).contains(&v),
        Known::NotSmall => v == 0 || v >= SMALLEST_SHOWN,
    }
}

/// `reach[s]`: some values of `cells` (each fitting what is known of it)
/// add up to `s`, for `s` in `0..=limit`. Each cell's values are a range
/// (1–9) or a point and a range (0, and 10 up), so a step costs O(limit).
fn reachable(cells: &[Known], limit: usize) -> Vec<bool> {
    let mut reach = vec![false; limit + 1];
    reach[0] = true;
    let small = usize::try_from(SMALLEST_SHOWN).unwrap_or(10);
    for &k in cells {
        let mut next = vec![false; limit + 1];
        match k {
            Known::Shown(x) => {
                let x = usize::try_from(x).unwrap_or(usize::MAX);
                if x <= limit {
                    next[x..=limit].copy_from_slice(&reach[..=limit - x]);
                }
            }
            Known::Small => {
                for (s, n) in next.iter_mut().enumerate() {
                    *n = (1..small).any(|v| s >= v && reach[s - v]);
                }
            }
            Known::NotSmall => {
                // next[s] = reach[s] (value 0) or reach[t] for some t ≤ s − 10.
                let mut any_below = false;
                for s in 0..=limit {
                    if s >= small {
                        any_below |= reach[s - small];
                    }
                    next[s] = reach[s] || any_below;
                }
            }
        }
        reach = next;
    }
    reach
}

/// Whether some hidden part of a table can be worked out exactly from the
/// shown parts and the shown total.
fn exposed(values: &[u64], hidden: &[bool], total: u64) -> bool {
    let shown: u64 = values
        .iter()
        .zip(hidden)
        .filter(|(_, h)| !**h)
        .map(|(v, _)| *v)
        .sum();
    let Some(rest) = total.checked_sub(shown) else {
        // More shown than the total: the parts overlap; nothing adds up.
        return false;
    };
    let Ok(limit) = usize::try_from(rest) else {
        return false;
    };
    let cells: Vec<(usize, Known)> = values
        .iter()
        .zip(hidden)
        .enumerate()
        .filter(|(_, (_, h))| **h)
        .map(|(i, (v, h))| (i, known(*v, *h)))
        .collect();
    cells.iter().any(|&(i, k)| {
        let others: Vec<Known> = cells
            .iter()
            .filter(|(j, _)| *j != i)
            .map(|(_, k)| *k)
            .collect();
        let reach = reachable(&others, limit);
        let possible = (0..=limit)
            .filter(|v| fits(k, *v as u64) && reach[limit - v])
            .take(2)
            .count();
        possible < 2
    })
}

/// The published form of a table of `parts` and their `total`: primary
/// suppression, cells already hidden elsewhere (`hidden_parts`,
/// `hidden_total`: a count hidden on one page stays hidden on every other),
/// then secondary suppression until no hidden part is exposed.
pub fn suppress_table(
    parts: &[u64],
    total: u64,
    hidden_parts: &[bool],
    hidden_total: bool,
) -> (Vec<PublicCount>, PublicCount) {
    let primary = |v: u64| (1..SMALLEST_SHOWN).contains(&v);
    let mut hidden: Vec<bool> = parts
        .iter()
        .enumerate()
        .map(|(i, v)| primary(*v) || hidden_parts.get(i).copied().unwrap_or(false))
        .collect();
    let mut total_hidden = hidden_total || primary(total);
    while !total_hidden && hidden.iter().any(|h| *h) && exposed(parts, &hidden, total) {
        // Hide the smallest shown part that is not zero (a zero hides nothing).
        let next = parts
            .iter()
            .enumerate()
            .filter(|(i, v)| !hidden[*i] && **v > 0)
            .min_by_key(|(_, v)| **v)
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => total_hidden = true,
        }
    }
    let cell = |v: u64, h: bool| match (h, primary(v)) {
        (false, _) => PublicCount::Exact(v),
        (true, true) => PublicCount::FewerThan10,
        (true, false) => PublicCount::Suppressed,
    };
    (
        parts
            .iter()
            .zip(&hidden)
            .map(|(v, h)| cell(*v, *h))
            .collect(),
        cell(total, total_hidden),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use PublicCount::{Exact, FewerThan10, Suppressed};

    fn table(parts: &[u64], total: u64) -> (Vec<PublicCount>, PublicCount) {
        suppress_table(parts, total, &[], false)
    }

    /// Every value a hidden part could take, as an onlooker sees the table.
    fn candidates(parts: &[u64], shown: &(Vec<PublicCount>, PublicCount), i: usize) -> Vec<u64> {
        let PublicCount::Exact(total) = shown.1 else {
            return vec![];
        };
        (0..=total)
            .filter(|x| {
                // Is there an assignment of the hidden cells with part i = x?
                let cells: Vec<Known> = shown
                    .0
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(j, c)| match c {
                        Exact(v) => Known::Shown(*v),
                        _ => known(parts[j], true),
                    })
                    .collect();
                let own = known(parts[i], true);
                fits(own, *x)
                    && total >= *x
                    && reachable(&cells, (total - x) as usize)[(total - x) as usize]
            })
            .collect()
    }

    #[test]
    fn one_to_nine_read_fewer_than_ten() {
        assert_eq!(table(&[], 0).1, Exact(0));
        assert_eq!(table(&[0, 12], 12).0, vec![Exact(0), Exact(12)]);
        assert_eq!(table(&[3], 3), (vec![FewerThan10], FewerThan10));
    }

    #[test]
    fn a_lone_hidden_part_takes_another_with_it() {
        // 40 = 4 + 36: hiding 4 alone, 40 - 36 gives it away.
        let (parts, total) = table(&[4, 36], 40);
        assert_eq!(total, Exact(40));
        assert_eq!(parts, vec![FewerThan10, Suppressed]);
        // 50 = 5 + 12 + 33: the smallest shown part (12) is hidden with 5.
        let shown = table(&[5, 12, 33], 50);
        assert_eq!(shown.0, vec![FewerThan10, Suppressed, Exact(33)]);
        assert!(candidates(&[5, 12, 33], &shown, 0).len() > 1);
    }

    #[test]
    fn no_hidden_part_is_pinned_by_its_bounds() {
        // 1 + 10 = 11 shown as a total: "fewer than 10" + "0 or ≥10" = 11
        // pins the first at 1 (the second cannot be 11 − 9 = 2…9): more must go.
        let shown = table(&[1, 10, 25], 36);
        for i in 0..3 {
            if shown.0[i].is_hidden() {
                assert!(
                    candidates(&[1, 10, 25], &shown, i).len() > 1,
                    "part {i} pinned in {shown:?}"
                );
            }
        }
        // 9 + 9 = 18 with two "fewer than 10": both pinned at 9.
        let shown = table(&[9, 9, 30], 48);
        for i in 0..3 {
            if shown.0[i].is_hidden() {
                assert!(candidates(&[9, 9, 30], &shown, i).len() > 1, "{shown:?}");
            }
        }
    }

    #[test]
    fn when_nothing_else_can_hide_it_the_total_goes() {
        // 3 + 0 + 0 = 3... a total of 3 is hidden by the primary rule anyway;
        // 15 = 5 + 0 + 10: hiding 10 too leaves 5 + ? = 15 with ? ∈ {10}… so
        // the total is hidden as well when the parts cannot protect it.
        let shown = table(&[5, 0, 10], 15);
        let pinned =
            (0..3).any(|i| shown.0[i].is_hidden() && candidates(&[5, 0, 10], &shown, i).len() < 2);
        assert!(!pinned, "{shown:?}");
    }

    #[test]
    fn a_cell_hidden_elsewhere_stays_hidden() {
        let (parts, total) = suppress_table(&[20, 30], 50, &[true, false], false);
        assert_eq!(parts[0], Suppressed);
        assert!(
            parts[1].is_hidden() || total.is_hidden(),
            "{parts:?} {total:?}"
        );
        let (_, total) = suppress_table(&[20, 30], 50, &[], true);
        assert_eq!(total, Suppressed);
    }

    #[test]
    fn overlapping_parts_are_left_as_they_are() {
        // Two needs serving mostly the same 12 households.
        let (parts, total) = table(&[12, 11], 12);
        assert_eq!((parts, total), (vec![Exact(12), Exact(11)], Exact(12)));
    }
}
