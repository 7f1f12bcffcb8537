//! Project automation for this repository: `cargo xtask demo`,
//! `cargo xtask valgrind` and `cargo xtask conformance PATH`.
//!
//! `bundle` and `install` are [`ofx_bundler`]'s: the binary hands every
//! other command to [`ofx_bundler::main_with_args`], so this repository
//! runs the same bundler as a plugin project outside it.

pub mod conformance;
pub mod demo;
pub mod valgrind;

/// Error type of the demo, valgrind and conformance commands: a human-readable message.
pub type Error = String;

/// Result alias used by the demo, valgrind and conformance commands.
pub type Result<T> = std::result::Result<T, Error>;
