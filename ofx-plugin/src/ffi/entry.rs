//! The C entry points: per-plugin `setHost` and `mainEntry` trampolines, and
//! the decoding of each action into a call on the effect type.

use std::any::TypeId;
use std::ffi::{CStr, c_char, c_void};
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ofx_sys as sys;

use super::clip;
use super::props::PropSet;
use super::suites;
use crate::descriptor::{ContextDescriptor, EffectDescriptor};
use crate::effect::*;
use crate::error::{Error, Result};
use crate::instance::InstanceContext;
use crate::render::Render;
use crate::scope::Scope;
use crate::unwind::{drop_payload, panic_text};

/// What an action produced, before it becomes a status.
enum Reply {
    Ok,
    Default,
}

impl From<Trapped> for Reply {
    fn from(t: Trapped) -> Reply {
        match t {
            Trapped::Yes => Reply::Ok,
            Trapped::No => Reply::Default,
        }
    }
}

/// The value stored in `kOfxPropInstanceData`: a type tag, then the effect
/// and the instance context. Fields drop in order: the effect's own `Drop`
/// may still use its clips and parameters, and the context, dropped after
/// it, ends the instance's scope.
#[repr(C)]
pub(crate) struct InstanceData<P> {
    tag: TypeId,
    pub(crate) effect: P,
    pub(crate) ctx: InstanceContext,
}

fn post_error(handle: *const c_void, text: &str) {
    if let Err(p) = catch_unwind(|| {
        let _ = super::services::message(handle.cast_mut(), sys::kOfxMessageError, text);
    }) {
        drop_payload(p);
    }
}

/// `setHost` of plugin `P`: records the host.
///
/// # Safety
/// `host` must be null or point to a host record that outlives the plugin.
pub unsafe extern "C" fn set_host<P: Plugin>(host: *mut sys::OfxHost) {
    if let Err(p) = catch_unwind(|| suites::set_host(host)) {
        drop_payload(p);
    }
}

/// `mainEntry` of plugin `P`: decodes the action and calls `P`.
///
/// # Safety
/// Called by the host with the arguments the OFX API defines for `action`.
pub unsafe extern "C" fn main_entry<P: Plugin>(
    action: *const c_char,
    handle: *const c_void,
    in_args: sys::OfxPropertySetHandle,
    out_args: sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    if action.is_null() {
        return sys::kOfxStatErrBadHandle;
    }
    // SAFETY: the host passes a NUL-terminated action string.
    let action = unsafe { CStr::from_ptr(action) };
    match catch_unwind(AssertUnwindSafe(|| {
        dispatch::<P>(action, handle, in_args, out_args)
    })) {
        Ok(Ok(Reply::Ok)) => sys::kOfxStatOK,
        Ok(Ok(Reply::Default)) => {
            if action == sys::kOfxImageEffectActionRender
                || action == sys::kOfxActionCreateInstance
                || action == sys::kOfxActionDestroyInstance
            {
                sys::kOfxStatOK
            } else {
                sys::kOfxStatReplyDefault
            }
        }
        Ok(Err(e)) => {
            // A failure the plugin explained is shown to the user through
            // the host's message suite (when there is one).
            if e.message().is_some() {
                let text = format!(
                    "{}: {} failed: {e}",
                    P::ID.to_string_lossy(),
                    action.to_string_lossy()
                );
                post_error(handle, &text);
            }
            let st = e.status();
            if st == sys::kOfxStatReplyDefault || st == sys::kOfxStatOK {
                sys::kOfxStatFailed
            } else {
                st
            }
        }
        Err(p) => {
            let text = format!(
                "{}: panic in {}: {}",
                P::ID.to_string_lossy(),
                action.to_string_lossy(),
                panic_text(&*p)
            );
            drop_payload(p);
            post_error(handle, &text);
            sys::kOfxStatFailed
        }
    }
}

/// The scope of the descriptor handles of one describe action, ended when
/// the action returns (also on error or panic).
struct DescribeScope(Scope);

impl DescribeScope {
    fn new<P: Plugin>(action: &'static str) -> DescribeScope {
        DescribeScope(Scope::new(
            format!("a descriptor of {}", P::ID.to_string_lossy()),
            action,
        ))
    }
}

impl Drop for DescribeScope {
    fn drop(&mut self) {
        self.0.end();
    }
}

fn effect_handle(handle: *const c_void) -> Result<sys::OfxImageEffectHandle> {
    if handle.is_null() {
        return Err(Error::bad_handle("the host passed a null effect handle"));
    }
    Ok(handle.cast_mut().cast())
}

/// Fetches the instance data of `P`, checking its type tag.
pub(crate) fn instance<'a, P: Plugin>(
    effect: sys::OfxImageEffectHandle,
) -> Result<&'a InstanceData<P>> {
    let props = clip::effect_props(effect)?;
    let ptr = props.get_pointer(sys::kOfxPropInstanceData, 0)?;
    if ptr.is_null() {
        return Err(Error::bad_handle("the instance has no instance data"));
    }
    // SAFETY: a non-null instance data pointer was set by create_instance
    // below to a live `InstanceData<_>`, whose first field (repr(C)) is a TypeId.
    let tag = unsafe { *ptr.cast::<TypeId>() };
    if tag != TypeId::of::<P>() {
        return Err(Error::bad_handle(
            "the instance data belongs to another plugin type",
        ));
    }
    // SAFETY: the tag matches, so the pointer is a `Box<InstanceData<P>>`
    // leaked at create-instance and freed only at destroy-instance.
    Ok(unsafe { &*ptr.cast::<InstanceData<P>>() })
}

fn in_props(h: sys::OfxPropertySetHandle) -> Result<PropSet> {
    PropSet::new(h)
}

fn opt_bool(p: &PropSet, name: &CStr) -> bool {
    p.get_bool(name, 0).unwrap_or(false)
}

/// Reads a 1.5 "true"/"false" string-enum flag, tolerating hosts that send
/// an int instead; absent means false.
fn opt_str_flag(p: &PropSet, name: &CStr) -> bool {
    match p.with_cstr(name, 0, |s| s == c"true") {
        Ok(v) => v,
        Err(_) => opt_bool(p, name),
    }
}

fn scale(p: &PropSet) -> RenderScale {
    p.get_double_array(sys::kOfxImageEffectPropRenderScale)
        .map_or(RenderScale::ONE, |[x, y]| RenderScale::new(x, y))
}

fn rect_i(p: &PropSet, name: &CStr) -> Result<RectI> {
    let v: [i32; 4] = p.get_int_array(name)?;
    Ok(RectI::new(v[0], v[1], v[2], v[3]))
}

fn field(p: &PropSet) -> Field {
    p.with_cstr(sys::kOfxImageEffectPropFieldToRender, 0, |s| {
        Field::parse(&s.to_string_lossy())
    })
    .unwrap_or(Field::None)
}

fn dispatch<P: Plugin>(
    action: &CStr,
    handle: *const c_void,
    in_args: sys::OfxPropertySetHandle,
    out_args: sys::OfxPropertySetHandle,
) -> Result<Reply> {
    // Render first: it is the hot path.
    if action == sys::kOfxImageEffectActionRender {
        let e = effect_handle(handle)?;
        let d = instance::<P>(e)?;
        let p = in_props(in_args)?;
        let args = RenderArgs {
            time: p.get_double(sys::kOfxPropTime, 0)?,
            field: field(&p),
            render_window: rect_i(&p, sys::kOfxImageEffectPropRenderWindow)?,
            render_scale: scale(&p),
            sequential: opt_bool(&p, sys::kOfxImageEffectPropSequentialRenderStatus),
            interactive: opt_bool(&p, sys::kOfxImageEffectPropInteractiveRenderStatus),
            draft: opt_bool(&p, sys::kOfxImageEffectPropRenderQualityDraft),
            thumbnail: opt_str_flag(&p, sys::kOfxImageEffectPropThumbnailRender),
            no_spatial_awareness: opt_str_flag(&p, sys::kOfxImageEffectPropNoSpatialAwareness),
        };
        let gpu = crate::gpu::RawGpu::read(&p)?;
        d.effect.render(&Render::new(&d.ctx, args, gpu))?;
        return Ok(Reply::Ok);
    }
    if action == sys::kOfxActionLoad {
        suites::load()?;
        return Ok(Reply::Ok);
    }
    if action == sys::kOfxActionUnload {
        suites::unload();
        return Ok(Reply::Ok);
    }
    if action == sys::kOfxActionDescribe {
        let e = effect_handle(handle)?;
        let scope = DescribeScope::new::<P>("kOfxActionDescribe");
        let mut d = EffectDescriptor {
            props: PropSet::scoped(clip::effect_props(e)?.handle(), &scope.0)?,
            plugin: Some(TypeId::of::<P>()),
        };
        if let Some(entry) = P::OVERLAY {
            d.set_overlay_entry(entry)?;
        }
        if let Some(l) = P::LABEL {
            d.label(l)?;
        }
        if let Some(g) = P::GROUP {
            d.grouping(g)?;
        }
        P::describe(&mut d)?;
        return Ok(Reply::Ok);
    }
    if action == sys::kOfxImageEffectActionDescribeInContext {
        let e = effect_handle(handle)?;
        let p = in_props(in_args)?;
        let context = Context::from_str_ofx(&p.get_string(sys::kOfxImageEffectPropContext, 0)?)?;
        let scope = DescribeScope::new::<P>("kOfxImageEffectActionDescribeInContext");
        let mut d = ContextDescriptor {
            effect: e,
            props: PropSet::scoped(clip::effect_props(e)?.handle(), &scope.0)?,
            param_set: crate::param::ParamSet::from_raw(clip::param_set(e)?, Some(&scope.0))?,
            context,
            deferred: Default::default(),
        };
        P::describe_in_context(&mut d, context)?;
        d.take_deferred()?;
        return Ok(Reply::Ok);
    }
    if action == sys::kOfxActionCreateInstance {
        let e = effect_handle(handle)?;
        let ctx = InstanceContext::new(e, format!("an instance of {}", P::ID.to_string_lossy()))?;
        let effect = P::create_instance(&ctx)?;
        let data = Box::new(InstanceData {
            tag: TypeId::of::<P>(),
            effect,
            ctx,
        });
        let ptr = Box::into_raw(data);
        if let Err(err) = ptr_set(e, ptr.cast()) {
            // SAFETY: `ptr` came from Box::into_raw just above and was not shared.
            drop(unsafe { Box::from_raw(ptr) });
            return Err(err);
        }
        return Ok(Reply::Ok);
    }
    if action == sys::kOfxActionDestroyInstance {
        let e = effect_handle(handle)?;
        let d: *const InstanceData<P> = instance::<P>(e)?;
        ptr_set(e, std::ptr::null_mut())?;
        // SAFETY: `d` is the Box leaked at create-instance (tag checked); the
        // host sends no further action on this instance, and the pointer was
        // cleared from the instance before freeing.
        drop(unsafe { Box::from_raw(d.cast_mut()) });
        return Ok(Reply::Ok);
    }

    // Every other action is about an existing instance.
    let known = [
        sys::kOfxImageEffectActionGetRegionOfDefinition,
        sys::kOfxImageEffectActionGetRegionsOfInterest,
        sys::kOfxImageEffectActionGetFramesNeeded,
        sys::kOfxImageEffectActionGetTimeDomain,
        sys::kOfxImageEffectActionGetClipPreferences,
        sys::kOfxImageEffectActionIsIdentity,
        sys::kOfxImageEffectActionBeginSequenceRender,
        sys::kOfxImageEffectActionEndSequenceRender,
        sys::kOfxActionInstanceChanged,
        sys::kOfxActionBeginInstanceChanged,
        sys::kOfxActionEndInstanceChanged,
        sys::kOfxActionPurgeCaches,
        sys::kOfxActionSyncPrivateData,
        sys::kOfxActionBeginInstanceEdit,
        sys::kOfxActionEndInstanceEdit,
        sys::kOfxImageEffectActionGetOutputColourspace,
        crate::extensions::ACTION_GET_TRANSFORM,
        sys::kOfxActionOpenGLContextAttached,
        // The header defines this action's string with a leading "k"
        // ("kOfxActionOpenGLContextDetached"); ofx-sys mirrors it exactly.
        sys::kOfxActionOpenGLContextDetached,
    ];
    if !known.contains(&action) {
        return Ok(Reply::Default);
    }
    let e = effect_handle(handle)?;
    let d = instance::<P>(e)?;
    let (fx, i) = (&d.effect, &d.ctx);
    let life = PhantomData;

    if action == sys::kOfxImageEffectActionGetRegionOfDefinition {
        let p = in_props(in_args)?;
        let args = RegionOfDefinitionArgs {
            time: p.get_double(sys::kOfxPropTime, 0)?,
            render_scale: scale(&p),
            thumbnail: opt_str_flag(&p, sys::kOfxImageEffectPropThumbnailRender),
        };
        return match fx.region_of_definition(i, &args)? {
            None => Ok(Reply::Default),
            Some(r) => {
                in_props(out_args)?.set_doubles(
                    sys::kOfxImageEffectPropRegionOfDefinition,
                    &[r.x1, r.y1, r.x2, r.y2],
                )?;
                Ok(Reply::Ok)
            }
        };
    }
    if action == sys::kOfxImageEffectActionGetRegionsOfInterest {
        let p = in_props(in_args)?;
        let r: [f64; 4] = p.get_double_array(sys::kOfxImageEffectPropRegionOfInterest)?;
        let args = RegionsOfInterestArgs {
            time: p.get_double(sys::kOfxPropTime, 0)?,
            render_scale: scale(&p),
            region_of_interest: RectD::new(r[0], r[1], r[2], r[3]),
            thumbnail: opt_str_flag(&p, sys::kOfxImageEffectPropThumbnailRender),
        };
        let mut s = RoiSetter {
            out: in_props(out_args)?,
            _life: life,
        };
        return Ok(fx.regions_of_interest(i, &args, &mut s)?.into());
    }
    if action == sys::kOfxImageEffectActionGetFramesNeeded {
        let p = in_props(in_args)?;
        let args = FramesNeededArgs {
            time: p.get_double(sys::kOfxPropTime, 0)?,
            thumbnail: opt_str_flag(&p, sys::kOfxImageEffectPropThumbnailRender),
        };
        let mut s = FramesNeededSetter {
            out: in_props(out_args)?,
            _life: life,
        };
        return Ok(fx.frames_needed(i, &args, &mut s)?.into());
    }
    if action == sys::kOfxImageEffectActionGetTimeDomain {
        return match fx.time_domain(i)? {
            None => Ok(Reply::Default),
            Some(r) => {
                in_props(out_args)?.set_doubles(sys::kOfxImageEffectPropFrameRange, &r)?;
                Ok(Reply::Ok)
            }
        };
    }
    if action == sys::kOfxImageEffectActionGetClipPreferences {
        let mut s = ClipPreferencesSetter {
            out: in_props(out_args)?,
            _life: life,
        };
        return Ok(fx.clip_preferences(i, &mut s)?.into());
    }
    if action == sys::kOfxImageEffectActionIsIdentity {
        let p = in_props(in_args)?;
        let args = IsIdentityArgs {
            time: p.get_double(sys::kOfxPropTime, 0)?,
            field: field(&p),
            render_window: rect_i(&p, sys::kOfxImageEffectPropRenderWindow)?,
            render_scale: scale(&p),
            thumbnail: opt_str_flag(&p, sys::kOfxImageEffectPropThumbnailRender),
        };
        return match fx.is_identity(i, &args)? {
            Identity::No => Ok(Reply::Default),
            Identity::Clip { name, time } => {
                let o = in_props(out_args)?;
                o.set_string(sys::kOfxPropName, 0, &name)?;
                o.set_double(sys::kOfxPropTime, 0, time)?;
                Ok(Reply::Ok)
            }
        };
    }
    if action == sys::kOfxImageEffectActionBeginSequenceRender
        || action == sys::kOfxImageEffectActionEndSequenceRender
    {
        let p = in_props(in_args)?;
        let args = SequenceRenderArgs {
            frame_range: p.get_double_array(sys::kOfxImageEffectPropFrameRange)?,
            frame_step: p.get_double(sys::kOfxImageEffectPropFrameStep, 0)?,
            interactive: opt_bool(&p, sys::kOfxPropIsInteractive),
            render_scale: scale(&p),
            sequential: opt_bool(&p, sys::kOfxImageEffectPropSequentialRenderStatus),
            gpu: crate::gpu::RawGpu::read(&p)?.enabled(),
        };
        let t = if action == sys::kOfxImageEffectActionBeginSequenceRender {
            fx.begin_sequence_render(i, &args)?
        } else {
            fx.end_sequence_render(i, &args)?
        };
        return Ok(t.into());
    }
    if action == sys::kOfxActionInstanceChanged {
        let p = in_props(in_args)?;
        let ty = p.get_string(sys::kOfxPropType, 0)?;
        let kind = if ty.as_bytes() == sys::kOfxTypeParameter.to_bytes() {
            ChangedKind::Param
        } else if ty.as_bytes() == sys::kOfxTypeClip.to_bytes() {
            ChangedKind::Clip
        } else {
            ChangedKind::Other(ty)
        };
        let args = InstanceChangedArgs {
            kind,
            name: p.get_string(sys::kOfxPropName, 0)?,
            reason: ChangeReason::parse(&p.get_string(sys::kOfxPropChangeReason, 0)?),
            time: p.get_double(sys::kOfxPropTime, 0)?,
            render_scale: scale(&p),
            instance: i,
        };
        return Ok(fx.instance_changed(i, &args)?.into());
    }
    if action == sys::kOfxActionBeginInstanceChanged || action == sys::kOfxActionEndInstanceChanged
    {
        let p = in_props(in_args)?;
        let reason = ChangeReason::parse(&p.get_string(sys::kOfxPropChangeReason, 0)?);
        let t = if action == sys::kOfxActionBeginInstanceChanged {
            fx.begin_instance_changed(i, reason)?
        } else {
            fx.end_instance_changed(i, reason)?
        };
        return Ok(t.into());
    }
    if action == sys::kOfxActionPurgeCaches {
        return Ok(fx.purge_caches(i)?.into());
    }
    if action == sys::kOfxActionSyncPrivateData {
        return Ok(fx.sync_private_data(i)?.into());
    }
    if action == sys::kOfxActionBeginInstanceEdit {
        return Ok(fx.begin_instance_edit(i)?.into());
    }
    if action == sys::kOfxActionEndInstanceEdit {
        return Ok(fx.end_instance_edit(i)?.into());
    }
    if action == crate::extensions::ACTION_GET_TRANSFORM {
        let p = in_props(in_args)?;
        let args = TransformArgs {
            time: p.get_double(sys::kOfxPropTime, 0)?,
            field: field(&p),
            render_scale: scale(&p),
        };
        return match fx.transform(i, &args)? {
            None => Ok(Reply::Default),
            Some(t) => {
                let o = in_props(out_args)?;
                o.set_string(sys::kOfxPropName, 0, &t.clip)?;
                let m: Vec<f64> = t.matrix.iter().flatten().copied().collect();
                o.set_doubles(crate::extensions::PROP_MATRIX_2D, &m)?;
                Ok(Reply::Ok)
            }
        };
    }
    if action == sys::kOfxActionOpenGLContextAttached {
        crate::gpu::gl_context_attached(i);
        return Ok(fx.opengl_context_attached(i)?.into());
    }
    if action == sys::kOfxActionOpenGLContextDetached {
        let r = fx.opengl_context_detached(i);
        // After the effect's own clean-up, whatever it returned: the
        // context goes away either way.
        crate::gpu::gl_context_detached(i);
        return Ok(r?.into());
    }
    // GetOutputColourspace, the last known action.
    let p = in_props(in_args)?;
    let preferred = p
        .get_strings(sys::kOfxImageClipPropPreferredColourspaces)
        .unwrap_or_default();
    match fx.output_colourspace(i, &preferred)? {
        None => Ok(Reply::Default),
        Some(cs) => {
            in_props(out_args)?.set_string(sys::kOfxImageClipPropColourspace, 0, &cs)?;
            Ok(Reply::Ok)
        }
    }
}

fn ptr_set(e: sys::OfxImageEffectHandle, p: *mut c_void) -> Result<()> {
    clip::effect_props(e)?.set_pointer(sys::kOfxPropInstanceData, 0, p)
}

/// The `OfxPlugin` record of one plugin type.
#[repr(transparent)]
pub struct PluginRecord(sys::OfxPlugin);

// SAFETY: the record holds only pointers to static strings and functions.
unsafe impl Sync for PluginRecord {}

impl PluginRecord {
    /// The record for plugin `P`, with its own trampolines.
    pub const fn new<P: Plugin>() -> PluginRecord {
        PluginRecord(sys::OfxPlugin {
            pluginApi: sys::kOfxImageEffectPluginApi.as_ptr(),
            apiVersion: 1,
            pluginIdentifier: P::ID.as_ptr(),
            pluginVersionMajor: P::VERSION_MAJOR,
            pluginVersionMinor: P::VERSION_MINOR,
            setHost: Some(set_host::<P>),
            mainEntry: Some(main_entry::<P>),
        })
    }
    /// The record as the pointer `OfxGetPlugin` returns.
    pub const fn as_ptr(&'static self) -> *const sys::OfxPlugin {
        &self.0
    }
}

/// `OfxSetHost` for a bundle: records the host for every plugin.
pub fn bundle_set_host(host: *const sys::OfxHost) -> sys::OfxStatus {
    match catch_unwind(|| suites::set_host(host)) {
        Ok(Ok(())) => sys::kOfxStatOK,
        Ok(Err(e)) => e.status(),
        Err(p) => {
            drop_payload(p);
            sys::kOfxStatFailed
        }
    }
}

/// `OfxGetPlugin` for a bundle: the nth record, or null when out of range.
pub fn bundle_get_plugin(records: &'static [PluginRecord], nth: i32) -> *const sys::OfxPlugin {
    usize::try_from(nth)
        .ok()
        .and_then(|n| records.get(n))
        .map_or(std::ptr::null(), |r| r.as_ptr())
}
