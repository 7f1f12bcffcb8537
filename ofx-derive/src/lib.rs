//! Procedural macros for [`ofx-plugin`](https://docs.rs/ofx-plugin).
//!
//! This crate turns declarations into the boilerplate an OpenFX plugin needs:
//!
//! * a derive on an effect type that produces its `OfxPlugin` record and the
//!   monomorphised `setHost` / `mainEntry` trampolines;
//! * a derive on a struct of parameter fields that produces the code to define
//!   those parameters while describing the effect, and to fetch typed handles
//!   to them when an instance is created.
//!
//! Everything generated here calls the public API of `ofx-plugin`, so the
//! expansion can be read and reasoned about like hand-written code.
