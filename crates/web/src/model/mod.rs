//! The figures' plain state, without the DOM: per figure its defaults, parsing, limits, rules
//! and URL keys; the generic URL decoder; the texts the page shows. Natively tested.

pub mod amplification;
pub mod controls;
pub mod entry;
pub mod format;
pub mod race;
pub mod steps;
pub mod sweep;
pub mod sweep_cells;
pub mod sweep_url;
pub mod training;
pub mod training_controls;
pub mod training_url;
pub mod trajectory;
pub mod trajectory_state;
pub mod trajectory_url;
pub mod url;
pub mod view3d_url;

#[cfg(test)]
mod trajectory_state_tests;
#[cfg(test)]
pub(crate) mod trajectory_url_tests;
