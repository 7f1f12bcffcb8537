//! Project automation for this repository: `cargo xtask demo` and
//! `cargo xtask valgrind`.
//!
//! `bundle` and `install` are [`ofx_bundler`]'s: the binary hands every
//! other command to [`ofx_bundler::main_with_args`], so this repository
//! runs the same bundler as a plugin project outside it.

pub mod demo;
pub mod valgrind;

/// Error type of the demo and valgrind commands: a human-readable message.
pub type Error = String;

/// Result alias used by the demo and valgrind commands.
pub type Result<T> = std::result::Result<T, Error>;
