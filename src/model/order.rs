//! Sorting the page's few short lists. The standard library's sorts are
//! made for any length and are several kilobytes of code for each type
//! sorted, which the page's first load pays for; the lists sorted here are
//! short or already nearly in order, where an insertion sort is as quick.

/// Sorts `items` in place, equal items in the order they came (as the
/// standard library's `sort` does): an insertion sort, linear on input
/// already in order (a list's error lines come in line order).
pub fn sort_small<T: Ord>(items: &mut [T]) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && items.get(j - 1) > items.get(j) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_sort_does(mut v in prop::collection::vec(any::<u16>(), 0..60)) {
            let mut want = v.clone();
            want.sort_unstable();
            sort_small(&mut v);
            prop_assert_eq!(v, want);
        }

        #[test]
        fn keeps_equal_items_in_the_order_they_came(keys in prop::collection::vec(0u8..4, 0..40)) {
            /// A key and where it came from, compared by the key alone.
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            struct Keyed(u8, usize);
            impl PartialOrd for Keyed {
                fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                    Some(self.cmp(other))
                }
            }
            impl Ord for Keyed {
                fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                    self.0.cmp(&other.0)
                }
            }
            let mut v: Vec<Keyed> = keys.iter().enumerate().map(|(i, k)| Keyed(*k, i)).collect();
            let mut want = v.clone();
            want.sort();
            sort_small(&mut v);
            prop_assert_eq!(v, want);
        }
    }
}
