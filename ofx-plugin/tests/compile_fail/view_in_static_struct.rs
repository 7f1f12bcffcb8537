//! A view stored in a struct that claims to be `'static`.
use ofx_plugin::prelude::*;

struct Cache {
    view: ImageView<'static, Rgba<f32>>,
}

fn render(r: &Render<'_>, source: &Clip) -> Result<Cache> {
    let src = r.input(source)?;
    Ok(Cache {
        view: src.view::<Rgba<f32>>()?,
    })
}

fn main() {}
