//! The overlay plugins the interact tests drive through ofx-host.
//!
//! `Handles` is a well-behaved overlay: a filled box of half-side `size`
//! around its `centre` parameter, a red triangle above it, a green disc of
//! 6 screen pixels on the centre, a white cross line and (unless `label`
//! is off) a text label. Dragging from within 8 screen pixels of the
//! centre moves the centre with the pen; the left arrow key moves it one
//! unit left. `Panicky` panics in draw and pen-down and fails key-down;
//! `DrawWriter` tries to set a parameter while drawing.

#![allow(dead_code)] // each test binary uses part of this module

use std::sync::Mutex;

use ofx_plugin::geometry::{PointD, RectD};
use ofx_plugin::interact::HAlign;
use ofx_plugin::param::{BooleanParam, Double2DParam, DoubleParam};
use ofx_plugin::prelude::*;

/// What the overlays saw, in order.
pub static EVENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn event(e: String) {
    EVENTS.lock().unwrap_or_else(|p| p.into_inner()).push(e);
}

pub const DEFAULT_CENTRE: (f64, f64) = (100.0, 60.0);
pub const DEFAULT_SIZE: f64 = 20.0;
/// The grab radius and disc radius, in screen pixels.
pub const GRAB_PX: f64 = 8.0;
pub const DISC_PX: f64 = 6.0;
pub const DISC_SEGMENTS: usize = 24;

#[derive(Params)]
pub struct HandleParams {
    #[param(default = (100.0, 60.0), double_type = XYAbsolute)]
    pub centre: Double2DParam,
    #[param(default = 20.0, double_type = X)]
    pub size: DoubleParam,
    #[param(default = true)]
    pub label: BooleanParam,
}

fn filter(d: &mut EffectDescriptor) -> Result<()> {
    d.supported_contexts(&[Context::Filter])?
        .supported_pixel_depths(&[BitDepth::F32])?;
    Ok(())
}

fn clips(d: &mut ContextDescriptor) -> Result<()> {
    d.source_clip()?
        .supported_components(&[PixelComponents::Rgba])?;
    d.output_clip()?
        .supported_components(&[PixelComponents::Rgba])?;
    Ok(())
}

#[derive(Plugin)]
#[ofx(id = "org.test.interact.Handles", overlay = Handles)]
pub struct HandlesFx {
    pub params: HandleParams,
}

impl ImageEffect for HandlesFx {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        filter(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        clips(d)?;
        HandleParams::define(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(HandlesFx {
            params: HandleParams::fetch(i)?,
        })
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

/// The overlay of `HandlesFx`.
pub struct Handles {
    /// The pen's offset from the centre while dragging.
    drag: Option<PointD>,
}

impl Interact for Handles {
    type Effect = HandlesFx;

    fn create(cx: &InteractContext<'_, HandlesFx>) -> Result<Self> {
        let p = &cx.effect().params;
        cx.slave_to_params([&*p.centre, &*p.size])?;
        event("create".into());
        Ok(Handles { drag: None })
    }

    fn draw(
        &mut self,
        cx: &InteractContext<'_, HandlesFx>,
        args: &DrawArgs,
        dc: &mut DrawContext<'_>,
    ) -> Result<()> {
        let p = &cx.effect().params;
        let [x, y] = p.centre.value_at(args.time)?;
        let s = p.size.value_at(args.time)?;
        let ps = args.pixel_scale;
        event(format!(
            "draw t={} suite={} scale={},{}",
            args.time, args.draw_suite, ps.x, ps.y
        ));
        dc.set_colour(Colour::rgb(0.2, 0.4, 1.0))?;
        dc.rectangle(RectD::new(x - s, y - s, x + s, y + s))?;
        dc.set_colour(Colour::RED)?;
        dc.polygon(&[
            PointD::new(x - s, y + 1.5 * s),
            PointD::new(x + s, y + 1.5 * s),
            PointD::new(x, y + 2.5 * s),
        ])?;
        dc.set_colour(Colour::WHITE)?;
        dc.set_line_width(1.0)?;
        dc.line(PointD::new(x - 2.0 * s, y), PointD::new(x + 2.0 * s, y))?;
        dc.set_colour(Colour::GREEN)?;
        dc.disc(PointD::new(x, y), DISC_PX * ps.x, DISC_SEGMENTS)?;
        if p.label.value_at(args.time)? {
            dc.set_colour(Colour::WHITE)?;
            let align = TextAlign {
                h: HAlign::Centre,
                ..TextAlign::LEFT
            };
            dc.text("CENTRE", PointD::new(x, y - 2.0 * s), align)?;
        }
        Ok(())
    }

    fn pen_down(&mut self, cx: &InteractContext<'_, HandlesFx>, a: &PenArgs) -> Result<Trapped> {
        let [x, y] = cx.effect().params.centre.value_at(a.time)?;
        let (dx, dy) = (a.position.x - x, a.position.y - y);
        let (gx, gy) = (GRAB_PX * a.pixel_scale.x, GRAB_PX * a.pixel_scale.y);
        event(format!(
            "pen down at {},{} pressure {} viewport {:?}",
            a.position.x,
            a.position.y,
            a.pressure,
            a.viewport_position.map(|p| (p.x, p.y))
        ));
        if dx.abs() <= gx && dy.abs() <= gy {
            self.drag = Some(PointD::new(dx, dy));
            cx.redraw()?;
            return Ok(Trapped::Yes);
        }
        Ok(Trapped::No)
    }

    fn pen_motion(&mut self, cx: &InteractContext<'_, HandlesFx>, a: &PenArgs) -> Result<Trapped> {
        let Some(off) = self.drag else {
            return Ok(Trapped::No);
        };
        cx.effect()
            .params
            .centre
            .set_value([a.position.x - off.x, a.position.y - off.y])?;
        cx.redraw()?;
        Ok(Trapped::Yes)
    }

    fn pen_up(&mut self, cx: &InteractContext<'_, HandlesFx>, a: &PenArgs) -> Result<Trapped> {
        if self.pen_motion(cx, a)? == Trapped::No {
            return Ok(Trapped::No);
        }
        self.drag = None;
        Ok(Trapped::Yes)
    }

    fn key_down(&mut self, cx: &InteractContext<'_, HandlesFx>, a: &KeyArgs) -> Result<Trapped> {
        event(format!("key down {:#x} {:?}", a.key.raw(), a.text));
        if a.key != KeySym::LEFT {
            return Ok(Trapped::No);
        }
        let c = &cx.effect().params.centre;
        let [x, y] = c.value_at(a.time)?;
        c.set_value([x - 1.0, y])?;
        Ok(Trapped::Yes)
    }

    fn gain_focus(&mut self, _: &InteractContext<'_, HandlesFx>, a: &FocusArgs) -> Result<Trapped> {
        event(format!("gain focus t={}", a.time));
        Ok(Trapped::Yes)
    }

    fn lose_focus(&mut self, _: &InteractContext<'_, HandlesFx>, a: &FocusArgs) -> Result<Trapped> {
        event(format!("lose focus t={}", a.time));
        Ok(Trapped::Yes)
    }
}

impl Drop for Handles {
    fn drop(&mut self) {
        event("drop".into());
    }
}

#[derive(Plugin)]
#[ofx(id = "org.test.interact.Panicky", overlay = Panicky)]
pub struct PanickyFx;

impl ImageEffect for PanickyFx {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        filter(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        clips(d)
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(PanickyFx)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

/// Panics in draw and pen-down, fails key-down.
pub struct Panicky;

impl Interact for Panicky {
    type Effect = PanickyFx;
    fn create(_: &InteractContext<'_, PanickyFx>) -> Result<Self> {
        Ok(Panicky)
    }
    fn draw(
        &mut self,
        _: &InteractContext<'_, PanickyFx>,
        _: &DrawArgs,
        dc: &mut DrawContext<'_>,
    ) -> Result<()> {
        dc.line(PointD::new(0.0, 0.0), PointD::new(1.0, 1.0))?;
        panic!("the overlay panics while drawing");
    }
    fn pen_down(&mut self, _: &InteractContext<'_, PanickyFx>, _: &PenArgs) -> Result<Trapped> {
        panic!("the overlay panics on pen down");
    }
    fn key_down(&mut self, _: &InteractContext<'_, PanickyFx>, _: &KeyArgs) -> Result<Trapped> {
        Err(ofx_plugin::Error::value("this overlay takes no keys"))
    }
}

#[derive(Plugin)]
#[ofx(id = "org.test.interact.DrawWriter", overlay = DrawWriter)]
pub struct DrawWriterFx {
    pub size: DoubleParam,
}

impl ImageEffect for DrawWriterFx {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        filter(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        clips(d)?;
        let p = d.params();
        p.define_double("size")?.default(5.0);
        p.define_double("swatch")?
            .default(0.5)
            .custom_interact::<Swatch>();
        Ok(())
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(DrawWriterFx {
            size: i.param("size")?,
        })
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

/// Tries to change a parameter while drawing, and reports the error.
pub struct DrawWriter;

impl Interact for DrawWriter {
    type Effect = DrawWriterFx;
    fn create(_: &InteractContext<'_, DrawWriterFx>) -> Result<Self> {
        Ok(DrawWriter)
    }
    fn draw(
        &mut self,
        cx: &InteractContext<'_, DrawWriterFx>,
        _: &DrawArgs,
        dc: &mut DrawContext<'_>,
    ) -> Result<()> {
        if let Err(e) = cx.effect().size.set_value(9.0) {
            event(format!("set in draw: {e}"));
        }
        dc.line(PointD::new(0.0, 0.0), PointD::new(1.0, 1.0))
    }
}

/// A custom parameter widget: a bar as long as the `swatch` value.
pub struct Swatch;

impl Interact for Swatch {
    type Effect = DrawWriterFx;
    fn create(_: &InteractContext<'_, DrawWriterFx>) -> Result<Self> {
        Ok(Swatch)
    }
    fn draw(
        &mut self,
        cx: &InteractContext<'_, DrawWriterFx>,
        args: &DrawArgs,
        dc: &mut DrawContext<'_>,
    ) -> Result<()> {
        let v: f64 = cx
            .instance()
            .param::<DoubleParam>("swatch")?
            .value_at(args.time)?;
        dc.rectangle(RectD::new(0.0, 0.0, 100.0 * v, 10.0))
    }
}

impl ofx_plugin::interact::ParamInteract for Swatch {
    const PREFERRED_SIZE: Option<[i32; 2]> = Some([100, 10]);
    const MINIMUM_SIZE: Option<[i32; 2]> = Some([20, 10]);
    const ASPECT: Option<f64> = Some(10.0);
}

ofx_plugin::bundle!(HandlesFx, PanickyFx, DrawWriterFx);
