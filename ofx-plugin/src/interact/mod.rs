//! Interacts: overlays drawn over the viewer, and custom parameter widgets.
//!
//! An interact is a type implementing [`Interact`]. It belongs to one
//! effect type ([`Interact::Effect`]) and reaches that effect's typed
//! parameters and clips through the [`InteractContext`] every action gets.
//! Its actions are typed: [`draw`](Interact::draw) gets a [`DrawContext`]
//! that draws through the host's Draw Suite or, on older hosts, OpenGL;
//! pen, key and focus events get their arguments as structs and answer
//! whether they used the event ([`Trapped`]).
//!
//! The framework owns the C side: an effect names its overlay
//! (`#[ofx(overlay = MyOverlay)]` on `#[derive(Plugin)]`, or
//! [`EffectDescriptor::overlay`](crate::EffectDescriptor::overlay) in
//! `describe`), and gets a generated entry point for it. The interact value
//! is created at the interact's create-instance action and dropped at its
//! destroy-instance. Panics in any action are caught and reported as a
//! failed status.
//!
//! Two rules of OpenFX are enforced at run time:
//!
//! * pen actions run inside an undo block of the effect's parameters
//!   (`paramEditBegin`/`paramEditEnd`), so a drag that sets parameters is
//!   one undoable edit;
//! * the draw action may not change parameters: a set during draw fails
//!   with an error before the host is called.

use std::cell::Cell;
use std::marker::PhantomData;

use ofx_sys as sys;

use crate::effect::{Plugin, Trapped};
use crate::error::{Error, Result};
use crate::ffi::interact::InteractHandle;
use crate::geometry::{PointD, PointI, RenderScale};
use crate::instance::InstanceContext;
use crate::param::RawParam;

pub mod draw;
mod font;
mod keys;

pub use draw::{Colour, DrawContext, HAlign, LineStipple, StandardColour, TextAlign, VAlign};
pub(crate) use font::segments as font_segments;
pub use keys::KeySym;

/// An overlay or custom parameter interact of the effect type `Effect`.
///
/// Only [`create`](Interact::create) and [`draw`](Interact::draw) are
/// required; every event defaults to "not trapped", which lets the host
/// handle it. The host calls one interact's actions one at a time, on its
/// user-interface thread, so actions take `&mut self`.
pub trait Interact: Sized + 'static {
    /// The effect this interact belongs to.
    type Effect: Plugin;

    /// Describes the interact (once, before the first instance).
    fn describe(_d: &mut InteractDescriptor) -> Result<()> {
        Ok(())
    }
    /// Creates the interact value for a new interact instance.
    fn create(cx: &InteractContext<'_, Self::Effect>) -> Result<Self>;
    /// Draws the interact.
    fn draw(
        &mut self,
        cx: &InteractContext<'_, Self::Effect>,
        args: &DrawArgs,
        dc: &mut DrawContext<'_>,
    ) -> Result<()>;
    /// The pen (mouse button) went down.
    fn pen_down(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &PenArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The pen moved (button down or not).
    fn pen_motion(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &PenArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The pen went up.
    fn pen_up(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &PenArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// A key was pressed.
    fn key_down(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &KeyArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// A key was released.
    fn key_up(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &KeyArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// A held key repeated.
    fn key_repeat(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &KeyArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The interact got the input focus.
    fn gain_focus(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &FocusArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
    /// The interact lost the input focus.
    fn lose_focus(
        &mut self,
        _cx: &InteractContext<'_, Self::Effect>,
        _args: &FocusArgs,
    ) -> Result<Trapped> {
        Ok(Trapped::No)
    }
}

/// An interact drawn in a parameter's place in the host's parameter
/// panel, with the size it asks for. Registered with
/// [`ParamDef::custom_interact`](crate::param::ParamDef::custom_interact).
pub trait ParamInteract: Interact {
    /// The size the widget would like, in screen pixels.
    const PREFERRED_SIZE: Option<[i32; 2]> = None;
    /// The smallest usable size, in screen pixels.
    const MINIMUM_SIZE: Option<[i32; 2]> = None;
    /// The width-to-height ratio to keep when the host resizes it.
    const ASPECT: Option<f64> = None;
}

/// The C entry point of one interact type, as stored in an effect's or a
/// parameter's descriptor.
#[derive(Clone, Copy)]
pub struct InteractEntry {
    pub(crate) main: sys::OfxPluginEntryPoint,
}

impl std::fmt::Debug for InteractEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InteractEntry")
    }
}

impl InteractEntry {
    /// The entry of interact `I`, checked at compile time to belong to the
    /// effect `P` (what `#[ofx(overlay = ...)]` expands to).
    pub const fn of<I: Interact<Effect = P>, P: Plugin>() -> InteractEntry {
        InteractEntry {
            main: crate::ffi::interact::main_entry::<I>,
        }
    }

    /// The C entry point (`mainEntry`), as a host receives it.
    pub fn entry_point(self) -> sys::OfxPluginEntryPoint {
        self.main
    }
}

/// The interact's descriptor, during its describe action.
pub struct InteractDescriptor {
    pub(crate) handle: InteractHandle,
}

impl InteractDescriptor {
    /// Whether the host's interact surface has an alpha channel.
    pub fn has_alpha(&self) -> Result<bool> {
        self.handle.props.get_bool(sys::kOfxInteractPropHasAlpha, 0)
    }
    /// The bit depth of each colour component of the surface.
    pub fn bit_depth(&self) -> Result<i32> {
        self.handle.props.get_int(sys::kOfxInteractPropBitDepth, 0)
    }
}

/// What every interact action can reach: the effect instance the interact
/// draws for (its typed parameters and clips), and the interact itself.
pub struct InteractContext<'a, E> {
    pub(crate) effect: &'a E,
    pub(crate) instance: &'a InstanceContext,
    pub(crate) handle: &'a InteractHandle,
    pub(crate) _thread: PhantomData<*const ()>,
}

impl<'a, E> InteractContext<'a, E> {
    /// The effect value, with its parameter and clip handles.
    pub fn effect(&self) -> &'a E {
        self.effect
    }
    /// The effect instance (parameter set, clips, project size...).
    pub fn instance(&self) -> &'a InstanceContext {
        self.instance
    }
    /// Asks the host to redraw this interact soon (`interactRedraw`).
    pub fn redraw(&self) -> Result<()> {
        self.handle.redraw()
    }
    /// Declares the parameters whose changes should redraw this interact
    /// (`kOfxInteractPropSlaveToParam`), replacing any earlier list.
    pub fn slave_to_params<'p>(
        &self,
        params: impl IntoIterator<Item = &'p RawParam>,
    ) -> Result<()> {
        let names: Vec<&str> = params.into_iter().map(RawParam::name).collect();
        self.handle
            .props
            .set_strings(sys::kOfxInteractPropSlaveToParam, &names)
    }
    /// The parameter names this interact is slaved to.
    pub fn slave_params(&self) -> Result<Vec<String>> {
        self.handle
            .props
            .get_strings(sys::kOfxInteractPropSlaveToParam)
    }
    /// The size of a screen pixel in canonical units, as last set by the host.
    pub fn pixel_scale(&self) -> Result<PointD> {
        let [x, y] = self
            .handle
            .props
            .get_double_array(sys::kOfxInteractPropPixelScale)?;
        Ok(PointD::new(x, y))
    }
    /// Whether the interact's surface has alpha.
    pub fn has_alpha(&self) -> Result<bool> {
        self.handle.props.get_bool(sys::kOfxInteractPropHasAlpha, 0)
    }
}

/// The arguments of the draw action.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DrawArgs {
    /// The effect time drawn.
    pub time: f64,
    /// The render scale of the image under the overlay.
    pub render_scale: RenderScale,
    /// The size of a screen pixel in canonical units.
    pub pixel_scale: PointD,
    /// The colour behind the interact (RGB).
    pub background: [f64; 3],
    /// The viewport's size in screen pixels, when the host says.
    pub viewport_size: Option<[i32; 2]>,
    /// Whether the surface drawn on has alpha.
    pub has_alpha: bool,
    /// Whether the host's Draw Suite draws this action (else OpenGL).
    pub draw_suite: bool,
}

/// The arguments of the pen actions.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PenArgs {
    /// The effect time.
    pub time: f64,
    /// The render scale of the image under the overlay.
    pub render_scale: RenderScale,
    /// The size of a screen pixel in canonical units.
    pub pixel_scale: PointD,
    /// The colour behind the interact (RGB).
    pub background: [f64; 3],
    /// The pen's position in canonical coordinates.
    pub position: PointD,
    /// The pen's position in viewport pixels, when the host says (1.2+).
    pub viewport_position: Option<PointI>,
    /// The pen's pressure, 0 to 1 (1 for a mouse button).
    pub pressure: f64,
}

/// The arguments of the key actions.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct KeyArgs {
    /// The effect time.
    pub time: f64,
    /// The render scale of the image under the overlay.
    pub render_scale: RenderScale,
    /// The key.
    pub key: KeySym,
    /// The text the key typed (UTF-8), possibly empty.
    pub text: String,
}

/// The arguments of the focus actions.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct FocusArgs {
    /// The effect time.
    pub time: f64,
    /// The render scale of the image under the overlay.
    pub render_scale: RenderScale,
    /// The size of a screen pixel in canonical units.
    pub pixel_scale: PointD,
    /// The colour behind the interact (RGB).
    pub background: [f64; 3],
}

thread_local! {
    /// How many draw actions this thread is inside.
    static DRAWING: Cell<u32> = const { Cell::new(0) };
}

/// Marks the thread as drawing until dropped.
pub(crate) struct Drawing(());

impl Drawing {
    pub(crate) fn enter() -> Drawing {
        DRAWING.with(|d| d.set(d.get() + 1));
        Drawing(())
    }
}

impl Drop for Drawing {
    fn drop(&mut self) {
        DRAWING.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Fails when called inside a draw action: drawing must not change
/// parameters (the host is painting the values it has).
pub(crate) fn check_not_drawing(what: impl FnOnce() -> String) -> Result<()> {
    if DRAWING.with(Cell::get) > 0 {
        return Err(Error::failed(format!(
            "{} during an interact's draw action: parameters may change in pen, key and \
             focus actions, not while drawing",
            what()
        )));
    }
    Ok(())
}
