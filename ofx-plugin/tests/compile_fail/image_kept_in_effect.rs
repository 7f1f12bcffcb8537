//! An effect keeps the source image of one render for the next one.
use std::sync::Mutex;

use ofx_plugin::prelude::*;

struct Keeper {
    source: Clip,
    last: Mutex<Option<InputImage<'static>>>,
}

impl Keeper {
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let src = r.input(&self.source)?;
        *self.last.lock().unwrap() = Some(src);
        Ok(())
    }
}

fn main() {}
