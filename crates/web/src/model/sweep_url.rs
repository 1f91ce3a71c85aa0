//! The maps' URL keys (the JS API's and the CLI's names): `kind=starts|params` (a map is
//! shown: always written then), `grid=N` or `N,M` (64), `show=error|steps|stop` (error), and
//! for a map of hyperparameters `x=KEY=MIN:MAX[:log]` and `y=…` (the first two
//! hyperparameters of the optimizer over their sliders' ends by default). The run's keys are
//! the trajectory figure's ([`super::trajectory_url`]).

use descent_core::sweep::{parse_axis, parse_grid, DEFAULT_GRID};
use descent_core::Optimizer;
use descent_plot::scene::SweepColour;

use super::sweep::{axis_text, grid_text, MapKind, MapSettings, Side};
use super::url::{or_list, Decoder, Pairs};

/// Decodes the map's keys for the selected optimizer `optimizer` where a map may be shown
/// or not (the trajectory figure's links): `None` without `kind`.
pub fn decode_map(d: &mut Decoder, optimizer: &Optimizer) -> Option<MapSettings> {
    d.get("kind")?;
    Some(decode_map_settings(d, optimizer))
}

/// Decodes the map's keys for the selected optimizer `optimizer`, each missing key at its
/// default (a link to the map figure, the custom element).
pub fn decode_map_settings(d: &mut Decoder, optimizer: &Optimizer) -> MapSettings {
    let mut map = MapSettings::default();
    let kind_text = d.get("kind").unwrap_or(map.kind.name());
    match MapKind::named(kind_text) {
        Some(kind) => map.kind = kind,
        None => {
            let names: Vec<&str> = MapKind::ALL.iter().map(|k| k.name()).collect();
            d.notice(
                "kind",
                format!(
                    "unknown map `{kind_text}`; choose {} (showing a basin map)",
                    or_list(&names)
                ),
            );
        }
    }
    if let Some(grid) = d.parse("grid", parse_grid) {
        map.grid = grid;
    }
    let colours = SweepColour::ALL.map(SweepColour::name);
    if let Some(show) = d.parse("show", |t| {
        SweepColour::named(t.trim())
            .ok_or_else(|| format!("`show` must be {}, not `{t}`", or_list(&colours)))
    }) {
        map.show = show;
    }
    for side in [Side::X, Side::Y] {
        if let Some(axis) = d.parse(side.key(), |t| parse_axis(side.key(), t, optimizer)) {
            map.set_axis(side, axis, optimizer);
        }
    }
    map
}

/// Encodes the map's keys, defaults left out (`kind` always: it says a map is shown).
pub fn encode_map(map: &MapSettings) -> Pairs {
    let mut pairs: Pairs = vec![("kind".to_owned(), map.kind.name().to_owned())];
    if map.grid != [DEFAULT_GRID; 2] {
        pairs.push(("grid".to_owned(), grid_text(map.grid)));
    }
    if map.show != SweepColour::ALL[0] {
        pairs.push(("show".to_owned(), map.show.name().to_owned()));
    }
    if map.kind == MapKind::Params {
        for (side, axis) in [(Side::X, map.x), (Side::Y, map.y)] {
            if let Some(axis) = axis {
                pairs.push((side.key().to_owned(), axis_text(&axis)));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trajectory::Settings;

    use crate::model::url::pairs;

    #[test]
    fn urls_round_trip_and_bad_values_say_why() {
        let settings = Settings::default();
        let optimizer = settings.optimizer();
        let mut map = MapSettings {
            kind: MapKind::Params,
            grid: [32, 16],
            show: SweepColour::Stop,
            ..MapSettings::default()
        };
        let eps = parse_axis("y", "eps=1e-10:1e-2:log", &optimizer).expect("valid");
        map.set_axis(Side::Y, eps, &optimizer);
        let encoded = encode_map(&map);
        assert_eq!(
            encoded,
            pairs(&[
                ("kind", "params"),
                ("grid", "32,16"),
                ("show", "stop"),
                ("y", "eps=1e-10:0.01:log")
            ])
        );
        let mut d = Decoder::new(&encoded);
        assert_eq!(decode_map(&mut d, &optimizer), Some(map));
        assert_eq!(d.notices, []);
        assert_eq!(decode_map(&mut Decoder::new(&[]), &optimizer), None);
        let shown = pairs(&[("grid", "24"), ("show", "stop")]);
        let decoded = decode_map_settings(&mut Decoder::new(&shown), &optimizer);
        assert_eq!(
            (decoded.kind, decoded.grid, decoded.show),
            (MapKind::Starts, [24, 24], SweepColour::Stop)
        );
        assert_eq!(
            encode_map(&MapSettings::default()),
            pairs(&[("kind", "starts")])
        );
        let hostile = pairs(&[
            ("kind", "<b>"),
            ("grid", "0"),
            ("show", "nope"),
            ("x", "alpha=0:1"),
            ("y", "lr=1:0.1"),
        ]);
        let mut d = Decoder::new(&hostile);
        assert_eq!(decode_map(&mut d, &optimizer), Some(MapSettings::default()));
        let keys: Vec<&str> = d.notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["kind", "grid", "show", "x", "y"]);
        assert!(d.notices[0].message.contains("`<b>`"));
        assert!(d.notices[1].message.starts_with("`grid` must be N or N,M"));
        assert!(d.notices[4].message.starts_with("`y` must have MIN < MAX"));
    }

    /// What the fuzz target `url_state` checks, on a fixed sample: any map keys decode to a
    /// map, and the link written for it reopens the same map silently.
    #[test]
    fn links_the_page_writes_reopen_the_same_map() {
        const KEYS: [&str; 6] = ["kind", "grid", "show", "x", "y", "optimizer"];
        const VALUES: [&str; 14] = [
            "params",
            "starts",
            "7,3",
            "steps",
            "lr=1e-3:1:log",
            "beta=0:0.5",
            "beta1=0.5:0.99",
            "eps=1e-9:1e-3:log",
            "alpha=0:1",
            "lr=1:0.1",
            "adam",
            "momentum",
            "gd",
            "0",
        ];
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..3000 {
            let input: Pairs = (0..1 + next(7))
                .map(|_| {
                    (
                        KEYS[next(KEYS.len())].to_owned(),
                        VALUES[next(VALUES.len())].to_owned(),
                    )
                })
                .collect();
            let settings = crate::model::trajectory_url::decode_run(&mut Decoder::new(&input));
            let optimizer = settings.optimizer();
            let map = decode_map_settings(&mut Decoder::new(&input), &optimizer);
            let encoded = encode_map(&map);
            let mut again = Decoder::new(&encoded);
            let decoded = decode_map_settings(&mut again, &optimizer);
            assert_eq!(again.notices, [], "{input:?} -> {encoded:?}");
            assert_eq!(
                (decoded.kind, decoded.grid, decoded.show),
                (map.kind, map.grid, map.show)
            );
            if map.kind == MapKind::Params {
                assert_eq!(
                    decoded.axes(&optimizer).ok(),
                    map.axes(&optimizer).ok(),
                    "{input:?} -> {encoded:?}"
                );
            }
        }
    }
}
