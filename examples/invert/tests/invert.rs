//! Invert through ofx-host, in this test process: the test a plugin author
//! writes first. The plugin's exported entry points (`bundle!`) are handed
//! to an in-process host, which describes it, creates an instance, feeds it
//! a source image and renders, over the real C interface.

use invert::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::prelude::*;

#[test]
fn colour_is_inverted_and_alpha_kept_at_every_depth() {
    let session = in_process!().unwrap();
    let plugin = session.plugin("org.ofx-rs.examples.Invert").unwrap();
    let bounds = Rect::new(0, 0, 3, 2);
    for depth in [Depth::U8, Depth::U16, Depth::F32] {
        let mut fx = plugin.create_instance(Context::Filter).unwrap();
        let layout = Layout::packed(bounds, depth, Components::Rgba);
        let source =
            ImageBuffer::from_fn(layout, |x, y| [0.2 * x as f32, 0.5 * y as f32, 1.0, 0.6]);
        fx.connect_image(ClipName::SOURCE, source.clone()).unwrap();
        let out = fx.render(&RenderRequest::at(0.0)).unwrap();
        for (x, y) in [(0, 0), (2, 1)] {
            let [r, g, b, a] = source.get(x, y).unwrap();
            let want = [1.0 - r, 1.0 - g, 1.0 - b, a];
            let got = out.get(x, y).unwrap();
            // Integer inversion is exact (255 - v); the check is in floats.
            for (w, g) in want.iter().zip(got) {
                assert!((w - g).abs() < 1e-6, "{depth:?} ({x}, {y}): {got:?}");
            }
        }
    }
    // The host saw no rule broken.
    assert!(session.log().violations().is_empty());
}

#[test]
fn the_readme_shows_this_plugin_and_this_test_as_they_are() {
    let readme = include_str!("../../../README.md");
    let source = include_str!("../src/lib.rs");
    let code = &source[source.find("use ofx_plugin::for_each_pixel_type;").unwrap()..];
    assert!(
        readme.contains(code),
        "README.md must show examples/invert/src/lib.rs from its first `use` on, verbatim"
    );
    let this = include_str!("invert.rs");
    let test =
        &this[this.find("use invert::").unwrap()..this.find("#[test]\nfn the_readme").unwrap()];
    assert!(
        readme.contains(test.trim_end()),
        "README.md must show this file's first test, with its imports, verbatim"
    );
}
