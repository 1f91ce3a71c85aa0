//! Thin helpers over web-sys: find elements, listen to events, canvas layers sized for the
//! screen's pixel ratio, text-only output (never `innerHTML`).

use std::cell::RefCell;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{
    CanvasRenderingContext2d, Document, Element, EventTarget, HtmlCanvasElement, ImageData,
};

use crate::error::WebError;
use crate::model::url::Pairs;

/// A figure's state, owned by its module's `thread_local!` and reached from event handlers.
pub struct Slot<T>(RefCell<Option<T>>);

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot(RefCell::new(None))
    }
}

impl<T> Slot<T> {
    /// Stores the state.
    pub fn set(&self, value: T) {
        *self.0.borrow_mut() = Some(value);
    }

    /// Runs `f` on the state, unless it is missing or busy (an event fired while another
    /// is handled).
    pub fn with(&self, f: impl FnOnce(&mut T)) {
        if let Ok(mut state) = self.0.try_borrow_mut() {
            if let Some(state) = state.as_mut() {
                f(state);
            }
        }
    }

    /// Reads the state, if there is one and it is not busy.
    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.0.try_borrow().ok().and_then(|s| s.as_ref().map(f))
    }
}

/// The page's document.
pub fn document() -> Result<Document, WebError> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| WebError::Browser("no document: Descent runs in a browser page".to_owned()))
}

/// The element with `id`, as type `T`.
pub fn by_id<T: JsCast>(document: &Document, id: &str) -> Result<T, WebError> {
    document
        .get_element_by_id(id)
        .ok_or_else(|| WebError::MissingElement(id.to_owned()))?
        .dyn_into::<T>()
        .map_err(|_| WebError::WrongElement(id.to_owned()))
}

/// Creates a `tag` element with `attributes`.
pub fn element(
    document: &Document,
    tag: &str,
    attributes: &[(&str, &str)],
) -> Result<Element, WebError> {
    let element = document.create_element(tag)?;
    for (name, value) in attributes {
        element.set_attribute(name, value)?;
    }
    Ok(element)
}

/// Creates a `tag` element with `attributes` and text `text`, appended to `parent`.
pub fn append(
    parent: &Element,
    tag: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> Result<Element, WebError> {
    let document = document()?;
    let child = element(&document, tag, attributes)?;
    if !text.is_empty() {
        set_text(&child, text);
    }
    parent.append_child(&child)?;
    Ok(child)
}

/// Calls `handler` on every `event` at `target`, for the life of the page.
pub fn listen<E: JsCast + 'static>(
    target: &EventTarget,
    event: &str,
    handler: impl FnMut(E) + 'static,
) {
    let mut handler = handler;
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Ok(e) = e.dyn_into::<E>() {
            handler(e);
        }
    });
    // Listeners added to elements of the page: adding cannot fail.
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Sets `aria-invalid` on a field.
pub fn set_invalid(element: &Element, invalid: bool) {
    let _ = element.set_attribute("aria-invalid", if invalid { "true" } else { "false" });
}

/// Sets the element's text (as text: markup in it is shown, not interpreted).
pub fn set_text(element: &Element, text: &str) {
    element.set_text_content(Some(text));
}

/// Shows or hides an element with the `hidden` attribute.
pub fn set_hidden(element: &Element, hidden: bool) {
    let _ = if hidden {
        element.set_attribute("hidden", "")
    } else {
        element.remove_attribute("hidden")
    };
}

/// The screen's device pixel ratio (1 where unknown).
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
}

/// A canvas whose backing store is its CSS size times the pixel ratio.
pub struct Layer {
    /// The canvas element.
    pub canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

impl Layer {
    /// Wraps the canvas with `id`.
    pub fn new(document: &Document, id: &str) -> Result<Layer, WebError> {
        Layer::of(by_id(document, id)?)
    }

    /// A canvas that is not in the page, for exports.
    pub fn detached(document: &Document) -> Result<Layer, WebError> {
        let canvas = document.create_element("canvas")?;
        Layer::of(
            canvas
                .dyn_into()
                .map_err(|_| WebError::WrongElement("canvas".to_owned()))?,
        )
    }

    /// Draws `other` onto this layer with its top left at backing pixel (x, y).
    pub fn draw_layer(&self, other: &Layer, x: f64, y: f64) -> Result<(), WebError> {
        Ok(self
            .context
            .draw_image_with_html_canvas_element(&other.canvas, x, y)?)
    }

    /// The layer as a PNG image, in a `data:` URL.
    pub fn png_url(&self) -> Result<String, WebError> {
        Ok(self.canvas.to_data_url_with_type("image/png")?)
    }

    /// Fills the whole layer with white (exports have an opaque background).
    pub fn fill_white(&self) {
        let (w, h) = self.size();
        self.context.set_fill_style_str("#ffffff");
        self.context.fill_rect(0.0, 0.0, w as f64, h as f64);
    }

    /// Wraps a canvas element.
    pub fn of(canvas: HtmlCanvasElement) -> Result<Layer, WebError> {
        let no_context = || WebError::Browser("the browser gives no 2-D canvas context".to_owned());
        let context = canvas
            .get_context("2d")?
            .ok_or_else(no_context)?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| no_context())?;
        Ok(Layer { canvas, context })
    }

    /// Sets the CSS size and the backing size (CSS × `ratio`); returns whether it changed.
    pub fn resize(&self, css_width: u32, css_height: u32, ratio: f64) -> bool {
        let width = (css_width as f64 * ratio).round() as u32;
        let height = (css_height as f64 * ratio).round() as u32;
        let style = self.canvas.style();
        let _ = style.set_property("width", &format!("{css_width}px"));
        let _ = style.set_property("height", &format!("{css_height}px"));
        if self.canvas.width() == width && self.canvas.height() == height {
            return false;
        }
        self.canvas.set_width(width);
        self.canvas.set_height(height);
        true
    }

    /// Backing size in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    /// Clears every pixel to transparent.
    pub fn clear(&self) {
        let (w, h) = self.size();
        self.context.clear_rect(0.0, 0.0, w as f64, h as f64);
    }

    /// Paints an RGBA raster with one `putImageData` at backing pixel (x, y).
    pub fn put_rgba(&self, rgba: &[u8], width: u32, x: i32, y: i32) -> Result<(), WebError> {
        let image = ImageData::new_with_u8_clamped_array(Clamped(rgba), width)?;
        Ok(self.context.put_image_data(&image, x as f64, y as f64)?)
    }

    /// A plotters drawing area over the whole canvas, keeping what is drawn on it.
    pub fn area_keep(
        &self,
    ) -> Result<DrawingArea<CanvasBackend, plotters::coord::Shift>, WebError> {
        CanvasBackend::with_canvas_object(self.canvas.clone())
            .map(|b| b.into_drawing_area())
            .ok_or_else(|| WebError::Browser("plotters cannot draw on this canvas".to_owned()))
    }

    /// A plotters drawing area over the whole (cleared) canvas.
    pub fn area(&self) -> Result<DrawingArea<CanvasBackend, plotters::coord::Shift>, WebError> {
        self.clear();
        self.area_keep()
    }
}

/// Offers `data` to the user as a file download named `name`.
pub fn download_text(name: &str, mime: &str, data: &str) -> Result<(), WebError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(data));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let result = download_url(name, &url);
    web_sys::Url::revoke_object_url(&url)?;
    result
}

/// Offers the PNG of `layer` as a download named `name`.
pub fn download_png(name: &str, layer: &Layer) -> Result<(), WebError> {
    download_url(name, &layer.png_url()?)
}

/// Clicks a temporary `<a download>` for `url`.
fn download_url(name: &str, url: &str) -> Result<(), WebError> {
    let document = document()?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")?
        .dyn_into()
        .map_err(|_| WebError::WrongElement("a".to_owned()))?;
    anchor.set_href(url);
    anchor.set_download(name);
    set_hidden(&anchor, true);
    let body = document
        .body()
        .ok_or_else(|| WebError::MissingElement("body".to_owned()))?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    Ok(())
}

/// The query pairs of the page's URL, in order.
pub fn query_pairs() -> Pairs {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    for entry in js_sys::try_iter(&params)
        .ok()
        .flatten()
        .into_iter()
        .flatten()
    {
        let entry = js_sys::Array::from(&entry.unwrap_or_default());
        if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
            pairs.push((k, v));
        }
    }
    pairs
}

/// Appends a `.control.row` for `key` holding a checkbox `#id` labelled `label` to `parent`;
/// returns the row.
pub fn checkbox_row(
    parent: &Element,
    key: &str,
    id: &str,
    label: &str,
) -> Result<Element, WebError> {
    let row = append(
        parent,
        "div",
        &[("class", "control row"), ("data-key", key)],
        "",
    )?;
    let check = append(&row, "label", &[("class", "check")], "")?;
    append(&check, "input", &[("type", "checkbox"), ("id", id)], "")?;
    append(&check, "span", &[], label)?;
    Ok(row)
}
