use ofx_plugin::Plugin;

#[derive(Plugin)]
#[ofx(id = "org.example.Gain", version = "1.0.3")]
struct Gain;

#[derive(Plugin)]
#[ofx(id = "org.example.Blur", version = 1)]
struct Blur;

fn main() {}
