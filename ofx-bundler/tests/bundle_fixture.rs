//! End-to-end test of the library: bundle the fixture cdylib crate (a raw
//! OFX binary over ofx-sys, quick to build) with a fresh target directory
//! and check the resulting bundle.

use std::path::PathBuf;

use ofx_bundler::{BundleOptions, Error, arch_dir_for, bundle};

#[test]
fn bundles_fixture_plugin_end_to_end() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixture-plugin");
    let target = tempfile::tempdir().unwrap();
    let options = BundleOptions {
        packages: vec!["fixture-plugin".into()],
        manifest_path: Some(fixture.join("Cargo.toml")),
        target_dir: Some(target.path().to_path_buf()),
        ..Default::default()
    };
    let built = bundle(&options).expect("bundling the fixture");
    assert_eq!(built.len(), 1);
    let bundle_dir = target.path().join("bundles/FixtureBundle.ofx.bundle");
    assert_eq!(built[0].path, bundle_dir);
    assert_eq!(
        built[0].plugins,
        vec!["org.ofx-rs.test.Fixture".to_string()]
    );

    // Layout and binary.
    let contents = bundle_dir.join("Contents");
    let binary = contents
        .join(arch_dir_for(None).unwrap())
        .join("FixtureBundle.ofx");
    assert!(binary.is_file(), "missing {}", binary.display());

    // Info.plist.
    let info = ofx_bundler::info_plist::read(&contents.join("Info.plist")).unwrap();
    assert_eq!(info.executable, "FixtureBundle.ofx");
    assert_eq!(info.version, "0.3.1");
    assert_eq!(info.name, "FixtureBundle");
    assert_eq!(info.identifier, "org.ofx-rs.test.Fixture.bundle");

    // Icon decodes as a PNG.
    let icon = std::fs::read(contents.join("Resources/org.ofx-rs.test.Fixture.png")).unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(icon))
        .read_info()
        .unwrap();
    assert_eq!(reader.info().width, ofx_bundler::icon::ICON_SIZE);

    // The bundled copy loads and reports the plugin.
    let plugins = ofx_host::loader::PluginBinary::open(&bundle_dir)
        .unwrap()
        .plugins();
    assert_eq!(plugins.len(), 1);
    assert_eq!(plugins[0].id, "org.ofx-rs.test.Fixture");
    assert_eq!(plugins[0].api, "OfxImageEffectPluginAPI");
    assert_eq!((plugins[0].version_major, plugins[0].version_minor), (1, 2));
}

#[test]
fn metadata_mismatch_with_binary_is_an_error() {
    // A copy of the fixture whose metadata lists a plugin it does not export.
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixture-plugin");
    let ofx_sys = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ofx-sys");
    let work = tempfile::tempdir().unwrap();
    let krate = work.path().join("mismatch");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::copy(fixture.join("src/lib.rs"), krate.join("src/lib.rs")).unwrap();
    let manifest = std::fs::read_to_string(fixture.join("Cargo.toml"))
        .unwrap()
        .replace(
            "path = \"../../../ofx-sys\"",
            &format!("path = {:?}", ofx_sys.canonicalize().unwrap()),
        )
        .replace("\"org.ofx-rs.test.Fixture\"", "\"org.ofx-rs.test.Other\"");
    assert!(manifest.contains("org.ofx-rs.test.Other"));
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();

    let options = BundleOptions {
        packages: vec!["fixture-plugin".into()],
        manifest_path: Some(krate.join("Cargo.toml")),
        target_dir: Some(work.path().join("target")),
        ..Default::default()
    };
    let error = bundle(&options).expect_err("mismatch must fail");
    let Error::PluginMismatch {
        package,
        reported,
        declared,
    } = &error
    else {
        panic!("not a mismatch: {error}");
    };
    assert_eq!(package, "fixture-plugin");
    assert_eq!(reported, &["org.ofx-rs.test.Fixture"]);
    assert_eq!(declared, &["org.ofx-rs.test.Other"]);
    assert!(
        !work
            .path()
            .join("target/bundles/FixtureBundle.ofx.bundle")
            .exists()
    );
}
