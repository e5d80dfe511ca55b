"""Finding, loading and registering plugins.

Three steps, as in Flake8: find (built-in modules in the shipped ``plugins/`` folder,
the built-in readers and reporters, then installed packages through the entry-point
group ``disclint``), load (import), register with one pluggy manager. Built-in
plugins take the same path as third-party ones.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pluggy

from . import entrypoints, hookspecs
from .checking import CheckerKind
from .resources import plugins_dir

ENTRY_POINT_GROUP = "disclint"

# Core modules that implement hooks (readers and reporters ship with the engine).
_CORE_MODULES = (
    "disclint.readers.builtin",
    "disclint.reporters.builtin",
)


class PluginError(Exception):
    """A plugin could not be loaded or registered; the message names it."""


@dataclass(frozen=True)
class LoadedPlugin:
    name: str  # entry-point name or module name
    origin: str  # "core", "builtin" (plugins/ folder) or the distribution that shipped it
    module: ModuleType


def _import_file(path: Path) -> ModuleType:
    """Import a built-in plugin module from the shipped plugins folder."""
    mod_name = f"disclint._builtin_plugins.{path.stem}"
    if mod_name in sys.modules:
        return sys.modules[mod_name]
    spec = importlib.util.spec_from_file_location(mod_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"cannot import built-in plugin {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = module
    spec.loader.exec_module(module)
    return module


def find_plugins(entry_points: bool = True) -> list[LoadedPlugin]:
    """Every plugin module, sorted within each origin for a deterministic order."""
    found = [LoadedPlugin(m, "core", importlib.import_module(m)) for m in _CORE_MODULES]
    for path in sorted(plugins_dir().glob("*.py")):
        if path.name.startswith("_"):
            continue
        found.append(LoadedPlugin(path.stem, "builtin", _import_file(path)))
    if entry_points:
        for ep in entrypoints.scan(ENTRY_POINT_GROUP):
            try:
                module = entrypoints.load(ep["value"])
            except Exception as exc:  # a broken third-party package must be named
                raise PluginError(f"plugin {ep['name']!r} from package {ep['dist']!r} failed to load: {exc}") from exc
            found.append(LoadedPlugin(ep["name"], ep["dist"], module))
    return found


def make_manager(extra: list[ModuleType] | None = None, entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with every plugin registered (``extra`` modules last)."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for plugin in find_plugins(entry_points):
        if pm.is_registered(plugin.module):
            continue
        pm.register(plugin.module, name=f"{plugin.origin}:{plugin.name}")
    for module in extra or []:
        pm.register(module)
    return pm


def plugin_versions(pm: pluggy.PluginManager) -> list[str]:
    """``name==version`` of every installed distribution that registered a plugin."""
    versions = {ep["dist"]: ep["version"] for ep in entrypoints.scan(ENTRY_POINT_GROUP)}
    out = set()
    for name, _plugin in pm.list_name_plugin():
        dist = (name or "").partition(":")[0]
        if dist and ":" in name and dist not in ("core", "builtin"):
            out.add(f"{dist}=={versions.get(dist, '?')}")
    return sorted(out)


def checker_kinds(pm: pluggy.PluginManager) -> dict[str, CheckerKind]:
    """All checker kinds by name; two plugins claiming one name is an error."""
    kinds: dict[str, CheckerKind] = {}
    for batch in pm.hook.disclint_checker_kinds():
        for kind in batch or []:
            if kind.name in kinds:
                raise PluginError(f"checker kind {kind.name!r} is provided twice")
            kinds[kind.name] = kind
    return kinds


def extensions(pm: pluggy.PluginManager) -> set[str]:
    return {e.lower() for batch in pm.hook.disclint_file_extensions() for e in (batch or [])}


def rule_paths(pm: pluggy.PluginManager) -> list[Path]:
    return [Path(p) for batch in pm.hook.disclint_rule_paths() for p in (batch or [])]


def reporters(pm: pluggy.PluginManager) -> dict:
    out: dict = {}
    # pluggy calls later-registered plugins first; reverse so built-ins win names.
    for batch in reversed(pm.hook.disclint_reporters()):
        for name, fn in (batch or {}).items():
            out.setdefault(name, fn)
    return out
