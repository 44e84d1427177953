"""Sphinx configuration of "A primer on ML/DL with a focus on neuroscience".

Build with ``sphinx-build -c . doc _build/html`` (the tox environments do this).
The configuration stays declarative: behaviour lives in the tested modules of
``doc/sphinxext/`` and ``tools/``, referenced here by name.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "doc" / "sphinxext"), str(ROOT)]

from tools.data import default_data_dir, sklearn_data_home  # noqa: E402
from peak_memory import PeakMemory  # noqa: E402
from cloud_launchers import binder_config  # noqa: E402

# The examples call nilearn's fetchers (and scikit-learn's fetch_file) exactly as a
# reader would; during the build they read the data directory that
# `python -m tools.provision_data` prepared, and only it: files of a local copy
# (NILEARN_SHARED_DATA, ML_PRIMER_WORKSHOP_DATA) were verified and copied there.
# scikit-learn's data home is a folder of that directory.
os.environ["NILEARN_DATA"] = str(default_data_dir())
os.environ["SCIKIT_LEARN_DATA"] = str(sklearn_data_home())
os.environ.pop("NILEARN_SHARED_DATA", None)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

# -- Project -------------------------------------------------------------------
project = "A primer on ML/DL with a focus on neuroscience"
author = "The ML/DL primer contributors"
copyright = "2021–2026, The ML/DL primer contributors"
repository_url = "https://github.com/neuro-ml-primer/ml-dl-primer"
# The published site: downloaded notebooks link to its pages (glossary, other examples).
# Not ``html_baseurl``: that would also give every page a canonical <link> to this
# address, in local and preview builds too.
site_url = "https://neuro-ml-primer.github.io/ml-dl-primer/"
# Colab and Binder open the example notebooks from this branch of the repository, which
# the deploy workflow (.github/workflows/site.yml) pushes with each published build.
launch_branch = "notebooks"

extensions = [
    "build_phases",  # first: times the build, loading the others included
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx_gallery.gen_gallery",
    "jupyterlite_sphinx",
    "sphinx_copybutton",
    "sphinx_design",
    "site_setup",
    "cloud_launchers",
    "exercises",
    "offline_assets",
    "slides",
    "nilearn_viewers",
]

root_doc = "index"
exclude_patterns = ["_build", "_contents", "**/*.ipynb", "**/*.codeobj.json", "sphinxext"]
templates_path = ["doc/_templates"]
nitpicky = False

# MathJax 3 from django-static-mathjax, copied into _static by offline_assets.
mathjax_path = "mathjax/tex-chtml.js"

# -- HTML and theme ------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = project
html_short_title = "ML/DL primer"
html_static_path = ["doc/_static"]
html_css_files = ["custom.css"]
html_favicon = "doc/_static/logo.svg"
html_show_sourcelink = False
# No page links to its reST source, and the sources hold the exercises' solutions
# uncollapsed (doc/sphinxext/exercises.py): do not publish them in _sources/.
html_copy_source = False
html_theme_options = {
    "logo": {
        "image_light": "_static/logo.svg",
        "image_dark": "_static/logo-dark.svg",
        "text": "ML/DL primer",
        "alt_text": "ML/DL primer: home",
    },
    "navbar_align": "left",
    "header_links_before_dropdown": 6,
    "navbar_end": ["theme-switcher", "navbar-icon-links"],
    "icon_links": [
        {"name": "Source repository", "url": repository_url, "icon": "fa-brands fa-github"},
    ],
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc", "sg_download_links", "slides_link", "sg_launcher_links"],
    "footer_start": ["copyright"],
    "footer_end": ["last-updated"],
}
html_context = {"default_mode": "auto"}
html_sidebars = {"index": [], "overview": [], "setup": []}
# Pages titled with the query rank first (doc/sphinxext/search_scorer.js).
html_search_scorer = str(ROOT / "doc" / "sphinxext" / "search_scorer.js")

# -- Cross-references ----------------------------------------------------------
# Each project is tried online first, then through an inventory generated from
# the installed package (``offline_inventories``) so links resolve offline too.
INVENTORIES = ROOT / "_build" / "inventories"
ONLINE_THEN_OFFLINE = {
    "python": "https://docs.python.org/3/",
    "numpy": "https://numpy.org/doc/stable/",
    "scipy": "https://docs.scipy.org/doc/scipy/",
    "pandas": "https://pandas.pydata.org/docs/",
    "matplotlib": "https://matplotlib.org/stable/",
    "seaborn": "https://seaborn.pydata.org/",
    "sklearn": "https://scikit-learn.org/stable/",
    "nilearn": "https://nilearn.github.io/stable/",
    "nibabel": "https://nipy.org/nibabel/",
}
intersphinx_mapping = {
    name: (url, (None, str(INVENTORIES / f"{name}.inv")))
    for name, url in ONLINE_THEN_OFFLINE.items()
}
# TensorFlow and Keras publish no Sphinx inventory: the generated one is all there is.
intersphinx_mapping["tensorflow"] = (
    "https://www.tensorflow.org/api_docs/python/",
    str(INVENTORIES / "tensorflow.inv"),
)
intersphinx_timeout = 5

# -- Example galleries -----------------------------------------------------------
GALLERIES = ["prerequisites", "classic_ml", "deep_learning"]

sphinx_gallery_conf = {
    "examples_dirs": [f"../examples/{name}" for name in GALLERIES],
    "gallery_dirs": GALLERIES,
    "filename_pattern": r"/plot_",
    "within_subsection_order": "FileNameSortKey",
    "plot_gallery": "True",
    "abort_on_example_error": False,
    "only_warn_on_example_error": False,
    "reset_modules": ("matplotlib", "seaborn", "data_usage.record_example_data"),
    "reset_modules_order": "both",
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    "capture_repr": ("_repr_html_", "__repr__"),
    "remove_config_comments": True,
    "show_memory": PeakMemory(),
    "junit": "../sphinx-gallery/junit-results.xml",  # relative to _build/html
    "write_computation_times": True,
    # Two examples at a time (joblib workers, one per core of the 2-core build machine):
    # a full rebuild took 5 min 42 s instead of 7 min 41 s one at a time (the examples'
    # phase 264 s instead of 392 s), although two TensorFlow examples then share the
    # cores (tools.build_report; the issue of build speed has the numbers).
    "parallel": 2,
    # Each gallery index offers zips of its .py and .ipynb files (and, from
    # site_setup, the archive of the whole course).
    "download_all_examples": True,
    "thumbnail_size": (320, 224),
    "prefer_full_module": [],
    "jupyterlite": {
        # Staged straight into jupyterlite-sphinx's own contents folder, so each
        # notebook keeps the path the "launch JupyterLite" button points at.
        "jupyterlite_contents": "_contents",
        "notebook_modification_function": "lite_notebooks.adapt_for_browser",
        "use_jupyter_lab": True,
    },
    # Binder buttons, and the published notebooks at notebooks/<gallery>/<name>.ipynb that
    # Colab and Binder open from the launch branch (cloud_launchers). The environment file is
    # relative to doc/.
    "binder": binder_config(repository_url, launch_branch, ["../binder/requirements.txt", "../binder/runtime.txt"]),
}

# -- JupyterLite -----------------------------------------------------------------
jupyterlite_dir = str(ROOT / "doc")
jupyterlite_config = str(ROOT / "doc" / "jupyter_lite_config.json")
jupyterlite_silence = True
