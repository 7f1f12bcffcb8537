//! Builds OpenFX plugin crates into `.ofx.bundle` directories and installs
//! them where hosts look: the library behind `cargo xtask bundle`.
//!
//! An OFX host loads bundles, not bare shared libraries:
//!
//! ```text
//! Gain.ofx.bundle/Contents/Info.plist
//! Gain.ofx.bundle/Contents/Linux-x86-64/Gain.ofx
//! Gain.ofx.bundle/Contents/Resources/org.example.Gain.png
//! ```
//!
//! [`bundle()`] builds `cdylib` crates with cargo, reads the plugin
//! identifiers from each built binary, and writes one such directory per
//! crate under `<target-dir>/bundles/`. [`install()`] copies bundles into
//! the OFX plugin directory. [`write_bundle`] lays out a bundle from a
//! binary built some other way.
//!
//! # Your project's `cargo xtask`
//!
//! A plugin project gets `cargo xtask bundle` and `cargo xtask install`
//! from a small binary crate named `xtask` in its workspace, which depends on
//! this crate and whose whole `main` is [`main()`]:
//!
//! ```no_run
//! fn main() {
//!     ofx_bundler::main()
//! }
//! ```
//!
//! plus the alias `xtask = "run --package xtask --"` in
//! `.cargo/config.toml`. A project with commands of its own runs them first
//! and hands the rest to [`main_with_args`].
//!
//! # As a library
//!
//! ```no_run
//! use ofx_bundler::{BundleOptions, bundle};
//!
//! let built = bundle(&BundleOptions {
//!     packages: vec!["my-gain".into()],
//!     release: true,
//!     ..BundleOptions::default()
//! })?;
//! for b in &built {
//!     println!("{} holds {}", b.path.display(), b.plugins.join(", "));
//! }
//! # Ok::<(), ofx_bundler::Error>(())
//! ```
//!
//! Every fallible function returns [`Error`], which names the package,
//! path or command involved.

#![forbid(unsafe_code)]
#![allow(
    clippy::needless_doctest_main,
    reason = "the crate documentation shows an xtask's whole main.rs"
)]

pub mod bundle;
mod cli;
mod error;
pub mod icon;
pub mod info_plist;
pub mod install;

pub use bundle::{
    BuiltBundle, BundleOptions, arch_dir_for, bundle, bundles_dir, camel_case, write_bundle,
};
pub use cli::{COMMANDS_HELP, main, main_with_args, usage};
pub use error::{Error, Result};
pub use install::{destination, install, install_bundle};
