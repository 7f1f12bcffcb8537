//! Cross Dissolve through ofx-host, in this test process: a transition has
//! two inputs, and at either end of the transition it is an identity of one
//! of them.

use cross_dissolve::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::prelude::*;
use ofx_sys::OfxPointD;

#[test]
fn the_output_moves_from_one_clip_to_the_other() {
    let session = in_process!().unwrap();
    let plugin = session.plugin("org.ofx-rs.examples.CrossDissolve").unwrap();
    let mut fx = plugin.create_instance(Context::Transition).unwrap();
    let layout = Layout::packed(Rect::from_size(2, 2), Depth::F32, Components::Rgba);
    let from = ImageBuffer::from_fn(layout, |_, _| [1.0, 0.0, 0.0, 1.0]);
    let to = ImageBuffer::from_fn(layout, |x, _| [0.0, 0.0, x as f32, 0.5]);
    fx.connect_image(ClipName::SOURCE_FROM, from).unwrap();
    fx.connect_image(ClipName::SOURCE_TO, to).unwrap();

    fx.set_param("Transition", 0.25).unwrap();
    let out = fx.render(&RenderRequest::at(0.0)).unwrap();
    assert_eq!(out.get(0, 0).unwrap(), [0.75, 0.0, 0.0, 0.875]);
    assert_eq!(out.get(1, 1).unwrap(), [0.75, 0.0, 0.25, 0.875]);

    // At 0 and 1 the host need not render: the output is one of the inputs.
    let (scale, window) = (OfxPointD { x: 1.0, y: 1.0 }, Rect::from_size(2, 2));
    for (t, clip) in [(0.0, ClipName::SOURCE_FROM), (1.0, ClipName::SOURCE_TO)] {
        fx.set_param("Transition", t).unwrap();
        let identity = fx.is_identity(0.0, scale, window).unwrap();
        assert_eq!(identity, Some((clip.as_str().to_owned(), 0.0)), "at {t}");
    }
    assert!(session.log().violations().is_empty());
}
