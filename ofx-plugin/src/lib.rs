//! Safe Rust API for writing OpenFX image-effect plugins.
//!
//! `ofx-plugin` sits between the raw C declarations of [`ofx_sys`] and an
//! effect author's code. It owns every call into the host's suites, checks
//! what the host hands back, and presents typed descriptors, clips, images,
//! parameters and pixel views, so that a plugin can be written without
//! `unsafe` and without ever naming a raw property string.
//!
//! # A complete plugin
//!
//! An effect is a type implementing [`ImageEffect`] (what it does) and
//! [`Plugin`] (who it is: here through [`plugin!`]; `#[derive(Plugin)]` does
//! the same). [`bundle!`] exports the three C symbols a host looks for, so the
//! `cdylib` crate holding it can be `#![forbid(unsafe_code)]`.
//!
//! ```
//! use ofx_plugin::prelude::*;
//!
//! /// Inverts the colour of its source, keeping alpha.
//! struct Invert {
//!     source: Clip,
//!     output: Clip,
//! }
//!
//! impl ImageEffect for Invert {
//!     fn describe(d: &mut EffectDescriptor) -> Result<()> {
//!         d.supported_contexts(&[Context::Filter])?
//!             .supported_pixel_depths(&[BitDepth::U8, BitDepth::F32])?
//!             .render_thread_safety(RenderThreadSafety::FullySafe)?
//!             .supports_tiles(true)?;
//!         Ok(())
//!     }
//!
//!     fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
//!         d.source_clip()?.supported_components(&[PixelComponents::Rgba])?;
//!         d.output_clip()?.supported_components(&[PixelComponents::Rgba])?;
//!         Ok(())
//!     }
//!
//!     fn create_instance(i: &InstanceContext) -> Result<Self> {
//!         Ok(Invert { source: i.source_clip()?, output: i.output_clip()? })
//!     }
//!
//!     fn render(&self, r: &Render<'_>) -> Result<()> {
//!         let src = r.input(&self.source)?; // read-only, lives as long as `r`
//!         let mut out = r.output()?; // writable: this call's render window
//!         match out.depth() {
//!             BitDepth::U8 => invert::<u8>(&src, &mut out),
//!             _ => invert::<f32>(&src, &mut out),
//!         }
//!     }
//! }
//!
//! /// Written once for every component type: views are checked against the
//! /// image's real depth and layout (offset bounds, negative row bytes...).
//! fn invert<T: Component>(src: &InputImage, out: &mut OutputImage) -> Result<()>
//! where
//!     Rgba<T>: Pixel<Component = T>,
//! {
//!     let s = src.view::<Rgba<T>>()?;
//!     // Rows of the window and of the source, side by side, as slices.
//!     out.view_mut::<Rgba<T>>()?.par_rows_from(&s, |row, src| {
//!         for (o, i) in row.iter_mut().zip(src) {
//!             *o = i.map_colour(T::inverted); // 255 - v, 1.0 - v: alpha kept
//!         }
//!     });
//!     Ok(())
//! }
//!
//! ofx_plugin::plugin!(Invert, id = "org.example.Invert", version = "1.0", label = "Invert", group = "Color");
//! ofx_plugin::bundle!(Invert);
//! # fn main() {}
//! ```
//!
//! The layers underneath:
//!
//! * a few small FFI modules hold the only `unsafe` code: the entry
//!   trampolines, fetching suites, reading and writing property sets, image
//!   views over host memory, host memory and threads;
//! * above them, safe types model the OpenFX objects (effects, clips,
//!   images, parameters) and turn host errors into [`Result`];
//! * each plugin type gets its own `mainEntry`, which catches panics (the
//!   host gets `kOfxStatFailed` and the panic message through the message
//!   suite), decodes the action into a typed call on the effect, and maps
//!   the result to the status the OpenFX contract asks for: an action the
//!   effect does not trap answers `kOfxStatReplyDefault`, create/destroy
//!   instance answer `kOfxStatOK`, and render never answers "default".

#![deny(unsafe_code)]

pub mod coords;
pub mod descriptor;
pub mod effect;
pub mod error;
pub mod extensions;
#[allow(unsafe_code)] // the calls into the host's C suites
mod ffi;
pub mod geometry;
pub mod gpu;
pub mod host;
mod image;
pub mod instance;
pub mod interact;
mod macros;
pub mod parallel;
pub mod param;
pub mod pixel;
#[allow(unsafe_code)] // the prefetch intrinsic
mod prefetch;
mod render;
mod scope;
mod scratch;
#[allow(unsafe_code)] // vector instruction sets chosen at run time
pub mod simd;
mod unwind;

pub use descriptor::{ClipDescriptor, ContextDescriptor, EffectDescriptor, RenderThreadSafety};
pub use effect::{
    ChangeReason, ChangedKind, ClipPreferencesSetter, Context, Field, FramesNeededArgs,
    FramesNeededSetter, Identity, ImageEffect, InstanceChangedArgs, IsIdentityArgs, Plugin,
    Premultiplication, RegionOfDefinitionArgs, RegionsOfInterestArgs, RenderArgs, RoiSetter,
    SequenceRenderArgs, TransformArgs, TransformMatrix, Trapped,
};
pub use error::{Error, ErrorKind, Result};
pub use ffi::entry::PluginRecord;
pub use host::HostInfo;

/// The names most plugins need: `use ofx_plugin::prelude::*;`.
pub mod prelude {
    pub use crate::descriptor::{
        ClipDescriptor, ContextDescriptor, EffectDescriptor, RenderThreadSafety,
    };
    pub use crate::effect::{
        ChangeReason, ChangedKind, ClipPreferencesSetter, Context, Field, FramesNeededArgs,
        FramesNeededSetter, Identity, ImageEffect, InstanceChangedArgs, IsIdentityArgs,
        Premultiplication, RegionOfDefinitionArgs, RegionsOfInterestArgs, RenderArgs, RoiSetter,
        SequenceRenderArgs, TransformArgs, TransformMatrix, Trapped,
    };
    pub use crate::error::{Error, ErrorKind, Result};
    pub use crate::geometry::{PointD, PointI, RectD, RectI, RenderScale};
    pub use crate::gpu::{Backend, GpuSupport};
    pub use crate::image::{InputImage, OutputImage};
    pub use crate::instance::{Clip, InstanceContext, MessageKind};
    pub use crate::interact::{
        Colour, DrawArgs, DrawContext, FocusArgs, Interact, InteractContext, KeyArgs, KeySym,
        PenArgs, TextAlign,
    };
    /// Reading parameter values (`value_at`), without taking the trait's
    /// name.
    pub use crate::param::ParamValue as _;
    pub use crate::pixel::{
        Alpha, BitDepth, Component, ImageView, ImageViewMut, Pixel, PixelComponents, PixelFn, Rgb,
        Rgba, RowMut, dispatch,
    };
    pub use crate::render::Render;
    /// The `Plugin` trait and its derive.
    pub use crate::{ChoiceEnum, Params, Plugin};
}

/// Host memory: general blocks, image memory with lock guards, and a pool
/// of image-memory scratch blocks kept between renders.
pub mod memory {
    pub use crate::ffi::memory::{HostMemory, ImageMemory, ImageMemoryLock};
    pub use crate::scratch::ScratchPool;
}

/// Host threads: CPU count, spawned-thread check, `run` on host threads
/// (with a std fallback for dummy suites), and host mutexes. Rayon remains
/// the default for data-parallel rendering.
pub mod thread {
    pub use crate::ffi::thread::{
        HostMutex, HostMutexGuard, is_spawned_thread, num_cpus, run, thread_index,
    };
}
pub use image::{InputImage, OutputImage};
pub use instance::{Clip, InstanceContext, MessageKind, Progress};
pub use ofx_derive::{ChoiceEnum, Params, Plugin};
pub use render::Render;

mod private;

/// Items that macro expansions name; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::ffi::entry::{bundle_get_plugin, bundle_set_host, main_entry, set_host};
    pub use crate::private::*;
    pub use ofx_sys as sys;
}
