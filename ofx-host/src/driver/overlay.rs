//! Driving interacts: an effect's overlay and a parameter's custom
//! interact, as a host with a viewer would, with no window.
//!
//! [`Instance::overlay`] describes the overlay's interact (once per plugin
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

use super::actions::{CallInfo, arg_set, ok, with_registered};
use super::instance::Instance;
use super::{Plugin, effect_props};
use crate::drawing::Drawing;
use crate::error::HostError;
use crate::ffi::plugin_calls;
use crate::handle::Handle;
use crate::log::ViolationKind;
use crate::objects::{DrawContextEntry, InteractEntry};
use crate::props::{PropertySet, Writer, property_shape};
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
    plugin: &'p Plugin<'p>,
    effect: Handle,
    interact: Handle,
    entry: OfxPluginEntryPoint,
    kind: InteractKind,
    viewport: Viewport,
}

impl<'p> Instance<'p> {
    /// Whether the effect declared an overlay interact (V1 or V2) that this
    /// host can drive.
    pub fn has_overlay(&self) -> bool {
        self.overlay_entry().is_ok()
    }

    fn overlay_entry(&self) -> Result<(OfxPluginEntryPoint, bool), HostError> {
        let shared = self.plugin.shared();
        if !shared.config.supports_overlays {
            return Err(HostError::Unsupported(
                "the host does not support overlays (HostConfig::supports_overlays)".into(),
            ));
        }
        let desc = effect_props(self.plugin.context_descriptor(self.context)?);
        let pointer = |name: &'static CStr| {
            desc.get_pointer(ofx_str(name), 0)
                .ok()
                .and_then(plugin_calls::entry_point_at)
        };
        let v2 = pointer(ofx_sys::kOfxImageEffectPluginPropOverlayInteractV2);
        let v1 = pointer(ofx_sys::kOfxImageEffectPluginPropOverlayInteractV1);
        match (v2, v1) {
            (Some(e), _) if shared.config.offers_draw_suite() => Ok((e, true)),
            (_, Some(e)) => Ok((e, false)),
            (Some(_), None) => Err(HostError::Unsupported(
                "the effect's overlay is a V2 (Draw Suite) interact, and the host does not \
                 offer the Draw Suite"
                    .into(),
            )),
            (None, None) => Err(HostError::NotFound(
                "an overlay: the effect sets neither OfxImageEffectPluginPropOverlayInteractV1 \
                 nor V2"
                    .into(),
            )),
        }
    }

    /// Creates the effect's overlay interact: describes it on first use
    /// (per plugin), then creates an instance of it. It prefers the
    /// `V2` (Draw Suite) entry point when the host offers the Draw Suite.
    ///
    /// # Errors
    /// [`HostError::NotFound`] when the effect has no overlay,
    /// [`HostError::Unsupported`] when the host configuration cannot show
    /// it, [`HostError::Action`] when the interact fails describe or create.
    pub fn overlay(&self) -> Result<Overlay<'p>, HostError> {
        let (entry, draw_suite) = self.overlay_entry()?;
        Overlay::create(self, entry, InteractKind::Overlay { draw_suite })
    }

    /// Creates the custom interact of parameter `name`
    /// (`kOfxParamPropInteractV1`), with the same event API as an overlay.
    ///
    /// # Errors
    /// [`HostError::NotFound`] for an unknown parameter or one without an
    /// interact; as [`Instance::overlay`] otherwise.
    pub fn param_interact(&self, name: &str) -> Result<Overlay<'p>, HostError> {
        let set = state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set)
            .ok_or_else(|| HostError::NotFound(format!("parameter '{name}'")))?;
        let param = crate::param_sets::param_handle(set, name)?;
        let props = state::with_param(param, |p| p.props)
            .ok()
            .flatten()
            .ok_or_else(|| HostError::NotFound(format!("parameter '{name}'")))?;
        let address = state::with_property_set(props, |s| {
            s.get_pointer(ofx_str(ofx_sys::kOfxParamPropInteractV1), 0)
                .unwrap_or(0)
        })
        .unwrap_or(0);
        let entry = plugin_calls::entry_point_at(address).ok_or_else(|| {
            HostError::NotFound(format!(
                "an interact of parameter '{name}' (it sets no OfxParamPropInteractV1)"
            ))
        })?;
        Overlay::create(self, entry, InteractKind::Param(name.to_string()))
    }
}

/// A property set of `kind` from the reference table, with `extra`
/// properties defined as the table shapes them.
fn interact_props(kind: &str, extra: &[&str]) -> PropertySet {
    let mut s = PropertySet::from_table(kind).unwrap_or_else(|| PropertySet::empty(kind));
    for n in extra {
        if !s.contains(n)
            && let Some((ty, dim)) = property_shape(n)
        {
            s.define(n, ty, dim, false);
        }
    }
    s
}

/// Writes the viewport's properties into an interact's property set.
fn write_viewport(s: &mut PropertySet, v: &Viewport) {
    let h = Writer::Host;
    let _ = s.set_double_n(
        ofx_str(ofx_sys::kOfxInteractPropPixelScale),
        &v.pixel_scale,
        h,
    );
    let _ = s.set_double_n(
        ofx_str(ofx_sys::kOfxInteractPropBackgroundColour),
        &v.background,
        h,
    );
    let _ = s.set_int(
        ofx_str(ofx_sys::kOfxInteractPropHasAlpha),
        0,
        i32::from(v.has_alpha),
        h,
    );
    let _ = s.set_int(
        ofx_str(ofx_sys::kOfxInteractPropBitDepth),
        0,
        v.bit_depth,
        h,
    );
    let _ = s.set_int_n(ofx_str(ofx_sys::kOfxInteractPropViewportSize), &v.size, h);
}

impl<'p> Plugin<'p> {
    /// The interact descriptor for `entry`, describing it on first use.
    fn interact_descriptor(&self, entry: OfxPluginEntryPoint) -> Result<Handle, HostError> {
        let key = entry as usize;
        if let Some((_, h)) = self
            .interacts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(k, _)| *k == key)
        {
            return Ok(*h);
        }
        let mut props = interact_props(
            "InteractDescriptor",
            &[
                ofx_str(ofx_sys::kOfxInteractPropBitDepth),
                ofx_str(ofx_sys::kOfxInteractPropViewportSize),
            ],
        );
        write_viewport(&mut props, &Viewport::default());
        let props = state::add_property_set(props);
        let handle = state::lock().interacts.insert(InteractEntry {
            session: self.shared().id,
            props,
            instance: false,
            effect: None,
            entry,
            redraws: 0,
            swaps: 0,
        });
        let status = self.send_to(
            entry,
            ofx_sys::kOfxActionDescribe,
            handle.raw(),
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            free_interact(handle);
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionDescribe).into(),
                status,
            });
        }
        self.interacts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key, handle));
        Ok(handle)
    }

    /// Sends `action` to an interact's entry point.
    pub(crate) fn send_to(
        &self,
        entry: OfxPluginEntryPoint,
        action: &CStr,
        handle: usize,
        in_args: Option<Handle>,
        info: CallInfo,
    ) -> OfxStatus {
        let record = self.info();
        super::actions::send(
            self.shared(),
            (
                &format!("{} {} interact", record.id, record.version_major),
                entry,
            ),
            action,
            handle,
            in_args,
            None,
            info,
        )
    }
}

/// Frees an interact and its property set; its handle becomes stale.
pub(crate) fn free_interact(handle: Handle) {
    let mut st = state::lock();
    if let Ok(e) = st.interacts.remove(handle) {
        let _ = st.property_sets.remove(e.props);
    }
}

/// Sends DestroyInstance to a live interact instance and frees it, then
/// reports memory-suite blocks allocated in its actions and still live.
/// Does nothing for an interact already destroyed.
pub(crate) fn destroy_interact(plugin: &Plugin<'_>, interact: Handle) -> Option<OfxStatus> {
    let entry = state::lock().interacts.get(interact).ok()?.entry;
    let status = plugin.send_to(
        entry,
        ofx_sys::kOfxActionDestroyInstance,
        interact.raw(),
        None,
        CallInfo::default(),
    );
    free_interact(interact);
    let blocks = crate::ffi::suites::live_memory_blocks_from(interact.raw());
    if blocks > 0 {
        plugin.shared().log.violation(
            ViolationKind::LeakedMemory,
            format!(
                "{blocks} memory-suite block(s) allocated in actions of interact {:#x} still \
                 allocated after its DestroyInstance",
                interact.raw()
            ),
        );
    }
    Some(status)
}

/// Destroys every interact instance of the effect instance `effect` (before
/// the effect itself is destroyed).
pub(crate) fn destroy_interacts_of(plugin: &Plugin<'_>, effect: Handle) {
    let live: Vec<Handle> = state::lock()
        .interacts
        .iter()
        .filter(|(_, e)| e.instance && e.effect == Some(effect))
        .map(|(h, _)| h)
        .collect();
    for h in live {
        destroy_interact(plugin, h);
    }
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
    fn create(
        instance: &Instance<'p>,
        entry: OfxPluginEntryPoint,
        kind: InteractKind,
    ) -> Result<Overlay<'p>, HostError> {
        let plugin = instance.plugin;
        plugin.interact_descriptor(entry)?;
        let viewport = Viewport::default();
        let mut props = interact_props(
            "InteractInstance",
            &[ofx_str(ofx_sys::kOfxInteractPropViewportSize)],
        );
        // The plugin names the parameters its interact follows.
        props.set_plugin_write(ofx_str(ofx_sys::kOfxInteractPropSlaveToParam), true);
        ok(props.set_pointer(
            ofx_str(ofx_sys::kOfxPropEffectInstance),
            0,
            instance.handle.raw(),
            Writer::Host,
        ));
        write_viewport(&mut props, &viewport);
        let props = state::add_property_set(props);
        let interact = state::lock().interacts.insert(InteractEntry {
            session: plugin.shared().id,
            props,
            instance: true,
            effect: Some(instance.handle),
            entry,
            redraws: 0,
            swaps: 0,
        });
        let status = plugin.send_to(
            entry,
            ofx_sys::kOfxActionCreateInstance,
            interact.raw(),
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            // No DestroyInstance for an interact that was never created.
            free_interact(interact);
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionCreateInstance).into(),
                status,
            });
        }
        Ok(Overlay {
            plugin,
            effect: instance.handle,
            interact,
            entry,
            kind,
            viewport,
        })
    }

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
        let status = self.send(action, args, time);
        trapped(action, status)
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
        let status = self.send(action, args, time);
        trapped(action, status)
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
        let status = self.send(action, args, time);
        trapped(action, status)
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
