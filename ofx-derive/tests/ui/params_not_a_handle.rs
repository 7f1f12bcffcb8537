struct Advanced;

#[derive(ofx_plugin::Params)]
struct P {
    gain: f64,
    advanced: Advanced,
}

fn main() {}
