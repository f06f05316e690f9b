"""MIME bundles for results and display(), following IPython's repr protocol.

Installed as module ``_pylot_display`` before ``_pylot_runner``. Every value in a
bundle must survive json.dumps (the outbox sends JSON), so images become base64
text and an unserialisable _repr_json_ is dropped with a warning.
"""

import base64
import inspect
import json

DISPLAY_FILE = (lambda: None).__code__.co_filename

# (MIME type, method) in the order a front end prefers them; text/plain always comes from repr().
REPR_METHODS = (
    ("text/html", "_repr_html_"),
    ("text/markdown", "_repr_markdown_"),
    ("image/svg+xml", "_repr_svg_"),
    ("image/png", "_repr_png_"),
    ("image/jpeg", "_repr_jpeg_"),
    ("text/latex", "_repr_latex_"),
    ("application/json", "_repr_json_"),
)
_BINARY = frozenset(("image/png", "image/jpeg"))


def _claims_everything(obj):
    # Objects whose __getattr__ answers any name (mocks, some proxies) would "have"
    # every _repr_*_ method; IPython guards the same way.
    try:
        return hasattr(obj, "_pylot_canary_method_should_not_exist_")
    except Exception:
        return True


def _call(obj, method, warn):
    try:
        fn = getattr(obj, method, None)
        return fn() if callable(fn) else None
    except Exception as exc:
        warn("%s.%s() failed: %s: %s" % (type(obj).__name__, method, type(exc).__name__, exc))
        return None


def _clean(mime, value, warn):
    """Value as it goes into the JSON bundle, or None to drop it."""
    if mime in _BINARY and isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if mime == "application/json" or mime.endswith("+json"):
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as exc:
            warn("%s output is not JSON: %s" % (mime, exc))
            return None
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return value if isinstance(value, str) else None


def _add(data, md, mime, value, warn):
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        value, meta = value
        md[mime] = meta
    value = _clean(mime, value, warn)
    if value is not None:
        data[mime] = value


def format_bundle(obj, warn):
    """Returns (data, metadata) for obj. A failing repr() propagates like any error in
    the cell; a failing _repr_*_ method only drops that MIME type, with a warning."""
    data, md = {}, {}
    if not inspect.isclass(obj) and not _claims_everything(obj):
        bundle = _call(obj, "_repr_mimebundle_", warn)
        if isinstance(bundle, tuple) and len(bundle) == 2:
            bundle, bundle_md = bundle
            if isinstance(bundle_md, dict):
                md.update(bundle_md)
        if isinstance(bundle, dict):
            for mime, value in bundle.items():
                if isinstance(mime, str):
                    _add(data, md, mime, value, warn)
        for mime, method in REPR_METHODS:
            if mime not in data:
                value = _call(obj, method, warn)
                if value is not None:
                    _add(data, md, mime, value, warn)
    if "text/plain" not in data:
        data["text/plain"] = repr(obj)
    return data, md
