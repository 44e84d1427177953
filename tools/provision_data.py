"""Prepare the nilearn data directory the examples read.

    python -m tools.provision_data [--mode auto|real|standin] [--data-dir DIR]

``auto`` (default) keeps what is cached, else copies the real data from a local
read-only copy (``$NILEARN_SHARED_DATA``, nilearn's variable for shared data, or a
dataset's own variable such as ``$ML_PRIMER_WORKSHOP_DATA``), else downloads them,
else writes simulated stand-ins (a dataset without stand-in fails instead, saying
where to get its files); ``real`` and ``standin`` force one kind.  The data directory
defaults to ``$NILEARN_DATA`` or ``<repo>/_data/nilearn_data``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tools.data import MODES, ProvisioningError, default_data_dir, provision
from tools.data.datasets import DATASETS


def _size_of(folder: Path, relative_paths) -> int:
    return sum((folder / rel).stat().st_size for rel in relative_paths if (folder / rel).is_file())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.provision_data", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=MODES, default="auto", help="data source (default: auto)")
    parser.add_argument("--data-dir", type=Path, default=None, help=f"default: {default_data_dir()}")
    parser.add_argument("--dataset", action="append", choices=sorted(DATASETS), help="only this dataset (repeatable)")
    parser.add_argument("--workers", type=int, default=None, help="processes for writing stand-ins")
    args = parser.parse_args(argv)

    data_dir = args.data_dir or default_data_dir()
    started = time.perf_counter()
    try:
        manifest = provision(data_dir, mode=args.mode, datasets=args.dataset, workers=args.workers)
    except ProvisioningError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    total = 0
    for key, entry in manifest["datasets"].items():
        size = _size_of(data_dir / entry["folder"], entry["files"])
        total += size
        where = data_dir / entry["folder"]
        source = entry["mode"] if entry["mode"] == "standin" else f"real ({entry.get('source', 'download')})"
        print(f"{key:18s} {source:18s} {len(entry['files']):4d} files {size / 1e6:8.1f} MB  {where}")
    print(f"data directory {data_dir}: {total / 1e6:.1f} MB, ready in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
