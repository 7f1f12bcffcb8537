use ofx_plugin::Plugin;

#[derive(Plugin)]
#[ofx(id = "org.example..Gain", version = "1.0")]
struct Gain;

#[derive(Plugin)]
#[ofx(id = "org.example.Gain Effect")]
struct Spaced;

fn main() {}
