//! Project automation for the OFX framework: turning cdylib crates into
//! `.ofx.bundle` directories and installing them where hosts look.
//!
//! The binary (`cargo xtask ...`) is a thin argument parser over these
//! modules; each subcommand lives in its own module so that new ones are easy
//! to add. Plugin authors outside this repository call
//! [`bundle::bundle`] (or run this crate with `--manifest-path`), see
//! `docs/bundling.md`.

pub mod bundle;
pub mod demo;
pub mod icon;
pub mod install;
pub mod plist;
pub mod plugin_loader;
pub mod valgrind;

/// Error type of every xtask operation: a human-readable message.
pub type Error = String;

/// Result alias used throughout the xtask library.
pub type Result<T> = std::result::Result<T, Error>;
