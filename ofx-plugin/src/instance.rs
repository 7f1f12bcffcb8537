//! Instances, clips and images.

use std::ffi::c_void;
use std::marker::PhantomData;
use std::sync::RwLock;

use ofx_sys as sys;

use crate::effect::{Context, Field, Premultiplication};
use crate::error::{Error, Result};
use crate::ffi::clip;
use crate::ffi::props::PropSet;
use crate::ffi::services;
use crate::geometry::{RectD, RectI, RenderScale};
use crate::pixel::{BitDepth, ImageView, ImageViewMut, Pixel, PixelComponents, RawImageLayout};

/// Kinds of user message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// A fatal error.
    Fatal,
    /// An error.
    Error,
    /// A warning.
    Warning,
    /// Information.
    Message,
    /// A log entry.
    Log,
    /// A yes/no question.
    Question,
}

impl MessageKind {
    fn as_cstr(self) -> &'static std::ffi::CStr {
        match self {
            MessageKind::Fatal => sys::kOfxMessageFatal,
            MessageKind::Error => sys::kOfxMessageError,
            MessageKind::Warning => sys::kOfxMessageWarning,
            MessageKind::Message => sys::kOfxMessageMessage,
            MessageKind::Log => sys::kOfxMessageLog,
            MessageKind::Question => sys::kOfxMessageQuestion,
        }
    }
}

/// An effect instance as the host sees it: its clips, parameters and
/// properties. Passed to every instance action.
pub struct InstanceContext {
    pub(crate) effect: sys::OfxImageEffectHandle,
    pub(crate) props: PropSet,
    pub(crate) param_set: sys::OfxParamSetHandle,
    pub(crate) context: Context,
    clips: RwLock<Vec<Clip>>,
}

// SAFETY: the handles are opaque tokens valid for the instance's life; the
// host allows suite calls on them from render threads.
unsafe impl Send for InstanceContext {}
// SAFETY: as above; the clip cache is behind a lock.
unsafe impl Sync for InstanceContext {}

impl InstanceContext {
    pub(crate) fn new(effect: sys::OfxImageEffectHandle) -> Result<InstanceContext> {
        let props = clip::effect_props(effect)?;
        let param_set = clip::param_set(effect)?;
        let ctx = props.get_string(sys::kOfxImageEffectPropContext, 0)?;
        Ok(InstanceContext {
            effect,
            props,
            param_set,
            context: Context::from_str_ofx(&ctx)?,
            clips: RwLock::new(Vec::new()),
        })
    }

    /// The context the instance was created in.
    pub fn context(&self) -> Context {
        self.context
    }

    /// The raw parameter set handle, for the parameter module.
    #[allow(dead_code)]
    pub(crate) fn param_set_handle(&self) -> sys::OfxParamSetHandle {
        self.param_set
    }

    /// The instance's parameter set.
    pub fn param_set(&self) -> Result<crate::param::ParamSet> {
        crate::param::ParamSet::from_raw(self.param_set)
    }

    /// Fetches a typed parameter by name, checking its type.
    pub fn param<T: crate::param::Param>(&self, name: &str) -> Result<T> {
        self.param_set()?.param(name)
    }

    /// The raw effect handle.
    #[allow(dead_code)]
    pub(crate) fn effect_handle(&self) -> sys::OfxImageEffectHandle {
        self.effect
    }

    /// A clip by name (cached after the first lookup).
    pub fn clip(&self, name: &str) -> Result<Clip> {
        if let Some(c) = self
            .clips
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|c| &*c.name == name)
        {
            return Ok(c.clone());
        }
        let (handle, props) = clip::get_handle(self.effect, name)?;
        let c = Clip {
            handle,
            props,
            name: name.into(),
        };
        self.clips
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push(c.clone());
        Ok(c)
    }
    /// The `Source` clip.
    pub fn source_clip(&self) -> Result<Clip> {
        self.clip("Source")
    }
    /// The `Output` clip.
    pub fn output_clip(&self) -> Result<Clip> {
        self.clip("Output")
    }

    /// Whether the user interface is open on the instance.
    pub fn is_interactive(&self) -> Result<bool> {
        self.props.get_bool(sys::kOfxPropIsInteractive, 0)
    }
    /// The project size in canonical coordinates.
    pub fn project_size(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropProjectSize)
    }
    /// The project offset in canonical coordinates.
    pub fn project_offset(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropProjectOffset)
    }
    /// The project's pixel aspect ratio.
    pub fn project_pixel_aspect_ratio(&self) -> Result<f64> {
        self.props
            .get_double(sys::kOfxImageEffectPropProjectPixelAspectRatio, 0)
    }
    /// The project's frame rate.
    pub fn frame_rate(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImageEffectPropFrameRate, 0)
    }
    /// The display colourspace the host shows the output in (colour management, 1.5).
    pub fn display_colourspace(&self) -> Result<String> {
        self.props
            .get_string(sys::kOfxImageEffectPropDisplayColourspace, 0)
    }
    /// The colour management style the host chose for this instance (1.5).
    pub fn colour_management_style(&self) -> Result<String> {
        self.props
            .get_string(sys::kOfxImageEffectPropColourManagementStyle, 0)
    }
    /// The colour management config the host uses for this instance (1.5).
    pub fn colour_management_config(&self) -> Result<String> {
        self.props
            .get_string(sys::kOfxImageEffectPropColourManagementConfig, 0)
    }

    fn handle(&self) -> *mut c_void {
        self.effect.cast()
    }
    /// Posts a message to the user. For questions, returns whether the answer was yes.
    pub fn message(&self, kind: MessageKind, text: &str) -> Result<bool> {
        let st = services::message(self.handle(), kind.as_cstr(), text)?;
        match st {
            s if s == sys::kOfxStatReplyYes => Ok(true),
            s if s == sys::kOfxStatReplyNo => Ok(false),
            s => crate::ffi::check(s, || "message".into()).map(|_| true),
        }
    }
    /// Sets a persistent message on the instance (Message suite V2).
    pub fn set_persistent_message(&self, kind: MessageKind, text: &str) -> Result<()> {
        services::set_persistent(self.handle(), kind.as_cstr(), text)
    }
    /// Clears the persistent message (Message suite V2).
    pub fn clear_persistent_message(&self) -> Result<()> {
        services::clear_persistent(self.handle())
    }
    /// Starts a progress bar; ended when the guard drops.
    pub fn progress(&self, label: &str, id: &str) -> Result<Progress<'_>> {
        services::progress_start(self.handle(), label, id)?;
        Ok(Progress { ctx: self })
    }
    /// The timeline's current time.
    pub fn timeline_time(&self) -> Result<f64> {
        services::time(self.handle())
    }
    /// Moves the timeline to a time.
    pub fn timeline_goto(&self, t: f64) -> Result<()> {
        services::goto_time(self.handle(), t)
    }
    /// The timeline's first and last times.
    pub fn timeline_bounds(&self) -> Result<[f64; 2]> {
        services::time_bounds(self.handle())
    }
    /// Whether the host asks the effect to stop rendering.
    pub fn abort(&self) -> bool {
        clip::abort(self.effect)
    }
}

/// A running progress bar; ends it when dropped.
pub struct Progress<'a> {
    ctx: &'a InstanceContext,
}

impl Progress<'_> {
    /// Reports progress in 0..=1. `Ok(false)` means the user asked to stop.
    pub fn update(&self, value: f64) -> Result<bool> {
        services::progress_update(self.ctx.handle(), value)
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        let _ = services::progress_end(self.ctx.handle());
    }
}

/// A clip of an instance.
#[derive(Clone)]
pub struct Clip {
    handle: sys::OfxImageClipHandle,
    props: PropSet,
    name: std::sync::Arc<str>,
}

// SAFETY: clip handles are valid for the instance's life and the host allows
// image fetches from render threads.
unsafe impl Send for Clip {}
// SAFETY: as above.
unsafe impl Sync for Clip {}

impl std::fmt::Debug for Clip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clip").field("name", &self.name).finish()
    }
}

impl Clip {
    /// The clip's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Whether an input is connected.
    pub fn is_connected(&self) -> Result<bool> {
        self.props.get_bool(sys::kOfxImageClipPropConnected, 0)
    }
    /// The pixel depth the effect sees (after clip preferences).
    pub fn pixel_depth(&self) -> Result<BitDepth> {
        self.props
            .with_cstr(sys::kOfxImageEffectPropPixelDepth, 0, parse_depth)?
    }
    /// The pixel depth of the clip's source, before mapping.
    pub fn unmapped_pixel_depth(&self) -> Result<BitDepth> {
        self.props
            .with_cstr(sys::kOfxImageClipPropUnmappedPixelDepth, 0, parse_depth)?
    }
    /// The components the effect sees (after clip preferences).
    pub fn components(&self) -> Result<PixelComponents> {
        self.props
            .with_cstr(sys::kOfxImageEffectPropComponents, 0, parse_components)?
    }
    /// The components of the clip's source, before mapping.
    pub fn unmapped_components(&self) -> Result<PixelComponents> {
        self.props.with_cstr(
            sys::kOfxImageClipPropUnmappedComponents,
            0,
            parse_components,
        )?
    }
    /// The premultiplication state.
    pub fn premultiplication(&self) -> Result<Premultiplication> {
        Ok(Premultiplication::parse(&self.props.get_string(
            sys::kOfxImageEffectPropPreMultiplication,
            0,
        )?))
    }
    /// The pixel aspect ratio.
    pub fn pixel_aspect_ratio(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImagePropPixelAspectRatio, 0)
    }
    /// The frame rate.
    pub fn frame_rate(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImageEffectPropFrameRate, 0)
    }
    /// The unmapped frame rate.
    pub fn unmapped_frame_rate(&self) -> Result<f64> {
        self.props
            .get_double(sys::kOfxImageEffectPropUnmappedFrameRate, 0)
    }
    /// The frame range.
    pub fn frame_range(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropFrameRange)
    }
    /// The unmapped frame range.
    pub fn unmapped_frame_range(&self) -> Result<[f64; 2]> {
        self.props
            .get_double_array(sys::kOfxImageEffectPropUnmappedFrameRange)
    }
    /// The field order.
    pub fn field_order(&self) -> Result<Field> {
        Ok(Field::parse(
            &self.props.get_string(sys::kOfxImageClipPropFieldOrder, 0)?,
        ))
    }
    /// Whether the clip can be sampled between frames.
    pub fn continuous_samples(&self) -> Result<bool> {
        self.props
            .get_bool(sys::kOfxImageClipPropContinuousSamples, 0)
    }
    /// The colourspace of the clip's images (colour management, 1.5).
    pub fn colourspace(&self) -> Result<String> {
        self.props.get_string(sys::kOfxImageClipPropColourspace, 0)
    }
    /// The colourspaces the clip's consumer prefers (colour management, 1.5).
    pub fn preferred_colourspaces(&self) -> Result<Vec<String>> {
        self.props
            .get_strings(sys::kOfxImageClipPropPreferredColourspaces)
    }
    /// The region of definition at a time.
    pub fn region_of_definition(&self, time: f64) -> Result<RectD> {
        clip::region_of_definition(self.handle, time)
    }
    /// Fetches the image at a time. Released when the guard drops.
    pub fn image(&self, time: f64) -> Result<Image<'_>> {
        Image::new(clip::get_image(self.handle, time, None)?)
    }
    /// Fetches the part of the image at a time inside `region` (canonical).
    pub fn image_in(&self, time: f64, region: RectD) -> Result<Image<'_>> {
        Image::new(clip::get_image(self.handle, time, Some(region))?)
    }
}

/// An image fetched from a clip. Calls `clipReleaseImage` when dropped; the
/// lifetime ties it to the clip borrowed for the action.
///
/// Pixels are reached through typed views checked against the image's depth,
/// components and layout: [`view`](Image::view), [`view_mut`](Image::view_mut),
/// or [`crate::pixel::dispatch`] on [`depth`](Image::depth) and
/// [`components`](Image::components) to write a render once for every type.
pub struct Image<'a> {
    props: PropSet,
    layout: RawImageLayout,
    _clip: PhantomData<&'a Clip>,
}

// SAFETY: the image memory is owned by the host until release; reading it
// from another thread is allowed, and mutable views need `&mut Image`.
unsafe impl Send for Image<'_> {}
// SAFETY: shared access only reads.
unsafe impl Sync for Image<'_> {}

impl Drop for Image<'_> {
    fn drop(&mut self) {
        clip::release_image(self.props.handle());
    }
}

impl std::fmt::Debug for Image<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("bounds", &self.layout.bounds)
            .field("row_bytes", &self.layout.row_bytes)
            .field("depth", &self.layout.depth)
            .field("components", &self.layout.components)
            .finish()
    }
}

/// Parses an OFX pixel depth string.
pub(crate) fn parse_depth(s: &std::ffi::CStr) -> Result<BitDepth> {
    Ok(if s == sys::kOfxBitDepthByte {
        BitDepth::U8
    } else if s == sys::kOfxBitDepthShort {
        BitDepth::U16
    } else if s == sys::kOfxBitDepthHalf {
        BitDepth::F16
    } else if s == sys::kOfxBitDepthFloat {
        BitDepth::F32
    } else {
        return Err(Error::image_format(format!(
            "unsupported pixel depth {:?}",
            s.to_string_lossy()
        )));
    })
}

/// Parses an OFX components string.
pub(crate) fn parse_components(s: &std::ffi::CStr) -> Result<PixelComponents> {
    Ok(if s == sys::kOfxImageComponentRGBA {
        PixelComponents::Rgba
    } else if s == sys::kOfxImageComponentRGB {
        PixelComponents::Rgb
    } else if s == sys::kOfxImageComponentAlpha {
        PixelComponents::Alpha
    } else {
        return Err(Error::image_format(format!(
            "unsupported pixel components {:?}",
            s.to_string_lossy()
        )));
    })
}

impl Image<'_> {
    fn new(props: PropSet) -> Result<Self> {
        // Build the guard first so the image is released on any error below.
        let mut img = Image {
            props,
            layout: RawImageLayout {
                data: std::ptr::null_mut(),
                bounds: RectI::new(0, 0, 0, 0),
                row_bytes: 0,
                depth: BitDepth::U8,
                components: PixelComponents::Rgba,
            },
            _clip: PhantomData,
        };
        let p = &img.props;
        let b: [i32; 4] = p.get_int_array(sys::kOfxImagePropBounds)?;
        img.layout = RawImageLayout {
            data: clip::image_data(p)?,
            bounds: RectI::new(b[0], b[1], b[2], b[3]),
            row_bytes: p.get_int(sys::kOfxImagePropRowBytes, 0)? as isize,
            depth: p.with_cstr(sys::kOfxImageEffectPropPixelDepth, 0, parse_depth)??,
            components: p.with_cstr(sys::kOfxImageEffectPropComponents, 0, parse_components)??,
        };
        Ok(img)
    }
    /// The pixel bounds of the data.
    pub fn bounds(&self) -> RectI {
        self.layout.bounds
    }
    /// Bytes from one row to the next (negative for top-down layouts).
    pub fn row_bytes(&self) -> isize {
        self.layout.row_bytes
    }
    /// The component type of the pixels.
    pub fn depth(&self) -> BitDepth {
        self.layout.depth
    }
    /// Which components the pixels have.
    pub fn components(&self) -> PixelComponents {
        self.layout.components
    }
    /// A checked read-only view of the pixels as type `P`.
    ///
    /// # Errors
    /// `kOfxStatErrImageFormat` when `P` does not match the image's depth and
    /// components, or the host's layout is malformed.
    pub fn view<P: Pixel>(&self) -> Result<ImageView<'_, P>> {
        clip::view(&self.layout)
    }
    /// A checked mutable view of the pixels inside `window` (clipped to the
    /// bounds). Pass the render window: a host may render other windows of
    /// the same image on other threads at the same time.
    ///
    /// # Errors
    /// As for [`view`](Image::view).
    pub fn view_mut<P: Pixel>(&mut self, window: RectI) -> Result<ImageViewMut<'_, P>> {
        clip::view_mut(&clip::restrict(&self.layout, window))
    }
    /// The region of definition of the image in pixels.
    pub fn region_of_definition(&self) -> Result<RectI> {
        let b: [i32; 4] = self
            .props
            .get_int_array(sys::kOfxImagePropRegionOfDefinition)?;
        Ok(RectI::new(b[0], b[1], b[2], b[3]))
    }
    /// The render scale the image was made at.
    pub fn render_scale(&self) -> Result<RenderScale> {
        let [x, y] = self
            .props
            .get_double_array(sys::kOfxImageEffectPropRenderScale)?;
        Ok(RenderScale::new(x, y))
    }
    /// The field the image holds.
    pub fn field(&self) -> Result<Field> {
        Ok(Field::parse(
            &self.props.get_string(sys::kOfxImagePropField, 0)?,
        ))
    }
    /// The host's unique identifier for the image content.
    pub fn unique_identifier(&self) -> Result<String> {
        self.props.get_string(sys::kOfxImagePropUniqueIdentifier, 0)
    }
    /// The premultiplication state.
    pub fn premultiplication(&self) -> Result<Premultiplication> {
        Ok(Premultiplication::parse(&self.props.get_string(
            sys::kOfxImageEffectPropPreMultiplication,
            0,
        )?))
    }
    /// The pixel aspect ratio.
    pub fn pixel_aspect_ratio(&self) -> Result<f64> {
        self.props.get_double(sys::kOfxImagePropPixelAspectRatio, 0)
    }
    /// Converts a canonical rectangle to this image's pixel grid (enclosing),
    /// using the image's render scale and pixel aspect ratio.
    pub fn canonical_to_pixel(&self, r: RectD) -> Result<RectI> {
        Ok(r.to_pixel_enclosing(self.render_scale()?, self.pixel_aspect_ratio()?))
    }
    /// Converts a pixel rectangle of this image to canonical coordinates.
    pub fn pixel_to_canonical(&self, r: RectI) -> Result<RectD> {
        Ok(r.to_canonical(self.render_scale()?, self.pixel_aspect_ratio()?))
    }
}
