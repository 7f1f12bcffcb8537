//! The overlay plugins: the control filter with a `Centre` parameter
//! (Double2D, default [`DEFAULT_CENTRE`]) and a V2 overlay interact that
//! draws a handle at it with the Draw Suite and moves it with the pen.
//!
//! What the legal overlay draws, in this order (`s` is the pixel scale):
//!
//! 1. colour red, line width 2, `Lines` through `c ± (ARM·s, 0)` and
//!    `c ± (0, ARM·s)` (a cross);
//! 2. colour green, a filled `Rectangle` from `c - BOX·s` to `c + BOX·s`;
//! 3. colour white, the text `"Centre"` at `c + (8·s, 8·s)`, left and
//!    bottom aligned.
//!
//! A pen down within `GRAB·s` of the centre (on both axes) starts a drag;
//! each motion and the pen up then set the centre to its value at pen down
//! plus the pen's movement since, inside a `paramEditBegin`/`paramEditEnd`
//! block, and ask for a redraw. The key `r` (`kOfxKey_r`) puts the centre
//! back at its default. Other events are not trapped.
//!
//! The faults change one thing each (see [`Fault`]).

use std::collections::HashMap;
use std::ffi::{CStr, c_char, c_int, c_void};
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use ofx_sys::{
    OfxDrawContextHandle, OfxDrawSuiteV1, OfxInteractHandle, OfxInteractSuiteV1, OfxParamHandle,
    OfxPointD, OfxPropertySetHandle, OfxRGBAColourF, OfxStatus,
};

use crate::raw::{self, Props};
use crate::{Fault, Result};

/// The centre parameter's default, canonical coordinates.
pub const DEFAULT_CENTRE: [f64; 2] = [960.0, 540.0];
/// Half the length of the cross's arms, in screen pixels.
pub const ARM: f64 = 20.0;
/// Half the side of the centre box, in screen pixels.
pub const BOX: f64 = 5.0;
/// How near the centre (on each axis, screen pixels) a pen down grabs it.
pub const GRAB: f64 = 10.0;
/// The parameter the overlay moves.
pub const CENTRE: &CStr = c"Centre";

static INTERACT: AtomicPtr<OfxInteractSuiteV1> = AtomicPtr::new(ptr::null_mut());
static DRAW: AtomicPtr<OfxDrawSuiteV1> = AtomicPtr::new(ptr::null_mut());
/// The draw context of the last draw (kept by `DrawOutsideDraw` only).
static LAST_CONTEXT: AtomicUsize = AtomicUsize::new(0);

/// Whether `fault` is one of the overlay plugins.
pub(crate) fn has_overlay(fault: Fault) -> bool {
    matches!(
        fault,
        Fault::Overlay
            | Fault::OverlayWithoutEditBlock
            | Fault::DrawOutsideDraw
            | Fault::InteractBadStatus
            | Fault::InteractLeak
    )
}

/// Fetches the interact and Draw suites (at load; either may be missing).
pub(crate) fn load() {
    INTERACT.store(
        raw::fetch_suite(ofx_sys::kOfxInteractSuite, 1)
            .cast_mut()
            .cast(),
        Ordering::Release,
    );
    DRAW.store(
        raw::fetch_suite(ofx_sys::kOfxDrawSuite, 1)
            .cast_mut()
            .cast(),
        Ordering::Release,
    );
}

fn draw_suite() -> Result<&'static OfxDrawSuiteV1> {
    let p = DRAW.load(Ordering::Acquire);
    // SAFETY: a suite table from fetchSuite lives as long as the host.
    unsafe { p.as_ref() }.ok_or(ofx_sys::kOfxStatErrMissingHostFeature)
}

fn interact_suite() -> Result<&'static OfxInteractSuiteV1> {
    let p = INTERACT.load(Ordering::Acquire);
    // SAFETY: a suite table from fetchSuite lives as long as the host.
    unsafe { p.as_ref() }.ok_or(ofx_sys::kOfxStatErrMissingHostFeature)
}

/// Describe: the effect names its overlay (V2: it draws with the Draw
/// Suite).
pub(crate) fn describe(fault: Fault, effect: Props) -> Result<()> {
    let entry: ofx_sys::OfxPluginEntryPoint = match fault {
        Fault::OverlayWithoutEditBlock => interact_without_edit_block,
        Fault::DrawOutsideDraw => interact_draw_outside_draw,
        Fault::InteractBadStatus => interact_bad_status,
        Fault::InteractLeak => interact_leak,
        _ => interact_legal,
    };
    effect.set_pointer(
        ofx_sys::kOfxImageEffectPluginPropOverlayInteractV2,
        0,
        entry as *mut c_void,
    )
}

/// Describe in context: the `Centre` parameter; the legal overlay plugin
/// also gives it the same interact as its custom parameter interact
/// (`kOfxParamPropInteractV1`).
pub(crate) fn describe_in_context(fault: Fault, effect: *const c_void) -> Result<()> {
    let props = raw::param_define(effect, ofx_sys::kOfxParamTypeDouble2D, CENTRE)?;
    if fault == Fault::Overlay {
        let entry: ofx_sys::OfxPluginEntryPoint = interact_legal;
        props.set_pointer(ofx_sys::kOfxParamPropInteractV1, 0, entry as *mut c_void)?;
    }
    props.set_double(ofx_sys::kOfxParamPropDefault, 0, DEFAULT_CENTRE[0])?;
    props.set_double(ofx_sys::kOfxParamPropDefault, 1, DEFAULT_CENTRE[1])
}

macro_rules! interacts {
    ($($fn_name:ident => $fault:expr),* $(,)?) => {
        $(
            unsafe extern "C" fn $fn_name(
                action: *const c_char,
                handle: *const c_void,
                in_args: OfxPropertySetHandle,
                _out_args: OfxPropertySetHandle,
            ) -> OfxStatus {
                std::panic::catch_unwind(|| interact($fault, action, handle, in_args))
                    .unwrap_or(ofx_sys::kOfxStatFailed)
            }
        )*
    };
}

interacts! {
    interact_legal => Fault::Overlay,
    interact_without_edit_block => Fault::OverlayWithoutEditBlock,
    interact_draw_outside_draw => Fault::DrawOutsideDraw,
    interact_bad_status => Fault::InteractBadStatus,
    interact_leak => Fault::InteractLeak,
}

/// A drag in progress: where the pen went down and the centre then.
#[derive(Clone, Copy)]
struct Drag {
    pen: [f64; 2],
    centre: [f64; 2],
}

/// Drags in progress, by interact handle.
fn drags() -> &'static Mutex<HashMap<usize, Drag>> {
    static D: OnceLock<Mutex<HashMap<usize, Drag>>> = OnceLock::new();
    D.get_or_init(Default::default)
}

fn interact(
    fault: Fault,
    action: *const c_char,
    handle: *const c_void,
    in_args: OfxPropertySetHandle,
) -> OfxStatus {
    let action = raw::c_str(action).unwrap_or("");
    let args = Props(in_args);
    let r = match action {
        "OfxActionDescribe" => Ok(()),
        "OfxActionCreateInstance" => create(fault, handle),
        "OfxActionDestroyInstance" => {
            drags()
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&(handle as usize));
            Ok(())
        }
        "OfxInteractActionDraw" => draw(fault, args),
        "OfxInteractActionPenDown" => return pen_down(fault, handle, args),
        "OfxInteractActionPenMotion" => return pen_move(fault, handle, args, false),
        "OfxInteractActionPenUp" => return pen_move(fault, handle, args, true),
        "OfxInteractActionKeyDown" => return key_down(fault, handle, args),
        _ => return ofx_sys::kOfxStatReplyDefault,
    };
    match r {
        Ok(()) => ofx_sys::kOfxStatOK,
        Err(s) => s,
    }
}

fn interact_props(handle: *const c_void) -> Result<Props> {
    let f = interact_suite()?
        .interactGetPropertySet
        .ok_or(ofx_sys::kOfxStatErrMissingHostFeature)?;
    let mut p: OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: host function, the interact handle the host passed, out pointer.
    let s = unsafe { f(handle as OfxInteractHandle, &mut p) };
    if s != ofx_sys::kOfxStatOK {
        return Err(s);
    }
    Ok(Props(p))
}

fn create(fault: Fault, handle: *const c_void) -> Result<()> {
    if fault == Fault::InteractLeak {
        // The rule broken: a memory-suite block allocated for the
        // interact and never freed.
        raw::scratch_alloc(handle, 64)?;
    }
    interact_props(handle)?.set_string(ofx_sys::kOfxInteractPropSlaveToParam, 0, CENTRE)
}

fn effect_of(args: Props) -> Result<*const c_void> {
    Ok(args
        .get_pointer(ofx_sys::kOfxPropEffectInstance)?
        .cast_const())
}

fn pixel_scale(args: Props) -> [f64; 2] {
    [
        args.get_double(ofx_sys::kOfxInteractPropPixelScale, 0)
            .unwrap_or(1.0),
        args.get_double(ofx_sys::kOfxInteractPropPixelScale, 1)
            .unwrap_or(1.0),
    ]
}

fn centre_param(effect: *const c_void) -> Result<OfxParamHandle> {
    raw::param_handle(effect, CENTRE)
}

fn centre(effect: *const c_void) -> Result<[f64; 2]> {
    let h = centre_param(effect)?;
    let get = raw::param_suite()?
        .paramGetValue
        .ok_or(ofx_sys::kOfxStatErrMissingHostFeature)?;
    let (mut x, mut y) = (0.0f64, 0.0f64);
    // SAFETY: host function; a Double2D parameter writes two doubles.
    let s = unsafe { get(h, &mut x as *mut f64, &mut y as *mut f64) };
    if s != ofx_sys::kOfxStatOK {
        return Err(s);
    }
    Ok([x, y])
}

fn set_centre(fault: Fault, effect: *const c_void, c: [f64; 2]) -> Result<()> {
    let suite = raw::param_suite()?;
    let missing = ofx_sys::kOfxStatErrMissingHostFeature;
    let set_value = suite.paramSetValue.ok_or(missing)?;
    let begin = suite.paramEditBegin.ok_or(missing)?;
    let end = suite.paramEditEnd.ok_or(missing)?;
    let set = raw::param_set(effect)?;
    let h = centre_param(effect)?;
    let blocked = fault != Fault::OverlayWithoutEditBlock;
    if blocked {
        // SAFETY: host function, host handle, C string.
        unsafe { begin(set, c"Move centre".as_ptr()) };
    }
    // SAFETY: host function; a Double2D parameter takes two doubles.
    let s = unsafe { set_value(h, c[0], c[1]) };
    if blocked {
        // SAFETY: host function, host handle.
        unsafe { end(set) };
    }
    if s == ofx_sys::kOfxStatOK {
        Ok(())
    } else {
        Err(s)
    }
}

fn redraw(handle: *const c_void) {
    if let Ok(f) = interact_suite().and_then(|s| s.interactRedraw.ok_or(0)) {
        // SAFETY: host function, the interact handle the host passed.
        unsafe { f(handle as OfxInteractHandle) };
    }
}

fn colour(ctx: OfxDrawContextHandle, rgba: [f32; 4]) -> Result<()> {
    let f = draw_suite()?
        .setColour
        .ok_or(ofx_sys::kOfxStatErrMissingHostFeature)?;
    let c = OfxRGBAColourF {
        r: rgba[0],
        g: rgba[1],
        b: rgba[2],
        a: rgba[3],
    };
    // SAFETY: host function, the context of this draw action, a colour.
    status(unsafe { f(ctx, &c) })
}

fn status(s: OfxStatus) -> Result<()> {
    if s == ofx_sys::kOfxStatOK {
        Ok(())
    } else {
        Err(s)
    }
}

fn primitive(
    ctx: OfxDrawContextHandle,
    kind: ofx_sys::OfxDrawPrimitive,
    pts: &[[f64; 2]],
) -> Result<()> {
    let f = draw_suite()?
        .draw
        .ok_or(ofx_sys::kOfxStatErrMissingHostFeature)?;
    let pts: Vec<OfxPointD> = pts.iter().map(|p| OfxPointD { x: p[0], y: p[1] }).collect();
    // SAFETY: host function, the context of this draw action, `len` points.
    status(unsafe { f(ctx, kind, pts.as_ptr(), pts.len() as c_int) })
}

fn draw(fault: Fault, args: Props) -> Result<()> {
    let suite = draw_suite()?;
    let missing = ofx_sys::kOfxStatErrMissingHostFeature;
    let ctx = args.get_pointer(ofx_sys::kOfxInteractPropDrawContext)? as OfxDrawContextHandle;
    if fault == Fault::DrawOutsideDraw {
        LAST_CONTEXT.store(ctx as usize, Ordering::Relaxed);
    }
    let effect = effect_of(args)?;
    let c = centre(effect)?;
    let s = pixel_scale(args);
    colour(ctx, [1.0, 0.0, 0.0, 1.0])?;
    // SAFETY: host function, the context of this draw action.
    status(unsafe { suite.setLineWidth.ok_or(missing)?(ctx, 2.0) })?;
    let (ax, ay) = (ARM * s[0], ARM * s[1]);
    primitive(
        ctx,
        ofx_sys::kOfxDrawPrimitiveLines,
        &[
            [c[0] - ax, c[1]],
            [c[0] + ax, c[1]],
            [c[0], c[1] - ay],
            [c[0], c[1] + ay],
        ],
    )?;
    colour(ctx, [0.0, 1.0, 0.0, 1.0])?;
    let (bx, by) = (BOX * s[0], BOX * s[1]);
    primitive(
        ctx,
        ofx_sys::kOfxDrawPrimitiveRectangle,
        &[[c[0] - bx, c[1] - by], [c[0] + bx, c[1] + by]],
    )?;
    colour(ctx, [1.0, 1.0, 1.0, 1.0])?;
    let pos = OfxPointD {
        x: c[0] + 8.0 * s[0],
        y: c[1] + 8.0 * s[1],
    };
    let align = ofx_sys::kOfxDrawTextAlignmentLeft.0 | ofx_sys::kOfxDrawTextAlignmentBottom.0;
    // SAFETY: host function, the context of this draw action, a C string
    // and a point.
    status(unsafe { suite.drawText.ok_or(missing)?(ctx, c"Centre".as_ptr(), &pos, align) })
}

fn pen_position(args: Props) -> Result<[f64; 2]> {
    Ok([
        args.get_double(ofx_sys::kOfxInteractPropPenPosition, 0)?,
        args.get_double(ofx_sys::kOfxInteractPropPenPosition, 1)?,
    ])
}

fn pen_down(fault: Fault, handle: *const c_void, args: Props) -> OfxStatus {
    if fault == Fault::InteractBadStatus {
        // The rule broken: a status no interact action may answer.
        return ofx_sys::kOfxStatErrValue;
    }
    if fault == Fault::DrawOutsideDraw {
        // The rule broken: drawing with the last draw's context, outside
        // any draw action (the host refuses; the plugin carries on).
        let ctx = LAST_CONTEXT.load(Ordering::Relaxed) as OfxDrawContextHandle;
        let _ = colour(ctx, [1.0, 1.0, 0.0, 1.0]);
    }
    let r = (|| -> Result<bool> {
        let pen = pen_position(args)?;
        let c = centre(effect_of(args)?)?;
        let s = pixel_scale(args);
        let near = (pen[0] - c[0]).abs() <= GRAB * s[0] && (pen[1] - c[1]).abs() <= GRAB * s[1];
        if near {
            drags()
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(handle as usize, Drag { pen, centre: c });
        }
        Ok(near)
    })();
    match r {
        Ok(true) => ofx_sys::kOfxStatOK,
        Ok(false) => ofx_sys::kOfxStatReplyDefault,
        Err(s) => s,
    }
}

fn pen_move(fault: Fault, handle: *const c_void, args: Props, up: bool) -> OfxStatus {
    let drag = {
        let mut d = drags().lock().unwrap_or_else(|e| e.into_inner());
        if up {
            d.remove(&(handle as usize))
        } else {
            d.get(&(handle as usize)).copied()
        }
    };
    let Some(drag) = drag else {
        return ofx_sys::kOfxStatReplyDefault;
    };
    let r = (|| -> Result<()> {
        let pen = pen_position(args)?;
        let c = [
            drag.centre[0] + (pen[0] - drag.pen[0]),
            drag.centre[1] + (pen[1] - drag.pen[1]),
        ];
        set_centre(fault, effect_of(args)?, c)?;
        redraw(handle);
        Ok(())
    })();
    match r {
        Ok(()) => ofx_sys::kOfxStatOK,
        Err(s) => s,
    }
}

fn key_down(fault: Fault, handle: *const c_void, args: Props) -> OfxStatus {
    let r = (|| -> Result<bool> {
        if args.get_int(ofx_sys::kOfxPropKeySym)? != ofx_sys::kOfxKey_r {
            return Ok(false);
        }
        set_centre(fault, effect_of(args)?, DEFAULT_CENTRE)?;
        redraw(handle);
        Ok(true)
    })();
    match r {
        Ok(true) => ofx_sys::kOfxStatOK,
        Ok(false) => ofx_sys::kOfxStatReplyDefault,
        Err(s) => s,
    }
}
