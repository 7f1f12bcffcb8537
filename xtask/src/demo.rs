//! `cargo xtask demo`: the README's one-command demonstration.
//!
//! It builds every example bundle and the `ofx` tool in release mode, writes
//! a generated sample picture, renders it through the gain, blur and
//! transform plugins and renders the checkerboard generator, all with `ofx render` (the
//! validating host), and prints where the PNGs went and how long each render
//! took. The transform's overlay is drawn over its render (`ofx overlay`,
//! `transform-overlay.png`). Gain and Blur are rendered again on OpenCL (`ofx render --gpu
//! opencl`, on whatever OpenCL platform is installed, pocl on a machine
//! without a GPU) and Gain on OpenGL (`--gpu opengl`, Mesa's headless EGL),
//! and the difference from the CPU render is written to
//! `gpu-difference.txt`. Everything lands in `<target-dir>/demo/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use ofx_bundler::BundleOptions;

/// Width and height of the sample picture.
const SIZE: (u32, u32) = (960, 540);

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The sample picture: a colour ramp with discs and bars, whose edges show
/// what a blur or a gain does. Returns 8-bit RGBA rows, top row first.
pub fn sample_pixels(w: u32, h: u32) -> Vec<u8> {
    let mut px = Vec::with_capacity((w * h * 4) as usize);
    let discs = [
        (0.25f32, 0.35f32, 0.12f32, [250u8, 210, 60]),
        (0.55, 0.6, 0.18, [40, 170, 230]),
        (0.8, 0.3, 0.09, [235, 70, 90]),
    ];
    for y in 0..h {
        for x in 0..w {
            let (u, v) = (x as f32 / w as f32, y as f32 / h as f32);
            let mut c = [
                (40.0 + 120.0 * u) as u8,
                (30.0 + 60.0 * v) as u8,
                (90.0 + 100.0 * (1.0 - u)) as u8,
            ];
            if (x / 24) % 2 == 0 && v > 0.85 {
                c = [240, 240, 240];
            }
            for (cx, cy, r, col) in discs {
                let (dx, dy) = ((u - cx) * w as f32 / h as f32, v - cy);
                if dx * dx + dy * dy < r * r {
                    c = col;
                }
            }
            px.extend_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
    px
}

fn write_sample(path: &Path) -> crate::Result<()> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), SIZE.0, SIZE.1);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc
        .write_header()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    w.write_image_data(&sample_pixels(SIZE.0, SIZE.1))
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn run_ofx(ofx: &Path, args: &[&str]) -> crate::Result<()> {
    let status = Command::new(ofx)
        .args(args)
        .status()
        .map_err(|e| format!("{}: {e}", ofx.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("ofx {} failed ({status})", args.join(" ")))
    }
}

/// Runs the demo subcommand (it takes no arguments).
pub fn run(args: &[String]) -> crate::Result<()> {
    if let Some(a) = args.first() {
        return Err(format!("demo takes no arguments (got {a})"));
    }
    let options = BundleOptions {
        all_examples: true,
        release: true,
        ..BundleOptions::default()
    };
    println!("building the example bundles (release)...");
    let built = ofx_bundler::bundle(&options).map_err(|e| e.to_string())?;
    let find = |name: &str| -> crate::Result<PathBuf> {
        built
            .iter()
            .find(|b| b.path.file_name().and_then(|n| n.to_str()) == Some(name))
            .map(|b| b.path.clone())
            .ok_or_else(|| format!("{name} was not built"))
    };
    let bundles_dir = ofx_bundler::bundles_dir(&options).map_err(|e| e.to_string())?;
    let target_dir = bundles_dir
        .parent()
        .ok_or("no target directory")?
        .to_path_buf();
    println!("building the ofx tool (release)...");
    let status = Command::new(cargo())
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "ofx-cli",
            "--target-dir",
        ])
        .arg(&target_dir)
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("building ofx-cli failed".into());
    }
    let ofx = target_dir
        .join("release")
        .join(format!("ofx{}", std::env::consts::EXE_SUFFIX));
    let demo = target_dir.join("demo");
    std::fs::create_dir_all(&demo).map_err(|e| format!("{}: {e}", demo.display()))?;
    let sample = demo.join("sample.png");
    write_sample(&sample)?;
    println!("wrote {} (the generated input)", sample.display());
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let (gain, blur, board, transform) = (
        find("Gain.ofx.bundle")?,
        find("Blur.ofx.bundle")?,
        find("Checkerboard.ofx.bundle")?,
        find("Transform.ofx.bundle")?,
    );
    let out = |n: &str| s(&demo.join(n));
    let size = format!("{}x{}", SIZE.0, SIZE.1);
    let renders: [Vec<String>; 5] = [
        vec![
            s(&gain),
            "org.ofx-rs.examples.Gain".into(),
            "-i".into(),
            s(&sample),
            "-o".into(),
            out("gain.png"),
            "-p".into(),
            "gain=1.4".into(),
            "-p".into(),
            "channelGains=1,0.8,0.6,1".into(),
        ],
        vec![
            s(&blur),
            "org.ofx-rs.examples.Blur".into(),
            "-i".into(),
            s(&sample),
            "-o".into(),
            out("blur.png"),
            "-p".into(),
            "size=12,12".into(),
        ],
        vec![
            s(&blur),
            "org.ofx-rs.examples.Blur".into(),
            "-i".into(),
            s(&sample),
            "-o".into(),
            out("blur-box-x.png"),
            "-p".into(),
            "size=40,0".into(),
            "-p".into(),
            "filter=1".into(),
        ],
        vec![
            s(&board),
            "org.ofx-rs.examples.Checkerboard".into(),
            "-o".into(),
            out("checkerboard.png"),
            "--size".into(),
            size,
            "-p".into(),
            "size=60".into(),
            "-p".into(),
            "color1=0.9,0.55,0.1,1".into(),
        ],
        // About the picture's middle (the centre's default): turned,
        // shrunk, sheared and moved, bicubic.
        vec![
            s(&transform),
            "org.ofx-rs.examples.Transform".into(),
            "-i".into(),
            s(&sample),
            "-o".into(),
            out("transform.png"),
            "-p".into(),
            "rotate=15".into(),
            "-p".into(),
            "uniform=0.7".into(),
            "-p".into(),
            "skewX=0.15".into(),
            "-p".into(),
            "translate=60,-20".into(),
            "-p".into(),
            "filter=2".into(),
        ],
    ];
    for r in &renders {
        let mut args = vec!["render"];
        args.extend(r.iter().map(String::as_str));
        run_ofx(&ofx, &args)?;
    }
    // The transform again, its overlay's handles (centre cross, rotation
    // bar, scale handles) drawn over the render by `ofx overlay`.
    let mut overlay = renders[4].clone();
    overlay[5] = out("transform-overlay.png");
    let mut args = vec!["overlay"];
    args.extend(overlay.iter().map(String::as_str));
    run_ofx(&ofx, &args)?;
    // Gain and Blur again on OpenCL buffers, and Gain on OpenGL textures,
    // compared with the CPU renders.
    let mut report = String::from("CPU render vs GPU render (ofx render --gpu BACKEND)\n");
    for (cpu, gpu_name, backend) in [
        (&renders[0], "gain-opencl.png", "opencl"),
        (&renders[1], "blur-opencl.png", "opencl"),
        (&renders[0], "gain-opengl.png", "opengl"),
    ] {
        let mut r = cpu.clone();
        let cpu_out = r[5].clone();
        r[5] = out(gpu_name);
        let mut args = vec!["render"];
        args.extend(r.iter().map(String::as_str));
        args.extend(["--gpu", backend]);
        run_ofx(&ofx, &args)?;
        let d = difference(
            &read_png(Path::new(&cpu_out))?,
            &read_png(&demo.join(gpu_name))?,
        )?;
        let line = format!(
            "{gpu_name}: max {:.6}, mean {:.8} of white over {} channels\n",
            d.0, d.1, d.2
        );
        print!("{line}");
        report.push_str(&line);
    }
    let diff = demo.join("gpu-difference.txt");
    std::fs::write(&diff, report).map_err(|e| format!("{}: {e}", diff.display()))?;
    println!("demo images are in {}", demo.display());
    Ok(())
}

/// The channels of a PNG as fractions of white (8 or 16 bits).
fn read_png(path: &Path) -> crate::Result<Vec<f32>> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = &buf[..info.buffer_size()];
    Ok(match info.bit_depth {
        png::BitDepth::Sixteen => bytes
            .chunks_exact(2)
            .map(|c| f32::from(u16::from_be_bytes([c[0], c[1]])) / 65535.0)
            .collect(),
        _ => bytes.iter().map(|&b| f32::from(b) / 255.0).collect(),
    })
}

/// The largest and the mean absolute difference of two pictures' channels,
/// and how many channels were compared.
fn difference(a: &[f32], b: &[f32]) -> crate::Result<(f32, f64, usize)> {
    if a.len() != b.len() || a.is_empty() {
        return Err(format!(
            "the CPU and GPU pictures differ in size ({} and {} channels)",
            a.len(),
            b.len()
        ));
    }
    let (mut max, mut sum) = (0f32, 0f64);
    for (x, y) in a.iter().zip(b) {
        let d = (x - y).abs();
        max = max.max(d);
        sum += f64::from(d);
    }
    Ok((max, sum / a.len() as f64, a.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_the_largest_and_the_mean() {
        let (max, mean, n) = difference(&[0.0, 0.5, 1.0, 0.25], &[0.0, 0.25, 1.0, 0.5]).unwrap();
        assert_eq!((max, mean, n), (0.25, 0.125, 4));
        assert!(difference(&[0.0], &[0.0, 1.0]).is_err());
    }

    #[test]
    fn the_sample_has_its_size_and_several_colours() {
        let px = sample_pixels(96, 54);
        assert_eq!(px.len(), 96 * 54 * 4);
        let mut colours: Vec<&[u8]> = px.chunks(4).collect();
        colours.sort();
        colours.dedup();
        assert!(colours.len() > 50, "{}", colours.len());
        assert!(px.chunks(4).all(|p| p[3] == 255));
    }
}
