//! The software rasteriser of recorded drawings: the exact pixels each
//! shape covers, compositing, and the overlay plugin's handle drawn over an
//! image.

use ofx_bad_plugins::{Fault, id_of};
use ofx_host::drawing::{Canvas, Stipple, TextAlignment};
use ofx_host::prelude::*;
use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};

const RED: [f32; 4] = [1.0, 0.0, 0.0, 1.0];
const CLEAR: [f32; 4] = [0.0; 4];

fn line(from: [f64; 2], to: [f64; 2]) -> DrawCall {
    DrawCall::Primitive {
        kind: PrimitiveKind::Lines,
        points: vec![from, to],
    }
}

/// The covered pixels of `c` (alpha > 0), row by row from the top, as text.
fn picture(c: &Canvas) -> String {
    let r = c.region();
    let mut s = String::new();
    for y in (r.y1..r.y2).rev() {
        for x in r.x1..r.x2 {
            s.push(if c.get(x, y).unwrap()[3] > 0.0 {
                '#'
            } else {
                '.'
            });
        }
        s.push('\n');
    }
    s
}

#[test]
fn a_one_pixel_line_covers_the_pixels_it_passes_through() {
    let d = Drawing::from_calls(vec![DrawCall::Colour(RED), line([2.0, 5.5], [8.0, 5.5])]);
    let c = d.rasterise(Rect::from_size(10, 8), [1.0, 1.0]);
    for y in 0..8 {
        for x in 0..10 {
            let want = if y == 5 && (2..8).contains(&x) {
                RED
            } else {
                CLEAR
            };
            assert_eq!(c.get(x, y), Some(want), "({x}, {y})");
        }
    }
}

#[test]
fn line_width_is_in_screen_pixels() {
    // Width 3 at pixel scale 1: three rows.
    let d = Drawing::from_calls(vec![DrawCall::LineWidth(3.0), line([1.0, 5.5], [5.0, 5.5])]);
    let c = d.rasterise(Rect::from_size(6, 9), [1.0, 1.0]);
    assert_eq!(
        picture(&c),
        "......\n......\n.####.\n.####.\n.####.\n......\n......\n......\n......\n"
    );
    // Width 1 on a view zoomed out by 2 (two canonical units per screen
    // pixel): two image pixels wide at render scale 1.
    let mut d = Drawing::from_calls(vec![line([1.0, 4.0], [5.0, 4.0])]);
    d.pixel_scale = [2.0, 2.0];
    let c = d.rasterise(Rect::from_size(6, 8), [1.0, 1.0]);
    assert_eq!(
        picture(&c),
        "......\n......\n......\n.####.\n.####.\n......\n......\n......\n"
    );
}

#[test]
fn strips_loops_rectangles_polygons_and_the_render_scale() {
    let square = [[1.0, 1.0], [7.0, 1.0], [7.0, 7.0], [1.0, 7.0]];
    let loop_ = Drawing::from_calls(vec![DrawCall::Primitive {
        kind: PrimitiveKind::LineLoop,
        points: square.iter().map(|p| [p[0] + 0.5, p[1] + 0.5]).collect(),
    }]);
    let c = loop_.rasterise(Rect::from_size(9, 9), [1.0, 1.0]);
    assert_eq!(
        picture(&c),
        ".........\n.#######.\n.#.....#.\n.#.....#.\n.#.....#.\n.#.....#.\n.#.....#.\n.#######.\n.........\n"
    );
    // A strip does not close.
    let strip = Drawing::from_calls(vec![DrawCall::Primitive {
        kind: PrimitiveKind::LineStrip,
        points: square.iter().map(|p| [p[0] + 0.5, p[1] + 0.5]).collect(),
    }]);
    let c = strip.rasterise(Rect::from_size(9, 9), [1.0, 1.0]);
    assert_eq!(c.get(1, 4).unwrap()[3], 0.0, "no closing edge");
    assert_eq!(c.get(7, 4).unwrap()[3], 1.0);
    // A filled rectangle at render scale 0.5 covers half the pixels.
    let rect = Drawing::from_calls(vec![DrawCall::Primitive {
        kind: PrimitiveKind::Rectangle,
        points: vec![[8.0, 6.0], [2.0, 2.0]],
    }]);
    let c = rect.rasterise(Rect::from_size(5, 4), [0.5, 0.5]);
    assert_eq!(picture(&c), ".....\n.###.\n.###.\n.....\n");
    // A polygon: a right triangle, even-odd inside.
    let tri = Drawing::from_calls(vec![DrawCall::Primitive {
        kind: PrimitiveKind::Polygon,
        points: vec![[0.0, 0.0], [4.0, 0.0], [0.0, 4.0]],
    }]);
    let c = tri.rasterise(Rect::from_size(4, 4), [1.0, 1.0]);
    assert_eq!(picture(&c), "....\n#...\n##..\n###.\n");
}

#[test]
fn stipple_patterns_repeat_every_eight_screen_pixels() {
    let d = Drawing::from_calls(vec![
        DrawCall::LineStipple(Stipple::Dash),
        line([0.0, 0.5], [16.0, 0.5]),
    ]);
    let c = d.rasterise(Rect::from_size(16, 1), [1.0, 1.0]);
    assert_eq!(picture(&c), "####....####....\n");
    let d = Drawing::from_calls(vec![
        DrawCall::LineStipple(Stipple::Dot),
        line([0.0, 0.5], [16.0, 0.5]),
    ]);
    let c = d.rasterise(Rect::from_size(16, 1), [1.0, 1.0]);
    assert_eq!(picture(&c), "#...#...#...#...\n");
}

#[test]
fn text_is_drawn_as_one_box_per_character() {
    let d = Drawing::from_calls(vec![DrawCall::Text {
        text: "a b".into(),
        position: [1.0, 1.0],
        alignment: TextAlignment(TextAlignment::LEFT | TextAlignment::BOTTOM),
    }]);
    let c = d.rasterise(Rect::from_size(19, 9), [1.0, 1.0]);
    assert_eq!(
        picture(&c),
        concat!(
            "...................\n",
            ".#####.......#####.\n",
            ".#...#.......#...#.\n",
            ".#...#.......#...#.\n",
            ".#...#.......#...#.\n",
            ".#...#.......#...#.\n",
            ".#...#.......#...#.\n",
            ".#####.......#####.\n",
            "...................\n",
        )
    );
}

#[test]
fn drawing_over_an_image_composites_with_the_colour_alpha() {
    let d = Drawing::from_calls(vec![
        DrawCall::Colour([1.0, 0.0, 0.0, 0.5]),
        DrawCall::Primitive {
            kind: PrimitiveKind::Rectangle,
            points: vec![[1.0, 1.0], [3.0, 3.0]],
        },
    ]);
    let layout = Layout::packed(Rect::from_size(4, 4), Depth::F32, Components::Rgba);
    let mut img = ImageBuffer::from_fn(layout, |_, _| [0.2, 0.2, 0.2, 1.0]);
    d.draw_over(&mut img, [1.0, 1.0]);
    let near = |a: [f32; 4], b: [f32; 4]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6);
    assert!(near(img.get(1, 1).unwrap(), [0.6, 0.1, 0.1, 1.0]));
    assert!(near(img.get(2, 2).unwrap(), [0.6, 0.1, 0.1, 1.0]));
    assert_eq!(img.get(0, 0), Some([0.2, 0.2, 0.2, 1.0]));
    assert_eq!(img.get(3, 3), Some([0.2, 0.2, 0.2, 1.0]));
}

#[test]
fn the_overlay_plugin_handle_lands_on_the_pixels_of_its_centre() {
    let s = Session::in_process(
        ofx_bad_plugins::get_plugin as OfxGetPluginFn,
        Some(ofx_bad_plugins::number_of_plugins as OfxGetNumberOfPluginsFn),
        Some(ofx_bad_plugins::set_host as OfxSetHostFn),
        HostConfig::default(),
    )
    .unwrap();
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.set_param("Centre", [40.5, 30.5]).unwrap();
    let mut ov = inst.overlay().unwrap();
    let c = ov
        .draw(0.0)
        .unwrap()
        .rasterise(Rect::from_size(80, 60), [1.0, 1.0]);
    // The green box (drawn after the cross) covers the centre, 10 pixels
    // wide (35 to 44); the red arms reach 20 pixels out (20 to 59), 2
    // pixels wide (rows 29 and 30).
    assert_eq!(c.get(40, 30), Some([0.0, 1.0, 0.0, 1.0]));
    assert_eq!(c.get(35, 34), Some([0.0, 1.0, 0.0, 1.0]));
    assert_eq!(c.get(44, 25), Some([0.0, 1.0, 0.0, 1.0]));
    assert_eq!(c.get(45, 30), Some(RED));
    assert_eq!(c.get(20, 29), Some(RED));
    assert_eq!(c.get(20, 31), Some(CLEAR));
    assert_eq!(c.get(19, 30), Some(CLEAR));
    assert_eq!(c.get(59, 30), Some(RED));
    assert_eq!(c.get(60, 30), Some(CLEAR));
    assert_eq!(c.get(40, 11), Some(RED));
    assert_eq!(c.get(40, 9), Some(CLEAR));
    assert_eq!(c.get(55, 40), Some(CLEAR));
    // At render scale 0.5 with the view zoomed out to match, the handle
    // keeps its screen size: arms still 20 pixels.
    ov.set_viewport(Viewport {
        pixel_scale: [2.0, 2.0],
        render_scale: [0.5, 0.5],
        ..Viewport::default()
    });
    let c = ov
        .draw(0.0)
        .unwrap()
        .rasterise(Rect::from_size(40, 30), [0.5, 0.5]);
    assert_eq!(c.get(20, 15), Some([0.0, 1.0, 0.0, 1.0]));
    assert_eq!(c.get(39, 15), Some(RED));
    assert_eq!(c.get(20, 34 - 30), Some(RED));
}
