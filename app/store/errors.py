"""Errors of the vault. Each is one calm Dutch sentence the user can act on, kept as a marked
msgid (``error.message``, with ``error.params``) and translated by ``str(error)`` when shown
(see app.i18n.messages): a worker thread's error, shown after a language switch, is still right.

No error text ever contains a passphrase, a key, a recovery code or personal data.
"""

from __future__ import annotations

from app.i18n import N_
from app.i18n.messages import TranslatableError


class VaultError(TranslatableError):
    """Base class: something about the vault that the user should know about.

    ``VaultError()`` uses the class's ``default_message``; ``VaultError(N_("…{x}…"), x=...)``
    another marked msgid.
    """

    default_message = N_("Er ging iets mis met de kluis.")


class WrongSecret(VaultError):
    """The passphrase or recovery code does not open the vault. Nothing was changed."""

    default_message = N_("De wachtwoordzin klopt niet. Probeer het nog eens.")

    def __init__(self, message: str | None = None, /, *, failed_attempts: int = 1) -> None:
        super().__init__(message)
        self.failed_attempts = failed_attempts


class WrongPassphrase(WrongSecret):
    # Plain: the vault stays as it was, but "nothing was changed" reads oddly after a typo.
    default_message = N_(
        "De wachtwoordzin klopt niet. Let op hoofdletters en spaties en probeer het nog eens."
    )


class WrongRecoveryCode(WrongSecret):
    default_message = N_(
        "De herstelcode klopt niet. Vergelijk wat u typte met de code op papier en probeer het "
        "nog eens."
    )


class MalformedRecoveryCode(WrongRecoveryCode):
    default_message = N_(
        "Dit lijkt geen herstelcode. Een herstelcode heeft 28 tekens in groepjes van vier, "
        "bijvoorbeeld ABCD-EFGH-… Controleer wat u hebt overgenomen."
    )


class VaultNotFound(VaultError):
    default_message = N_("In deze map staat geen kluis. Maak eerst een nieuwe kluis aan.")


class VaultAlreadyExists(VaultError):
    default_message = N_(
        "In deze map staat al een kluis (of een deel ervan). Er is niets overschreven."
    )


class VaultDatabaseMissing(VaultError):
    default_message = N_(
        "Het sleutelbestand is er wel, maar het kluisbestand (vault.db) ontbreekt. "
        "Zet een reservekopie terug met «Reservekopie terugzetten…» (op het vergrendelscherm of "
        "in Instellingen → Reservekopie) of met vindplaats vault restore. Er is niets veranderd."
    )


class KeySlotFileMissing(VaultError):
    default_message = N_(
        "Het sleutelbestand (keyslots.json) ontbreekt. Zonder dit bestand kan de kluis niet "
        "open. Zet een reservekopie terug met «Reservekopie terugzetten…» (op het "
        "vergrendelscherm of in Instellingen → Reservekopie) of met vindplaats vault restore. "
        "Er is niets veranderd."
    )


class KeySlotFileDamaged(VaultError):
    default_message = N_(
        "Het sleutelbestand (keyslots.json) is beschadigd of gewijzigd. Zet een reservekopie "
        "terug met «Reservekopie terugzetten…» (op het vergrendelscherm of in Instellingen → "
        "Reservekopie) of met vindplaats vault restore. Er is niets veranderd."
    )


class NotAVault(VaultError):
    default_message = N_(
        "Het kluisbestand (vault.db) is geen kluis van Vindplaats of hoort niet bij dit "
        "sleutelbestand. Er is niets veranderd."
    )


class VaultTampered(VaultError):
    default_message = N_(
        "Het kluisbestand is beschadigd of van buitenaf gewijzigd. Zet een reservekopie terug "
        "met «Reservekopie terugzetten…» (op het vergrendelscherm of in Instellingen → "
        "Reservekopie) of met vindplaats vault restore, en neem contact op met uw "
        "ICT-ondersteuning. Er is niets overschreven."
    )


class VaultIncomplete(VaultTampered):
    """``vault.db`` is too short, not made of whole pages, or holds no tables: damage, never
    a new vault."""

    default_message = N_(
        "Het kluisbestand (vault.db) is onvolledig of leeg. Het is niet als nieuwe kluis "
        "geopend en er is niets overschreven."
    )


class WalDamaged(VaultTampered):
    default_message = N_(
        "Het logbestand van de kluis (vault.db-wal) is beschadigd. De kluis is niet geopend "
        "en er is niets overschreven."
    )


class DataDirReadOnly(VaultError):
    default_message = N_(
        "In de gegevensmap kan niet worden geschreven: de map is alleen-lezen of u mag er "
        "niet in schrijven. Er is niets veranderd."
    )


class DataDirNoAccess(VaultError):
    """The folder (or a file of the vault in it) cannot be entered or read at all."""

    default_message = N_(
        "U hebt geen toegang tot de gegevensmap of de kluisbestanden erin (geen leesrechten). "
        "Vraag uw ICT-ondersteuning om de rechten te herstellen. Er is niets veranderd."
    )


class DiskFull(VaultError):
    default_message = N_("De schijf is vol. Maak ruimte vrij en probeer het opnieuw.")


class UnsafeConnection(VaultError):
    """The database connection does not have the settings we require; it was refused."""

    default_message = N_(
        "De kluis kan niet veilig worden geopend op deze computer (verkeerde versie of "
        "instelling van de databasesoftware). Er is niets veranderd."
    )


class SchemaTooNew(VaultError):
    default_message = N_(
        "Deze kluis is gemaakt met een nieuwere versie van Vindplaats. Installeer de nieuwste "
        "versie. Er is niets veranderd."
    )


class MigrationFailed(VaultError):
    default_message = N_(
        "De kluis kon niet worden bijgewerkt naar deze versie. De kluis is niet veranderd."
    )


class WeakPassphrase(VaultError):
    """The new passphrase does not meet the policy (see :mod:`app.store.policy`)."""

    default_message = N_("Deze wachtwoordzin is te zwak.")


class VaultLocked(VaultError):
    default_message = N_("De kluis is vergrendeld. Ontgrendel de kluis eerst.")


def from_os_error(error: BaseException) -> VaultError | None:
    """The vault error for a failed write (read-only folder, full disk), or ``None``."""
    import errno

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            if current.errno in (errno.ENOSPC, errno.EDQUOT):
                return DiskFull()
            if current.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return DataDirReadOnly()
        message = str(current).lower()
        if "disk is full" in message or "database or disk is full" in message:
            return DiskFull()
        if "readonly" in message or "read-only" in message:
            return DataDirReadOnly()
        current = current.__cause__ or current.__context__
    return None
