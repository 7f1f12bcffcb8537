//! Connecting and disconnecting an instance's input clips (the frame
//! sources and layouts are in [`crate::frames`]).

use std::sync::Arc;

use super::actions::ok;
use super::instance::{Instance, OUTPUT};
use crate::error::HostError;
use crate::frames::{ClipFeed, FrameSource, InputLayout, Still};
use crate::image::ImageBuffer;
use crate::props::Writer;
use crate::state;
use crate::types::Changed;
use crate::types::ofx_str;

impl<'p> Instance<'p> {
    // ---------------------------------------------------------- clips

    /// Connects input clip `clip` to `source`, with images laid out as
    /// `layout`, and tells the plugin (`kOfxActionInstanceChanged` on the
    /// clip, reason user edited).
    pub fn connect_with(
        &mut self,
        clip: impl AsRef<str>,
        source: impl FrameSource + 'static,
        layout: InputLayout,
    ) -> Result<(), HostError> {
        let clip = clip.as_ref();
        if clip == OUTPUT {
            return Err(HostError::Invalid(
                "the output clip cannot be connected to frames".into(),
            ));
        }
        let c = self.clip_handle(clip)?;
        let probe = self.plugin.shared().config.project.frame_range.0;
        let feed = Arc::new(ClipFeed::new(Box::new(source), layout, probe));
        if let Ok(e) = state::lock().clips.get_mut(c) {
            e.feed = Some(feed.clone());
        }
        self.with_clip_props(clip, |p| {
            ok(p.set_int(
                ofx_str(ofx_sys::kOfxImageClipPropConnected),
                0,
                1,
                Writer::Host,
            ));
            ok(p.set_double(
                ofx_str(ofx_sys::kOfxImagePropPixelAspectRatio),
                0,
                layout.pixel_aspect_ratio,
                Writer::Host,
            ));
            if let Some((d, comps)) = feed.native {
                ok(p.set_string(
                    ofx_str(ofx_sys::kOfxImageClipPropUnmappedPixelDepth),
                    0,
                    &d.ofx_name().to_string_lossy(),
                    Writer::Host,
                ));
                ok(p.set_string(
                    ofx_str(ofx_sys::kOfxImageClipPropUnmappedComponents),
                    0,
                    &comps.ofx_name().to_string_lossy(),
                    Writer::Host,
                ));
            }
        });
        *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let defaults = self.default_preferences();
        self.store_preferences(&defaults);
        let time = self.plugin.shared().config.project.frame_range.0;
        self.instance_changed(Changed::Clip(clip), time)
    }

    /// Connects input clip `clip` to `source` with the default layout.
    pub fn connect(
        &mut self,
        clip: impl AsRef<str>,
        source: impl FrameSource + 'static,
    ) -> Result<(), HostError> {
        let clip = clip.as_ref();
        self.connect_with(clip, source, InputLayout::default())
    }

    /// Connects input clip `clip` to one image at every time.
    pub fn connect_image(
        &mut self,
        clip: impl AsRef<str>,
        image: ImageBuffer,
    ) -> Result<(), HostError> {
        let clip = clip.as_ref();
        self.connect(clip, Still(Arc::new(image)))
    }

    /// Changes how `clip`'s images are laid out (keeps its source).
    pub fn set_input_layout(
        &mut self,
        clip: impl AsRef<str>,
        layout: InputLayout,
    ) -> Result<(), HostError> {
        let clip = clip.as_ref();
        let c = self.clip_handle(clip)?;
        let mut st = state::lock();
        let e = st
            .clips
            .get_mut(c)
            .map_err(|_| HostError::NotFound(format!("clip '{clip}'")))?;
        let Some(old) = e.feed.take() else {
            return Err(HostError::Invalid(format!(
                "clip '{clip}' is not connected"
            )));
        };
        let old = Arc::try_unwrap(old).map_err(|arc| {
            HostError::Invalid(format!(
                "clip '{clip}' is in use ({} refs)",
                Arc::strong_count(&arc)
            ))
        })?;
        e.feed = Some(Arc::new(old.with_layout(layout)));
        Ok(())
    }

    /// Disconnects input clip `clip`.
    pub fn disconnect(&mut self, clip: impl AsRef<str>) -> Result<(), HostError> {
        let clip = clip.as_ref();
        let c = self.clip_handle(clip)?;
        if let Ok(e) = state::lock().clips.get_mut(c) {
            e.feed = None;
        }
        self.with_clip_props(clip, |p| {
            ok(p.set_int(
                ofx_str(ofx_sys::kOfxImageClipPropConnected),
                0,
                0,
                Writer::Host,
            ))
        });
        *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let time = self.plugin.shared().config.project.frame_range.0;
        self.instance_changed(Changed::Clip(clip), time)
    }
}
