"""Pylot's cell runner: IPython-like execution in one shared namespace.

Installed by the worker as module ``_pylot_runner`` (after ``_pylot_display`` and
``_pylot_output``) and baked into the memory snapshot, so it must hold no JavaScript
reference at import time (a snapshot cannot serialise one): the worker hands over its
output sink after boot, in ``attach``.
"""

import ast
import asyncio
import builtins
import inspect
import io
import linecache
import sys
import tokenize
import traceback

import _pylot_output as output
import _pylot_packages as packages
from _pylot_display import DISPLAY_FILE, format_bundle

# Frames compiled from our files are cut from user tracebacks, so the user sees
# `File "<cell-3>", line 2` frames pointing into their own code, as in IPython.
_OUR_FILES = frozenset(((lambda: None).__code__.co_filename, DISPLAY_FILE, output.OUTPUT_FILE,
                        packages.PACKAGES_FILE))


class StdinNotImplementedError(RuntimeError):
    """Raised by input(): a notebook cell cannot wait for keyboard input."""

    # Shown as plain `StdinNotImplementedError:` in tracebacks, not as a name of ours.
    __module__ = "builtins"


_sink = None  # set by attach()
# Names __main__ holds before any cell runs (Pyodide's and ours): never the person's variables.
_baseline_names = frozenset()


def display(*objs, raw=False, metadata=None, **_ignored):
    """Show objects below the cell as display_data (like IPython's display)."""
    for obj in objs:
        if raw:
            data, md = dict(obj), {}
        else:
            data, md = format_bundle(obj, output.warn)
        if metadata:
            md.update(metadata)
        output.add({"output_type": "display_data", "data": data, "metadata": md})


def _input(prompt=""):
    raise StdinNotImplementedError(
        "input() is not supported: a notebook cell cannot wait for keyboard input. "
        "Assign the value in code instead."
    )


def attach(sink):
    """Called by the worker after boot (never before a snapshot): connect the page."""
    global _sink, _baseline_names
    _sink = sink
    sys.stdout = output.CellStream("stdout")
    sys.stderr = output.CellStream("stderr")
    builtins.display = display
    builtins.input = _input
    packages.install_library_hooks()
    # Pyodide's bootstrap imports this into __main__; the user's namespace starts clean.
    user_namespace().pop("_pyodide_core", None)
    _baseline_names = frozenset(user_namespace())


def user_namespace():
    # The real __main__ dict, so pickle, dataclasses and typing find cell-defined classes.
    return sys.modules["__main__"].__dict__


def _imported(value):
    """A module, or a function or class that came from one (``from math import sqrt``)."""
    if isinstance(value, type(sys)):
        return True
    if callable(value) and (inspect.isroutine(value) or isinstance(value, type)):
        return getattr(value, "__module__", "__main__") != "__main__"
    return False


def user_variables():
    """Names the person's cells defined, in definition order: not modules or what was imported
    from them, not _-prefixed names, nothing __main__ held before the first cell."""
    return [name for name, value in list(user_namespace().items())
            if not name.startswith("_") and name not in _baseline_names and not _imported(value)]


def _quiet(source):
    """True when the last token is ';' (IPython: a trailing semicolon hides the result)."""
    if ";" not in source:  # tokenizing costs more than the rest of a small cell
        return False
    last = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                                tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                last = tok
    except (tokenize.TokenError, SyntaxError):
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"


def _strip_our_frames(te, seen):
    while te is not None and id(te) not in seen:
        seen.add(id(te))
        te.stack = traceback.StackSummary.from_list(
            [f for f in te.stack if f.filename not in _OUR_FILES and not f.filename.startswith("<pylot-")])
        for group in te.exceptions or ():
            _strip_our_frames(group, seen)
        _strip_our_frames(te.__cause__, seen)
        te = te.__context__


def _error_output(exc):
    sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__, compact=True)
    _strip_our_frames(te, set())
    text = "".join(te.format()).rstrip("\n")
    return {
        "output_type": "error",
        "ename": type(exc).__name__,
        "evalue": str(exc),
        # One entry per line: joined with "\n" it is exactly what Python would print.
        "traceback": text.split("\n"),
    }


class _Cell:
    def __init__(self, source, execution_count):
        self.count = execution_count
        filename = "<cell-%d>" % execution_count
        # Registered like IPython does, so tracebacks and inspect.getsource show cell lines.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        tree = compile(source, filename, "exec", flags | ast.PyCF_ONLY_AST, dont_inherit=True)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr) and not _quiet(source):
            last = ast.Expression(tree.body.pop().value)
        self.body = compile(tree, filename, "exec", flags, dont_inherit=True)
        self.last = compile(last, filename, "eval", flags, dont_inherit=True) if last else None
        self.is_async = any(
            code is not None and code.co_flags & inspect.CO_COROUTINE
            for code in (self.body, self.last)
        )

    def show(self, value):
        if value is None:
            return
        ns = user_namespace()
        ns["_"] = value
        data, md = format_bundle(value, output.warn)
        output.add({"output_type": "execute_result", "execution_count": self.count,
                    "data": data, "metadata": md})

    def run(self):
        ns = user_namespace()
        exec(self.body, ns)
        if self.last is not None:
            self.show(eval(self.last, ns))

    async def run_async(self):
        # Await what the compiler made a coroutine (the cell's own awaits), never a
        # coroutine object that is merely the cell's value.
        ns = user_namespace()
        result = eval(self.body, ns)
        if self.body.co_flags & inspect.CO_COROUTINE:
            await _CellAwait(result)
        if self.last is not None:
            value = eval(self.last, ns)
            if self.last.co_flags & inspect.CO_COROUTINE:
                value = await _CellAwait(value)
            self.show(value)


_signals = None  # the worker's switch: whether Python reads the page's SIGINT cell


def attach_signals(switch):
    """Called by the worker after boot: switch(on) starts or stops Python reading the SIGINT cell;
    switching on clears it first."""
    global _signals
    _signals = switch


class _CellAwait:
    """Awaits a cell's coroutine. When an interrupt cancels the cell, the worker stops Python reading
    the SIGINT cell (the page keeps re-signalling, and a SIGINT raised inside the event loop's own
    code would end the run outside the cell). Reading is back on only while the cancellation is
    inside the cell's code: a cell that swallows it and keeps computing is still interruptible."""

    def __init__(self, coro):
        self._coro = coro

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self._coro.send(None)

    def send(self, value):
        return self._coro.send(value)

    def throw(self, *exc):
        if _signals is None:
            return self._coro.throw(*exc)
        _signals(True)
        try:
            return self._coro.throw(*exc)
        finally:
            _signals(False)

    def close(self):
        return self._coro.close()


def _flush_figures():
    """Open matplotlib figures go out after the cell's own outputs, as in Jupyter."""
    try:
        packages.flush_figures()
    except Exception as exc:
        output.warn("could not show the figure: %s: %s" % (type(exc).__name__, exc))


def _finish(exc):
    """Turns how a cell ended into a status; the error goes out as an output."""
    status = "ok"
    try:
        if not isinstance(exc, KeyboardInterrupt):
            _flush_figures()
        if exc is not None:
            output.current.add(_error_output(exc))
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "error"
        output.current.flush()
    finally:
        output.current = None
    return status


class _AsyncRun:
    """The task of a cell with top-level await, and whether an interrupt asked it to stop."""

    def __init__(self):
        self.task = None
        self.started = False
        self.interrupted = False


_async_run = None


def run_cell(source, execution_count):
    """Runs one cell. Returns "ok" | "error" | "interrupted", or, when the cell
    uses top-level await, a task the worker awaits for that status."""
    global _async_run
    output.current = output.Outbox(_sink or (lambda _batch: None))
    try:
        cell = _Cell(source, execution_count)
        if cell.is_async:
            run = _AsyncRun()
            run.task = asyncio.ensure_future(_run_async(cell, run))
            _async_run = run
            return run.task
        cell.run()
    except BaseException as exc:  # noqa: B036 - SystemExit/KeyboardInterrupt are shown too
        return _finish(exc)
    return _finish(None)


def interrupt():
    """Stops the awaiting cell, if one is: while a task awaits no bytecode runs, so the SIGINT
    cell is never read; cancelling the task raises CancelledError at its await, reported as
    KeyboardInterrupt. Returns whether there was such a cell to stop."""
    run = _async_run
    if run is None or run.task.done():
        return False
    run.interrupted = True
    if run.started:  # not yet started: it raises KeyboardInterrupt as it starts
        run.task.cancel()
    return True


def _as_keyboard_interrupt(cancelled):
    exc = KeyboardInterrupt()
    exc.__traceback__ = cancelled.__traceback__
    exc.__suppress_context__ = True
    return exc


async def _run_async(cell, run):
    global _async_run
    try:
        try:
            if run.interrupted:
                raise KeyboardInterrupt
            run.started = True
            await cell.run_async()
        except asyncio.CancelledError as exc:
            # A cancellation of the cell's own making stays a CancelledError.
            return _finish(_as_keyboard_interrupt(exc) if run.interrupted else exc)
        except BaseException as exc:  # noqa: B036
            return _finish(exc)
        return _finish(None)
    finally:
        if _async_run is run:
            _async_run = None
