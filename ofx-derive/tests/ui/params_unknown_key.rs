struct DoubleParam;

#[derive(ofx_plugin::Params)]
struct P {
    #[param(label = "Gain", minimum = 0.0)]
    gain: DoubleParam,
}

fn main() {}
