use ofx_plugin::Plugin;

#[derive(Plugin)]
#[ofx(version = "1.0", label = "Gain")]
struct Gain;

fn main() {}
