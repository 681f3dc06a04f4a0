"""Locality-sensitive hashing of MinHash signatures in numpy arrays: which indexed essays share a band
with a query, at a few bytes per essay and band.

Why not datasketch's own `MinHashLSH`: it keeps a Python set per band value, about 20 KB per essay at
64 bands (400 MB for 20,000 essays, measured), and a year holds 100,000. Here each band of each essay
is one 64-bit key: a sorted array per band answers a query by binary search, and essays added since the
last sort sit in a small unsorted block that is compared whole (numpy, vectorised) until it is merged.
"""

from __future__ import annotations

import numpy as np

MERGE_AT = 4096  # rows in the unsorted block before it is merged into the sorted arrays


class BandTable:
    """Rows of band keys; a row is an essay, named by an integer the caller maps to its submission."""

    def __init__(self, bands: int, rows_per_band: int) -> None:
        self.bands = bands
        self.rows_per_band = rows_per_band
        self._sorted = np.empty((bands, 0), dtype=np.uint64)  # per band, the keys in order
        self._order = np.empty((bands, 0), dtype=np.int32)  # per band, the row of each sorted key
        self._recent = np.empty((MERGE_AT, bands), dtype=np.uint64)  # filled up to `_held`
        self._recent_rows = np.empty(MERGE_AT, dtype=np.int32)
        self._held = 0
        self._dead: set[int] = set()

    def keys(self, signature: np.ndarray) -> np.ndarray:
        """The band keys of one signature: each band's values folded into one 64-bit number."""
        values = signature[: self.bands * self.rows_per_band].astype(np.uint64).reshape(self.bands, self.rows_per_band)
        folded = np.zeros(self.bands, dtype=np.uint64)
        for column in range(self.rows_per_band):
            folded = folded * np.uint64(0x9E3779B97F4A7C15) + values[:, column]  # wraps: a mix, not arithmetic
        return folded

    def add(self, row: int, signature: np.ndarray) -> None:
        self._recent[self._held] = self.keys(signature)
        self._recent_rows[self._held] = row
        self._held += 1
        if self._held >= MERGE_AT:
            self.merge()

    def remove(self, row: int) -> None:
        self._dead.add(row)

    def merge(self) -> None:
        if not len(self._recent_rows):
            return
        keys = np.concatenate([self._sorted, self._recent.T], axis=1)
        rows = np.concatenate(
            [self._order, np.broadcast_to(self._recent_rows, (self.bands, len(self._recent_rows)))], axis=1
        )
        order = np.argsort(keys, axis=1, kind="stable")
        self._sorted = np.take_along_axis(keys, order, axis=1)
        self._order = np.take_along_axis(rows, order, axis=1)
        self._held = 0

    def query(self, signature: np.ndarray) -> np.ndarray:
        """The rows that share at least one band with the signature, each once (sorted)."""
        keys = self.keys(signature)
        found: list[np.ndarray] = []
        if self._sorted.shape[1]:
            lows = [int(np.searchsorted(self._sorted[b], keys[b], side="left")) for b in range(self.bands)]
            highs = [int(np.searchsorted(self._sorted[b], keys[b], side="right")) for b in range(self.bands)]
            found += [self._order[b, lo:hi] for b, (lo, hi) in enumerate(zip(lows, highs, strict=True)) if hi > lo]
        if self._held:
            hits = (self._recent[: self._held] == keys[None, :]).any(axis=1)
            found.append(self._recent_rows[: self._held][hits])
        rows = np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int32)
        if self._dead and rows.size:
            rows = rows[~np.isin(rows, np.fromiter(self._dead, dtype=np.int32, count=len(self._dead)))]
        return rows

    @property
    def memory_bytes(self) -> int:
        return int(self._sorted.nbytes + self._order.nbytes + self._recent.nbytes + self._recent_rows.nbytes)
