struct DoubleParam;
struct BooleanParam;

#[derive(ofx_plugin::Params)]
struct P {
    #[param(range = 0.0..1.0, label = 3, display)]
    gain: DoubleParam,
    #[page(label = "Main")]
    #[param(secret = "yes", label = "A", label = "B")]
    flag: BooleanParam,
}

fn main() {}
