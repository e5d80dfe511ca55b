"""Domain analyses between the document model and the checkers.

Each module here computes one view of a document (its outline, its statistical tables,
its running text, its dates) once per document, for every checker that needs it.
"""
