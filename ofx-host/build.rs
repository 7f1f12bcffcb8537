//! Builds the C shim for the variadic suite functions.
fn main() {
    println!("cargo:rerun-if-changed=shim/variadic.c");
    cc::Build::new()
        .file("shim/variadic.c")
        .warnings(true)
        .compile("ofxhost_variadic");
}
