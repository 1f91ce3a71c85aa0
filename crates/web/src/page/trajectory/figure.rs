//! The trajectory figure on the page and its drawing: its state (the one model of
//! [`crate::model::trajectory_state`], which the URL is written from), the runs, the canvas
//! layers, hover and playback; redrawing only the layers a change touched (a slider
//! move never recomputes the raster) and publishing the state to the URL. A training run adds
//! the noiseless ghosts and the gradient cloud on the path layer, the data panel and the
//! η(t) strip.

use descent_core::{Config, Trajectory};
use descent_plot::composite;
use descent_plot::scene::glyph;
use descent_plot::Frame;
use web_sys::Document;

use crate::compute;
use crate::error::WebError;
use crate::model::format::{summary, tooltip};
use crate::model::trajectory_state::{encode_trajectory, TrajectoryState};
use crate::model::url::FigureKind;
use crate::page::dom::{set_text, Layer, Slot};
use crate::page::race::RaceTable;
use crate::page::share;
use crate::page::shell::Shell;

use super::controls::Controls;
use super::curvature::CurvatureView;
use super::data_panel::DataPanel;
use super::layers::{self, CourseLegend, PathsDrawn, SurfaceLayers};
use super::overlay::{ghost_paths, gradient_cloud};
use super::solid::Solid;
use super::solid_controls::SolidControls;
use super::strip::Strip;
use super::training_controls::TrainingControls;

thread_local! {
    pub(super) static FIGURE: Slot<App> = Slot::default();
}

/// Runs `f` on the figure, unless it is missing or busy.
pub(super) fn with_app(f: impl FnOnce(&mut App)) {
    FIGURE.with(|slot| slot.with(f));
}

/// Reads the figure, if the page has one.
pub fn read<R>(f: impl FnOnce(&App) -> R) -> Option<R> {
    FIGURE.with(|slot| slot.read(f))
}

/// The least height of the error course, in CSS pixels.
const MIN_COURSE_HEIGHT: u32 = 160;
/// The surface's height over its width.
const SURFACE_ASPECT: f64 = 0.82;

/// The trajectory figure's state and layers.
pub struct App {
    pub(super) el: Controls,
    /// The noise, data and schedule controls.
    pub(super) training_el: TrainingControls,
    pub(super) data_panel: DataPanel,
    pub(super) strip: Strip,
    pub(super) shell: Shell,
    /// What the figure shows: its runs and layers, as its link says.
    pub state: TrajectoryState,
    pub(super) layers: SurfaceLayers,
    pub(super) course: Layer,
    race: RaceTable,
    /// The surface frame (where the data area is, in backing pixels); None before the first
    /// draw or after a failed one.
    pub frame: Option<Frame>,
    /// The course's data area, for hovering it.
    pub(super) course_frame: Option<Frame>,
    /// One run per entry shown.
    pub runs: Vec<Trajectory>,
    /// The configs of [`App::runs`].
    pub(super) configs: Vec<Config>,
    /// The noiseless runs beside them (ghost on and noisy steps; else empty).
    pub ghosts: Vec<Trajectory>,
    pub(super) course_legend: CourseLegend,
    /// The (run, iteration) under the pointer, on the surface or the course.
    pub(super) hover: Option<(usize, usize)>,
    /// Iterations advanced but not yet shown (playback runs at fractional speeds).
    pub(super) carry: f64,
    /// The playback timer's interval, while playing.
    pub(super) interval: Option<i32>,
    /// The course's CSS height.
    pub(super) course_height: u32,
    /// Embedded read-only: clicks and keys do not move the start.
    pub(super) readonly: bool,
    /// Whether changes go to the URL (not while the figure is being built from it).
    pub(super) live: bool,
    /// The surface in 3-D: what was drawn and the pointers on it.
    pub(super) solid: Solid,
    /// The 3-D view's checkboxes.
    pub(super) solid_el: SolidControls,
    /// The figure's text alternative as a contour map (the page's own).
    pub(super) flat_label: String,
    /// The curvature layer's controls, readout and strip.
    pub(super) curvature: CurvatureView,
}

impl App {
    /// Finds the page's elements and draws the figure from `initial` (or the defaults).
    pub(super) fn new(
        document: &Document,
        initial: Option<TrajectoryState>,
        readonly: bool,
    ) -> Result<App, WebError> {
        let mut app = App {
            el: Controls::find(document)?,
            training_el: TrainingControls::find(document)?,
            data_panel: DataPanel::new(document)?,
            strip: Strip::new(document)?,
            shell: Shell::new(document, "surface", "tooltip")?,
            layers: SurfaceLayers::new(document)?,
            course: Layer::new(document, "course")?,
            race: RaceTable::find(document)?,
            state: initial.unwrap_or_default(),
            frame: None,
            course_frame: None,
            runs: Vec::new(),
            configs: Vec::new(),
            ghosts: Vec::new(),
            course_legend: CourseLegend::default(),
            hover: None,
            carry: 0.0,
            interval: None,
            course_height: 0,
            readonly,
            live: false,
            solid: Solid::default(),
            solid_el: SolidControls::build(document)?,
            flat_label: String::new(),
            curvature: CurvatureView::build(document)?,
        };
        app.flat_label = app
            .shell
            .stack
            .get_attribute("aria-label")
            .unwrap_or_default();
        app.show_controls();
        app.resize();
        Ok(app)
    }

    /// Writes all of the settings into the controls.
    pub(super) fn show_controls(&self) {
        self.el.show(&self.state.settings);
        self.training_el.show(&self.state.settings);
        self.solid_el.show(&self.state.view3d);
        self.show_solid_mode();
        let settings = &self.state.settings;
        self.curvature.show(settings.curvature, settings.rotate);
    }

    /// The data panel's frame (`None` without a data set).
    pub fn data_frame(&self) -> Option<Frame> {
        self.data_panel.frame
    }

    /// The pixel ratio the figure was drawn at.
    pub fn ratio(&self) -> f64 {
        self.shell.ratio
    }

    /// Re-measures the figure's width and redraws everything.
    pub(super) fn resize(&mut self) {
        let (width, height) = self
            .shell
            .measure(|w| (f64::from(w) * SURFACE_ASPECT).round() as u32);
        self.course_height = composite::course_height(height, MIN_COURSE_HEIGHT);
        self.layers.resize(width, height, self.shell.ratio);
        self.course
            .resize(width, self.course_height, self.shell.ratio);
        self.redraw_surface();
        self.redraw_paths();
    }

    /// Recomputes and redraws the raster, contours and axes (function or view changed).
    pub(super) fn redraw_surface(&mut self) {
        if self.state.view3d.shown {
            return self.redraw_solid_surface();
        }
        match self
            .layers
            .draw_surface(&self.state.settings, self.shell.ratio)
        {
            Ok(frame) => self.frame = Some(frame),
            Err(e) => self.fail(&e.status("draw the surface")),
        }
    }

    /// Recomputes the runs (and their ghosts) and redraws the path layer, the error course,
    /// the η(t) strip and the data panel.
    pub(super) fn redraw_paths(&mut self) {
        self.configs = self.state.settings.configs();
        self.runs = self.configs.iter().map(compute::trajectory).collect();
        self.ghosts = self
            .state
            .settings
            .ghost_configs()
            .iter()
            .map(compute::trajectory)
            .collect();
        let shown = self.data_panel.show(
            self.configs.first(),
            &self.runs,
            self.shell.size.0,
            self.shell.ratio,
        );
        if let Err(e) = shown {
            self.fail(&e.status("draw the data"));
        }
        let last = self.last_iteration();
        self.hover = self
            .hover
            .filter(|&(r, t)| r < self.runs.len() && t <= last);
        self.state.position = self.state.position.map(|t| t.min(last));
        self.el.scrubber.set_max(&last.to_string());
        self.show_position();
        self.draw_paths();
        let sentences: Vec<String> = self
            .runs
            .iter()
            .map(|r| summary(self.state.settings.start, r))
            .collect();
        set_text(&self.el.status, &sentences.join(" "));
        let compare = !self.state.settings.compare.is_empty();
        if let Err(e) = self.race.show(&self.runs, self.state.settings.tol, compare) {
            self.fail(&e.status("show the race table"));
        }
        self.publish();
    }

    /// Redraws the surface and the paths after a view change, and publishes it.
    pub(super) fn view_changed(&mut self) {
        self.redraw_surface();
        self.draw_paths();
        self.publish();
    }

    /// Sends the figure's state to the URL (while the figure is being built from the URL,
    /// only to Copy link and Embed) and to the figures that follow it (the maps).
    pub(super) fn publish(&self) {
        super::notify(&self.state.settings);
        let pairs = encode_trajectory(&self.state);
        if self.live {
            share::changed(FigureKind::Trajectory, pairs);
        } else {
            share::remember(FigureKind::Trajectory, pairs);
        }
    }

    /// The last iteration of the longest run.
    pub(super) fn last_iteration(&self) -> usize {
        self.runs
            .iter()
            .map(|r| r.rows.len().saturating_sub(1))
            .max()
            .unwrap_or(0)
    }

    /// Redraws the path layer, the course, the η(t) strip and the data panel's models for the
    /// current runs, hover and position.
    pub(super) fn draw_paths(&mut self) {
        let highlight = self.hover.or(self.state.position.map(|t| (0, t)));
        let ratio = self.shell.ratio;
        if self.state.view3d.shown {
            self.draw_solid_paths();
        } else if let Some(frame) = self.frame {
            let ghosts = ghost_paths(&self.ghosts, self.state.position);
            let cloud = self.hover.and_then(|(r, t)| {
                gradient_cloud(self.configs.get(r)?, self.runs.get(r)?, self.runs.len(), t)
            });
            let drawn = PathsDrawn {
                runs: &self.runs,
                upto: self.state.position,
                highlight,
                ghosts: &ghosts,
                cloud: cloud.as_ref(),
                glyph: self.marked().and_then(|(r, t)| glyph(self.runs.get(r)?, t)),
            };
            if let Err(e) = self.layers.draw_paths(&frame, &drawn, ratio) {
                self.fail(&e.status("draw the trajectory"));
            }
        }
        let series = layers::course_series(&self.state, &self.runs);
        let course = layers::draw_course(
            &self.course,
            &series,
            &mut self.course_legend,
            self.state.settings.log_course,
            highlight.map(|(_, t)| t),
            ratio,
        );
        match course {
            Ok(frame) => self.course_frame = Some(frame),
            Err(e) => self.fail(&e.status("draw the error course")),
        }
        let width = self.shell.size.0;
        let marked = highlight.map(|(_, t)| t);
        if let Err(e) = self.strip.draw(&self.runs, marked, width, ratio) {
            self.fail(&e.status("draw the learning rate"));
        }
        if let Err(e) = self.curvature.draw(&self.runs, self.marked(), width, ratio) {
            self.fail(&e.status("draw the curvature"));
        }
        if let Some(config) = self.configs.first() {
            let t = marked.unwrap_or_else(|| self.last_iteration());
            if let Err(e) = self.data_panel.draw_fits(config, &self.runs, t, ratio) {
                self.fail(&e.status("draw the models"));
            }
        }
    }

    /// The `(run, iteration)` the curvature describes: the hovered one, else the playback
    /// position, else the selected run's last.
    pub(super) fn marked(&self) -> Option<(usize, usize)> {
        let last = self.runs.first()?.rows.len().checked_sub(1)?;
        let at = self.hover.or(self.state.position.map(|t| (0, t)));
        Some(at.unwrap_or((0, last)))
    }

    /// Says in the status line (and the console) what went wrong.
    pub(super) fn fail(&self, message: &str) {
        web_sys::console::error_1(&message.into());
        set_text(&self.el.status, message);
    }

    pub(super) fn set_start(&mut self, w: [f64; 2]) {
        self.state.settings.start = w;
        self.el.show_start(w);
        self.redraw_paths();
    }

    /// Shows the tooltip of `hover` next to CSS pixel (x, y) of the surface, or hides it.
    pub(super) fn show_tooltip(&self, hover: Option<(usize, usize)>, x: i32, y: i32) {
        let found = hover.and_then(|(r, t)| {
            let run = self.runs.get(r)?;
            Some((run, run.rows.get(t)?))
        });
        match found {
            Some((run, row)) => self.shell.show_tooltip(&tooltip(run, row), x, y),
            None => self.shell.hide_tooltip(),
        }
    }

    pub(super) fn set_hover(&mut self, hover: Option<(usize, usize)>) {
        if hover != self.hover {
            self.hover = hover;
            self.draw_paths();
        }
    }

    /// Writes the playback position into the scrubber and its label.
    pub(super) fn show_position(&self) {
        let last = self.last_iteration();
        let t = self.state.position.unwrap_or(last);
        self.el.scrubber.set_value(&t.to_string());
        set_text(&self.el.position, &format!("t = {t} of {last}"));
        set_text(
            &self.el.play,
            if self.interval.is_some() {
                "Pause"
            } else {
                "Play"
            },
        );
        let _ = self.el.play.set_attribute(
            "aria-pressed",
            if self.interval.is_some() {
                "true"
            } else {
                "false"
            },
        );
    }
}
