"""The mail draft (.eml, ``X-Unsent: 1``) for the facilitator's own mail program;
nothing is sent from here."""

from __future__ import annotations

import os
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any


from casusdesk.domain.errors import CasusdeskError, os_reason
from casusdesk.storage.repositories import Store
from casusdesk.services.files import write_atomic
from casusdesk.services import minutes as _pkg  # looked up at call time (tests replace them)
from casusdesk.services.minutes import DOCX_MIME, MinutesDocument, _fill, dutch_date, retention_date

# ---------------------------------------------------------------------------
# Mail draft
# ---------------------------------------------------------------------------


def write_mail_draft(docx_path: str | os.PathLike[str], out_eml_path: str | os.PathLike[str],
                     *, subject: str, body: str, boundary: Any | None = None) -> Path:
    """Write an ``.eml`` mail draft with the document attached.

    The header ``X-Unsent: 1`` makes Outlook (and Thunderbird) open it as a new message
    to complete and send; there is no To or From: the facilitator chooses the
    recipients in the mail program. Nothing is sent from here.

    Raises:
        CasusdeskError: the document cannot be read or the draft cannot be written.
    """
    docx_path = Path(docx_path)
    try:
        attachment = docx_path.read_bytes()
    except OSError as exc:
        raise CasusdeskError(f"Kan het verslag {docx_path} niet lezen: "
                             f"{os_reason(exc)}.") from None
    message = EmailMessage()
    message["Subject"] = " ".join(subject.split())
    message["X-Unsent"] = "1"
    message.set_content(body if body.endswith("\n") else body + "\n")
    maintype, subtype = DOCX_MIME.split("/")
    message.add_attachment(attachment, maintype=maintype, subtype=subtype,
                           filename=docx_path.name)
    data = message.as_bytes(policy=SMTP)
    if boundary is not None:
        return boundary.write(Path(out_eml_path), data, "eml", what="het e-mailconcept")
    return write_atomic(Path(out_eml_path), data, what="het e-mailconcept")


def export_mail_draft(store: Store, session_id: int, docx_path: str | os.PathLike[str],
                      out_eml_path: str | os.PathLike[str], *,
                      decisions: Any | None = None, skip_damaged: bool = False) -> Path:
    """The mail draft of a session's exported minutes, through the privacy boundary:
    its subject, text and attachment are checked before anything is written."""
    from casusdesk.services.export_boundary import SessionBoundary

    subject, body = _pkg.session_mail_text(store, session_id)
    boundary = SessionBoundary(store, session_id, decisions=decisions,
                               skip_damaged=skip_damaged)
    return write_mail_draft(docx_path, out_eml_path, subject=subject, body=body,
                            boundary=boundary)


def mail_text(doc: MinutesDocument) -> tuple[str, str]:
    """(subject, body) proposed for the mail draft of these minutes."""
    return doc.mail_subject, doc.mail_body


def session_mail_text(store: Store, session_id: int) -> tuple[str, str]:
    """(subject, body) for the mail draft of a session, without building the minutes
    (no deduce needed): the texts of ``[mail]`` in notulen.toml with the date filled in."""
    session = store.get_session(session_id)
    texts = _pkg.minutes_texts()
    values = {"datum": dutch_date(session.date), "bewaren_tot": dutch_date(retention_date(
        session.date, int(texts["verslag"].get("bewaartermijn_maanden", 12))))}
    return (_fill(str(texts["mail"].get("onderwerp", "")), **values),
            _fill(str(texts["mail"].get("tekst", "")), **values) + "\n")
