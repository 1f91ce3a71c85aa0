//! The first-steps figure on the page (the article's Figure 1): a few steps of two optimizers
//! from one start, over contour lines, with an arrow per update; hover a point for its exact
//! values. Its state and URL keys live in [`crate::model::steps`].

use descent_core::first_steps::updates;
use descent_core::{FirstSteps, OptimizerKind, Trajectory};
use descent_plot::scene::StepsScene;
use descent_plot::{steps, Frame};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use web_sys::{
    Document, Element, Event, EventTarget, HtmlInputElement, HtmlSelectElement, MouseEvent,
};

use super::dom::{append, by_id, listen, set_text, Layer, Slot};
use super::share;
use super::shell::Shell;
use crate::error::WebError;
use crate::model::steps::{encode_steps, tooltip, Field, StepsInputs};
use crate::model::url::FigureKind;

/// The figure's height over its width.
const ASPECT: f64 = 0.75;

/// One run's input controls.
struct RunControls {
    optimizer: HtmlSelectElement,
    parameters: HtmlInputElement,
    error: Element,
}

/// The figure's elements and state.
pub struct Figure {
    inputs: StepsInputs,
    runs: [Trajectory; 2],
    /// What the figure draws of the runs.
    scene: StepsScene,
    shell: Shell,
    canvas: Layer,
    function: HtmlInputElement,
    start: HtmlInputElement,
    count: HtmlInputElement,
    count_value: Element,
    shared_error: Element,
    controls: [RunControls; 2],
    /// The data area, in backing pixels, once drawn.
    pub frame: Option<Frame>,
    hover: Option<(usize, usize)>,
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
    fn new(document: &Document) -> Result<Figure, WebError> {
        let run = |i: &str| -> Result<RunControls, WebError> {
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
            shell: Shell::new(document, "first-steps", "steps-tooltip")?,
            canvas: Layer::new(document, "steps-canvas")?,
            function: by_id(document, "steps-function")?,
            start: by_id(document, "steps-start")?,
            count: by_id(document, "steps-count")?,
            count_value: by_id(document, "steps-count-value")?,
            shared_error: by_id(document, "first-steps-error")?,
            controls: [run("a")?, run("b")?],
            frame: None,
            hover: None,
        })
    }

    /// The pixel ratio the figure was drawn at.
    pub fn ratio(&self) -> f64 {
        self.shell.ratio
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
        if let Some(kind) = OptimizerKind::named(&self.controls[i].optimizer.value()) {
            self.inputs.set_optimizer(i, kind);
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
                share::changed(FigureKind::Steps, encode_steps(&self.inputs));
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
        let (width, height) = self
            .shell
            .measure(|w| (f64::from(w) * ASPECT).round() as u32);
        self.canvas.resize(width, height, self.shell.ratio);
        self.redraw();
    }

    fn redraw(&mut self) {
        if let Err(e) = self.draw() {
            let message = e.status("draw the figure");
            web_sys::console::error_1(&message.as_str().into());
            set_text(&self.shared_error, &message);
        }
    }

    fn draw(&mut self) -> Result<(), WebError> {
        let area = self.canvas.area()?;
        self.frame = Some(self.draw_on(&area, self.shell.ratio, self.hover)?);
        area.present()?;
        Ok(())
    }

    /// Draws the figure on any backend (the canvas, or an export).
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        ratio: f64,
        highlight: Option<(usize, usize)>,
    ) -> Result<Frame, WebError> {
        Ok(steps::draw(area, &self.scene.figure(highlight, ratio))?)
    }

    /// Downloads the figure as PNG (twice its CSS size) or SVG.
    fn download(&self, what: &str) {
        let size = self.shell.size;
        let result = if what == "png" {
            self.shell
                .download_png("descent-first-steps.png", size, |layer, ratio| {
                    let area = layer.area_keep()?;
                    self.draw_on(&area, ratio, None)?;
                    area.present()?;
                    Ok(())
                })
        } else {
            self.shell
                .download_svg("descent-first-steps.svg", size, |root| {
                    self.draw_on(root, 1.0, None).map(|_| ())
                })
        };
        if let Err(e) = result {
            set_text(&self.shared_error, &e.status("export the figure"));
        }
    }

    fn on_pointer_move(&mut self, event: &MouseEvent) {
        let Some(frame) = self.frame else { return };
        let points = self
            .runs
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.rows.iter().map(move |r| ((i, r.t), r.w)));
        let hover = self
            .shell
            .nearest(&frame, points, self.shell.backing(event));
        if hover != self.hover {
            self.hover = hover;
            self.redraw();
        }
        let Some((i, t)) = hover else {
            self.shell.hide_tooltip();
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
        self.shell
            .show_tooltip(&text, event.offset_x(), event.offset_y());
    }

    fn on_pointer_leave(&mut self) {
        self.shell.hide_tooltip();
        if self.hover.take().is_some() {
            self.redraw();
        }
    }
}

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(document: &Document, initial: Option<StepsInputs>) -> Result<(), WebError> {
    for i in ["a", "b"] {
        let select: Element = by_id(document, &format!("steps-{i}-optimizer"))?;
        for kind in OptimizerKind::all() {
            append(&select, "option", &[("value", kind.name())], kind.label())?;
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
    share::remember(FigureKind::Steps, encode_steps(&figure.inputs));
    FIGURE.with(|slot| slot.set(figure));
    let target = |id: &str| -> Result<EventTarget, WebError> { by_id(document, id) };
    for id in [
        "steps-function",
        "steps-start",
        "steps-count",
        "steps-a-params",
        "steps-b-params",
    ] {
        listen(&target(id)?, "input", |_: Event| {
            with_figure(Figure::on_input)
        });
    }
    for (i, id) in ["steps-a-optimizer", "steps-b-optimizer"]
        .into_iter()
        .enumerate()
    {
        listen(&target(id)?, "change", move |_: Event| {
            with_figure(|f| f.on_optimizer(i))
        });
    }
    for what in ["png", "svg"] {
        listen(
            &target(&format!("download-{what}-steps"))?,
            "click",
            move |_: Event| with_figure(|f| f.download(what)),
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
        listen(&window, "resize", |_: Event| with_figure(Figure::resize));
    }
    Ok(())
}
