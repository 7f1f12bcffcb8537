//! The plugin's regions against the filter: the region of interest the
//! plugin asks for, at a render scale and pixel aspect ratio, holds every
//! source pixel a render of the window reads, and no more than the
//! kernel's support.

use blur::BlurSettings;
use blur_filter::{Boundary, FilterKind, Plan};
use ofx_plugin::geometry::{RectD, RectI, RenderScale};
use ofx_plugin::pixel::BitDepth;

#[test]
fn the_plugins_region_of_interest_covers_what_a_render_reads() {
    // At render scale 0.5 and pixel aspect ratio 2, the canonical RoI the
    // plugin asks for, mapped back to pixels, must hold every source pixel
    // the render reads (and the support it adds is the kernel's own).
    let scale = RenderScale::new(0.5, 0.5);
    let par = 2.0;
    for filter in [FilterKind::Gaussian, FilterKind::Box, FilterKind::TripleBox] {
        let settings = BlurSettings {
            size: [7.3, 4.1],
            filter,
            boundary: Boundary::Black,
            expand_rod: false,
        };
        let spec = settings.spec(scale, par);
        assert!((spec.sigma[0] - 7.3 * 0.5 / 2.0).abs() < 1e-12);
        assert!((spec.sigma[1] - 4.1 * 0.5).abs() < 1e-12);
        let window = RectI::new(10, 20, 50, 45);
        let canonical = window.to_canonical(scale, par);
        let (rx, ry) = settings.canonical_support(scale, par);
        let roi = RectD::grown(&canonical, rx, ry).to_pixel_enclosing(scale, par);
        let plan = Plan::new(
            &spec,
            window,
            RectI::new(-1000, -1000, 1000, 1000),
            4,
            BitDepth::F32,
        );
        let read = plan.source_needed();
        assert_eq!(
            read.intersection(&roi),
            Some(read),
            "{filter:?}: reads {read:?}, RoI {roi:?}"
        );
        // Never more than the support: the RoI is the window grown by it.
        let sx = plan.x_filter().support() as i32;
        let sy = plan.y_filter().support() as i32;
        assert_eq!(
            roi,
            RectI::new(10 - sx, 20 - sy, 50 + sx, 45 + sy),
            "{filter:?}"
        );
    }
}
