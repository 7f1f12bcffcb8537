use ofx_plugin::Plugin;

#[derive(Plugin)]
#[ofx(id = "org.example.Gain", version = "1.0", grouping = "Color")]
struct Gain;

fn main() {}
