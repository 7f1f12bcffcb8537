//! What the GPU tests of Gain share: the session's journal for failure
//! messages, a source picture and the parameter sets tried.

use ofx_host::param_values::ParamValue;
use ofx_host::prelude::*;

/// The session's journal as text.
pub fn journal(s: &Session) -> String {
    let j = s.log().journal();
    j.iter().map(|e| e.line()).collect::<Vec<_>>().join("\n")
}

/// A source with a different value in every channel of every pixel, with
/// bounds away from the origin.
pub fn source(depth: Depth, components: Components) -> ImageBuffer {
    ImageBuffer::from_fn(
        Layout::packed(Rect::new(-3, 2, 14, 11), depth, components),
        |x, y| {
            let v = (x + 3) as f32 / 17.0;
            let w = (y - 2) as f32 / 9.0;
            [v, w, 1.0 - v, 0.2 + (v + w) / 3.0]
        },
    )
}

/// The parameter sets tried: plain gains (some clamping integers), gain
/// on alpha too, premultiplied input, and the identity.
pub fn settings() -> Vec<Vec<(&'static str, ParamValue)>> {
    vec![
        vec![
            ("gain", 1.7.into()),
            ("channelGains", [1.0, 0.5, 0.25, 2.0].into()),
        ],
        vec![("gain", 0.6.into()), ("applyToAlpha", true.into())],
        vec![
            ("gain", 1.3.into()),
            ("channelGains", [1.0, 2.0, 0.5, 0.5].into()),
            ("applyToAlpha", true.into()),
            ("premultiplied", true.into()),
        ],
        vec![],
    ]
}
