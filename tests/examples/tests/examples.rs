//! Every example plugin, loaded from its built `.ofx.bundle` through
//! `ofx-host`, rendered across the matrix of image layouts, and compared
//! with a reference model.

#[path = "cases/checkerboard.rs"]
mod checkerboard;
#[path = "cases/cross_dissolve.rs"]
mod cross_dissolve;
#[path = "cases/frame_average.rs"]
mod frame_average;
#[path = "cases/gain.rs"]
mod gain;
#[path = "cases/host.rs"]
mod host;
#[path = "cases/invert.rs"]
mod invert;
#[path = "cases/matrix.rs"]
mod matrix;
#[path = "cases/models.rs"]
mod models;
#[path = "cases/validate.rs"]
mod validate;

use example_tests::bundles::{self, Profile};

#[test]
fn every_example_is_bundled_with_its_binary_plist_and_icon() {
    let arch = ofx_bundler::arch_dir_for(None).unwrap();
    for e in bundles::ALL {
        let b = bundles::bundle(e, Profile::Debug);
        let name = ofx_bundler::camel_case(e.krate);
        assert!(b.ends_with(format!("{name}.ofx.bundle")), "{}", b.display());
        let bin = b.join("Contents").join(arch).join(format!("{name}.ofx"));
        assert!(
            std::fs::metadata(&bin).unwrap().len() > 0,
            "{}",
            bin.display()
        );
        let info = ofx_bundler::info_plist::read(&b.join("Contents/Info.plist")).unwrap();
        assert_eq!(info.executable, format!("{name}.ofx"));
        assert_eq!(info.name, name);
        assert_eq!(info.identifier, format!("{}.bundle", e.id));
        assert!(b.join(format!("Contents/Resources/{}.png", e.id)).is_file());
    }
}
