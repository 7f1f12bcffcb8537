//! The check that hands the plugin source images smaller than, and offset
//! from, the render window.
//!
//! Real hosts do this: at the frame's edges the region of interest is
//! clipped to the source's region of definition, and a tiling host hands out
//! only the pixels it has. The spec lets an image's bounds be smaller than
//! its region of definition (the bounds are "the actual addressable
//! pixels"), so a plugin must read only inside them. The other checks give
//! every input the whole frame, which covers any render window, so a plugin
//! that assumes its source covers the window passes them; here each such read
//! lands in a guard page.

use ofx_sys::OfxRectI;

use crate::driver::{InputBounds, InputLayout, OutputLayout, Plugin};
use crate::image::{Depth, ImageBuffer, RowOrder, intersect};

use super::layouts::{grow, translate};
use super::support::{self, Scene};
use super::{Env, Verdict, announce_step};

/// One source placement: a name for evidence, how far the scene (frame and
/// window) moves, and the bounds every input image gets there.
#[derive(Debug)]
struct Placement {
    name: &'static str,
    shift: (i32, i32),
    bounds: OfxRectI,
}

/// The three placements, for a render window `window` (scale 1).
fn placements(window: OfxRectI) -> [Placement; 3] {
    let (w, h) = (window.x2 - window.x1, window.y2 - window.y1);
    let shift = (-w - 7, -h - 5);
    [
        Placement {
            name: "shrunk by 3 pixels on every side",
            shift: (0, 0),
            bounds: grow(window, [-3, -3, -3, -3]),
        },
        Placement {
            name: "offset to cover the window's lower-left part",
            shift: (0, 0),
            bounds: translate(window, -w / 2, -h / 2),
        },
        Placement {
            name: "at a negative origin, shrunk by 2 to 5 pixels",
            shift,
            bounds: grow(translate(window, shift.0, shift.1), [-2, -3, -4, -5]),
        },
    ]
}

/// How far past the window, on each side (left, bottom, right, top), the
/// plugin's regions of interest reach, over every input clip; `None` when
/// it asks for an infinite or huge region.
fn roi_margins(scene: &Scene, plugin: &Plugin) -> Result<Option<[i32; 4]>, Verdict> {
    let mut inst = scene.instance(plugin)?;
    let window = scene.window(&inst, 1.0);
    let rois = scene
        .regions_of_interest(&mut inst, 1.0)
        .map_err(|e| Verdict::fail(format!("{}: RoI failed: {e}", scene.describe())))?;
    let mut m = [0i32; 4];
    for r in rois.values() {
        let reach = [
            f64::from(window.x1) - r.x1,
            f64::from(window.y1) - r.y1,
            r.x2 - f64::from(window.x2),
            r.y2 - f64::from(window.y2),
        ];
        for (slot, d) in m.iter_mut().zip(reach) {
            if !d.is_finite() || d > 1.0e6 {
                return Ok(None);
            }
            *slot = (*slot).max(d.ceil() as i32);
        }
    }
    Ok(Some(m))
}

/// `sources-smaller-than-window`: renders with every input image's bounds
/// smaller than and offset from the render window (shrunk on every side;
/// covering only the window's lower-left part; at a negative origin), in
/// guard-paged memory, bottom-up then top-down so that both ends of each
/// image sit against a guard page. A read outside a source ends the process
/// with the guard-page diagnosis, naming the image. Where the plugin's
/// output can only depend on pixels the small source has (the source bounds
/// cut by the reach of the plugin's regions of interest), it must equal a
/// render from whole-frame sources.
pub(crate) fn sources_smaller_than_window(env: &Env) -> Verdict {
    support::with_plugin(env, |_, plugin| {
        let base = match Scene::choose(env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        if base.inputs.is_empty() {
            return Verdict::not_applicable("the plugin has no input clip in this context");
        }
        let window = match base.instance(plugin) {
            Ok(inst) => base.window(&inst, 1.0),
            Err(v) => return v,
        };
        if window.x2 - window.x1 < 12 || window.y2 - window.y1 < 12 {
            return Verdict::not_applicable(format!(
                "the render window {} is too small to place smaller sources in",
                fmt_rect(&window)
            ));
        }
        let margins = match roi_margins(&base, plugin) {
            Ok(m) => m,
            Err(v) => return v,
        };
        let mut problems = Vec::new();
        let mut compared = Vec::new();
        for p in placements(window) {
            let scene = base.translated(p.shift.0, p.shift.1);
            let reference = match render(plugin, &scene, None, RowOrder::BottomUp) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{}: whole-frame reference: {e}", p.name));
                    continue;
                }
            };
            let region =
                margins.and_then(|m| compared_region(p.bounds, scene.frame, reference.1, m));
            for order in [RowOrder::BottomUp, RowOrder::TopDown] {
                let what = format!(
                    "source bounds {} ({}), {}, window {}",
                    fmt_rect(&p.bounds),
                    p.name,
                    order_name(order),
                    fmt_rect(&reference.1)
                );
                announce_step(&what);
                let out = match render(plugin, &scene, Some(p.bounds), order) {
                    Ok((out, _)) => out,
                    Err(e) => {
                        problems.push(format!("{what}: render failed: {e}"));
                        continue;
                    }
                };
                let Some(region) = region else {
                    continue;
                };
                let float = matches!(out.layout().depth, Depth::F32 | Depth::Half);
                let tol = if float {
                    env.options.tile_tolerance
                } else {
                    0.0
                };
                match out.compare(&reference.0, region, tol) {
                    Ok(()) => compared.push(fmt_rect(&region)),
                    Err(m) => problems.push(format!(
                        "{what}: differs from the whole-frame render over {}: {m}",
                        fmt_rect(&region)
                    )),
                }
            }
        }
        let comparison = if compared.is_empty() {
            "no pixel compared (the regions of interest reach past every small source)".to_string()
        } else {
            compared.dedup();
            format!(
                "the same pixels as with whole-frame sources over {}",
                compared.join(", ")
            )
        };
        Verdict::from_problems(
            problems,
            format!(
                "{}: no read outside sources shrunk, offset and at a negative origin (bottom-up and top-down, between guard pages); {comparison}",
                base.describe()
            ),
        )
    })
}

/// The output pixels that can depend only on pixels both the small source
/// (`bounds`) and the whole-frame source (`frame`) hold: their
/// intersection, cut on each side by how far the plugin's regions of
/// interest reach past the window (`margins`: left, bottom, right, top),
/// inside the render `window`. `None` when nothing is left.
fn compared_region(
    bounds: OfxRectI,
    frame: OfxRectI,
    window: OfxRectI,
    margins: [i32; 4],
) -> Option<OfxRectI> {
    let have = intersect(bounds, frame);
    let r = intersect(grow(have, margins.map(|v| -v)), window);
    (r.x2 > r.x1 && r.y2 > r.y1).then_some(r)
}

/// Renders `scene` over its default window, every input image with
/// `bounds` (the whole frame when `None`) stored in `order` between guard
/// pages, the output too. Returns the output and the window.
fn render(
    plugin: &Plugin,
    scene: &Scene,
    bounds: Option<OfxRectI>,
    order: RowOrder,
) -> Result<(ImageBuffer, OfxRectI), String> {
    let input = InputLayout {
        bounds: bounds.map_or(InputBounds::Frame, InputBounds::Fixed),
        order,
        ..support::input_layout()
    };
    let mut inst = scene.instance_with(plugin, input).map_err(|v| v.evidence)?;
    let window = scene.window(&inst, 1.0);
    let req = scene.request().window(window).output(OutputLayout {
        order,
        ..support::output_layout()
    });
    Ok((scene.render(&mut inst, &req)?, window))
}

fn order_name(o: RowOrder) -> &'static str {
    match o {
        RowOrder::BottomUp => "bottom-up",
        RowOrder::TopDown => "top-down",
    }
}

fn fmt_rect(r: &OfxRectI) -> String {
    format!("{},{}..{},{}", r.x1, r.y1, r.x2, r.y2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x1: i32, y1: i32, x2: i32, y2: i32) -> OfxRectI {
        OfxRectI { x1, y1, x2, y2 }
    }

    fn inside(inner: OfxRectI, outer: OfxRectI) -> bool {
        inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2
    }

    #[test]
    fn every_source_is_smaller_than_its_window_and_the_last_at_a_negative_origin() {
        let window = rect(0, 0, 24, 16);
        let [shrunk, offset, negative] = placements(window);
        // Strictly inside the window on every side.
        assert_eq!(shrunk.bounds, rect(3, 3, 21, 13));
        assert_eq!(shrunk.shift, (0, 0));
        // Covers only the window's lower-left quarter.
        assert_eq!(intersect(offset.bounds, window), rect(0, 0, 12, 8));
        assert_eq!(offset.shift, (0, 0));
        // The window moved to negative coordinates, the source strictly
        // inside it, its origin negative.
        let moved = translate(window, negative.shift.0, negative.shift.1);
        assert!(moved.x2 < 0 && moved.y2 < 0, "{moved:?}");
        assert!(inside(negative.bounds, moved), "{negative:?}");
        assert_ne!(negative.bounds, moved);
        assert!(negative.bounds.x1 < 0 && negative.bounds.y1 < 0);
        // None covers its window.
        for p in placements(window) {
            let w = translate(window, p.shift.0, p.shift.1);
            assert_ne!(intersect(p.bounds, w), w, "{p:?}");
        }
    }

    #[test]
    fn only_pixels_whose_inputs_both_sources_hold_are_compared() {
        let frame = rect(0, 0, 24, 16);
        // A point filter: the source bounds inside the window.
        assert_eq!(
            compared_region(rect(3, 3, 21, 13), frame, frame, [0; 4]),
            Some(rect(3, 3, 21, 13))
        );
        // The part of an offset source outside the frame is not compared
        // (the whole-frame reference had no pixels there either).
        assert_eq!(
            compared_region(rect(-12, -8, 12, 8), frame, frame, [0; 4]),
            Some(rect(0, 0, 12, 8))
        );
        // A filter reading 2 pixels left and right, 1 down, 4 up.
        assert_eq!(
            compared_region(rect(3, 3, 21, 13), frame, frame, [2, 1, 2, 4]),
            Some(rect(5, 4, 19, 9))
        );
        // A reach as wide as the source leaves nothing.
        assert_eq!(
            compared_region(rect(3, 3, 21, 13), frame, frame, [9, 0, 9, 0]),
            None
        );
    }
}
