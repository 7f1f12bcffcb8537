//! Driving interacts: an effect's overlay and a parameter's custom
//! interact, as a host with a viewer would, with no window.
//!
//! [`Instance::overlay`](super::Instance::overlay) describes the overlay's interact (once per plugin
//! and entry point), creates an interact instance and returns an
//! [`Overlay`]. Through it a test sends draw (recording every Draw Suite
//! call in a [`Drawing`]), pen, key and focus actions with the arguments the
//! spec lists, and reads back the parameters they changed with the
//! instance's own API. Dropping the `Overlay` destroys the interact; so does
//! destroying its effect instance first.
//!
//! ```ignore
//! let mut ov = instance.overlay()?;
//! let d = ov.draw(0.0)?;
//! assert!(ov.pen_down(0.0, [960.0, 540.0])?);
//! ov.pen_motion(0.0, [970.0, 540.0])?;
//! ov.pen_up(0.0, [970.0, 540.0])?;
//! ```

use std::ffi::CStr;

use ofx_sys::{OfxPluginEntryPoint, OfxStatus};

use super::Plugin;
use super::actions::{CallInfo, arg_set, ok, with_registered};
use super::interacts::{destroy_interact, write_viewport};
use crate::drawing::Drawing;
use crate::error::HostError;
use crate::handle::Handle;
use crate::objects::DrawContextEntry;
use crate::props::{PropertySet, Writer};
use crate::state;
use crate::types::ofx_str;

/// The view an interact is drawn in: what the host tells it about the
/// window, and how canonical coordinates map to its pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Viewport {
    /// Size in screen pixels (`kOfxInteractPropViewportSize`).
    pub size: [i32; 2],
    /// Canonical units per screen pixel (`kOfxInteractPropPixelScale`): 2
    /// when the viewer shows the image at half size.
    pub pixel_scale: [f64; 2],
    /// The canonical coordinates at the viewport's bottom-left corner
    /// (used for the pen's viewport position).
    pub origin: [f64; 2],
    /// RGB of the viewer behind the overlay
    /// (`kOfxInteractPropBackgroundColour`, each 0 to 1).
    pub background: [f64; 3],
    /// Whether the view's frame buffer has alpha (`kOfxInteractPropHasAlpha`).
    pub has_alpha: bool,
    /// Bits per component of the frame buffer (`kOfxInteractPropBitDepth`).
    pub bit_depth: i32,
    /// The render scale of the images shown
    /// (`kOfxImageEffectPropRenderScale`).
    pub render_scale: [f64; 2],
}

impl Default for Viewport {
    /// A 1920x1080 view of canonical space at one pixel per unit, black
    /// background, 8-bit RGBA, render scale 1.
    fn default() -> Self {
        Viewport {
            size: [1920, 1080],
            pixel_scale: [1.0, 1.0],
            origin: [0.0, 0.0],
            background: [0.0, 0.0, 0.0],
            has_alpha: true,
            bit_depth: 8,
            render_scale: [1.0, 1.0],
        }
    }
}

impl Viewport {
    /// The viewport pixel (bottom-left origin) under canonical `position`.
    pub fn to_viewport(&self, position: [f64; 2]) -> [i32; 2] {
        let px = |i: usize| ((position[i] - self.origin[i]) / self.pixel_scale[i]).floor() as i32;
        [px(0), px(1)]
    }
}

/// A pen event: where, how hard, and (optionally) the viewport pixel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PenEvent {
    /// Canonical position (`kOfxInteractPropPenPosition`).
    pub position: [f64; 2],
    /// Pressure from 0 to 1 (`kOfxInteractPropPenPressure`); a mouse
    /// button is 1 while down, 0 while up.
    pub pressure: f64,
    /// The viewport pixel (`kOfxInteractPropPenViewportPosition`); `None`
    /// computes it from the position and the [`Viewport`].
    pub viewport_position: Option<[i32; 2]>,
}

impl PenEvent {
    /// An event at `position` with `pressure`.
    pub fn at(position: [f64; 2], pressure: f64) -> PenEvent {
        PenEvent {
            position,
            pressure,
            viewport_position: None,
        }
    }
}

/// Which interact an [`Overlay`] drives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InteractKind {
    /// The effect's overlay; `draw_suite` when it is the
    /// `kOfxImageEffectPluginPropOverlayInteractV2` entry (which must draw
    /// with the Draw Suite) rather than `V1`'s.
    Overlay {
        /// Whether the `V2` entry point is used.
        draw_suite: bool,
    },
    /// The custom interact (`kOfxParamPropInteractV1`) of this parameter.
    Param(String),
}

/// A live interact instance of an effect instance: its overlay, or a
/// parameter's interact. Destroyed (`kOfxActionDestroyInstance`) on drop.
pub struct Overlay<'p> {
    pub(super) plugin: &'p Plugin<'p>,
    pub(super) effect: Handle,
    pub(super) interact: Handle,
    pub(super) entry: OfxPluginEntryPoint,
    pub(super) kind: InteractKind,
    pub(super) viewport: Viewport,
}

/// What an action's status means for an event: trapped, not trapped, or an
/// error.
fn trapped(action: &CStr, status: OfxStatus) -> Result<bool, HostError> {
    match status {
        ofx_sys::kOfxStatOK => Ok(true),
        ofx_sys::kOfxStatReplyDefault => Ok(false),
        _ => Err(HostError::Action {
            action: action.to_string_lossy().into_owned(),
            status,
        }),
    }
}

impl<'p> Overlay<'p> {
    /// Which interact this is.
    pub fn kind(&self) -> &InteractKind {
        &self.kind
    }

    /// The raw interact instance handle (as the plugin sees it).
    pub fn handle(&self) -> usize {
        self.interact.raw()
    }

    /// The view the interact is shown in.
    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// Changes the view: later actions carry its pixel scale, background
    /// and render scale, and the interact's properties (pixel scale,
    /// background, alpha, bit depth, viewport size) are updated.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        let props = state::lock().interacts.get(self.interact).map(|e| e.props);
        if let Ok(p) = props {
            let _ = state::with_property_set(p, |s| write_viewport(s, &viewport));
        }
        self.viewport = viewport;
    }

    /// A copy of the interact instance's properties.
    pub fn props(&self) -> PropertySet {
        let props = state::lock().interacts.get(self.interact).map(|e| e.props);
        props
            .ok()
            .and_then(|p| state::with_property_set(p, |s| s.clone()).ok())
            .unwrap_or_default()
    }

    /// The parameters the interact says it follows
    /// (`kOfxInteractPropSlaveToParam`): a host redraws it when they change.
    pub fn slave_to_params(&self) -> Vec<String> {
        self.props()
            .get_string_n(ofx_str(ofx_sys::kOfxInteractPropSlaveToParam))
            .unwrap_or_default()
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// How many times the interact asked to be redrawn (`interactRedraw`).
    pub fn redraws(&self) -> usize {
        state::lock()
            .interacts
            .get(self.interact)
            .map_or(0, |e| e.redraws)
    }

    /// How many times the interact called `interactSwapBuffers`.
    pub fn swaps(&self) -> usize {
        state::lock()
            .interacts
            .get(self.interact)
            .map_or(0, |e| e.swaps)
    }

    fn check_live(&self) -> Result<(), HostError> {
        let st = state::lock();
        if st.interacts.get(self.interact).is_err() || st.effects.get(self.effect).is_err() {
            return Err(HostError::Invalid(
                "the interact was destroyed with its effect instance".into(),
            ));
        }
        Ok(())
    }

    /// The arguments every interact action carries, plus `extra` names.
    fn args(&self, kind: &str, time: f64, view: bool, extra: &[&str]) -> PropertySet {
        let mut names = vec![
            ofx_str(ofx_sys::kOfxPropEffectInstance),
            ofx_str(ofx_sys::kOfxPropTime),
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
        ];
        if view {
            names.push(ofx_str(ofx_sys::kOfxInteractPropPixelScale));
            names.push(ofx_str(ofx_sys::kOfxInteractPropBackgroundColour));
        }
        names.extend_from_slice(extra);
        let mut a = arg_set(kind, &names, false);
        let h = Writer::Host;
        let v = &self.viewport;
        ok(a.set_pointer(
            ofx_str(ofx_sys::kOfxPropEffectInstance),
            0,
            self.effect.raw(),
            h,
        ));
        ok(a.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, h));
        ok(a.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &v.render_scale,
            h,
        ));
        if view {
            ok(a.set_double_n(
                ofx_str(ofx_sys::kOfxInteractPropPixelScale),
                &v.pixel_scale,
                h,
            ));
            ok(a.set_double_n(
                ofx_str(ofx_sys::kOfxInteractPropBackgroundColour),
                &v.background,
                h,
            ));
        }
        a
    }

    /// Sends `action` with `args` registered for the call.
    fn send(&self, action: &CStr, args: PropertySet, time: f64) -> OfxStatus {
        let info = CallInfo {
            time: Some(time),
            ..CallInfo::default()
        };
        with_registered(args, |h| {
            self.plugin
                .send_to(self.entry, action, self.interact.raw(), Some(h), info)
        })
        .0
    }

    /// Sends an event action and says whether it was trapped. In a session
    /// that notifies plugin edits, the parameters the interact wrote are
    /// then announced to its effect (instance changed, reason plugin
    /// edited), as hosts do for edits made from an interact.
    fn event(&self, action: &CStr, args: PropertySet, time: f64) -> Result<bool, HostError> {
        let set = if self.plugin.shared().config.notify_plugin_edits {
            state::lock()
                .effects
                .get(self.effect)
                .ok()
                .and_then(|e| e.param_set)
        } else {
            None
        };
        if let Some(set) = set {
            // Writes from earlier actions are not this event's.
            crate::param_sets::take_pending_edits(set);
        }
        let status = self.send(action, args, time);
        let trapped = trapped(action, status)?;
        if let Some(set) = set {
            super::instance_params::announce_plugin_edits(self.plugin, self.effect, set, time)?;
        }
        Ok(trapped)
    }

    /// Sends `kOfxInteractActionDraw` at `time` and returns what the
    /// interact drew through the Draw Suite (nothing when the host does
    /// not offer it: the interact then draws with OpenGL into whatever
    /// context the caller has made current).
    ///
    /// # Errors
    /// [`HostError::Action`] when the interact answers an error.
    pub fn draw(&mut self, time: f64) -> Result<Drawing, HostError> {
        self.check_live()?;
        let suite = self.plugin.shared().config.offers_draw_suite();
        let context_name = ofx_str(ofx_sys::kOfxInteractPropDrawContext);
        let extra: &[&str] = if suite { &[context_name] } else { &[] };
        let mut args = self.args("inArgs:InteractDraw", time, true, extra);
        let context = suite.then(|| {
            state::lock().draw_contexts.insert(DrawContextEntry {
                session: self.plugin.shared().id,
                interact: self.interact.raw(),
                background: self.viewport.background,
                calls: Vec::new(),
            })
        });
        if let Some(c) = context {
            ok(args.set_pointer(context_name, 0, c.raw(), Writer::Host));
        }
        let status = self.send(ofx_sys::kOfxInteractActionDraw, args, time);
        let calls = context
            .and_then(|c| state::lock().draw_contexts.remove(c).ok())
            .map(|e| e.calls)
            .unwrap_or_default();
        let trapped = trapped(ofx_sys::kOfxInteractActionDraw, status)?;
        let mut d = Drawing::from_calls(calls);
        d.trapped = trapped;
        d.pixel_scale = self.viewport.pixel_scale;
        Ok(d)
    }

    /// Sends a pen action (`kOfxInteractActionPenDown`, `...PenMotion` or
    /// `...PenUp`) with `event`; answers whether the interact trapped it.
    ///
    /// # Errors
    /// [`HostError::Action`] when the interact answers an error;
    /// [`HostError::Invalid`] for an action that is not a pen action.
    pub fn pen(&mut self, action: &CStr, time: f64, event: PenEvent) -> Result<bool, HostError> {
        let pens = [
            ofx_sys::kOfxInteractActionPenDown,
            ofx_sys::kOfxInteractActionPenMotion,
            ofx_sys::kOfxInteractActionPenUp,
        ];
        if !pens.contains(&action) {
            return Err(HostError::Invalid(format!(
                "{} is not a pen action",
                action.to_string_lossy()
            )));
        }
        self.check_live()?;
        let position = ofx_str(ofx_sys::kOfxInteractPropPenPosition);
        let viewport = ofx_str(ofx_sys::kOfxInteractPropPenViewportPosition);
        let pressure = ofx_str(ofx_sys::kOfxInteractPropPenPressure);
        let mut args = self.args(
            "inArgs:InteractPen",
            time,
            true,
            &[position, viewport, pressure],
        );
        let h = Writer::Host;
        ok(args.set_double_n(position, &event.position, h));
        let vp = event
            .viewport_position
            .unwrap_or_else(|| self.viewport.to_viewport(event.position));
        ok(args.set_int_n(viewport, &vp, h));
        ok(args.set_double(pressure, 0, event.pressure, h));
        self.event(action, args, time)
    }

    /// Presses the pen at canonical `position` (pressure 1).
    ///
    /// # Errors
    /// As [`Overlay::pen`].
    pub fn pen_down(&mut self, time: f64, position: [f64; 2]) -> Result<bool, HostError> {
        self.pen(
            ofx_sys::kOfxInteractActionPenDown,
            time,
            PenEvent::at(position, 1.0),
        )
    }

    /// Moves the pen, pressed, to canonical `position` (pressure 1).
    ///
    /// # Errors
    /// As [`Overlay::pen`].
    pub fn pen_motion(&mut self, time: f64, position: [f64; 2]) -> Result<bool, HostError> {
        self.pen(
            ofx_sys::kOfxInteractActionPenMotion,
            time,
            PenEvent::at(position, 1.0),
        )
    }

    /// Releases the pen at canonical `position` (pressure 0).
    ///
    /// # Errors
    /// As [`Overlay::pen`].
    pub fn pen_up(&mut self, time: f64, position: [f64; 2]) -> Result<bool, HostError> {
        self.pen(
            ofx_sys::kOfxInteractActionPenUp,
            time,
            PenEvent::at(position, 0.0),
        )
    }

    /// Presses, drags through `path` and releases the pen: pen down at the
    /// first point, motion to each later point, pen up at the last.
    /// Answers whether the pen down was trapped.
    ///
    /// # Errors
    /// As [`Overlay::pen`]; [`HostError::Invalid`] for an empty path.
    pub fn drag(&mut self, time: f64, path: &[[f64; 2]]) -> Result<bool, HostError> {
        let (first, rest) = path
            .split_first()
            .ok_or_else(|| HostError::Invalid("an empty pen path".into()))?;
        let trapped = self.pen_down(time, *first)?;
        for p in rest {
            self.pen_motion(time, *p)?;
        }
        self.pen_up(time, *path.last().unwrap_or(first))?;
        Ok(trapped)
    }

    fn key(
        &mut self,
        action: &CStr,
        time: f64,
        keysym: i32,
        text: &str,
    ) -> Result<bool, HostError> {
        self.check_live()?;
        let sym = ofx_str(ofx_sys::kOfxPropKeySym);
        let string = ofx_str(ofx_sys::kOfxPropKeyString);
        let mut args = self.args("inArgs:InteractKey", time, false, &[sym, string]);
        ok(args.set_int(sym, 0, keysym, Writer::Host));
        ok(args.set_string(string, 0, text, Writer::Host));
        self.event(action, args, time)
    }

    /// Presses key `keysym` (a `kOfxKey_*` value of `ofx_sys`) whose text is
    /// `text` ("" for keys without one); answers whether it was trapped.
    ///
    /// # Errors
    /// [`HostError::Action`] when the interact answers an error.
    pub fn key_down(&mut self, time: f64, keysym: i32, text: &str) -> Result<bool, HostError> {
        self.key(ofx_sys::kOfxInteractActionKeyDown, time, keysym, text)
    }

    /// Releases a key; as [`Overlay::key_down`].
    ///
    /// # Errors
    /// As [`Overlay::key_down`].
    pub fn key_up(&mut self, time: f64, keysym: i32, text: &str) -> Result<bool, HostError> {
        self.key(ofx_sys::kOfxInteractActionKeyUp, time, keysym, text)
    }

    /// Repeats a held key; as [`Overlay::key_down`].
    ///
    /// # Errors
    /// As [`Overlay::key_down`].
    pub fn key_repeat(&mut self, time: f64, keysym: i32, text: &str) -> Result<bool, HostError> {
        self.key(ofx_sys::kOfxInteractActionKeyRepeat, time, keysym, text)
    }

    fn focus(&mut self, action: &CStr, time: f64) -> Result<bool, HostError> {
        self.check_live()?;
        let args = self.args("inArgs:InteractFocus", time, true, &[]);
        self.event(action, args, time)
    }

    /// Tells the interact it has the input focus.
    ///
    /// # Errors
    /// [`HostError::Action`] when the interact answers an error.
    pub fn gain_focus(&mut self, time: f64) -> Result<bool, HostError> {
        self.focus(ofx_sys::kOfxInteractActionGainFocus, time)
    }

    /// Tells the interact it lost the input focus.
    ///
    /// # Errors
    /// [`HostError::Action`] when the interact answers an error.
    pub fn lose_focus(&mut self, time: f64) -> Result<bool, HostError> {
        self.focus(ofx_sys::kOfxInteractActionLoseFocus, time)
    }

    /// Destroys the interact now (as dropping it does), and returns the
    /// status of its `kOfxActionDestroyInstance`.
    ///
    /// # Errors
    /// [`HostError::Action`] when the interact answers an error.
    pub fn destroy(self) -> Result<(), HostError> {
        // Dropping `self` afterwards finds the interact gone and does nothing.
        let status = destroy_interact(self.plugin, self.interact);
        match status {
            None | Some(ofx_sys::kOfxStatOK) | Some(ofx_sys::kOfxStatReplyDefault) => Ok(()),
            Some(status) => Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionDestroyInstance).into(),
                status,
            }),
        }
    }
}

impl Drop for Overlay<'_> {
    fn drop(&mut self) {
        destroy_interact(self.plugin, self.interact);
    }
}
