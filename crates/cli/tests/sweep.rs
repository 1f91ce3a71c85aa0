//! `descent sweep` through the binary: each row equals the last row of `descent trajectory`
//! from that cell, printed the same way; bad grids, views and axes get one clear line.

use std::process::{Command, Output};

fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// The CSV lines of a successful run, split into cells.
fn rows(output: &Output) -> Vec<Vec<String>> {
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// The stop reason `descent trajectory` reports on stderr, as the sweep's word.
fn reason(stderr: &str) -> &'static str {
    match stderr.trim() {
        "" => "",
        s if s.starts_with("descent: converged at step") => "converged",
        s if s.starts_with("descent: diverged at step") => "diverged",
        s if s.starts_with("descent: stopped at step") => "undefined",
        s => panic!("unexpected message {s}"),
    }
}

/// Checks sweep rows `picked` against `descent trajectory` with `shared` options plus each
/// cell's own (from `cell_options`); returns the reasons seen.
fn check_rows(
    sweep: &[Vec<String>],
    picked: &[usize],
    shared: &[&str],
    cell_options: impl Fn(&[String]) -> Vec<String>,
) -> Vec<String> {
    let mut reasons = Vec::new();
    for &i in picked {
        let row = &sweep[i + 1];
        let mut args: Vec<String> = vec!["trajectory".into()];
        args.extend(shared.iter().map(|s| (*s).to_owned()));
        args.extend(cell_options(row));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = descent(&refs);
        let single = rows(&Output {
            status: output.status,
            stdout: output.stdout.clone(),
            stderr: Vec::new(),
        });
        let stderr = text(&output.stderr);
        let last = single.last().expect("header");
        if single.len() == 1 {
            // No row: the start itself is undefined.
            assert_eq!(row[4], "", "row {i}: {row:?}");
            assert_eq!(row[5], "0");
        } else {
            // t, w1, w2, error of the last row, printed the same way.
            assert_eq!(
                [&row[5], &row[2], &row[3], &row[4]],
                [&last[0], &last[1], &last[2], &last[3]],
                "row {i}: {args:?}"
            );
        }
        assert_eq!(row[6], reason(&stderr), "row {i}: {stderr}");
        reasons.push(row[6].clone());
    }
    reasons
}

#[test]
fn starts_rows_equal_trajectories_from_their_cells() {
    for tol in ["0", "0.05"] {
        for (function, optimizer, lr) in [
            ("(1-w1)^2 + 100*(w2-w1^2)^2", "rmsprop", "0.01"),
            ("3*w1^2 + 10*w2^2", "momentum", "0.09"),
            ("sqrt(w1) + w2^2", "adam", "0.2"),
        ] {
            let shared = [
                "--function",
                function,
                "--optimizer",
                optimizer,
                "--lr",
                lr,
                "--steps",
                "300",
                "--tol",
                tol,
            ];
            let mut args = vec!["sweep", "starts", "--view", "-2,2,-1,3", "--grid", "5,4"];
            args.extend(shared);
            let sweep = rows(&descent(&args));
            assert_eq!(
                sweep[0],
                ["start1", "start2", "w1", "w2", "error", "t", "stop"]
            );
            assert_eq!(sweep.len(), 21);
            assert_eq!(sweep[1][..2], ["-1.6", "-0.5"], "the first cell's centre");
            let reasons = check_rows(&sweep, &[0, 7, 13, 19], &shared, |row| {
                vec!["--start".into(), format!("{},{}", row[0], row[1])]
            });
            if tol != "0" && optimizer == "momentum" {
                assert!(reasons.iter().all(|r| r == "converged"), "{reasons:?}");
            }
        }
    }
}

#[test]
fn params_rows_equal_trajectories_with_their_values() {
    for tol in ["0", "1e-3"] {
        let shared = [
            "--function",
            "(1-w1)^2 + 100*(w2-w1^2)^2",
            "--optimizer",
            "adam",
            "--convention",
            "pytorch",
            "--start",
            "-1.2,1",
            "--steps",
            "400",
            "--tol",
            tol,
        ];
        let mut args = vec![
            "sweep",
            "params",
            "--x",
            "lr=1e-3:3:log",
            "--y",
            "beta1=0.5:0.95",
            "--grid",
            "6,3",
        ];
        args.extend(shared);
        let sweep = rows(&descent(&args));
        assert_eq!(sweep[0][..2], ["x", "y"]);
        assert_eq!(sweep.len(), 19);
        let reasons = check_rows(&sweep, &[0, 5, 8, 17], &shared, |row| {
            vec![
                "--lr".into(),
                row[0].clone(),
                "--beta1".into(),
                row[1].clone(),
            ]
        });
        assert!(reasons.len() == 4);
    }
}

#[test]
fn json_has_one_array_per_column() {
    // The second cell is `descent trajectory --function "sqrt(w1)" --start 0.5,0.5 --steps 2`.
    let output = descent(&[
        "sweep",
        "starts",
        "--function",
        "sqrt(w1)",
        "--view",
        "-1,1,0,1",
        "--grid",
        "2,1",
        "--steps",
        "2",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "{\"start1\":[-0.5,0.5],\"start2\":[0.5,0.5],\"w1\":[-0.5,0.2174832015561259],\
         \"w2\":[0.5,0.5],\"error\":[null,0.4663509424844405],\"t\":[0,2],\
         \"stop\":[\"undefined\",null]}\n"
    );
}

#[test]
fn bad_sweeps_get_one_clear_line() {
    let cases: [(&[&str], &str); 12] = [
        (
            &["sweep", "starts", "--view", "0,1,0,1", "--grid", "0"],
            "`grid` must be N or N,M: whole numbers of cells from 1 to 1024",
        ),
        (
            &["sweep", "starts", "--view", "0,1,0,1", "--grid", "12,x"],
            "not `12,x`",
        ),
        (
            &["sweep", "starts", "--view", "0,1,0"],
            "`view` must be four finite numbers w1min,w1max,w2min,w2max with min < max",
        ),
        (&["sweep", "starts", "--view", "1,0,0,1"], "not `1,0,0,1`"),
        (&["sweep", "starts"], "`view` is required"),
        (
            &["sweep", "params", "--x", "lr=0.1:1", "--y", "eps"],
            "`y` must be KEY=MIN:MAX or KEY=MIN:MAX:log with KEY a hyperparameter of rmsprop \
             (lr, beta, eps)",
        ),
        (
            &["sweep", "params", "--x", "alpha=0:1", "--y", "beta=0:0.5"],
            "`x` must be KEY=MIN:MAX or KEY=MIN:MAX:log with KEY a hyperparameter of rmsprop",
        ),
        (
            &["sweep", "params", "--x", "lr=-1:1", "--y", "beta=0:0.5"],
            "`x` range: `lr` must be",
        ),
        (
            &["sweep", "params", "--x", "lr=0:1:log", "--y", "beta=0:0.5"],
            "`x` range: `lr` must be",
        ),
        (
            &[
                "sweep",
                "params",
                "--x",
                "beta=0:0.5:log",
                "--y",
                "lr=0.1:1",
            ],
            "`x` is a log axis, whose MIN must be > 0, not `beta=0:0.5:log`",
        ),
        (
            &["sweep", "starts", "--view", "0,1,0,1", "--x", "lr=0.1:1"],
            "`x` is not used by a sweep of starts: use a sweep of params",
        ),
        (
            &["sweep", "circles", "--view", "0,1,0,1"],
            "unknown sweep `circles`; the sweeps are starts, params",
        ),
    ];
    for (args, expected) in cases {
        let output = descent(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = text(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("descent: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
    }
    let too_much = descent(&[
        "sweep", "starts", "--view", "0,1,0,1", "--grid", "1000", "--steps", "1000",
    ]);
    assert!(text(&too_much.stderr).contains("a sweep may take at most 100000000"));
}

#[test]
fn help_describes_both_kinds() {
    for args in [
        &["sweep", "--help"][..],
        &["sweep", "starts", "--help"],
        &["sweep"],
    ] {
        let output = descent(args);
        assert!(output.status.success());
        let help = text(&output.stdout);
        assert!(help.contains("descent sweep starts --view"), "{help}");
        assert!(help.contains("descent sweep params --x KEY=MIN:MAX[:log]"));
        assert!(help.contains("columns x, y, w1, w2, error"));
    }
    assert!(text(&descent(&["--help"]).stdout).contains("descent sweep KIND [OPTIONS]"));
}
