//! Brightness through ofx-host, in this test process: the guide's plugin,
//! described, instantiated, given a parameter value and a source, and
//! rendered over the real C interface.

use brightness::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::prelude::*;

#[test]
fn colour_is_scaled_alpha_kept_and_integers_clamped() {
    let session = in_process!().unwrap();
    let plugin = session.plugin("com.example.Brightness").unwrap();
    for depth in [Depth::U8, Depth::U16, Depth::F32] {
        let mut fx = plugin.create_instance(Context::Filter).unwrap();
        fx.set_param("brightness", 2.0).unwrap();
        let layout = Layout::packed(Rect::from_size(4, 1), depth, Components::Rgba);
        let source = ImageBuffer::from_fn(layout, |x, _| [0.2 * x as f32, 0.3, 0.0, 0.5]);
        fx.connect_image(ClipName::SOURCE, source.clone()).unwrap();
        let out = fx.render(&RenderRequest::at(0.0)).unwrap();
        for x in 0..4 {
            let [r, g, b, a] = source.get(x, 0).unwrap();
            // Integer depths stop at their largest value; floats do not.
            let top = if depth == Depth::F32 { f32::MAX } else { 1.0 };
            let want = [(2.0 * r).min(top), (2.0 * g).min(top), 2.0 * b, a];
            let got = out.get(x, 0).unwrap();
            // Integers are rounded to the nearest step of their type.
            let step = if depth == Depth::U8 {
                0.5 / 255.0
            } else {
                1e-4
            };
            for (w, g) in want.iter().zip(got) {
                assert!(
                    (w - g).abs() <= step,
                    "{depth:?} x = {x}: {got:?}, want {want:?}"
                );
            }
        }
    }
    // The host saw no rule broken.
    assert!(session.log().violations().is_empty());
}
