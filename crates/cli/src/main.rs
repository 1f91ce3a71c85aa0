//! `descent`: optimizer trajectories, first steps and the amplification measure from the
//! command line, with the vocabulary of the page's URLs and JS API, and the page's figures as
//! SVG or PNG files. Not the explorer itself.

use std::io::{self, Write};
use std::process::ExitCode;

use descent_cli::args::{self, Command};
use descent_cli::{figure, output, sweep};
use descent_core::amplification::amplification;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("descent: {message} (see `descent --help`)");
            return ExitCode::from(2);
        }
    };
    let mut stdout = io::stdout().lock();
    let written = match command {
        Command::Help(text) => stdout.write_all(text.as_bytes()),
        Command::Figure(figure) => return figure::run(&figure),
        Command::Sweep { config, format } => {
            stdout.write_all(sweep::output(&config, format).as_bytes())
        }
        Command::Trajectory { config, format } => {
            let trajectory = config.run();
            let written = output::write_trajectory(&mut stdout, &trajectory, format);
            if let Some(stop) = trajectory.stop {
                eprintln!("descent: {stop}");
            }
            written
        }
        Command::Steps { steps, format } => {
            let runs = steps.run();
            let written = output::write_steps(&mut stdout, &runs, format);
            for run in &runs {
                if let Some(stop) = run.stop {
                    eprintln!("descent: {}: {stop}", run.optimizer.name());
                }
            }
            written
        }
        Command::Amplification { g, config } => config.betas.iter().try_for_each(|&beta| {
            let c = amplification(g[0], g[1], beta, config.lr, config.eps);
            writeln!(stdout, "{}", output::number(c))
        }),
    };
    match written.and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`descent ... | head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("descent: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
