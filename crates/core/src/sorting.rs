//! Sorting short lists (optimizers, compared entries, race rows, a colour bar's round values:
//! at most hundreds): one small insertion sort, where each instance of `slice::sort_by` costs
//! the first WebAssembly module kilobytes (docs/performance.md, "What the first module
//! holds").

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stable (equal items keep their order): an insertion sort, for
/// lists of tens of items; long ones take `slice::sort_by`.
pub fn sort_short_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for end in 1..items.len() {
        let mut i = end;
        while i > 0 && compare(&items[i - 1], &items[i]) == Ordering::Greater {
            items.swap(i - 1, i);
            i -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pairs sorted by their first item: the second shows that ties keep their order.
        let mut state = 7u32;
        for len in [0, 1, 2, 3, 10, 57] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((state >> 16) % 5, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_short_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = items;
            theirs.sort_by_key(|a| a.0);
            assert_eq!(ours, theirs, "{len} items");
        }
    }
}
