//! Nested tags (SPEC 4 and 8): `#a/b/c` is the tag `a/b/c`, counts toward
//! `a/b` and `a` (tag figures, pages), and falls back to them for its
//! category. The one place that climbs a tag's ancestors.

/// The tag itself, then each ancestor up to the root: `a/b/c`, `a/b`, `a`.
pub fn and_ancestors(tag: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(tag), |name| {
        name.rfind('/').map(|slash| &name[..slash])
    })
}

/// Adds the tag and its ancestors to `carried`, stopping at the first one
/// already there (its ancestors are then there too): linear however many
/// tags an item carries.
pub fn carry<'t, S: std::hash::BuildHasher>(
    tag: &'t str,
    carried: &mut std::collections::HashSet<&'t str, S>,
) {
    for name in and_ancestors(tag) {
        if !carried.insert(name) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn a_nested_tag_climbs_to_its_root() {
        assert_eq!(
            and_ancestors("a/b/c").collect::<Vec<_>>(),
            ["a/b/c", "a/b", "a"]
        );
        assert_eq!(and_ancestors("x").collect::<Vec<_>>(), ["x"]);
    }

    #[test]
    fn carrying_stops_at_what_is_already_carried() {
        let mut carried = HashSet::new();
        carry("a/b/c", &mut carried);
        carry("a/b/d", &mut carried);
        carry("e", &mut carried);
        let mut all: Vec<_> = carried.into_iter().collect();
        all.sort_unstable();
        assert_eq!(all, ["a", "a/b", "a/b/c", "a/b/d", "e"]);
    }
}
