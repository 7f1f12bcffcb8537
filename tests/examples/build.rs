//! Compiles the plain C OpenFX plugins of the `safe_vs_c` benchmark
//! (`benches/c/plain_plugins.c`) into a shared library, and tells the bench
//! where it is through `PLAIN_PLUGINS_SO`.
//!
//! The `cc` crate only finds the C compiler; it builds static archives, and
//! the host needs a library it can `dlopen`, so the compiler is run here.

use std::path::PathBuf;

fn main() {
    let source = "benches/c/plain_plugins.c";
    println!("cargo:rerun-if-changed={source}");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let library = out_dir.join("libplain_plugins.so");
    let compiler = cc::Build::new().get_compiler();
    let status = compiler
        .to_command()
        .args([
            "-O2", "-shared", "-fPIC", "-Wall", "-Wextra", "-Werror", "-o",
        ])
        .arg(&library)
        .arg(source)
        .status()
        .unwrap_or_else(|e| panic!("running {}: {e}", compiler.path().display()));
    assert!(status.success(), "compiling {source} failed ({status})");
    println!("cargo:rustc-env=PLAIN_PLUGINS_SO={}", library.display());
}
