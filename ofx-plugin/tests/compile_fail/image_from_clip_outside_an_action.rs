//! Images are fetched through the context of an action that may fetch them,
//! not from a clip at any time (here, during the region-of-interest action).
use ofx_plugin::prelude::*;

fn regions_of_interest(i: &InstanceContext, source: &Clip, time: f64) -> Result<()> {
    let _ = source.image(time)?;
    let _ = i.input(source)?;
    Ok(())
}

fn main() {}
