"""Where the host serves an HTTP route, which routes it reserves, and when two routes conflict
(H-30, H-31)."""

from __future__ import annotations

RESERVED_PREFIXES: tuple[str, ...] = ("admin", "runtime")


def _trim_prefix(template: str) -> str:
    if template.startswith("~/"):
        return template[2:]
    if template.startswith("/"):
        return template[1:]
    return template


def effective_url(route: str, route_prefix: str = "api") -> str:
    """The URL path the host serves the route at: `/api/products/{id}`, or `/products/{id}`.

    Mirrors the host: `<prefix>/<route>` (the route alone when the prefix is empty), with one
    leading `/` or `~/` trimmed. Pass the function name when the binding has no `route`.
    """
    template = f"{route_prefix}/{route}" if route_prefix else route
    return "/" + _trim_prefix(template)


def is_reserved(route: str) -> bool:
    """True when the host rejects the route as a built-in one (H-30).

    The host trims '/' from both ends, lower-cases, and tests whether the text STARTS WITH
    `admin` or `runtime`, so `adminpanel/x` and `runtimeinfo` are rejected too.
    """
    lowered = route.strip("/").lower()
    return lowered.startswith(RESERVED_PREFIXES)


def _ordinal_fold(text: str) -> str:
    """Per-character upper-casing, as .NET's OrdinalIgnoreCase compares."""
    out = []
    for ch in text:
        up = ch.upper()
        out.append(up if len(up) == 1 else ch)
    return "".join(out)


def route_key(route: str) -> str:
    """What the host's H-31 comparison sees of a route (case ignored, '/' trimmed from both ends):
    two routes conflict exactly when their keys are equal, so conflicts are found by grouping on
    it rather than comparing all pairs. Only the route text counts (`items/{id}` and
    `items/{name}` do not conflict); the caller also checks that the methods intersect."""
    return _ordinal_fold(route.strip("/"))
