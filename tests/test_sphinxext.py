"""Unit tests of the site's Sphinx helpers."""

from __future__ import annotations

import pickle
import time

from sphinx.util.inventory import InventoryFile

import data_usage
import offline_inventories
import peak_memory
from conftest import read_conf


def test_configuration_is_picklable():
    namespace = read_conf()
    pickle.loads(pickle.dumps(namespace["sphinx_gallery_conf"]))
    pickle.loads(pickle.dumps(namespace["intersphinx_mapping"]))


def test_offline_inventory_follows_each_projects_url_scheme(tmp_path):
    expected = {
        "sklearn": ("sklearn.svm.SVC", "py:class", "modules/generated/sklearn.svm.SVC.html#sklearn.svm.SVC"),
        "numpy": ("numpy.mean", "py:function", "reference/generated/numpy.mean.html#numpy.mean"),
        "scipy": ("scipy.stats.ttest_ind", "py:function",
                  "reference/generated/scipy.stats.ttest_ind.html#scipy.stats.ttest_ind"),
        "nibabel": ("nibabel.load", "py:function", "reference/nibabel.loadsave.html#nibabel.loadsave.load"),
        "pandas": ("pandas.DataFrame.groupby", "py:method",
                   "reference/api/pandas.DataFrame.groupby.html#pandas.DataFrame.groupby"),
        "python": ("pathlib.Path", "py:class", "library/pathlib.html#pathlib.Path"),
        "nilearn": ("nilearn.maskers.NiftiMasker.fit", "py:method",
                    "modules/generated/nilearn.maskers.NiftiMasker.html#nilearn.maskers.NiftiMasker.fit"),
    }
    for project, (name, role, uri) in expected.items():
        path = tmp_path / f"{project}.inv"
        assert offline_inventories.write_inventory(offline_inventories.PROJECTS[project], path)
        assert offline_inventories.read_inventory(path)[name] == (role, uri)
        # Sphinx itself must be able to load it, with the base URL prepended.
        with path.open("rb") as stream:
            inventory = InventoryFile.load(stream, "https://example.org/", lambda base, uri: base + uri)
        entries = inventory.data if hasattr(inventory, "data") else inventory
        assert entries[role][name]
        # Current files are not rewritten.
        assert not offline_inventories.write_inventory(offline_inventories.PROJECTS[project], path)
    # Module-level instances are documented as data.
    numpy_entries = offline_inventories.read_inventory(tmp_path / "numpy.inv")
    assert numpy_entries["numpy.ogrid"] == ("py:data", "reference/generated/numpy.ogrid.html#numpy.ogrid")


def test_ensure_inventories_only_writes_local_fallbacks(tmp_path):
    mapping = {
        "seaborn": ("https://seaborn.pydata.org/", (None, str(tmp_path / "seaborn.inv"))),
        "unknown": ("https://example.org/", (None, str(tmp_path / "unknown.inv"))),
    }
    assert offline_inventories.ensure_inventories(mapping) == [tmp_path / "seaborn.inv"]
    assert not (tmp_path / "unknown.inv").exists()


def test_peak_memory_sees_a_temporary_allocation():
    def allocate():
        block = bytearray(300 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])
        return len(block)

    before = peak_memory.current_rss_mib()
    peak, result = peak_memory.call_with_peak_rss(allocate)
    assert result == 300 * 1024 * 1024
    assert peak - before > 250
    assert peak_memory.current_rss_mib() - before < 100, "the block is freed after the call"


def test_peak_memory_fallback_sampler_sees_a_lasting_allocation():
    def allocate_and_hold():
        block = bytearray(300 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])
        time.sleep(0.3)
        return len(block)

    before = peak_memory.current_rss_mib()
    peak, _ = peak_memory._sampled_peak(allocate_and_hold)
    assert peak - before > 250


def test_data_note_states_each_datasets_source():
    note = data_usage.data_note({"datasets": {"abide_pcp": "local copy", "haxby": "standin"}})
    assert "stand-in" in note.splitlines()[1] and "standin-note" in note
    assert "the ABIDE preprocessed dataset: real data (local copy). Data: ABIDE (Di Martino" in note
    assert "the Haxby dataset: simulated stand-in." in note
    real = data_usage.data_note({"datasets": {"abide_pcp": "download"}})
    assert "Built from the real data" in real and "real data (downloaded)" in real and "stand-in" not in real
    assert "Preprocessed Connectomes Project" in real
    assert data_usage.data_note({"datasets": {}}) == ""
    assert data_usage.data_note(None) == ""


def test_note_goes_right_after_the_title():
    rst = ".. _label:\n\nA title\n=======\n\nFirst paragraph.\n"
    out = data_usage.insert_after_title(rst, "\nNOTE\n")
    assert out.index("NOTE") > out.index("=======") and out.index("NOTE") < out.index("First paragraph")


def test_execution_time_page_loses_its_cdn_scripts_but_keeps_the_table():
    import site_setup

    rst = """Computation times
=================

.. container::

  .. raw:: html

    <style scoped>
    <link href="https://cdn.example.org/bootstrap.min.css" rel="stylesheet" />
    </style>
    <script src="https://code.jquery.com/jquery-3.7.0.js"></script>

  .. list-table::
   :header-rows: 1

   * - Example
     - Time
"""
    out = site_setup.without_remote_table_scripts(rst)
    assert "https://" not in out and "<script" not in out
    assert ".. list-table::" in out and "* - Example" in out
    local = ".. raw:: html\n\n   <p>local</p>\n\n.. note:: x\n"
    assert site_setup.without_remote_table_scripts(local) == local


def test_tensorflow_pages_say_where_they_run_instead_of_offering_the_browser():
    import site_setup

    header = (":ref:`Go to the end <sphx_glr_download_x.py>`\n        " + site_setup.LITE_HEADER + "\n")
    out = site_setup.header_without_browser(header)
    assert "in your browser via JupyterLite" not in out
    assert "does not run in the browser" in out and ":ref:`setup-local`" in out
    assert site_setup.header_without_browser("no header here\n") == "no header here\n"


def test_a_page_declared_incompatible_with_the_browser_versions_gives_its_reason():
    import site_setup

    header = ":ref:`Go to the end <sphx_glr_download_x.py>`\n        " + site_setup.LITE_HEADER + "\n"
    out = site_setup.header_without_browser(header, "check_cv has no shuffle in scikit-learn 1.8")
    assert "in your browser via JupyterLite" not in out
    assert "(check_cv has no shuffle in scikit-learn 1.8)" in out and ":ref:`setup-local`" in out
    with_binder = ":ref:`Go to the end <sphx_glr_download_x.py>`\n        " + site_setup.LITE_BINDER_HEADER + "\n"
    out = site_setup.header_without_browser(with_binder, "check_cv has no shuffle in scikit-learn 1.8")
    assert "JupyterLite or Binder" not in out and "on Colab or Binder" in out
    assert "(check_cv has no shuffle in scikit-learn 1.8)" in out


def test_tensorflow_pages_with_binder_buttons_offer_colab_and_binder_instead_of_the_browser():
    import site_setup

    out = site_setup.header_without_browser("to the end>`\n        " + site_setup.LITE_BINDER_HEADER + "\n")
    assert "JupyterLite or Binder" not in out and "in your browser" not in out
    assert "on Colab or Binder" in out and "does not run in the browser" in out


def test_data_note_of_the_workshop_dataset_cites_its_sources():
    note = data_usage.data_note({"datasets": {"workshop_2021": "local copy"}})
    assert "Built from the real data" in note
    line = "the connectomes of the 2021 workshop (development fMRI): real data (local copy)."
    assert line in " ".join(note.split())
    assert "Richardson et al. 2018" in note and "miykael/workshop_pybrain" in note
