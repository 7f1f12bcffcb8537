//! The FFI layer: the only place where ofx-plugin calls into host suites.
//!
//! Everything above this module is safe Rust. The modules here keep their
//! `unsafe` blocks small, each with the reason it is sound, and turn every
//! host status into a [`Result`](crate::Result).

pub(crate) mod clip;
pub(crate) mod entry;
pub(crate) mod memory;
pub(crate) mod param;
pub(crate) mod props;
pub(crate) mod services;
pub(crate) mod suites;
pub(crate) mod thread;

use ofx_sys as sys;

use crate::error::{Error, Result};

/// Turns a host status into a result, naming the call in the error message.
pub(crate) fn check(status: sys::OfxStatus, what: impl FnOnce() -> String) -> Result<()> {
    match Error::from_status(status, "") {
        None => Ok(()),
        Some(e) => Err(Error::with_message(
            e.kind(),
            format!(
                "{} failed with status {status} ({})",
                what(),
                e.kind().describe()
            ),
        )),
    }
}
