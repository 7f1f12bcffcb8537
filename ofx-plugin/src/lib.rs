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
//! use rayon::prelude::*;
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
//!     fn render(&self, _: &InstanceContext, args: &RenderArgs) -> Result<()> {
//!         let src = self.source.image(args.time)?;
//!         let mut dst = self.output.image(args.time)?;
//!         match dst.depth() {
//!             BitDepth::U8 => invert::<u8>(&src, &mut dst, args.render_window),
//!             _ => invert::<f32>(&src, &mut dst, args.render_window),
//!         }
//!     }
//! }
//!
//! /// Written once for every component type: views are checked against the
//! /// image's real depth and layout (offset bounds, negative row bytes...).
//! fn invert<T>(src: &Image, dst: &mut Image, window: RectI) -> Result<()>
//! where
//!     T: ofx_plugin::pixel::Component,
//!     Rgba<T>: Pixel,
//! {
//!     let s = src.view::<Rgba<T>>()?;
//!     let mut d = dst.view_mut::<Rgba<T>>(window)?;
//!     d.par_rows_mut(window).for_each(|(y, row)| {
//!         for (x, px) in row {
//!             // Normalised: white is 1.0 whatever the depth.
//!             let p = s.pixel(x, y).copied().unwrap_or_default().to_f32();
//!             *px = Rgba::from_f32(Rgba::new(1.0 - p.r, 1.0 - p.g, 1.0 - p.b, p.a));
//!         }
//!     });
//!     Ok(())
//! }
//!
//! ofx_plugin::plugin!(Invert, id = "org.example.Invert", version = (1, 0), label = "Invert", group = "Color");
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

pub mod descriptor;
pub mod effect;
pub mod error;
mod ffi;
pub mod geometry;
pub mod host;
pub mod instance;
mod macros;
pub mod param;
pub mod pixel;
mod scratch;
pub mod simd;
mod stream;

pub use descriptor::{ClipDescriptor, ContextDescriptor, EffectDescriptor, RenderThreadSafety};
pub use effect::{
    ChangeReason, ChangedKind, ClipPreferencesSetter, Context, Field, FramesNeededArgs,
    FramesNeededSetter, Identity, ImageEffect, InstanceChangedArgs, IsIdentityArgs, Plugin,
    Premultiplication, RegionOfDefinitionArgs, RegionsOfInterestArgs, RenderArgs, RoiSetter,
    SequenceRenderArgs, Trapped,
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
        SequenceRenderArgs, Trapped,
    };
    pub use crate::error::{Error, ErrorKind, Result};
    pub use crate::geometry::{PointD, PointI, RectD, RectI, RenderScale};
    pub use crate::instance::{Clip, Image, InstanceContext, MessageKind};
    pub use crate::pixel::{
        Alpha, BitDepth, ImageView, ImageViewMut, Pixel, PixelComponents, PixelFn, Rgb, Rgba,
        dispatch,
    };
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
pub use instance::{Clip, Image, InstanceContext, MessageKind, Progress};
pub use ofx_derive::{ChoiceEnum, Params, Plugin};

mod private;

/// Items that macro expansions name; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::ffi::entry::{bundle_get_plugin, bundle_set_host, main_entry, set_host};
    pub use crate::private::*;
    pub use ofx_sys as sys;
}
