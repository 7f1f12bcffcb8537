//! Support for the example tests and benchmarks: building the example
//! bundles, and a straightforward reference model of the pixel formats.
//!
//! The tests (under `tests/`) load each example from its `.ofx.bundle`
//! through `ofx-host`, render it across a matrix of image layouts, and
//! compare every output component with a reference computed here, in
//! plain code that shares nothing with the plugins.

pub mod bench;
pub mod bundles;
pub mod reference;
