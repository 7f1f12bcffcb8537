//! A leaked, `'static` clip does not make its images `'static`: they borrow
//! the render, not the clip.
use ofx_plugin::prelude::*;

fn forever(r: &Render<'_>, source: &Clip) -> InputImage<'static> {
    let clip: &'static Clip = Box::leak(Box::new(source.clone()));
    r.input(clip).unwrap()
}

fn main() {}
