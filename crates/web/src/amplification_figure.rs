//! The amplification figure (the article's Figure 3): C_a(g1, g2) as one diverging heat map per
//! β, side by side, rasters painted with `putImageData` under an axes layer; hover for values.

use descent_core::amplification::{amplification, second_update};
use descent_core::config::{parse_hyperparameter, parse_number};
use descent_core::{ConfigError, Hyperparameter};
use descent_plot::amplification;
use descent_plot::scene::AmplificationScene;
use descent_plot::Frame;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, MouseEvent};

use crate::dom::{by_id, listen, pixel_ratio, set_hidden, set_text, Layer, Slot};
use crate::format::{number, short};
use crate::sliders::SliderScale;

/// The article's βs.
pub const DEFAULT_BETAS: [f64; 4] = [0.0, 0.5, 0.9, 0.99];
/// The most maps side by side.
const MAX_MAPS: usize = 6;
/// The β slider: linear over [0, 1].
const BETA_SLIDER: SliderScale = SliderScale::Linear { min: 0.0, max: 1.0 };

/// What the figure shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AmplificationSettings {
    /// One map per β.
    pub betas: Vec<f64>,
    /// η (the article: 1).
    pub lr: f64,
    /// ε (the article: 1e-8).
    pub eps: f64,
    /// Both gradients range over [−range, range].
    pub range: f64,
}

impl Default for AmplificationSettings {
    fn default() -> Self {
        AmplificationSettings {
            betas: DEFAULT_BETAS.to_vec(),
            lr: descent_core::amplification::DEFAULT_LR,
            eps: descent_core::amplification::DEFAULT_EPS,
            range: 4.0,
        }
    }
}

/// Parses a comma-separated list of 1 to [`MAX_MAPS`] βs in [0, 1].
pub fn parse_betas(text: &str) -> Result<Vec<f64>, ConfigError> {
    let betas = text
        .split(',')
        .map(|b| parse_hyperparameter(Hyperparameter::Beta, b))
        .collect::<Result<Vec<f64>, _>>()?;
    if betas.is_empty() || betas.len() > MAX_MAPS {
        return Err(ConfigError::OutOfRange {
            key: "beta".to_owned(),
            value: betas.len() as f64,
            range: "a list of 1 to 6 values",
        });
    }
    Ok(betas)
}

/// Parses the gradient range: a finite number > 0.
pub fn parse_range(text: &str) -> Result<f64, ConfigError> {
    let x = parse_number("range", text)?;
    if x.is_finite() && x > 0.0 && x <= 1e6 {
        Ok(x)
    } else {
        Err(ConfigError::OutOfRange {
            key: "range".to_owned(),
            value: x,
            range: "a number in (0, 1e6]",
        })
    }
}

/// The maps of `settings`, `side × side` cells each, with their shared colour limit
/// ([`AmplificationScene`]).
pub fn scene(settings: &AmplificationSettings, side: usize) -> AmplificationScene {
    let r = settings.range;
    AmplificationScene::new(
        &settings.betas,
        [-r, r],
        [-r, r],
        settings.lr,
        settings.eps,
        side,
    )
}

/// The frames of the maps on a `width × height` pixel area at pixel ratio `ratio`.
fn layout(settings: &AmplificationSettings, (width, height): (u32, u32), ratio: f64) -> Vec<Frame> {
    let r = settings.range;
    amplification::layout(width, height, ratio, settings.betas.len(), [-r, r], [-r, r])
}

/// Paints the maps with `putImageData` on `raster` and draws axes, titles and the colour bar on
/// `axes` at pixel ratio `ratio`; returns the maps' frames.
pub(crate) fn draw_layers(
    settings: &AmplificationSettings,
    raster: &Layer,
    axes: &Layer,
    ratio: f64,
) -> Result<Vec<Frame>, String> {
    let frames = layout(settings, raster.size(), ratio);
    let scene = scene(settings, frames.first().map_or(0, |f| f.width as usize));
    raster.clear();
    axes.clear();
    for ((_, map), frame) in scene.maps.iter().zip(&frames) {
        if let Some((rgba, columns, _)) = map.cells() {
            raster
                .put_rgba(rgba, columns as u32, frame.x, frame.y)
                .map_err(|e| format!("{e:?}"))?;
        }
    }
    let maps = scene.map_cells(false);
    // Kept, not cleared: `axes` may be `raster` itself (the custom element's one canvas).
    let area = axes.area_keep().map_err(|e| format!("{e:?}"))?;
    let frames =
        amplification::draw(&area, &scene.figure(&maps, ratio)).map_err(|e| e.to_string())?;
    area.present().map_err(|e| e.to_string())?;
    Ok(frames)
}

/// The figure's elements and state.
struct Figure {
    settings: AmplificationSettings,
    stack: HtmlElement,
    raster: Layer,
    axes: Layer,
    tooltip: Element,
    betas: HtmlInputElement,
    betas_error: Element,
    slider: HtmlInputElement,
    lr: HtmlInputElement,
    eps: HtmlInputElement,
    range: HtmlInputElement,
    params_error: Element,
    frames: Vec<Frame>,
    ratio: f64,
    /// The canvas's CSS size, for exports.
    css: (u32, u32),
}

thread_local! {
    static FIGURE: Slot<Figure> = Slot::default();
}

fn with_figure(f: impl FnOnce(&mut Figure)) {
    FIGURE.with(|slot| slot.with(f));
}

impl Figure {
    fn new(document: &Document) -> Result<Figure, JsValue> {
        Ok(Figure {
            settings: AmplificationSettings::default(),
            stack: by_id(document, "amplification")?,
            raster: Layer::new(document, "amplification-raster")?,
            axes: Layer::new(document, "amplification-axes")?,
            tooltip: by_id(document, "amplification-tooltip")?,
            betas: by_id(document, "amp-betas")?,
            betas_error: by_id(document, "amp-betas-error")?,
            slider: by_id(document, "amp-beta-slider")?,
            lr: by_id(document, "amp-lr")?,
            eps: by_id(document, "amp-eps")?,
            range: by_id(document, "amp-range")?,
            params_error: by_id(document, "amp-params-error")?,
            frames: Vec::new(),
            ratio: pixel_ratio(),
            css: (0, 0),
        })
    }

    /// Writes the settings into the controls.
    fn show_settings(&self) {
        let s = &self.settings;
        self.betas.set_value(
            &s.betas
                .iter()
                .map(|&b| number(b))
                .collect::<Vec<_>>()
                .join(", "),
        );
        if let Some(&last) = s.betas.last() {
            self.slider
                .set_value(&BETA_SLIDER.position(last).to_string());
        }
        self.lr.set_value(&number(s.lr));
        self.eps.set_value(&number(s.eps));
        self.range.set_value(&number(s.range));
    }

    fn resize(&mut self) {
        self.ratio = pixel_ratio();
        let width = self.stack.client_width().max(280) as u32;
        let height = ((width as f64) / 3.6).clamp(200.0, 360.0).round() as u32;
        self.css = (width, height);
        self.raster.resize(width, height, self.ratio);
        self.axes.resize(width, height, self.ratio);
        self.redraw();
    }

    /// Recomputes every map, redraws, and sends the state to the URL.
    fn changed(&mut self) {
        self.redraw();
        crate::share::changed(
            crate::url_state::FigureKind::Amplification,
            crate::url_state::encode_amplification(&self.settings),
        );
    }

    /// Recomputes every map and redraws.
    fn redraw(&mut self) {
        if let Err(e) = self.draw() {
            web_sys::console::error_1(&JsValue::from_str(&e));
            set_text(&self.params_error, &format!("could not draw the maps: {e}"));
        }
    }

    fn draw(&mut self) -> Result<(), String> {
        self.frames = draw_layers(&self.settings, &self.raster, &self.axes, self.ratio)?;
        Ok(())
    }

    /// Downloads the figure as PNG (twice its CSS size) or SVG.
    fn download(&self, what: &str) {
        let result = if what == "png" {
            self.download_png()
        } else {
            self.download_svg()
        };
        if let Err(e) = result {
            set_text(
                &self.params_error,
                &format!("could not export the figure: {e}"),
            );
        }
    }

    fn download_png(&self) -> Result<(), String> {
        let js = |e: JsValue| format!("{e:?}");
        let document = crate::dom::document().map_err(js)?;
        let (width, height) = self.css;
        let raster = Layer::detached(&document).map_err(js)?;
        let axes = Layer::detached(&document).map_err(js)?;
        let out = Layer::detached(&document).map_err(js)?;
        for layer in [&raster, &axes, &out] {
            layer.resize(width, height, 2.0);
        }
        draw_layers(&self.settings, &raster, &axes, 2.0)?;
        out.fill_white();
        out.draw_layer(&raster, 0.0, 0.0).map_err(js)?;
        out.draw_layer(&axes, 0.0, 0.0).map_err(js)?;
        crate::dom::download_png("descent-amplification.png", &out).map_err(js)
    }

    fn download_svg(&self) -> Result<(), String> {
        use plotters::prelude::*;
        let (width, height) = self.css;
        let frames = layout(&self.settings, self.css, 1.0);
        // At most 100 cells across each map: the SVG stays a reasonable size.
        let side = frames.first().map_or(0, |f| f.width.min(100) as usize);
        let scene = scene(&self.settings, side);
        let maps = scene.map_cells(true);
        let mut svg = String::new();
        {
            let root = plotters_svg::SVGBackend::with_string(&mut svg, (width, height))
                .into_drawing_area();
            root.fill(&WHITE).map_err(|e| e.to_string())?;
            amplification::draw(&root, &scene.figure(&maps, 1.0)).map_err(|e| e.to_string())?;
            root.present().map_err(|e| e.to_string())?;
        }
        crate::dom::download_text("descent-amplification.svg", "image/svg+xml", &svg)
            .map_err(|e| format!("{e:?}"))
    }

    fn on_betas(&mut self) {
        match parse_betas(&self.betas.value()) {
            Ok(betas) => {
                set_text(&self.betas_error, "");
                if let Some(&last) = betas.last() {
                    self.slider
                        .set_value(&BETA_SLIDER.position(last).to_string());
                }
                self.settings.betas = betas;
                self.changed();
            }
            Err(e) => set_text(&self.betas_error, &e.to_string()),
        }
    }

    /// The slider sets the last map's β.
    fn on_slider(&mut self) {
        let position: f64 = self.slider.value().parse().unwrap_or(0.0);
        let beta = BETA_SLIDER.value(position);
        if let Some(last) = self.settings.betas.last_mut() {
            *last = beta;
        }
        set_text(&self.betas_error, "");
        self.show_settings();
        self.changed();
    }

    fn on_params(&mut self) {
        let parsed = (|| {
            Ok::<_, ConfigError>((
                parse_hyperparameter(Hyperparameter::Lr, &self.lr.value())?,
                parse_hyperparameter(Hyperparameter::Eps, &self.eps.value())?,
                parse_range(&self.range.value())?,
            ))
        })();
        match parsed {
            Ok((lr, eps, range)) => {
                set_text(&self.params_error, "");
                self.settings.lr = lr;
                self.settings.eps = eps;
                self.settings.range = range;
                self.changed();
            }
            Err(e) => set_text(&self.params_error, &e.to_string()),
        }
    }

    fn on_pointer_move(&self, event: &MouseEvent) {
        let (x, y) = (
            event.offset_x() as f64 * self.ratio,
            event.offset_y() as f64 * self.ratio,
        );
        let hit = self
            .frames
            .iter()
            .zip(&self.settings.betas)
            .find_map(|(f, &beta)| Some((beta, f.data_from_screen(x, y)?)));
        let Some((beta, [g1, g2])) = hit else {
            set_hidden(&self.tooltip, true);
            return;
        };
        let s = &self.settings;
        let c = amplification(g1, g2, beta, s.lr, s.eps);
        let v2 = second_update(g1, g2, beta, s.lr, s.eps);
        let effect = if c > 0.0 { "amplified" } else { "attenuated" };
        let text = format!(
            "β = {}\ng1 = {}\ng2 = {}\nv(2) = {}\nC_a = {} ({effect})",
            number(beta),
            short(g1),
            short(g2),
            short(v2),
            short(c)
        );
        crate::dom::show_tooltip(&self.tooltip, &text, event.offset_x(), event.offset_y());
    }
}

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(document: &Document, initial: Option<AmplificationSettings>) -> Result<(), JsValue> {
    let mut figure = Figure::new(document)?;
    figure.settings = initial.unwrap_or_default();
    figure.show_settings();
    figure.resize();
    crate::share::remember(
        crate::url_state::FigureKind::Amplification,
        crate::url_state::encode_amplification(&figure.settings),
    );
    FIGURE.with(|slot| slot.set(figure));
    let target = |id: &str| -> Result<web_sys::EventTarget, JsValue> { by_id(document, id) };
    listen(&target("amp-betas")?, "input", |_: web_sys::Event| {
        with_figure(Figure::on_betas)
    });
    listen(&target("amp-beta-slider")?, "input", |_: web_sys::Event| {
        with_figure(Figure::on_slider)
    });
    for id in ["amp-lr", "amp-eps", "amp-range"] {
        listen(&target(id)?, "input", |_: web_sys::Event| {
            with_figure(Figure::on_params)
        });
    }
    for what in ["png", "svg"] {
        listen(
            &target(&format!("download-{what}-amplification"))?,
            "click",
            move |_: web_sys::Event| with_figure(|f| f.download(what)),
        );
    }
    let stack = target("amplification")?;
    listen(&stack, "pointermove", |e: MouseEvent| {
        with_figure(|f| f.on_pointer_move(&e))
    });
    listen(&stack, "pointerleave", |_: MouseEvent| {
        with_figure(|f| set_hidden(&f.tooltip, true))
    });
    if let Some(window) = web_sys::window() {
        listen(&window, "resize", |_: web_sys::Event| {
            with_figure(Figure::resize)
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn betas_parse_with_the_core_messages() {
        assert_eq!(
            parse_betas("0, 0.5,0.9 , 0.99"),
            Ok(vec![0.0, 0.5, 0.9, 0.99])
        );
        assert_eq!(
            parse_betas("0, 1.5").map_err(|e| e.to_string()),
            Err("`beta` must be in [0, 1], not 1.5".to_owned())
        );
        assert!(parse_betas("0,0,0,0,0,0,0").is_err());
        assert!(parse_range("-1").is_err());
    }

    #[test]
    fn the_scene_has_one_map_per_beta_over_the_gradient_range() {
        let settings = AmplificationSettings {
            range: 2.0,
            ..AmplificationSettings::default()
        };
        let scene = scene(&settings, 21);
        assert_eq!((scene.g1, scene.g2), ([-2.0, 2.0], [-2.0, 2.0]));
        let betas: Vec<f64> = scene.maps.iter().map(|(beta, _)| *beta).collect();
        assert_eq!(betas, DEFAULT_BETAS);
        assert!(scene
            .maps
            .iter()
            .all(|(_, r)| (r.columns, r.rows) == (21, 21)));
        assert!(scene.limit > 0.0);
        let frames = layout(&settings, (1000, 300), 1.0);
        assert_eq!(frames.len(), 4);
        assert!(frames.iter().all(|f| f.width == f.height && f.width > 100));
    }
}

/// Where each amplification map is, in CSS pixels from the top left of `#amplification`,
/// with its β: `[{ beta, x, y, width, height, xRange, yRange }, …]`.
#[wasm_bindgen(js_name = amplificationFrames)]
pub fn amplification_frames() -> js_sys::Array {
    FIGURE
        .with(|slot| {
            slot.read(|f| {
                f.frames
                    .iter()
                    .zip(&f.settings.betas)
                    .map(|(frame, &beta)| {
                        let object = crate::api::frame_to_js(frame, f.ratio);
                        let _ = js_sys::Reflect::set(&object, &"beta".into(), &beta.into());
                        object
                    })
                    .collect()
            })
        })
        .unwrap_or_default()
}
