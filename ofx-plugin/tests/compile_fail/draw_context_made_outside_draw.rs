//! A draw context made outside the draw action.
use ofx_plugin::prelude::*;

fn main() {
    let _dc = DrawContext::new();
}
