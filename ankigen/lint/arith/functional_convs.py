"""Convolutions written as functions on two arrays, the input and the kernel, rather than as
layer objects: JAX's ``lax.conv_general_dilated(x, w, window_strides, padding, …,
dimension_numbers=("NWC", "WIO", "NWC"))`` and PyTorch's ``F.conv2d(x, w, stride=2,
padding=1)``. The kernel's size and the number of filters are the kernel array's shape, which
the code states where it makes the array (``w = jnp.zeros((5, 4, 32))``); each call is read as
the layer class it computes, so that the code layer tracker follows it like any other.
"""

from __future__ import annotations

import ast
from typing import Any

from ankigen.lint.lazy_pattern import lazy_regex

# The array makers whose shape argument the code states.
_MAKERS = lazy_regex(
    r"(?:jnp|np|numpy|jax\.numpy|torch)\.(?:zeros|ones|empty|full)|"
    r"(?:torch\.(?:randn|rand))|(?:jax\.)?random\.(?:normal|uniform)"
)
_JAX = lazy_regex(r"(?:jax\.)?lax\.conv_general_dilated")
_TORCH = lazy_regex(r"(?:F|torch\.nn\.functional|nn\.functional|torch)\.conv(?P<dims>[123])d")


def array_shapes(tree: ast.Module) -> dict[str, tuple[int, ...]]:
    """Names assigned once, at the top level, an array of a literal shape."""
    shapes: dict[str, tuple[int, ...]] = {}
    seen: set[str] = set()
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target = statement.targets[0]
        if not isinstance(target, ast.Name):
            continue
        if target.id in seen:
            shapes.pop(target.id, None)
            continue
        seen.add(target.id)
        shape = _made_shape(statement.value)
        if shape is not None:
            shapes[target.id] = shape
    return shapes


def _made_shape(node: ast.expr) -> tuple[int, ...] | None:
    if not isinstance(node, ast.Call) or not _MAKERS.fullmatch(ast.unparse(node.func)):
        return None
    arguments = list(node.args)
    if ast.unparse(node.func).endswith(("normal", "uniform")) and "random." in ast.unparse(
        node.func
    ):
        arguments = arguments[1:]  # ``random.normal(key, shape)``
    if len(arguments) == 1 and isinstance(arguments[0], (ast.Tuple, ast.List)):
        arguments = list(arguments[0].elts)
    values = [a.value for a in arguments if isinstance(a, ast.Constant) and type(a.value) is int]
    if len(values) != len(arguments) or not values:
        return None
    return tuple(int(value) for value in values)


def functional_conv(
    call: ast.Call, shapes: dict[str, tuple[int, ...]]
) -> tuple[str, ast.Call, bool] | None:
    """The layer class a functional convolution computes, as (class name, its constructor
    call, channels first), or None when it is no such call or its kernel's shape is unknown."""
    dotted = ast.unparse(call.func)
    if len(call.args) < 2 or not isinstance(call.args[1], ast.Name):
        return None
    kernel = shapes.get(call.args[1].id)
    if kernel is None:
        return None
    if _JAX.fullmatch(dotted):
        return _jax(call, kernel)
    torch = _TORCH.fullmatch(dotted)
    if torch is not None:
        return _torch(call, kernel, int(torch.group("dims")))
    return None


def _literal(node: ast.expr | None) -> object:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError):
        return _UNREAD


_UNREAD = object()


def _jax(call: ast.Call, kernel: tuple[int, ...]) -> tuple[str, ast.Call, bool] | None:
    names = ("lhs", "rhs", "window_strides", "padding", "lhs_dilation", "rhs_dilation")
    given: dict[str, ast.expr] = dict(zip(names, call.args, strict=False))
    given.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    allowed = {*names, "dimension_numbers", "precision", "preferred_element_type"}
    if set(given) - allowed or _literal(given.get("lhs_dilation")) not in (None,):
        return None  # an input dilation (a transposed convolution), feature groups: left alone
    numbers = _literal(given.get("dimension_numbers"))
    if not (
        isinstance(numbers, tuple)
        and len(numbers) == 3
        and all(isinstance(n, str) for n in numbers)
    ):
        return None  # JAX's default layout (NCHW, OIHW) written nowhere: left alone
    lhs, rhs, out = numbers
    if lhs != out or not lhs.startswith("N") or lhs[-1] != "C" or len(rhs) != len(kernel):
        return None  # only channels-last inputs, the layout the array makers state
    if "O" not in rhs or "I" not in rhs:
        return None
    spatial = [size for letter, size in zip(rhs, kernel, strict=True) if letter not in "IO"]
    strides = _literal(given.get("window_strides"))
    padding = _literal(given.get("padding"))
    dilation = _literal(given.get("rhs_dilation")) or tuple(1 for _ in spatial)
    if not isinstance(padding, str) or padding.upper() not in ("SAME", "VALID"):
        return None  # explicit pairs of padding: left alone
    if not isinstance(strides, tuple) or len(strides) != len(spatial):
        return None
    if not isinstance(dilation, tuple) or len(dilation) != len(spatial):
        return None
    keywords = {
        "filters": kernel[rhs.index("O")],
        "kernel_size": tuple(spatial),
        "strides": strides,
        "padding": padding.lower(),
        "dilation_rate": dilation,
    }
    return f"Conv{len(spatial)}D", _constructed(call, keywords), False


def _torch(call: ast.Call, kernel: tuple[int, ...], dims: int) -> tuple[str, ast.Call, bool] | None:
    if len(kernel) != dims + 2 or len(call.args) > 2:
        return None  # a bias or a stride given by position: left alone
    given = {k.arg: _literal(k.value) for k in call.keywords if k.arg is not None}
    if set(given) - {"stride", "padding", "dilation", "bias"} or _UNREAD in given.values():
        return None
    if isinstance(given.get("padding"), str):
        return None  # PyTorch's "same" and "valid" strings: left to the layer readings
    keywords = {
        "in_channels": kernel[1],
        "out_channels": kernel[0],
        "kernel_size": tuple(kernel[2:]),
        "stride": given.get("stride", 1),
        "padding": given.get("padding", 0),
        "dilation": given.get("dilation", 1),
    }
    return f"Conv{dims}d", _constructed(call, keywords), True


def _constructed(call: ast.Call, keywords: dict[str, Any]) -> ast.Call:
    built = ast.Call(
        func=ast.Name(id="Conv"),
        args=[],
        keywords=[
            ast.keyword(arg=key, value=ast.Constant(value=value)) for key, value in keywords.items()
        ],
    )
    return ast.copy_location(built, call)
