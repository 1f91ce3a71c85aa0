//! Fuzzes URL-state decoding (descent-web's `model`): arbitrary query pairs, keys mostly
//! from the URL vocabulary, go to the decoder of each figure (the maps' too), which must never panic and always
//! yields a usable state; encoding that state and decoding it again shows the same figure with
//! no notice (a link the page wrote always reopens exactly).

#![no_main]

use arbitrary::Arbitrary;
use descent_web::model::amplification::{decode_amplification, encode_amplification};
use descent_web::model::steps::{decode_steps, encode_steps};
use descent_web::model::sweep::MapKind;
use descent_web::model::sweep_url::{decode_map_settings, encode_map};
use descent_web::model::trajectory_state::{decode_trajectory, encode_trajectory};
use descent_web::model::url::{Decoder, Pairs};
use libfuzzer_sys::fuzz_target;

/// Keys of every figure's URL state.
const KEYS: [&str; 51] = [
    "v",
    "figure",
    "preset",
    "function",
    "optimizer",
    "lr",
    "alpha",
    "beta",
    "beta1",
    "beta2",
    "eps",
    "start",
    "steps",
    "view",
    "log",
    "compare",
    "series",
    "t",
    "range",
    "adam.lr",
    "momentum.alpha",
    "embed",
    "convention",
    "rho",
    "weight_decay",
    "rmsprop:pytorch.lr",
    "lion:keras.beta2",
    "tol",
    "kind",
    "grid",
    "show",
    "x",
    "y",
    "data",
    "model",
    "noise",
    "seed",
    "batch",
    "schedule",
    "gamma",
    "period",
    "lr_min",
    "warmup",
    "ghost",
    "3d",
    "azimuth",
    "elevation",
    "zoom",
    "zscale",
    "rotate",
    "curvature",
];

#[derive(Arbitrary, Debug)]
struct Pair {
    key: u8,
    junk_key: String,
    value: String,
}

fuzz_target!(|input: Vec<Pair>| {
    let pairs: Pairs = input
        .into_iter()
        .take(40)
        .map(|p| {
            let key = KEYS
                .get(usize::from(p.key) % (KEYS.len() + 2))
                .map_or(p.junk_key, |k| (*k).to_owned());
            (key, p.value)
        })
        .collect();
    let _ = Decoder::new(&pairs).figure();

    let state = decode_trajectory(&mut Decoder::new(&pairs));
    let settings = &state.settings;
    assert!(settings.view.is_valid());
    let encoded = encode_trajectory(&state);
    let mut again = Decoder::new(&encoded);
    let decoded_state = decode_trajectory(&mut again);
    let decoded = &decoded_state.settings;
    assert!(again.notices.is_empty(), "{encoded:?}: {:?}", again.notices);
    // What the figure shows is the same (hyperparameters of optimizers it does not show are
    // not part of a link).
    assert_eq!(decoded.configs(), settings.configs());
    assert_eq!(
        (decoded.selected, decoded.view, decoded.log_course),
        (settings.selected, settings.view, settings.log_course)
    );
    assert_eq!(
        (
            &decoded_state.toggled,
            decoded_state.position,
            decoded_state.view3d
        ),
        (&state.toggled, state.position, state.view3d)
    );

    // The map's keys, read for the trajectory figure's optimizer: what the map shows reopens.
    let optimizer = settings.optimizer();
    let map = decode_map_settings(&mut Decoder::new(&pairs), &optimizer);
    let encoded = encode_map(&map);
    let mut again = Decoder::new(&encoded);
    let decoded = decode_map_settings(&mut again, &optimizer);
    assert!(again.notices.is_empty(), "{encoded:?}: {:?}", again.notices);
    assert_eq!(
        (decoded.kind, decoded.grid, decoded.show),
        (map.kind, map.grid, map.show)
    );
    if map.kind == MapKind::Params {
        assert_eq!(decoded.axes(&optimizer).ok(), map.axes(&optimizer).ok());
    }

    let steps = decode_steps(&mut Decoder::new(&pairs));
    assert!(steps.validate().is_ok());
    let encoded = encode_steps(&steps);
    let mut again = Decoder::new(&encoded);
    assert_eq!(decode_steps(&mut again), steps);

    let amplification = decode_amplification(&mut Decoder::new(&pairs));
    let encoded = encode_amplification(&amplification);
    let mut again = Decoder::new(&encoded);
    assert_eq!(decode_amplification(&mut again), amplification);
});
