#[derive(ofx_plugin::ChoiceEnum)]
enum Mode {
    #[choice(label = "Fast")]
    Fast,
    #[choice(label = "Fast")]
    Quick,
    #[choice(title = "Best")]
    Best,
    Custom(u32),
}

#[derive(ofx_plugin::ChoiceEnum)]
struct NotAnEnum;

fn main() {}
