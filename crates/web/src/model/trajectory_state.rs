//! The trajectory figure's whole state, the one model its page and its URL read and write:
//! the runs ([`Settings`]: function, entries, start, steps, view, training) and what the
//! figure shows of them (the course's toggled series, the playback position). The page holds
//! one [`TrajectoryState`]; a link is [`encode_trajectory`] of it and opens as
//! [`decode_trajectory`] of the link.
//!
//! **Adding a layer.** A key that changes only what the figure shows (a layer over the
//! surface, a view of it) is one field of [`TrajectoryState`] and one entry of [`LAYER_KEYS`]
//! (its key, how it is read, how it is written; `None` leaves a default out of links), both
//! in this file; the tests' `non_default_layers` then gives it a value for the round trips. A
//! key that changes the runs themselves (what the maps run too) is a field of [`Settings`]
//! and goes in the run's codec, [`super::trajectory_url`].

use std::collections::BTreeSet;

use descent_core::view3d::{self, View3d};
use descent_plot::scene::ERROR_SERIES;

use super::trajectory::{Settings, PAGE_MAX_STEPS};
use super::trajectory_url::{decode_run, encode_run};
use super::url::{Decoder, Pairs};
use super::view3d_url::{decode_view3d, encode_view3d};

/// The trajectory figure's state: everything its link and its page carry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrajectoryState {
    /// The runs and how they are framed (what the maps follow).
    pub settings: Settings,
    /// Names of the course's series the user toggled from their defaults (`series=`).
    pub toggled: BTreeSet<String>,
    /// Playback position (`t=`): paths are drawn up to this iteration; `None` shows them
    /// whole.
    pub position: Option<usize>,
    /// The 3-D view (`3d=`, `azimuth=`, `elevation=`, `zscale=`): whether the surface is shown
    /// in 3-D, and how.
    pub view3d: View3d,
}

impl From<Settings> for TrajectoryState {
    /// The figure of `settings`, with its layers at their defaults.
    fn from(settings: Settings) -> Self {
        TrajectoryState {
            settings,
            ..TrajectoryState::default()
        }
    }
}

impl TrajectoryState {
    /// Whether course series `name` is shown: error courses start visible (every run's, in
    /// compare mode), state series hidden; a toggle flips either.
    pub fn is_series_visible(&self, name: &str, compare: bool) -> bool {
        (compare || name == ERROR_SERIES) != self.toggled.contains(name)
    }

    /// Flips series `name` from its default.
    pub fn toggle_series(&mut self, name: &str) {
        if !self.toggled.remove(name) {
            self.toggled.insert(name.to_owned());
        }
    }

    /// Moves playback to iteration `t` of runs whose last iteration is `last` (the end, or
    /// beyond, shows the whole paths).
    pub fn seek(&mut self, t: usize, last: usize) {
        self.position = (t < last).then_some(t);
    }
}

/// One key of the figure's layers: how a link's value is read onto the state and written
/// from it.
pub struct LayerKey {
    /// The query key.
    pub key: &'static str,
    /// Reads `key` (when given) onto the state, whose runs are already decoded; a bad value
    /// gets a notice and leaves the default.
    pub decode: fn(&mut Decoder, &'static str, &mut TrajectoryState),
    /// The value a link writes, `None` for the default (left out).
    pub encode: fn(&TrajectoryState) -> Option<String>,
}

/// The figure's keys beyond its runs', in the order links write them (after the runs'). A new
/// layer's key goes here (see the module's doc).
pub const LAYER_KEYS: [LayerKey; 7] = [
    LayerKey {
        key: "series",
        decode: |d, key, state| {
            if let Some(list) = d.get(key) {
                // Inserted one by one: collecting into a set would sort them first, another
                // sort in the first module (docs/performance.md, "What the first module holds").
                state.toggled.clear();
                for name in list.split(',').filter(|n| !n.is_empty()) {
                    state.toggled.insert(name.to_owned());
                }
            }
        },
        encode: |state| {
            let names: Vec<&str> = state.toggled.iter().map(String::as_str).collect();
            (!names.is_empty()).then(|| names.join(","))
        },
    },
    LayerKey {
        key: "t",
        decode: |d, key, state| {
            let steps = state.settings.steps;
            state.position = d.count(key, PAGE_MAX_STEPS).filter(|&t| t < steps);
        },
        encode: |state| state.position.map(|t| t.to_string()),
    },
    view3d_layer::<0>(),
    view3d_layer::<1>(),
    view3d_layer::<2>(),
    view3d_layer::<3>(),
    view3d_layer::<4>(),
];

/// The layer key of the 3-D view's key `KEYS[K]` (core's table).
const fn view3d_layer<const K: usize>() -> LayerKey {
    LayerKey {
        key: view3d::KEYS[K],
        decode: |d, key, state| decode_view3d(d, key, &mut state.view3d),
        encode: |state| encode_view3d(&state.view3d, view3d::KEYS[K]),
    }
}

/// Decodes the trajectory figure from query pairs: the runs, then the layers.
pub fn decode_trajectory(d: &mut Decoder) -> TrajectoryState {
    let mut state = TrajectoryState::from(decode_run(d));
    for layer in &LAYER_KEYS {
        (layer.decode)(d, layer.key, &mut state);
    }
    state
}

/// Encodes the trajectory figure, omitting what equals the defaults.
pub fn encode_trajectory(state: &TrajectoryState) -> Pairs {
    let mut pairs = encode_run(&state.settings);
    for layer in &LAYER_KEYS {
        if let Some(value) = (layer.encode)(state) {
            pairs.push((layer.key.to_owned(), value));
        }
    }
    pairs
}
