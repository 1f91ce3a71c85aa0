"""Descent's optimizers in Python: exact trajectories and sweeps as numpy arrays, and the
interactive figure as a notebook widget."""

from typing import Literal, Sequence

import anywidget
import numpy as np
import numpy.typing as npt
import pandas
from typing_extensions import TypedDict, Unpack

Column = npt.NDArray[np.float64]

class Trajectory:
    """A run: one float64 array per column, `t, w1, w2, error, g1, g2`, then the state."""

    columns: tuple[str, ...]
    """The column names, in order."""
    stop: str | None
    """Why the run ended early (diverged, undefined, converged), or None."""
    t: Column
    w1: Column
    w2: Column
    error: Column
    g1: Column
    g2: Column
    def __getattr__(self, name: str) -> Column: ...
    def __getitem__(self, name: str) -> Column: ...
    def __len__(self) -> int: ...
    def to_pandas(self) -> pandas.DataFrame: ...

class Sweep:
    """A sweep: one float64 array per column, in cell order (y, then x)."""

    columns: tuple[str, ...]
    """`start1, start2` (or `x, y`), `w1, w2, error, t, stop`."""
    stop_reasons: tuple[str, ...]
    """What the codes of `stop` mean: code n is `stop_reasons[n - 1]` (0: took all its steps)."""
    kind: Literal["starts", "params"]
    grid: tuple[int, int]
    """Cells along x and y."""
    w1: Column
    w2: Column
    error: Column
    t: Column
    stop: Column
    def __getattr__(self, name: str) -> Column: ...
    def __getitem__(self, name: str) -> Column: ...
    def __len__(self) -> int: ...
    def to_pandas(self) -> pandas.DataFrame: ...

def trajectory(**keys: Unpack[RunKeys]) -> Trajectory: ...
def sweep(**keys: Unpack[SweepKeys]) -> Sweep: ...
def keys() -> list[tuple[str, str, list[str], str]]: ...

__version__: str
