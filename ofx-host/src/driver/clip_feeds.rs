//! Input clips: frame sources, input layouts, and connecting and
//! disconnecting an instance's inputs.

use std::sync::{Arc, Mutex};

use ofx_sys::{OfxRectD, OfxRectI};

use super::actions::ok;
use super::instance::{Instance, OUTPUT};
use crate::error::HostError;
use crate::image::{Components, Depth, ImageBuffer, RowOrder};
use crate::props::Writer;
use crate::state;
use crate::types::Changed;

/// Where a connected input clip's frames come from.
pub trait FrameSource: Send + Sync {
    /// The frame at `time` (full resolution, pixel coordinates), or `None`
    /// when the clip has no frame there (`clipGetImage` then fails, as the
    /// spec says for a missing frame).
    fn frame(&self, time: f64) -> Option<Arc<ImageBuffer>>;
}

/// The same image at every time.
pub struct Still(pub Arc<ImageBuffer>);

impl FrameSource for Still {
    fn frame(&self, _time: f64) -> Option<Arc<ImageBuffer>> {
        Some(self.0.clone())
    }
}

impl<F> FrameSource for F
where
    F: Fn(f64) -> Option<ImageBuffer> + Send + Sync,
{
    fn frame(&self, time: f64) -> Option<Arc<ImageBuffer>> {
        self(time).map(Arc::new)
    }
}

/// Which pixel bounds an input image gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputBounds {
    /// The whole frame (scaled by the render scale).
    #[default]
    Frame,
    /// The region of interest the plugin asked for (or the region passed to
    /// `clipGetImage`), clipped to the frame: bounds smaller than the RoD.
    RegionOfInterest,
    /// Exactly these bounds (may be larger than the frame: pixels outside it
    /// are transparent black).
    Fixed(OfxRectI),
}

/// How input images of a clip are laid out when handed to the plugin. The
/// source frame is converted to this layout at each fetch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InputLayout {
    /// Which bounds the image gets.
    pub bounds: InputBounds,
    /// Extra bytes per row (canaries).
    pub padding: usize,
    /// Row order (top-down gives negative row bytes).
    pub order: RowOrder,
    /// Guard pages around the pixels.
    pub guard_pages: bool,
    /// Force a depth (default: the clip's preferred depth).
    pub depth: Option<Depth>,
    /// Force components (default: the clip's preferred components).
    pub components: Option<Components>,
    /// The clip's pixel aspect ratio.
    pub pixel_aspect_ratio: f64,
}

impl Default for InputLayout {
    fn default() -> Self {
        InputLayout {
            bounds: InputBounds::Frame,
            padding: 0,
            order: RowOrder::BottomUp,
            guard_pages: false,
            depth: None,
            components: None,
            pixel_aspect_ratio: 1.0,
        }
    }
}

/// A connected input: its frame source and layout.
pub struct ClipFeed {
    source: Box<dyn FrameSource>,
    /// How images are laid out for the plugin.
    pub layout: InputLayout,
    /// Depth and components of the source frames (from the first frame).
    pub native: Option<(Depth, Components)>,
    cache: Mutex<Vec<(u64, Option<Arc<ImageBuffer>>)>>,
}

impl ClipFeed {
    pub(super) fn new(
        source: Box<dyn FrameSource>,
        layout: InputLayout,
        probe_time: f64,
    ) -> ClipFeed {
        let feed = ClipFeed {
            source,
            layout,
            native: None,
            cache: Mutex::new(Vec::new()),
        };
        let native = feed
            .frame(probe_time)
            .map(|f| (f.layout().depth, f.layout().components));
        ClipFeed { native, ..feed }
    }

    /// The source frame at `time` (the last few are cached).
    pub fn frame(&self, time: f64) -> Option<Arc<ImageBuffer>> {
        let key = time.to_bits();
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, f)) = cache.iter().find(|(k, _)| *k == key) {
            return f.clone();
        }
        let f = self.source.frame(time);
        if cache.len() >= 4 {
            cache.remove(0);
        }
        cache.push((key, f.clone()));
        f
    }

    /// The region of definition at `time`, in canonical coordinates (the
    /// frame's bounds, x scaled by the pixel aspect ratio).
    pub fn rod(&self, time: f64) -> Option<OfxRectD> {
        let b = self.frame(time)?.bounds();
        let par = self.layout.pixel_aspect_ratio;
        Some(OfxRectD {
            x1: f64::from(b.x1) * par,
            y1: f64::from(b.y1),
            x2: f64::from(b.x2) * par,
            y2: f64::from(b.y2),
        })
    }
}

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
            ok(p.set_int("OfxImageClipPropConnected", 0, 1, Writer::Host));
            ok(p.set_double(
                "OfxImagePropPixelAspectRatio",
                0,
                layout.pixel_aspect_ratio,
                Writer::Host,
            ));
            if let Some((d, comps)) = feed.native {
                ok(p.set_string(
                    "OfxImageClipPropUnmappedPixelDepth",
                    0,
                    &d.ofx_name().to_string_lossy(),
                    Writer::Host,
                ));
                ok(p.set_string(
                    "OfxImageClipPropUnmappedComponents",
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
        e.feed = Some(Arc::new(ClipFeed { layout, ..old }));
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
            ok(p.set_int("OfxImageClipPropConnected", 0, 0, Writer::Host))
        });
        *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let time = self.plugin.shared().config.project.frame_range.0;
        self.instance_changed(Changed::Clip(clip), time)
    }
}
