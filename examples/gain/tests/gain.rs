//! Gain through ofx-host, in this test process: parameters set as a user
//! would, a source connected, one render, and the identity the plugin
//! reports when it has nothing to do.

use gain::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::prelude::*;

#[test]
fn each_channel_is_multiplied_by_the_gain_and_its_own_factor() {
    let session = in_process!().unwrap();
    let plugin = session.plugin("org.ofx-rs.examples.Gain").unwrap();
    let mut fx = plugin.create_instance(Context::Filter).unwrap();
    fx.set_param("gain", 0.5).unwrap();
    fx.set_param("channelGains", [1.0, 2.0, 0.0, 4.0]).unwrap();
    let layout = Layout::packed(Rect::from_size(3, 2), Depth::F32, Components::Rgba);
    let source = ImageBuffer::from_fn(layout, |x, y| [0.1 * x as f32, 0.2, 0.3 * y as f32, 0.8]);
    fx.connect_image(ClipName::SOURCE, source.clone()).unwrap();
    let out = fx.render(&RenderRequest::at(0.0)).unwrap();
    for (x, y) in [(0, 0), (2, 1)] {
        let [r, g, b, a] = source.get(x, y).unwrap();
        // Alpha is kept unless applyToAlpha is on.
        let want = [0.5 * r, 0.5 * 2.0 * g, 0.0 * b, a];
        assert_eq!(out.get(x, y).unwrap(), want, "({x}, {y})");
    }

    fx.set_param("applyToAlpha", true).unwrap();
    let out = fx.render(&RenderRequest::at(0.0)).unwrap();
    assert_eq!(out.get(1, 1).unwrap()[3], 0.5 * 4.0 * 0.8);
    assert!(session.log().violations().is_empty());
}

#[test]
fn a_gain_of_one_is_an_identity_of_the_source() {
    let session = in_process!().unwrap();
    let plugin = session.plugin("org.ofx-rs.examples.Gain").unwrap();
    let mut fx = plugin.create_instance(Context::Filter).unwrap();
    let layout = Layout::packed(Rect::from_size(2, 2), Depth::U8, Components::Rgba);
    fx.connect_image(ClipName::SOURCE, ImageBuffer::new(layout))
        .unwrap();
    let window = Rect::from_size(2, 2);
    let scale = ofx_sys::OfxPointD { x: 1.0, y: 1.0 };
    // The defaults multiply by one: the host may skip the render.
    let identity = fx.is_identity(0.0, scale, window).unwrap();
    assert_eq!(identity, Some((ClipName::SOURCE.as_str().to_owned(), 0.0)));
    fx.set_param("gain", 1.5).unwrap();
    assert_eq!(fx.is_identity(0.0, scale, window).unwrap(), None);
}
