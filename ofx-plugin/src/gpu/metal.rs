//! The `objc2-metal` adapter (macOS only): the host's command queue and
//! buffers as objc2-metal protocol objects, borrowed, never released.
//!
//! The references returned live as long as the handle they come from, so
//! no more than the render. Retaining one (`.retain()`) is balanced by its
//! own release and does not take the host's reference away.
//!
//! This module is compiled on macOS only; CI runs on Linux, where it is not
//! built.

use objc2::runtime::ProtocolObject;
use objc2_metal::{MTLBuffer, MTLCommandQueue};

use super::handles::{MtlBuffer, MtlCommandQueue};

impl<'a> MtlCommandQueue<'a> {
    /// The host's queue (`id<MTLCommandQueue>`), borrowed for `'a`.
    pub fn as_queue(self) -> &'a ProtocolObject<dyn MTLCommandQueue> {
        // SAFETY: the host passes an `id<MTLCommandQueue>` in
        // OfxImageEffectPropMetalCommandQueue, non-null (checked when the
        // handle was made) and alive for the render, which `'a` does not
        // outlive; the reference does not own it.
        unsafe { &*self.as_raw().cast::<ProtocolObject<dyn MTLCommandQueue>>() }
    }
}

impl<'a> MtlBuffer<'a> {
    /// An image's buffer (`id<MTLBuffer>`), borrowed for `'a`.
    pub fn as_buffer(self) -> &'a ProtocolObject<dyn MTLBuffer> {
        // SAFETY: on a Metal render the host passes an `id<MTLBuffer>` in
        // kOfxImagePropData, non-null (checked) and alive until the image
        // is released, which `'a` does not outlive; the reference does not
        // own it.
        unsafe { &*self.as_raw().cast::<ProtocolObject<dyn MTLBuffer>>() }
    }
}
