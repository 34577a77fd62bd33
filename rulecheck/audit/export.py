"""Export the stored findings (with their document's metadata) to Parquet.

pyarrow is optional (``pip install "rulecheck[parquet]"``); without it the export is
refused with one clear line instead of an import traceback.
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

from rulecheck.audit.store import FINDING_COLUMNS, META_COLUMNS, Store
from rulecheck.errors import RulecheckError


class ExportError(RulecheckError):
    """The export cannot be written."""


def to_parquet(store: Store, out: Path, batch: int = 50_000) -> int:
    """Write every finding to ``out``; returns how many rows were written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError('Parquet export needs pyarrow: pip install "rulecheck[parquet]"'
                          ) from None
    names = [*FINDING_COLUMNS, *(f"doc_{c}" for c in META_COLUMNS), "doc_chars",
             "doc_duration"]
    json_cols = {"suggestions", "notes", "related"}
    writer = None
    rows = store.iter_findings()
    total = 0
    try:
        while True:
            chunk = list(islice(rows, batch))
            if not chunk and writer is not None:
                break
            cols = {n: [json.loads(r[n]) if n in json_cols and r[n] else r[n] for r in chunk]
                    for n in names}
            table = pa.table(cols)
            if writer is None:
                writer = pq.ParquetWriter(str(out), table.schema)
            writer.write_table(table)
            total += len(chunk)
            if not chunk:
                break
    except OSError as exc:
        raise ExportError(f"{out}: cannot write: {exc}") from None
    finally:
        if writer is not None:
            writer.close()
    return total
