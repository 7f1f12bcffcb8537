//! The Rust driver: load a plugin binary, send it actions in the order the
//! spec lays down, and render through it.
//!
//! ```text
//! Session (binary held, OfxSetHost, setHost per plugin, own log)
//!   └─ Plugin<'s>   Load + Describe on creation, Unload on drop
//!        └─ Instance<'p>   DescribeInContext (once per context), CreateInstance,
//!                          ... DestroyInstance on drop
//! ```
//!
//! Borrowing makes the order hold: an instance cannot outlive its plugin,
//! nor a plugin its session.

mod actions;
mod clip_feeds;
mod clip_preferences;
mod gpu;
mod gpu_gl;
mod instance;
mod instance_params;
mod interacts;
mod overlay;
mod plugin;
mod queries;
mod render;
mod session;

pub use crate::config::{
    Backend, GPU_RENDER_PROPERTIES, GpuOffer, HostConfig, MultiThread, PLUGIN_EDIT_ROUNDS, Project,
};
pub use crate::frames::{ClipFeed, FrameSource, InputBounds, InputLayout, RenderContext, Still};
pub use crate::types::Field;
pub use clip_preferences::{ClipPreference, ClipPreferences};
pub use instance::Instance;
pub use overlay::{InteractKind, Overlay, PenEvent, Viewport};
pub use plugin::{ContextInfo, Plugin};
pub use render::{OutputLayout, RenderRequest};
pub use session::{Leaks, Session};

use plugin::{effect_props, free_effect};
