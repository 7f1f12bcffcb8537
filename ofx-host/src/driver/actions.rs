//! Sending actions: the thread context around the call, argument property
//! sets, the log, and the checks made when the action returns.

use std::ffi::CStr;
use std::sync::Arc;

use ofx_sys::{OfxPluginEntryPoint, OfxRectD, OfxRectI, OfxStatus};

use crate::error::status_name;
use crate::ffi::plugin_calls;
use crate::handle::Handle;
use crate::log::{ActionCall, ViolationKind};
use crate::props::{Dimension, PropType, PropertySet, Writer, property_shape};
use crate::state::{self, ActionFrame, SessionShared};

use super::RenderContext;

/// The context of one action call.
#[derive(Clone, Default)]
pub(crate) struct CallInfo {
    pub time: Option<f64>,
    pub user_edited: bool,
    pub render: Option<Arc<RenderContext>>,
}

/// Sends `action` to `entry`, the main entry of the plugin named `plugin`
/// ("identifier major"), and records it. Images the plugin still holds when the
/// action returns are released by the host and reported as leaked; a status
/// the spec does not allow for the action is reported too.
pub(crate) fn send(
    session: &Arc<SessionShared>,
    (plugin, entry): (&str, OfxPluginEntryPoint),
    action: &CStr,
    handle: usize,
    in_args: Option<Handle>,
    out_args: Option<Handle>,
    info: CallInfo,
) -> OfxStatus {
    let name = action.to_string_lossy().into_owned();
    let frame = ActionFrame {
        id: state::next_id(),
        action: name.clone(),
        effect: handle,
        time: info.time,
        user_edited: info.user_edited,
        render: info.render,
    };
    let frame_id = frame.id;
    crate::log::mark_action(plugin, &name);
    session.log.action_begin(&name, handle);
    let start = std::time::Instant::now();
    let status = {
        let _ctx = state::enter_action(session, frame);
        plugin_calls::main_entry(
            entry,
            action,
            handle,
            in_args.map_or(0, Handle::raw),
            out_args.map_or(0, Handle::raw),
        )
    };
    let duration = start.elapsed();
    session.log.action(ActionCall {
        action: name.clone(),
        handle,
        status,
        duration,
    });
    release_leaked_images(session, frame_id, &name);
    check_status(session, &name, handle, status);
    status
}

fn release_leaked_images(session: &SessionShared, frame: u64, action: &str) {
    let leaked: Vec<(Handle, String, Option<String>)> = {
        let mut st = state::lock();
        let handles: Vec<Handle> = st
            .images
            .iter()
            .filter(|(_, e)| e.frame == frame)
            .map(|(h, _)| *h)
            .collect();
        handles
            .into_iter()
            .filter_map(|h| {
                let e = st.images.remove(&h)?;
                let _ = st.property_sets.remove(h);
                let written = e.input_written();
                Some((h, e.clip.1, written))
            })
            .collect()
    };
    for (h, clip, written) in leaked {
        if let Some(v) = written {
            session.log.violation(ViolationKind::InputWritten, v);
        }
        SessionShared::bump(&session.counters.images_leaked);
        session.log.violation(
            ViolationKind::LeakedImage,
            format!(
                "image {:#x} from clip '{clip}' not released before {action} returned",
                h.raw()
            ),
        );
    }
}

fn check_status(session: &SessionShared, action: &str, handle: usize, status: OfxStatus) {
    use ofx_sys::*;
    let interact = Handle::from_raw(handle).kind() == Some(crate::handle::HandleKind::Interact);
    let known = [
        kOfxStatOK,
        kOfxStatFailed,
        kOfxStatErrFatal,
        kOfxStatErrUnknown,
        kOfxStatErrMissingHostFeature,
        kOfxStatErrUnsupported,
        kOfxStatErrExists,
        kOfxStatErrFormat,
        kOfxStatErrMemory,
        kOfxStatErrBadHandle,
        kOfxStatErrBadIndex,
        kOfxStatErrValue,
        kOfxStatReplyYes,
        kOfxStatReplyNo,
        kOfxStatReplyDefault,
        kOfxStatErrImageFormat,
        kOfxStatGPUOutOfMemory,
        kOfxStatGPURenderFailed,
    ];
    let is = |c: &CStr| c.to_bytes() == action.as_bytes();
    let must_trap = !interact
        && (is(kOfxActionDescribe)
            || is(kOfxImageEffectActionDescribeInContext)
            || is(kOfxImageEffectActionRender));
    // An interact answers OK (trapped), ReplyDefault (not trapped) or a
    // failure: kOfxStatFailed, kOfxStatErrFatal, and kOfxStatErrMemory
    // when it cannot allocate.
    let interact_allowed = [
        kOfxStatOK,
        kOfxStatReplyDefault,
        kOfxStatFailed,
        kOfxStatErrFatal,
        kOfxStatErrMemory,
    ];
    if !known.contains(&status) {
        session.log.violation(
            ViolationKind::BadStatus,
            format!("{action} returned {status}, which is not an OFX status"),
        );
    } else if interact && !interact_allowed.contains(&status) {
        session.log.violation(
            ViolationKind::BadStatus,
            format!(
                "{action} of interact {handle:#x} returned {}: an interact answers \
                 kOfxStatOK (trapped), kOfxStatReplyDefault (not trapped), kOfxStatFailed, \
                 kOfxStatErrFatal or kOfxStatErrMemory",
                status_name(status)
            ),
        );
    } else if must_trap && status == kOfxStatReplyDefault {
        session.log.violation(
            ViolationKind::BadStatus,
            format!(
                "{action} returned {}; this action must be trapped (OK or an error)",
                status_name(status)
            ),
        );
    }
}

/// An argument property set for `action`: every name given, shaped as the
/// reference table says, writable by the plugin only for out-args.
pub(crate) fn arg_set(kind: &str, names: &[&str], plugin_write: bool) -> PropertySet {
    let mut s = PropertySet::empty(kind);
    for n in names {
        let (ty, dim) = property_shape(n).unwrap_or((PropType::String, Dimension::Fixed(1)));
        s.define(n, ty, dim, plugin_write);
    }
    s
}

/// Defines a per-clip out-arg (`OfxImageClipPropRoI_Source`...).
pub(crate) fn define_clip_arg(s: &mut PropertySet, name: &str, ty: PropType, dim: Dimension) {
    s.define(name, ty, dim, true);
}

/// Host writes to an argument set it defined itself cannot fail; a failure
/// would be a bug in this module, so it is turned into a panic in debug
/// builds and ignored otherwise.
pub(crate) fn ok<T>(r: Result<T, crate::props::PropError>) {
    debug_assert!(r.is_ok(), "host argument write failed: {:?}", r.err());
}

/// Sets a rectangle of doubles.
pub(crate) fn set_rect_d(s: &mut PropertySet, name: &str, r: OfxRectD) {
    ok(s.set_double_n(name, &[r.x1, r.y1, r.x2, r.y2], Writer::Host));
}

/// Sets a rectangle of ints.
pub(crate) fn set_rect_i(s: &mut PropertySet, name: &str, r: OfxRectI) {
    ok(s.set_int_n(name, &[r.x1, r.y1, r.x2, r.y2], Writer::Host));
}

/// Reads a rectangle of doubles.
pub(crate) fn get_rect_d(s: &PropertySet, name: &str) -> Option<OfxRectD> {
    let v = s.get_double_n(name).ok()?;
    (v.len() >= 4).then(|| OfxRectD {
        x1: v[0],
        y1: v[1],
        x2: v[2],
        y2: v[3],
    })
}

/// Registers `set`, runs `f` with its handle and takes the set back.
pub(crate) fn with_registered<R>(
    set: PropertySet,
    f: impl FnOnce(Handle) -> R,
) -> (R, PropertySet) {
    let h = state::add_property_set(set);
    let r = f(h);
    let set = state::remove_property_set(h).unwrap_or_default();
    (r, set)
}
