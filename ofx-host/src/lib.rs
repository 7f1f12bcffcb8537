//! A validating OpenFX host, as a library for driving plugins in tests.
//!
//! This crate is the host side of the OFX ABI defined by `ofx_sys`. A
//! plugin test needs only [`prelude`]:
//!
//! ```
//! use ofx_host::prelude::*;
//! let src = ImageBuffer::new(Layout::packed(Rect::from_size(4, 2), Depth::F32, Components::Rgba));
//! // let s = in_process!()?;                         // the plugin crate's own binary
//! // let mut fx = s.plugin("com.example.Gain")?.create_instance(Context::Filter)?;
//! // fx.connect_image(ClipName::SOURCE, src)?;
//! // fx.set_param("gain", 2.0)?;
//! // let out = fx.render(&RenderRequest::at(0.0))?;
//! # let _ = src;
//! ```
//!
//! The modules form layers; each imports only the layers below it
//! (`tests/module_layers.rs` checks this):
//!
//! - values: [`error`], [`log`] (the record of suite calls, actions and
//!   violations), [`types`] (contexts, clip names, rectangles...),
//!   [`props`] (the typed property store, built from the reference tables),
//!   [`param_values`] (parameter kinds, keyframes, interpolation, values
//!   parsed from text), [`guard_pages`], [`image`] (image buffers in every
//!   layout a host may hand out), [`drawing`] (what an interact drew
//!   through the Draw Suite, and its rasteriser), [`host_threads`], [`binary_lock`] (a
//!   session owns its plugin binary exclusively), [`config`] (what the host
//!   offers), [`frames`] (input frames and how `clipGetImage` builds images);
//! - the object store (private): checked handles, host-side objects and
//!   their registries, and [`param_sets`] (parameter sets of descriptors and
//!   instances);
//! - the C suites (private): the `extern "C"` functions handed to plugins,
//!   each catching its own panics and logging its call, with a C shim for
//!   the variadic parameter and message functions;
//! - [`loader`] (bundles, `OFX_PLUGIN_PATH`, in-process binaries) and
//!   [`driver`] (sessions, plugins, instances; every action in spec order,
//!   tiled concurrent rendering);
//! - [`matrix`]: the matrix of image layouts plugin pixel tests walk;
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
pub mod drawing;
pub mod driver;
pub mod error;
pub mod extensions;
#[allow(unsafe_code)] // the suites the host hands to C
pub(crate) mod ffi;
pub mod frames;
#[allow(unsafe_code)] // page-protected allocations (mmap/mprotect) and the fault handler
pub mod guard_pages;
pub(crate) mod handle;
pub mod host_threads;
pub mod image;
#[allow(unsafe_code)] // dlopen, and the entry points a plugin binary exports
pub mod loader;
pub mod log;
pub mod matrix;
pub(crate) mod objects;
#[allow(unsafe_code)] // the OpenCL ICD loader, opened at run time
pub mod opencl;
pub mod opengl;
pub mod param_sets;
pub mod param_values;
pub mod props;
pub(crate) mod state;
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
    pub use crate::drawing::{DrawCall, Drawing, PrimitiveKind, Stipple};
    pub use crate::driver::{
        HostConfig, InputBounds, InputLayout, Instance, InteractKind, OutputLayout, Overlay,
        PenEvent, Plugin, Project, RenderRequest, Session, Viewport,
    };
    pub use crate::error::HostError;
    pub use crate::image::{Components, Depth, ImageBuffer, Layout, RowOrder};
    pub use crate::in_process;
    pub use crate::param_values::ParamValue;
    pub use crate::types::{
        ChangeReason, Changed, ClipName, Context, Field, Premultiplication, Rect,
    };
}

/// The host's internals that its own suite-level tests (and ofx-plugin's)
/// call directly: fetching suites, the object store, the C shim. Not part
/// of the API for plugin tests, which use [`prelude`].
#[doc(hidden)]
pub mod testing {
    pub use crate::ffi::custom_interp::interpolate_custom;
    pub use crate::ffi::image_effect::IMAGE_EFFECT_SUITE_V1;
    pub use crate::ffi::opengl_render::OPENGL_RENDER_SUITE_V1;
    pub use crate::ffi::parameter_suite::{PARAMETER_SUITE_V1, PARAMETRIC_SUITE_V1};
    pub use crate::ffi::suites::{
        ProgressEvent, live_memory_blocks, progress_events, set_timeline,
    };
    pub use crate::ffi::variadic_shim;
    pub use crate::ffi::{fetch_suite, guard};
    pub use crate::handle::Handle;
    pub use crate::state::{
        ParamEntry, add_param, add_property_set, lock, log, remove_property_set, with_property_set,
    };
}
