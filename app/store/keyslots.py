"""Key slots: the random data key, wrapped (AES-256-GCM) by keys derived from secrets.

The file ``keyslots.json`` beside the database holds two slots:

- ``passphrase``: wrapping key = Argon2id(passphrase, salt, params from the slot);
- ``recovery``: wrapping key = Argon2id(normalised recovery code, salt, params).

The AES-GCM associated data binds each slot's metadata (format version, vault id, kind,
KDF parameters, salt), so a slot whose metadata was changed no longer opens. A SHA-256
checksum over the whole file catches accidental damage (it is no defence against a
deliberate change; the associated data is). The file is always written atomically.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import stat
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from argon2.low_level import ARGON2_VERSION, HashingError, Type, error_to_str, ffi, lib
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.clock import SYSTEM_CLOCK, Clock
from app.core.bounded import InputError, loads_json
from app.fileio import write_app_file
from app.i18n import N_
from app.store import errors
from app.store.errors import KeySlotFileDamaged, KeySlotFileMissing, MalformedRecoveryCode

FORMAT = "vindplaats-keyslots"
FORMAT_VERSION = 1
KIND_PASSPHRASE = "passphrase"  # noqa: S105 - a slot kind, not a secret
KIND_RECOVERY = "recovery"
KINDS = (KIND_PASSPHRASE, KIND_RECOVERY)
DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12

# Crockford's base32: no I, L, O, U, so nothing is easy to misread when written down.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_LENGTH = 28  # 28 x 5 bits = 140 bits
RECOVERY_GROUP = 4
_RECOVERY_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_RECOVERY_SEPARATORS = str.maketrans("", "", " \t\r\n-_.\u2010\u2011\u2012\u2013\u2014")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (memory in KiB)."""

    memory_kib: int
    time_cost: int
    parallelism: int

    def at_least(self, floor: KdfParams) -> bool:
        return (
            self.memory_kib >= floor.memory_kib
            and self.time_cost >= floor.time_cost
            and self.parallelism >= floor.parallelism
        )

    def plausible(self) -> bool:
        """Within bounds we are willing to run (a damaged file must not hang the app)."""
        numbers = (self.memory_kib, self.time_cost, self.parallelism)
        return (
            all(type(n) is int for n in numbers)  # bool is an int too; not here
            and 1 <= self.parallelism <= MAX_PARALLELISM
            and 8 * self.parallelism <= self.memory_kib <= MAX_MEMORY_KIB
            and 1 <= self.time_cost <= MAX_TIME_COST
        )

    def to_json(self) -> dict[str, object]:
        return {
            "algorithm": "argon2id",
            "memory_kib": self.memory_kib,
            "time_cost": self.time_cost,
            "parallelism": self.parallelism,
        }


# Upper bounds for a slot's parameters, checked before any derivation. Our own calibration
# never goes above 256 MiB and 12 passes with 4 lanes (about 0.5 s); four times that memory,
# a few more passes and lanes leave room for a faster future machine, while a slot beyond
# them can only be damaged or planted: 4 GiB or 64 passes would stall or crash the laptop of
# an advisor (often 8 GB, shared with other programs) before the passphrase is even judged.
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_TIME_COST = 16
MAX_PARALLELISM = 16
# keyslots.json is about 1.5 KB; anything this big is not ours and is not read at all.
MAX_FILE_BYTES = 64 * 1024
_MAX_TEXT = 256  # longest text field we accept (base64 of a wrapped key is 64 characters)
_MAX_INT_DIGITS = 12
_MAX_DEPTH = 4  # ours nests 3 deep: {"slots": [{"kdf": {...}}]}

# RFC 9106, second recommended option: 64 MiB, t=3, p=4.
PRODUCTION_MINIMUM = KdfParams(memory_kib=64 * 1024, time_cost=3, parallelism=4)
# Cheap parameters for tests only (and only where a Vault is given them explicitly).
TEST_KDF = KdfParams(memory_kib=64, time_cost=1, parallelism=1)
CALIBRATION_TARGET_SECONDS = 0.5
_CALIBRATION_MAX_MEMORY_KIB = 256 * 1024
_CALIBRATION_MAX_PASSES = 12


def derive_key(secret: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
    """Argon2id, 32 bytes, in a ``bytearray`` the caller wipes (:func:`wipe`).

    Calls libargon2 the way ``argon2.low_level.hash_secret_raw`` does, but into buffers of
    our own that are overwritten afterwards: ``hash_secret_raw`` returns immutable ``bytes``
    and leaves its copy of the secret in freed memory.
    """
    secret_buffer = ffi.new("uint8_t[]", max(len(secret), 1))
    ffi.memmove(secret_buffer, secret, len(secret))
    out = ffi.new("uint8_t[]", 32)
    try:
        result = lib.argon2_hash(
            params.time_cost,
            params.memory_kib,
            params.parallelism,
            secret_buffer,
            len(secret),
            ffi.new("uint8_t[]", salt),
            len(salt),
            out,
            32,
            ffi.NULL,
            0,
            Type.ID.value,
            ARGON2_VERSION,
        )
        if result != lib.ARGON2_OK:
            raise HashingError(error_to_str(result))
        key = bytearray(32)
        ffi.memmove(key, out, 32)
        return key
    finally:
        ffi.memmove(secret_buffer, bytes(len(secret)), len(secret))
        ffi.memmove(out, bytes(32), 32)


def wipe(buffer: bytearray) -> None:
    """Overwrite ``buffer`` with zeros, in place."""
    buffer[:] = bytes(len(buffer))


def calibrate(
    target_seconds: float = CALIBRATION_TARGET_SECONDS,
    *,
    minimum: KdfParams = PRODUCTION_MINIMUM,
    clock: Callable[[], float] = time.perf_counter,
) -> KdfParams:
    """Parameters of at least ``minimum`` that take about ``target_seconds`` here.

    Measures the minimum twice (the first run also pays for fresh memory, which would make
    the machine look slower than it is); a fast machine first gets more memory (up to
    256 MiB), then more passes. The result is measured once more and corrected either way.
    Never goes below the minimum.
    """

    def measure(params: KdfParams) -> float:
        start = clock()
        derive_key(b"calibration", b"\0" * SALT_BYTES, params)
        return max(clock() - start, 1e-3)

    elapsed = min(measure(minimum), measure(minimum))
    factor = target_seconds / elapsed
    if factor <= 1.2:
        return minimum
    memory_factor = min(factor, _CALIBRATION_MAX_MEMORY_KIB / minimum.memory_kib)
    time_cost = max(minimum.time_cost, round(minimum.time_cost * factor / memory_factor))
    candidate = _scaled(minimum, memory_factor, min(time_cost, _CALIBRATION_MAX_PASSES))
    # Memory cost does not scale quite linearly; measure once more and correct.
    elapsed = measure(candidate)
    if elapsed > target_seconds * 1.15:
        shrink = target_seconds / elapsed
        candidate = _scaled(minimum, memory_factor * shrink, candidate.time_cost)
    elif elapsed < target_seconds * 0.85:
        passes = round(candidate.time_cost * target_seconds / elapsed)
        candidate = _scaled(minimum, memory_factor, min(passes, _CALIBRATION_MAX_PASSES))
    return candidate


def _scaled(minimum: KdfParams, memory_factor: float, time_cost: int) -> KdfParams:
    memory = int(minimum.memory_kib * memory_factor) // 1024 * 1024
    return KdfParams(
        memory_kib=max(memory, minimum.memory_kib),
        time_cost=max(time_cost, minimum.time_cost),
        parallelism=minimum.parallelism,
    )


# --- secrets -------------------------------------------------------------------------------


def passphrase_secret(passphrase: str) -> bytes:
    """The bytes fed to the KDF: NFC-normalised UTF-8 (same text typed anywhere, same key)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def generate_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return format_recovery_code(raw)


def format_recovery_code(code: str) -> str:
    """``ABCD-EFGH-...`` for showing and printing."""
    plain = normalise_recovery_code(code)
    return "-".join(plain[i : i + RECOVERY_GROUP] for i in range(0, len(plain), RECOVERY_GROUP))


def normalise_recovery_code(text: str) -> str:
    """Upper case, no spaces or dashes, look-alikes (O, I, L) read as digits.

    Raises :class:`MalformedRecoveryCode` when the result cannot be a recovery code.
    """
    plain = text.upper().translate(_RECOVERY_SEPARATORS).translate(_RECOVERY_LOOKALIKES)
    if len(plain) != RECOVERY_LENGTH or any(ch not in RECOVERY_ALPHABET for ch in plain):
        raise MalformedRecoveryCode()
    return plain


def recovery_secret(code: str) -> bytes:
    return normalise_recovery_code(code).encode("ascii")


# --- slots ---------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, size: int | None = None) -> bytes:
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        raise KeySlotFileDamaged()
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise KeySlotFileDamaged() from None
    if size is not None and len(data) != size:
        raise KeySlotFileDamaged()
    return data


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


@dataclass(frozen=True)
class KeySlot:
    kind: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    created_at: str = ""

    def associated_data(self, vault_id: str) -> bytes:
        return _canonical(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "vault_id": vault_id,
                "kind": self.kind,
                "kdf": self.kdf.to_json(),
                "salt": _b64(self.salt),
            }
        )

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
            "created_at": self.created_at,
        }

    @classmethod
    def from_json(cls, value: object) -> KeySlot:
        if not isinstance(value, dict):
            raise KeySlotFileDamaged()
        kind = value.get("kind")
        kdf = value.get("kdf")
        if kind not in KINDS or not isinstance(kdf, dict) or kdf.get("algorithm") != "argon2id":
            raise KeySlotFileDamaged()
        if set(kdf) != {"algorithm", "memory_kib", "time_cost", "parallelism"}:
            raise KeySlotFileDamaged()
        numbers = [kdf[name] for name in ("memory_kib", "time_cost", "parallelism")]
        if not all(type(n) is int for n in numbers):  # bool is an int too; not here
            raise KeySlotFileDamaged()
        params = KdfParams(numbers[0], numbers[1], numbers[2])
        if not params.plausible():
            raise KeySlotFileDamaged()
        created_at = value.get("created_at", "")
        if not isinstance(created_at, str) or len(created_at) > _MAX_TEXT:
            raise KeySlotFileDamaged()
        return cls(
            kind=str(kind),
            kdf=params,
            salt=_unb64(value.get("salt"), SALT_BYTES),
            nonce=_unb64(value.get("nonce"), NONCE_BYTES),
            wrapped_key=_unb64(value.get("wrapped_key"), DATA_KEY_BYTES + 16),
            created_at=created_at,
        )


def wrap(
    kind: str,
    data_key: bytes | bytearray,
    secret: bytes,
    params: KdfParams,
    vault_id: str,
    *,
    clock: Clock = SYSTEM_CLOCK,
) -> KeySlot:
    """A new slot of ``kind`` holding ``data_key``, opened by ``secret``; ``clock`` stamps it."""
    slot = KeySlot(
        kind=kind,
        kdf=params,
        salt=secrets.token_bytes(SALT_BYTES),
        nonce=secrets.token_bytes(NONCE_BYTES),
        wrapped_key=b"",
        created_at=clock.now().isoformat(timespec="seconds"),
    )
    wrapping_key = derive_key(secret, slot.salt, params)
    try:
        wrapped = AESGCM(wrapping_key).encrypt(slot.nonce, data_key, slot.associated_data(vault_id))
    finally:
        wipe(wrapping_key)
    return replace(slot, wrapped_key=wrapped)


def unwrap(slot: KeySlot, secret: bytes, vault_id: str) -> bytearray | None:
    """The data key, or ``None`` when ``secret`` (or the slot's metadata) is wrong.

    The key is decrypted straight into the ``bytearray`` returned (``decrypt_into``), so no
    immutable copy of it is left behind; the wrapping key is wiped.
    """
    wrapping_key = derive_key(secret, slot.salt, slot.kdf)
    try:
        cipher = AESGCM(wrapping_key)
        associated = slot.associated_data(vault_id)
        key = bytearray(len(slot.wrapped_key) - 16)
        try:
            if hasattr(cipher, "decrypt_into"):  # cryptography 45+
                cipher.decrypt_into(slot.nonce, slot.wrapped_key, associated, key)
            else:  # pragma: no cover - older cryptography leaves an immutable copy
                key[:] = cipher.decrypt(slot.nonce, slot.wrapped_key, associated)
        except InvalidTag:
            wipe(key)
            return None
        return key
    finally:
        wipe(wrapping_key)


@dataclass(frozen=True)
class KeySlotFile:
    vault_id: str
    slots: dict[str, KeySlot] = field(default_factory=dict)

    def slot(self, kind: str) -> KeySlot:
        found = self.slots.get(kind)
        if found is None:
            raise KeySlotFileDamaged()
        return found

    def with_slot(self, slot: KeySlot) -> KeySlotFile:
        slots = dict(self.slots)
        slots[slot.kind] = slot
        return KeySlotFile(self.vault_id, slots)

    def _body(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": [self.slots[kind].to_json() for kind in KINDS if kind in self.slots],
        }

    def to_bytes(self) -> bytes:
        body = self._body()
        body["checksum"] = hashlib.sha256(_canonical(body)).hexdigest()
        return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlotFile:
        """Parse with limits: any bytes at all give a slot file or :class:`KeySlotFileDamaged`."""
        if len(data) > MAX_FILE_BYTES:
            raise KeySlotFileDamaged()
        try:
            return cls._parse(data)
        except (RecursionError, ValueError, TypeError, UnicodeError, OverflowError):
            # Python's own limits (nesting, digits, lone surrogates): a damaged file.
            raise KeySlotFileDamaged() from None

    @classmethod
    def _parse(cls, data: bytes) -> KeySlotFile:
        try:
            body = loads_json(
                data.decode("utf-8"),  # decoded here: a BOM is damage, as it always was
                max_bytes=MAX_FILE_BYTES,
                max_depth=_MAX_DEPTH,
                max_digits=_MAX_INT_DIGITS,
                floats=False,
            )
        except InputError:
            raise KeySlotFileDamaged() from None
        if not isinstance(body, dict):
            raise KeySlotFileDamaged()
        checksum = body.pop("checksum", None)
        expected = hashlib.sha256(_canonical(body)).hexdigest()
        if not isinstance(checksum, str) or checksum != expected:
            raise KeySlotFileDamaged()
        version = body.get("format_version")
        if body.get("format") != FORMAT or type(version) is not int or version != FORMAT_VERSION:
            raise KeySlotFileDamaged()
        vault_id = body.get("vault_id")
        raw_slots = body.get("slots")
        if (
            not isinstance(vault_id, str)
            or not vault_id
            or len(vault_id) > _MAX_TEXT
            or not vault_id.isascii()
            or not isinstance(raw_slots, list)
            or len(raw_slots) > len(KINDS)
        ):
            raise KeySlotFileDamaged()
        slots: dict[str, KeySlot] = {}
        for raw in raw_slots:
            slot = KeySlot.from_json(raw)
            if slot.kind in slots:
                raise KeySlotFileDamaged()
            slots[slot.kind] = slot
        if KIND_PASSPHRASE not in slots:
            raise KeySlotFileDamaged()
        return cls(vault_id, slots)


def read_keyslot_file(path: Path) -> KeySlotFile:
    """The slot file at ``path``; never reads more than :data:`MAX_FILE_BYTES` (+1)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a folder, or a pipe that never ends
            raise KeySlotFileDamaged()
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeySlotFileMissing() from None
    except IsADirectoryError:
        raise KeySlotFileDamaged() from None
    except PermissionError:
        raise errors.VaultError(
            N_("Het sleutelbestand (keyslots.json) kan niet worden gelezen: geen toegang.")
        ) from None
    except OSError as error:
        raise (errors.from_os_error(error) or KeySlotFileDamaged()) from None
    return KeySlotFile.from_bytes(data)


def write_keyslot_file(path: Path, slot_file: KeySlotFile) -> None:
    """Write atomically; the old file survives any failure."""
    try:
        write_app_file(path, slot_file.to_bytes(), mode=0o600)
    except OSError as error:
        mapped = errors.from_os_error(error)
        raise (mapped or errors.VaultError()) from None
