"""Descent's optimizers in Python: exact trajectories and sweeps as numpy arrays
(`trajectory`, `sweep`), computed by Descent's Rust core compiled into this package, and the
interactive figure as a notebook widget (`Figure`, with the `widget` extra: anywidget)."""

from ._api import Sweep, Trajectory, keys, sweep, trajectory

__all__ = ["Figure", "Sweep", "Trajectory", "keys", "sweep", "trajectory"]

try:
    from importlib.metadata import version as _version

    __version__ = _version("descent-explorer")
except Exception:  # not installed as a distribution (a source checkout)
    __version__ = "0+unknown"


def __getattr__(name: str):
    # The widget needs anywidget; the arrays do not. Import it on first use.
    if name == "Figure":
        try:
            from ._widget import Figure
        except ImportError as error:
            raise ImportError(
                f"descent_explorer.Figure needs anywidget ({error}); "
                "install it with `pip install 'descent-explorer[widget]'`"
            ) from error
        return Figure
    raise AttributeError(f"module 'descent_explorer' has no attribute {name!r}")
