"""A metamorphic test harness over the real reports (issue 8).

A transformation takes a real report and makes a new file from it (re-encoded, rendered
into another medium, changed in one known place); its expectation says how disclint's
warning/error findings must change: not at all, or by exactly the findings named. The
modules:

* :mod:`.findings` runs disclint on a file and compares findings by code and a place that
  survives a change of medium (the quoted labels and text of the message, never line:column);
* :mod:`.outline` reads a report with disclint's own model (blocks, tables, the recognised
  section headings and statistical tables) into a medium-free outline;
* :mod:`.render` writes that outline as HTML (merged cells), DOCX (Word tables, Heading
  styles or bold paragraphs), markdown pipe tables, or PDF;
* :mod:`.transforms` holds each transformation as a small function and their registry;
* :mod:`.run` applies a transformation to a report and judges the result.
"""
