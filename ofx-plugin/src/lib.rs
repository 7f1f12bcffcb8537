//! Safe Rust API for writing OpenFX image-effect plugins.
//!
//! `ofx-plugin` sits between the raw C declarations of [`ofx_sys`] and an
//! effect author's code. It owns every call into the host's suites, checks
//! what the host hands back, and presents typed descriptors, clips, images,
//! parameters and pixel views, so that a plugin can be written without
//! `unsafe` and without ever naming a raw property string.
//!
//! The crate is organised in layers:
//!
//! * a few small FFI modules hold the only `unsafe` code: fetching suites,
//!   reading and writing property sets, and wrapping host image memory;
//! * above them, safe types model the OpenFX objects (effects, clips,
//!   images, parameters) and turn host errors into [`Result`];
//! * the entry module catches panics at the C boundary and decodes each action
//!   into a typed call on the author's effect type.

pub mod error;
#[allow(dead_code)] // used by the entry layer, which lands next
mod ffi;

pub use error::{Error, ErrorKind, Result};
pub use ofx_derive::{ChoiceEnum, Params, Plugin};

mod private;

/// Items that macro expansions name; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::private::*;
}
