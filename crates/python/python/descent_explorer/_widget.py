"""`Figure`: a Descent figure as an anywidget. Its keys (the explorer's URL keys, read from
Descent's vocabulary) are traits that sync both ways: setting one redraws, a click on the
surface sets `start`, playback sets `t`. The front end (static/widget.js) is the web build's
wasm module and JS glue inside one ES module: it loads nothing over the network. The PNG in
the mime bundle is drawn natively, so a static or exported notebook shows the figure too."""

from __future__ import annotations

import base64
import pathlib

import anywidget
import traitlets

from . import _native

#: Every key of a figure, in documentation order (the run's keys, then the figure's).
KEYS = tuple(key for key, *_ in _native.keys())
_HELP = {key: help for key, _, _, help in _native.keys()}

#: The size of the static picture in pixels (width, height) per figure.
PICTURE_SIZE = {
    "trajectory": (720, 860),
    "steps": (720, 576),
    "amplification": (960, 310),
    "sweep": (720, 590),
}


class _FigureBase(anywidget.AnyWidget):
    _esm = pathlib.Path(__file__).parent / "static" / "widget.js"

    notices = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Why keys were not used as given, as the front end reports it."""
    _keys = traitlets.List(traitlets.Unicode(), default_value=list(KEYS)).tag(sync=True)
    _steps = traitlets.Int(0).tag(sync=True)

    def __init__(self, **keys):
        steps = _native.figure_check(**keys)
        super().__init__(**keys)
        self._steps = steps

    def figure_keys(self) -> dict:
        """The keys given (not None), as a dict."""
        return {key: getattr(self, key) for key in KEYS if getattr(self, key) is not None}

    def png(self, width: int | None = None, height: int | None = None, pixel_ratio: float = 1.0) -> bytes:
        """The figure as a PNG, drawn natively by Descent's plotting code (no browser)."""
        keys = self.figure_keys()
        default = PICTURE_SIZE.get(keys.get("figure", "trajectory"), (720, 860))
        data, _stops = _native.figure_png(width or default[0], height or default[1], pixel_ratio, **keys)
        return data

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        try:
            data["image/png"] = base64.b64encode(self.png()).decode("ascii")
        except ValueError:
            pass  # the front end says what is wrong with the keys
        return data, metadata

    def _check_key(self, proposal):
        """Validates a key's new value with the others, through Descent's core: an invalid one
        raises ValueError with the CLI's message and the figure keeps its last good keys."""
        keys = self.figure_keys()
        name = proposal["trait"].name
        keys[name] = proposal["value"]
        if proposal["value"] is None:
            del keys[name]
        self._steps = _native.figure_check(**keys)
        return proposal["value"]


def _trait(key: str) -> traitlets.TraitType:
    return traitlets.Any(None, allow_none=True, help=_HELP.get(key, "")).tag(sync=True)


Figure = type(
    "Figure",
    (_FigureBase,),
    {
        "__module__": __name__,
        "__doc__": "A Descent figure in a notebook: `Figure(preset='rosenbrock', optimizer='adam')`. "
        "Its keys are the explorer's URL keys; each is a trait that syncs both ways "
        "(`fig.lr = 0.1` redraws, a click on the surface sets `fig.start`, playback sets "
        "`fig.t`, and `fig.observe(callback, names='start')` works).",
        **{key: _trait(key) for key in KEYS},
        "_validate_keys": traitlets.validate(*KEYS)(_FigureBase._check_key),
    },
)
