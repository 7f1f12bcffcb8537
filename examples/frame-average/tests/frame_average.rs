//! Frame Average through ofx-host, in this test process: a temporal effect
//! asks for the frames around the current one, and the host feeds a clip
//! whose frames differ.

use frame_average::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};
use ofx_host::prelude::*;

#[test]
fn the_frames_around_the_current_one_are_averaged() {
    let session = in_process!().unwrap();
    let plugin = session.plugin("org.ofx-rs.examples.FrameAverage").unwrap();
    let mut fx = plugin.create_instance(Context::Filter).unwrap();
    // Frame t is grey at t / 100.
    let layout = Layout::packed(Rect::from_size(2, 1), Depth::F32, Components::Rgba);
    let frame = move |t: f64| {
        let v = (t / 100.0) as f32;
        Some(ImageBuffer::from_fn(layout, |_, _| [v, v, v, 1.0]))
    };
    fx.connect(ClipName::SOURCE, frame).unwrap();

    // Three frames (the default): 9, 10 and 11 are asked for and averaged.
    let needed = fx.frames_needed(10.0).unwrap();
    let range = needed[ClipName::SOURCE.as_str()][0];
    assert_eq!((range.min, range.max), (9.0, 11.0));
    let out = fx.render(&RenderRequest::at(10.0)).unwrap();
    let [v, _, _, a] = out.get(1, 0).unwrap();
    assert!((v - 0.10).abs() < 1e-6 && a == 1.0, "{v} {a}");

    // Four frames: one before and two after.
    fx.set_param("frames", 4).unwrap();
    let out = fx.render(&RenderRequest::at(10.0)).unwrap();
    let [v, ..] = out.get(0, 0).unwrap();
    assert!((v - 0.105).abs() < 1e-6, "{v}");
    assert!(session.log().violations().is_empty());
}
