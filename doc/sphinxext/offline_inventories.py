"""Intersphinx inventories generated from the installed packages.

The real ``objects.inv`` files of NumPy, scikit-learn, nilearn, ... live on the
projects' web sites, which an offline build cannot reach. For each project we
walk the public API of the installed package and write an inventory whose URIs
follow the project's published URL scheme (``modules/generated/<name>.html`` for
scikit-learn, ``reference/generated/<name>.html`` for NumPy, ...). Sphinx tries
the real inventory first and falls back to this file, so API links (in prose and
in sphinx-gallery's code blocks) resolve either way and the build stays free of
warnings.

TensorFlow and Keras publish no Sphinx inventory at all; for them the generated
inventory, pointing at tensorflow.org's ``api_docs/python/tf/...`` pages, is the
only one.
"""

from __future__ import annotations

import importlib
import inspect
import json
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

GENERATOR_VERSION = 4


@dataclass(frozen=True)
class Entry:
    """One documented object: its public dotted name and Sphinx role."""

    name: str
    role: str  # "py:module", "py:class", "py:function", "py:method" or "py:data"
    owner: str = ""  # for methods: the public name of the class
    home: str = ""  # the module that defines the object (or its class)


@dataclass(frozen=True)
class Project:
    name: str
    distribution: str
    modules: tuple[str, ...]
    uri: Callable[[Entry], str]
    # Restrict a module's walk to names from these packages (re-exports from
    # other libraries, e.g. numpy inside scipy, belong to their own inventory).
    owns: tuple[str, ...] = field(default=())

    def owned_prefixes(self) -> tuple[str, ...]:
        return self.owns or tuple({m.split(".")[0] for m in self.modules})


def _page(prefix: str) -> Callable[[Entry], str]:
    """``<prefix><name>.html#<name>``: one generated page per function or class,
    methods on their own page too (NumPy, SciPy, pandas, matplotlib)."""

    def uri(entry: Entry) -> str:
        if entry.role == "py:module":
            return f"{prefix}{entry.name}.html#module-{entry.name}"
        return f"{prefix}{entry.name}.html#{entry.name}"

    return uri


def _class_page(prefix: str, module_page: Callable[[str], str]) -> Callable[[Entry], str]:
    """One page per function or class; methods are anchors on their class's page
    (scikit-learn, nilearn, seaborn)."""

    def uri(entry: Entry) -> str:
        if entry.role == "py:module":
            return module_page(entry.name)
        if entry.role == "py:method":
            return f"{prefix}{entry.owner}.html#{entry.name}"
        return f"{prefix}{entry.name}.html#{entry.name}"

    return uri


def _python_uri(entry: Entry) -> str:
    if "." not in entry.name:  # builtins
        if entry.role == "py:class" and entry.name in _PYTHON_STDTYPES:
            return f"library/stdtypes.html#{entry.name}"
        if entry.role == "py:class" and entry.name.endswith(("Error", "Exception", "Warning")):
            return f"library/exceptions.html#{entry.name}"
        return f"library/functions.html#{entry.name}"
    module = entry.name.split(".")[0]
    if entry.name.startswith("os.path"):
        module = "os.path"
    if entry.role == "py:module":
        return f"library/{entry.name}.html#module-{entry.name}"
    return f"library/{module}.html#{entry.name}"


_PYTHON_STDTYPES = {"dict", "list", "tuple", "set", "frozenset", "str", "bytes", "range", "memoryview"}


def _nibabel_uri(entry: Entry) -> str:
    # nibabel documents each object in the page of the module that defines it,
    # also for names re-exported at the top level (nibabel.load -> nibabel.loadsave.load).
    if entry.role == "py:module":
        return f"reference/{entry.name}.html"
    local = entry.name.rsplit(".", 2 if entry.role == "py:method" else 1)[1:]
    return f"reference/{entry.home}.html#{entry.home}.{'.'.join(local)}"


def _tensorflow_uri(entry: Entry) -> str:
    # tensorflow.org: api_docs/python/tf/keras/layers/Dense, methods as anchors.
    def path(name: str) -> str:
        parts = name.split(".")
        if parts[0] == "tensorflow":
            parts[0] = "tf"
        elif parts[0] == "keras":
            parts = ["tf", *parts]
        return "/".join(parts)

    if entry.role == "py:method":
        return f"{path(entry.owner)}#{entry.name.rsplit('.', 1)[1]}"
    return path(entry.name)


def _numpy_uri(entry: Entry) -> str:
    if entry.name.startswith("numpy.random.") and entry.role != "py:module":
        return _page("reference/random/generated/")(entry)
    if entry.role == "py:module":
        return f"reference/routines.{entry.name.removeprefix('numpy.') or 'array-creation'}.html"
    return _page("reference/generated/")(entry)


PROJECTS = {
    project.name: project
    for project in [
        Project(
            "python",
            "",
            ("builtins", "pathlib", "csv", "json", "math", "random", "statistics", "collections",
             "itertools", "functools", "time", "os", "os.path", "sys", "dataclasses", "tempfile",
             "typing", "re", "shutil", "timeit", "urllib.request", "warnings", "io", "glob", "traceback"),
            _python_uri,
            owns=("builtins", "pathlib", "csv", "json", "math", "random", "statistics",
                  "collections", "itertools", "functools", "time", "os", "posixpath", "sys",
                  "dataclasses", "tempfile", "typing", "re", "shutil", "timeit", "urllib",
                  "warnings", "io", "_io", "glob", "traceback", "_collections", "_functools", "_csv", "_json",
                  "_random", "_statistics", "posix", "_pickle"),
        ),
        Project(
            "numpy",
            "numpy",
            ("numpy", "numpy.linalg", "numpy.fft", "numpy.random", "numpy.ma", "numpy.polynomial"),
            _numpy_uri,
        ),
        Project(
            "scipy",
            "scipy",
            ("scipy.stats", "scipy.signal", "scipy.optimize", "scipy.linalg", "scipy.ndimage",
             "scipy.spatial", "scipy.spatial.distance", "scipy.cluster.hierarchy", "scipy.cluster.vq",
             "scipy.interpolate", "scipy.io", "scipy.special", "scipy.sparse", "scipy.fft",
             "scipy.integrate"),
            _page("reference/generated/"),
        ),
        Project(
            "pandas",
            "pandas",
            ("pandas", "pandas.api.types", "pandas.plotting"),
            _page("reference/api/"),
        ),
        Project(
            "matplotlib",
            "matplotlib",
            ("matplotlib", "matplotlib.pyplot", "matplotlib.axes", "matplotlib.figure",
             "matplotlib.colors", "matplotlib.cm", "matplotlib.patches", "matplotlib.lines",
             "matplotlib.ticker", "matplotlib.gridspec", "matplotlib.colorbar", "matplotlib.image"),
            _page("api/_as_gen/"),
            owns=("matplotlib", "mpl_toolkits"),
        ),
        Project(
            "seaborn",
            "seaborn",
            ("seaborn",),
            _class_page("generated/", lambda name: "api.html"),
        ),
        Project(
            "sklearn",
            "scikit-learn",
            tuple(f"sklearn.{sub}" for sub in (
                "base", "calibration", "cluster", "compose", "covariance", "cross_decomposition",
                "datasets", "decomposition", "discriminant_analysis", "dummy", "ensemble",
                "exceptions", "feature_selection", "gaussian_process", "impute", "inspection",
                "isotonic", "kernel_approximation", "kernel_ridge", "linear_model", "manifold",
                "metrics", "mixture", "model_selection", "multiclass", "multioutput",
                "naive_bayes", "neighbors", "neural_network", "pipeline", "preprocessing",
                "random_projection", "semi_supervised", "svm", "tree", "utils",
            )) + ("sklearn",),
            _class_page("modules/generated/", lambda name: f"api/{name}.html"),
        ),
        Project(
            "nilearn",
            "nilearn",
            tuple(f"nilearn.{sub}" for sub in (
                "connectome", "datasets", "decoding", "decomposition", "glm", "glm.first_level",
                "glm.second_level", "image", "maskers", "masking", "mass_univariate", "plotting",
                "regions", "reporting", "signal", "surface",
            )),
            _class_page(
                "modules/generated/",
                lambda name: f"modules/{name.removeprefix('nilearn.')}.html",
            ),
        ),
        Project(
            "nibabel",
            "nibabel",
            ("nibabel", "nibabel.nifti1", "nibabel.affines", "nibabel.orientations",
             "nibabel.processing", "nibabel.funcs", "nibabel.loadsave", "nibabel.spatialimages",
             "nibabel.imageclasses", "nibabel.gifti", "nibabel.freesurfer"),
            _nibabel_uri,
        ),
        Project(
            "tensorflow",
            "tensorflow-cpu",
            ("tensorflow", "tensorflow.random", "tensorflow.math", "tensorflow.nn",
             "tensorflow.data", "tensorflow.config", "tensorflow.image", "tensorflow.linalg",
             "keras", "keras.layers", "keras.models", "keras.optimizers", "keras.callbacks",
             "keras.losses", "keras.metrics", "keras.regularizers", "keras.initializers",
             "keras.activations", "keras.utils", "keras.ops", "keras.random", "keras.backend",
             "keras.optimizers.schedules", "keras.applications"),
            _tensorflow_uri,
            owns=("tensorflow", "keras", "tf_keras"),
        ),
    ]
}


def _public_names(module) -> Iterable[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    return [n for n in names if not n.startswith("_")]


def _defining_package(obj) -> str:
    module = getattr(obj, "__module__", None) or ""
    if not module and inspect.ismodule(obj):
        module = obj.__name__
    return module


def _is_module_data(obj, module_name: str, owned: tuple[str, ...]) -> bool:
    """Public instances (``numpy.ogrid``) and numeric constants (``numpy.pi``) of a module."""
    if inspect.ismodule(obj) or inspect.isclass(obj) or inspect.isroutine(obj):
        return False
    if isinstance(obj, (bool, int, float)):
        return module_name.split(".")[0] in {p.split(".")[0] for p in owned} and module_name != "builtins"
    if callable(obj):
        return False
    return type(obj).__module__.split(".")[0] in {p.split(".")[0] for p in owned}


def iter_entries(project: Project) -> Iterator[Entry]:
    """Yield every public object of ``project`` under each name it is importable by."""
    owned = project.owned_prefixes()
    for module_name in project.modules:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = importlib.import_module(module_name)
        except ImportError:
            continue
        if module_name != "builtins":
            yield Entry(module_name, "py:module")
        prefix = "" if module_name == "builtins" else f"{module_name}."
        for attr in _public_names(module):
            try:
                obj = getattr(module, attr)
            except Exception:  # lazy attributes may fail to import optional parts
                continue
            if inspect.ismodule(obj):
                continue
            name = f"{prefix}{attr}"
            if _is_module_data(obj, module_name, owned):
                yield Entry(name, "py:data", home=module_name)
                continue
            home = _defining_package(obj)
            if module_name != "builtins" and home.split(".")[0] not in {p.split(".")[0] for p in owned}:
                continue
            if inspect.isclass(obj):
                yield Entry(name, "py:class", home=home)
                for method in dir(obj):
                    if method.startswith("_"):
                        continue
                    member = inspect.getattr_static(obj, method, None)
                    if callable(member) or isinstance(member, (staticmethod, classmethod)):
                        yield Entry(f"{name}.{method}", "py:method", owner=name, home=home)
            elif callable(obj):
                yield Entry(name, "py:function", home=home)


def _project_version(project: Project) -> str:
    if not project.distribution:
        import sys

        return ".".join(map(str, sys.version_info[:2]))
    try:
        return version(project.distribution)
    except PackageNotFoundError:
        return "unknown"


def inventory_bytes(project: Project, entries: Iterable[Entry]) -> bytes:
    """Serialize entries in Sphinx's inventory format, version 2."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project.name}\n"
        f"# Version: {_project_version(project)}\n"
        "# The remainder of this file is compressed using zlib.\n"
    ).encode()
    seen: set[tuple[str, str]] = set()
    lines = []
    for entry in entries:
        key = (entry.name, entry.role)
        if key in seen:
            continue
        seen.add(key)
        lines.append(f"{entry.name} {entry.role} 1 {project.uri(entry)} -\n")
    return header + zlib.compress("".join(sorted(lines)).encode())


def write_inventory(project: Project, path: Path) -> bool:
    """(Re)write ``path`` unless it is current for this package version; return whether written."""
    stamp_path = path.with_suffix(".stamp.json")
    stamp = {"generator": GENERATOR_VERSION, "version": _project_version(project)}
    if path.is_file() and stamp_path.is_file() and json.loads(stamp_path.read_text()) == stamp:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(inventory_bytes(project, iter_entries(project)))
    stamp_path.write_text(json.dumps(stamp))
    return True


def read_inventory(path: Path) -> dict[str, tuple[str, str]]:
    """Name -> (role, uri) of an inventory written by :func:`inventory_bytes`."""
    raw = path.read_bytes()
    body = raw.split(b"\n", 4)[4]
    entries = {}
    for line in zlib.decompress(body).decode().splitlines():
        name, role, _prio, uri, _disp = line.split(" ", 4)
        entries[name] = (role, uri)
    return entries


def ensure_inventories(intersphinx_mapping: dict) -> list[Path]:
    """Write the local fallback inventory named in each intersphinx entry we know how to make."""
    written = []
    for name, (_url, locations) in intersphinx_mapping.items():
        if name not in PROJECTS:
            continue
        candidates = locations if isinstance(locations, (tuple, list)) else (locations,)
        for location in candidates:
            if location and "://" not in location:
                if write_inventory(PROJECTS[name], Path(location)):
                    written.append(Path(location))
    return written
