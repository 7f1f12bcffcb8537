//! A validating OpenFX host, as a library for driving plugins in tests.
//!
//! This crate is the host side of the OFX ABI defined by `ofx_sys`. The
//! pieces so far:
//!
//! - [`handle`]: checked opaque handles (kind tag + slot + generation), so a
//!   plugin passing an unknown, freed or stale handle gets
//!   `kOfxStatErrBadHandle` instead of undefined behaviour;
//! - [`props`]: the typed property store, built from the in-repo reference
//!   tables;
//! - [`log`]: the record of suite calls, actions and violations that a
//!   validator reads as evidence;
//! - [`param_values`]: parameter kinds and keyframed values (linear for doubles,
//!   constant for ints, booleans, choices and strings), derivative, integral,
//!   and values parsed from text;
//! - [`param_sets`]: parameter sets of descriptors and instances, property
//!   sets per parameter type, host-side values and descriptions;
//! - [`binary_lock`]: a session owns its plugin binary exclusively, because a
//!   binary keeps its host pointer in globals and `cargo test` is concurrent;
//! - [`loader`]: bundle layout, `OFX_PLUGIN_PATH` scanning, in-process
//!   binaries given by their `OfxGetPlugin`;
//! - [`ffi`]: the `extern "C"` suite functions handed to plugins (property,
//!   memory, multi-thread, message V1/V2, progress V1/V2, timeline, image
//!   effect, parameter and parametric parameter, with the C shim for the
//!   variadic parameter and message functions). Every one
//!   catches its own panics and logs its call. Interact, Draw, Dialog and
//!   OpenGL answer null from `fetchSuite`.
//!
//! - [`driver`]: sessions, plugins, instances, clips and frames, every
//!   action in spec order, tiled concurrent rendering;
//! - [`image`]: image buffers in every layout a host may hand out, with
//!   canaries and guard pages;
//! - [`checks`]: the validator's catalogue of named checks.
//!
//! ```
//! use ofx_host::props::{PropertySet, Writer};
//! let mut desc = PropertySet::from_table("EffectDescriptor").unwrap();
//! desc.set_string("OfxPropLabel", 0, "Invert", Writer::Plugin).unwrap();
//! assert_eq!(desc.get_int("OfxImageEffectPropSupportsTiles", 0), Ok(1));
//! ```

#![deny(unsafe_code)]

pub mod binary_lock;
pub mod checks;
pub mod config;
pub mod driver;
pub mod error;
#[allow(unsafe_code)] // the suites the host hands to C
pub mod ffi;
pub mod frames;
#[allow(unsafe_code)] // page-protected allocations (mmap/mprotect) and the fault handler
pub mod guard_pages;
pub mod handle;
pub mod host_threads;
pub mod image;
#[allow(unsafe_code)] // dlopen, and the entry points a plugin binary exports
pub mod loader;
pub mod log;
pub mod objects;
pub mod param_sets;
pub mod param_values;
pub mod props;
pub mod state;
pub mod types;

pub use types::{ChangeReason, Changed, ClipName, Context, Field, Premultiplication, Rect};

/// What a plugin test needs, in one import: `use ofx_host::prelude::*;`.
///
/// ```
/// use ofx_host::prelude::*;
/// let bounds = Rect::from_size(4, 2);
/// let img = ImageBuffer::new(Layout::packed(bounds, Depth::F32, Components::Rgba));
/// assert_eq!(img.bounds(), bounds);
/// assert_eq!(Context::parse("OfxImageEffectContextFilter"), Some(Context::Filter));
/// assert_eq!(ParamValue::from([1.0, 0.5]), ParamValue::Numeric(vec![1.0, 0.5]));
/// ```
pub mod prelude {
    pub use crate::driver::{
        HostConfig, InputBounds, InputLayout, Instance, OutputLayout, Plugin, Project,
        RenderRequest, Session,
    };
    pub use crate::error::HostError;
    pub use crate::image::{Components, Depth, ImageBuffer, Layout, RowOrder};
    pub use crate::in_process;
    pub use crate::param_values::ParamValue;
    pub use crate::types::{
        ChangeReason, Changed, ClipName, Context, Field, Premultiplication, Rect,
    };
}
