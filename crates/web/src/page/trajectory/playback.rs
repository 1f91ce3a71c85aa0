//! The trajectory figure's playback: play/pause on a timer, step back and forward, the
//! scrubber; the position limits the drawn paths and marks the course.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::figure::{with_app, App};

thread_local! {
    /// The playback timer's callback: made once, never dropped.
    static TICK: Closure<dyn FnMut()> = Closure::new(|| with_app(App::tick));
}

/// Milliseconds between playback ticks.
const TICK_MS: i32 = 50;

impl App {
    /// Moves playback to iteration `t` (the end shows the whole path).
    fn seek(&mut self, t: usize) {
        self.state.seek(t, self.last_iteration());
        self.show_position();
        self.draw_paths();
        self.publish();
    }

    pub(super) fn on_play(&mut self) {
        if self.interval.is_some() {
            self.pause();
        } else {
            if self.state.position.is_none() {
                self.state.position = Some(0);
            }
            self.carry = 0.0;
            self.interval = TICK.with(|tick| {
                web_sys::window()?
                    .set_interval_with_callback_and_timeout_and_arguments_0(
                        tick.as_ref().unchecked_ref(),
                        TICK_MS,
                    )
                    .ok()
            });
            self.show_position();
            self.draw_paths();
        }
    }

    pub(super) fn pause(&mut self) {
        if let (Some(id), Some(window)) = (self.interval.take(), web_sys::window()) {
            window.clear_interval_with_handle(id);
        }
        self.show_position();
    }

    /// One timer tick: advance by speed × tick length; stop at the end.
    pub(super) fn tick(&mut self) {
        let speed: f64 = self.el.speed.value().parse().unwrap_or(20.0);
        self.carry += speed * f64::from(TICK_MS) / 1000.0;
        let advance = self.carry.floor();
        if advance < 1.0 {
            return;
        }
        self.carry -= advance;
        let t = self.state.position.unwrap_or(0) + advance as usize;
        if t >= self.last_iteration() {
            self.pause();
        }
        self.seek(t);
    }

    pub(super) fn on_step(&mut self, delta: i64) {
        self.pause();
        let t = self.state.position.unwrap_or(self.last_iteration()) as i64 + delta;
        self.seek(t.clamp(0, self.last_iteration() as i64) as usize);
    }

    pub(super) fn on_scrub(&mut self) {
        let t = self.el.scrubber.value().parse().unwrap_or(0);
        self.pause();
        self.seek(t);
    }
}
