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

pub mod descriptor;
pub mod effect;
pub mod error;
mod ffi;
pub mod geometry;
pub mod host;
pub mod instance;
mod macros;
pub mod pixel;

pub use descriptor::{
    ClipDescriptor, Components, ContextDescriptor, EffectDescriptor, RenderThreadSafety,
};
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
        ClipDescriptor, Components, ContextDescriptor, EffectDescriptor, RenderThreadSafety,
    };
    pub use crate::effect::{
        ChangeReason, ChangedKind, ClipPreferencesSetter, Context, Field, FramesNeededArgs,
        FramesNeededSetter, Identity, ImageEffect, InstanceChangedArgs, IsIdentityArgs,
        Premultiplication, RegionOfDefinitionArgs, RegionsOfInterestArgs, RenderArgs, RoiSetter,
        SequenceRenderArgs, Trapped,
    };
    pub use crate::error::{Error, ErrorKind, Result};
    pub use crate::instance::{Clip, Image, InstanceContext, MessageKind};
    /// The `Plugin` trait and its derive.
    pub use crate::{ChoiceEnum, Params, Plugin};
}

/// Host memory: general blocks and image memory with lock guards.
pub mod memory {
    pub use crate::ffi::memory::{HostMemory, ImageMemory, ImageMemoryLock};
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
