"""Tools beside the pipeline: preview, changes, sync, importers, new notes, init and
the command-line reports.
"""
