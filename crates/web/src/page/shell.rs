//! The figure shell the three figures share: the positioned stack that holds a figure's
//! canvases and its tooltip, its size and pixel ratio, pointer positions in backing pixels, the
//! nearest drawn point under the pointer, and the PNG and SVG downloads.

use descent_plot::Frame;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_svg::SVGBackend;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, MouseEvent};

use super::dom::{self, by_id, pixel_ratio, set_hidden, set_text, Layer};
use crate::error::WebError;

/// How close, in CSS pixels, the pointer must come to a drawn point to pick it.
const HOVER_REACH: f64 = 12.0;
/// The narrowest a figure is drawn, in CSS pixels.
const MIN_WIDTH: u32 = 280;
/// The pixel ratio of PNG downloads: twice the figure's CSS size.
const PNG_RATIO: f64 = 2.0;

/// A figure's stack, tooltip, pixel ratio and CSS size.
pub struct Shell {
    /// The positioned element holding the canvases and the tooltip.
    pub stack: HtmlElement,
    tooltip: Element,
    /// The screen's pixel ratio when last measured.
    pub ratio: f64,
    /// The figure's CSS size when last measured.
    pub size: (u32, u32),
}

impl Shell {
    /// The shell of the stack `#stack_id` with the tooltip `#tooltip_id`.
    pub fn new(document: &Document, stack_id: &str, tooltip_id: &str) -> Result<Shell, WebError> {
        Ok(Shell {
            stack: by_id(document, stack_id)?,
            tooltip: by_id(document, tooltip_id)?,
            ratio: pixel_ratio(),
            size: (0, 0),
        })
    }

    /// Measures the stack's width (at least 280 CSS pixels) and the pixel ratio; the height is
    /// `height_of(width)`. Returns the CSS size.
    pub fn measure(&mut self, height_of: impl Fn(u32) -> u32) -> (u32, u32) {
        self.ratio = pixel_ratio();
        let width = (self.stack.client_width().max(0) as u32).max(MIN_WIDTH);
        self.size = (width, height_of(width));
        self.size
    }

    /// The event's position over the stack in backing pixels.
    pub fn backing(&self, event: &MouseEvent) -> (f64, f64) {
        (
            f64::from(event.offset_x()) * self.ratio,
            f64::from(event.offset_y()) * self.ratio,
        )
    }

    /// The point nearest to backing pixel `(x, y)` within reach, of `points` given as
    /// `(id, w)` in the data coordinates of `frame`.
    pub fn nearest<T: Copy>(
        &self,
        frame: &Frame,
        points: impl Iterator<Item = (T, [f64; 2])>,
        (x, y): (f64, f64),
    ) -> Option<T> {
        let reach = HOVER_REACH * self.ratio;
        points
            .map(|(id, w)| {
                let (px, py) = frame.screen_from_data(w);
                (id, (px - x).hypot(py - y))
            })
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
    }

    /// Shows the tooltip with `text` next to CSS pixel (x, y) of the stack.
    pub fn show_tooltip(&self, text: &str, x: i32, y: i32) {
        set_text(&self.tooltip, text);
        if let Some(style) = self.tooltip.dyn_ref::<HtmlElement>().map(|e| e.style()) {
            let _ = style.set_property("left", &format!("{}px", x + 14));
            let _ = style.set_property("top", &format!("{}px", y + 14));
        }
        set_hidden(&self.tooltip, false);
    }

    /// Hides the tooltip.
    pub fn hide_tooltip(&self) {
        set_hidden(&self.tooltip, true);
    }

    /// Offers a PNG named `name` of `css` size at twice the resolution: `draw(layer, ratio)`
    /// draws the figure on a white canvas outside the page.
    pub fn download_png(
        &self,
        name: &str,
        (width, height): (u32, u32),
        draw: impl FnOnce(&Layer, f64) -> Result<(), WebError>,
    ) -> Result<(), WebError> {
        let layer = Layer::detached(&dom::document()?)?;
        layer.resize(width, height, PNG_RATIO);
        layer.fill_white();
        draw(&layer, PNG_RATIO)?;
        dom::download_png(name, &layer)
    }

    /// Offers an SVG named `name` of `css` size: `draw(root)` draws the figure on a white
    /// SVG area.
    pub fn download_svg(
        &self,
        name: &str,
        size: (u32, u32),
        draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), WebError>,
    ) -> Result<(), WebError> {
        self.download_svg_over(name, size, None, draw)
    }

    /// [`Shell::download_svg`] with `picture` (a PNG image as a `data:` URL, and the
    /// rectangle it fills) under the figure, over the white background.
    pub fn download_svg_over(
        &self,
        name: &str,
        (width, height): (u32, u32),
        picture: Option<(Frame, String)>,
        draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), WebError>,
    ) -> Result<(), WebError> {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            root.fill(&WHITE)?;
            draw(&root)?;
            root.present()?;
        }
        if let Some((frame, href)) = picture {
            // Right after the white background, the first element.
            let image = format!(
                r#"<image x="{}" y="{}" width="{}" height="{}" href="{href}"/>"#,
                frame.x, frame.y, frame.width, frame.height
            );
            if let Some(end) = svg
                .find("<rect")
                .and_then(|i| svg[i..].find("/>").map(|e| i + e + 2))
            {
                svg.insert_str(end, &image);
            }
        }
        dom::download_text(name, "image/svg+xml", &svg)
    }
}
