"""Import hooks: packages that could not be loaded, and libraries with inline display.

Installed as module ``_pylot_packages`` (before ``_pylot_runner``). Nothing here imports
matplotlib, PIL or pandas: hooks run only when the user's code imports them.

- The worker loads the Pyodide packages a cell imports before the cell runs. When one could
  not be loaded (index unreachable, timed out), it calls ``set_unavailable`` so that importing
  it raises ModuleNotFoundError with the reason, at the user's import line, instead of a bare
  "No module named" (and a ``try: import x / except ImportError`` still works).
- matplotlib: figures appear below the cell as PNG without ``plt.show()`` (like Jupyter's inline
  backend): the Agg backend is selected, ``plt.show()`` displays the open figures, and every
  figure still open when the cell ends is displayed and closed.
"""

import importlib.abc
import importlib.machinery
import os
import sys

PACKAGES_FILE = (lambda: None).__code__.co_filename

_unavailable = {}  # top-level import name -> reason, for the running cell
_after_import = {}  # module name -> [callback(module)], run once when it is first imported


def set_unavailable(reasons):
    """reasons: {import name: message}; replaces the previous cell's."""
    _unavailable.clear()
    _unavailable.update(reasons)


def when_imported(name, callback):
    """Runs callback(module) right after `name` is imported (at once if it already is)."""
    if name in sys.modules:
        callback(sys.modules[name])
    else:
        _after_import.setdefault(name, []).append(callback)


class _LoaderWithHook(importlib.abc.Loader):
    def __init__(self, loader, callbacks):
        self._loader = loader
        self._callbacks = callbacks

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        for callback in self._callbacks:
            callback(module)

    def __getattr__(self, name):  # get_resource_reader, is_package, get_source …
        return getattr(self._loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        reason = _unavailable.get(fullname.partition(".")[0])
        if reason is not None:
            raise ModuleNotFoundError("No module named %r: %s" % (fullname, reason), name=fullname)
        callbacks = _after_import.get(fullname)
        if not callbacks:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return None
        del _after_import[fullname]
        spec.loader = _LoaderWithHook(spec.loader, callbacks)
        return spec


def _install_finder():
    # Replaces an older copy of ours (the runner can be reinstalled over a snapshot).
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "_Finder"]
    sys.meta_path.insert(0, _Finder())


_install_finder()


# ------------------------------------------------------------------ matplotlib inline

_pyplot = None


def _setup_pyplot(pyplot):
    global _pyplot
    _pyplot = pyplot
    real_show = pyplot.show

    def show(*args, **kwargs):
        """Shows the open figures below the cell (Pylot's inline backend)."""
        if flush_figures() is None:
            return real_show(*args, **kwargs)

    show.__wrapped__ = real_show
    pyplot.show = show


def flush_figures():
    """Displays every open pyplot figure as PNG and closes it. Returns how many, or None
    when pyplot is not in use."""
    if _pyplot is None:
        return None
    from _pylot_runner import display  # the runner imports us: no cycle at import time

    shown = 0
    for num in list(_pyplot.get_fignums()):
        figure = _pyplot.figure(num)
        display(_FigurePng(figure))
        shown += 1
    if shown:
        _pyplot.close("all")
    return shown


class _FigurePng:
    """What the inline backend displays for a figure: PNG, plus its repr as text."""

    def __init__(self, figure):
        self._figure = figure

    def _repr_png_(self):
        import io

        buf = io.BytesIO()
        self._figure.savefig(buf, format="png", bbox_inches="tight")
        return buf.getvalue()

    def __repr__(self):
        return repr(self._figure)


def install_library_hooks():
    """Called once the worker attaches (not in the snapshot): env and lazy hooks."""
    # Agg renders without a DOM (the worker has none); must be chosen before pyplot imports.
    os.environ["MPLBACKEND"] = "agg"
    when_imported("matplotlib.pyplot", _setup_pyplot)
