//! The OpenFX 1.5.1 reference tables, as text.
//!
//! Tab-separated tables of facts extracted from the official headers (see
//! `reference/README.md` in this crate for their origin and columns). The
//! workspace tests compare [`catalogue`](crate::catalogue) with them, and a
//! host can build its property validation from them: every documented
//! property with its type and dimension, and which property set carries it.
//! Each table starts with a header row naming its columns.

/// Every documented property: name, value type, dimension and default.
pub const PROPERTIES_TSV: &str = include_str!("../reference/ofx-1.5.1-properties.tsv");

/// Which property set carries which property, and who may write it.
pub const PROPERTY_SETS_TSV: &str = include_str!("../reference/ofx-1.5.1-property-sets.tsv");

/// The properties carried by each action's argument sets.
pub const ACTION_ARGS_TSV: &str = include_str!("../reference/ofx-1.5.1-action-args.tsv");

/// The name and value of every constant.
pub const CONSTANTS_TSV: &str = include_str!("../reference/ofx-1.5.1-constants.tsv");

/// The fields of every C struct, in declaration order.
pub const STRUCTS_TSV: &str = include_str!("../reference/ofx-1.5.1-structs.tsv");

/// The size, alignment and field offsets of every C struct on x86-64, as a
/// C compiler lays them out.
pub const LAYOUT_X86_64_TSV: &str = include_str!("../reference/ofx-1.5.1-layout-x86_64.tsv");
