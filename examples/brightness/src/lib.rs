//! Brightness: the first plugin of the guide (`docs/getting-started.md`),
//! built from the very file the guide shows (`docs/guide/first_plugin.rs`),
//! so that it can be bundled, loaded in a host and benchmarked as it is
//! written there.
//!
//! It multiplies red, green and blue by the `brightness` parameter and keeps
//! alpha; integer components are scaled in their own units, rounded to
//! nearest and clamped.
#![forbid(unsafe_code)]
#![allow(missing_docs)] // the guide's code is kept as short as a first plugin is

include!("../../../docs/guide/first_plugin.rs");
