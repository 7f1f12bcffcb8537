// Local stand-ins: the derive recognises handle types by name, and fails
// before anything refers to ofx-plugin's real handles.
struct BooleanParam;
struct StringParam;
struct IntParam;

#[derive(ofx_plugin::Params)]
struct P {
    #[param(label = "Flag", digits = 2)]
    flag: BooleanParam,
    #[param(double_type = Angle)]
    title: StringParam,
    #[param(mode = MultiLine)]
    count: IntParam,
}

fn main() {}
