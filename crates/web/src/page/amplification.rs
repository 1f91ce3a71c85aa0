//! The amplification figure on the page (the article's Figure 3): C_a(g1, g2) as one diverging
//! heat map per β, rasters painted with `putImageData` under an axes layer, wrapped into rows
//! on narrow screens; hover for values. Its configuration is core's [`AmplificationConfig`].

use descent_core::amplification::{parse_betas, parse_range, AmplificationConfig};
use descent_core::config::parse_hyperparameter;
use descent_core::{ConfigError, Hyperparameter};
use descent_plot::composite::{self, amplification_height, maps_per_row};
use descent_plot::scene::AmplificationScene;
use descent_plot::Frame;
use web_sys::{Document, Element, Event, EventTarget, HtmlInputElement, MouseEvent};

use super::dom::{by_id, listen, set_text, Layer, Slot};
use super::share;
use super::shell::Shell;
use crate::error::WebError;
use crate::model::amplification::{beta_slider, betas_text, encode_amplification, tooltip};
use crate::model::format::number;
use crate::model::url::FigureKind;

/// At most this many cells across each map of an SVG download: the file stays small.
const SVG_CELLS: u32 = 100;

/// The maps of `config`, `side × side` cells each, with their shared colour limit.
pub fn scene(config: &AmplificationConfig, side: usize) -> AmplificationScene {
    AmplificationScene::new(
        &config.betas,
        config.gradients(),
        config.gradients(),
        config.lr,
        config.eps,
        side,
    )
}

/// The frames of the maps of `config` on a `(width, height)` pixel area at `ratio`, `per_row`
/// to a row.
fn layout(
    config: &AmplificationConfig,
    size: (u32, u32),
    ratio: f64,
    per_row: usize,
) -> Vec<Frame> {
    let g = config.gradients();
    descent_plot::amplification::layout_rows(
        size.0,
        size.1,
        ratio,
        config.betas.len(),
        per_row,
        g,
        g,
    )
}

/// How many maps of `config` to put in a row on a `width × height` pixel area at `ratio`
/// whose height is given: whichever arrangement makes the maps largest.
pub fn fitting_per_row(config: &AmplificationConfig, width: u32, height: u32, ratio: f64) -> usize {
    let scene = scene(config, 1);
    let maps = scene.map_cells(false);
    composite::fitting_per_row(width, height, &scene.figure(&maps, ratio))
}

/// Paints the maps with `putImageData` on `raster` and draws axes, titles and the colour bar
/// on `axes` (which may be `raster` itself) at `ratio`, `per_row` maps to a row; returns the
/// maps' frames.
pub fn draw_layers(
    config: &AmplificationConfig,
    raster: &Layer,
    axes: &Layer,
    ratio: f64,
    per_row: usize,
) -> Result<Vec<Frame>, WebError> {
    let frames = layout(config, raster.size(), ratio, per_row);
    let scene = scene(config, frames.first().map_or(0, |f| f.width as usize));
    raster.clear();
    if !std::ptr::eq(raster, axes) {
        axes.clear();
    }
    for ((_, map), frame) in scene.maps.iter().zip(&frames) {
        if let Some((rgba, columns, _)) = map.cells() {
            raster.put_rgba(rgba, columns as u32, frame.x, frame.y)?;
        }
    }
    let maps = scene.map_cells(false);
    // Kept, not cleared: `axes` may be `raster` itself (the custom element's one canvas).
    let area = axes.area_keep()?;
    let frames = composite::draw_amplification(&area, &scene.figure(&maps, ratio), per_row)?;
    area.present()?;
    Ok(frames)
}

/// The figure's elements and state.
pub struct Figure {
    /// What the figure shows.
    pub config: AmplificationConfig,
    shell: Shell,
    raster: Layer,
    axes: Layer,
    betas: HtmlInputElement,
    betas_error: Element,
    slider: HtmlInputElement,
    lr: HtmlInputElement,
    eps: HtmlInputElement,
    range: HtmlInputElement,
    params_error: Element,
    /// The maps' data areas, in backing pixels.
    pub frames: Vec<Frame>,
    /// Maps per row at the current width.
    per_row: usize,
}

thread_local! {
    static FIGURE: Slot<Figure> = Slot::default();
}

fn with_figure(f: impl FnOnce(&mut Figure)) {
    FIGURE.with(|slot| slot.with(f));
}

/// Reads the figure, if the page has one.
pub fn read<R>(f: impl FnOnce(&Figure) -> R) -> Option<R> {
    FIGURE.with(|slot| slot.read(f))
}

impl Figure {
    fn new(document: &Document, config: AmplificationConfig) -> Result<Figure, WebError> {
        Ok(Figure {
            config,
            shell: Shell::new(document, "amplification", "amplification-tooltip")?,
            raster: Layer::new(document, "amplification-raster")?,
            axes: Layer::new(document, "amplification-axes")?,
            betas: by_id(document, "amp-betas")?,
            betas_error: by_id(document, "amp-betas-error")?,
            slider: by_id(document, "amp-beta-slider")?,
            lr: by_id(document, "amp-lr")?,
            eps: by_id(document, "amp-eps")?,
            range: by_id(document, "amp-range")?,
            params_error: by_id(document, "amp-params-error")?,
            frames: Vec::new(),
            per_row: 1,
        })
    }

    /// The pixel ratio the figure was drawn at.
    pub fn ratio(&self) -> f64 {
        self.shell.ratio
    }

    /// Writes the configuration into the controls.
    fn show_config(&self) {
        let c = &self.config;
        self.betas.set_value(&betas_text(&c.betas));
        self.show_slider();
        self.lr.set_value(&number(c.lr));
        self.eps.set_value(&number(c.eps));
        self.range.set_value(&number(c.range));
    }

    /// Moves the slider to the last map's β.
    fn show_slider(&self) {
        if let Some(&last) = self.config.betas.last() {
            self.slider
                .set_value(&beta_slider().position(last).to_string());
        }
    }

    /// Measures the width (wrapping the maps on narrow screens) and redraws.
    fn resize(&mut self) {
        let count = self.config.betas.len();
        let (width, height) = self
            .shell
            .measure(|w| amplification_height(f64::from(w), count) as u32);
        self.per_row = maps_per_row(f64::from(width), count);
        self.raster.resize(width, height, self.shell.ratio);
        self.axes.resize(width, height, self.shell.ratio);
        self.redraw();
    }

    /// Recomputes every map at the right size, redraws, and sends the state to the URL.
    fn changed(&mut self) {
        self.resize();
        share::changed(
            FigureKind::Amplification,
            encode_amplification(&self.config),
        );
    }

    /// Recomputes every map and redraws.
    fn redraw(&mut self) {
        match draw_layers(
            &self.config,
            &self.raster,
            &self.axes,
            self.shell.ratio,
            self.per_row,
        ) {
            Ok(frames) => self.frames = frames,
            Err(e) => {
                let message = e.status("draw the maps");
                web_sys::console::error_1(&message.as_str().into());
                set_text(&self.params_error, &message);
            }
        }
    }

    /// Downloads the figure as PNG (twice its CSS size) or SVG.
    fn download(&self, what: &str) {
        let size = self.shell.size;
        let result = if what == "png" {
            self.shell
                .download_png("descent-amplification.png", size, |layer, ratio| {
                    let raster = Layer::detached(&super::dom::document()?)?;
                    raster.resize(size.0, size.1, ratio);
                    let axes = Layer::detached(&super::dom::document()?)?;
                    axes.resize(size.0, size.1, ratio);
                    draw_layers(&self.config, &raster, &axes, ratio, self.per_row)?;
                    layer.draw_layer(&raster, 0.0, 0.0)?;
                    layer.draw_layer(&axes, 0.0, 0.0)
                })
        } else {
            self.shell
                .download_svg("descent-amplification.svg", size, |root| {
                    let frames = layout(&self.config, size, 1.0, self.per_row);
                    let side = frames
                        .first()
                        .map_or(0, |f| f.width.min(SVG_CELLS) as usize);
                    let scene = scene(&self.config, side);
                    let maps = scene.map_cells(true);
                    let figure = scene.figure(&maps, 1.0);
                    composite::draw_amplification(root, &figure, self.per_row)?;
                    Ok(())
                })
        };
        if let Err(e) = result {
            set_text(&self.params_error, &e.status("export the figure"));
        }
    }

    fn on_betas(&mut self) {
        match parse_betas(&self.betas.value()) {
            Ok(betas) => {
                set_text(&self.betas_error, "");
                self.config.betas = betas;
                self.show_slider();
                self.changed();
            }
            Err(e) => set_text(&self.betas_error, &e.to_string()),
        }
    }

    /// The slider sets the last map's β.
    fn on_slider(&mut self) {
        let position: f64 = self.slider.value().parse().unwrap_or(0.0);
        let beta = beta_slider().value(position);
        if let Some(last) = self.config.betas.last_mut() {
            *last = beta;
        }
        set_text(&self.betas_error, "");
        self.show_config();
        self.changed();
    }

    fn on_params(&mut self) {
        let hyperparameter = |key: &str, field: &HtmlInputElement| -> Result<f64, ConfigError> {
            let h = Hyperparameter::named(key)
                .ok_or_else(|| ConfigError::unknown_key(key, &descent_core::amplification::KEYS))?;
            parse_hyperparameter(h, &field.value())
        };
        let parsed = (|| {
            Ok::<_, ConfigError>((
                hyperparameter("lr", &self.lr)?,
                hyperparameter("eps", &self.eps)?,
                parse_range(&self.range.value())?,
            ))
        })();
        match parsed {
            Ok((lr, eps, range)) => {
                set_text(&self.params_error, "");
                self.config.lr = lr;
                self.config.eps = eps;
                self.config.range = range;
                self.changed();
            }
            Err(e) => set_text(&self.params_error, &e.to_string()),
        }
    }

    fn on_pointer_move(&self, event: &MouseEvent) {
        let (x, y) = self.shell.backing(event);
        let hit = self
            .frames
            .iter()
            .zip(&self.config.betas)
            .find_map(|(f, &beta)| Some((beta, f.data_from_screen(x, y)?)));
        match hit {
            Some((beta, g)) => self.shell.show_tooltip(
                &tooltip(&self.config, beta, g),
                event.offset_x(),
                event.offset_y(),
            ),
            None => self.shell.hide_tooltip(),
        }
    }
}

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(document: &Document, initial: Option<AmplificationConfig>) -> Result<(), WebError> {
    let mut figure = Figure::new(document, initial.unwrap_or_default())?;
    figure.show_config();
    figure.resize();
    share::remember(
        FigureKind::Amplification,
        encode_amplification(&figure.config),
    );
    FIGURE.with(|slot| slot.set(figure));
    let target = |id: &str| -> Result<EventTarget, WebError> { by_id(document, id) };
    listen(&target("amp-betas")?, "input", |_: Event| {
        with_figure(Figure::on_betas)
    });
    listen(&target("amp-beta-slider")?, "input", |_: Event| {
        with_figure(Figure::on_slider)
    });
    for id in ["amp-lr", "amp-eps", "amp-range"] {
        listen(&target(id)?, "input", |_: Event| {
            with_figure(Figure::on_params)
        });
    }
    for what in ["png", "svg"] {
        listen(
            &target(&format!("download-{what}-amplification"))?,
            "click",
            move |_: Event| with_figure(|f| f.download(what)),
        );
    }
    let stack = target("amplification")?;
    listen(&stack, "pointermove", |e: MouseEvent| {
        with_figure(|f| f.on_pointer_move(&e))
    });
    listen(&stack, "pointerleave", |_: MouseEvent| {
        with_figure(|f| f.shell.hide_tooltip())
    });
    if let Some(window) = web_sys::window() {
        listen(&window, "resize", |_: Event| with_figure(Figure::resize));
    }
    Ok(())
}
