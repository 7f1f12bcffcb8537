//! The check that hands the plugin source images smaller than, and offset
//! from, the render window.
//!
//! Real hosts do this: a source's region of definition can be smaller than
//! the window the effect renders (one input of a merge smaller than the
//! other; a host such as Nuke rendering its format beyond a clip's
//! bounding box), and the region of interest is then clipped to the
//! source's region of definition. The other checks give every input the
//! whole frame, which covers any render window, so a plugin that assumes
//! its source covers the window passes them; here each such read lands in
//! a guard page.
//!
//! Each small source is a smaller *frame*: its region of definition is its
//! bounds. The spec promises that a fetched image covers the region of
//! interest clipped to the region of definition (`clipGetImage`), so a
//! source whose bounds were cut inside its own region of definition would
//! break that promise and fail plugins that rely on it.

use ofx_sys::OfxRectI;

use crate::driver::{InputLayout, OutputLayout, Plugin};
use crate::image::{ImageBuffer, RowOrder};

use super::layouts::{grow, translate};
use super::scene::{self, Scene};
use super::support;
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

/// `sources-smaller-than-window`: renders the scene's window with every
/// input a smaller frame (shrunk on every side; covering only the window's
/// lower-left part; at a negative origin), each image in guard-paged
/// memory, bottom-up then top-down so that both ends of each image sit
/// against a guard page. A read outside a source ends the process with the
/// guard-page diagnosis, naming the image; a failed render fails the check.
/// No pixel is compared: the sources differ from the whole frame, and a
/// plugin's output may rightly depend on its sources' regions of
/// definition (a mirror flips about the source's centre).
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
        let mut problems = Vec::new();
        for p in placements(window) {
            let small = base.translated(p.shift.0, p.shift.1).with_frame(p.bounds);
            let window = translate(window, p.shift.0, p.shift.1);
            for order in [RowOrder::BottomUp, RowOrder::TopDown] {
                let what = format!(
                    "sources {} ({}), {}, window {}",
                    fmt_rect(&p.bounds),
                    p.name,
                    order_name(order),
                    fmt_rect(&window)
                );
                announce_step(&what);
                if let Err(e) = render(plugin, &small, window, order) {
                    problems.push(format!("{what}: render failed: {e}"));
                }
            }
        }
        Verdict::from_problems(
            problems,
            format!(
                "{}: no read outside sources shrunk, offset and at a negative origin (bottom-up and top-down, between guard pages)",
                base.describe()
            ),
        )
    })
}

/// Renders `window` of `scene`, every input image the scene's frame stored
/// in `order` between guard pages, the output too.
fn render(
    plugin: &Plugin,
    scene: &Scene,
    window: OfxRectI,
    order: RowOrder,
) -> Result<ImageBuffer, String> {
    let input = InputLayout {
        order,
        ..scene::input_layout()
    };
    let mut inst = scene.instance_with(plugin, input).map_err(|v| v.evidence)?;
    let req = scene.request().window(window).output(OutputLayout {
        order,
        ..scene::output_layout()
    });
    scene.render(&mut inst, &req)
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
    use crate::image::intersect;

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
}
