//! The C side of interacts: the generated `mainEntry` of each interact
//! type, its instance data, and the Draw Suite backend of
//! [`DrawContext`](crate::interact::DrawContext).

use std::any::TypeId;
use std::ffi::{CStr, CString, c_char, c_void};
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, TryLockError};

use ofx_sys as sys;

use super::check;
use super::entry::{InstanceData, instance};
use super::props::PropSet;
use super::suites::{SuitePtr, suites};
use crate::effect::{Plugin, Trapped};
use crate::error::{Error, Result};
use crate::geometry::{PointD, PointI, RenderScale};
use crate::interact::draw::{Backend, Primitive};
use crate::interact::{
    Colour, DrawArgs, DrawContext, Drawing, FocusArgs, HAlign, Interact, InteractContext,
    InteractDescriptor, KeyArgs, KeySym, LineStipple, PenArgs, StandardColour, TextAlign, VAlign,
};
use crate::unwind::{drop_payload, panic_text};

/// An interact handle with its property set.
pub(crate) struct InteractHandle {
    raw: sys::OfxInteractHandle,
    pub(crate) props: PropSet,
}

impl InteractHandle {
    fn new(handle: *const c_void) -> Result<InteractHandle> {
        if handle.is_null() {
            return Err(Error::bad_handle("the host passed a null interact handle"));
        }
        let raw: sys::OfxInteractHandle = handle.cast_mut().cast();
        let suite = suites()?.interact.ok_or_else(|| {
            Error::missing_host_feature("the host has no interact suite (OfxInteractSuite v1)")
        })?;
        let f = suite.interactGetPropertySet.ok_or_else(|| {
            Error::missing_host_feature("the host's interact suite has no interactGetPropertySet")
        })?;
        let mut props: sys::OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: `raw` is the non-null interact handle the host passed to
        // this action, and `props` is a valid out pointer.
        let status = unsafe { f(raw, &mut props) };
        check(status, || "interactGetPropertySet".to_owned())?;
        Ok(InteractHandle {
            raw,
            props: PropSet::new(props)?.labelled("an interact"),
        })
    }

    /// `interactRedraw`.
    pub(crate) fn redraw(&self) -> Result<()> {
        let suite = suites()?
            .interact
            .ok_or_else(|| Error::missing_host_feature("the host has no interact suite"))?;
        let f = suite.interactRedraw.ok_or_else(|| {
            Error::missing_host_feature("the host's interact suite has no interactRedraw")
        })?;
        // SAFETY: the handle came from the host for the current action.
        check(unsafe { f(self.raw) }, || "interactRedraw".to_owned())
    }
}

/// The value stored in the interact instance's `kOfxPropInstanceData`.
#[repr(C)]
struct InteractData<I> {
    tag: TypeId,
    value: Mutex<I>,
}

fn interact_data<'a, I: Interact>(h: &InteractHandle) -> Result<&'a InteractData<I>> {
    let ptr = h.props.get_pointer(sys::kOfxPropInstanceData, 0)?;
    if ptr.is_null() {
        return Err(Error::bad_handle(
            "the interact has no instance data (no create-instance action, or destroyed)",
        ));
    }
    // SAFETY: a non-null pointer was set by create-instance below to a live
    // `InteractData<_>`, whose first field (repr(C)) is a TypeId.
    let tag = unsafe { *ptr.cast::<TypeId>() };
    if tag != TypeId::of::<I>() {
        return Err(Error::bad_handle(
            "the interact's instance data belongs to another interact type",
        ));
    }
    // SAFETY: the tag matches, so this is the `Box<InteractData<I>>` leaked
    // at create-instance and freed only at destroy-instance.
    Ok(unsafe { &*ptr.cast::<InteractData<I>>() })
}

/// The instance data of the effect the interact belongs to.
fn effect_data<'a, P: Plugin>(h: &InteractHandle) -> Result<&'a InstanceData<P>> {
    let e = h.props.get_pointer(sys::kOfxPropEffectInstance, 0)?;
    if e.is_null() {
        return Err(Error::bad_handle("the interact has no effect instance"));
    }
    instance::<P>(e.cast())
}

fn post_error(text: &str) {
    if let Err(p) = catch_unwind(|| {
        let _ = super::services::message(std::ptr::null_mut(), sys::kOfxMessageError, text);
    }) {
        drop_payload(p);
    }
}

/// `mainEntry` of interact `I`.
///
/// # Safety
/// Called by the host with the arguments the OFX API defines for `action`.
pub unsafe extern "C" fn main_entry<I: Interact>(
    action: *const c_char,
    handle: *const c_void,
    in_args: sys::OfxPropertySetHandle,
    _out_args: sys::OfxPropertySetHandle,
) -> sys::OfxStatus {
    if action.is_null() {
        return sys::kOfxStatErrBadHandle;
    }
    // SAFETY: the host passes a NUL-terminated action string.
    let action = unsafe { CStr::from_ptr(action) };
    let who = || {
        format!(
            "{} (interact of {})",
            std::any::type_name::<I>(),
            I::Effect::ID.to_string_lossy()
        )
    };
    match catch_unwind(AssertUnwindSafe(|| dispatch::<I>(action, handle, in_args))) {
        Ok(Ok(Trapped::Yes)) => sys::kOfxStatOK,
        Ok(Ok(Trapped::No)) => sys::kOfxStatReplyDefault,
        Ok(Err(e)) => {
            if e.message().is_some() {
                post_error(&format!(
                    "{}: {} failed: {e}",
                    who(),
                    action.to_string_lossy()
                ));
            }
            // Interact actions answer OK, default, failed, fatal or out of
            // memory; every other error is a failure (its detail went to
            // the message suite).
            match e.status() {
                s if s == sys::kOfxStatErrFatal || s == sys::kOfxStatErrMemory => s,
                _ => sys::kOfxStatFailed,
            }
        }
        Err(p) => {
            let text = format!(
                "{}: panic in {}: {}",
                who(),
                action.to_string_lossy(),
                panic_text(&*p)
            );
            drop_payload(p);
            post_error(&text);
            sys::kOfxStatFailed
        }
    }
}

fn time(p: &PropSet) -> f64 {
    p.get_double(sys::kOfxPropTime, 0).unwrap_or(0.0)
}
fn scale(p: &PropSet) -> RenderScale {
    p.get_double_array(sys::kOfxImageEffectPropRenderScale)
        .map_or(RenderScale::ONE, |[x, y]| RenderScale::new(x, y))
}
fn pixel_scale(p: &PropSet, h: &InteractHandle) -> PointD {
    p.get_double_array(sys::kOfxInteractPropPixelScale)
        .or_else(|_| h.props.get_double_array(sys::kOfxInteractPropPixelScale))
        .map_or(PointD::new(1.0, 1.0), |[x, y]| PointD::new(x, y))
}
fn background(p: &PropSet, h: &InteractHandle) -> [f64; 3] {
    p.get_double_array(sys::kOfxInteractPropBackgroundColour)
        .or_else(|_| {
            h.props
                .get_double_array(sys::kOfxInteractPropBackgroundColour)
        })
        .unwrap_or([0.0; 3])
}

fn dispatch<I: Interact>(
    action: &CStr,
    handle: *const c_void,
    in_args: sys::OfxPropertySetHandle,
) -> Result<Trapped> {
    let h = InteractHandle::new(handle)?;
    if action == sys::kOfxActionDescribe {
        I::describe(&mut InteractDescriptor { handle: h })?;
        return Ok(Trapped::Yes);
    }
    if action == sys::kOfxActionCreateInstance {
        let fx = effect_data::<I::Effect>(&h)?;
        let value = I::create(&context(fx, &h))?;
        let ptr = Box::into_raw(Box::new(InteractData {
            tag: TypeId::of::<I>(),
            value: Mutex::new(value),
        }));
        if let Err(e) = h
            .props
            .set_pointer(sys::kOfxPropInstanceData, 0, ptr.cast())
        {
            // SAFETY: `ptr` came from Box::into_raw just above and was not shared.
            drop(unsafe { Box::from_raw(ptr) });
            return Err(e);
        }
        return Ok(Trapped::Yes);
    }
    if action == sys::kOfxActionDestroyInstance {
        let d: *const InteractData<I> = interact_data::<I>(&h)?;
        h.props
            .set_pointer(sys::kOfxPropInstanceData, 0, std::ptr::null_mut())?;
        // SAFETY: `d` is the Box leaked at create-instance (tag checked); it
        // was cleared from the instance before freeing, so no later action
        // can reach it.
        drop(unsafe { Box::from_raw(d.cast_mut()) });
        return Ok(Trapped::Yes);
    }
    let events = [
        sys::kOfxInteractActionDraw,
        sys::kOfxInteractActionPenDown,
        sys::kOfxInteractActionPenMotion,
        sys::kOfxInteractActionPenUp,
        sys::kOfxInteractActionKeyDown,
        sys::kOfxInteractActionKeyUp,
        sys::kOfxInteractActionKeyRepeat,
        sys::kOfxInteractActionGainFocus,
        sys::kOfxInteractActionLoseFocus,
    ];
    if !events.contains(&action) {
        return Ok(Trapped::No);
    }
    let data = interact_data::<I>(&h)?;
    let fx = effect_data::<I::Effect>(&h)?;
    let cx = context(fx, &h);
    let mut value = match data.value.try_lock() {
        Ok(v) => v,
        Err(TryLockError::Poisoned(p)) => p.into_inner(),
        Err(TryLockError::WouldBlock) => {
            return Err(Error::failed(format!(
                "{} arrived while another action of the same interact was running \
                 (the host re-entered the interact)",
                action.to_string_lossy()
            )));
        }
    };
    let p = PropSet::new(in_args)?;
    if action == sys::kOfxInteractActionDraw {
        let ctx = p
            .get_pointer(sys::kOfxInteractPropDrawContext, 0)
            .ok()
            .filter(|c| !c.is_null());
        let suite = suites()?.draw.zip(ctx);
        let args = DrawArgs {
            time: time(&p),
            render_scale: scale(&p),
            pixel_scale: pixel_scale(&p, &h),
            background: background(&p, &h),
            viewport_size: p
                .get_int_array(sys::kOfxInteractPropViewportSize)
                .or_else(|_| h.props.get_int_array(sys::kOfxInteractPropViewportSize))
                .ok(),
            has_alpha: h
                .props
                .get_bool(sys::kOfxInteractPropHasAlpha, 0)
                .unwrap_or(false),
            draw_suite: suite.is_some(),
        };
        let _drawing = Drawing::enter();
        return match suite {
            Some((suite, ctx)) => {
                let mut b = SuiteBackend {
                    suite,
                    ctx: ctx.cast(),
                };
                value.draw(&cx, &args, &mut DrawContext::new(&mut b, args.pixel_scale))?;
                Ok(Trapped::Yes)
            }
            None => {
                let mut b = super::gl::GlBackend::begin(args.pixel_scale)?;
                value.draw(&cx, &args, &mut DrawContext::new(&mut b, args.pixel_scale))?;
                Ok(Trapped::Yes)
            }
        };
    }
    if action == sys::kOfxInteractActionPenDown
        || action == sys::kOfxInteractActionPenMotion
        || action == sys::kOfxInteractActionPenUp
    {
        let [x, y] = p.get_double_array(sys::kOfxInteractPropPenPosition)?;
        let args = PenArgs {
            time: time(&p),
            render_scale: scale(&p),
            pixel_scale: pixel_scale(&p, &h),
            background: background(&p, &h),
            position: PointD::new(x, y),
            viewport_position: p
                .get_int_array(sys::kOfxInteractPropPenViewportPosition)
                .ok()
                .map(|[x, y]| PointI::new(x, y)),
            pressure: p
                .get_double(sys::kOfxInteractPropPenPressure, 0)
                .unwrap_or(1.0),
        };
        // One undoable edit per pen event: whatever the interact sets. A
        // host refusing the block still gets the event (its undo is then
        // its own business).
        let _edit = fx
            .ctx
            .param_set
            .edit_block(&format!("{} overlay", I::Effect::ID.to_string_lossy()))
            .ok();
        return if action == sys::kOfxInteractActionPenDown {
            value.pen_down(&cx, &args)
        } else if action == sys::kOfxInteractActionPenMotion {
            value.pen_motion(&cx, &args)
        } else {
            value.pen_up(&cx, &args)
        };
    }
    if action == sys::kOfxInteractActionKeyDown
        || action == sys::kOfxInteractActionKeyUp
        || action == sys::kOfxInteractActionKeyRepeat
    {
        let args = KeyArgs {
            time: time(&p),
            render_scale: scale(&p),
            key: KeySym::from_raw(p.get_int(sys::kOfxPropKeySym, 0)?),
            text: p.get_string(sys::kOfxPropKeyString, 0).unwrap_or_default(),
        };
        return if action == sys::kOfxInteractActionKeyDown {
            value.key_down(&cx, &args)
        } else if action == sys::kOfxInteractActionKeyUp {
            value.key_up(&cx, &args)
        } else {
            value.key_repeat(&cx, &args)
        };
    }
    let args = FocusArgs {
        time: time(&p),
        render_scale: scale(&p),
        pixel_scale: pixel_scale(&p, &h),
        background: background(&p, &h),
    };
    if action == sys::kOfxInteractActionGainFocus {
        value.gain_focus(&cx, &args)
    } else {
        value.lose_focus(&cx, &args)
    }
}

fn context<'a, P: Plugin>(
    fx: &'a InstanceData<P>,
    h: &'a InteractHandle,
) -> InteractContext<'a, P> {
    InteractContext {
        effect: &fx.effect,
        instance: &fx.ctx,
        handle: h,
        _thread: PhantomData,
    }
}

/// Draws through the host's Draw Suite.
struct SuiteBackend {
    suite: SuitePtr<sys::OfxDrawSuiteV1>,
    ctx: sys::OfxDrawContextHandle,
}

macro_rules! draw_fn {
    ($s:expr, $name:ident) => {
        $s.suite.$name.ok_or_else(|| {
            Error::missing_host_feature(concat!("the host's Draw Suite has no ", stringify!($name)))
        })?
    };
}

impl Backend for SuiteBackend {
    fn colour(&mut self, c: Colour) -> Result<()> {
        let f = draw_fn!(self, setColour);
        let c = sys::OfxRGBAColourF {
            r: c.r,
            g: c.g,
            b: c.b,
            a: c.a,
        };
        // SAFETY: the draw context is the host's for this draw action, and
        // the colour lives for the call.
        check(unsafe { f(self.ctx, &c) }, || "setColour".into())
    }
    fn line_width(&mut self, width: f32) -> Result<()> {
        let f = draw_fn!(self, setLineWidth);
        // SAFETY: as in `colour`.
        check(unsafe { f(self.ctx, width) }, || "setLineWidth".into())
    }
    fn stipple(&mut self, s: LineStipple) -> Result<()> {
        let f = draw_fn!(self, setLineStipple);
        let p = match s {
            LineStipple::Solid => sys::kOfxDrawLineStipplePatternSolid,
            LineStipple::Dot => sys::kOfxDrawLineStipplePatternDot,
            LineStipple::Dash => sys::kOfxDrawLineStipplePatternDash,
            LineStipple::AltDash => sys::kOfxDrawLineStipplePatternAltDash,
            LineStipple::DotDash => sys::kOfxDrawLineStipplePatternDotDash,
        };
        // SAFETY: as in `colour`.
        check(unsafe { f(self.ctx, p) }, || "setLineStipple".into())
    }
    fn primitive(&mut self, kind: Primitive, points: &[PointD]) -> Result<()> {
        let f = draw_fn!(self, draw);
        let k = match kind {
            Primitive::Lines => sys::kOfxDrawPrimitiveLines,
            Primitive::LineStrip => sys::kOfxDrawPrimitiveLineStrip,
            Primitive::LineLoop => sys::kOfxDrawPrimitiveLineLoop,
            Primitive::Rectangle => sys::kOfxDrawPrimitiveRectangle,
            Primitive::Polygon => sys::kOfxDrawPrimitivePolygon,
        };
        let pts: Vec<sys::OfxPointD> = points.iter().map(|&p| p.into()).collect();
        let n = i32::try_from(pts.len())
            .map_err(|_| Error::value(format!("{} points are too many to draw", pts.len())))?;
        // SAFETY: `pts` holds exactly `n` points and lives for the call.
        check(unsafe { f(self.ctx, k, pts.as_ptr(), n) }, || "draw".into())
    }
    fn text(&mut self, text: &str, pos: PointD, align: TextAlign) -> Result<()> {
        let f = draw_fn!(self, drawText);
        let c = CString::new(text).map_err(|_| Error::value("text contains a NUL character"))?;
        let h = match align.h {
            HAlign::Left => sys::kOfxDrawTextAlignmentLeft,
            HAlign::Right => sys::kOfxDrawTextAlignmentRight,
            HAlign::Centre => sys::kOfxDrawTextAlignmentCenterH,
        };
        let v = match align.v {
            VAlign::Baseline => sys::kOfxDrawTextAlignmentBaseline,
            VAlign::Bottom => sys::kOfxDrawTextAlignmentBottom,
            VAlign::Top => sys::kOfxDrawTextAlignmentTop,
            VAlign::Centre => sys::kOfxDrawTextAlignmentCenterV,
        };
        let p: sys::OfxPointD = pos.into();
        // SAFETY: NUL-terminated text and a point, both living for the call.
        check(unsafe { f(self.ctx, c.as_ptr(), &p, h.0 | v.0) }, || {
            "drawText".into()
        })
    }
    fn standard_colour(&mut self, c: StandardColour) -> Result<Colour> {
        let Some(f) = self.suite.getColour else {
            return Ok(c.fallback());
        };
        let which = match c {
            StandardColour::Background => sys::kOfxStandardColourOverlayBackground,
            StandardColour::Active => sys::kOfxStandardColourOverlayActive,
            StandardColour::Selected => sys::kOfxStandardColourOverlaySelected,
            StandardColour::Deselected => sys::kOfxStandardColourOverlayDeselected,
            StandardColour::MarqueeForeground => sys::kOfxStandardColourOverlayMarqueeFG,
            StandardColour::MarqueeBackground => sys::kOfxStandardColourOverlayMarqueeBG,
            StandardColour::Text => sys::kOfxStandardColourOverlayText,
        };
        let mut out = sys::OfxRGBAColourF {
            r: 0.0,
            g: 0.0,
            b: 0.0,
            a: 0.0,
        };
        // SAFETY: the draw context is live for this action; `out` is a valid
        // out pointer.
        let st = unsafe { f(self.ctx, which, &mut out) };
        if st != sys::kOfxStatOK {
            return Ok(c.fallback());
        }
        Ok(Colour::rgba(out.r, out.g, out.b, out.a))
    }
}
