//! `OfxDrawSuiteV1` (OpenFX 1.5): every call is recorded in the draw
//! context it names, as a [`DrawCall`].
//!
//! A draw context lives for one `kOfxInteractActionDraw` of one interact:
//! the driver makes it before the action and frees it when the action
//! returns. A call with a context that is stale (its draw action has
//! returned), unknown, or belongs to another interact's draw, or made while
//! no draw action of its interact is in progress, is answered with
//! `kOfxStatFailed` (as the header says for calls outside the draw action)
//! and logged as a [`ViolationKind::WrongAction`]. Invalid arguments (an
//! unknown primitive, a point count the primitive does not take, null
//! text) are answered with `kOfxStatErrValue` and logged as
//! [`ViolationKind::BadValue`].

use std::ffi::{CStr, c_char, c_float, c_int};

use ofx_sys::{
    OfxDrawContextHandle, OfxDrawLineStipplePattern, OfxDrawPrimitive, OfxDrawSuiteV1, OfxPointD,
    OfxRGBAColourF, OfxStandardColour, OfxStatus,
};

use super::guard;
use crate::drawing::{DrawCall, PrimitiveKind, StandardColour, Stipple, TextAlignment};
use crate::handle::{Handle, HandleError};
use crate::log::ViolationKind;
use crate::objects::DrawContextEntry;
use crate::state;
use crate::types::ofx_str;

const SUITE: &str = ofx_str(ofx_sys::kOfxDrawSuite);

/// The Draw Suite table handed to plugins.
pub static DRAW_SUITE_V1: OfxDrawSuiteV1 = OfxDrawSuiteV1 {
    getColour: Some(get_colour),
    setColour: Some(set_colour),
    setLineWidth: Some(set_line_width),
    setLineStipple: Some(set_line_stipple),
    draw: Some(draw),
    drawText: Some(draw_text),
};

/// Runs `f` on the draw context `raw` when it may be drawn with now (its
/// interact's draw action is the innermost action on this thread), else
/// logs why not and answers `kOfxStatFailed`.
fn with_context(
    function: &str,
    raw: usize,
    f: impl FnOnce(&mut DrawContextEntry) -> OfxStatus,
) -> OfxStatus {
    let frame = state::current_frame();
    let mut st = state::lock();
    let problem = match st.draw_contexts.get_mut(Handle::from_raw(raw)) {
        Ok(entry) => {
            let drawing = frame.as_ref().is_some_and(|f| {
                f.effect == entry.interact
                    && f.action.as_bytes() == ofx_sys::kOfxInteractActionDraw.to_bytes()
            });
            if drawing {
                return f(entry);
            }
            match frame {
                Some(f) => format!(
                    "{SUITE}.{function} during {} of handle {:#x}: a draw context may be used \
                     only in the draw action of its interact ({:#x})",
                    f.action, f.effect, entry.interact
                ),
                None => format!("{SUITE}.{function} outside any action"),
            }
        }
        Err(HandleError::Stale) => format!(
            "{SUITE}.{function} with draw context {raw:#x}, whose draw action has returned: \
             the Draw Suite may be used only during kOfxInteractActionDraw, with the context \
             of that action"
        ),
        Err(HandleError::Unknown) => format!(
            "{SUITE}.{function} with {raw:#x}, not a draw context (it comes from \
             kOfxInteractPropDrawContext of the draw action's arguments)"
        ),
    };
    drop(st);
    state::log().violation(ViolationKind::WrongAction, problem);
    ofx_sys::kOfxStatFailed
}

fn bad_value(function: &str, why: String) -> OfxStatus {
    state::log().violation(
        ViolationKind::BadValue,
        format!("{SUITE}.{function}: {why}"),
    );
    ofx_sys::kOfxStatErrValue
}

unsafe extern "C" fn get_colour(
    context: OfxDrawContextHandle,
    which: OfxStandardColour,
    out: *mut OfxRGBAColourF,
) -> OfxStatus {
    let raw = context as usize;
    guard(SUITE, "getColour", raw, None, || {
        with_context("getColour", raw, |e| {
            let Some(colour) = StandardColour::from_ofx(which.0) else {
                return bad_value("getColour", format!("{} is not a standard colour", which.0));
            };
            if out.is_null() {
                return bad_value("getColour", "null colour pointer".into());
            }
            e.calls.push(DrawCall::GetColour(colour));
            let [r, g, b, a] = colour.rgba(e.background);
            // SAFETY: `out` is non-null and the plugin passes a writable
            // OfxRGBAColourF.
            unsafe { out.write(OfxRGBAColourF { r, g, b, a }) };
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn set_colour(
    context: OfxDrawContextHandle,
    colour: *const OfxRGBAColourF,
) -> OfxStatus {
    let raw = context as usize;
    guard(SUITE, "setColour", raw, None, || {
        with_context("setColour", raw, |e| {
            // SAFETY: null or a readable OfxRGBAColourF, per the suite contract.
            let Some(c) = (unsafe { colour.as_ref() }) else {
                return bad_value("setColour", "null colour pointer".into());
            };
            e.calls.push(DrawCall::Colour([c.r, c.g, c.b, c.a]));
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn set_line_width(context: OfxDrawContextHandle, width: c_float) -> OfxStatus {
    let raw = context as usize;
    guard(SUITE, "setLineWidth", raw, None, || {
        with_context("setLineWidth", raw, |e| {
            if !(width.is_finite() && width >= 0.0) {
                return bad_value("setLineWidth", format!("width {width}"));
            }
            e.calls.push(DrawCall::LineWidth(width));
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn set_line_stipple(
    context: OfxDrawContextHandle,
    pattern: OfxDrawLineStipplePattern,
) -> OfxStatus {
    let raw = context as usize;
    guard(SUITE, "setLineStipple", raw, None, || {
        with_context("setLineStipple", raw, |e| {
            let Some(s) = Stipple::from_ofx(pattern.0) else {
                return bad_value(
                    "setLineStipple",
                    format!("{} is not a stipple pattern", pattern.0),
                );
            };
            e.calls.push(DrawCall::LineStipple(s));
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn draw(
    context: OfxDrawContextHandle,
    primitive: OfxDrawPrimitive,
    points: *const OfxPointD,
    count: c_int,
) -> OfxStatus {
    let raw = context as usize;
    guard(SUITE, "draw", raw, None, || {
        with_context("draw", raw, |e| {
            let Some(kind) = PrimitiveKind::from_ofx(primitive.0) else {
                return bad_value("draw", format!("{} is not a primitive", primitive.0));
            };
            let n = usize::try_from(count).unwrap_or(0);
            if !kind.accepts(n) {
                return bad_value("draw", format!("{count} point(s) for {kind:?}"));
            }
            if points.is_null() {
                return bad_value("draw", format!("null points for {count} point(s)"));
            }
            // SAFETY: the plugin passes `count` readable points (checked
            // non-null and positive above).
            let pts = unsafe { std::slice::from_raw_parts(points, n) };
            if pts.iter().any(|p| !(p.x.is_finite() && p.y.is_finite())) {
                return bad_value("draw", format!("a point that is not finite in {kind:?}"));
            }
            e.calls.push(DrawCall::Primitive {
                kind,
                points: pts.iter().map(|p| [p.x, p.y]).collect(),
            });
            ofx_sys::kOfxStatOK
        })
    })
}

unsafe extern "C" fn draw_text(
    context: OfxDrawContextHandle,
    text: *const c_char,
    pos: *const OfxPointD,
    alignment: c_int,
) -> OfxStatus {
    let raw = context as usize;
    guard(SUITE, "drawText", raw, None, || {
        with_context("drawText", raw, |e| {
            if text.is_null() {
                return bad_value("drawText", "null text".into());
            }
            // SAFETY: null or a readable OfxPointD.
            let Some(p) = (unsafe { pos.as_ref() }) else {
                return bad_value("drawText", "null position".into());
            };
            // SAFETY: non-null, NUL-terminated per the suite contract.
            let text = unsafe { CStr::from_ptr(text) }
                .to_string_lossy()
                .into_owned();
            e.calls.push(DrawCall::Text {
                text,
                position: [p.x, p.y],
                alignment: TextAlignment(alignment),
            });
            ofx_sys::kOfxStatOK
        })
    })
}
