use ofx_plugin::Plugin;

#[derive(Plugin)]
#[ofx(id = "org.example.Gain")]
struct Gain<T> {
    inner: T,
}

fn main() {}
