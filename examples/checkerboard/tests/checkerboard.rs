//! Checkerboard through ofx-host, in this test process: a generator has no
//! input, so the host decides the output's depth, and the render window
//! decides how much of its infinite plane is drawn.

use checkerboard::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::prelude::*;

#[test]
fn squares_alternate_from_the_origin_at_full_and_half_scale() {
    let config = HostConfig {
        depths: vec![Depth::F32],
        ..HostConfig::default()
    };
    let session = in_process!(config).unwrap();
    let plugin = session.plugin("org.ofx-rs.examples.Checkerboard").unwrap();
    let mut fx = plugin.create_instance(Context::Generator).unwrap();
    let (one, two) = ([1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 1.0, 0.5]);
    fx.set_param("size", 4.0).unwrap();
    fx.set_param("color1", one).unwrap();
    fx.set_param("color2", two).unwrap();
    let (one, two) = (one.map(|c| c as f32), two.map(|c| c as f32));

    // Squares of 4 canonical pixels: (0..4, 0..4) is colour 1, its
    // neighbours on either axis colour 2, the diagonal colour 1 again.
    let out = fx
        .render(&RenderRequest::at(0.0).window(Rect::new(-4, 0, 8, 8)))
        .unwrap();
    for (x, y, want) in [
        (0, 0, one),
        (3, 3, one),
        (4, 0, two),
        (-1, 0, two),
        (0, 4, two),
        (5, 5, one),
    ] {
        assert_eq!(out.get(x, y).unwrap(), want, "({x}, {y})");
    }

    // At half scale a square is 2 pixels wide.
    let out = fx
        .render(
            &RenderRequest::at(0.0)
                .scale(0.5)
                .window(Rect::from_size(4, 4)),
        )
        .unwrap();
    for (x, y, want) in [(1, 1, one), (2, 0, two), (2, 2, one)] {
        assert_eq!(out.get(x, y).unwrap(), want, "half scale ({x}, {y})");
    }
    assert!(session.log().violations().is_empty());
}
