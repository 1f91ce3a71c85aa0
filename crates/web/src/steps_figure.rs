//! The first-steps figure (the article's Figure 1): a few steps of two optimizers from one
//! start, over contour lines, with an arrow per update; hover a point for its exact values.

use descent_core::first_steps::updates;
use descent_core::{ConfigError, FirstSteps, OptimizerKind, Row, Trajectory};
use descent_plot::scene::StepsScene;
use descent_plot::{steps, Frame};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, MouseEvent};

use crate::dom::{by_id, listen, pixel_ratio, set_hidden, set_text, Layer, Slot};
use crate::format::{number, pair, short};

/// The figure's text inputs, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct StepsInputs {
    /// E(w1, w2).
    pub function: String,
    /// `w1,w2`.
    pub start: String,
    /// 1 to 10.
    pub steps: String,
    /// The two optimizers and their hyperparameters as `key=value, …`.
    pub runs: [(OptimizerKind, String); 2],
}

/// `key=value` pairs of the vocabulary for optimizer `kind` with its defaults.
pub fn default_parameters(kind: OptimizerKind) -> String {
    kind.hyperparameters()
        .iter()
        .map(|(h, d)| format!("{}={}", h.name(), number(*d)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Default for StepsInputs {
    fn default() -> Self {
        let [a, b] = descent_core::first_steps::DEFAULT_PAIR;
        StepsInputs {
            function: descent_core::config::defaults::FUNCTION.to_owned(),
            start: "-15,20".to_owned(),
            steps: descent_core::first_steps::DEFAULT_FIRST_STEPS.to_owned(),
            runs: [(a, default_parameters(a)), (b, default_parameters(b))],
        }
    }
}

/// Which input an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The function, the start or the steps.
    Shared,
    /// Run 0 or 1's hyperparameters.
    Run(usize),
}

impl StepsInputs {
    /// Validates everything with the core's one validation; the error names its input.
    pub fn validate(&self) -> Result<FirstSteps, (Field, ConfigError)> {
        let shared: Vec<(&str, &str)> = vec![
            ("function", &self.function),
            ("start", &self.start),
            ("steps", &self.steps),
        ];
        let run = |i: usize| -> Vec<(&str, &str)> {
            let (kind, parameters) = &self.runs[i];
            let items = parameters
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty());
            std::iter::once(("optimizer", kind.name()))
                .chain(items.map(|item| {
                    let (key, value) = item.split_once('=').unwrap_or((item, ""));
                    (key.trim(), value.trim())
                }))
                .collect()
        };
        let check = |pairs: Vec<(&str, &str)>, field: Field| {
            FirstSteps::from_pairs(pairs).map_err(|e| (field, e))
        };
        check(shared.clone(), Field::Shared)?;
        for i in 0..2 {
            check([shared.clone(), run(i)].concat(), Field::Run(i))?;
        }
        check([shared, run(0), run(1)].concat(), Field::Shared)
    }
}

/// The tooltip of one iteration of a run.
pub fn tooltip(name: &str, trajectory: &Trajectory, row: &Row, update: Option<[f64; 2]>) -> String {
    let kind = trajectory.optimizer;
    let mut lines = vec![
        format!("{name}: t = {}", row.t),
        format!("w = {}", pair(row.w)),
        format!("E(w) = {}", short(row.error)),
        format!("∇E(w) = {}", pair(row.g)),
    ];
    let state = kind.state_values(&row.state);
    for (i, names) in kind.state_columns().chunks(2).enumerate() {
        let symbol = names[0].trim_end_matches('1');
        lines.push(format!(
            "{symbol}({}) = {}",
            row.t,
            pair([state[2 * i], state[2 * i + 1]])
        ));
    }
    if let Some(v) = update {
        lines.push(format!(
            "v({}) = w({}) − w({}) = {}",
            row.t,
            row.t - 1,
            row.t,
            pair(v)
        ));
    }
    lines.join("\n")
}

/// One run's input controls.
struct RunControls {
    optimizer: HtmlSelectElement,
    parameters: HtmlInputElement,
    error: Element,
}

/// The figure's elements and state.
struct Figure {
    inputs: StepsInputs,
    runs: [Trajectory; 2],
    /// What the figure draws of the runs.
    scene: StepsScene,
    stack: HtmlElement,
    canvas: Layer,
    tooltip: Element,
    function: HtmlInputElement,
    start: HtmlInputElement,
    count: HtmlInputElement,
    count_value: Element,
    shared_error: Element,
    controls: [RunControls; 2],
    frame: Option<Frame>,
    hover: Option<(usize, usize)>,
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
        let run = |i: &str| -> Result<RunControls, JsValue> {
            Ok(RunControls {
                optimizer: by_id(document, &format!("steps-{i}-optimizer"))?,
                parameters: by_id(document, &format!("steps-{i}-params"))?,
                error: by_id(document, &format!("steps-{i}-error"))?,
            })
        };
        let steps = FirstSteps::article_example();
        let runs = steps.run();
        Ok(Figure {
            inputs: StepsInputs::default(),
            scene: StepsScene::new(&steps, &runs, None),
            runs,
            stack: by_id(document, "first-steps")?,
            canvas: Layer::new(document, "steps-canvas")?,
            tooltip: by_id(document, "steps-tooltip")?,
            function: by_id(document, "steps-function")?,
            start: by_id(document, "steps-start")?,
            count: by_id(document, "steps-count")?,
            count_value: by_id(document, "steps-count-value")?,
            shared_error: by_id(document, "first-steps-error")?,
            controls: [run("a")?, run("b")?],
            frame: None,
            hover: None,
            ratio: pixel_ratio(),
            css: (0, 0),
        })
    }

    fn show_inputs(&self) {
        self.function.set_value(&self.inputs.function);
        self.start.set_value(&self.inputs.start);
        self.count.set_value(&self.inputs.steps);
        set_text(&self.count_value, &self.inputs.steps);
        for (controls, (kind, parameters)) in self.controls.iter().zip(&self.inputs.runs) {
            controls.optimizer.set_value(kind.name());
            controls.parameters.set_value(parameters);
        }
    }

    /// Reads the controls, validates, and redraws if valid; errors go under their input.
    fn on_input(&mut self) {
        self.inputs.function = self.function.value();
        self.inputs.start = self.start.value();
        self.inputs.steps = self.count.value();
        set_text(&self.count_value, &self.inputs.steps);
        for (i, controls) in self.controls.iter().enumerate() {
            self.inputs.runs[i].1 = controls.parameters.value();
        }
        self.apply();
    }

    /// An optimizer select changed: its parameters go back to that optimizer's defaults.
    fn on_optimizer(&mut self, i: usize) {
        if let Ok(kind) = self.controls[i].optimizer.value().parse::<OptimizerKind>() {
            self.inputs.runs[i] = (kind, default_parameters(kind));
            self.controls[i]
                .parameters
                .set_value(&self.inputs.runs[i].1);
            self.apply();
        }
    }

    fn apply(&mut self) {
        let errors = [
            &self.shared_error,
            &self.controls[0].error,
            &self.controls[1].error,
        ];
        for e in errors {
            set_text(e, "");
        }
        match self.inputs.validate() {
            Ok(steps) => {
                self.set_steps(&steps);
                self.redraw();
                crate::share::changed(
                    crate::url_state::FigureKind::Steps,
                    crate::url_state::encode_steps(&self.inputs),
                );
            }
            Err((field, e)) => {
                let target = match field {
                    Field::Shared => &self.shared_error,
                    Field::Run(i) => &self.controls[i].error,
                };
                set_text(target, &e.to_string());
            }
        }
    }

    /// Runs `steps` and computes the scene to draw.
    fn set_steps(&mut self, steps: &FirstSteps) {
        self.runs = steps.run();
        self.scene = StepsScene::new(steps, &self.runs, None);
    }

    fn resize(&mut self) {
        self.ratio = pixel_ratio();
        let width = self.stack.client_width().max(280) as u32;
        let height = (width as f64 * 0.75).round() as u32;
        self.css = (width, height);
        self.canvas.resize(width, height, self.ratio);
        self.redraw();
    }

    fn redraw(&mut self) {
        if let Err(e) = self.draw() {
            web_sys::console::error_1(&JsValue::from_str(&e));
            set_text(
                &self.shared_error,
                &format!("could not draw the figure: {e}"),
            );
        }
    }

    fn draw(&mut self) -> Result<(), String> {
        let area = self.canvas.area().map_err(|e| format!("{e:?}"))?;
        self.frame = Some(self.draw_on(&area, self.ratio, self.hover)?);
        area.present().map_err(|e| e.to_string())
    }

    /// Draws the figure on any backend (the canvas, or an export).
    fn draw_on<DB: plotters::prelude::DrawingBackend>(
        &self,
        area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
        ratio: f64,
        highlight: Option<(usize, usize)>,
    ) -> Result<Frame, String> {
        steps::draw(area, &self.scene.figure(highlight, ratio)).map_err(|e| e.to_string())
    }

    /// Downloads the figure as PNG (twice its CSS size) or SVG.
    fn download(&self, what: &str) {
        use plotters::prelude::*;
        let (width, height) = self.css;
        let result = if what == "png" {
            crate::dom::document()
                .and_then(|d| Layer::detached(&d))
                .map_err(|e| format!("{e:?}"))
                .and_then(|layer| {
                    layer.resize(width, height, 2.0);
                    layer.fill_white();
                    let area = layer.area_keep().map_err(|e| format!("{e:?}"))?;
                    self.draw_on(&area, 2.0, None)?;
                    area.present().map_err(|e| e.to_string())?;
                    crate::dom::download_png("descent-first-steps.png", &layer)
                        .map_err(|e| format!("{e:?}"))
                })
        } else {
            let mut svg = String::new();
            let drawn = (|| {
                let root = plotters_svg::SVGBackend::with_string(&mut svg, (width, height))
                    .into_drawing_area();
                root.fill(&WHITE).map_err(|e| e.to_string())?;
                self.draw_on(&root, 1.0, None)?;
                root.present().map_err(|e| e.to_string())
            })();
            drawn.and_then(|()| {
                crate::dom::download_text("descent-first-steps.svg", "image/svg+xml", &svg)
                    .map_err(|e| format!("{e:?}"))
            })
        };
        if let Err(e) = result {
            set_text(
                &self.shared_error,
                &format!("could not export the figure: {e}"),
            );
        }
    }

    fn on_pointer_move(&mut self, event: &MouseEvent) {
        let (x, y) = (
            event.offset_x() as f64 * self.ratio,
            event.offset_y() as f64 * self.ratio,
        );
        let Some(frame) = self.frame else { return };
        let reach = 12.0 * self.ratio;
        let hover = self
            .runs
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.rows.iter().map(move |r| (i, r.t, r.w)))
            .map(|(i, t, w)| {
                let (px, py) = frame.screen_from_data(w);
                ((i, t), (px - x).hypot(py - y))
            })
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(hit, _)| hit);
        if hover != self.hover {
            self.hover = hover;
            self.redraw();
        }
        let Some((i, t)) = hover else {
            set_hidden(&self.tooltip, true);
            return;
        };
        let trajectory = &self.runs[i];
        let name = self.scene.series.get(i).map_or("", |s| s.label.as_str());
        let text = tooltip(
            name,
            trajectory,
            &trajectory.rows[t],
            updates(trajectory)[t],
        );
        crate::dom::show_tooltip(&self.tooltip, &text, event.offset_x(), event.offset_y());
    }

    fn on_pointer_leave(&mut self) {
        set_hidden(&self.tooltip, true);
        if self.hover.take().is_some() {
            self.redraw();
        }
    }
}

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(document: &Document, initial: Option<StepsInputs>) -> Result<(), JsValue> {
    for i in ["a", "b"] {
        let select: HtmlSelectElement = by_id(document, &format!("steps-{i}-optimizer"))?;
        for kind in OptimizerKind::ALL {
            let option = document.create_element("option")?;
            option.set_attribute("value", kind.name())?;
            set_text(&option, kind.name());
            select.append_child(&option)?;
        }
    }
    let mut figure = Figure::new(document)?;
    if let Some(inputs) = initial {
        if let Ok(steps) = inputs.validate() {
            figure.set_steps(&steps);
            figure.inputs = inputs;
        }
    }
    figure.show_inputs();
    figure.resize();
    crate::share::remember(
        crate::url_state::FigureKind::Steps,
        crate::url_state::encode_steps(&figure.inputs),
    );
    FIGURE.with(|slot| slot.set(figure));
    let target = |id: &str| -> Result<web_sys::EventTarget, JsValue> { by_id(document, id) };
    for id in [
        "steps-function",
        "steps-start",
        "steps-count",
        "steps-a-params",
        "steps-b-params",
    ] {
        listen(&target(id)?, "input", |_: web_sys::Event| {
            with_figure(Figure::on_input)
        });
    }
    for (i, id) in ["steps-a-optimizer", "steps-b-optimizer"]
        .into_iter()
        .enumerate()
    {
        listen(&target(id)?, "change", move |_: web_sys::Event| {
            with_figure(|f| f.on_optimizer(i))
        });
    }
    for what in ["png", "svg"] {
        listen(
            &target(&format!("download-{what}-steps"))?,
            "click",
            move |_: web_sys::Event| with_figure(|f| f.download(what)),
        );
    }
    let stack = target("first-steps")?;
    listen(&stack, "pointermove", |e: MouseEvent| {
        with_figure(|f| f.on_pointer_move(&e))
    });
    listen(&stack, "pointerleave", |_: MouseEvent| {
        with_figure(Figure::on_pointer_leave)
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
    fn defaults_reproduce_the_article_and_show_its_numbers() {
        let steps = StepsInputs::default().validate().expect("valid");
        let [classic, adaptive] = steps.run();
        let text = tooltip(
            "RMSProp",
            &adaptive,
            &adaptive.rows[1],
            updates(&adaptive)[1],
        );
        assert!(text.contains("w = (-14.8419, 19.8419)"), "{text}");
        assert!(text.contains("s(1) = (810, 16000)"), "{text}");
        let text = tooltip("gd", &classic, &classic.rows[1], updates(&classic)[1]);
        assert!(text.contains("w = (-14.91, 19.6)"), "{text}");
        assert!(text.contains("v(1) = w(0) − w(1) = (-0.09, 0.4)"), "{text}");
    }

    #[test]
    fn errors_name_their_input() {
        let mut inputs = StepsInputs::default();
        inputs.runs[1].1 = "lr=0.05, beta=2".to_owned();
        let (field, e) = inputs.validate().expect_err("invalid");
        assert_eq!(field, Field::Run(1));
        assert_eq!(e.to_string(), "`beta` must be in [0, 1], not 2");
        inputs.runs[1].1 = "alpha=0.5".to_owned();
        assert_eq!(inputs.validate().expect_err("invalid").0, Field::Run(1));
        let inputs = StepsInputs {
            steps: "11".to_owned(),
            ..StepsInputs::default()
        };
        assert_eq!(inputs.validate().expect_err("invalid").0, Field::Shared);
    }
}

/// Where the first-steps figure's data area is, in CSS pixels from the top left of
/// `#first-steps`: `{ x, y, width, height, xRange, yRange }` (`null` without the figure).
#[wasm_bindgen(js_name = stepsFrame)]
pub fn steps_frame() -> JsValue {
    FIGURE
        .with(|slot| {
            slot.read(|f| {
                f.frame
                    .map(|frame| crate::api::frame_to_js(&frame, f.ratio))
            })
        })
        .flatten()
        .unwrap_or(JsValue::NULL)
}
