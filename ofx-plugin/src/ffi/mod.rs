//! The FFI layer: the only place where ofx-plugin calls into host suites.
//!
//! Everything above this module is safe Rust. The modules here keep their
//! `unsafe` blocks small, each with the reason it is sound, and turn every
//! host status into a [`Result`](crate::Result).

pub(crate) mod clip;
pub(crate) mod entry;
pub(crate) mod gl;
pub(crate) mod gl_pass;
pub(crate) mod gpu;
pub(crate) mod interact;
pub(crate) mod memory;
pub(crate) mod param;
pub(crate) mod pin;
pub(crate) mod props;
pub(crate) mod services;
pub(crate) mod suites;
pub(crate) mod thread;

use ofx_sys as sys;

use crate::error::{Error, Result};

/// A host handle (an effect, clip or parameter pointer) that the types above
/// this layer may hold and share between threads.
///
/// OpenFX handles are opaque tokens: the plugin never dereferences them,
/// only passes them back to suite functions, and the host allows those
/// calls from its render threads. Whether a handle is still valid is
/// checked by the [`Scope`](crate::scope::Scope) of the object it belongs
/// to, not by this type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shared<H>(pub(crate) H);

// SAFETY: see the type's documentation: the wrapped value is an opaque
// token that is only passed back to the host, which may be done from any
// thread.
unsafe impl<H> Send for Shared<H> {}
// SAFETY: as above; sharing the token shares no memory.
unsafe impl<H> Sync for Shared<H> {}

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
