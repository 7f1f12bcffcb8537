//! Input frames: where a connected clip's frames come from, how they are
//! laid out, and how `clipGetImage` turns them into the image a plugin
//! gets (converted, resampled to the render scale, shared by the tiles of
//! one render).
//!
//! This is data and arithmetic over images: it knows nothing of sessions,
//! instances or the C suites, which call it.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ofx_sys::{OfxPointD, OfxRectD, OfxRectI, OfxStatus};

use crate::image::{Components, Depth, ImageBuffer, Layout, RowOrder, intersect};
use crate::opencl::{ClMem, ClQueue, MemKind};
use crate::opengl::{GlDevice, GlFramebuffer, GlTexture};
use crate::props::PropertySet;
use crate::types::ofx_str;
use crate::types::{ClipName, Field, Premultiplication};

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
    /// The same feed with images laid out as `layout`.
    pub(crate) fn with_layout(self, layout: InputLayout) -> ClipFeed {
        ClipFeed { layout, ..self }
    }

    pub(crate) fn new(
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

/// Input images of one frame render, by clip and time bits.
pub(crate) type InputCache = HashMap<(String, u64), Option<Arc<ImageBuffer>>>;

/// What a render action needs to answer `clipGetImage`: shared by the
/// tiles of one frame.
pub struct RenderContext {
    /// The instance (raw handle).
    pub instance: usize,
    /// The frame.
    pub time: f64,
    /// The render scale.
    pub scale: OfxPointD,
    /// The field.
    pub field: Field,
    /// The whole render window (tiles are parts of it).
    pub window: OfxRectI,
    /// The output RoD in pixels.
    pub output_rod: OfxRectI,
    /// The output buffer, shared by the tiles.
    pub output: Arc<ImageBuffer>,
    /// Output premultiplication.
    pub premultiplication: Premultiplication,
    /// Output pixel aspect ratio.
    pub output_par: f64,
    /// The plugin's regions of interest (canonical), per input clip.
    pub rois: BTreeMap<String, OfxRectD>,
    pub(crate) inputs: Mutex<InputCache>,
    /// The device side when the render runs on a GPU API: on OpenCL,
    /// images are handed out as `cl_mem` objects instead of host memory;
    /// on OpenGL, `clipLoadTexture` hands out textures.
    pub gpu: Option<GpuFrame>,
}

/// The device side of one frame render.
pub enum GpuFrame {
    /// OpenCL buffers or images.
    OpenCl(ClFrame),
    /// OpenGL textures.
    OpenGl(GlFrame),
}

impl GpuFrame {
    /// The OpenCL side, if the frame renders on OpenCL.
    pub fn opencl(&self) -> Option<&ClFrame> {
        match self {
            GpuFrame::OpenCl(f) => Some(f),
            GpuFrame::OpenGl(_) => None,
        }
    }

    /// The OpenGL side, if the frame renders on OpenGL.
    pub fn opengl(&self) -> Option<&GlFrame> {
        match self {
            GpuFrame::OpenGl(f) => Some(f),
            GpuFrame::OpenCl(_) => None,
        }
    }
}

/// A texture handed to the plugin by `clipLoadTexture` and not freed yet.
#[derive(Debug)]
pub struct LoadedTexture {
    /// The property-set handle the plugin got (raw).
    pub handle: usize,
    /// The clip it was loaded from.
    pub clip: String,
    /// The host's input texture; `None` for the output texture, which the
    /// frame keeps.
    pub texture: Option<GlTexture>,
    /// The pixels uploaded into an input texture, kept to compare with the
    /// texture when it is freed (`HostConfig::check_input_writes`).
    pub uploaded: Option<Arc<ImageBuffer>>,
}

impl LoadedTexture {
    /// The violation to log when this is an input texture whose pixels
    /// differ from what the host uploaded (the plugin drew or copied into
    /// an image it may only read), else `None`. Reads the texture back, so
    /// the context must be current.
    pub fn input_written(&self, device: &GlDevice) -> Option<String> {
        let (tex, uploaded) = (self.texture.as_ref()?, self.uploaded.as_ref()?);
        let l = *uploaded.layout();
        let mut now = ImageBuffer::try_new(Layout::packed(l.bounds, l.depth, l.components)).ok()?;
        device.download(tex, &mut now).ok()?;
        (now.content_hash() != uploaded.content_hash()).then(|| {
            format!(
                "input texture of clip '{}' changed between clipLoadTexture and clipFreeTexture: the plugin wrote into an image it may only read",
                self.clip
            )
        })
    }
}

/// The OpenGL side of one frame render: the output texture, bound as the
/// colour attachment of a framebuffer object before the render action,
/// and the textures handed out so far. Its GL objects are deleted only on
/// the thread that holds the context current (the render's).
pub struct GlFrame {
    /// The host's context, current on the rendering thread.
    pub device: Arc<GlDevice>,
    /// The output image's texture (its bounds), read back after the render.
    pub output: GlTexture,
    /// The framebuffer object whose colour attachment 0 is `output`.
    pub framebuffer: GlFramebuffer,
    /// The depth of input textures when `clipLoadTexture` names none: the
    /// first of the plugin's `kOfxOpenGLPropPixelDepth`, if it set one.
    pub preferred_depth: Option<Depth>,
    /// Textures handed out and not freed yet.
    pub textures: Mutex<Vec<LoadedTexture>>,
}

/// The OpenCL side of one frame render: the queue, the output's device
/// copy, and the device copies of the inputs handed out so far.
pub struct ClFrame {
    /// The sequence's command queue.
    pub queue: Arc<ClQueue>,
    /// Buffers or images.
    pub kind: MemKind,
    /// The device copy of the output, read back after the render.
    pub output: ClMem,
    /// Device copies of the input images, by the address of the host image
    /// (kept alive here, so that an address is not reused in the frame).
    pub inputs: Mutex<Vec<(Arc<ImageBuffer>, ClMem)>>,
    /// Why an input could not be put on the device, for the host's log.
    pub errors: Mutex<Vec<String>>,
}

impl ClFrame {
    /// The device copy of input image `img` (made on first use).
    fn input(&self, img: &Arc<ImageBuffer>) -> Result<(usize, usize), OfxStatus> {
        let mut inputs = self.inputs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, m)) = inputs.iter().find(|(i, _)| Arc::ptr_eq(i, img)) {
            return Ok((m.raw(), m.row_bytes()));
        }
        // The host's extra reference for the render, given back (and the
        // count checked) when the frame closes.
        let mem = self
            .queue
            .device()
            .upload(&self.queue, img, self.kind)
            .and_then(|m| m.retain().map(|()| m))
            .map_err(|e| {
                self.errors
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(format!("{}: {e}", img.name()));
                ofx_sys::kOfxStatErrImageFormat
            })?;
        let r = (mem.raw(), mem.row_bytes());
        inputs.push((img.clone(), mem));
        Ok(r)
    }
}

impl std::fmt::Debug for RenderContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderContext")
            .field("instance", &self.instance)
            .field("time", &self.time)
            .field("scale", &self.scale)
            .field("window", &self.window)
            .field("output_rod", &self.output_rod)
            .finish_non_exhaustive()
    }
}

/// An image for `clipGetImage`, with what its property set must say.
pub(crate) struct FetchedImage {
    pub buffer: Arc<ImageBuffer>,
    pub rod: OfxRectI,
    pub scale: OfxPointD,
    pub field: Field,
    pub premultiplication: Premultiplication,
    pub par: f64,
    pub unique_id: String,
    /// On an OpenCL render: buffer or image, the `cl_mem`, and the packed
    /// row bytes of the device copy.
    pub gpu: Option<(MemKind, usize, usize)>,
}

pub(crate) fn to_pixels(r: OfxRectD, scale: OfxPointD, par: f64) -> OfxRectI {
    let clamp = |v: f64| v.clamp(i32::MIN as f64 / 2.0, i32::MAX as f64 / 2.0);
    OfxRectI {
        x1: clamp((r.x1 * scale.x / par).floor()) as i32,
        y1: clamp((r.y1 * scale.y).floor()) as i32,
        x2: clamp((r.x2 * scale.x / par).ceil()) as i32,
        y2: clamp((r.y2 * scale.y).ceil()) as i32,
    }
}

pub(crate) fn to_canonical(r: OfxRectI, scale: OfxPointD, par: f64) -> OfxRectD {
    OfxRectD {
        x1: f64::from(r.x1) * par / scale.x,
        y1: f64::from(r.y1) / scale.y,
        x2: f64::from(r.x2) * par / scale.x,
        y2: f64::from(r.y2) / scale.y,
    }
}

fn scale_bounds(b: OfxRectI, s: OfxPointD) -> OfxRectI {
    if s.x == 1.0 && s.y == 1.0 {
        return b;
    }
    OfxRectI {
        x1: (f64::from(b.x1) * s.x).floor() as i32,
        y1: (f64::from(b.y1) * s.y).floor() as i32,
        x2: (f64::from(b.x2) * s.x).ceil() as i32,
        y2: (f64::from(b.y2) * s.y).ceil() as i32,
    }
}

/// Builds the image of input clip `clip` at `time` for the plugin: the
/// source frame converted to the clip's preferred depth and components and
/// to the feed's layout, resampled (nearest) to the render scale.
#[allow(clippy::too_many_arguments)]
fn make_input(
    feed: &ClipFeed,
    clip_props: &PropertySet,
    clip: &str,
    time: f64,
    scale: OfxPointD,
    roi: Option<OfxRectD>,
    region: Option<OfxRectD>,
) -> Option<Arc<ImageBuffer>> {
    let src = feed.frame(time)?;
    let l = feed.layout;
    let par = l.pixel_aspect_ratio;
    let full = scale_bounds(src.bounds(), scale);
    let bounds = match l.bounds {
        InputBounds::Frame => full,
        InputBounds::RegionOfInterest => match region.or(roi) {
            Some(r) => intersect(to_pixels(r, scale, par), full),
            None => full,
        },
        InputBounds::Fixed(b) => b,
    };
    let depth = l
        .depth
        .or_else(|| {
            clip_props
                .get_string(ofx_str(ofx_sys::kOfxImageEffectPropPixelDepth), 0)
                .ok()
                .and_then(|d| crate::image::Depth::from_ofx_name(&d))
        })
        .unwrap_or(src.layout().depth);
    let comps = l
        .components
        .or_else(|| {
            clip_props
                .get_string(ofx_str(ofx_sys::kOfxImageEffectPropComponents), 0)
                .ok()
                .and_then(|c| crate::image::Components::from_ofx_name(&c))
        })
        .unwrap_or(src.layout().components);
    let layout = Layout::packed(bounds, depth, comps)
        .with_padding(l.padding)
        .with_order(l.order)
        .with_guard_pages(l.guard_pages);
    let unscaled = scale.x == 1.0 && scale.y == 1.0;
    if unscaled && *src.layout() == layout && layout.padding == 0 && !layout.guard_pages {
        // Already what the plugin is to get: hand the frame itself over,
        // as hosts share cached frames, instead of copying it per fetch.
        // (Padded or guarded layouts are copies, named for diagnoses.)
        return Some(src);
    }
    let img = if unscaled {
        src.to_layout(layout)
    } else {
        ImageBuffer::from_fn(layout, |x, y| {
            let sx = ((f64::from(x) + 0.5) / scale.x).floor() as i32;
            let sy = ((f64::from(y) + 0.5) / scale.y).floor() as i32;
            src.get(sx, sy).unwrap_or([0.0; 4])
        })
    };
    Some(Arc::new(
        img.with_name(format!("input '{clip}' at t={time}")),
    ))
}

/// Answers `clipGetImage` for clip `clip` of `instance` in the action
/// `frame`: `Err(status)` when there is no image to give.
pub(crate) fn fetch_image(
    clip: &str,
    clip_props: &PropertySet,
    feed: Option<Arc<ClipFeed>>,
    render: Option<&RenderContext>,
    time: f64,
    region: Option<OfxRectD>,
) -> Result<FetchedImage, OfxStatus> {
    static SERIAL: AtomicUsize = AtomicUsize::new(1);
    let ctx = render;
    if clip == ClipName::OUTPUT.as_str() {
        // The output exists only while rendering, at the render time.
        let Some(ctx) = ctx.filter(|c| c.time == time) else {
            return Err(ofx_sys::kOfxStatFailed);
        };
        return Ok(FetchedImage {
            buffer: ctx.output.clone(),
            rod: ctx.output_rod,
            scale: ctx.scale,
            field: ctx.field,
            premultiplication: ctx.premultiplication,
            par: ctx.output_par,
            unique_id: format!("output@{}#{:p}", ctx.time, Arc::as_ptr(&ctx.output)),
            gpu: ctx
                .gpu
                .as_ref()
                .and_then(GpuFrame::opencl)
                .map(|g| (g.kind, g.output.raw(), g.output.row_bytes())),
        });
    }
    let feed = feed.ok_or(ofx_sys::kOfxStatFailed)?;
    let scale = ctx.map_or(OfxPointD { x: 1.0, y: 1.0 }, |c| c.scale);
    let field = ctx.map_or(Field::None, |c| c.field);
    let roi = ctx.and_then(|c| c.rois.get(clip).copied());
    let par = feed.layout.pixel_aspect_ratio;
    let src_rod = feed.rod(time).ok_or(ofx_sys::kOfxStatFailed)?;
    let rod = to_pixels(src_rod, scale, par);
    let premult = clip_props
        .get_string(ofx_str(ofx_sys::kOfxImageEffectPropPreMultiplication), 0)
        .ok()
        .and_then(|s| Premultiplication::parse(&s))
        .unwrap_or(Premultiplication::PreMultiplied);
    let build = || make_input(&feed, clip_props, clip, time, scale, roi, region);
    let buffer = match (ctx, region) {
        // Within a render, images with the default region are shared by
        // the tiles (one conversion per clip and time).
        (Some(c), None) => {
            let mut cache = c.inputs.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry((clip.to_string(), time.to_bits()))
                .or_insert_with(build)
                .clone()
        }
        _ => build(),
    }
    .ok_or(ofx_sys::kOfxStatFailed)?;
    let gpu = match ctx.and_then(|c| c.gpu.as_ref()).and_then(GpuFrame::opencl) {
        Some(g) => {
            let (mem, row) = g.input(&buffer)?;
            Some((g.kind, mem, row))
        }
        None => None,
    };
    Ok(FetchedImage {
        gpu,
        unique_id: format!(
            "{clip}@{time}#{:p}#{}",
            Arc::as_ptr(&buffer),
            SERIAL.fetch_add(1, Ordering::Relaxed)
        ),
        buffer,
        rod,
        scale,
        field,
        premultiplication: premult,
        par,
    })
}
