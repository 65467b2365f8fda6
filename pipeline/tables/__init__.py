"""The contract and its files: the schema of every table, validation, Parquet/CSV writers, the loader.

Takes rows or Arrow tables; gives validated, typed, atomically written files and a manifest.
Must never import a stage or the run machinery: every stage may rely on it.
"""
