//! `OfxImageEffectSuiteV1`: property and parameter sets of effects, clips,
//! images, abort, and image memory.
//!
//! Rules enforced (each breach is a logged violation):
//! - `clipDefine` only inside describe-in-context, on the effect being
//!   described (`kOfxStatErrUnsupported` otherwise);
//! - `clipGetHandle` only on instances (`kOfxStatErrBadHandle` on a
//!   descriptor);
//! - `clipGetImage` only in the render action and in instance-changed /
//!   end-instance-changed with reason user-edited, on the instance the
//!   action was sent to (`kOfxStatFailed` otherwise, so the plugin carries on
//!   as with a missing frame); at another time than the action's only when
//!   the host, the effect and the clip all flag temporal clip access;
//! - images are released before their action returns (the driver reports
//!   and frees the rest);
//! - image memory locks nest; unlocking unlocked memory has no effect (the
//!   spec says the count cannot go negative) but is reported.

use std::ffi::{c_char, c_int, c_void};
use std::sync::Arc;

use ofx_sys::{
    OfxImageClipHandle, OfxImageEffectHandle, OfxImageEffectSuiteV1, OfxImageMemoryHandle,
    OfxParamSetHandle, OfxPropertySetHandle, OfxRectD, OfxStatus, OfxTime,
};

use super::{c_str, guard};
use crate::guard_pages::Region;
use crate::handle::{Handle, HandleError};
use crate::log::ViolationKind;
use crate::objects::{ClipEntry, ImageEntry, ImageMemoryEntry};
use crate::opencl::MemKind;
use crate::props::{Dimension, PropType, PropertySet, Writer};
use crate::state::{self, SessionShared};
use crate::types::ofx_str;

const SUITE: &str = ofx_str(ofx_sys::kOfxImageEffectSuite);

/// The image-effect suite table handed to plugins.
pub static IMAGE_EFFECT_SUITE_V1: OfxImageEffectSuiteV1 = OfxImageEffectSuiteV1 {
    getPropertySet: Some(get_property_set),
    getParamSet: Some(get_param_set),
    clipDefine: Some(clip_define),
    clipGetHandle: Some(clip_get_handle),
    clipGetPropertySet: Some(clip_get_property_set),
    clipGetImage: Some(clip_get_image),
    clipReleaseImage: Some(clip_release_image),
    clipGetRegionOfDefinition: Some(clip_get_region_of_definition),
    abort: Some(abort),
    imageMemoryAlloc: Some(image_memory_alloc),
    imageMemoryFree: Some(image_memory_free),
    imageMemoryLock: Some(image_memory_lock),
    imageMemoryUnlock: Some(image_memory_unlock),
};

fn bad_handle(function: &str, what: &str, raw: usize, e: HandleError) -> OfxStatus {
    state::log().violation(
        ViolationKind::BadHandle,
        format!("{SUITE}.{function} on {e:?} {what} handle {raw:#x}"),
    );
    ofx_sys::kOfxStatErrBadHandle
}

fn wrong_action(function: &str, detail: String) {
    state::log().violation(
        ViolationKind::WrongAction,
        format!("{SUITE}.{function}: {detail}"),
    );
}

fn action_name() -> String {
    state::current_frame().map_or_else(|| "no action".to_string(), |f| f.action)
}

/// Writes `v` through the plugin's out pointer.
///
/// # Safety
/// `out` is non-null and valid for a write of `T`.
unsafe fn put<T>(out: *mut T, v: T) {
    // SAFETY: the caller checked `out` is non-null; the plugin passes a
    // writable pointer per the suite's contract.
    unsafe { out.write(v) }
}

unsafe extern "C" fn get_property_set(
    effect: OfxImageEffectHandle,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = effect as usize;
    guard(SUITE, "getPropertySet", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let r = state::lock()
            .effects
            .get(Handle::from_raw(raw))
            .map(|e| e.props);
        match r {
            // SAFETY: checked non-null above.
            Ok(p) => unsafe {
                put(out, p.raw() as OfxPropertySetHandle);
                ofx_sys::kOfxStatOK
            },
            Err(e) => bad_handle("getPropertySet", "effect", raw, e),
        }
    })
}

unsafe extern "C" fn get_param_set(
    effect: OfxImageEffectHandle,
    out: *mut OfxParamSetHandle,
) -> OfxStatus {
    let raw = effect as usize;
    guard(SUITE, "getParamSet", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let r = state::lock()
            .effects
            .get(Handle::from_raw(raw))
            .map(|e| e.param_set);
        match r {
            // SAFETY: checked non-null above.
            Ok(Some(p)) => unsafe {
                put(out, p.raw() as OfxParamSetHandle);
                ofx_sys::kOfxStatOK
            },
            // Descriptors from plain describe have no parameter set.
            Ok(None) => {
                // SAFETY: checked non-null above.
                unsafe { put(out, std::ptr::null_mut()) };
                ofx_sys::kOfxStatErrUnsupported
            }
            Err(e) => bad_handle("getParamSet", "effect", raw, e),
        }
    })
}

unsafe extern "C" fn clip_define(
    effect: OfxImageEffectHandle,
    name: *const c_char,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = effect as usize;
    // SAFETY: null or a C string from the plugin.
    let name = unsafe { c_str(name) }.map(str::to_owned);
    guard(SUITE, "clipDefine", raw, name.clone(), || {
        let Some(name) = name else {
            return ofx_sys::kOfxStatErrValue;
        };
        let effect_h = Handle::from_raw(raw);
        let found = state::lock().effects.get(effect_h).map(|e| e.session);
        let session = match found {
            Ok(s) => s,
            Err(e) => return bad_handle("clipDefine", "effect", raw, e),
        };
        let in_describe = state::current_frame().is_some_and(|f| {
            f.effect == raw
                && f.action.as_bytes() == ofx_sys::kOfxImageEffectActionDescribeInContext.to_bytes()
        });
        if !in_describe {
            wrong_action(
                "clipDefine",
                format!(
                    "clip '{name}' defined in {}, not in describe-in-context of this effect",
                    action_name()
                ),
            );
            return ofx_sys::kOfxStatErrUnsupported;
        }
        let mut props = PropertySet::from_table("ClipDescriptor")
            .unwrap_or_else(|| PropertySet::empty("ClipDescriptor"));
        let _ = props.set_string(
            ofx_str(ofx_sys::kOfxPropType),
            0,
            ofx_str(ofx_sys::kOfxTypeClip),
            Writer::Host,
        );
        let _ = props.set_string(ofx_str(ofx_sys::kOfxPropName), 0, &name, Writer::Host);
        // The header documents the tiles flag for clips as well as for
        // plugins and hosts ("a clip, plugin or host"); the reference
        // table's clip set lacks it. Default: tiles accepted.
        if !props.contains(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles)) {
            props.define(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
                crate::props::PropType::Int,
                crate::props::Dimension::Fixed(1),
                true,
            );
            let _ = props.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
                0,
                1,
                Writer::Host,
            );
        }
        let mut st = state::lock();
        if st
            .effects
            .get(effect_h)
            .is_ok_and(|e| e.clip(&name).is_some())
        {
            return ofx_sys::kOfxStatErrExists;
        }
        let p = st.property_sets.insert(props);
        let clip = st.clips.insert(ClipEntry {
            session,
            effect: effect_h,
            name: name.clone(),
            props: p,
            instance: false,
            feed: None,
        });
        if let Ok(e) = st.effects.get_mut(effect_h) {
            e.clips.push((name, clip));
        }
        if !out.is_null() {
            // SAFETY: checked non-null.
            unsafe { put(out, p.raw() as OfxPropertySetHandle) };
        }
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn clip_get_handle(
    effect: OfxImageEffectHandle,
    name: *const c_char,
    clip: *mut OfxImageClipHandle,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = effect as usize;
    // SAFETY: null or a C string from the plugin.
    let name = unsafe { c_str(name) }.map(str::to_owned);
    guard(SUITE, "clipGetHandle", raw, name.clone(), || {
        let Some(name) = name else {
            return ofx_sys::kOfxStatErrValue;
        };
        if clip.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let found = {
            let st = state::lock();
            match st.effects.get(Handle::from_raw(raw)) {
                Err(e) => Err(e),
                Ok(e) => Ok((
                    e.instance,
                    e.clip(&name)
                        .and_then(|c| Some((c, st.clips.get(c).ok()?.props))),
                )),
            }
        };
        match found {
            Err(e) => bad_handle("clipGetHandle", "effect", raw, e),
            Ok((false, _)) => {
                wrong_action(
                    "clipGetHandle",
                    format!(
                        "clip '{name}' asked of a descriptor in {}; only instances have clip handles",
                        action_name()
                    ),
                );
                ofx_sys::kOfxStatErrBadHandle
            }
            Ok((true, None)) => ofx_sys::kOfxStatErrUnknown,
            Ok((true, Some((c, p)))) => {
                // SAFETY: `clip` checked non-null; `props` written only when non-null.
                unsafe {
                    put(clip, c.raw() as OfxImageClipHandle);
                    if !props.is_null() {
                        put(props, p.raw() as OfxPropertySetHandle);
                    }
                }
                ofx_sys::kOfxStatOK
            }
        }
    })
}

unsafe extern "C" fn clip_get_property_set(
    clip: OfxImageClipHandle,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = clip as usize;
    guard(SUITE, "clipGetPropertySet", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let r = state::lock()
            .clips
            .get(Handle::from_raw(raw))
            .map(|c| c.props);
        match r {
            // SAFETY: checked non-null above.
            Ok(p) => unsafe {
                put(out, p.raw() as OfxPropertySetHandle);
                ofx_sys::kOfxStatOK
            },
            Err(e) => bad_handle("clipGetPropertySet", "clip", raw, e),
        }
    })
}

/// The property set of a fetched image (`clipGetImage`'s answer).
pub(super) fn image_props(f: &crate::frames::FetchedImage) -> PropertySet {
    let l = f.buffer.layout();
    let mut s = PropertySet::from_table("Image").unwrap_or_else(|| PropertySet::empty("Image"));
    s.define(
        ofx_str(ofx_sys::kOfxImagePropUniqueIdentifier),
        PropType::String,
        Dimension::Fixed(1),
        false,
    );
    s.define(
        ofx_str(ofx_sys::kOfxImageEffectPropOpenCLImage),
        PropType::Pointer,
        Dimension::Fixed(1),
        false,
    );
    let h = Writer::Host;
    let b = l.bounds;
    let rod = f.rod;
    // On OpenCL the pixels are a `cl_mem` of packed rows: a buffer in
    // kOfxImagePropData, or an image in kOfxImageEffectPropOpenCLImage
    // (with kOfxImagePropData null, so a plugin that supports both can
    // tell which it got).
    let (data, cl_image, row_bytes) = match f.gpu {
        None => (f.buffer.data_ptr() as usize, 0, f.buffer.row_bytes()),
        Some((MemKind::Buffer, mem, row)) => (mem, 0, row as isize),
        Some((MemKind::Image, mem, row)) => (0, mem, row as isize),
    };
    let results = [
        s.set_string(
            ofx_str(ofx_sys::kOfxPropType),
            0,
            ofx_str(ofx_sys::kOfxTypeImage),
            h,
        ),
        s.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropPixelDepth),
            0,
            &l.depth.ofx_name().to_string_lossy(),
            h,
        ),
        s.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropComponents),
            0,
            &l.components.ofx_name().to_string_lossy(),
            h,
        ),
        s.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropPreMultiplication),
            0,
            f.premultiplication.ofx_name(),
            h,
        ),
        s.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &[f.scale.x, f.scale.y],
            h,
        ),
        s.set_double(ofx_str(ofx_sys::kOfxImagePropPixelAspectRatio), 0, f.par, h),
        s.set_pointer(ofx_str(ofx_sys::kOfxImagePropData), 0, data, h),
        s.set_pointer(
            ofx_str(ofx_sys::kOfxImageEffectPropOpenCLImage),
            0,
            cl_image,
            h,
        ),
        s.set_int_n(
            ofx_str(ofx_sys::kOfxImagePropBounds),
            &[b.x1, b.y1, b.x2, b.y2],
            h,
        ),
        s.set_int_n(
            ofx_str(ofx_sys::kOfxImagePropRegionOfDefinition),
            &[rod.x1, rod.y1, rod.x2, rod.y2],
            h,
        ),
        s.set_int(
            ofx_str(ofx_sys::kOfxImagePropRowBytes),
            0,
            row_bytes as i32,
            h,
        ),
        s.set_string(
            ofx_str(ofx_sys::kOfxImagePropField),
            0,
            f.field.ofx_name(),
            h,
        ),
        s.set_string(
            ofx_str(ofx_sys::kOfxImagePropUniqueIdentifier),
            0,
            &f.unique_id,
            h,
        ),
    ];
    debug_assert!(results.iter().all(Result::is_ok), "{results:?}");
    s
}

/// What `clipGetImage` and `clipLoadTexture` share: the clip handle
/// checked, the action and time checked (images only in render and in
/// user-edited instance changed, other times only with temporal clip
/// access), and the image fetched as the clip's feed and the render say.
pub(super) fn fetch_checked(
    function: &str,
    raw: usize,
    time: OfxTime,
    region: Option<OfxRectD>,
) -> Result<(ClipEntry, state::ActionFrame, crate::frames::FetchedImage), OfxStatus> {
    let (entry, props, effect_temporal) = {
        let st = state::lock();
        let c = match st.clips.get(Handle::from_raw(raw)) {
            Ok(c) => c.clone(),
            Err(e) => {
                drop(st);
                return Err(bad_handle(function, "clip", raw, e));
            }
        };
        let props = st.property_sets.get(c.props).cloned().unwrap_or_default();
        let temporal = st.effects.get(c.effect).is_ok_and(|e| e.temporal_access);
        (c, props, temporal)
    };
    if !entry.instance {
        wrong_action(function, format!("on clip descriptor '{}'", entry.name));
        return Err(ofx_sys::kOfxStatErrBadHandle);
    }
    let Some(frame) = state::current_frame() else {
        wrong_action(
            function,
            format!("clip '{}' outside any action", entry.name),
        );
        return Err(ofx_sys::kOfxStatFailed);
    };
    let is = |c: &std::ffi::CStr| frame.action.as_bytes() == c.to_bytes();
    let allowed = frame.effect == entry.effect.raw()
        && (is(ofx_sys::kOfxImageEffectActionRender)
            || ((is(ofx_sys::kOfxActionInstanceChanged)
                || is(ofx_sys::kOfxActionEndInstanceChanged))
                && frame.user_edited));
    if !allowed {
        wrong_action(
            function,
            format!(
                "clip '{}' fetched in {}; images may be fetched only in render and in (end) instance changed with reason user edited",
                entry.name, frame.action
            ),
        );
        return Err(ofx_sys::kOfxStatFailed);
    }
    if let Some(t0) = frame.time
        && time != t0
    {
        let session = state::current_session();
        let host_ok = session.as_ref().is_none_or(|s| s.config.temporal_access);
        let clip_ok = props
            .get_int(ofx_str(ofx_sys::kOfxImageEffectPropTemporalClipAccess), 0)
            .unwrap_or(0)
            != 0;
        if !(host_ok && effect_temporal && clip_ok) {
            state::log().violation(
                        ViolationKind::TemporalAccess,
                        format!(
                            "clip '{}' fetched at t={time} in {} at t={t0} without temporal clip access (host {host_ok}, effect {effect_temporal}, clip {clip_ok})",
                            entry.name, frame.action
                        ),
                    );
            return Err(ofx_sys::kOfxStatFailed);
        }
    }
    let fetched = crate::frames::fetch_image(
        &entry.name,
        &props,
        entry.feed.clone(),
        frame.render.as_deref(),
        time,
        region,
    )?;
    Ok((entry, frame, fetched))
}

unsafe extern "C" fn clip_get_image(
    clip: OfxImageClipHandle,
    time: OfxTime,
    region: *const OfxRectD,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = clip as usize;
    // SAFETY: null or a pointer to an OfxRectD from the plugin.
    let region = unsafe { region.as_ref() }.copied();
    guard(SUITE, "clipGetImage", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        // SAFETY: checked non-null; cleared first so a failure leaves null.
        unsafe { put(out, std::ptr::null_mut()) };
        let (entry, frame, fetched) = match fetch_checked("clipGetImage", raw, time, region) {
            Ok(f) => f,
            Err(s) => return s,
        };
        let set = image_props(&fetched);
        let is_output = entry.name.as_bytes() == ofx_sys::kOfxImageEffectOutputClipName.to_bytes();
        let check = state::current_session().is_none_or(|s| s.config.check_input_writes);
        let input_hash = (!is_output && check).then(|| fetched.buffer.content_hash());
        let mut st = state::lock();
        let h = st.property_sets.insert(set);
        st.images.insert(
            h,
            ImageEntry {
                session: entry.session,
                frame: frame.id,
                clip: (raw, entry.name.clone()),
                buffer: Arc::clone(&fetched.buffer),
                input_hash,
            },
        );
        drop(st);
        if let Some(s) = state::current_session() {
            SessionShared::bump(&s.counters.images_fetched);
        }
        // SAFETY: checked non-null above.
        unsafe { put(out, h.raw() as OfxPropertySetHandle) };
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn clip_release_image(image: OfxPropertySetHandle) -> OfxStatus {
    let raw = image as usize;
    guard(SUITE, "clipReleaseImage", raw, None, || {
        let h = Handle::from_raw(raw);
        let removed = {
            let mut st = state::lock();
            let e = st.images.remove(&h);
            if e.is_some() {
                let _ = st.property_sets.remove(h);
            }
            e
        };
        match removed {
            Some(e) => {
                if let Some(v) = e.input_written() {
                    state::log().violation(ViolationKind::InputWritten, v);
                }
                if let Some(s) = state::current_session() {
                    SessionShared::bump(&s.counters.images_released);
                }
                ofx_sys::kOfxStatOK
            }
            None => {
                state::log().violation(
                    ViolationKind::BadHandle,
                    format!("{SUITE}.clipReleaseImage of {raw:#x}, not a live image (never fetched, or already released)"),
                );
                ofx_sys::kOfxStatErrBadHandle
            }
        }
    })
}

unsafe extern "C" fn clip_get_region_of_definition(
    clip: OfxImageClipHandle,
    time: OfxTime,
    out: *mut OfxRectD,
) -> OfxStatus {
    let raw = clip as usize;
    guard(SUITE, "clipGetRegionOfDefinition", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let found = {
            let st = state::lock();
            st.clips.get(Handle::from_raw(raw)).map(|c| {
                let rods = st
                    .effects
                    .get(c.effect)
                    .map(|e| e.rods.clone())
                    .unwrap_or_default();
                (c.clone(), rods)
            })
        };
        let (c, rods) = match found {
            Ok(x) => x,
            Err(e) => return bad_handle("clipGetRegionOfDefinition", "clip", raw, e),
        };
        if !c.instance {
            wrong_action(
                "clipGetRegionOfDefinition",
                format!("on clip descriptor '{}'", c.name),
            );
            return ofx_sys::kOfxStatErrBadHandle;
        }
        let zero = OfxRectD {
            x1: 0.0,
            y1: 0.0,
            x2: 0.0,
            y2: 0.0,
        };
        let rod = if c.name == "Output" {
            rods.iter()
                .find(|(t, _)| *t == time)
                .or(rods.last())
                .map(|(_, r)| *r)
                .or_else(|| {
                    state::current_session().map(|s| OfxRectD {
                        x1: 0.0,
                        y1: 0.0,
                        x2: s.config.project.extent.x,
                        y2: s.config.project.extent.y,
                    })
                })
                .unwrap_or(zero)
        } else {
            // An unconnected clip, or a time the clip has no frame at (before
            // its first frame, say): nothing is defined there. The spec
            // lists no failure status for this function, and plugins that
            // take the union over a frame range (FrameBlend) ask.
            c.feed.as_ref().and_then(|f| f.rod(time)).unwrap_or(zero)
        };
        // SAFETY: checked non-null above.
        unsafe { put(out, rod) };
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn abort(effect: OfxImageEffectHandle) -> c_int {
    let raw = effect as usize;
    let mut answer = 0;
    guard(SUITE, "abort", raw, None, || {
        let found = state::lock()
            .effects
            .get(Handle::from_raw(raw))
            .map(|e| e.session);
        let session = match found {
            Ok(s) => s,
            Err(e) => return bad_handle("abort", "effect", raw, e),
        };
        let st = state::lock();
        answer = c_int::from(
            st.sessions
                .values()
                .find(|s| s.id == session)
                .is_some_and(|s| s.abort.load(std::sync::atomic::Ordering::Relaxed)),
        );
        ofx_sys::kOfxStatOK
    });
    answer
}

unsafe extern "C" fn image_memory_alloc(
    effect: OfxImageEffectHandle,
    n: usize,
    out: *mut OfxImageMemoryHandle,
) -> OfxStatus {
    let raw = effect as usize;
    guard(SUITE, "imageMemoryAlloc", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        // SAFETY: checked non-null; null until the allocation succeeds.
        unsafe { put(out, std::ptr::null_mut()) };
        let session = state::current_session();
        let mut sid = session.as_ref().map_or(0, |s| s.id);
        if raw != 0 {
            // The state lock is released before `bad_handle` logs (it
            // takes the lock again to find the log).
            let found = state::lock()
                .effects
                .get(Handle::from_raw(raw))
                .map(|e| e.session);
            match found {
                Ok(s) => sid = s,
                Err(e) => return bad_handle("imageMemoryAlloc", "effect", raw, e),
            }
        }
        // Fresh image memory holds a pattern, not zeros: hosts hand out
        // uninitialised memory, and a plugin must not rely on zeros.
        let fill = state::current_session().map_or(Some(0xCD), |s| s.config.image_memory_fill);
        let Some(block) = Region::try_new(n.max(1), fill) else {
            return ofx_sys::kOfxStatErrMemory;
        };
        let h = state::lock().image_memory.insert(ImageMemoryEntry {
            session: sid,
            owner: raw,
            block,
            len: n,
            locks: 0,
            moves: 0,
            stale: None,
        });
        if let Some(s) = &session {
            SessionShared::bump(&s.counters.image_memory_allocs);
        }
        // SAFETY: checked non-null above.
        unsafe { put(out, h.raw() as OfxImageMemoryHandle) };
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn image_memory_free(mem: OfxImageMemoryHandle) -> OfxStatus {
    let raw = mem as usize;
    guard(SUITE, "imageMemoryFree", raw, None, || {
        let r = state::lock().image_memory.remove(Handle::from_raw(raw));
        match r {
            // Outstanding locks are ignored, as the spec says.
            Ok(_) => {
                if let Some(s) = state::current_session() {
                    SessionShared::bump(&s.counters.image_memory_frees);
                }
                ofx_sys::kOfxStatOK
            }
            Err(e) => bad_handle("imageMemoryFree", "image memory", raw, e),
        }
    })
}

unsafe extern "C" fn image_memory_lock(
    mem: OfxImageMemoryHandle,
    out: *mut *mut c_void,
) -> OfxStatus {
    let raw = mem as usize;
    guard(SUITE, "imageMemoryLock", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let move_enabled = state::current_session().is_none_or(|s| s.config.move_unlocked_memory);
        let mut st = state::lock();
        let m = match st.image_memory.get_mut(Handle::from_raw(raw)) {
            Ok(m) => m,
            Err(e) => {
                drop(st);
                // SAFETY: checked non-null above.
                unsafe { put(out, std::ptr::null_mut()) };
                return bad_handle("imageMemoryLock", "image memory", raw, e);
            }
        };
        if m.locks == 0 && m.moves > 0 && move_enabled {
            // Relocked after a full unlock: same contents, new address. The
            // old block is kept (filled with a pattern) until the next move
            // or the free, so a stale pointer reads garbage instead of freed
            // memory.
            // Unfilled: the copy below writes every byte.
            let Some(mut moved) = Region::try_new(m.block.len(), None) else {
                drop(st);
                // SAFETY: checked non-null above.
                unsafe { put(out, std::ptr::null_mut()) };
                return ofx_sys::kOfxStatErrMemory;
            };
            moved.bytes_mut().copy_from_slice(m.block.bytes());
            let mut old = std::mem::replace(&mut m.block, moved);
            old.bytes_mut().fill(0xDD);
            // The stale block of an earlier move, if any, is dropped here.
            m.stale = Some(old);
        }
        m.locks += 1;
        let p = m.block.as_ptr() as *mut c_void;
        // SAFETY: checked non-null above.
        unsafe { put(out, p) };
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn image_memory_unlock(mem: OfxImageMemoryHandle) -> OfxStatus {
    let raw = mem as usize;
    guard(SUITE, "imageMemoryUnlock", raw, None, || {
        let mut st = state::lock();
        let m = match st.image_memory.get_mut(Handle::from_raw(raw)) {
            Ok(m) => m,
            Err(e) => {
                drop(st);
                return bad_handle("imageMemoryUnlock", "image memory", raw, e);
            }
        };
        if m.locks == 0 {
            drop(st);
            if let Some(s) = state::current_session() {
                SessionShared::bump(&s.counters.unbalanced_unlocks);
            }
            // Legal: "if you unlock a completely unlocked handle, it has no
            // effect" (ofxImageEffect.h). Worth a note, not a violation.
            state::log().note(format!(
                "{SUITE}.imageMemoryUnlock of {raw:#x}, which is not locked: no effect, as the spec says (the count stays 0)"
            ));
            return ofx_sys::kOfxStatOK;
        }
        m.locks -= 1;
        if m.locks == 0 {
            m.moves += 1;
        }
        ofx_sys::kOfxStatOK
    })
}
