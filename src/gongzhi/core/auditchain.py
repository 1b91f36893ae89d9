"""The arithmetic of the audit chain and its checkpoints: pure, no Django.

Each audit entry's hash covers its canonical content (which names the previous entry's hash):
- `hmac-sha256` (every entry written since the key was introduced): HMAC-SHA256 with the audit
  key, which is kept outside the database (GONGZHI_AUDIT_KEY or the key file in the data dir);
- `sha256` (entries written before): plain SHA-256, kept so that old rows still verify. A plain
  row may only stand before the first keyed row, and the newest row must be keyed.

A checkpoint is one JSON line outside the database: the sequence number and hash of the chain's
head at a moment, the time, and an HMAC signature over the three.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64
LEGACY = "sha256"
KEYED = "hmac-sha256"
SCHEMES = (LEGACY, KEYED)
_CHECKPOINT_KIND = "gongzhi-audit-checkpoint"
_HEX = frozenset("0123456789abcdef")


def canonical(content: dict[str, Any]) -> bytes:
    """The bytes a hash or signature covers: sorted keys, UTF-8, no ASCII escaping."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


def entry_hash(content: dict[str, Any], *, scheme: str, key: bytes) -> str:
    """The hash of one entry's content under `scheme` (the key is unused for `sha256`)."""
    if scheme == LEGACY:
        return hashlib.sha256(canonical(content)).hexdigest()
    if scheme == KEYED:
        return hmac.new(key, canonical({**content, "scheme": KEYED}), hashlib.sha256).hexdigest()
    raise ValueError(f"unknown audit hash scheme: {scheme!r}")


def _is_aware_time(value: Any) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _is_hex64(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    sig: str

    def line(self) -> str:
        body = {"seq": self.seq, "hash": self.hash, "at": self.at, "sig": self.sig}
        return json.dumps(body, ensure_ascii=False, sort_keys=True)


def _signature(*, seq: int, hash: str, at: str, key: bytes) -> str:
    payload = canonical({"kind": _CHECKPOINT_KIND, "seq": seq, "hash": hash, "at": at})
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def checkpoint_sign(*, seq: int, hash: str, at: str, key: bytes) -> Checkpoint:
    return Checkpoint(seq=seq, hash=hash, at=at, sig=_signature(seq=seq, hash=hash, at=at, key=key))


class CheckpointError(ValueError):
    """A checkpoint line that cannot be read or whose signature does not hold (message in Chinese)."""


def checkpoint_parse(line: str, *, key: bytes) -> Checkpoint:
    """Read one line and check its signature; raise CheckpointError saying what is wrong."""
    try:
        body = json.loads(line)
    except ValueError:
        raise CheckpointError("不是有效的JSON") from None
    if not isinstance(body, dict) or set(body) != {"seq", "hash", "at", "sig"}:
        raise CheckpointError("字段不全或多出字段")
    seq, hash_, at, sig = body["seq"], body["hash"], body["at"], body["sig"]
    if not (isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1):
        raise CheckpointError("序号无效")
    if not (_is_hex64(hash_) and _is_hex64(sig) and _is_aware_time(at)):
        raise CheckpointError("哈希、签名或时间格式无效")
    if not hmac.compare_digest(sig, _signature(seq=seq, hash=hash_, at=at, key=key)):
        raise CheckpointError("签名不符（检查点被改动或伪造）")
    return Checkpoint(seq=seq, hash=hash_, at=at, sig=sig)
