//! An image read during instance-changed cannot be kept past the action.
use std::sync::Mutex;

use ofx_plugin::prelude::*;

static KEPT: Mutex<Vec<InputImage<'static>>> = Mutex::new(Vec::new());

fn instance_changed(args: &InstanceChangedArgs<'_>, source: &Clip) -> Result<()> {
    let img = args.input_at(source, args.time)?;
    KEPT.lock().unwrap().push(img);
    Ok(())
}

fn main() {}
