//! Effect instances: creation, clips and their frame sources, parameters,
//! and the query actions (RoD, RoI, frames needed, clip preferences,
//! identity, time domain).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use ofx_sys::{OfxPointD, OfxRangeD, OfxRectD, OfxRectI, OfxStatus};

use super::actions::{
    self, CallInfo, arg_set, get_rect_d, ok, set_rect_d, set_rect_i, with_registered,
};
use super::{Plugin, effect_props, free_effect};
use crate::error::HostError;
use crate::handle::Handle;
use crate::image::{Components, Depth, ImageBuffer, RowOrder};
use crate::log::ViolationKind;
use crate::objects::{ClipEntry, EffectEntry};
use crate::params::ParamValue;
use crate::props::{Dimension, PropType, PropertySet, Values, Writer};
use crate::state;
use crate::types::{ChangeReason, Changed, Context, Field, Premultiplication};

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
    fn new(source: Box<dyn FrameSource>, layout: InputLayout, probe_time: f64) -> ClipFeed {
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

/// The preferences of one clip.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClipPreference {
    /// Pixel depth.
    pub depth: Depth,
    /// Components.
    pub components: Components,
    /// Pixel aspect ratio.
    pub pixel_aspect_ratio: f64,
}

/// The outcome of `kOfxImageEffectActionGetClipPreferences`, after the
/// host's defaults and checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ClipPreferences {
    /// Per clip.
    pub clips: BTreeMap<String, ClipPreference>,
    /// Output premultiplication.
    pub premultiplication: Premultiplication,
    /// Output frame rate.
    pub frame_rate: f64,
    /// Output field order.
    pub field_order: Field,
    /// Output has continuous samples.
    pub continuous_samples: bool,
    /// Output frames vary even with constant parameters.
    pub frame_varying: bool,
    /// The status the action returned.
    pub status: OfxStatus,
}

// ------------------------------------------------------ parameter bridge
//
// Parameter sets live in `crate::paramset`; these are the driver's calls.

pub(crate) fn new_descriptor_param_set(session: u64) -> Option<Handle> {
    Some(crate::paramset::new_param_set(session, true))
}

fn instantiate_param_set(descriptor: Option<Handle>) -> Option<Handle> {
    descriptor.and_then(|d| crate::paramset::instantiate(d).ok())
}

pub(crate) fn free_param_set(set: Handle) {
    crate::paramset::remove_param_set(set);
}

fn host_set_param(
    set: Option<Handle>,
    name: &str,
    time: Option<f64>,
    value: ParamValue,
) -> Result<(), HostError> {
    match set {
        None => Err(HostError::NotFound(format!(
            "parameter '{name}': the instance has no parameter set"
        ))),
        Some(s) => crate::paramset::host_set_value(s, name, time, value),
    }
}

// --------------------------------------------------------------- helpers

fn copy_prop(src: &PropertySet, dst: &mut PropertySet, name: &str) {
    let Some(p) = src.get(name) else { return };
    let h = Writer::Host;
    let _ = match p.values() {
        Values::Int(v) => dst.set_int_n(name, v, h),
        Values::Double(v) => dst.set_double_n(name, v, h),
        Values::Pointer(v) => dst.set_pointer_n(name, v, h),
        Values::String(v) => {
            let s: Vec<String> = v.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            let r: Vec<&str> = s.iter().map(String::as_str).collect();
            dst.set_string_n(name, &r, h)
        }
    };
}

fn project_rect(p: &super::Project) -> OfxRectD {
    OfxRectD {
        x1: 0.0,
        y1: 0.0,
        x2: p.extent.x,
        y2: p.extent.y,
    }
}

fn union(a: Option<OfxRectD>, b: OfxRectD) -> OfxRectD {
    match a {
        None => b,
        Some(a) => OfxRectD {
            x1: a.x1.min(b.x1),
            y1: a.y1.min(b.y1),
            x2: a.x2.max(b.x2),
            y2: a.y2.max(b.y2),
        },
    }
}

/// The output clip's name.
pub(crate) const OUTPUT: &str = crate::types::ClipName::OUTPUT.as_str();

/// An effect instance; destroyed (`kOfxActionDestroyInstance`) on drop.
pub struct Instance<'p> {
    pub(crate) plugin: &'p Plugin<'p>,
    pub(crate) handle: Handle,
    context: Context,
    prefs: Mutex<Option<ClipPreferences>>,
    /// The plugin's parameter writes counted when `prefs` was computed.
    prefs_writes: std::sync::atomic::AtomicU64,
}

impl<'p> Instance<'p> {
    pub(crate) fn create(
        plugin: &'p Plugin<'p>,
        descriptor: Handle,
        context: Context,
    ) -> Result<Instance<'p>, HostError> {
        let shared = plugin.shared().clone();
        let cfg = &shared.config;
        let desc_props = effect_props(descriptor);
        let (desc_clips, desc_params) = {
            let st = state::lock();
            let e = st
                .effects
                .get(descriptor)
                .map_err(|_| HostError::NotFound("context descriptor".into()))?;
            let clips: Vec<(String, PropertySet)> = e
                .clips
                .iter()
                .filter_map(|(n, c)| {
                    let c = st.clips.get(*c).ok()?;
                    Some((n.clone(), st.property_sets.get(c.props).ok()?.clone()))
                })
                .collect();
            (clips, e.param_set)
        };
        let h = Writer::Host;
        let mut props = PropertySet::from_table("EffectInstance")
            .unwrap_or_else(|| PropertySet::empty("EffectInstance"));
        let pr = &cfg.project;
        let tiles = cfg.supports_tiles
            && desc_props
                .get_int("OfxImageEffectPropSupportsTiles", 0)
                .unwrap_or(1)
                != 0;
        ok(props.set_string("OfxPropType", 0, "OfxTypeImageEffectInstance", h));
        ok(props.set_string("OfxImageEffectPropContext", 0, context.ofx_name(), h));
        ok(props.set_double_n("OfxImageEffectPropProjectSize", &[pr.size.x, pr.size.y], h));
        ok(props.set_double_n(
            "OfxImageEffectPropProjectOffset",
            &[pr.offset.x, pr.offset.y],
            h,
        ));
        ok(props.set_double_n(
            "OfxImageEffectPropProjectExtent",
            &[pr.extent.x, pr.extent.y],
            h,
        ));
        ok(props.set_double(
            "OfxImageEffectPropPixelAspectRatio",
            0,
            pr.pixel_aspect_ratio,
            h,
        ));
        ok(props.set_double(
            "OfxImageEffectInstancePropEffectDuration",
            0,
            pr.frame_range.1 - pr.frame_range.0 + 1.0,
            h,
        ));
        ok(props.set_int(
            "OfxImageEffectInstancePropSequentialRender",
            0,
            desc_props
                .get_int("OfxImageEffectInstancePropSequentialRender", 0)
                .unwrap_or(0),
            h,
        ));
        ok(props.set_int("OfxImageEffectPropSupportsTiles", 0, i32::from(tiles), h));
        ok(props.set_double("OfxImageEffectPropFrameRate", 0, pr.frame_rate, h));
        ok(props.set_int("OfxPropIsInteractive", 0, 0, h));
        let _ = props.set_string("OfxImageEffectPropOpenGLRenderSupported", 0, "false", h);
        let _ = props.set_string("OfxImageEffectPropCPURenderSupported", 0, "true", h);
        let props = state::add_property_set(props);
        let mut entry = EffectEntry::new(shared.id, props, true);
        entry.context = Some(context.to_string());
        entry.param_set = instantiate_param_set(desc_params);
        entry.temporal_access = desc_props
            .get_int("OfxImageEffectPropTemporalClipAccess", 0)
            .unwrap_or(0)
            != 0;
        let handle = state::lock().effects.insert(entry);
        for (name, dp) in &desc_clips {
            let mut cp = PropertySet::from_table("ClipInstance")
                .unwrap_or_else(|| PropertySet::empty("ClipInstance"));
            for n in [
                "OfxPropName",
                "OfxPropLabel",
                "OfxPropShortLabel",
                "OfxPropLongLabel",
                "OfxImageEffectPropSupportedComponents",
                "OfxImageEffectPropTemporalClipAccess",
                "OfxImageClipPropOptional",
                "OfxImageClipPropFieldExtraction",
                "OfxImageClipPropIsMask",
            ] {
                copy_prop(dp, &mut cp, n);
            }
            ok(cp.set_string("OfxPropType", 0, "OfxTypeClip", h));
            ok(cp.set_int("OfxImageEffectPropSupportsTiles", 0, i32::from(tiles), h));
            ok(cp.set_double("OfxImagePropPixelAspectRatio", 0, pr.pixel_aspect_ratio, h));
            ok(cp.set_double("OfxImageEffectPropFrameRate", 0, pr.frame_rate, h));
            ok(cp.set_double("OfxImageEffectPropUnmappedFrameRate", 0, pr.frame_rate, h));
            ok(cp.set_double_n(
                "OfxImageEffectPropFrameRange",
                &[pr.frame_range.0, pr.frame_range.1],
                h,
            ));
            ok(cp.set_double_n(
                "OfxImageEffectPropUnmappedFrameRange",
                &[pr.frame_range.0, pr.frame_range.1],
                h,
            ));
            ok(cp.set_string("OfxImageClipPropFieldOrder", 0, "OfxFieldNone", h));
            ok(cp.set_int("OfxImageClipPropConnected", 0, i32::from(name == OUTPUT), h));
            ok(cp.set_string(
                "OfxImageEffectPropPreMultiplication",
                0,
                "OfxImageAlphaPremultiplied",
                h,
            ));
            let cp = state::add_property_set(cp);
            let mut st = state::lock();
            let clip = st.clips.insert(ClipEntry {
                session: shared.id,
                effect: handle,
                name: name.clone(),
                props: cp,
                instance: true,
                feed: None,
            });
            if let Ok(e) = st.effects.get_mut(handle) {
                e.clips.push((name.clone(), clip));
            }
        }
        let inst = Instance {
            plugin,
            handle,
            context,
            prefs: Mutex::new(None),
            prefs_writes: std::sync::atomic::AtomicU64::new(0),
        };
        // Until getClipPreferences runs, clips carry the host's defaults.
        let defaults = inst.default_preferences();
        inst.store_preferences(&defaults);
        let status = plugin.send(
            ofx_sys::kOfxActionCreateInstance,
            handle.raw(),
            None,
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            // No DestroyInstance for an instance that was never created.
            let inst = std::mem::ManuallyDrop::new(inst);
            free_effect(inst.handle);
            return Err(HostError::Action {
                action: "OfxActionCreateInstance".into(),
                status,
            });
        }
        Ok(inst)
    }

    /// The raw instance handle (as the plugin sees it).
    pub fn handle(&self) -> usize {
        self.handle.raw()
    }

    /// The context the instance was created in.
    pub fn context(&self) -> Context {
        self.context
    }

    /// The plugin.
    pub fn plugin(&self) -> &'p Plugin<'p> {
        self.plugin
    }

    /// A copy of the instance's properties.
    pub fn props(&self) -> PropertySet {
        effect_props(self.handle)
    }

    /// The names of the instance's clips, in definition order.
    pub fn clip_names(&self) -> Vec<String> {
        state::lock()
            .effects
            .get(self.handle)
            .map(|e| e.clips.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default()
    }

    pub(crate) fn clip_handle(&self, name: &str) -> Result<Handle, HostError> {
        state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.clip(name))
            .ok_or_else(|| HostError::NotFound(format!("clip '{name}'")))
    }

    /// The raw handle of clip `name`.
    pub fn clip_raw_handle(&self, name: impl AsRef<str>) -> Result<usize, HostError> {
        let name = name.as_ref();
        self.clip_handle(name).map(Handle::raw)
    }

    /// A copy of clip `name`'s properties.
    pub fn clip_props(&self, name: impl AsRef<str>) -> Result<PropertySet, HostError> {
        let name = name.as_ref();
        let c = self.clip_handle(name)?;
        let st = state::lock();
        let props = st.clips.get(c).map(|c| c.props).ok();
        props
            .and_then(|p| st.property_sets.get(p).ok().cloned())
            .ok_or_else(|| HostError::NotFound(format!("clip '{name}'")))
    }

    fn with_clip_props<R>(&self, name: &str, f: impl FnOnce(&mut PropertySet) -> R) -> Option<R> {
        let c = self.clip_handle(name).ok()?;
        let p = state::lock().clips.get(c).ok()?.props;
        state::with_property_set(p, f).ok()
    }

    pub(crate) fn feed(&self, name: &str) -> Option<Arc<ClipFeed>> {
        let c = self.clip_handle(name).ok()?;
        state::lock().clips.get(c).ok()?.feed.clone()
    }

    /// Sends any action to this instance with raw argument set handles;
    /// returns the plugin's status as is (logged like every other call).
    pub fn call_action(
        &self,
        action: &std::ffi::CStr,
        in_args: Option<usize>,
        out_args: Option<usize>,
    ) -> OfxStatus {
        self.plugin
            .call_action(action, self.handle.raw(), in_args, out_args)
    }

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

    // ----------------------------------------------------- parameters

    /// The raw handle of the instance's parameter set, when it has one.
    pub fn param_set_handle(&self) -> Option<usize> {
        state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set)
            .map(Handle::raw)
    }

    /// Sets parameter `name` as a user would (a key at `time` when it is
    /// animated), then sends the begin / instance changed / end bracket with
    /// reason `kOfxChangeUserEdited`.
    pub fn set_param_at(
        &mut self,
        name: &str,
        time: Option<f64>,
        value: impl Into<ParamValue>,
    ) -> Result<(), HostError> {
        let value = value.into();
        let set = state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set);
        host_set_param(set, name, time, value)?;
        *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let t = time.unwrap_or(self.plugin.shared().config.project.frame_range.0);
        self.instance_changed(Changed::Param(name), t)
    }

    /// Every parameter of the instance, in definition order: type, labels,
    /// default, ranges, options and the whole property set.
    pub fn params(&self) -> Result<Vec<crate::paramset::ParamInfo>, HostError> {
        match self.param_set() {
            Some(s) => crate::paramset::describe(s),
            None => Ok(Vec::new()),
        }
    }

    /// The value of parameter `name` at `time`.
    pub fn param_value(&self, name: &str, time: f64) -> Result<ParamValue, HostError> {
        let set = self.param_set().ok_or_else(|| {
            HostError::NotFound(format!(
                "parameter '{name}': the instance has no parameter set"
            ))
        })?;
        crate::paramset::value_at(set, name, time)
    }

    /// Sets parameter `name` from text, as a command line gives it (see
    /// [`ParamValue::parse`]), then sends the instance-changed bracket.
    pub fn set_param_text(&mut self, name: &str, text: &str) -> Result<(), HostError> {
        let info = self
            .params()?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                let known: Vec<String> = self
                    .params()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| p.kind != crate::params::ParamKind::NoValue)
                    .map(|p| p.name)
                    .collect();
                HostError::NotFound(format!("parameter '{name}' (known: {})", known.join(", ")))
            })?;
        let value = ParamValue::parse(info.kind, text, &info.options)
            .map_err(|e| HostError::Invalid(format!("parameter '{name}': {e}")))?;
        self.set_param(name, value)
    }

    /// Open `paramEditBegin` blocks on the instance's parameter set.
    pub fn param_edit_depth(&self) -> usize {
        self.param_set().map_or(0, crate::paramset::edit_depth)
    }

    fn param_set(&self) -> Option<Handle> {
        state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set)
    }

    /// Sets parameter `name` (see [`Instance::set_param_at`]).
    pub fn set_param(&mut self, name: &str, value: impl Into<ParamValue>) -> Result<(), HostError> {
        self.set_param_at(name, None, value)
    }

    /// Sets choice parameter `name` to the option labelled `label` (see
    /// [`Instance::set_param_at`]). Errors when there is no such parameter
    /// or option.
    pub fn set_choice(&mut self, name: &str, label: &str) -> Result<(), HostError> {
        let info = self
            .params()?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| HostError::NotFound(format!("parameter '{name}'")))?;
        let index = info
            .options
            .iter()
            .position(|o| o == label)
            .ok_or_else(|| {
                HostError::NotFound(format!(
                    "parameter '{name}': no option '{label}' (options: {})",
                    info.options.join(", ")
                ))
            })?;
        let value = match info.kind {
            // A string choice's value is the enum string at the option's index.
            crate::params::ParamKind::StrChoice => {
                let enums = info
                    .props
                    .get_string_n("OfxParamPropChoiceEnum")
                    .unwrap_or_default();
                let e = enums.get(index).ok_or_else(|| {
                    HostError::Invalid(format!("parameter '{name}': option '{label}' has no enum"))
                })?;
                ParamValue::from(e.as_str())
            }
            _ => ParamValue::from(index as i32),
        };
        self.set_param(name, value)
    }

    /// Sends `kOfxActionBeginInstanceChanged`, `kOfxActionInstanceChanged`
    /// (for the parameter or clip `what`) and
    /// `kOfxActionEndInstanceChanged`, reason user edited. With
    /// [`notify_plugin_edits`](crate::driver::HostConfig::notify_plugin_edits)
    /// on, the parameters the plugin wrote meanwhile are then announced to
    /// it the same way, reason plugin edited, round after round while it
    /// keeps writing (at most
    /// [`PLUGIN_EDIT_ROUNDS`](crate::driver::PLUGIN_EDIT_ROUNDS) rounds).
    pub fn instance_changed(&self, what: Changed<'_>, time: f64) -> Result<(), HostError> {
        let notify = self.plugin.session.shared.config.notify_plugin_edits;
        let set = state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set);
        let Some(set) = set.filter(|_| notify) else {
            return self.instance_changed_because(what, time, ChangeReason::UserEdited);
        };
        // Writes from earlier actions are not this edit's consequences.
        crate::paramset::take_pending_edits(set);
        self.instance_changed_because(what, time, ChangeReason::UserEdited)?;
        for _ in 0..crate::driver::PLUGIN_EDIT_ROUNDS {
            let edited = crate::paramset::take_pending_edits(set);
            if edited.is_empty() {
                return Ok(());
            }
            for param in edited {
                self.instance_changed_because(
                    Changed::Param(&param),
                    time,
                    ChangeReason::PluginEdited,
                )?;
            }
        }
        let still = crate::paramset::take_pending_edits(set);
        if !still.is_empty() {
            self.plugin.session.shared.log.violation(
                ViolationKind::PluginEditLoop,
                format!(
                    "after {} rounds of plugin-edited notifications the plugin still writes {still:?}: \
                     a host that notifies plugin edits would loop forever",
                    crate::driver::PLUGIN_EDIT_ROUNDS
                ),
            );
        }
        Ok(())
    }

    /// The begin / instance changed / end bracket with `reason`.
    fn instance_changed_because(
        &self,
        what: Changed<'_>,
        time: f64,
        reason: ChangeReason,
    ) -> Result<(), HostError> {
        let (kind, name) = (what.ofx_type(), what.name());
        let info = CallInfo {
            time: Some(time),
            user_edited: reason == ChangeReason::UserEdited,
            render: None,
        };
        let mut begin = arg_set(
            "inArgs:BeginInstanceChanged",
            &["OfxPropChangeReason", "OfxImageEffectPropThumbnailRender"],
            false,
        );
        ok(begin.set_string("OfxPropChangeReason", 0, reason.ofx_name(), Writer::Host));
        ok(begin.set_string(
            "OfxImageEffectPropThumbnailRender",
            0,
            "false",
            Writer::Host,
        ));
        let (s1, _) = with_registered(begin, |h| {
            self.plugin.send(
                ofx_sys::kOfxActionBeginInstanceChanged,
                self.handle.raw(),
                Some(h),
                None,
                info.clone(),
            )
        });
        let mut changed = arg_set(
            "inArgs:InstanceChanged",
            &[
                "OfxPropType",
                "OfxPropName",
                "OfxPropChangeReason",
                "OfxPropTime",
                "OfxImageEffectPropRenderScale",
                "OfxImageEffectPropThumbnailRender",
            ],
            false,
        );
        ok(changed.set_string("OfxPropType", 0, kind, Writer::Host));
        ok(changed.set_string("OfxPropName", 0, name, Writer::Host));
        ok(changed.set_string("OfxPropChangeReason", 0, reason.ofx_name(), Writer::Host));
        ok(changed.set_double("OfxPropTime", 0, time, Writer::Host));
        ok(changed.set_double_n("OfxImageEffectPropRenderScale", &[1.0, 1.0], Writer::Host));
        ok(changed.set_string(
            "OfxImageEffectPropThumbnailRender",
            0,
            "false",
            Writer::Host,
        ));
        let (s2, _) = with_registered(changed, |h| {
            self.plugin.send(
                ofx_sys::kOfxActionInstanceChanged,
                self.handle.raw(),
                Some(h),
                None,
                info.clone(),
            )
        });
        let mut end = arg_set("inArgs:EndInstanceChanged", &["OfxPropChangeReason"], false);
        ok(end.set_string("OfxPropChangeReason", 0, reason.ofx_name(), Writer::Host));
        let (s3, _) = with_registered(end, |h| {
            self.plugin.send(
                ofx_sys::kOfxActionEndInstanceChanged,
                self.handle.raw(),
                Some(h),
                None,
                info.clone(),
            )
        });
        for (action, s) in [
            ("OfxActionBeginInstanceChanged", s1),
            ("OfxActionInstanceChanged", s2),
            ("OfxActionEndInstanceChanged", s3),
        ] {
            if !matches!(s, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
                return Err(HostError::Action {
                    action: action.into(),
                    status: s,
                });
            }
        }
        Ok(())
    }

    // ---------------------------------------------------- preferences

    fn descriptor_props(&self) -> PropertySet {
        // The instance's plugin-declared capabilities live on the context
        // descriptor it was made from.
        self.plugin
            .context_descriptor(self.context)
            .map(effect_props)
            .unwrap_or_default()
    }

    fn clip_descriptor_props(&self, clip: &str) -> Option<PropertySet> {
        let d = self.plugin.context_descriptor(self.context).ok()?;
        let st = state::lock();
        let c = st.effects.get(d).ok()?.clip(clip)?;
        let p = st.clips.get(c).ok()?.props;
        st.property_sets.get(p).ok().cloned()
    }

    /// Depths both the plugin and the host support, shallowest first.
    pub(crate) fn usable_depths(&self) -> Vec<Depth> {
        let cfg = &self.plugin.shared().config;
        let declared: Vec<Depth> = self
            .descriptor_props()
            .get_string_n("OfxImageEffectPropSupportedPixelDepths")
            .unwrap_or_default()
            .iter()
            .filter_map(|d| Depth::from_ofx_name(d))
            .collect();
        let mut v: Vec<Depth> = cfg
            .depths
            .iter()
            .copied()
            .filter(|d| declared.is_empty() || declared.contains(d))
            .collect();
        v.sort();
        v
    }

    /// Components clip `clip` accepts (and the host supports).
    pub(crate) fn usable_components(&self, clip: &str) -> Vec<Components> {
        let cfg = &self.plugin.shared().config;
        let declared: Vec<Components> = self
            .clip_descriptor_props(clip)
            .and_then(|p| p.get_string_n("OfxImageEffectPropSupportedComponents").ok())
            .unwrap_or_default()
            .iter()
            .filter_map(|c| Components::from_ofx_name(c))
            .collect();
        declared
            .into_iter()
            .filter(|c| cfg.components.contains(c))
            .collect()
    }

    /// The host's defaults, before the plugin says anything.
    pub(crate) fn default_preferences(&self) -> ClipPreferences {
        let cfg = &self.plugin.shared().config;
        let depths = self.usable_depths();
        let deepest = depths.last().copied().unwrap_or(Depth::F32);
        let mut clips = BTreeMap::new();
        let mut out_comps = None;
        let mut out_depth: Option<Depth> = None;
        let mut premult = Premultiplication::PreMultiplied;
        for name in self.clip_names() {
            if name == OUTPUT {
                continue;
            }
            let comps_ok = self.usable_components(&name);
            let feed = self.feed(&name);
            let native = feed.as_ref().and_then(|f| f.native);
            let comps = native
                .map(|(_, c)| c)
                .filter(|c| comps_ok.contains(c))
                .or_else(|| {
                    native.filter(|(_, c)| *c == Components::Rgb).and(
                        comps_ok
                            .contains(&Components::Rgba)
                            .then_some(Components::Rgba),
                    )
                })
                .or_else(|| comps_ok.first().copied())
                .unwrap_or(Components::Rgba);
            let depth = native
                .map(|(d, _)| d)
                .filter(|d| depths.contains(d))
                .unwrap_or(deepest);
            let par = feed.as_ref().map_or(cfg.project.pixel_aspect_ratio, |f| {
                f.layout.pixel_aspect_ratio
            });
            if feed.is_some() && out_comps.is_none() {
                out_comps = Some(comps);
                if native.map(|(_, c)| c) == Some(Components::Rgb) {
                    premult = Premultiplication::Opaque;
                }
            }
            if feed.is_some() {
                out_depth = Some(out_depth.map_or(depth, |o| o.max(depth)));
            }
            clips.insert(
                name,
                ClipPreference {
                    depth,
                    components: comps,
                    pixel_aspect_ratio: par,
                },
            );
        }
        let out_ok = self.usable_components(OUTPUT);
        let out_c = out_comps
            .filter(|c| out_ok.contains(c))
            .or_else(|| {
                out_ok
                    .contains(&Components::Rgba)
                    .then_some(Components::Rgba)
            })
            .or_else(|| out_ok.first().copied())
            .unwrap_or(Components::Rgba);
        let out_d = out_depth.unwrap_or(deepest);
        if !cfg.multiple_clip_depths {
            for p in clips.values_mut() {
                p.depth = out_d;
            }
        }
        clips.insert(
            OUTPUT.to_string(),
            ClipPreference {
                depth: out_d,
                components: out_c,
                pixel_aspect_ratio: cfg.project.pixel_aspect_ratio,
            },
        );
        ClipPreferences {
            clips,
            premultiplication: premult,
            frame_rate: cfg.project.frame_rate,
            field_order: Field::None,
            continuous_samples: false,
            frame_varying: false,
            status: ofx_sys::kOfxStatReplyDefault,
        }
    }

    fn store_preferences(&self, prefs: &ClipPreferences) {
        for (name, p) in &prefs.clips {
            let unmapped = self.feed(name).and_then(|f| f.native);
            self.with_clip_props(name, |s| {
                let h = Writer::Host;
                ok(s.set_string(
                    "OfxImageEffectPropPixelDepth",
                    0,
                    &p.depth.ofx_name().to_string_lossy(),
                    h,
                ));
                ok(s.set_string(
                    "OfxImageEffectPropComponents",
                    0,
                    &p.components.ofx_name().to_string_lossy(),
                    h,
                ));
                ok(s.set_double("OfxImagePropPixelAspectRatio", 0, p.pixel_aspect_ratio, h));
                if name == OUTPUT {
                    ok(s.set_string(
                        "OfxImageEffectPropPreMultiplication",
                        0,
                        prefs.premultiplication.ofx_name(),
                        h,
                    ));
                    ok(s.set_double("OfxImageEffectPropFrameRate", 0, prefs.frame_rate, h));
                    ok(s.set_string(
                        "OfxImageClipPropFieldOrder",
                        0,
                        prefs.field_order.ofx_name(),
                        h,
                    ));
                    ok(s.set_string(
                        "OfxImageClipPropUnmappedPixelDepth",
                        0,
                        &p.depth.ofx_name().to_string_lossy(),
                        h,
                    ));
                    ok(s.set_string(
                        "OfxImageClipPropUnmappedComponents",
                        0,
                        &p.components.ofx_name().to_string_lossy(),
                        h,
                    ));
                } else {
                    let premult = if p.components == Components::Rgb {
                        Premultiplication::Opaque
                    } else {
                        Premultiplication::PreMultiplied
                    };
                    ok(s.set_string(
                        "OfxImageEffectPropPreMultiplication",
                        0,
                        premult.ofx_name(),
                        h,
                    ));
                    if unmapped.is_none() {
                        ok(s.set_string(
                            "OfxImageClipPropUnmappedPixelDepth",
                            0,
                            &p.depth.ofx_name().to_string_lossy(),
                            h,
                        ));
                        ok(s.set_string(
                            "OfxImageClipPropUnmappedComponents",
                            0,
                            &p.components.ofx_name().to_string_lossy(),
                            h,
                        ));
                    }
                }
            });
        }
    }

    /// Sends `kOfxImageEffectActionGetClipPreferences` (out-args filled with
    /// the host's defaults), checks what the plugin asked for against what
    /// the clip, the plugin and the host support (violations fall back to
    /// the default), and applies the result to the clips.
    pub fn clip_preferences(&self) -> Result<ClipPreferences, HostError> {
        let cfg = self.plugin.shared().config.clone();
        let defaults = self.default_preferences();
        let mut out = arg_set(
            "outArgs:GetClipPreferences",
            &[
                "OfxImageClipPropContinuousSamples",
                "OfxImageClipPropFieldOrder",
                "OfxImageEffectFrameVarying",
                "OfxImageEffectPropFrameRate",
                "OfxImageEffectPropPreMultiplication",
            ],
            true,
        );
        let h = Writer::Host;
        for (name, p) in &defaults.clips {
            let (c, d, par) = (
                format!("OfxImageClipPropComponents_{name}"),
                format!("OfxImageClipPropDepth_{name}"),
                format!("OfxImageClipPropPAR_{name}"),
            );
            actions::define_clip_arg(&mut out, &c, PropType::String, Dimension::Fixed(1));
            actions::define_clip_arg(&mut out, &d, PropType::String, Dimension::Fixed(1));
            actions::define_clip_arg(&mut out, &par, PropType::Double, Dimension::Fixed(1));
            ok(out.set_string(&c, 0, &p.components.ofx_name().to_string_lossy(), h));
            ok(out.set_string(&d, 0, &p.depth.ofx_name().to_string_lossy(), h));
            ok(out.set_double(&par, 0, p.pixel_aspect_ratio, h));
        }
        ok(out.set_int("OfxImageClipPropContinuousSamples", 0, 0, h));
        ok(out.set_string(
            "OfxImageClipPropFieldOrder",
            0,
            defaults.field_order.ofx_name(),
            h,
        ));
        ok(out.set_int("OfxImageEffectFrameVarying", 0, 0, h));
        ok(out.set_double("OfxImageEffectPropFrameRate", 0, defaults.frame_rate, h));
        ok(out.set_string(
            "OfxImageEffectPropPreMultiplication",
            0,
            defaults.premultiplication.ofx_name(),
            h,
        ));
        let (status, out) = with_registered(out, |o| {
            self.plugin.send(
                ofx_sys::kOfxImageEffectActionGetClipPreferences,
                self.handle.raw(),
                None,
                Some(o),
                CallInfo::default(),
            )
        });
        let mut prefs = defaults.clone();
        prefs.status = status;
        match status {
            ofx_sys::kOfxStatOK => {}
            ofx_sys::kOfxStatReplyDefault => {
                self.store_preferences(&prefs);
                *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = Some(prefs.clone());
                return Ok(prefs);
            }
            s => {
                return Err(HostError::Action {
                    action: "OfxImageEffectActionGetClipPreferences".into(),
                    status: s,
                });
            }
        }
        let log = self.plugin.shared().log.clone();
        let depths = self.usable_depths();
        for (name, p) in prefs.clips.iter_mut() {
            let def = defaults.clips[name];
            let comps = out
                .get_string(&format!("OfxImageClipPropComponents_{name}"), 0)
                .unwrap_or_default();
            match Components::from_ofx_name(&comps) {
                Some(c) if self.usable_components(name).contains(&c) => p.components = c,
                _ => log.violation(
                    ViolationKind::BadClipPreferences,
                    format!(
                        "clip '{name}': components '{comps}' are not among those the clip supports"
                    ),
                ),
            }
            let depth = out
                .get_string(&format!("OfxImageClipPropDepth_{name}"), 0)
                .unwrap_or_default();
            match Depth::from_ofx_name(&depth) {
                Some(d) if depths.contains(&d) => {
                    if d != def.depth && !cfg.multiple_clip_depths {
                        log.violation(
                            ViolationKind::BadClipPreferences,
                            format!("clip '{name}': depth '{depth}' asked for, but the host does not support multiple clip depths"),
                        );
                    } else {
                        p.depth = d;
                    }
                }
                _ => log.violation(
                    ViolationKind::BadClipPreferences,
                    format!(
                        "clip '{name}': depth '{depth}' is not supported by the plugin and the host"
                    ),
                ),
            }
            let par = out
                .get_double(&format!("OfxImageClipPropPAR_{name}"), 0)
                .unwrap_or(def.pixel_aspect_ratio);
            if par != def.pixel_aspect_ratio {
                if cfg.multiple_clip_pars && par > 0.0 {
                    p.pixel_aspect_ratio = par;
                } else {
                    log.violation(
                        ViolationKind::BadClipPreferences,
                        format!("clip '{name}': pixel aspect ratio {par} asked for, but the host does not support multiple clip PARs"),
                    );
                }
            }
        }
        if let Ok(s) = out.get_string("OfxImageEffectPropPreMultiplication", 0) {
            match Premultiplication::parse(&s) {
                Some(p) => prefs.premultiplication = p,
                None => log.violation(
                    ViolationKind::BadClipPreferences,
                    format!("output premultiplication '{s}' is not an OpenFX value"),
                ),
            }
        }
        prefs.frame_rate = out
            .get_double("OfxImageEffectPropFrameRate", 0)
            .unwrap_or(prefs.frame_rate);
        if let Ok(s) = out.get_string("OfxImageClipPropFieldOrder", 0) {
            match Field::parse(&s) {
                Some(f) => prefs.field_order = f,
                None => log.violation(
                    ViolationKind::BadClipPreferences,
                    format!("output field order '{s}' is not an OpenFX value"),
                ),
            }
        }
        prefs.continuous_samples = out
            .get_int("OfxImageClipPropContinuousSamples", 0)
            .unwrap_or(0)
            != 0;
        prefs.frame_varying = out.get_int("OfxImageEffectFrameVarying", 0).unwrap_or(0) != 0;
        self.store_preferences(&prefs);
        *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = Some(prefs.clone());
        Ok(prefs)
    }

    /// The clip preferences in force, asking the plugin if they are not
    /// known (after creation, a connection or a parameter change).
    /// Values the plugin wrote since are taken into account: they may
    /// change its preferences.
    pub fn current_preferences(&self) -> Result<ClipPreferences, HostError> {
        let writes = self.param_set().map_or(0, crate::paramset::plugin_writes);
        let fresh = writes == self.prefs_writes.load(std::sync::atomic::Ordering::Relaxed);
        if fresh && let Some(p) = self.prefs.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            return Ok(p);
        }
        let p = self.clip_preferences()?;
        self.prefs_writes
            .store(writes, std::sync::atomic::Ordering::Relaxed);
        Ok(p)
    }

    // ---------------------------------------------------------- queries

    /// The host's default region of definition: the union of the connected
    /// inputs' RoDs, or the project's extent when none is connected (and for
    /// generators).
    pub fn default_region_of_definition(&self, time: f64) -> OfxRectD {
        let cfg = &self.plugin.shared().config;
        if self.context == Context::Generator {
            return project_rect(&cfg.project);
        }
        let mut acc = None;
        for name in self.clip_names() {
            if name == OUTPUT {
                continue;
            }
            if let Some(r) = self.feed(&name).and_then(|f| f.rod(time)) {
                acc = Some(union(acc, r));
            }
        }
        acc.unwrap_or_else(|| project_rect(&cfg.project))
    }

    /// Sends `kOfxImageEffectActionGetRegionOfDefinition`; the host's
    /// default when the plugin does not trap it.
    pub fn region_of_definition(&self, time: f64, scale: OfxPointD) -> Result<OfxRectD, HostError> {
        self.current_preferences()?;
        let default = self.default_region_of_definition(time);
        let mut input = arg_set(
            "inArgs:GetRegionOfDefinition",
            &[
                "OfxPropTime",
                "OfxImageEffectPropRenderScale",
                "OfxImageEffectPropThumbnailRender",
            ],
            false,
        );
        ok(input.set_double("OfxPropTime", 0, time, Writer::Host));
        ok(input.set_double_n(
            "OfxImageEffectPropRenderScale",
            &[scale.x, scale.y],
            Writer::Host,
        ));
        ok(input.set_string(
            "OfxImageEffectPropThumbnailRender",
            0,
            "false",
            Writer::Host,
        ));
        let mut out = arg_set(
            "outArgs:GetRegionOfDefinition",
            &["OfxImageEffectPropRegionOfDefinition"],
            true,
        );
        set_rect_d(&mut out, "OfxImageEffectPropRegionOfDefinition", default);
        let (status, out) = with_registered(out, |o| {
            let (s, _) = with_registered(input, |i| {
                self.plugin.send(
                    ofx_sys::kOfxImageEffectActionGetRegionOfDefinition,
                    self.handle.raw(),
                    Some(i),
                    Some(o),
                    CallInfo {
                        time: Some(time),
                        ..CallInfo::default()
                    },
                )
            });
            s
        });
        let rod = match status {
            ofx_sys::kOfxStatOK => {
                get_rect_d(&out, "OfxImageEffectPropRegionOfDefinition").unwrap_or(default)
            }
            ofx_sys::kOfxStatReplyDefault => default,
            s => {
                return Err(HostError::Action {
                    action: "OfxImageEffectActionGetRegionOfDefinition".into(),
                    status: s,
                });
            }
        };
        if let Ok(e) = state::lock().effects.get_mut(self.handle) {
            e.rods.retain(|(t, _)| *t != time);
            if e.rods.len() >= 16 {
                e.rods.remove(0);
            }
            e.rods.push((time, rod));
        }
        Ok(rod)
    }

    /// Sends `kOfxImageEffectActionGetRegionsOfInterest` for the output
    /// region `roi` (canonical); the RoI of each input clip (the host's
    /// default is `roi` itself).
    pub fn regions_of_interest(
        &self,
        time: f64,
        scale: OfxPointD,
        roi: OfxRectD,
    ) -> Result<BTreeMap<String, OfxRectD>, HostError> {
        self.current_preferences()?;
        let inputs: Vec<String> = self
            .clip_names()
            .into_iter()
            .filter(|n| n != OUTPUT)
            .collect();
        let mut input = arg_set(
            "inArgs:GetRegionsOfInterest",
            &[
                "OfxPropTime",
                "OfxImageEffectPropRenderScale",
                "OfxImageEffectPropRegionOfInterest",
                "OfxImageEffectPropThumbnailRender",
            ],
            false,
        );
        ok(input.set_double("OfxPropTime", 0, time, Writer::Host));
        ok(input.set_double_n(
            "OfxImageEffectPropRenderScale",
            &[scale.x, scale.y],
            Writer::Host,
        ));
        set_rect_d(&mut input, "OfxImageEffectPropRegionOfInterest", roi);
        ok(input.set_string(
            "OfxImageEffectPropThumbnailRender",
            0,
            "false",
            Writer::Host,
        ));
        let mut out = PropertySet::empty("outArgs:GetRegionsOfInterest");
        for n in &inputs {
            let p = format!("OfxImageClipPropRoI_{n}");
            actions::define_clip_arg(&mut out, &p, PropType::Double, Dimension::Fixed(4));
            set_rect_d(&mut out, &p, roi);
        }
        let (status, out) = with_registered(out, |o| {
            with_registered(input, |i| {
                self.plugin.send(
                    ofx_sys::kOfxImageEffectActionGetRegionsOfInterest,
                    self.handle.raw(),
                    Some(i),
                    Some(o),
                    CallInfo {
                        time: Some(time),
                        ..CallInfo::default()
                    },
                )
            })
            .0
        });
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            return Err(HostError::Action {
                action: "OfxImageEffectActionGetRegionsOfInterest".into(),
                status,
            });
        }
        Ok(inputs
            .into_iter()
            .map(|n| {
                let r = if status == ofx_sys::kOfxStatOK {
                    get_rect_d(&out, &format!("OfxImageClipPropRoI_{n}")).unwrap_or(roi)
                } else {
                    roi
                };
                (n, r)
            })
            .collect())
    }

    /// Sends `kOfxImageEffectActionGetFramesNeeded`: the frame ranges each
    /// input clip needs to render `time` (the host's default is `time`).
    pub fn frames_needed(&self, time: f64) -> Result<BTreeMap<String, Vec<OfxRangeD>>, HostError> {
        let inputs: Vec<String> = self
            .clip_names()
            .into_iter()
            .filter(|n| n != OUTPUT)
            .collect();
        let mut input = arg_set(
            "inArgs:GetFramesNeeded",
            &["OfxPropTime", "OfxImageEffectPropThumbnailRender"],
            false,
        );
        ok(input.set_double("OfxPropTime", 0, time, Writer::Host));
        ok(input.set_string(
            "OfxImageEffectPropThumbnailRender",
            0,
            "false",
            Writer::Host,
        ));
        let mut out = PropertySet::empty("outArgs:GetFramesNeeded");
        for n in &inputs {
            let p = format!("OfxImageClipPropFrameRange_{n}");
            actions::define_clip_arg(&mut out, &p, PropType::Double, Dimension::Variable);
            ok(out.set_double_n(&p, &[time, time], Writer::Host));
        }
        let (status, out) = with_registered(out, |o| {
            with_registered(input, |i| {
                self.plugin.send(
                    ofx_sys::kOfxImageEffectActionGetFramesNeeded,
                    self.handle.raw(),
                    Some(i),
                    Some(o),
                    CallInfo {
                        time: Some(time),
                        ..CallInfo::default()
                    },
                )
            })
            .0
        });
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            return Err(HostError::Action {
                action: "OfxImageEffectActionGetFramesNeeded".into(),
                status,
            });
        }
        Ok(inputs
            .into_iter()
            .map(|n| {
                let v = if status == ofx_sys::kOfxStatOK {
                    out.get_double_n(&format!("OfxImageClipPropFrameRange_{n}"))
                        .unwrap_or_default()
                } else {
                    vec![time, time]
                };
                let ranges = v
                    .chunks_exact(2)
                    .map(|c| OfxRangeD {
                        min: c[0],
                        max: c[1],
                    })
                    .collect();
                (n, ranges)
            })
            .collect())
    }

    /// Sends `kOfxImageEffectActionIsIdentity`: `Some((clip, time))` when
    /// the plugin says the output is that clip's frame.
    pub fn is_identity(
        &self,
        time: f64,
        scale: OfxPointD,
        window: OfxRectI,
    ) -> Result<Option<(String, f64)>, HostError> {
        self.current_preferences()?;
        let mut input = arg_set(
            "inArgs:IsIdentity",
            &[
                "OfxPropTime",
                "OfxImageEffectPropFieldToRender",
                "OfxImageEffectPropRenderWindow",
                "OfxImageEffectPropRenderScale",
                "OfxImageEffectPropThumbnailRender",
            ],
            false,
        );
        ok(input.set_double("OfxPropTime", 0, time, Writer::Host));
        ok(input.set_string(
            "OfxImageEffectPropFieldToRender",
            0,
            "OfxFieldNone",
            Writer::Host,
        ));
        set_rect_i(&mut input, "OfxImageEffectPropRenderWindow", window);
        ok(input.set_double_n(
            "OfxImageEffectPropRenderScale",
            &[scale.x, scale.y],
            Writer::Host,
        ));
        ok(input.set_string(
            "OfxImageEffectPropThumbnailRender",
            0,
            "false",
            Writer::Host,
        ));
        let mut out = arg_set("outArgs:IsIdentity", &["OfxPropName", "OfxPropTime"], true);
        ok(out.set_string("OfxPropName", 0, "", Writer::Host));
        ok(out.set_double("OfxPropTime", 0, time, Writer::Host));
        let (status, out) = with_registered(out, |o| {
            with_registered(input, |i| {
                self.plugin.send(
                    ofx_sys::kOfxImageEffectActionIsIdentity,
                    self.handle.raw(),
                    Some(i),
                    Some(o),
                    CallInfo {
                        time: Some(time),
                        ..CallInfo::default()
                    },
                )
            })
            .0
        });
        match status {
            ofx_sys::kOfxStatOK => {
                let name = out.get_string("OfxPropName", 0).unwrap_or_default();
                let t = out.get_double("OfxPropTime", 0).unwrap_or(time);
                if self.clip_handle(&name).is_err() {
                    self.plugin.shared().log.violation(
                        ViolationKind::BadStatus,
                        format!("isIdentity answered OK with clip '{name}', which the instance does not have"),
                    );
                }
                Ok(Some((name, t)))
            }
            ofx_sys::kOfxStatReplyDefault => Ok(None),
            s => Err(HostError::Action {
                action: "OfxImageEffectActionIsIdentity".into(),
                status: s,
            }),
        }
    }

    /// Sends `kOfxImageEffectActionGetTimeDomain` (general context only, as
    /// the spec says): the frame range the effect can produce, or the
    /// project's range when the plugin does not trap it.
    pub fn time_domain(&self) -> Result<OfxRangeD, HostError> {
        let (a, b) = self.plugin.shared().config.project.frame_range;
        if self.context != Context::General {
            return Ok(OfxRangeD { min: a, max: b });
        }
        let mut out = arg_set(
            "outArgs:GetTimeDomain",
            &["OfxImageEffectPropFrameRange"],
            true,
        );
        ok(out.set_double_n("OfxImageEffectPropFrameRange", &[a, b], Writer::Host));
        let (status, out) = with_registered(out, |o| {
            self.plugin.send(
                ofx_sys::kOfxImageEffectActionGetTimeDomain,
                self.handle.raw(),
                None,
                Some(o),
                CallInfo::default(),
            )
        });
        match status {
            ofx_sys::kOfxStatOK => {
                let v = out
                    .get_double_n("OfxImageEffectPropFrameRange")
                    .unwrap_or_default();
                Ok(OfxRangeD {
                    min: v.first().copied().unwrap_or(a),
                    max: v.get(1).copied().unwrap_or(b),
                })
            }
            ofx_sys::kOfxStatReplyDefault => Ok(OfxRangeD { min: a, max: b }),
            s => Err(HostError::Action {
                action: "OfxImageEffectActionGetTimeDomain".into(),
                status: s,
            }),
        }
    }
}

impl Drop for Instance<'_> {
    fn drop(&mut self) {
        let _ = self.plugin.send(
            ofx_sys::kOfxActionDestroyInstance,
            self.handle.raw(),
            None,
            None,
            CallInfo::default(),
        );
        let shared = self.plugin.shared();
        let raw = self.handle.raw();
        let leaked: Vec<(Handle, usize)> = {
            let mut st = state::lock();
            let hs: Vec<(Handle, usize)> = st
                .image_memory
                .iter()
                .filter(|(_, m)| m.owner == raw)
                .map(|(h, m)| (h, m.len))
                .collect();
            for (h, _) in &hs {
                let _ = st.image_memory.remove(*h);
            }
            hs
        };
        for (h, len) in leaked {
            shared.log.violation(
                ViolationKind::LeakedMemory,
                format!("image memory {:#x} ({len} bytes) of instance {raw:#x} not freed by DestroyInstance", h.raw()),
            );
        }
        let open = self.param_edit_depth();
        if open > 0 {
            shared.log.violation(
                ViolationKind::UnbalancedLock,
                format!("{open} paramEditBegin block(s) of instance {raw:#x} still open at DestroyInstance"),
            );
        }
        free_effect(self.handle);
    }
}
