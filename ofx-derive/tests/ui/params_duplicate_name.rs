struct DoubleParam;
struct IntParam;

#[derive(ofx_plugin::Params)]
struct P {
    gain: DoubleParam,
    #[param(name = "gain")]
    level: IntParam,
}

fn main() {}
