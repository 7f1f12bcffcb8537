//! Compiles the C half of the ABI check.

fn main() {
    println!("cargo:rerun-if-changed=c/abi_check.c");
    cc::Build::new()
        .file("c/abi_check.c")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .compile("ofx_abi_check");
}
