//! `OfxInteractSuiteV1`: an interact's property set, and its requests to be
//! redrawn or to swap buffers (counted; this host has no window).

use ofx_sys::{OfxInteractHandle, OfxInteractSuiteV1, OfxPropertySetHandle, OfxStatus};

use super::guard;
use crate::handle::{Handle, HandleError};
use crate::log::ViolationKind;
use crate::objects::InteractEntry;
use crate::state;
use crate::types::ofx_str;

const SUITE: &str = ofx_str(ofx_sys::kOfxInteractSuite);

/// The interact suite table handed to plugins.
pub static INTERACT_SUITE_V1: OfxInteractSuiteV1 = OfxInteractSuiteV1 {
    interactSwapBuffers: Some(swap_buffers),
    interactRedraw: Some(redraw),
    interactGetPropertySet: Some(get_property_set),
};

/// Runs `f` on the interact named by `raw`, or logs a bad handle and
/// answers `kOfxStatErrBadHandle`.
fn with_interact(
    function: &str,
    raw: usize,
    f: impl FnOnce(&mut InteractEntry) -> OfxStatus,
) -> OfxStatus {
    let r = state::lock()
        .interacts
        .get_mut(Handle::from_raw(raw))
        .map(f);
    r.unwrap_or_else(|e: HandleError| {
        state::log().violation(
            ViolationKind::BadHandle,
            format!("{SUITE}.{function} on {e:?} interact handle {raw:#x}"),
        );
        ofx_sys::kOfxStatErrBadHandle
    })
}

unsafe extern "C" fn swap_buffers(interact: OfxInteractHandle) -> OfxStatus {
    let raw = interact as usize;
    guard(SUITE, "interactSwapBuffers", raw, None, || {
        with_interact("interactSwapBuffers", raw, |e| {
            e.swaps += 1;
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn redraw(interact: OfxInteractHandle) -> OfxStatus {
    let raw = interact as usize;
    guard(SUITE, "interactRedraw", raw, None, || {
        with_interact("interactRedraw", raw, |e| {
            e.redraws += 1;
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn get_property_set(
    interact: OfxInteractHandle,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = interact as usize;
    guard(SUITE, "interactGetPropertySet", raw, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let mut props = 0usize;
        let status = with_interact("interactGetPropertySet", raw, |e| {
            props = e.props.raw();
            ofx_sys::kOfxStatOK
        });
        // SAFETY: `out` is non-null and the plugin passes a writable pointer.
        unsafe { out.write(props as OfxPropertySetHandle) };
        status
    })
}
