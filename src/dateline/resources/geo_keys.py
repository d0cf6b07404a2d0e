"""A compact, read-only string -> int tuple map that loads in milliseconds.

The gazetteer's name index has ~500,000 keys. As a dict it costs half a second and ~80 MB
to load in every process (and every Dask worker); here it is five flat arrays (key bytes,
key offsets, value offsets, values, an open-addressing hash table keyed by CRC-32), so
loading is a few memory copies and a lookup is one hash and usually one comparison.
"""

from __future__ import annotations

from array import array
from zlib import crc32


class KeyTable:
    """Maps str -> tuple[int, ...]; build with ``KeyTable.build``, store with ``to_dict``."""

    def __init__(self, parts: dict):
        self._blob: bytes = parts["blob"]
        self._koff = array("i", parts["koff"])
        self._voff = array("i", parts["voff"])
        self._vals = array("i", parts["vals"])
        self._slots = array("i", parts["slots"])
        self._mask = len(self._slots) - 1

    @classmethod
    def build(cls, items: dict[str, tuple[int, ...]]) -> "KeyTable":
        """A table holding ``items`` (keys are stored as UTF-8)."""
        keys = list(items)
        size = 1
        while size < 2 * len(keys) + 1:
            size *= 2
        slots = array("i", [0]) * size
        blob, koff, voff, vals = bytearray(), array("i", [0]), array("i", [0]), array("i")
        for i, key in enumerate(keys):
            kb = key.encode("utf-8")
            blob += kb
            koff.append(len(blob))
            vals.extend(items[key])
            voff.append(len(vals))
            h = crc32(kb) & (size - 1)
            while slots[h]:
                h = (h + 1) & (size - 1)
            slots[h] = i + 1
        return cls({"blob": bytes(blob), "koff": koff.tobytes(), "voff": voff.tobytes(),
                    "vals": vals.tobytes(), "slots": slots.tobytes()})

    def to_dict(self) -> dict:
        """Plain bytes, for marshal."""
        return {"blob": self._blob, "koff": self._koff.tobytes(), "voff": self._voff.tobytes(),
                "vals": self._vals.tobytes(), "slots": self._slots.tobytes()}

    def get(self, key: str) -> tuple[int, ...] | None:
        """The values stored under ``key``, or None."""
        kb = key.encode("utf-8", "surrogatepass")
        blob, koff, slots, mask = self._blob, self._koff, self._slots, self._mask
        h = crc32(kb) & mask
        while True:
            idx = slots[h]
            if not idx:
                return None
            i = idx - 1
            if koff[i + 1] - koff[i] == len(kb) and blob[koff[i]:koff[i + 1]] == kb:
                return tuple(self._vals[self._voff[i]:self._voff[i + 1]])
            h = (h + 1) & mask

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self._koff) - 1
