//! What the figure tests share: running `descent figure`, temporary folders, reading SVG and
//! PNG output.

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory under the system's temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("descent-figure-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn file(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `descent figure ARGS --out FILE`, expects success, and returns the file's bytes.
pub fn figure(args: &[&str], out: &str) -> Vec<u8> {
    let mut all = vec!["figure"];
    all.extend(args);
    all.extend(["--out", out]);
    let output = descent(&all);
    assert!(output.status.success(), "{all:?}: {}", stderr(&output));
    assert!(output.stdout.is_empty());
    std::fs::read(out).expect("the figure was written")
}

/// The contents of the SVG's `<text>` elements.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|rest| {
            let body = &rest[rest.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_owned())
        })
        .collect()
}

pub fn svg_document(bytes: Vec<u8>) -> String {
    let svg = String::from_utf8(bytes).expect("UTF-8");
    assert!(svg.starts_with("<svg "), "{}", &svg[..svg.len().min(80)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(
        svg.matches("<text ").count(),
        svg.matches("</text>").count()
    );
    svg
}

/// Width and height from the PNG signature and IHDR chunk.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(bytes[..8], [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]);
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (word(16), word(20))
}

pub fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .expect("a valid PNG")
        .to_rgb8()
}

/// Pixels dark and grey enough to be text ink (#222) or its anti-aliased edge, in the
/// rectangle `[x0, x1) × [y0, y1)`.
pub fn ink(png: &image::RgbImage, (x0, x1): (u32, u32), (y0, y1): (u32, u32)) -> usize {
    (y0..y1.min(png.height()))
        .flat_map(|y| (x0..x1.min(png.width())).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let [r, g, b] = png.get_pixel(x, y).0;
            r < 120 && r.abs_diff(g) < 12 && g.abs_diff(b) < 12
        })
        .count()
}

pub fn coloured(png: &image::RgbImage) -> usize {
    png.pixels()
        .filter(|p| {
            let [r, g, b] = p.0;
            r.abs_diff(g) > 40 || g.abs_diff(b) > 40
        })
        .count()
}
