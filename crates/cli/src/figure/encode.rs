//! A figure as the bytes of an SVG or PNG file.

use descent_core::Stop;
use descent_plot::PlotError;
use plotters::backend::{BitMapBackend, RGBPixel};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use plotters_svg::SVGBackend;

use super::bitmap::BACKGROUND;
use super::draw::{self, Scene};
use super::{Content, ImageFormat};

/// DejaVu Sans (Bitstream Vera license, see `assets/LICENSE-DejaVu`): the bitmap backend draws
/// text with it, as plotters has no system fonts without its `ttf` feature.
static FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// The file contents of `content` drawn in `format` at `size` pixels and `pixel_ratio`, and
/// why runs stopped early.
pub fn render(
    content: &Content,
    format: ImageFormat,
    size: (u32, u32),
    pixel_ratio: f64,
) -> Result<(Vec<u8>, Vec<Stop>), String> {
    let (scene, stops) = draw::prepare(content, size, pixel_ratio);
    let (width, height) = size;
    let bytes = match format {
        ImageFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
                paint(&root, &scene, pixel_ratio).map_err(|e| e.to_string())?;
            }
            // plotters-svg writes `data:png;base64,`, which is not a MIME type; viewers need
            // `image/png`.
            svg.replace("href=\"data:png;base64,", "href=\"data:image/png;base64,")
                .into_bytes()
        }
        ImageFormat::Png => {
            register_font("sans-serif", FontStyle::Normal, FONT)
                .map_err(|_| "the embedded font cannot be read".to_owned())?;
            let mut rgb = vec![0; width as usize * height as usize * 3];
            {
                let backend =
                    BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (width, height))
                        .map_err(|e| e.to_string())?;
                paint(&backend.into_drawing_area(), &scene, pixel_ratio)
                    .map_err(|e| e.to_string())?;
            }
            png(&rgb, width, height)?
        }
    };
    Ok((bytes, stops))
}

/// Fills `root` with the background, draws `scene` and presents it.
fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Scene,
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    root.fill(&RGBColor(BACKGROUND[0], BACKGROUND[1], BACKGROUND[2]))?;
    draw::draw(root, scene, pixel_ratio)?;
    root.present()?;
    Ok(())
}

/// RGB pixels as a PNG file.
fn png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    use image::codecs::png::PngEncoder;
    use image::{ColorType, ImageEncoder};
    let mut bytes = Vec::new();
    PngEncoder::new(&mut bytes)
        .write_image(rgb, width, height, ColorType::Rgb8)
        .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    Ok(bytes)
}
