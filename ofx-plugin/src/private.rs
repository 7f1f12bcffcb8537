//! Support items for the code that `ofx-derive`'s macros generate.
//!
//! Nothing here is part of the public API: the items are `pub` only so that
//! expansions in other crates can name them, and they may change with any
//! release of the derive crate.

use core::ffi::CStr;

pub use ofx_derive::__bundle_checks as bundle_checks;

/// Whether two plugins share identifier and major version, which a bundle
/// must not allow (used by the constant assertions of [`bundle_checks!`]).
pub const fn same_identity(a: &CStr, a_major: u32, b: &CStr, b_major: u32) -> bool {
    a_major == b_major && bytes_eq(a.to_bytes(), b.to_bytes())
}

/// The major and minor numbers of a version string `"MAJOR"` or
/// `"MAJOR.MINOR"` (decimal `u32`s), as `#[ofx(version = ...)]` reads it;
/// a malformed string fails the constant evaluation that uses it.
pub const fn parse_version(v: &str) -> (u32, u32) {
    let b = v.as_bytes();
    let mut parts = [0u32; 2];
    let (mut part, mut digits, mut i) = (0, 0, 0);
    while i < b.len() {
        let c = b[i];
        if c == b'.' {
            assert!(
                part == 0 && digits > 0,
                "malformed version: expected \"MAJOR\" or \"MAJOR.MINOR\""
            );
            part = 1;
            digits = 0;
        } else {
            assert!(
                c.is_ascii_digit(),
                "malformed version: expected \"MAJOR\" or \"MAJOR.MINOR\""
            );
            let d = (c - b'0') as u32;
            parts[part] = match parts[part].checked_mul(10) {
                Some(v) => match v.checked_add(d) {
                    Some(v) => v,
                    None => panic!("malformed version: a number exceeds u32"),
                },
                None => panic!("malformed version: a number exceeds u32"),
            };
            digits += 1;
        }
        i += 1;
    }
    assert!(
        digits > 0,
        "malformed version: expected \"MAJOR\" or \"MAJOR.MINOR\""
    );
    (parts[0], parts[1])
}

/// Implemented by `#[derive(Params)]` for each struct of parameters.
///
/// It names what a struct nested as a `#[group]` field contributes to its
/// parent: the type of its values snapshot, and the tree of parameter names
/// it defines (for the compile-time uniqueness check). Defining and fetching
/// go through the struct's own generated inherent functions.
pub trait ParamStruct {
    /// The values snapshot type, `<Struct>Values`.
    type Values;
    /// Every parameter name the struct defines, nested groups included.
    const NAMES: &'static [NameNode];
}

/// A parameter name in the tree of names a `#[derive(Params)]` struct defines.
///
/// The tree mirrors the nesting of groups, so that uniqueness of names across
/// nested structs can be checked while compiling, by [`names_contain`] and
/// [`names_overlap`] in constant evaluation.
#[derive(Debug, Clone, Copy)]
pub enum NameNode {
    /// A parameter (or a page) with no children.
    Leaf(&'static str),
    /// A group parameter and the names defined inside it.
    Group(&'static str, &'static [NameNode]),
}

/// Byte-wise string equality usable in constant evaluation.
const fn str_eq(a: &str, b: &str) -> bool {
    bytes_eq(a.as_bytes(), b.as_bytes())
}

/// Byte-slice equality usable in constant evaluation.
const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `name` occurs anywhere in the tree, groups and their children included.
pub const fn names_contain(tree: &[NameNode], name: &str) -> bool {
    let mut i = 0;
    while i < tree.len() {
        match tree[i] {
            NameNode::Leaf(n) => {
                if str_eq(n, name) {
                    return true;
                }
            }
            NameNode::Group(n, children) => {
                if str_eq(n, name) || names_contain(children, name) {
                    return true;
                }
            }
        }
        i += 1;
    }
    false
}

/// Whether some name occurs in both trees.
pub const fn names_overlap(a: &[NameNode], b: &[NameNode]) -> bool {
    let mut i = 0;
    while i < a.len() {
        match a[i] {
            NameNode::Leaf(n) => {
                if names_contain(b, n) {
                    return true;
                }
            }
            NameNode::Group(n, children) => {
                if names_contain(b, n) || names_overlap(children, b) {
                    return true;
                }
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod version_tests {
    use super::parse_version;

    #[test]
    fn versions_parse_as_the_derive_reads_them() {
        assert_eq!(parse_version("1"), (1, 0));
        assert_eq!(parse_version("2.13"), (2, 13));
        assert_eq!(parse_version("4294967295.7"), (u32::MAX, 7));
        for bad in ["", ".", "1.", ".1", "1.2.3", "v1", "4294967296"] {
            assert!(
                std::panic::catch_unwind(|| parse_version(bad)).is_err(),
                "{bad:?} accepted"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: &[NameNode] = &[NameNode::Leaf("radius"), NameNode::Leaf("quality")];
    const OUTER: &[NameNode] = &[NameNode::Leaf("gain"), NameNode::Group("blur", INNER)];

    #[test]
    fn identities() {
        assert!(same_identity(c"org.x.Gain", 1, c"org.x.Gain", 1));
        assert!(!same_identity(c"org.x.Gain", 1, c"org.x.Gain", 2));
        assert!(!same_identity(c"org.x.Gain", 1, c"org.x.Gai", 1));
        assert!(!same_identity(c"org.x.Gain", 1, c"org.x.Blur", 1));
    }

    #[test]
    fn contains_looks_into_groups() {
        assert!(names_contain(OUTER, "gain"));
        assert!(names_contain(OUTER, "blur"));
        assert!(names_contain(OUTER, "quality"));
        assert!(!names_contain(OUTER, "qualit"));
        assert!(!names_contain(OUTER, "radiuss"));
        assert!(!names_contain(&[], "gain"));
    }

    #[test]
    fn overlap_is_found_at_any_depth() {
        assert!(names_overlap(OUTER, &[NameNode::Leaf("radius")]));
        assert!(names_overlap(
            &[NameNode::Group("g", &[NameNode::Leaf("gain")])],
            OUTER
        ));
        assert!(!names_overlap(
            INNER,
            &[NameNode::Leaf("gain"), NameNode::Leaf("blur")]
        ));
        // evaluated at compile time too
        const { assert!(names_overlap(OUTER, INNER)) };
    }
}
