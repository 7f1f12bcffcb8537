//! End-to-end test: bundle the fixture cdylib crate with a fresh target
//! directory and check the resulting bundle.

use std::path::PathBuf;

use xtask::bundle::{BundleOptions, arch_dir_for, bundle};

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
    let xml = std::fs::read_to_string(contents.join("Info.plist")).unwrap();
    let pairs = xtask::plist::parse_flat(&xml).unwrap();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        get("CFBundleExecutable").as_deref(),
        Some("FixtureBundle.ofx")
    );
    assert_eq!(get("CFBundlePackageType").as_deref(), Some("BNDL"));
    assert_eq!(get("CFBundleVersion").as_deref(), Some("0.3.1"));
    assert_eq!(get("CFBundleName").as_deref(), Some("FixtureBundle"));

    // Icon decodes as a PNG.
    let icon = std::fs::read(contents.join("Resources/org.ofx-rs.test.Fixture.png")).unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(icon))
        .read_info()
        .unwrap();
    assert_eq!(reader.info().width, xtask::icon::ICON_SIZE);

    // The bundled copy loads and reports the plugin.
    let plugins = xtask::plugin_loader::read_plugins(&binary).unwrap();
    assert_eq!(plugins.len(), 1);
    assert_eq!(plugins[0].identifier, "org.ofx-rs.test.Fixture");
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
    assert!(error.contains("org.ofx-rs.test.Other"), "{error}");
    assert!(error.contains("org.ofx-rs.test.Fixture"), "{error}");
    assert!(
        !work
            .path()
            .join("target/bundles/FixtureBundle.ofx.bundle")
            .exists()
    );
}
