//! The optimizers people train with, through the binary: `descent trajectory` with the
//! frameworks' conventions prints what torch.optim and Keras compute (numbers from
//! docs/reference-numbers, run b: 3·w1² + 10·w2² from (1, 2), lr 0.01, 100 steps).

use std::process::Command;

/// Runs `descent trajectory` with `args` and returns the header and the last row.
fn last_row(args: &[&str]) -> (Vec<String>, Vec<f64>) {
    let output = Command::new(env!("CARGO_BIN_EXE_descent"))
        .arg("trajectory")
        .args(args)
        .output()
        .expect("the binary runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines = text.lines();
    let header = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let last = lines
        .last()
        .expect("rows")
        .split(',')
        .map(|x| x.parse().expect("number"))
        .collect();
    (header, last)
}

#[test]
fn framework_forms_print_the_frameworks_numbers() {
    let cases: [(&[&str], [f64; 2], &[&str]); 4] = [
        // lion-pytorch 0.2.5 (optax.lion agrees bit for bit)
        (
            &["--optimizer", "lion", "--lr", "0.01"],
            [-7.528699885739343e-16, 0.9999999999999991],
            &["m1", "m2"],
        ),
        // torch.optim.AdamW, weight_decay 0.01 (the default, here given as a flag)
        (
            &[
                "--optimizer",
                "adamw",
                "--lr",
                "0.01",
                "--weight-decay",
                "0.01",
            ],
            [0.22089455327906793, 1.0851632889842915],
            &["m1", "m2", "v1", "v2"],
        ),
        // torch.optim.RMSprop: ε outside the root, alpha (our beta) 0.99
        (
            &["--convention", "pytorch", "--lr", "0.01"],
            [0.01181402047875624, 0.45007674912699003],
            &["s1", "s2"],
        ),
        // keras.optimizers.Adam: the ε-hat form, ε 1e-7
        (
            &[
                "--optimizer",
                "adam",
                "--convention",
                "keras",
                "--lr",
                "0.01",
            ],
            [0.22444610545334615, 1.0984483869624648],
            &["m1", "m2", "v1", "v2"],
        ),
    ];
    for (flags, expected, state) in cases {
        let mut args = vec!["--start", "1,2", "--steps", "100"];
        args.extend_from_slice(flags);
        let (header, row) = last_row(&args);
        assert_eq!(row[0], 100.0, "{flags:?}");
        assert_eq!(&header[6..], state, "{flags:?}");
        for (got, want) in row[1..3].iter().zip(expected) {
            assert!(
                (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                "{flags:?}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn a_convention_without_a_form_of_its_own_says_nothing_new_and_unknown_names_are_refused() {
    let article = last_row(&["--optimizer", "lion", "--steps", "5"]);
    let torch = last_row(&[
        "--optimizer",
        "lion",
        "--convention",
        "pytorch",
        "--steps",
        "5",
    ]);
    assert_eq!(article, torch, "lion's default form is PyTorch's");
    let output = Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(["trajectory", "--convention", "tensorflow"])
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("`convention` must be one of article, pytorch, keras, optax, not `tensorflow`"));
}
