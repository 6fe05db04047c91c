"""Scrubbing the .docx package: no metadata, comments, tracked changes, thumbnail or
template path leaves the laptop."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree


# ---------------------------------------------------------------------------
# Scrubbing the package
# ---------------------------------------------------------------------------

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

#: parts that never go out: custom properties, comments (and their people), the
#: thumbnail of the template, custom XML data, Word 2010's duplicate style sheet
_DROP_PART = re.compile(
    r"^(docProps/custom\.xml|docProps/thumbnail\.[a-z]+|customXml/.*"
    r"|word/comments[A-Za-z]*\.xml|word/people\.xml|word/stylesWithEffects\.xml"
    r"|word/_rels/comments[A-Za-z]*\.xml\.rels)$")

#: tracked changes and comment anchors: removed with their content ...
_DROP_ELEMENTS = ("del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                  "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellDel",
                  "cellMerge", "commentRangeStart", "commentRangeEnd", "commentReference",
                  "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                  "moveToRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
                  "customXmlInsRangeStart", "customXmlInsRangeEnd")
#: ... and insertions accepted: the element goes, its content stays
_UNWRAP_ELEMENTS = ("ins", "moveTo", "cellIns")
#: settings that carry a path, a user or a change history
_DROP_SETTINGS = ("attachedTemplate", "trackRevisions", "rsids", "docVars",
                  "mailMerge", "documentProtection")

_CORE_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title></dc:title><dc:subject></dc:subject><dc:creator></dc:creator>"
    "<cp:keywords></cp:keywords><dc:description></dc:description>"
    "<cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>1</cp:revision>"
    "<cp:category></cp:category></cp:coreProperties>"
)
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>casusdesk</Application><DocSecurity>0</DocSecurity>'
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _rels_source_dir(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word``; ``_rels/.rels`` → ``""``."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return folder


def _scrub_rels(name: str, data: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(data)
    base = _rels_source_dir(name)
    for rel in list(root):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(base, target))
        if path in dropped:
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _scrub_content_types(data: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(data)
    for override in list(root):
        if override.tag == f"{{{_CT_NS}}}Override" and \
                override.get("PartName", "").lstrip("/") in dropped:
            root.remove(override)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _scrub_word_part(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for local in _DROP_ELEMENTS:
        for element in list(root.iter(_w(local))):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    for local in _UNWRAP_ELEMENTS:
        for element in list(root.iter(_w(local))):
            parent = element.getparent()
            if parent is None:
                continue
            if parent.tag in (_w("rPr"), _w("trPr"), _w("tcPr")):
                parent.remove(element)  # a revision mark, not a container
                continue
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
            parent.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _scrub_settings(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for local in _DROP_SETTINGS:
        for element in list(root.iter(_w(local))):
            element.getparent().remove(element)
    # Word removes personal data from what a recipient later adds (comments, changes)
    anchor_index = 0
    for i, child in enumerate(root):
        if child.tag in (_w("writeProtection"), _w("view"), _w("zoom")):
            anchor_index = i + 1
    for local in ("removeDateAndTime", "removePersonalInformation"):
        if root.find(_w(local)) is None:
            root.insert(anchor_index, etree.Element(_w(local)))
    # keep the order of the schema: removePersonalInformation before removeDateAndTime
    rpi, rdt = root.find(_w("removePersonalInformation")), root.find(_w("removeDateAndTime"))
    if root.index(rpi) > root.index(rdt):
        root.remove(rpi)
        root.insert(root.index(rdt), rpi)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def scrub_docx(data: bytes) -> bytes:
    """A copy of a .docx package without personal metadata.

    Core properties emptied (no author, last modified by, title, subject, comments,
    keywords, category, dates; revision 1), a neutral app.xml, no custom properties,
    comments, people, thumbnail or custom XML; tracked changes accepted (insertions
    kept, deletions gone) and their authors with them; no template path or revision ids
    in the settings. Zip entries get a fixed timestamp.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        dropped = {n for n in names if _DROP_PART.match(n)}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                if name in dropped:
                    continue
                content = source.read(name)
                if name.endswith(".rels"):
                    content = _scrub_rels(name, content, dropped)
                elif name == "[Content_Types].xml":
                    content = _scrub_content_types(content, dropped)
                elif name == "docProps/core.xml":
                    content = _CORE_XML.encode("utf-8")
                elif name == "docProps/app.xml":
                    content = _APP_XML.encode("utf-8")
                elif name == "word/settings.xml":
                    content = _scrub_settings(content)
                elif name.startswith("word/") and name.endswith(".xml"):
                    content = _scrub_word_part(content)
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, content)
    return out.getvalue()
