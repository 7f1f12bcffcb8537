//! The transform's overlay: handles drawn over the viewer where the
//! parameters put the image, and moved by the pen.
//!
//! Every size is in screen pixels (multiplied by the host's pixel scale, so
//! the handles keep their size at any zoom); positions are canonical. With
//! `c` the point the centre lands on (`center + translate`), `a` the
//! rotation and `u = (cos a, sin a)`, `v = (-sin a, cos a)` the rotated
//! axes:
//!
//! | handle | drawn at | a drag... |
//! |---|---|---|
//! | centre | a cross of arm [`CROSS`] at `c` | moves `translate` by the pen's movement |
//! | rotation bar | a line from `c` to `c + BAR u`, a square of half-side [`KNOB`] at its end | turns `rotate` by the angle the pen turns about `c` |
//! | scale x | a square at `c + ARM sx u`, `sx = scale.x * uniform` | scales `scale.x` by the ratio of the pen's distances from `c` along `u` (now / at pen-down) |
//! | scale y | a square at `c + ARM sy v` | the same for `scale.y` along `v` |
//!
//! A pen-down within [`GRAB`] pixels of a handle grabs the nearest one
//! (others are left to the host: not trapped). Handles are drawn white, the
//! one being dragged yellow. Skew is not shown.

use ofx_plugin::geometry::{PointD, RectD};
use ofx_plugin::prelude::*;

use crate::Transform;

/// Half the length of the centre cross's arms, in screen pixels.
pub const CROSS: f64 = 10.0;
/// The rotation bar's length, in screen pixels.
pub const BAR: f64 = 120.0;
/// The scale handles' distance from the centre at a scale of 1, in screen
/// pixels.
pub const ARM: f64 = 60.0;
/// Half the side of the square handles, in screen pixels.
pub const KNOB: f64 = 4.0;
/// How near a pen-down must be to a handle to grab it, in screen pixels.
pub const GRAB: f64 = 8.0;

/// Which handle a drag holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    /// The centre: the last pen position.
    Centre(PointD),
    /// The rotation bar: the rotation and the pen's angle at pen-down.
    Rotate { rotate: f64, angle: f64 },
    /// A scale handle (0 for x, 1 for y): the scale and the pen's distance
    /// along the handle's axis at pen-down.
    Scale { axis: usize, scale: f64, along: f64 },
}

/// The overlay of [`Transform`].
pub struct TransformOverlay {
    drag: Option<Drag>,
}

/// The handles' geometry at one time and pixel scale.
struct Handles {
    centre: PointD,
    /// The rotation in degrees.
    rotate: f64,
    /// The rotated axes, in screen pixels (multiply by the pixel scale).
    axes: [PointD; 2],
    /// The scale of each axis (with the uniform factor).
    scale: [f64; 2],
    pixel_scale: PointD,
}

impl Handles {
    fn at(fx: &Transform, time: f64, pixel_scale: PointD) -> Result<Handles> {
        let s = fx.settings(time)?;
        let p = s.placement;
        let (sin, cos) = p.rotate.to_radians().sin_cos();
        Ok(Handles {
            centre: PointD::new(p.center[0] + p.translate[0], p.center[1] + p.translate[1]),
            rotate: p.rotate,
            axes: [PointD::new(cos, sin), PointD::new(-sin, cos)],
            scale: [p.scale[0] * p.uniform, p.scale[1] * p.uniform],
            pixel_scale,
        })
    }

    /// The point `pixels` screen pixels from the centre along `dir`.
    fn along(&self, dir: PointD, pixels: f64) -> PointD {
        PointD::new(
            self.centre.x + dir.x * pixels * self.pixel_scale.x,
            self.centre.y + dir.y * pixels * self.pixel_scale.y,
        )
    }

    fn bar_end(&self) -> PointD {
        self.along(self.axes[0], BAR)
    }

    fn scale_handle(&self, axis: usize) -> PointD {
        self.along(self.axes[axis], ARM * self.scale[axis])
    }

    /// `p` relative to the centre, in screen pixels.
    fn screen(&self, p: PointD) -> PointD {
        PointD::new(
            (p.x - self.centre.x) / self.pixel_scale.x,
            (p.y - self.centre.y) / self.pixel_scale.y,
        )
    }

    /// The square handle around `p`.
    fn knob(&self, p: PointD) -> RectD {
        let (hx, hy) = (KNOB * self.pixel_scale.x, KNOB * self.pixel_scale.y);
        RectD::new(p.x - hx, p.y - hy, p.x + hx, p.y + hy)
    }

    /// The angle of `p` about the centre, in degrees (in screen space).
    fn angle(&self, p: PointD) -> f64 {
        let s = self.screen(p);
        s.y.atan2(s.x).to_degrees()
    }

    /// How far `p` is from the centre along `axis`, in screen pixels.
    fn along_axis(&self, p: PointD, axis: usize) -> f64 {
        let s = self.screen(p);
        s.x * self.axes[axis].x + s.y * self.axes[axis].y
    }

    /// The handle nearest to `p` within the grab distance.
    fn grab(&self, p: PointD) -> Option<usize> {
        let targets = [
            self.centre,
            self.bar_end(),
            self.scale_handle(0),
            self.scale_handle(1),
        ];
        targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let s = self.screen(PointD::new(
                    p.x - t.x + self.centre.x,
                    p.y - t.y + self.centre.y,
                ));
                (i, s.x.hypot(s.y))
            })
            .filter(|&(_, d)| d <= GRAB)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

impl Interact for TransformOverlay {
    type Effect = Transform;

    fn create(cx: &InteractContext<'_, Transform>) -> Result<Self> {
        let fx = cx.effect();
        let p = &fx.params;
        cx.slave_to_params([
            &*p.translate,
            &*p.rotate,
            &*p.scale,
            &*p.uniform,
            &*p.center,
        ])?;
        Ok(TransformOverlay { drag: None })
    }

    fn draw(
        &mut self,
        cx: &InteractContext<'_, Transform>,
        args: &DrawArgs,
        dc: &mut DrawContext<'_>,
    ) -> Result<()> {
        let h = Handles::at(cx.effect(), args.time, args.pixel_scale)?;
        let colour = |held: bool| {
            if held {
                Colour::rgb(1.0, 1.0, 0.0)
            } else {
                Colour::WHITE
            }
        };
        let held = |f: fn(&Drag) -> bool| self.drag.as_ref().is_some_and(f);
        dc.set_line_width(1.5)?;
        // The centre cross.
        dc.set_colour(colour(held(|d| matches!(d, Drag::Centre(_)))))?;
        let (ax, ay) = (CROSS * h.pixel_scale.x, CROSS * h.pixel_scale.y);
        let c = h.centre;
        dc.lines(&[
            PointD::new(c.x - ax, c.y),
            PointD::new(c.x + ax, c.y),
            PointD::new(c.x, c.y - ay),
            PointD::new(c.x, c.y + ay),
        ])?;
        // The rotation bar.
        dc.set_colour(colour(held(|d| matches!(d, Drag::Rotate { .. }))))?;
        let end = h.bar_end();
        dc.line(c, end)?;
        dc.rectangle(h.knob(end))?;
        // The scale handles.
        for axis in 0..2 {
            let is = move |d: &Drag| matches!(d, Drag::Scale { axis: a, .. } if *a == axis);
            dc.set_colour(colour(self.drag.as_ref().is_some_and(is)))?;
            dc.rectangle(h.knob(h.scale_handle(axis)))?;
        }
        Ok(())
    }

    fn pen_down(&mut self, cx: &InteractContext<'_, Transform>, a: &PenArgs) -> Result<Trapped> {
        let h = Handles::at(cx.effect(), a.time, a.pixel_scale)?;
        let p = a.position;
        self.drag = match h.grab(p) {
            Some(0) => Some(Drag::Centre(p)),
            Some(1) => Some(Drag::Rotate {
                rotate: h.rotate,
                angle: h.angle(p),
            }),
            Some(axis @ (2 | 3)) => {
                let axis = axis - 2;
                Some(Drag::Scale {
                    axis,
                    scale: cx.effect().params.scale.value_at(a.time)?[axis],
                    along: h.along_axis(p, axis),
                })
            }
            _ => None,
        };
        if self.drag.is_none() {
            return Ok(Trapped::No);
        }
        cx.redraw()?;
        Ok(Trapped::Yes)
    }

    fn pen_motion(&mut self, cx: &InteractContext<'_, Transform>, a: &PenArgs) -> Result<Trapped> {
        let Some(drag) = self.drag else {
            return Ok(Trapped::No);
        };
        let fx = cx.effect();
        let p = a.position;
        match drag {
            Drag::Centre(last) => {
                let t = fx.params.translate.value_at(a.time)?;
                fx.params
                    .translate
                    .set_value([t[0] + p.x - last.x, t[1] + p.y - last.y])?;
                self.drag = Some(Drag::Centre(p));
            }
            Drag::Rotate { rotate, angle } => {
                let h = Handles::at(fx, a.time, a.pixel_scale)?;
                let mut turn = h.angle(p) - angle;
                // The short way round, across the +-180 degree seam.
                if turn > 180.0 {
                    turn -= 360.0;
                } else if turn < -180.0 {
                    turn += 360.0;
                }
                fx.params.rotate.set_value(rotate + turn)?;
            }
            Drag::Scale { axis, scale, along } => {
                let h = Handles::at(fx, a.time, a.pixel_scale)?;
                if along != 0.0 {
                    let mut s = fx.params.scale.value_at(a.time)?;
                    s[axis] = scale * h.along_axis(p, axis) / along;
                    fx.params.scale.set_value(s)?;
                }
            }
        }
        cx.redraw()?;
        Ok(Trapped::Yes)
    }

    fn pen_up(&mut self, cx: &InteractContext<'_, Transform>, a: &PenArgs) -> Result<Trapped> {
        if self.drag.is_none() {
            return Ok(Trapped::No);
        }
        self.pen_motion(cx, a)?;
        self.drag = None;
        cx.redraw()?;
        Ok(Trapped::Yes)
    }
}
