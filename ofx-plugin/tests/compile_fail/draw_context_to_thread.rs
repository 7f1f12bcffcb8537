//! An overlay drawing from another thread.
use ofx_plugin::prelude::*;
use ofx_plugin::geometry::PointD;

fn draw(dc: &mut DrawContext<'_>) {
    std::thread::scope(|s| {
        s.spawn(|| {
            let _ = dc.line(PointD::new(0.0, 0.0), PointD::new(1.0, 1.0));
        });
    });
}

fn main() {}
