//! Builds the C shim for the variadic suite functions.
fn main() {
    println!("cargo:rerun-if-changed=shim/variadic.c");
    cc::Build::new()
        .file("shim/variadic.c")
        .warnings(true)
        .compile("ofxhost_variadic");
    println!("cargo:rerun-if-changed=shim/guard.c");
    cc::Build::new()
        .file("shim/guard.c")
        .warnings(true)
        .compile("ofxhost_guard");
}
