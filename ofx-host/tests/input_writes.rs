//! The host's check that inputs stay unchanged, on and off: a plugin that
//! writes one pixel of its source is caught by the default host, and a host
//! made for timing (`HostConfig::timing`) leaves that pass over the pixels
//! out of the plugin's action.

use ofx_bad_plugins::{get_plugin, number_of_plugins, set_host};
use ofx_host::log::ViolationKind;
use ofx_host::prelude::*;

fn written(config: HostConfig) -> usize {
    let session =
        Session::in_process(get_plugin, Some(number_of_plugins), Some(set_host), config).unwrap();
    let plugin = session.plugin("org.ofx-rs.bad.WriteIntoInput").unwrap();
    let mut fx = plugin.create_instance(Context::Filter).unwrap();
    let layout = Layout::packed(Rect::from_size(8, 4), Depth::F32, Components::Rgba);
    fx.connect_image(
        ClipName::SOURCE,
        ImageBuffer::from_fn(layout, |_, _| [0.5; 4]),
    )
    .unwrap();
    fx.render(&RenderRequest::at(0.0)).unwrap();
    session
        .log()
        .violations_of(ViolationKind::InputWritten)
        .len()
}

#[test]
fn a_write_into_an_input_is_logged_unless_the_host_only_times() {
    assert_eq!(written(HostConfig::default()), 1);
    assert_eq!(written(HostConfig::timing()), 0);
}
