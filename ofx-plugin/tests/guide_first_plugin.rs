//! The plugin of docs/getting-started.md, compiled from the very file the
//! guide shows and driven through ofx-host: the guide's code must build and
//! do what the guide says.

include!("../../docs/guide/first_plugin.rs");

use ofx_host::ClipName;
use ofx_host::Rect;
use ofx_host::driver::RenderRequest;
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};

#[test]
fn the_guide_shows_the_tested_code() {
    let guide = include_str!("../../docs/getting-started.md");
    let code = include_str!("../../docs/guide/first_plugin.rs");
    assert!(
        guide.contains(code),
        "docs/getting-started.md must show docs/guide/first_plugin.rs verbatim"
    );
    assert!(
        code.lines().count() < 50,
        "the first plugin stays under 50 lines"
    );
}

#[test]
fn brightness_scales_colour_and_keeps_alpha() {
    let s = ofx_host::in_process!().unwrap();
    let p = s.plugin("com.example.Brightness").unwrap();
    let bounds = Rect::new(0, 0, 4, 2);
    for depth in [Depth::U8, Depth::U16, Depth::F32] {
        let mut inst = p.create_instance(ofx_host::Context::Filter).unwrap();
        let layout = Layout::packed(bounds, depth, Components::Rgba);
        let src = ImageBuffer::from_fn(layout, |x, y| {
            [0.1 * x as f32, 0.4, 0.2 + 0.1 * y as f32, 0.5]
        });
        inst.connect_image(ClipName::SOURCE, src.clone()).unwrap();
        inst.set_param("brightness", 2.0).unwrap();
        let out = inst.render(&RenderRequest::at(0.0)).unwrap();
        for y in 0..2 {
            for x in 0..4 {
                let a = src.get(x, y).unwrap();
                let b = out.get(x, y).unwrap();
                let tol = if depth == Depth::F32 {
                    1e-6
                } else {
                    1.0 / 255.0
                };
                for c in 0..3 {
                    assert!(
                        (b[c] - (a[c] * 2.0).min(1.0)).abs() <= tol,
                        "{depth:?} ({x},{y}) {c}: {a:?} -> {b:?}"
                    );
                }
                assert_eq!(b[3], a[3], "alpha is kept");
            }
        }
    }
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}
